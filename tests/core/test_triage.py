"""Who matters? after an import: who waits to be sorted, in which order, and what sorting does to the care clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netzcore import care, triage
from netzcore import db as netzdb
from netzcore.contacts import create_contact
from netzcore.importers import ImportFile, apply_import, plan_import
from tests.care_seed import TODAY, met
from tests.conftest import FIXTURES

EVERYDAY = FIXTURES / "everyday"


def _import(con: netzdb.Connection, *names: str) -> None:
    files = [ImportFile(name, (EVERYDAY / name).read_bytes()) for name in names]
    apply_import(con, plan_import(con, files))


PHONE = "phone-export-20-new-people-all-tier-d.vcf"
LINKEDIN = "linkedin-connections-6-of-them-on-the-phone-too.csv"


def test_imported_contacts_wait_hand_made_and_demo_ones_never(con: netzdb.Connection) -> None:
    create_contact(con, "Hand Made", tier="B")
    con.execute("INSERT INTO contacts (full_name, sources) VALUES ('Demo Person', ['demo'])")
    _import(con, PHONE)
    assert triage.untriaged_count(con) == 20
    assert triage.triage_candidates(con, TODAY).total == 20


def test_the_most_promising_come_first(con: netzdb.Connection) -> None:
    _import(con, PHONE, LINKEDIN)
    page = triage.triage_candidates(con, TODAY)
    names = [c.full_name for c in page.rows]
    # executives known from the phone and from LinkedIn first, a bare name without title last
    assert names[:2] == ["Andreas Lang", "Sabine Keller"]
    assert names[-1] == "Daniel Weber"
    first = page.rows[0]
    assert first.sources == ("linkedin", "vcard") and first.linkedin_since == dt.date(2026, 9, 20)
    assert triage.triage_reasons("en", first) == (
        "executive level · known from LinkedIn, address book · LinkedIn since Sep 2026")
    assert triage.triage_reasons("de", first) == (
        "Geschäftsführungsebene · bekannt aus LinkedIn, Adressbuch · LinkedIn seit Sept. 2026")
    assert triage.triage_reasons("en", page.rows[-1]) == ""


def test_a_target_segment_and_recent_meetings_move_a_contact_up(con: netzdb.Connection) -> None:
    _import(con, PHONE)
    con.execute("INSERT INTO segments (kind, name, organization_names, organization_keys, priority) "
                "VALUES ('company', 'Stadt Ulm', ['Stadt Ulm'], ['stadt ulm'], 1)")
    katrin = con.execute("SELECT id FROM contacts WHERE full_name = 'Katrin Maier'").fetchone()
    assert katrin is not None
    met(con, katrin[0], 20, "call")
    page = triage.triage_candidates(con, TODAY)
    assert page.rows[0].full_name == "Katrin Maier"
    assert page.rows[0].segments == ("Stadt Ulm",) and page.rows[0].recent_interactions == 1
    assert triage.triage_reasons("en", page.rows[0]).startswith("target segment Stadt Ulm · specialist level")
    assert "1 interaction in 12 months" in triage.triage_reasons("en", page.rows[0])


def test_sorting_keeps_the_reason_and_makes_the_sorted_due_today(con: netzdb.Connection) -> None:
    _import(con, PHONE)
    ids = [c.contact_id for c in triage.triage_candidates(con, TODAY, limit=3).rows]
    assert triage.sort_into_tier(con, ids, "A", "Sorted after the import") == 3
    assert triage.untriaged_count(con) == 17
    assert con.execute("SELECT count(*) FROM tier_history WHERE reason = 'Sorted after the import' "
                       "AND old_tier = 'D' AND new_tier = 'A'").fetchone() == (3,)
    due = care.due_list(con, TODAY)
    assert {item.contact_id for item in due.items} == set(ids)
    assert {(item.due_state, item.days_overdue) for item in due.items} == {("due", 0)}
    # the first interaction starts the normal rhythm
    met(con, ids[0], 0, "call")
    assert ids[0] not in {item.contact_id for item in care.due_list(con, TODAY).items}
    # a hand-made contact changing tier keeps the clock from when it was added
    hand = create_contact(con, "Hand Made", tier="D")
    care.change_tier(con, hand, "A", "important now")
    assert hand not in {item.contact_id for item in care.due_list(con, TODAY).items}


def test_keep_as_is_and_keep_the_rest(con: netzdb.Connection) -> None:
    _import(con, PHONE)
    rows = triage.triage_candidates(con, TODAY).rows
    assert triage.keep_as_is(con, [rows[0].contact_id]) == 1
    assert triage.keep_as_is(con, [rows[0].contact_id]) == 0, "kept twice"
    assert triage.keep_all_except(con, [rows[1].contact_id]) == 18
    assert [c.contact_id for c in triage.triage_candidates(con, TODAY).rows] == [rows[1].contact_id]
    assert con.execute("SELECT count(*) FROM contacts WHERE tier <> 'D'").fetchone() == (0,)
    assert care.due_list(con, TODAY).total == 0, "D contacts have no rhythm, keeping them makes nobody due"


def test_the_running_count_against_the_goals(con: netzdb.Connection) -> None:
    _import(con, PHONE)
    assert triage.goal_need(con, TODAY) == triage.GoalNeed(("A", "B"), 0, 0, 0)
    segment = con.execute("INSERT INTO segments (kind, name, keywords) VALUES ('field', 'Energy', ['energie']) "
                          "RETURNING id").fetchone()
    goal = con.execute("INSERT INTO goals (title, target_count) VALUES ('Energy', 3) RETURNING id").fetchone()
    assert segment is not None and goal is not None
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal[0], segment[0]])
    florian = con.execute("SELECT id FROM contacts WHERE full_name = 'Florian Graf'").fetchone()
    assert florian is not None
    triage.sort_into_tier(con, [florian[0]], "B", "energy financing")
    assert triage.goal_need(con, TODAY) == triage.GoalNeed(("A", "B"), 1, 3, 1)


def _migrated_before(con: netzdb.Connection, version: int) -> None:
    """Apply only the migrations before `version`, as an older netz left the file."""
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    for migration in netzdb.migrations():
        if migration.version < version:
            con.execute(migration.sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [migration.version, migration.name])


def test_an_older_database_keeps_its_decisions(tmp_path: Path) -> None:
    """Migration 140: contacts made by hand or the demo, or whose tier was ever changed, count as sorted; imported
    contacts nobody touched wait."""
    import duckdb

    path = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(path))
    _migrated_before(raw, 140)
    raw.execute("INSERT INTO contacts (id, full_name, tier, sources) VALUES ('m', 'Manual', 'B', ['manual']), "
                "('d', 'Demo', 'C', ['demo']), ('t', 'Touched', 'A', ['vcard']), ('u', 'Untouched', 'D', ['vcard'])")
    raw.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES ('t', 'D', 'A', 'key')")
    raw.close()
    con = netzdb.connect(path)
    assert [r[0] for r in con.execute("SELECT id FROM contacts WHERE triaged_at IS NULL").fetchall()] == ["u"]
    assert triage.untriaged_count(con) == 1
    con.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_reason_has_words(lang: str) -> None:
    candidate = triage.TriageCandidate("x", "X", None, None, "executive", "D", ("linkedin", "vcard", "event"),
                                       ("S1", "S2", "S3"), dt.date(2026, 1, 5), 2, 9)
    text = triage.triage_reasons(lang, candidate)
    assert "triage." not in text and "S3" not in text and text.count(" · ") == 4
    for level in ("head", "specialist"):
        assert "triage." not in triage.triage_reasons(lang, triage.TriageCandidate(
            "x", "X", None, None, level, "D", (), (), None, 0, 0))

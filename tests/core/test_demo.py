"""The demo network: reproducible, realistic, current, complete, and never mixed into real data."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import phonenumbers
import pytest

from netzcore import db as netzdb
from netzcore.demo import DatabaseNotEmpty, is_empty, load_demo
from netzcore.demo_data import TITLES
from netzcore.hierarchy import hierarchy_level
from netzcore.organizations import normalize_org_name

TODAY = dt.date(2031, 3, 10)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[netzdb.Connection]:
    """One demo network on a fixed day, read by the tests below (none of them writes)."""
    connection = netzdb.connect(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    load_demo(connection, today=TODAY)
    yield connection
    connection.close()


def rows(con: netzdb.Connection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def one(con: netzdb.Connection, sql: str, *params: object) -> object:
    return rows(con, sql, *params)[0][0]


def test_same_seed_gives_the_same_network(tmp_path: Path) -> None:
    def network(name: str, seed: int) -> tuple[list[tuple], list[tuple]]:
        con = netzdb.connect(tmp_path / name)
        load_demo(con, seed=seed, today=TODAY)
        people = rows(con, "SELECT c.full_name, c.tier, c.title, o.name, c.emails, c.birthday_month, "
                           "(SELECT count(*) FROM interactions i WHERE i.contact_id = c.id), "
                           "(SELECT max(occurred_on) FROM interactions i WHERE i.contact_id = c.id) "
                           "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id ORDER BY ALL")
        tiers = rows(con, "SELECT tier, count(*) FROM contacts GROUP BY tier ORDER BY tier")
        con.close()
        return people, tiers

    first, again, other = network("a.duckdb", 42), network("b.duckdb", 42), network("c.duckdb", 7)
    assert first == again
    assert first[1] == [("A", 21), ("B", 51), ("C", 99), ("D", 129)]
    assert {row[0] for row in first[0]} != {row[0] for row in other[0]}


def test_tiers_follow_the_method(demo: netzdb.Connection) -> None:
    shares = dict(rows(demo, "SELECT tier, count(*) / 300 FROM contacts GROUP BY tier"))
    assert shares["A"] == pytest.approx(0.07, abs=0.01)
    assert shares["B"] == pytest.approx(0.17, abs=0.01)
    assert shares["C"] == pytest.approx(0.33, abs=0.01)
    assert shares["D"] == pytest.approx(0.43, abs=0.01)


TABLES_THE_METHOD_NEEDS = (
    "organizations", "contacts", "contact_identities", "interactions", "tier_history", "career_history",
    "relationships", "introductions", "goals", "segments", "goal_segments", "events", "event_goals", "exhibitors",
    "event_plans",
)


@pytest.mark.parametrize("table", TABLES_THE_METHOD_NEEDS)
def test_every_area_has_rows(demo: netzdb.Connection, table: str) -> None:
    assert one(demo, f"SELECT count(*) FROM {table}")  # noqa: S608


def test_my_profile_has_an_elevator_pitch(demo: netzdb.Connection) -> None:
    name, pitch, offer, region = rows(demo, "SELECT full_name, elevator_pitch, offer, home_region FROM profile")[0]
    assert name and len(pitch) > 40 and offer and region == "DE"


def test_goals_have_target_segments_that_find_contacts(demo: netzdb.Connection) -> None:
    per_goal = rows(demo, "SELECT g.title, count(*) FROM goals g JOIN goal_segments gs ON gs.goal_id = g.id "
                          "GROUP BY g.title")
    assert 3 <= len(per_goal) <= 4 and all(n >= 1 for _, n in per_goal)
    assert 6 <= one(demo, "SELECT count(*) FROM segments") <= 8  # type: ignore[operator]
    empty = rows(demo, "SELECT s.name FROM segments s WHERE s.id NOT IN (SELECT segment_id FROM segment_members())")
    assert empty == []
    for names, keys in rows(demo, "SELECT organization_names, organization_keys FROM segments"):
        assert sorted({normalize_org_name(n) for n in names}) == sorted(keys)
    assert one(demo, "SELECT count(DISTINCT kind) FROM segments") == 4


def test_due_states_are_mixed_for_a_and_b(demo: netzdb.Connection) -> None:
    states = set(rows(demo, "SELECT tier, due_state FROM contact_care(?) WHERE tier IN ('A', 'B')", TODAY))
    for tier in "AB":
        for state in ("overdue", "due", "soon", "ok"):
            assert (tier, state) in states
    open_follow_ups = rows(demo, "SELECT follow_up_on < ? FROM interactions "
                                 "WHERE follow_up_on IS NOT NULL AND NOT follow_up_done", TODAY)
    assert {True, False} <= {late for (late,) in open_follow_ups}


def test_due_states_follow_the_cadences_set_before_loading(con: netzdb.Connection) -> None:
    con.execute("UPDATE tier_cadence SET cadence_days = 21, grace_factor = 2 WHERE tier = 'A'")
    con.execute("UPDATE tier_cadence SET cadence_days = NULL WHERE tier = 'C'")
    load_demo(con, today=TODAY)
    states = dict(rows(con, "SELECT due_state, count(*) FROM contact_care(?) WHERE tier = 'A' GROUP BY ALL", TODAY))
    assert set(states) == {"overdue", "due", "soon", "ok"}
    assert rows(con, "SELECT DISTINCT due_state FROM contact_care(?) WHERE tier = 'C'", TODAY) == [("none",)]


def test_dates_are_relative_to_today(demo: netzdb.Connection) -> None:
    first, last = rows(demo, "SELECT min(occurred_on), max(occurred_on) FROM interactions")[0]
    assert TODAY - dt.timedelta(days=740) <= first and last <= TODAY
    assert last >= TODAY - dt.timedelta(days=7)
    events = rows(demo, "SELECT kind, city, starts_on FROM events ORDER BY starts_on")
    assert len(events) == 3
    assert all(TODAY + dt.timedelta(weeks=2) <= start <= TODAY + dt.timedelta(weeks=10) for *_, start in events)
    assert {kind for kind, *_ in events} == {"trade_fair", "conference", "association"}
    assert ("trade_fair", "Hannover") in {(kind, city) for kind, city, _ in events}
    soon = [dt.date(TODAY.year if (m, d) >= (TODAY.month, TODAY.day) else TODAY.year + 1, m, d) - TODAY
            for m, d in rows(demo, "SELECT birthday_month, birthday_day FROM contacts WHERE birthday_month > 0")]
    assert sum(1 for gap in soon if gap.days < 30) >= 5
    recent_moves = one(demo, "SELECT count(*) FROM career_history WHERE observed_on >= ?",
                       TODAY - dt.timedelta(days=60))
    assert recent_moves


def test_the_trade_fair_lists_exhibitors_some_of_them_known(demo: netzdb.Connection) -> None:
    exhibitors = rows(demo, "SELECT x.name, x.normalized_name, x.organization_id FROM exhibitors x "
                            "JOIN events e ON e.id = x.event_id WHERE e.kind = 'trade_fair'")
    assert len(exhibitors) >= 20
    assert all(norm == normalize_org_name(name) for name, norm, _ in exhibitors)
    known = [org for *_, org in exhibitors if org]
    assert 0 < len(known) < len(exhibitors)
    plans = dict(rows(demo, "SELECT status, count(*) FROM event_plans GROUP BY status"))
    assert {"to_ask", "asked", "confirmed"} <= set(plans)
    slots = rows(demo, "SELECT p.slot_start, e.starts_on, e.ends_on FROM event_plans p "
                       "JOIN events e ON e.id = p.event_id WHERE p.status = 'confirmed'")
    assert slots and all(start <= slot.date() <= end for slot, start, end in slots)


def test_interactions_carry_hooks_and_give_and_take(demo: netzdb.Connection) -> None:
    hooks, gave, received, in_person, online, channels = rows(
        demo, "SELECT count(hooks), count(gave), count(received), count(*) FILTER (in_person), "
              "count(*) FILTER (NOT in_person), count(DISTINCT channel) FROM interactions")[0]
    assert hooks > 300 and gave > 200 and received > 200 and in_person > 100 and online > 100
    assert channels >= 8
    assert one(demo, "SELECT count(*) FROM interactions WHERE hooks = 'Die H2-Studie schicken'")
    latest_a_b = rows(demo, "SELECT DISTINCT ON (i.contact_id) i.hooks FROM interactions i "
                            "JOIN contacts c ON c.id = i.contact_id WHERE c.tier IN ('A', 'B') "
                            "ORDER BY i.contact_id, i.occurred_on DESC")
    assert all(hook for (hook,) in latest_a_b), "every A/B contact has a hook for the next conversation"
    assert set(dict(rows(demo, "SELECT status, count(*) FROM introductions GROUP BY status"))) >= {"open", "met"}


def test_contacts_look_real(demo: netzdb.Connection) -> None:
    people = rows(demo, "SELECT full_name, title, hierarchy_level, emails, phones, linkedin_url, city, country, "
                        "birthday_year, birthday_month, sources FROM contacts")
    names = " ".join(p[0] for p in people)
    assert re.search("[äöüÄÖÜß]", names) and re.search("[éøåł]", names)
    assert len({p[0] for p in people}) == len(people)
    assert {p[2] for p in people} == {"executive", "head", "specialist", None}
    assert all(p[2] == hierarchy_level(p[1]) for p in people)
    assert all(p[3] and re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z.]+", p[3][0]) for p in people)
    phones = [phone for p in people for phone in p[4]]
    assert len(phones) > 250
    for phone in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
        assert phonenumbers.format_number(phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.E164) == phone
    links = [p[5] for p in people if p[5]]
    assert len(links) > 200
    assert all(re.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+", link) for link in links)
    assert {p[7] for p in people} >= {"Deutschland", "Österreich", "Schweiz"} and len({p[7] for p in people}) >= 6
    assert any(p[8] is None and p[9] for p in people), "some birthdays are known without the year"
    assert any(p[9] is None for p in people)
    assert all(p[10] == ["demo"] for p in people)
    assert one(demo, "SELECT count(DISTINCT field) FROM organizations") == 8
    assert one(demo, "SELECT count(*) FROM contacts WHERE len(tags) > 0 AND len(topics) > 0 AND how_met <> ''")


@pytest.mark.parametrize(("title", "level"), [
    ("Geschäftsführerin", "executive"), ("CEO", "executive"), ("Mitglied des Vorstands", "executive"),
    ("Managing Director", "executive"), ("Leiterin Einkauf", "head"), ("Head of Hydrogen", "head"),
    ("Director Strategy", "head"), ("Projektingenieur", "specialist"), ("Key Account Manager", "specialist"),
])
def test_hierarchy_level_from_title(title: str, level: str) -> None:
    assert hierarchy_level(title) == level


def test_every_demo_title_sits_on_its_level() -> None:
    for by_level in TITLES.values():
        for level, titles in by_level.items():
            for masculine, feminine, _ in titles:
                assert hierarchy_level(masculine) == hierarchy_level(feminine) == level


def test_scales_to_the_requested_size(con: netzdb.Connection) -> None:
    summary = load_demo(con, contacts=1500, interactions=12000, seed=3)
    assert one(con, "SELECT count(*) FROM contacts") == summary.contacts == 1500
    assert one(con, "SELECT count(*) FROM interactions") == summary.interactions == 12000
    assert summary.organizations == one(con, "SELECT count(*) FROM organizations") > 200  # type: ignore[operator]
    assert summary.tiers == {"A": 105, "B": 255, "C": 495, "D": 645}


def test_a_database_with_data_is_refused_and_left_alone(con: netzdb.Connection) -> None:
    assert is_empty(con)
    con.execute("INSERT INTO contacts (full_name) VALUES ('Anna Weber')")
    assert not is_empty(con)
    with pytest.raises(DatabaseNotEmpty, match="not empty"):
        load_demo(con)
    assert rows(con, "SELECT full_name FROM contacts") == [("Anna Weber",)]
    assert one(con, "SELECT count(*) FROM organizations") == 0
    assert one(con, "SELECT full_name FROM profile") == ""


def test_a_goal_alone_also_makes_the_database_not_empty(con: netzdb.Connection) -> None:
    con.execute("INSERT INTO goals (title) VALUES ('Mein Ziel')")
    assert is_empty(con)
    with pytest.raises(DatabaseNotEmpty):
        load_demo(con)
    assert one(con, "SELECT count(*) FROM contacts") == 0


def test_my_own_profile_is_kept(con: netzdb.Connection) -> None:
    con.execute("UPDATE profile SET full_name = 'Eva Schön'")
    load_demo(con, contacts=80)
    assert one(con, "SELECT full_name FROM profile") == "Eva Schön"


def netz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netzcore.cli", *args], capture_output=True, text=True, timeout=120)


def test_cli_loads_the_demo_and_refuses_a_second_time(tmp_path: Path) -> None:
    path = tmp_path / "cli.duckdb"
    done = netz("demo", "--db", str(path), "--contacts", "120", "--interactions", "900", "--lang", "de")
    assert done.returncode == 0, done.stderr
    assert "120 Kontakte" in done.stdout and "900 Kontaktpunkte" in done.stdout and str(path) in done.stdout
    again = netz("demo", "--db", str(path), "--lang", "en")
    assert again.returncode == 1
    assert str(path) in again.stderr and "already holds data" in again.stderr
    con = netzdb.connect(path)
    assert one(con, "SELECT count(*) FROM contacts") == 120
    assert one(con, "SELECT count(*) FROM interactions") == 900
    con.close()


def test_cli_speaks_english_and_rejects_a_nonsense_size(tmp_path: Path) -> None:
    done = netz("demo", "--db", str(tmp_path / "en.duckdb"), "--contacts", "60", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "60 contacts" in done.stdout and "3 upcoming events" in done.stdout
    wrong = netz("demo", "--db", str(tmp_path / "zero.duckdb"), "--contacts", "0", "--lang", "en")
    assert wrong.returncode == 1 and "--contacts" in wrong.stderr

"""Who matters? on the Contacts page: after an import the new contacts wait, most promising first; ticked rows get a
tier in one click; the count against the goals runs along; Today, the import report and the tier review point here."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from tests.conftest import FIXTURES, AppFactory, select_rows

PHONE = FIXTURES / "everyday" / "phone-export-20-new-people-all-tier-d.vcf"
LINKEDIN = FIXTURES / "everyday" / "linkedin-connections-6-of-them-on-the-phone-too.csv"


def _imported(app: AppFactory, db_path: Path, lang: str = "en") -> AppTest:
    """Import the phone export and the LinkedIn file through the import panel, as a user does."""
    at = app(db_path, page="import_export", lang=lang)
    at.get("file_uploader")[0].set_value([(PHONE.name, PHONE.read_bytes(), "text/vcard"),
                                          (LINKEDIN.name, LINKEDIN.read_bytes(), "text/csv")]).run()
    at.button(key="import_read").click().run()
    at.button(key="import_apply").click().run()
    assert not at.exception, at.exception
    return at


def _triage(at: AppTest) -> AppTest:
    at.switch_page("views/contacts.py").run()
    at.segmented_control(key="contacts_view").set_value("triage").run()
    assert not at.exception, at.exception
    return at


def _names(at: AppTest) -> list[str]:
    return list(next(df.value for df in at.dataframe if "Why here" in df.value.columns)["Name"])


def test_the_import_report_says_what_comes_next(app: AppFactory, db_path: Path) -> None:
    at = _imported(app, db_path)
    assert any("20 new contacts are not sorted yet" in info.value for info in at.info)
    link = next(link for link in at.page_link if link.proto.page == "contacts")
    assert link.value == "Who matters? Sort the new contacts" and "view=triage" in link.proto.query_string


def test_sort_new_contacts_by_the_tick_and_the_count_runs_along(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    segment = con.execute("INSERT INTO segments (kind, name, keywords) VALUES ('field', 'Energie', ['energie']) "
                          "RETURNING id").fetchone()
    goal = con.execute("INSERT INTO goals (title, target_count) VALUES ('Energie', 4) RETURNING id").fetchone()
    assert segment is not None and goal is not None
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal[0], segment[0]])
    con.close()
    at = _triage(_imported(app, db_path))
    names = _names(at)
    assert names[0] == "Florian Graf", "the head of energy at KfW, in the goal's segment, known twice, is not first"
    assert names[-1] == "Daniel Weber"
    assert any("20 contacts" in m.value and "waiting" in m.value for m in at.markdown)
    assert any(p.proto.text == "A/B contacts: 0 of the 4 your goals ask for" for p in at.get("progress"))
    assert at.button(key="triage_tier_A").disabled, "a tier without a ticked row"

    select_rows(at, "triage_table", [0, 1])
    assert any(m.value.startswith("2 selected: Florian Graf") for m in at.markdown)
    at.button(key="triage_tier_A").click().run()
    assert any("2 contacts are now tier A" in s.value for s in at.success)
    assert any(p.proto.text == "A/B contacts: 1 of the 4 your goals ask for" for p in at.get("progress"))
    assert "Florian Graf" not in _names(at) and len(_names(at)) == 18
    assert not [i for i in at.dataframe if i.key == "triage_table_0"], "the old ticks would point at other people"

    select_rows(at, "triage_table", [0])
    at.button(key="triage_keep").click().run()
    at.button(key="triage_keep_rest").click().run()
    assert any("Everyone is sorted" in s.value for s in at.success)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier, count(*) FROM contacts GROUP BY tier ORDER BY tier").fetchall() == [
        ("A", 2), ("D", 18)]
    assert con.execute("SELECT count(*) FROM contacts WHERE triaged_at IS NULL").fetchone() == (0,)
    con.close()
    at.switch_page("views/today.py").run()
    due = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(due) == 2 and all(" · A · due today" in line for line in due), due


def test_the_tier_review_does_not_say_all_fits_while_contacts_wait(app: AppFactory, db_path: Path) -> None:
    at = _imported(app, db_path, lang="de")
    at.switch_page("views/contacts.py").run()
    at.segmented_control(key="contacts_view").set_value("review").run()
    assert not any("Alle Stufen passen noch" in s.value for s in at.success)
    assert any("20 Kontakte aus einem Import sind noch nicht eingeordnet" in i.value for i in at.info)
    at.button(key="review_to_triage").click().run()
    assert at.segmented_control(key="contacts_view").value == "triage"
    assert at.query_params["view"] == "triage"
    assert [s.value for s in at.subheader] == ["Wer zählt?"]


def test_triage_in_german_with_reasons(app: AppFactory, db_path: Path) -> None:
    at = _triage(_imported(app, db_path, lang="de"))
    frame = next(df.value for df in at.dataframe if "Warum hier" in df.value.columns)
    first = frame.iloc[0]
    assert first["Name"] == "Andreas Lang"
    assert first["Warum hier"].startswith("Geschäftsführungsebene · bekannt aus LinkedIn, Adressbuch")
    assert any(c.value.startswith("A/B-Kontakte: bisher 0.") for c in at.caption)

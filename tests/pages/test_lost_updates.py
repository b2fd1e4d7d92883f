"""No lost updates (issue 15, item 8): two sessions of the app on one database file edit the same row. Session B
saves first; session A then saves from its older form and is refused with "changed in the meantime: reload";
B's change stays, A's is not written. After Reload, A's form shows B's change and A can save.

Two AppTest sessions of the whole app share one process and one database file, as two browser tabs on one
`streamlit run` do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netzcore import contacts, events, goals
from netzcore import db as netzdb
from netzcore.care import change_tier
from netzcore.i18n import translate
from netzcore.user_error import ChangedMeanwhile
from tests.care_seed import seed_network
from tests.conftest import AppFactory
from tests.pages.test_events_page import open_section
from tests.pages.test_goals_page import open_tab

REFUSED = "changed in the meantime"


def _errors(at: AppTest) -> str:
    return " ".join(str(e.value) for e in at.error)


def _contact_session(app: AppFactory, db_path: Path, contact_id: str, lang: str = "en") -> AppTest:
    """The contact opened on its Edit tab (only the open tab runs)."""
    at = app(db_path, page="contacts", lang=lang)
    at.selectbox(key="contacts_pick").set_value(contact_id).run()
    return _open_tab(at, "edit", lang)


def _open_tab(at: AppTest, tab: str, lang: str = "en") -> AppTest:
    at.session_state["contact_tab"] = translate(lang, f"contacts.tab_{tab}")
    at.run()
    assert not at.exception, at.exception
    return at


def _row(db_path: Path, sql: str, params: list[object]) -> tuple[object, ...]:
    con = netzdb.connect(db_path)
    try:
        row = con.execute(sql, params).fetchone()
        assert row is not None
        return tuple(row)
    finally:
        con.close()


def test_a_stale_contact_edit_is_refused_and_the_other_change_stays(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    anna = seed_network(con).anna
    con.close()
    key = f"edit_{anna}"
    a = _contact_session(app, db_path, anna)
    b = _contact_session(app, db_path, anna)

    b.text_input(key=f"{key}_city").input("Hamburg")
    b.button(key=f"{key}_submit").click().run()
    assert not b.exception and not _errors(b)
    assert _row(db_path, "SELECT city, title FROM contacts WHERE id = ?", [anna]) == ("Hamburg", "Head of Sales")

    a.text_input(key=f"{key}_title").input("Chief Executive")
    a.button(key=f"{key}_submit").click().run()
    assert not a.exception, a.exception
    assert REFUSED in _errors(a) and "reload" in _errors(a)
    assert _row(db_path, "SELECT city, title FROM contacts WHERE id = ?", [anna]) == ("Hamburg", "Head of Sales")

    a.button(key=f"{key}_reload").click().run()                  # the form is drawn from the row as it is now
    assert a.text_input(key=f"{key}_city").value == "Hamburg"
    assert a.text_input(key=f"{key}_title").value == "Head of Sales"
    a.text_input(key=f"{key}_title").input("Chief Executive")
    a.button(key=f"{key}_submit").click().run()
    assert not _errors(a)
    assert _row(db_path, "SELECT city, title FROM contacts WHERE id = ?", [anna]) == ("Hamburg", "Chief Executive")

    a.text_input(key=f"{key}_city").input("Bremen")              # a second save of one's own: no refusal
    a.button(key=f"{key}_submit").click().run()
    assert not _errors(a)
    assert _row(db_path, "SELECT city FROM contacts WHERE id = ?", [anna]) == ("Bremen",)

    _open_tab(a, "tier")                                          # the tier, in the same window, then an edit
    a.selectbox(key="contact_tier_A").set_value("B")
    a.text_input(key="contact_tier_reason").input("fewer projects")
    a.button(key="contact_tier_submit").click().run()
    assert not _errors(a)
    _open_tab(a, "edit")
    a.text_input(key=f"{key}_city").input("Lübeck")
    a.button(key=f"{key}_submit").click().run()
    assert not _errors(a)
    assert _row(db_path, "SELECT city, tier FROM contacts WHERE id = ?", [anna]) == ("Lübeck", "B")


def test_the_refusal_in_german(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    anna = seed_network(con).anna
    con.close()
    key = f"edit_{anna}"
    a = _contact_session(app, db_path, anna, lang="de")
    contacts.update_contact(netzdb.connect(db_path), anna, {"city": "Kiel"})      # an import, another window
    a.text_input(key=f"{key}_title").input("Vorstand")
    a.button(key=f"{key}_submit").click().run()
    assert "inzwischen geändert" in _errors(a) and "Es wurde nichts gespeichert." in _errors(a)
    assert [b.label for b in a.button if b.key == f"{key}_reload"] == ["Neu laden"]


def test_a_stale_goal_and_segment_edit_are_refused(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    goal_id = goals.save_goal(con, goals.Goal(title="Utilities", success_criterion="5 heads"))
    segment_id = goals.save_segment(con, goals.Segment(name="Stadtwerke", keywords=("stadtwerke",)))
    con.close()
    a, b = app(db_path, page="goals"), app(db_path, page="goals")
    for at in (a, b):
        at.session_state["goals_edit_open"] = True
        at.run()
        at.selectbox(key="goal_choice").select(goal_id).run()
    b.text_input(key=f"goal_criterion_{goal_id}").input("7 heads")
    b.button(key=f"goal_save_{goal_id}").click().run()
    assert not b.exception and not _errors(b)
    a.text_input(key=f"goal_title_{goal_id}").input("Utilities in the south")
    a.button(key=f"goal_save_{goal_id}").click().run()
    assert REFUSED in _errors(a)

    for at in (a, b):
        open_tab(at, "segments")
        at.selectbox(key="segment_choice").select(segment_id).run()
    b.text_area(key=f"segment_note_{segment_id}").input("via the association")
    b.button(key=f"segment_save_{segment_id}").click().run()
    assert not b.exception and not _errors(b)
    a.text_input(key=f"segment_name_{segment_id}").input("Stadtwerke Süd")
    a.button(key=f"segment_save_{segment_id}").click().run()
    assert REFUSED in _errors(a)
    assert _row(db_path, "SELECT title, success_criterion FROM goals", []) == ("Utilities", "7 heads")
    assert _row(db_path, "SELECT name, approach_note FROM segments", []) == ("Stadtwerke", "via the association")


def test_a_stale_event_edit_is_refused(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    start = dt.date.today() + dt.timedelta(days=30)
    event_id = events.create_event(con, events.EventDraft(name="Hannover Messe", kind="trade_fair",
                                                          starts_on=start, ends_on=start, city="Hannover"))
    con.close()
    a, b = app(db_path, page="events"), app(db_path, page="events")
    for at in (a, b):
        open_section(at, "edit")
    form = f"ev_edit_{event_id}"
    b.text_input(key=f"{form}_venue").input("Halle 27").run()
    b.button(key="ev_edit_save").click().run()
    assert not _errors(b)
    a.text_input(key=f"{form}_city").input("Laatzen").run()
    a.button(key="ev_edit_save").click().run()
    assert REFUSED in _errors(a)
    assert _row(db_path, "SELECT city, venue FROM events", []) == ("Hannover", "Halle 27")


def test_the_core_refuses_an_old_version_and_changes_nothing(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    try:
        anna = seed_network(con).anna
        read = contacts.get_contact(con, anna)
        assert read is not None
        contacts.update_contact(con, anna, {"city": "Hamburg"}, read_version=contacts.edit_version(read))
        with pytest.raises(ChangedMeanwhile):
            contacts.update_contact(con, anna, {"title": "CEO"}, read_version=contacts.edit_version(read))
        fresh = contacts.get_contact(con, anna)
        assert fresh is not None and (fresh.city, fresh.title) == ("Hamburg", "Head of Sales")
        assert fresh.updated_at > read.updated_at
        change_tier(con, anna, "B", "moved")                 # a field the form does not show: no conflict
        contacts.update_contact(con, anna, {"title": "CEO"}, read_version=contacts.edit_version(fresh))
    finally:
        con.close()

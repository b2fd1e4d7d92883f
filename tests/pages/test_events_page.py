"""The events page through AppTest, on a database prepared in the test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore import events
from tests.conftest import AppFactory
from tests.core.test_events import TODAY, Fair, build_fair


def _prepare(db_path: Path) -> Fair:
    con = netzdb.connect(db_path)
    try:
        return build_fair(con)
    finally:
        con.close()


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table with this column (AppTest does not expose a dataframe's key)."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _texts(at: AppTest) -> list[str]:
    """What the user reads: markdown escapes of user data removed."""
    shown = (*at.text, *at.success, *at.error, *at.info, *at.caption)
    return [re.sub(r"\\(.)", r"\1", str(e.value)) for e in shown]


def test_an_empty_database_offers_to_create_an_event(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="events")
    assert not at.exception
    at.text_input(key="ev_new_name").input("Bauma")
    at.text_input(key="ev_new_city").input("München")
    at.text_input(key="ev_new_topics").input("Hydrogen, cranes")
    at.button(key="ev_create").click().run()
    assert not at.exception, at.exception
    assert "Event “Bauma” created." in _texts(at)
    assert "Topics: Hydrogen, cranes" in _texts(at)
    assert at.selectbox(key="ev_pick").value is not None
    assert at.text_input(key="ev_new_name").value == ""  # the form is empty again: no second Bauma by accident


def test_ranking_puts_the_expected_contact_first_and_lists_its_reasons(
    app: AppFactory, db_path: Path
) -> None:
    _prepare(db_path)
    at = app(db_path, page="events")
    assert not at.exception, at.exception
    table = _table(at, "Why")
    first = table.iloc[0]
    assert first["Name"] == "Anna Berger"
    assert "A contact, 95 days since the last meeting (cadence 60)" in first["Why"]
    assert "works at exhibitor Siemens Energy AG" in first["Why"]
    assert "matches goal 'Hydrogen utilities'" in first["Why"]
    assert "Dieter Ernst" not in set(table["Name"])


def test_weight_sliders_reorder_the_list_and_can_be_saved(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events")
    for name in events.DEFAULT_WEIGHTS:
        at.slider(key=f"ev_w_{name}").set_value(0)
    at.slider(key="ev_w_tier").set_value(10)
    at.run()
    assert list(_table(at, "Why")["Name"]) == ["Anna Berger", "Bernd Kurz", "Clara Dorn"]
    at.button(key="ev_weights_save").click().run()
    con = netzdb.connect(db_path)
    assert events.load_weights(con)["tier"] == 10 and events.load_weights(con)["exhibitor"] == 0


def test_add_to_outreach_book_slots_and_an_overlap_is_refused(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    at.multiselect(key="ev_add_pick").set_value([fair.anna, fair.clara]).run()
    at.button(key="ev_add_plan").click().run()
    assert "2 contacts added to the outreach list." in _texts(at)
    day = TODAY + dt.timedelta(days=31)

    def book(contact_id: str, start: dt.time, end: dt.time, place: str) -> None:
        at.selectbox(key="ev_slot_contact").set_value(contact_id)
        at.date_input(key=f"ev_slot_day_{fair.event_id}").set_value(day)
        at.time_input(key="ev_slot_start").set_value(start)
        at.time_input(key="ev_slot_end").set_value(end)
        at.text_input(key="ev_slot_place").input(place)
        at.run()
        at.button(key="ev_slot_save").click().run()

    book(fair.anna, dt.time(10, 0), dt.time(10, 30), "Hall 12, B34")
    assert not at.exception, at.exception
    assert "Slot with Anna Berger booked." in _texts(at)
    book(fair.clara, dt.time(10, 15), dt.time(10, 45), "Café Nord")
    assert any("overlaps with Anna Berger on" in text for text in _texts(at))
    day_table = _table(at, "Time")
    assert list(day_table["Name"]) == ["Anna Berger"]
    assert list(day_table["Time"]) == ["10:00–10:30"]


def test_draft_in_german_is_copyable_and_picks_up_the_hooks(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    events.add_to_plan(con, fair.event_id, [fair.anna])
    con.close()
    at = app(db_path, page="events", lang="de")
    at.radio(key="ev_draft_channel").set_value("email").run()
    draft = at.code[0].value
    assert "Sind Sie auch auf der Hannover Messe" in draft
    assert "Hätten Sie Zeit für einen Kaffee?" in draft
    assert "her electrolyser pilot in Lingen" in draft
    at.button(key="ev_mark_asked").click().run()
    assert at.selectbox(key=f"ev_status_{fair.anna}").value == "asked"
    at.selectbox(key=f"ev_status_{fair.anna}").set_value("confirmed").run()
    con = netzdb.connect(db_path)
    assert events.plan_counts(events.list_plan(con, fair.event_id))["confirmed"] == 1


def test_debrief_creates_interactions_and_adds_new_people(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    events.add_to_plan(con, fair.event_id, [fair.anna, fair.bernd])
    con.close()
    at = app(db_path, page="events")
    at.selectbox(key="ev_deb_contact").set_value(fair.anna)
    at.text_input(key="ev_deb_topics").input("Hydrogen, grid")
    at.text_area(key="ev_deb_hooks").input("send the PEM study")
    at.text_input(key="ev_deb_gave").input("the PEM study")
    at.run()
    at.button(key="ev_deb_log").click().run()
    assert not at.exception, at.exception
    assert "Meeting with Anna Berger logged." in _texts(at)
    at.text_input(key="ev_np_name").input("Jonas Vogel")
    at.text_input(key="ev_np_org").input("Siemens Energy")
    at.run()
    at.button(key="ev_np_add").click().run()
    assert "Jonas Vogel added to your contacts." in _texts(at)
    con = netzdb.connect(db_path)
    rows = con.execute(
        "SELECT c.full_name, i.channel, i.in_person, i.topics, i.hooks, i.gave FROM interactions i "
        "JOIN contacts c ON c.id = i.contact_id WHERE i.event_id = ?", [fair.event_id],
    ).fetchall()
    assert rows == [("Anna Berger", "event", True, ["Hydrogen", "grid"], "send the PEM study", "the PEM study")]
    assert con.execute("SELECT how_met FROM contacts WHERE full_name = 'Jonas Vogel'").fetchone() == (
        "Hannover Messe",)
    assert at.selectbox(key=f"ev_status_{fair.anna}").value == "met"


def test_exhibitor_csv_upload_is_matched_and_listed(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events", lang="de")
    csv_bytes = b"Firma;Stand\nAcme Consulting AG;H4-01\nNew Startup GmbH;H4-02\n"
    at.file_uploader(key="ev_exh_file").set_value(("aussteller.csv", csv_bytes, "text/csv")).run()
    at.button(key="ev_exh_import").click().run()
    assert not at.exception, at.exception
    assert "2 hinzugefügt (1 in Ihrem Netzwerk), 0 standen schon auf der Liste." in _texts(at)
    listed = _table(at, "In meinem Netzwerk als")
    acme = listed[listed["Name"] == "Acme Consulting AG"].iloc[0]
    assert acme["In meinem Netzwerk als"] == "Acme Consulting GmbH" and acme["Stand"] == "H4-01"


def test_downloads_offer_the_calendar_and_the_brief(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events")
    assert not at.exception, at.exception
    brief = "\n".join(str(e.value) for e in at.text)
    assert "Petra Weiss, energy consultant" in brief
    assert "Hannover Messe" in brief


def test_user_text_reaches_markdown_escaped(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="events")
    at.text_input(key="ev_new_name").input("<img src=x onerror=alert(1)> **Expo**")
    at.button(key="ev_create").click().run()
    assert not at.exception, at.exception
    for shown in (at.success[0].value, at.subheader[0].value):
        assert "<img" not in shown.replace("\\<img", "") and "**" not in shown.replace("\\*\\*", "")


def test_editing_an_event_keeps_its_goal_and_refuses_bad_dates(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    at.text_input(key=f"ev_edit_{fair.event_id}_venue").input("Halle 27")
    at.run()
    at.button(key="ev_edit_save").click().run()
    assert "Event saved." in _texts(at)
    assert any("Halle 27" in text for text in _texts(at))
    at.date_input(key=f"ev_edit_{fair.event_id}_ends").set_value(TODAY)
    at.run()
    at.button(key="ev_edit_save").click().run()
    assert "The last day is before the first day." in _texts(at)
    con = netzdb.connect(db_path)
    event = events.get_event(con, fair.event_id)
    assert event is not None and event.venue == "Halle 27" and len(event.goal_ids) == 1

"""The events page through AppTest, on a database prepared in the test: every action keeps its section open."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from netzcore import care, events
from netzcore import db as netzdb
from netzcore.i18n import format_date, translate
from netzui import data_cache
from tests.conftest import AppFactory, select_rows
from tests.core.test_events import TODAY, Fair, build_fair

SECTION = "ev_section"
SECTIONS = ("rank", "schedule", "messages", "debrief", "exhibitors", "get_to_know", "edit")


def _prepare(db_path: Path) -> Fair:
    con = netzdb.connect(db_path)
    try:
        return build_fair(con)
    finally:
        con.close()


def _label(section: str, lang: str = "en") -> str:
    steps = ("rank", "schedule", "messages", "debrief")
    name = translate(lang, f"events.section_{section}")
    return translate(lang, "events.step_label", number=steps.index(section) + 1, name=name) if section in steps \
        else name


def open_section(at: AppTest, section: str, lang: str = "en") -> AppTest:
    at.session_state[SECTION] = _label(section, lang)
    return at.run()


def _drawn_sections(at: AppTest) -> list[str]:
    """The sections whose body ran (each draws inside a container keyed ev_in_<section>)."""
    found = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            key = str(getattr(child, "key", "") or "")
            if key.startswith("ev_in_"):
                found.append(key.removeprefix("ev_in_"))
            walk(child)

    walk(at._tree)
    return found


def _assert_open(at: AppTest, section: str, lang: str = "en") -> None:
    assert not at.exception, at.exception
    assert at.session_state[SECTION] == _label(section, lang)
    assert _drawn_sections(at) == [section]


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table with this column (AppTest does not expose a dataframe's key)."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _texts(at: AppTest) -> list[str]:
    """What the user reads: markdown escapes of user data removed."""
    shown = (*at.text, *at.success, *at.error, *at.info, *at.caption, *at.markdown, *at.warning)
    return [re.sub(r"\\(.)", r"\1", str(e.value)) for e in shown]


def test_an_empty_database_offers_to_create_an_event_with_its_exhibitors(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="events")
    assert not at.exception
    at.text_input(key="ev_new_name").input("Bauma")
    at.text_input(key="ev_new_city").input("München")
    at.text_input(key="ev_new_topics").input("Hydrogen, cranes")
    at.text_area(key="ev_new_exhibitors").input("Liebherr AG; Halle B6, Stand 100\nTadano GmbH\tH4/C20\n")
    at.button(key="ev_create").click().run()
    assert not at.exception, at.exception
    assert any(t.startswith("Event “Bauma” created. Exhibitor list: 2 added (0 in your network, 2 with hall or "
                            "stand)") for t in _texts(at))
    assert any(text.endswith("\nTopics: Hydrogen, cranes") for text in _texts(at))
    assert at.selectbox(key="ev_pick").value is not None
    # the form closes, and opens empty again: no second Bauma by accident
    assert "ev_new_name" not in [w.key for w in at.text_input], "the new-event form stays open"
    at.session_state["ev_new_open"] = True
    at.run()
    assert at.text_input(key="ev_new_name").value == ""
    _assert_open(at, "rank")
    open_section(at, "exhibitors")
    listed = _table(at, "Hall")
    assert list(zip(listed["Name"], listed["Hall"], listed["Stand"], strict=True)) == [
        ("Liebherr AG", "B6", "100"), ("Tadano GmbH", "4", "C20")]


def test_ranking_shows_the_score_its_parts_and_short_reason_columns(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events")
    _assert_open(at, "rank")
    table = _table(at, "Score")
    first = table.iloc[0]
    assert (first["Name"], first["Score"], first["Tier"], first["At the event"]) == ("Anna Berger", 75, "A", "H12 · B34")
    assert first["Last met"] == "95 days" and first["Goal"] == "Hydrogen utilities"
    assert "Dieter Ernst" not in set(table["Name"])
    # the name stays in view while the user scrolls right through the reasons
    shown = next(frame for frame in at.dataframe if "Score" in frame.value.columns)
    assert json.loads(shown.proto.columns)["Name"].get("pinned") is True
    select_rows(at, "ev_rank_", [0])
    details = next(t for t in _texts(at) if t.startswith("**Anna Berger** — 75 of 100"))
    assert "works at an exhibitor: Hall 12, booth B34 (+19)" in details
    _assert_open(at, "rank")


def test_a_tick_is_cleared_when_the_ranking_changes_under_it(app: AppFactory, db_path: Path) -> None:
    """The ranking table keeps its key while the rows change (the browser updates it), but a ticked row never
    passes to another contact: when the rows are others, nothing is ticked."""
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    select_rows(at, "ev_rank_", [0])
    key = next(str(df.key) for df in at.dataframe if str(df.key).startswith("ev_rank_"))
    assert any(t.startswith("**Anna Berger** — ") for t in _texts(at))
    assert not at.button(key="ev_ask").disabled
    at.run()                                  # the same rows: the tick stays
    assert any(t.startswith("**Anna Berger** — ") for t in _texts(at))
    con = netzdb.connect(db_path)
    try:
        care.change_tier(con, fair.anna, "D", "moved away")    # Anna falls back: another contact is first now
    finally:
        con.close()
    at.run()
    assert not at.exception, at.exception
    assert _table(at, "Score")["Name"].iloc[0] != "Anna Berger"
    assert [str(df.key) for df in at.dataframe if str(df.key).startswith("ev_rank_")] == [key]
    assert not any(t.startswith("**") and " — " in t for t in _texts(at)), "a tick passed to another contact"
    assert at.button(key="ev_ask").disabled


def test_a_weight_of_0_removes_its_reason_and_its_column(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events")
    assert "ev_w_exhibitor" not in [w.key for w in at.slider], "nine sliders drawn while their panel is closed"
    at.session_state["ev_weights_open"] = True  # the user opens "Ranking weights"
    at.run()
    at.slider(key="ev_w_exhibitor").set_value(0).run()
    _assert_open(at, "rank")
    table = _table(at, "Score")
    assert "At the event" not in table.columns and "Tier" in table.columns
    select_rows(at, "ev_rank_", [0])
    details = next(t for t in _texts(at) if t.startswith("**Anna Berger**"))
    assert "exhibitor" not in details and "Hall 12" not in details
    at.session_state["ev_weights_open"] = False  # closed before saving: the weight tried still ranks
    at.run()
    assert "At the event" not in _table(at, "Score").columns
    at.session_state["ev_weights_open"] = True
    at.run()
    assert at.slider(key="ev_w_exhibitor").value == 0
    at.button(key="ev_weights_save").click().run()
    _assert_open(at, "rank")
    assert "Ranking weights saved." in _texts(at)
    at.button(key="ev_weights_reset").click().run()
    _assert_open(at, "rank")
    assert "Ranking weights are back to the defaults." in _texts(at)
    assert "At the event" in _table(at, "Score").columns
    con = netzdb.connect(db_path)
    assert events.load_weights(con) == events.DEFAULT_WEIGHTS


def test_filters_by_tier_and_hall(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    assert not [p for p in at.get("button_group") if p.key.startswith("ev_f_")], "filters drawn while closed"
    at.session_state["ev_filters"] = True  # the user opens "Filter"
    at.run()
    at.pills(key=f"ev_f_tier_{fair.event_id}").set_value(["C"]).run()
    assert list(_table(at, "Score")["Name"]) == ["Clara Dorn"]
    at.pills(key=f"ev_f_tier_{fair.event_id}").set_value([]).run()
    at.selectbox(key=f"ev_f_hall_{fair.event_id}").set_value("12").run()
    assert list(_table(at, "Score")["Name"]) == ["Anna Berger"]
    _assert_open(at, "rank")
    # closed again, and another step opened and left: the hall still filters, and says so
    at.session_state["ev_filters"] = False
    at.session_state[SECTION] = _label("schedule", "en")
    at.run()
    at.session_state[SECTION] = _label("rank", "en")
    at.run()
    assert list(_table(at, "Score")["Name"]) == ["Anna Berger"]
    assert "Only: Hall 12" in " ".join(c.value for c in at.caption)


def test_every_action_keeps_its_section_open(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    # 1 whom to meet: pick two rows in the table, ask them for a coffee
    select_rows(at, "ev_rank_", [0, 1])
    at.button(key="ev_ask").click().run()
    _assert_open(at, "rank")
    assert any(t.startswith("2 contacts are on your list now (status: to ask).") for t in _texts(at))
    assert list(_table(at, "Score")["Status"][:2]) == ["to ask", "to ask"]
    assert at.button(key="ev_ask").disabled, "the ticked rows are cleared for the next pick"

    # 2 schedule: book the proposal, then move, confirm and drop one slot by hand, and undo the drop
    open_section(at, "schedule")
    _assert_open(at, "schedule")
    at.button(key="ev_book").click().run()
    _assert_open(at, "schedule")
    assert any(t.startswith("2 slots booked. Status stays “to ask” for ") for t in _texts(at))
    agenda = [df.value for df in at.dataframe if "Time" in df.value.columns]
    assert len(agenda) == 1 and len(agenda[0]) == 2, "the booked slots are not in one agenda table"
    assert list(agenda[0].columns[:2]) == ["Day", "Time"]
    at.session_state["ev_slot_open"] = True  # the user opens "Book, move, confirm or drop one slot by hand"
    at.run()
    at.selectbox(key="ev_slot_contact").set_value(fair.anna).run()
    at.time_input(key=f"ev_slot_start_{fair.anna}").set_value(dt.time(14, 0))
    at.time_input(key=f"ev_slot_end_{fair.anna}").set_value(dt.time(14, 30)).run()
    at.button(key="ev_slot_save").click().run()
    _assert_open(at, "schedule")
    assert any(t.startswith("Slot with Anna Berger on ") and t.endswith("14:00–14:30. Status: “to ask”.")
               for t in _texts(at))
    at.button(key="ev_slot_confirm").click().run()
    _assert_open(at, "schedule")
    assert "Anna Berger: status is now “confirmed”." in _texts(at)
    at.button(key="ev_slot_drop").click().run()
    _assert_open(at, "schedule")
    assert "Slot with Anna Berger dropped; still on your list as “confirmed”." in _texts(at)
    at.button(key="ev_undo").click().run()
    _assert_open(at, "schedule")
    assert "Slot with Anna Berger is back." in _texts(at)

    # 3 messages: change a status, mark as asked, set the form of address, remove and undo
    open_section(at, "messages")
    _assert_open(at, "messages")
    at.button(key=f"ev_mark_asked_{fair.clara}").click().run()
    _assert_open(at, "messages")
    assert "Clara Dorn marked as asked." in _texts(at)
    at.selectbox(key=f"ev_status_{fair.clara}").set_value("declined").run()
    _assert_open(at, "messages")
    assert "Clara Dorn: status is now “declined”." in _texts(at)
    at.selectbox(key=f"ev_addr_{fair.anna}_salutation").set_value("ms").run()
    at.button(key=f"ev_addr_save_{fair.anna}").click().run()
    _assert_open(at, "messages")
    assert "Form of address for Anna Berger saved." in _texts(at)
    assert any(code.value.startswith("Subject: Coffee at Hannover Messe?\n\nDear Ms. Berger,") for code in at.code)
    at.button(key=f"ev_remove_{fair.clara}").click().run()
    _assert_open(at, "messages")
    assert "Clara Dorn is off the list." in _texts(at)
    at.button(key="ev_undo").click().run()
    _assert_open(at, "messages")
    assert "Clara Dorn is back on the list." in _texts(at)
    at.segmented_control(key="ev_msg_channel").set_value("xing").run()
    _assert_open(at, "messages")

    # the exhibitor list: add names, clear it after a confirmation, undo
    open_section(at, "exhibitors")
    at.text_area(key="ev_exh_text").input("Acme Consulting AG; Halle 4, Stand A1").run()
    at.button(key="ev_exh_import").click().run()
    _assert_open(at, "exhibitors")
    at.button(key="ev_exh_clear").click().run()
    _assert_open(at, "exhibitors")
    assert "Remove all 5 names from this event's list?" in _texts(at)
    at.button(key="ev_exh_clear_yes").click().run()
    _assert_open(at, "exhibitors")
    assert "5 names removed; the list is empty." in _texts(at)
    at.button(key="ev_undo").click().run()
    _assert_open(at, "exhibitors")
    assert "5 names are back on the list." in _texts(at)

    # editing the event
    open_section(at, "edit")
    at.text_input(key=f"ev_edit_{fair.event_id}_venue").input("Halle 27").run()
    at.button(key="ev_edit_save").click().run()
    _assert_open(at, "edit")
    assert "Event saved." in _texts(at)
    con = netzdb.connect(db_path)
    plan = {e.contact_id: e for e in events.list_plan(con, fair.event_id)}
    assert (plan[fair.anna].status, plan[fair.anna].slot_start.time()) == ("confirmed", dt.time(14))  # type: ignore[union-attr]
    assert plan[fair.clara].status == "declined"


def test_the_event_and_its_step_stay_open_across_another_page_and_a_language_switch(app: AppFactory,
                                                                                    db_path: Path) -> None:
    """Working on a past fair's debrief, the user looks at Today and comes back: the same fair and step are open,
    as they are after switching the language."""
    _prepare(db_path)
    con = netzdb.connect(db_path)
    past = events.create_event(con, events.EventDraft(
        name="Winter Congress", kind="conference", starts_on=TODAY - dt.timedelta(days=40),
        ends_on=TODAY - dt.timedelta(days=38)))
    con.close()
    at = app(db_path, page="events")
    assert at.selectbox(key="ev_pick").value != past     # the upcoming fair opens first
    at.selectbox(key="ev_pick").set_value(past).run()
    open_section(at, "rank")
    at.session_state["ev_filters"] = True          # the ranking's filters, used for this fair
    at.run()
    at.pills(key=f"ev_f_tier_{past}").set_value(["A"]).run()
    open_section(at, "debrief")
    at.switch_page("views/today.py").run()
    assert not at.exception, at.exception
    at.switch_page("views/events.py").run()
    assert at.selectbox(key="ev_pick").value == past
    _assert_open(at, "debrief")
    assert at.session_state[f"ev_f_tier_{past}"] == ["A"]
    at.session_state["lang"] = "de"
    at.run()
    assert at.selectbox(key="ev_pick").value == past
    _assert_open(at, "debrief", "de")


def test_debrief_dates_are_the_events_own_and_move_last_contact(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    past = events.create_event(con, events.EventDraft(
        name="Winter Congress", kind="conference", starts_on=TODAY - dt.timedelta(days=40),
        ends_on=TODAY - dt.timedelta(days=38)))
    running = events.create_event(con, events.EventDraft(
        name="Running Fair", kind="trade_fair", starts_on=TODAY - dt.timedelta(days=1),
        ends_on=TODAY + dt.timedelta(days=2)))
    events.add_to_plan(con, past, [fair.anna])
    events.add_to_plan(con, running, [fair.anna, fair.bernd])
    con.close()
    at = app(db_path, page="events")
    at.selectbox(key="ev_pick").set_value(past).run()
    open_section(at, "debrief")
    assert at.date_input(key=f"ev_deb_date_{past}").value == TODAY - dt.timedelta(days=38)  # its last day
    at.selectbox(key="ev_pick").set_value(running).run()
    _assert_open(at, "debrief")
    assert at.date_input(key=f"ev_deb_date_{running}").value == TODAY  # a day of this fair, never the other's
    at.selectbox(key="ev_deb_contact").set_value(fair.anna)
    at.text_input(key="ev_deb_topics").input("Hydrogen, grid")
    at.text_area(key="ev_deb_hooks").input("send the PEM study")
    at.text_input(key="ev_deb_gave").input("the PEM study").run()
    at.button(key="ev_deb_log").click().run()
    _assert_open(at, "debrief")
    today = format_date(TODAY, "en")
    assert f"Meeting with Anna Berger on {today} logged; status: “met”, last contact: {today}." in _texts(at)
    at.text_input(key="ev_np_name").input("Jonas Vogel")
    at.text_input(key="ev_np_org").input("Siemens Energy").run()
    at.button(key="ev_np_add").click().run()
    _assert_open(at, "debrief")
    assert "Jonas Vogel added to your contacts." in _texts(at)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT last_interaction_on FROM contact_care(?) WHERE contact_id = ?",
                       [TODAY, fair.anna]).fetchone() == (TODAY,)
    rows = con.execute("SELECT i.channel, i.in_person, i.topics, i.hooks, i.gave FROM interactions i "
                       "WHERE i.event_id = ?", [running]).fetchall()
    assert rows == [("event", True, ["Hydrogen", "grid"], "send the PEM study", "the PEM study")]
    assert con.execute("SELECT how_met FROM contacts WHERE full_name = 'Jonas Vogel'").fetchone() == ("Running Fair",)
    con.close()
    at.selectbox(key="ev_pick").set_value(fair.event_id).run()
    _assert_open(at, "debrief")
    opens = format_date(TODAY + dt.timedelta(days=30), "en")
    assert f"The debrief opens on the first day of the event ({opens}): a meeting is logged once it has happened." \
        in _texts(at)


def test_exhibitor_csv_upload_with_hall_and_stand_columns(app: AppFactory, db_path: Path) -> None:
    _prepare(db_path)
    at = app(db_path, page="events", lang="de")
    open_section(at, "exhibitors", "de")
    csv_bytes = "Firma;Halle;Stand\nAcme Consulting AG;Halle 4;H4-01\nNew Startup GmbH;4;02\n".encode("cp1252")
    at.file_uploader(key="ev_exh_file").set_value(("aussteller.csv", csv_bytes, "text/csv")).run()
    at.button(key="ev_exh_import").click().run()
    assert not at.exception, at.exception
    assert ("Ausstellerliste: 2 hinzugefügt (1 in Ihrem Netzwerk, 2 mit Halle oder Stand), 0 standen schon auf der "
            "Liste.") in _texts(at)
    listed = _table(at, "In meinem Netzwerk als")
    acme = listed[listed["Name"] == "Acme Consulting AG"].iloc[0]
    assert (acme["In meinem Netzwerk als"], acme["Halle"], acme["Stand"]) == ("Acme Consulting GmbH", "4", "H4-01")


def test_messages_prompt_for_my_name_when_the_profile_has_none(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE profile SET full_name = ''")
    events.add_to_plan(con, fair.event_id, [fair.anna])
    con.close()
    at = app(db_path, page="events", lang="de")
    open_section(at, "messages", "de")
    assert not at.exception, at.exception
    assert translate("de", "events.sender_missing") in _texts(at)
    draft = at.code[0].value
    assert draft.startswith("Betreff: Kaffee auf der Hannover Messe?\n\nGuten Tag Anna Berger,\n\nsind Sie auch")
    assert draft.endswith("Freundliche Grüße")
    assert "Anknüpfungspunkte: her electrolyser pilot in Lingen" in _texts(at)


def test_downloads_offer_the_calendar_and_the_printable_brief(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    day = TODAY + dt.timedelta(days=30)
    events.set_slot(con, fair.event_id, fair.anna, dt.datetime.combine(day, dt.time(9)),
                    dt.datetime.combine(day, dt.time(9, 30)), "Halle 12, Stand B34")
    con.close()
    at = app(db_path, page="events")
    open_section(at, "schedule")
    _assert_open(at, "schedule")
    at.session_state["ev_brief_preview_schedule"] = True     # the preview is written while it is open
    at.run()
    brief = "\n".join(str(e.value) for e in at.text)
    # the slot at her stand, booked from a German page, reads in English here
    assert "Petra Weiss, energy consultant" in brief and "09:00–09:30  Hall 12, booth B34  Anna Berger" in brief
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert labels == ["Calendar (.ics)", "Brief to print (HTML)", "Brief as text"]


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
    open_section(at, "edit")
    at.text_input(key=f"ev_edit_{fair.event_id}_venue").input("Halle 27")
    at.run()
    at.button(key="ev_edit_save").click().run()
    assert "Event saved." in _texts(at)
    assert any("Halle 27" in text for text in _texts(at))
    con = netzdb.connect(db_path)
    event = events.get_event(con, fair.event_id)
    assert event is not None and event.venue == "Halle 27" and len(event.goal_ids) == 1


def test_no_section_renders_contact_markup(app: AppFactory, db_path: Path) -> None:
    """Every section of the hostile fair, with the hostile contact on its list with a slot, in both languages."""
    from tests.browser import seed
    from tests.pages.test_hostile_pages import unescaped_markup

    con = netzdb.connect(db_path)
    hostile = seed.seed_network(con)
    event_id = str(con.execute("SELECT id FROM events WHERE name = ?", [seed.HOSTILE_EVENT]).fetchone()[0])  # type: ignore[index]
    event = events.get_event(con, event_id)
    assert event is not None
    events.import_exhibitors(con, event_id, [events.ExhibitorEntry(seed.HOSTILE_ORG, seed.IMG, seed.SCRIPT, seed.IMG)])
    start = dt.datetime.combine(event.starts_on, dt.time(10))
    events.set_slot(con, event_id, hostile, start, start + dt.timedelta(minutes=30), seed.IMG)
    con.close()
    problems = {}
    for lang in ("de", "en"):
        at = app(db_path, page="events", lang=lang)
        at.selectbox(key="ev_pick").set_value(event_id).run()
        for section in SECTIONS:
            open_section(at, section, lang)
            _assert_open(at, section, lang)
            found = unescaped_markup(at)
            if found:
                problems[f"{lang}/{section}"] = found
    assert problems == {}


def test_a_booking_refused_because_of_a_change_meanwhile_is_named_and_the_rest_is_booked(
        app: AppFactory, db_path: Path) -> None:
    """The proposal offers Anna 9:00 and Clara 9:40; meanwhile (another tab) Clara's slot is put at 9:00. Booking
    the proposal books Clara at 9:40 and refuses Anna alone, by name, in the same run that shows the schedule."""
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    select_rows(at, "ev_rank_", [0, 1])
    at.button(key="ev_ask").click().run()
    open_section(at, "schedule")
    proposal = _table(at, "take")
    assert list(proposal["name"]) == ["Anna Berger", "Clara Dorn"]
    con = netzdb.connect(db_path)
    try:
        event = events.get_event(con, fair.event_id)
        assert event is not None
        nine = dt.datetime.combine(event.days[0], dt.time(9, 0))
        events.set_slot(con, fair.event_id, fair.clara, nine, nine + dt.timedelta(minutes=30), "")
    finally:
        con.close()
    at.button(key="ev_book").click().run()
    _assert_open(at, "schedule")
    assert [str(e.value).split(":")[0] for e in at.error] == ["Anna Berger"]
    assert any(t.startswith("1 slot booked.") for t in _texts(at))
    con = netzdb.connect(db_path)
    try:
        booked = con.execute("SELECT c.full_name, strftime(p.slot_start, '%H:%M') FROM event_plans p "
                             "JOIN contacts c ON c.id = p.contact_id WHERE p.slot_start IS NOT NULL").fetchall()
    finally:
        con.close()
    assert booked == [("Clara Dorn", "09:40")]


def test_the_proposal_scores_after_the_ranking_are_the_outreach_lists_own(app: AppFactory, db_path: Path) -> None:
    """Right after the ranking, the schedule step reads the outreach list's scores from the contacts' shares the
    ranking computed instead of scoring the list again: the proposal shows the same scores, by the stored weights, as
    when the list is scored alone (the step opened on data the ranking has not seen)."""
    fair = _prepare(db_path)
    con = netzdb.connect(db_path)
    try:
        events.save_weights(con, {**events.DEFAULT_WEIGHTS, "tier": 5.0, "overdue": 0.0, "exhibitor": 90.0})
    finally:
        con.close()
    data_cache.clear()
    at = app(db_path, page="events")
    select_rows(at, "ev_rank_", [0, 1, 2])
    at.button(key="ev_ask").click().run()
    open_section(at, "schedule")
    _assert_open(at, "schedule")
    from_shares = dict(zip(_table(at, "take")["name"], _table(at, "take")["score"], strict=True))
    assert any(call.query is events.whom_to_meet and call.kwargs.get("only") for call in data_cache._calls.values())
    con = netzdb.connect(db_path)
    try:
        listed = [e.contact_id for e in events.list_plan(con, fair.event_id)]
        alone = {r.full_name: round(r.score) for r in events.scores_for(con, fair.event_id, dt.date.today(),
                                                                          listed).values()}
    finally:
        con.close()
    assert len(from_shares) == 3 and from_shares == alone
    data_cache.clear()                 # the step on its own: the list scored alone, the same proposal
    at.run()
    _assert_open(at, "schedule")
    assert not any(call.query is events.whom_to_meet for call in data_cache._calls.values())
    assert dict(zip(_table(at, "take")["name"], _table(at, "take")["score"], strict=True)) == from_shares


def test_when_i_am_free_waits_behind_a_button_and_holds_while_closed(app: AppFactory, db_path: Path) -> None:
    fair = _prepare(db_path)
    at = app(db_path, page="events")
    select_rows(at, "ev_rank_", [0, 1, 2])
    at.button(key="ev_ask").click().run()
    open_section(at, "schedule")
    key = f"ev_sched_{fair.event_id}"
    assert not [n for n in at.number_input if n.key.startswith(key)], "the settings are drawn while closed"
    assert any("at most 6 a day" in c.value for c in at.caption), "the settings in use are not named"
    assert len(at.dataframe[0].value) == 3
    at.session_state["ev_sched_open"] = True  # the user opens "When I am free"
    at.run()
    first_day = at.button_group(key=f"{key}_days").options[0]
    at.button_group(key=f"{key}_days").set_value([first_day]).run()
    at.number_input(key=f"{key}_max").set_value(1).run()
    at.session_state["ev_sched_open"] = False  # closes it, and looks at another step and back
    open_section(at, "rank")
    open_section(at, "schedule")
    assert any("1 day · 09:00–17:00 · slots of 30 min · at most 1 a day" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 1, "the proposal does not follow the settings chosen"
    at.button(key="ev_book").click().run()
    con = netzdb.connect(db_path)
    try:
        stored = events.load_settings(con, events.require_event(con, fair.event_id))
    finally:
        con.close()
    assert (len(stored.days), stored.max_per_day) == (1, 1)

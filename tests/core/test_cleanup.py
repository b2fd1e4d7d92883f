"""What the cleanup made shared behaves the same for every caller (a debrief logs through the interaction log)."""

from __future__ import annotations

import datetime as dt

import pytest

from netzcore import db as netzdb
from netzcore import events
from netzcore.user_error import UserError

MET_ON = dt.date(2026, 4, 21)


def _fair_with_anna(con: netzdb.Connection) -> tuple[str, str]:
    event_id = events.create_event(con, events.EventDraft(
        name="Hannover Messe", kind="trade_fair", starts_on=MET_ON, ends_on=MET_ON))
    met = events.add_contact_met(con, event_id, events.NewContact(full_name="Anna Berger", tier="A"))
    return event_id, met.contact_id


def test_a_debrief_with_a_follow_up_before_the_meeting_is_refused_and_logs_nothing(
    con: netzdb.Connection,
) -> None:
    event_id, anna = _fair_with_anna(con)
    with pytest.raises(UserError) as refused:
        events.log_meeting(con, event_id, events.MeetingLog(
            contact_id=anna, occurred_on=MET_ON, hooks="send the study",
            follow_up_on=MET_ON - dt.timedelta(days=1)))
    assert refused.value.key == "care.error_follow_up_before"
    assert con.execute("SELECT count(*) FROM interactions").fetchone() == (0,)
    assert con.execute("SELECT debriefed_at FROM events WHERE id = ?", [event_id]).fetchone() == (None,)


def test_a_debrief_for_a_contact_that_does_not_exist_is_refused(con: netzdb.Connection) -> None:
    event_id, _ = _fair_with_anna(con)
    with pytest.raises(UserError) as refused:
        events.log_meeting(con, event_id, events.MeetingLog(contact_id="nobody", occurred_on=MET_ON))
    assert refused.value.key == "care.error_no_contact"
    assert con.execute("SELECT count(*) FROM interactions").fetchone() == (0,)


def test_every_area_refuses_with_one_kind_of_error_in_the_users_language(con: netzdb.Connection) -> None:
    from netzcore import goals, profile
    from netzcore.exporters import backup

    with pytest.raises(UserError) as goal:
        goals.save_goal(con, goals.Goal(title="  "))
    assert goal.value.message("de") == "Bitte geben Sie dem Ziel einen Titel."
    with pytest.raises(UserError):
        profile.save_profile(con, profile.Profile(home_region="XX"))
    with pytest.raises(UserError) as restore:
        backup.restore_bytes(con, b"{")
    assert str(restore.value) == restore.value.message("en") != restore.value.message("de")
    with pytest.raises(UserError) as dates:
        events.create_event(con, events.EventDraft(name="Talk", kind="talk", starts_on=MET_ON,
                                                   ends_on=MET_ON - dt.timedelta(days=1)))
    assert dates.value.message("de") == "Der letzte Tag liegt vor dem ersten Tag."


def test_values_made_inert_leave_the_catalog_text_alone() -> None:
    from netzui import md_escape

    error = events.EventError("events.error_kind", kind="*bold* [x](y)")
    shown = error.message("en", inert=md_escape)
    assert md_escape("*bold* [x](y)") in shown
    assert shown.replace(md_escape("*bold* [x](y)"), "") == error.message("en").replace("*bold* [x](y)", "")


def test_a_logged_interaction_and_a_debrief_keep_topics_the_same_way(con: netzdb.Connection) -> None:
    from netzcore import interactions

    event_id, anna = _fair_with_anna(con)
    typed = interactions.split_topics("Hydrogen,  grid   connection; hydrogen\nGrid Connection")
    assert typed == ("Hydrogen", "grid connection")
    logged = interactions.log_interaction(con, interactions.NewInteraction(
        anna, MET_ON, "call", topics=("AI", " ai ", "energy  policy")))
    met = events.log_meeting(con, event_id, events.MeetingLog(anna, MET_ON, topics=typed + ("HYDROGEN",)))
    stored = dict(con.execute("SELECT id, topics FROM interactions").fetchall())
    assert stored == {logged: ["AI", "energy policy"], met: ["Hydrogen", "grid connection"]}

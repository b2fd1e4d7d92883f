"""Calendar export: birthdays yearly (also without year), follow-ups and due contacts, confirmed meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import vobject

from netzcore import db as netzdb
from netzcore.events import event_calendar
from netzcore.exporters.calendar_feed import calendar_export
from tests.core.export_sample import TODAY, fill_sample, fill_sample_file, run_netz


def _events(data: bytes) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {event.summary.value: event for event in calendar.vevent_list}


def test_calendar_has_birthdays_reminders_and_meetings(con: netzdb.Connection) -> None:
    ids = fill_sample(con)
    export = calendar_export(con, "en", TODAY)
    events = _events(export.data)
    assert export.count == len(events)

    anna = events["Birthday: Dr. Anna Weber-Schütz"]
    assert anna.dtstart.value == dt.date(1980, 4, 15)
    assert anna.rrule.value == "FREQ=YEARLY"
    assert anna.valarm.trigger.value == -dt.timedelta(days=7)          # tier A: a week ahead
    bernd = events["Birthday: Bernd Ölmann"]                             # no year, 29 February
    assert bernd.dtstart.value == dt.date(2000, 2, 29) and bernd.rrule.value == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    assert "born 29 Feb\n" in bernd.description.value
    assert not any("Clara" in summary for summary in events)             # archived
    assert not any("Dora" in summary for summary in events)              # no birthday, tier D has no cadence

    follow_up = events["Follow up: Dr. Anna Weber-Schütz"]
    assert follow_up.dtstart.value == dt.date(2026, 12, 1)
    assert "Tochter: Abitur; Pilotprojekt" in follow_up.description.value
    assert sum(summary.startswith("Follow up") for summary in events) == 1   # the done one is left out

    due = events["Get in touch: Dr. Anna Weber-Schütz (A)"]
    assert due.dtstart.value == TODAY and due.uid.value == f"due-{ids['anna']}@netz"

    meeting = events["Meeting: Dr. Anna Weber-Schütz at Hannover Messe 2027"]
    assert meeting.dtstart.value == dt.datetime(2027, 4, 20, 10, 30)
    assert meeting.dtend.value == dt.datetime(2027, 4, 20, 11, 0)
    assert meeting.location.value == "Halle 12, Stand C40"
    assert not any("Bernd" in summary and "Meeting" in summary for summary in events)   # only asked


def test_calendar_speaks_german(con: netzdb.Connection) -> None:
    fill_sample(con)
    events = _events(calendar_export(con, "de", TODAY).data)
    assert "Geburtstag: Bernd Ölmann" in events
    assert "Treffen: Dr. Anna Weber-Schütz auf Hannover Messe 2027" in events


def test_cli_writes_the_calendar(db_path: Path, tmp_path: Path) -> None:
    fill_sample_file(db_path)
    out = tmp_path / "netz.ics"
    result = run_netz("export", "--format", "ics", "-o", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "Birthday: Bernd Ölmann" in _events(out.read_bytes())


def test_meetings_share_their_uid_with_the_event_planners_calendar(con: netzdb.Connection) -> None:
    """Both calendars imported into one calendar app give one entry per meeting, not two."""
    ids = fill_sample(con)
    planner = vobject.readOne(event_calendar(con, ids["event"], "en").decode())
    planner_uids = {e.uid.value for e in planner.vevent_list if "Anna" in e.summary.value}
    mine = _events(calendar_export(con, "en", TODAY).data)
    assert mine["Meeting: Dr. Anna Weber-Schütz at Hannover Messe 2027"].uid.value in planner_uids


def test_birthday_on_29_february_shows_every_year(con: netzdb.Connection) -> None:
    """A yearly rule on 29 February makes no entry in the three years between (RFC 5545 drops invalid dates): Google,
    Apple and Outlook showed such a birthday only every fourth year. It falls on 28 February in those years now."""
    import recurring_ical_events
    from icalendar import Calendar

    fill_sample(con)
    calendar = Calendar.from_ical(calendar_export(con, "en", TODAY).data)
    days = sorted(e.decoded("DTSTART") for e in recurring_ical_events.of(calendar).between(
        dt.date(2027, 1, 1), dt.date(2029, 1, 1)) if str(e["SUMMARY"]) == "Birthday: Bernd Ölmann")
    assert days == [dt.date(2027, 2, 28), dt.date(2028, 2, 29)]


def test_a_meeting_noted_after_the_fair_stays_in_the_calendar(con: netzdb.Connection) -> None:
    """The subscribed calendar held a coffee while it was confirmed; noted as met after the fair, it vanished from
    the feed, and Outlook, Google and Apple deleted it from the day it took place. It stays now."""
    fill_sample(con)
    before = {s for s in _events(calendar_export(con, "en", TODAY).data) if s.startswith("Meeting:")}
    assert before
    con.execute("UPDATE event_plans SET status = 'met' WHERE status = 'confirmed'")
    met = {s for s in _events(calendar_export(con, "en", TODAY).data) if s.startswith("Meeting:")}
    con.execute("UPDATE event_plans SET status = 'followed_up' WHERE status = 'met'")
    followed_up = {s for s in _events(calendar_export(con, "en", TODAY).data) if s.startswith("Meeting:")}
    assert met == followed_up == before

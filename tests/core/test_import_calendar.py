"""Calendar files (.ics) become interactions: real exports from public test suites and files in the shapes Google,
Outlook and Apple write (recurrences, time zones, all-day, cancelled, declined), on real DuckDB files."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netzcore import care
from netzcore import db as netzdb
from netzcore.importers.activity import (
    apply_activity,
    find_files,
    meeting_channel,
    plan_activity,
    report_lines,
    title_topic,
)
from netzcore.importers.calendar import Occurrence, _day_rule, read_calendar
from netzcore.upcoming import meetings_ahead, upcoming

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "calendar"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 6, 1, 12, 0)

PEOPLE = {"Anna Weber": "anna.weber@voith.example", "Max Muster": "max.muster@siemens-energy.example",
          "Carla Nowak": "carla.nowak@h2-netz.example", "Jonas Becker": "jonas.becker@ise.example",
          "Dana Park": "dana.park@hydrogen-us.example"}


def seed(con: netzdb.Connection) -> dict[str, str]:
    con.execute("UPDATE profile SET full_name = 'Petra Plan', my_emails = ['petra.plan@example.com']")
    ids = {}
    for name, email in PEOPLE.items():
        row = con.execute("INSERT INTO contacts (full_name, emails, tier, created_at) VALUES (?, ?, 'A', ?) "
                          "RETURNING id", [name, [email], dt.datetime(2025, 1, 1)]).fetchone()
        assert row
        ids[name] = row[0]
    return ids


def plan(con: netzdb.Connection, *names: str):  # noqa: ANN201
    files, refused = find_files([str(FIXTURES / n) for n in names] or [str(FIXTURES)])
    return plan_activity(con, files, now=NOW, zone=BERLIN, refused=refused)


def logged(con: netzdb.Connection, contact_id: str) -> list[tuple[dt.date, str, bool, list[str]]]:
    return con.execute("SELECT occurred_on, channel, in_person, topics FROM interactions WHERE contact_id = ? "
                       "ORDER BY occurred_on", [contact_id]).fetchall()


def test_google_series_with_exdate_moved_and_cancelled_occurrences(con: netzdb.Connection) -> None:
    ids = seed(con)
    apply_activity(con, plan(con, "google_recurring_cancelled_declined.ics"))
    anna = logged(con, ids["Anna Weber"])
    # weekly from 2 March, 6 times: 9 March excluded (EXDATE), 16 March moved to the 17th, 23 March cancelled;
    # 15 April she met without me (I declined), 10 June is still to come
    assert [row[0] for row in anna] == [dt.date(2026, 3, 2), dt.date(2026, 3, 17), dt.date(2026, 3, 30),
                                        dt.date(2026, 4, 6)]
    assert {row[1] for row in anna} == {"video_call"}                    # Google Meet
    assert anna[1][3] == ["Jour fixe Elektrolyse-Projekt (verschoben)"]


def test_place_lunch_all_day_and_declined_attendee(con: netzdb.Connection) -> None:
    ids = seed(con)
    apply_activity(con, plan(con, "google_recurring_cancelled_declined.ics"))
    assert logged(con, ids["Max Muster"]) == [
        (dt.date(2026, 4, 10), "lunch", True, ["Mittagessen: Wasserstoff-Hub Neckar"]),  # a café, his name removed
        (dt.date(2026, 4, 20), "meeting", True, ["Hannover Messe"]),                    # all-day, a place
    ]
    assert logged(con, ids["Carla Nowak"]) == []        # she declined the fair; the call only names her: a suggestion


def test_outlook_teams_phone_series_windows_zone_and_cancelled(con: netzdb.Connection) -> None:
    ids = seed(con)
    apply_activity(con, plan(con, "outlook_teams_cancelled_windows_zone.ics"))
    assert logged(con, ids["Carla Nowak"]) == [
        (dt.date(2026, 2, 4), "call", False, ["Telefonat Netzanschluss"]),
        (dt.date(2026, 3, 4), "call", False, ["Telefonat Netzanschluss"]),
        (dt.date(2026, 4, 4), "call", False, ["Telefonat Netzanschluss"]),
        (dt.date(2026, 5, 11), "video_call", False, ["Abstimmung Förderantrag"]),   # "Abgesagt: Budgetrunde" left out
    ]


def test_apple_other_time_zone_lands_on_the_local_day(con: netzdb.Connection) -> None:
    ids = seed(con)
    apply_activity(con, plan(con, "apple_zoom_all_day_other_zone.ics"))
    # 20:00 in New York on 18 March is 01:00 on 19 March in Berlin
    assert logged(con, ids["Dana Park"]) == [(dt.date(2026, 3, 19), "video_call", False,
                                               ["Evening call (New York)"])]
    jonas = logged(con, ids["Jonas Becker"])
    assert [r[0] for r in jonas] == [dt.date(2026, 2, 10), dt.date(2026, 2, 17), dt.date(2026, 2, 24),
                                     dt.date(2026, 4, 1)]               # weekly UNTIL, then an all-day workshop
    assert jonas[-1][1:3] == ("meeting", True)


def test_importing_again_creates_nothing(con: netzdb.Connection) -> None:
    seed(con)
    first = apply_activity(con, plan(con))
    count = con.execute("SELECT count(*) FROM interactions").fetchone()
    again = apply_activity(con, plan(con))
    assert first.created > 10 and again.created == 0 and again.already == first.created
    assert con.execute("SELECT count(*) FROM interactions").fetchone() == count


def test_names_are_only_suggestions_until_confirmed(con: netzdb.Connection) -> None:
    ids = seed(con)
    found = plan(con, "google_recurring_cancelled_declined.ics")
    suggestions = {(s.contact_name, s.email) for s in found.name_suggestions}
    assert suggestions == {("Carla Nowak", ""), ("Anna Weber", "anna.private@mail.example")}
    apply_activity(con, found, confirmed={s.index for s in found.name_suggestions})
    assert (dt.date(2026, 5, 5), "call", False, []) in logged(con, ids["Carla Nowak"])   # "Call mit Carla Nowak"
    assert (dt.date(2026, 5, 6), "call", False, ["Kurz telefonieren"]) in logged(con, ids["Anna Weber"])
    # the confirmed address now finds her directly
    again = plan(con, "google_recurring_cancelled_declined.ics")
    assert again.name_suggestions == () and again.meetings == ()


def test_upcoming_meetings_come_with_the_last_hooks(con: netzdb.Connection) -> None:
    ids = seed(con)
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, hooks) VALUES (?, '2026-05-20', "
                "'call', 'Tochter startet Studium in Aachen')", [ids["Anna Weber"]])
    report = apply_activity(con, plan(con, "google_recurring_cancelled_declined.ics"))
    assert report.upcoming == 1
    ahead = upcoming(meetings_ahead(con, NOW.date()), NOW)
    assert [(m.full_name, m.starts_at, m.title, m.in_person, m.hooks) for m in ahead] == [
        ("Anna Weber", dt.datetime(2026, 6, 10, 15, 0), "Werksbesuch Heidenheim", True,
         ("Tochter startet Studium in Aachen",))]


def test_the_care_clock_moves(con: netzdb.Connection) -> None:
    ids = seed(con)
    before = care.care_state(con, ids["Jonas Becker"], NOW.date())
    assert before and before.last_interaction_on is None and before.due_state == "overdue"
    apply_activity(con, plan(con, "apple_zoom_all_day_other_zone.ics"))
    after = care.care_state(con, ids["Jonas Becker"], NOW.date())
    assert after and after.last_interaction_on == dt.date(2026, 4, 1) and after.due_on == dt.date(2026, 5, 31)
    assert after.due_state == "due"


def test_public_test_suite_files(con: netzdb.Connection) -> None:
    """ical.js' Zimbra series (RRULE + RDATE + EXDATE + overrides), Thunderbird's cancelled occurrence, Exchange's
    Windows zone, Google's birthdays: read without a problem, in the right number."""
    with (FIXTURES / "icaljs_recur_instances.ics").open("rb") as stream:
        zimbra = read_calendar("z", stream, dt.date(2012, 10, 1), dt.date(2012, 12, 31), ZoneInfo("UTC"))
    days = sorted(o.day for o in zimbra.occurrences)
    # 2 Oct moved to 15:00 (22:00 UTC), 6 Nov (first Tuesday), the RDATE of 5 Nov moved to 6 Nov 20:00 in Los
    # Angeles (7 Nov in UTC), 10 and 30 Nov (RDATEs); 4 Dec excluded (EXDATE)
    assert days == [dt.date(2012, 10, 2), dt.date(2012, 11, 6), dt.date(2012, 11, 7), dt.date(2012, 11, 10),
                    dt.date(2012, 11, 30)]
    tenth = next(o for o in zimbra.occurrences if o.day == dt.date(2012, 11, 10))
    assert {p.email for p in tenth.participants} == {"calmozilla1@gmail.com", "james@lightsofapollo.com",
                                                     "iam.revelation@gmail.com", "jlal@mozilla.com"}
    with (FIXTURES / "thunderbird_cancelled_occurrence.ics").open("rb") as stream:
        thunderbird = read_calendar("t", stream, dt.date(2020, 1, 1), dt.date(2020, 2, 28), BERLIN)
    assert [o.day for o in thunderbird.occurrences] == [dt.date(2020, 1, 28), dt.date(2020, 1, 30)]
    assert thunderbird.cancelled == 1
    with (FIXTURES / "exchange2010_gmt_standard_time.ics").open("rb") as stream:
        exchange = read_calendar("e", stream, dt.date(2024, 6, 1), dt.date(2024, 12, 31), BERLIN)
    assert exchange.problems == []
    assert dt.date(2024, 10, 4) in [o.day for o in exchange.occurrences]
    assert all(o.day != dt.date(2024, 7, 15) for o in exchange.occurrences)      # EXDATE
    seed(con)
    report = apply_activity(con, plan(con, "google_contacts_birthdays.ics", "google_x_wr_timezone.ics"))
    assert report.created == 0 and report.problems == ()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_in_words(con: netzdb.Connection, lang: str) -> None:
    seed(con)
    lines = report_lines(plan(con, "google_recurring_cancelled_declined.ics").preview(), lang)
    text = "\n".join(lines)
    expected = {"de": ["Anna Weber: 4 Termine", "1 Termin, den Sie abgelehnt haben", "Nur eine Vorschau"],
                "en": ["Anna Weber: 4 meetings", "1 meeting you declined", "Preview only"]}[lang]
    assert all(part in text for part in expected), text


def test_title_topic_is_cleaned() -> None:
    assert title_topic("Einladung: Workshop Elektrolyse mit Max Muster", ["Max Muster"]) == ("Workshop Elektrolyse",)
    assert title_topic("Mittagessen mit Max Muster", ["Max Muster"]) == ()
    assert title_topic("Call mit Carla Nowak", ["Carla Nowak"]) == ()
    assert title_topic("[EXTERNAL] Updated invitation: Q3 planning", []) == ("Q3 planning",)
    assert title_topic("Neuer Zeitvorschlag: Abstimmung Angebot", []) == ("Abstimmung Angebot",)     # Outlook


def test_broken_and_hostile_calendars_never_crash(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nRRULE:FREQ=NONSENSE\r\nDTSTART:2026\r\n"
                       b"ATTENDEE:mailto:anna.weber@voith.example\r\nBEGIN:VEVENT\r\nDTSTART:20260101T100000\r\n"
                       b"SUMMARY:" + b"A" * 3_000_000 + b"\r\nEND:VEVENT\r\n")
    files, refused = find_files([str(broken)])
    report = plan_activity(con, files, now=NOW, zone=BERLIN).preview()
    assert report.created == 0 and refused == []


def test_a_series_repeating_more_often_than_daily_meets_once_a_day(con: netzdb.Connection) -> None:
    """An hourly series of three days made 72 interactions with one person (an endless one 87,000 in ten years),
    two stand-ups a day made two a day: the log counts days, so each series is logged once on each day it meets."""
    ids = seed(con)
    apply_activity(con, plan(con, "series_repeating_hourly_or_several_times_a_day.ics"))
    days = [row[0] for row in logged(con, ids["Anna Weber"])]
    assert days == [dt.date(2026, 5, 4), dt.date(2026, 5, 5), dt.date(2026, 5, 6)]
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 5, d) for d in (11, 12, 13)]
    carla = [row[0] for row in logged(con, ids["Carla Nowak"])]          # every minute since 25 May: every day
    assert carla == [*(dt.date(2026, 5, d) for d in range(25, 32)), dt.date(2026, 6, 1)]   # up to now, 1 June noon
    ahead = [m for m in upcoming(meetings_ahead(con, NOW.date(), days=60), NOW, days=60, limit=1000)
             if m.contact_id == ids["Carla Nowak"]]
    assert 59 <= len(ahead) <= 61                                      # and once a day ahead


def test_one_answer_a_day_shows_at_every_minute_what_is_still_ahead(con: netzdb.Connection) -> None:
    """Today keeps the day's meetings ahead through every minute and every write; at each minute it shows the ones
    not begun yet (an all-day one all day), up to 14 days ahead."""
    ids = seed(con)
    day = NOW.date()
    for uid, starts_at, all_day in (("nine", dt.datetime.combine(day, dt.time(9)), False),
                                    ("allday", dt.datetime.combine(day, dt.time()), True),
                                    ("yesterday", dt.datetime.combine(day, dt.time(9)) - dt.timedelta(days=1), False),
                                    ("fortnight", dt.datetime.combine(day, dt.time(9)) + dt.timedelta(days=14), False)):
        con.execute("INSERT INTO calendar_meetings (uid, occurrence, contact_id, starts_at, all_day, channel, title) "
                    "VALUES (?, ?, ?, ?, ?, 'meeting', ?)", [uid, uid, ids["Anna Weber"], starts_at, all_day, uid])
    ahead = meetings_ahead(con, day)
    assert [m.title for m in ahead] == ["allday", "nine", "fortnight"]
    for minute, shown in ((dt.time(8, 59), ["allday", "nine"]), (dt.time(9, 1), ["allday", "fortnight"]),
                          (dt.time(23, 59), ["allday", "fortnight"])):
        assert [m.title for m in upcoming(ahead, dt.datetime.combine(day, minute))] == shown, minute


def test_a_rule_with_interval_zero_is_named_and_the_import_ends(db_path: Path) -> None:
    """INTERVAL=0 repeats one instant forever: the import never returned. Now the series is named and the rest is
    logged (a real `netz import`, stopped after two minutes should it hang again)."""
    import subprocess
    import sys

    with netzdb.connect(db_path) as con:
        seed(con)
    result = subprocess.run([sys.executable, "-m", "netzcore.cli", "import", "--db", str(db_path), "--lang", "en",
                             str(FIXTURES / "series_with_interval_zero.ics")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "a recurring event could not be read and was left out (interval-zero@netz.test: INTERVAL=0)" \
        in result.stdout
    with netzdb.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM interactions").fetchone() == (1,)


def test_an_evolution_zone_name_is_read_without_a_word_on_the_terminal(db_path: Path) -> None:
    """Evolution and Thunderbird name zones '/freeassociation.sourceforge.net/Tzfile/Europe/Prague': the time
    library's warning about guessing the zone came out on the terminal with a line of netz's source under it."""
    import subprocess
    import sys

    with netzdb.connect(db_path) as con:
        seed(con)
    result = subprocess.run([sys.executable, "-m", "netzcore.cli", "import", "--db", str(db_path), "--lang", "en",
                             str(FIXTURES / "evolution_globally_unique_tzid.ics")],
                            capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "TZ": "UTC"})
    assert (result.returncode, result.stderr) == (0, "")
    with netzdb.connect(db_path) as con:     # 23:30 in Prague is 21:30 UTC: the same day
        assert con.execute("SELECT occurred_on FROM interactions").fetchall() == [(dt.date(2026, 5, 12),)]


def test_outlook_web_zone_display_names_land_on_the_right_day(con: netzdb.Connection) -> None:
    """Outlook on the web publishes TZID="(GMT+10:00) Canberra, Melbourne, Sydney" without a VTIMEZONE: the times
    were read as Berlin's wall clock. 08:30 in Sydney's summer is 22:30 the evening before in Berlin; 18:45 in New
    York two days after the clocks went forward there (EDT, not the named UTC-05:00) is 23:45 in Berlin."""
    ids = seed(con)
    apply_activity(con, plan(con, "outlook_web_zone_display_names_without_vtimezone.ics"))
    assert [row[0] for row in logged(con, ids["Anna Weber"])] == [dt.date(2026, 1, 14)]
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 3, 10)]


def test_an_older_version_of_an_event_is_no_meeting_of_its_own(con: netzdb.Connection) -> None:
    """A calendar that kept an event as it was before a change (one UID, SEQUENCE 0 and 2, the meeting moved to
    the afternoon) logged two meetings that day. Copies of an event (one UID, the same SEQUENCE, other days) are
    still a meeting each."""
    ids = seed(con)
    report = apply_activity(con, plan(con, "event_kept_in_an_older_version_too.ics"))
    assert [(row[0], row[3]) for row in logged(con, ids["Anna Weber"])] == [
        (dt.date(2026, 1, 15), ["Hydrogen roadmap (moved to the afternoon)"])]
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 2, 2), dt.date(2026, 2, 9)]
    assert "1 older version of a meeting (the event was changed later)" in "\n".join(report_lines(report, "en"))


@pytest.mark.parametrize("name", ["exchange_series_zone_name_with_colon_and_a_moved_meeting.ics",
                                  "exchange_series_zone_name_without_vtimezone_and_a_moved_meeting.ics"])
def test_a_moved_meeting_of_an_exchange_series_keeps_its_own_title_and_people(con: netzdb.Connection, name: str) -> None:
    """Exchange names its zone TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien": the ':' in it cut
    the name, the series lost its VTIMEZONE, and the moved meeting on 15 April was logged under the series'
    title without Carla Nowak, who was invited to it alone (a moved meeting on its own was not logged at all).
    Without a VTIMEZONE the name is read as the zone Windows shows."""
    ids = seed(con)
    apply_activity(con, plan(con, name))
    assert [(row[0], row[3]) for row in logged(con, ids["Anna Weber"])] == [
        (dt.date(2026, 4, 7), ["Projekt Alpha"]), (dt.date(2026, 4, 15), ["Projekt Alpha (verschoben)"]),
        (dt.date(2026, 4, 21), ["Projekt Alpha"])]
    assert [(row[0], row[3]) for row in logged(con, ids["Carla Nowak"])] == [
        (dt.date(2026, 4, 15), ["Projekt Alpha (verschoben)"])]


def test_attendees_written_last_name_first_are_read_as_their_names(con: netzdb.Connection) -> None:
    """Exchange writes attendees as the address book files them, CN="Weber, Anna": the meeting was not offered for
    the contact Anna Weber (under another address), and a new person was offered as 'Schmidt, Karl-Heinz'. A suffix
    after the comma ('Smith, Jr.') is no given name."""
    ids = seed(con)
    found = plan(con, "attendees_written_last_name_comma_first_name.ics")
    assert [(s.contact_id, s.email, s.found_as) for s in found.name_suggestions] == [
        (ids["Anna Weber"], "a.weber@privat.example", "Anna Weber")]
    with (FIXTURES / "attendees_written_last_name_comma_first_name.ics").open("rb") as stream:
        [meeting] = read_calendar("x.ics", stream, dt.date(2026, 1, 1), dt.date(2026, 6, 1), BERLIN).occurrences
    assert sorted(p.name for p in meeting.participants) == [
        "Anna Weber", "Karl-Heinz Schmidt", "Petra Plan", "Smith, Jr."]


def test_a_rule_whose_days_never_or_rarely_come_is_asked_only_inside_the_window(con: netzdb.Connection) -> None:
    """dateutil looks for a rule's next day until the year 9999 while none matches: a daily series on 30 February
    took five to ten seconds, one with COUNT=1000 on 29 February searched 4,000 years. A rule that meets on no day
    is dropped (the event is its first meeting), one whose COUNT reaches past the window ends with the window; the
    meetings inside it are the same."""
    start = ({}, "20260105T090000Z")
    assert _day_rule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", start, dt.date(2026, 7, 31)) == ""
    assert _day_rule("FREQ=WEEKLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", start, dt.date(2026, 7, 31)) == ""
    assert _day_rule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1000", start, dt.date(2026, 7, 31)) \
        == "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20260802T235959Z"
    assert _day_rule("FREQ=WEEKLY;COUNT=3", start, dt.date(2026, 7, 31)) == "FREQ=WEEKLY;COUNT=3"
    ids = seed(con)
    apply_activity(con, plan(con, "series_whose_days_never_or_rarely_come.ics"))
    assert [row[0] for row in logged(con, ids["Anna Weber"])] == [dt.date(2026, 1, 5)]
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 2, 10)]
    assert [row[0] for row in logged(con, ids["Carla Nowak"])] == [dt.date(2020, 2, 29), dt.date(2024, 2, 29)]
    assert [row[0] for row in logged(con, ids["Jonas Becker"])] == [dt.date(2026, 5, d) for d in (4, 11, 18)]


def test_a_count_series_starting_on_a_day_its_rule_does_not_name_has_count_meetings(con: netzdb.Connection) -> None:
    """RFC 5545: DTSTART is always the first occurrence and COUNT counts from it. A weekly COUNT=10 on Tuesdays
    that starts on a Monday was logged as 11 meetings (the Monday and ten Tuesdays); it is the Monday and nine
    Tuesdays. A series that starts on one of its days keeps exactly COUNT meetings; COUNT=1 is the start alone."""
    ids = seed(con)
    apply_activity(con, plan(con, "series_with_count_starting_on_a_day_the_rule_does_not_name.ics"))
    anna = [row[0] for row in logged(con, ids["Anna Weber"])]
    assert anna == [dt.date(2026, 3, 2), *(dt.date(2026, 3, 3) + dt.timedelta(weeks=w) for w in range(9))]
    max_ = [row[0] for row in logged(con, ids["Max Muster"])]
    assert max_ == [dt.date(2026, 3, 3) + dt.timedelta(weeks=w) for w in range(10)]
    assert [row[0] for row in logged(con, ids["Carla Nowak"])] == [dt.date(2026, 2, 10), dt.date(2026, 2, 15),
                                                                   dt.date(2026, 3, 15)]
    assert [row[0] for row in logged(con, ids["Jonas Becker"])] == [dt.date(2026, 5, 4)]


def test_a_rule_whose_interval_or_set_position_never_meets_is_its_first_meeting(con: netzdb.Connection) -> None:
    """Every 7th day on a Tuesday from a Monday, the 6th Monday of a month, 29 February every fourth year from a
    common year: the days exist, but the rule never lands on one, and the rule library looked until the year 9999
    for each (1.4 s a series). Such a rule is now known as meeting on no day, the event is its first meeting; a rule
    with an interval and a set position that meets keeps its meetings."""
    start = ({}, "20260105T090000Z")
    for rule in ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "FREQ=DAILY;BYSETPOS=2",
                 "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;BYSETPOS=3", "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3"):
        assert _day_rule(rule, start, dt.date(2026, 7, 31)) == "", rule
    for rule in ("FREQ=DAILY;INTERVAL=3;BYDAY=TU", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1", "FREQ=WEEKLY;INTERVAL=2",
                 "FREQ=MONTHLY;INTERVAL=12;BYMONTH=1"):
        assert _day_rule(rule, start, dt.date(2026, 7, 31)) != "", rule
    ids = seed(con)
    apply_activity(con, plan(con, "series_whose_interval_or_set_position_never_meets.ics"))
    assert [row[0] for row in logged(con, ids["Anna Weber"])] == [dt.date(2026, 1, 5)]
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 1, 5)]
    assert [row[0] for row in logged(con, ids["Carla Nowak"])] == [dt.date(2025, 3, 1)]
    # the third Friday, 5 June, is after the import's "now" (1 June): upcoming, not logged
    assert [row[0] for row in logged(con, ids["Jonas Becker"])] == [dt.date(2026, 5, 8), dt.date(2026, 5, 22)]


def test_a_confirmed_attendee_brings_the_other_meetings_of_that_address(con: netzdb.Connection) -> None:
    """Confirming "Max Muster <max.privat@…> is Max" logged that one meeting; the two others with the same address
    (under another name, or none) came only with the next import. Now they come with the confirmation."""
    ids = seed(con)
    found = plan(con, "confirmed_attendee_address_in_other_meetings.ics")
    [suggestion] = found.name_suggestions
    assert (suggestion.contact_name, suggestion.email) == ("Max Muster", "max.privat@mail.example")
    assert (suggestion.days, suggestion.occurred_on) == (3, dt.date(2026, 5, 19))      # what the checkbox says
    assert found.preview(confirmed={0}).contacts[0].meetings == 3
    report = apply_activity(con, found, confirmed={0})
    assert [row[0] for row in logged(con, ids["Max Muster"])] == [dt.date(2026, 5, d) for d in (5, 12, 19)]
    assert report.created == 3
    assert apply_activity(con, plan(con, "confirmed_attendee_address_in_other_meetings.ics")).created == 0


def test_an_attendee_written_mailto_mailto_is_found_by_the_address(con: netzdb.Connection) -> None:
    """'mailto:mailto:carla.nowak@…' was read as the address 'mailto:carla.nowak@…', which nobody has."""
    ids = seed(con)
    apply_activity(con, plan(con, "attendee_written_mailto_mailto.ics"))
    assert [row[0] for row in logged(con, ids["Carla Nowak"])] == [dt.date(2026, 5, 6)]


def test_one_uid_on_events_of_two_days_is_two_meetings(con: netzdb.Connection) -> None:
    """A calendar that copies an event keeps its UID: the second meeting was dropped without a word. The same
    event written twice stays one meeting, and importing again adds nothing."""
    ids = seed(con)
    for _ in range(2):
        apply_activity(con, plan(con, "one_uid_on_two_days.ics"))
        assert [row[0] for row in logged(con, ids["Anna Weber"])] == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_impossible_and_extreme_start_dates_are_named_not_a_traceback(con: netzdb.Connection, lang: str) -> None:
    """Month 13, hour 25 and 30 February stopped the whole import with a traceback; a start in year 9999 or 1 in
    UTC overflowed on the way into the user's zone. Now each impossible start is named, the extremes are counted
    as far ahead or long ago, and the good meeting is logged."""
    ids = seed(con)
    report = apply_activity(con, plan(con, "events_with_impossible_or_extreme_start_dates.ics"))
    assert report.sources[0].read == 6
    assert [row[0] for row in logged(con, ids["Jonas Becker"])] == [dt.date(2026, 5, 12)]
    assert report.skipped["meetings_older"] == 1 and report.skipped["meetings_later"] == 1
    text = "\n".join(report_lines(report, lang))
    template = {"de": "ein Termin mit unmöglichem Beginn ({}) wurde ausgelassen",
                "en": "an event with an impossible start ({}) was left out"}[lang]
    for written in ("20261301", "20260512T250000", "20260230T100000Z"):
        assert template.format(written) in text, text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_meetings_outside_the_window_are_counted_and_named(con: netzdb.Connection, lang: str) -> None:
    """A meeting more than ten years back (a single one and a whole series) or more than 60 days ahead was read and
    then vanished from the report; now each is counted with what to do about it."""
    ids = seed(con)
    name = "meetings_older_than_ten_years_or_far_ahead.ics"
    report = apply_activity(con, plan(con, name))
    assert report.sources[0].read == 5
    assert report.created == 1 and [row[0] for row in logged(con, ids["Jonas Becker"])] == [dt.date(2026, 5, 12)]
    assert report.skipped["meetings_older"] == 2 and report.skipped["meetings_later"] == 2
    text = "\n".join(report_lines(report, lang))
    expected = {"de": "2 Termine, die mehr als zehn Jahre zurückliegen (ein früherer Tag unter „Erst ab diesem "
                      "Tag“ oder --since erfasst sie); 2 Termine in mehr als 60 Tagen",
                "en": "2 meetings more than ten years ago (an earlier day under “Only from this day on” or --since "
                      "logs them); 2 meetings more than 60 days ahead"}[lang]
    assert expected in text, text
    files, _ = find_files([str(FIXTURES / name)])
    chosen = plan_activity(con, files, since=dt.date(2020, 1, 1), now=NOW, zone=BERLIN).preview()
    assert chosen.skipped["meetings_before_since"] == 2 and "meetings_older" not in chosen.skipped
    earlier = plan_activity(con, files, since=dt.date(2012, 1, 1), now=NOW, zone=BERLIN).preview()
    assert earlier.created == 4 and not earlier.skipped.get("meetings_before_since")   # Anna once, Max three times


def test_netz_own_calendar_export_is_not_read_as_meetings(con: netzdb.Connection, tmp_path: Path) -> None:
    """netz's calendar (birthdays, follow-ups, due contacts) imported back: its reminders carry the contacts'
    names, and each came back as "may be <contact>" to confirm; they are reminders, not meetings, and are counted."""
    from netzcore.exporters.calendar_feed import calendar_export

    ids = seed(con)
    con.execute("UPDATE contacts SET birthday_month = 5, birthday_day = 20 WHERE id = ?", [ids["Anna Weber"]])
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, follow_up_on) VALUES (?, ?, 'call', ?)",
                [ids["Max Muster"], dt.date(2026, 5, 2), dt.date(2026, 5, 25)])
    own = tmp_path / "netz-calendar.ics"
    own.write_bytes(calendar_export(con, "en", dt.date(2026, 5, 20)).data)
    files, _ = find_files([str(own)])
    report = plan_activity(con, files, now=NOW, zone=BERLIN).preview()
    assert report.name_suggestions == () and report.created == 0
    assert report.skipped["netz_reminders"] >= 2
    assert "reminders from netz's own calendar" in "\n".join(report_lines(report, "en"))


def test_an_upcoming_meeting_with_nobody_known_is_counted(con: netzdb.Connection) -> None:
    """Read, then missing from the report: a meeting ahead whose attendees are no contacts."""
    seed(con)
    report = apply_activity(con, plan(con, "upcoming_meeting_with_nobody_known.ics"))
    assert report.sources[0].read == 1 and {k: v for k, v in report.skipped.items() if v} == {"no_contact": 1}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_events_left_out_are_named_by_their_place_in_the_file(con: netzdb.Connection, lang: str) -> None:
    """Twenty events without a start gave twenty identical lines; each now says which event of the file it is."""
    seed(con)
    report = apply_activity(con, plan(con, "twenty_events_without_start.ics"))
    lines = report_lines(report, lang)
    template = {"de": "twenty_events_without_start.ics, Termin {}: ein Termin ohne Beginn wurde ausgelassen",
                "en": "twenty_events_without_start.ics, event {}: an event without a start date was left out"}[lang]
    named = [line.rpartition("/")[2] for line in lines if "twenty_events_without_start.ics, " in line]
    assert named == [template.format(number) for number in range(1, 21)]


def test_a_series_left_out_is_named_with_its_rule_as_written(con: netzdb.Connection) -> None:
    """'UNTL=20191023' (a misspelt UNTIL) stops the series; the message quoted the rule as netz bounds it,
    'FREQ=WEEKLY;UNTIL=2027…;…;UNTL=20191023', an UNTIL nobody wrote, and the parser's words about that one."""
    seed(con)
    report = apply_activity(con, plan(con, "rrule_with_a_misspelt_until.ics"))
    [line] = [line.rpartition("/")[2] for line in report_lines(report, "en")
              if "rrule_with_a_misspelt_until.ics, " in line]
    assert line == ("rrule_with_a_misspelt_until.ics, event 1: a recurring event could not be read and was left out "
                    "(blabla: RRULE:FREQ=WEEKLY;UNTL=20191023;BYDAY=TH;WKST=SU)")
    report = apply_activity(con, plan(con, "rrule_with_an_unknown_freq.ics"))
    assert ("rrule_with_an_unknown_freq.ics, event 1: a recurring event could not be read and was left out "
            "(test-123: RRULE:FREQ=INVALID_TYPE_CAUSES_ERROR)") in [line.rpartition("/")[2]
                                                                    for line in report_lines(report, "en")]


def test_a_start_that_is_no_date_is_named_as_written_not_as_missing(con: netzdb.Connection) -> None:
    """'DTSTART:INVALID-DATE' was reported as an event without a start date; the start is there, and wrong."""
    seed(con)
    report = apply_activity(con, plan(con, "start_that_is_no_date.ics"))
    lines = [line.rpartition("/")[2] for line in report_lines(report, "en")]
    assert "start_that_is_no_date.ics, event 1: an event with an impossible start (INVALID-DATE) was left out" \
        in lines


def test_a_series_with_a_contact_under_another_address_is_one_suggestion(con: netzdb.Connection) -> None:
    """A weekday standup since 2012 with 'Donovan Preston' at his work address, on the card with a private one:
    every day was a suggestion of its own, about 2,600 report lines and checkboxes in the app. Now it is one,
    with the number of days, and confirming it logs them all."""
    row = con.execute("INSERT INTO contacts (full_name, emails, tier, created_at) VALUES ('Donovan Preston', "
                      "['donovan@home.example'], 'B', ?) RETURNING id", [dt.datetime(2025, 1, 1)]).fetchone()
    assert row
    found = plan(con, "daily_standup_with_a_contact_under_another_address.ics")
    [suggestion] = found.name_suggestions
    assert (suggestion.contact_name, suggestion.email) == ("Donovan Preston", "dpreston@mozilla.com")
    assert suggestion.days > 2000 and suggestion.occurred_on == dt.date(2026, 5, 29)     # the last weekday
    lines = report_lines(found.preview(), "en")
    assert [line for line in lines if "dpreston@mozilla.com" in line] == [
        f"  Donovan Preston (dpreston@mozilla.com) on {suggestion.days:,} days, last on 29 May 2026, may be "
        "Donovan Preston: not logged"]
    assert any("an " in line and "Tagen, zuletzt am" in line for line in report_lines(found.preview(), "de"))
    people = [line for line in lines if "jlal@mozilla.com" in line]            # met, never written with
    assert len(people) == 1 and " meetings, last " in people[0] and "thread" not in people[0], people
    apply_activity(con, found, confirmed={suggestion.index})
    assert len(logged(con, row[0])) == suggestion.days


def test_an_attendee_address_folded_inside_is_found(con: netzdb.Connection) -> None:
    """'mailto:hcabot@' folded with two spaces before 'example.com' unfolds to 'hcabot@ example.com': Henry was lost
    without a word while the others of the meeting were logged. The delegating non-participant stays out, the one
    who declined is counted as such."""
    ids = {}
    for name, email in (("Henry Cabot", "hcabot@example.com"), ("The Big Cheese", "iamboss@example.com"),
                        ("Jane Doe", "jdoe@example.com"), ("Ann Other", "another@example.com")):
        row = con.execute("INSERT INTO contacts (full_name, emails, tier, created_at) VALUES (?, ?, 'B', ?) "
                          "RETURNING id", [name, [email], dt.datetime(2013, 1, 1)]).fetchone()
        assert row
        ids[name] = row[0]
    files, refused = find_files([str(FIXTURES / "attendee_address_folded_with_two_spaces.ics")])
    report = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN, refused=refused,
                                               since=dt.date(2014, 1, 1)))
    assert {item.name for item in report.contacts} == {"Henry Cabot", "Jane Doe"}
    assert [row[0] for row in logged(con, ids["Henry Cabot"])] == [dt.date(2014, 4, 9)]
    assert report.skipped["declined"] == 1


def test_a_series_without_uid_is_a_series_not_its_first_day(con: netzdb.Connection) -> None:
    """Exchange's CDO wrote a daily standup without UID and with 'BYDAY=MO, TU, WE, TH, FR': read as a single
    event, only its first day counted. Now all 14 weekdays are read, and again the same meetings (same keys)."""
    with (FIXTURES / "exchange_cdo_series_without_uid.ics").open("rb") as stream:
        read = read_calendar("x", stream, dt.date(2015, 1, 1), dt.date(2015, 12, 31), BERLIN)
    assert read.problems == []
    days = [o.day for o in read.occurrences]
    assert len(days) == 14 and days[0] == dt.date(2015, 7, 3) and days[-1] == dt.date(2015, 7, 22)
    assert all(o.title == "Sprint 25 Daily Standup" for o in read.occurrences)
    with (FIXTURES / "exchange_cdo_series_without_uid.ics").open("rb") as stream:
        again = read_calendar("x", stream, dt.date(2015, 1, 1), dt.date(2015, 12, 31), BERLIN)
    assert [o.occurrence_key for o in again.occurrences] == [o.occurrence_key for o in read.occurrences]


def test_a_cancellation_without_a_start_is_counted_as_cancelled() -> None:
    """A METHOD:CANCEL message names the event by its UID alone: it was reported as an event without a start."""
    with (FIXTURES / "cancellation_without_start.ics").open("rb") as stream:
        read = read_calendar("c.ics", stream, dt.date(1990, 1, 1), dt.date(2030, 1, 1), BERLIN)
    assert (read.problems, read.cancelled, read.occurrences) == ([], 1, [])


def test_one_event_saved_without_the_calendar_around_it_is_read(con: netzdb.Connection) -> None:
    """A lone VEVENT (no BEGIN:VCALENDAR) was refused as "not a calendar (.ics) or mail file"."""
    files, refused = find_files([str(FIXTURES / "one_event_without_the_calendar_around_it.ics")])
    assert refused == [] and [f.kind for f in files] == ["calendar"]
    report = plan_activity(con, files, now=NOW, zone=BERLIN).preview()
    assert (report.sources[0].read, report.problems) == (1, ())


@pytest.mark.parametrize("cancellation", ["meeting_cancelled_after_it_was_imported_status_cancelled.ics",
                                          "meeting_cancelled_after_it_was_imported_method_cancel.ics"])
def test_a_meeting_cancelled_after_an_import_leaves_today(con: netzdb.Connection, cancellation: str) -> None:
    """The first import keeps the meeting of 15 December for Today; a later import of the cancellation (STATUS:
    CANCELLED, or METHOD:CANCEL) said "1 cancelled meeting" and left it there."""
    ids = seed(con)
    hal = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Hal Dorn', ['d@example.com'], 'B') "
                      "RETURNING id").fetchone()
    assert hal
    files, _ = find_files([str(FIXTURES / "meeting_cancelled_after_it_was_imported.ics")])
    now = dt.datetime(2026, 12, 1, 9, 0)
    assert apply_activity(con, plan_activity(con, files, now=now, zone=BERLIN)).upcoming == 1
    assert [m.title for m in meetings_ahead(con, now.date())] == ["Phone Conference"]
    files, _ = find_files([str(FIXTURES / cancellation)])
    found = plan_activity(con, files, now=now, zone=BERLIN)
    assert not found.empty            # the app offers to apply it
    assert "1 upcoming meeting was cancelled since: it will be taken off Today." in report_lines(found.preview(), "en")
    report = apply_activity(con, found)
    assert report.skipped["cancelled"] == 1
    assert "1 anstehender Termin wurde inzwischen abgesagt: er wurde von Heute entfernt." in report_lines(report, "de")
    assert meetings_ahead(con, now.date()) == []
    assert logged(con, ids["Anna Weber"]) == []


def test_a_past_meeting_cancelled_later_is_no_longer_logged(con: netzdb.Connection) -> None:
    """A meeting netz logged from the calendar and the calendar cancelled since: its entry goes, unless the user
    added something to it; what the user entered by hand stays."""
    seed(con)
    hal = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Hal Dorn', ['d@example.com'], 'B') "
                      "RETURNING id").fetchone()
    assert hal
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel) VALUES (?, '2026-12-15', 'call')",
                [hal[0]])                                                              # entered by hand
    now = dt.datetime(2026, 12, 20, 9, 0)
    files, _ = find_files([str(FIXTURES / "meeting_cancelled_after_it_was_imported.ics")])
    assert apply_activity(con, plan_activity(con, files, now=now, zone=BERLIN)).created == 1
    files, _ = find_files([str(FIXTURES / "meeting_cancelled_after_it_was_imported_status_cancelled.ics")])
    found = plan_activity(con, files, now=now, zone=BERLIN)
    assert "1 meeting logged earlier was cancelled since: its entry will be removed." in report_lines(
        found.preview(), "en")
    report = apply_activity(con, found)
    assert "1 früher eingetragener Termin wurde inzwischen abgesagt: sein Eintrag wurde entfernt." in report_lines(
        report, "de")
    assert logged(con, hal[0]) == [(dt.date(2026, 12, 15), "call", False, [])]
    assert con.execute("SELECT count(*) FROM interaction_sources").fetchone() == (0,)


def test_lotus_notes_gmt_with_its_own_summer_time_is_uk_time(con: netzdb.Connection) -> None:
    """Lotus Notes writes UK time as TZID:GMT with a VTIMEZONE of that name that has a summer time: netz read the
    IANA zone GMT (no summer time) and put the 14:00 meeting of 21 July an hour late on Today (16:00 in Berlin)."""
    seed(con)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Fred Flintstone', "
                "['fred.flintstone@example.com'], 'B')")
    now = dt.datetime(2015, 7, 20, 9, 0)
    files, _ = find_files([str(FIXTURES / "lotus_notes_tzid_gmt_with_uk_summer_time.ics")])
    apply_activity(con, plan_activity(con, files, since=dt.date(2015, 1, 1), now=now, zone=BERLIN))
    assert [(m.full_name, m.starts_at) for m in meetings_ahead(con, now.date())] == [
        ("Fred Flintstone", dt.datetime(2015, 7, 21, 15, 0))]
    # a series in that zone: summer time until 25 October, then GMT (14:00 in London is 15:00 in Berlin all along)
    text = (FIXTURES / "lotus_notes_tzid_gmt_with_uk_summer_time.ics").read_bytes().replace(
        b'DTSTART;TZID="GMT":20150721T140000\r\n', b'DTSTART;TZID="GMT":20150721T140000\r\nRRULE:FREQ=MONTHLY;COUNT=5\r\n')
    read = read_calendar("series.ics", io.BytesIO(text), dt.date(2015, 1, 1), dt.date(2015, 12, 31), BERLIN)
    assert [o.start for o in read.occurrences] == [dt.datetime(2015, month, 21, 15, 0) for month in range(7, 12)]
    # GMT without a summer time of its own stays the IANA zone
    plain = read_calendar("utc.ics", io.BytesIO(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\n"
                                                b"DTSTART;TZID=GMT:20150721T140000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
                          dt.date(2015, 1, 1), dt.date(2015, 12, 31), BERLIN)
    assert [o.start for o in plain.occurrences] == [dt.datetime(2015, 7, 21, 16, 0)]


def test_lotus_notes_hierarchical_names_are_the_names_before_the_slash(con: netzdb.Connection) -> None:
    """Lotus Notes names attendees CN="Sam Roberts/Certicom" (name/organisation): the contact Sam Roberts was not
    offered for the meeting, and the attendees were named with their organisation."""
    seed(con)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Sam Roberts', ['sam@roberts.example'], 'B')")
    files, _ = find_files([str(FIXTURES / "lotus_notes_attendees_with_hierarchical_names.ics")])
    found = plan_activity(con, files, since=dt.date(2004, 1, 1), now=NOW, zone=BERLIN)
    assert [(s.contact_name, s.email, s.found_as) for s in found.name_suggestions] == [
        ("Sam Roberts", "sroberts@certicom.com", "Sam Roberts")]
    with (FIXTURES / "lotus_notes_attendees_with_hierarchical_names.ics").open("rb") as stream:
        read = read_calendar("notes.ics", stream, dt.date(2004, 1, 1), dt.date(2004, 12, 31), BERLIN)
    assert [p.name for p in read.occurrences[0].participants] == [
        "Gary Pope", "Mike Harvey", "", "Sam Roberts", "Tony Walters"]


def test_attendees_named_with_their_address_or_department_in_brackets(con: netzdb.Connection) -> None:
    """Outlook names a contact 'Kent Michaelsen (kmichaelsen@acme.com)' (its "Display as"), an Exchange directory
    'Weber, Anna (Voith GmbH)', some calendars 'Jonas Becker <jonas@…>': the first lost its name, the second read
    'Anna (Voith GmbH) Weber', and none of the three was offered for the contact of that name."""
    seed(con)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Kent Michaelsen', ['kent@michaelsen.example'], "
                "'B')")
    name = "attendees_named_with_their_address_or_department_in_brackets.ics"
    files, _ = find_files([str(FIXTURES / name)])
    found = plan_activity(con, files, since=dt.date(2012, 1, 1), now=NOW, zone=BERLIN)
    assert [(s.contact_name, s.email, s.found_as) for s in found.name_suggestions] == [
        ("Kent Michaelsen", "kmichaelsen@acme.com", "Kent Michaelsen"),
        ("Anna Weber", "a.weber@voith-gruppe.example", "Anna Weber"),
        ("Jonas Becker", "jonas@becker-privat.example", "Jonas Becker")]
    with (FIXTURES / name).open("rb") as stream:
        read = read_calendar(name, stream, dt.date(2012, 1, 1), dt.date(2012, 12, 31), BERLIN)
    assert [p.name for p in read.occurrences[0].participants] == [
        "Kent Michaelsen", "Anna Weber", "Jonas Becker", "", "Petra Plan"]      # a name that is another address: none


def test_outlook_attendees_written_invalid_nomail_are_the_addresses_in_their_name(con: netzdb.Connection) -> None:
    """Outlook writes attendees it has no address for as 'invalid:nomail' with the addresses typed as the name
    (CN="pokachev@yandex.ru, peregovorochka@peregovorovna.com"): a contact of one of them got nothing logged."""
    seed(con)
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Ivan Pokachev', "
                      "['pokachev@yandex.ru'], 'B') RETURNING id").fetchone()
    assert row
    files, _ = find_files([str(FIXTURES / "outlook_attendees_without_address_invalid_nomail.ics")])
    apply_activity(con, plan_activity(con, files, since=dt.date(2023, 1, 1), now=NOW, zone=BERLIN))
    assert logged(con, row[0]) == [(dt.date(2023, 4, 11), "meeting", False, ["Встречная встреча"])]


def test_outlook_people_named_without_an_address_are_offered_for_the_contact_of_that_name(
        con: netzdb.Connection) -> None:
    """Outlook's calendar export writes people it has no address for as 'CN="Madison Hardy":invalid:nomail': the 22
    meetings of a contact's series were 'meetings without a known contact', nothing was offered. A name that is a
    contact's is offered as the title's names are; the user, a room and someone who declined are not."""
    seed(con)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Madison Hardy', ['madison@hardy.example'], "
                "'B')")
    files, _ = find_files([str(FIXTURES / "outlook_people_named_without_address_invalid_nomail.ics")])
    found = plan_activity(con, files, since=dt.date(2022, 1, 1), now=NOW, zone=BERLIN)
    offered = {s.contact_name: s for s in found.name_suggestions}
    assert sorted((s.contact_name, s.email, s.found_as, s.days) for s in offered.values()) == [
        ("Anna Weber", "", "Anna Weber", 1), ("Madison Hardy", "", "Madison Hardy", 22)]
    assert offered["Madison Hardy"].occurred_on == dt.date(2024, 1, 10)
    assert offered["Anna Weber"].interactions[0].topics == ("Abstimmung Netzanschluss",)


@pytest.mark.parametrize(("name", "who", "email", "day"), [
    ("attendee_line_with_an_unbalanced_quote.ics", "John Doe", "john.doe@example.com", dt.date(2017, 5, 24)),
    ("organizer_and_attendee_written_as_principal_paths.ics", "Ex Ample", "example@gmail.com", dt.date(2021, 3, 30))])
def test_attendees_written_off_the_standard_are_still_found(con: netzdb.Connection, name: str, who: str, email: str,
                                                             day: dt.date) -> None:
    """An ATTENDEE line with an unbalanced quote in a parameter ('SCHEDULE-STATUS="3.7;Invalid Calendar User";INVALID
    CALENDAR USER":mailto:…', vobject issue 72) and Apple Calendar's organizer on a Radicale server written as its
    principal path ('/radicale/example%40gmail.com/') were dropped without a word: the meeting had nobody."""
    seed(con)
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES (?, ?, 'B') RETURNING id",
                      [who, [email]]).fetchone()
    assert row
    files, _ = find_files([str(FIXTURES / name)])
    apply_activity(con, plan_activity(con, files, since=dt.date(2015, 1, 1), now=NOW, zone=BERLIN))
    assert [r[0] for r in logged(con, row[0])] == [day]


def test_a_series_whose_exdate_list_ends_in_a_comma_is_read(con: netzdb.Connection) -> None:
    """'EXDATE;TZID=Europe/Berlin:20231227T100000,20240103T100000,' (tutanota issue 5973) lost the whole series: the
    report named it unreadable with the library's English message, also in German. An empty item is no date."""
    ids = seed(con)
    files, _ = find_files([str(FIXTURES / "exdate_and_rdate_lists_with_an_empty_item.ics")])
    plan = plan_activity(con, files, since=dt.date(2023, 1, 1), now=NOW, zone=BERLIN)
    assert plan.problems == ()
    apply_activity(con, plan)
    # weekly from 20 December 2023, six times: 27 December and 3 January excluded, 26 January added
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == [
        dt.date(2023, 12, 20), dt.date(2024, 1, 10), dt.date(2024, 1, 17), dt.date(2024, 1, 24),
        dt.date(2024, 1, 26)]


def test_a_call_named_in_the_title_of_a_meeting_without_a_location_is_a_call(con: netzdb.Connection) -> None:
    """libical's 'Phone Conference' (no LOCATION) was logged as a meeting; so were 'Telefonat mit Carla' and a
    'Zoom call' without a link, as Google and Apple calendars keep them when no place is typed."""
    con.execute("UPDATE profile SET my_emails = ['a@example.com']")
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Hal', ['d@example.com'], 'B') "
                      "RETURNING id").fetchone()
    assert row
    files, _ = find_files([str(FIXTURES / "phone_conference_without_a_location.ics")])
    apply_activity(con, plan_activity(con, files, since=dt.date(1990, 1, 1), now=NOW, zone=BERLIN))
    assert sorted(logged(con, row[0])) == [(dt.date(1997, 7, 1), "call", False, ["Phone Conference"]),
                                           (dt.date(1997, 7, 1), "meeting", False, ["Conference"])]


@pytest.mark.parametrize(("title", "location", "channel"), [
    ("Telefonat mit Carla Nowak", "", ("call", False)), ("Kurzer Anruf wg. Angebot", "", ("call", False)),
    ("Telko Förderantrag", "", ("call", False)), ("Catch-up call", "", ("call", False)),
    ("Zoom call", "", ("video_call", False)), ("Videokonferenz Netzanschluss", "", ("video_call", False)),
    ("Abstimmung", "", ("meeting", False)), ("Telefonat", "Café Kranzler", ("meeting", True)),
    ("Recall-Aktion besprechen", "", ("meeting", False))])
def test_the_title_names_the_channel_when_there_is_no_location(title: str, location: str,
                                                               channel: tuple[str, bool]) -> None:
    occurrence = Occurrence("u", "", dt.datetime(2026, 3, 2, 10), title, location, False, ())
    assert meeting_channel(occurrence) == channel


def test_a_later_invitation_with_the_same_sequence_replaces_the_earlier(con: netzdb.Connection) -> None:
    """Two invitations for one meeting (one UID, the same SEQUENCE, no RECURRENCE-ID), the later by DTSTAMP moving
    it: both were logged, twice that day. RFC 5546 2.1.5: the later DTSTAMP is the meeting."""
    seed(con)
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Hal Dorn', ['d@example.com'], 'B') "
                      "RETURNING id").fetchone()
    assert row
    files, _ = find_files([str(FIXTURES / "one_uid_same_sequence_moved_by_a_later_invitation.ics")])
    report = apply_activity(con, plan_activity(con, files, since=dt.date(1990, 1, 1), now=NOW, zone=BERLIN))
    assert logged(con, row[0]) == [(dt.date(1997, 7, 1), "meeting", False, ["Pool party"])]
    assert report.skipped["replaced"] == 1


@pytest.mark.parametrize(("name", "days"), [
    ("override_of_the_master_start_declined.ics", [26, 28, 29]),
    ("override_of_the_master_start_accepted.ics", [24, 26, 28, 29])])
def test_an_override_of_the_event_start_replaces_the_event(con: netzdb.Connection, name: str, days: list[int]) -> None:
    """An event without a rule and an override with the RECURRENCE-ID of its own start: the override is that
    meeting (RFC 5545 3.8.4.4). Declined, the event was logged anyway; accepted, it was logged twice."""
    con.execute("UPDATE profile SET my_emails = ['one@example.org']")
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Strunk', ['strunk@example.org'], 'B') "
                      "RETURNING id").fetchone()
    assert row
    files, _ = find_files([str(FIXTURES / name)])
    apply_activity(con, plan_activity(con, files, since=dt.date(2014, 1, 1), now=NOW, zone=BERLIN))
    assert [r[0] for r in logged(con, row[0])] == [dt.date(2014, 7, day) for day in days]


def test_an_override_for_this_and_future_meetings_keeps_each_meeting(con: netzdb.Connection) -> None:
    """RECURRENCE-ID;RANGE=THISANDFUTURE on the third of six weekly meetings moves it and the later ones from
    Monday 10:00 to Tuesday 14:30: the four moved meetings shared one key and six meetings were logged as three."""
    seed(con)
    row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Anna Berg', ['anna@example.com'], 'B') "
                      "RETURNING id").fetchone()
    assert row
    for _ in range(2):
        apply_activity(con, plan(con, "series_moved_from_one_meeting_on_thisandfuture.ics"))
        assert [(r[0], r[3]) for r in logged(con, row[0])] == [
            (dt.date(2026, 1, 5), ["Weekly"]), (dt.date(2026, 1, 12), ["Weekly"]),
            *((dt.date(2026, 1, 20) + dt.timedelta(weeks=n), ["Moved to Tuesdays"]) for n in range(4))]


def test_a_cancel_message_cancels_only_the_events_of_its_own_calendar() -> None:
    """METHOD:CANCEL is said per calendar: in a file of several calendars the others' events stay meetings."""
    text = ((FIXTURES / "meeting_cancelled_after_it_was_imported_method_cancel.ics").read_bytes()
            + (FIXTURES / "one_uid_on_two_days.ics").read_bytes())
    read = read_calendar("both.ics", io.BytesIO(text), dt.date(2026, 1, 1), dt.date(2026, 12, 31), BERLIN)
    assert sorted({o.day for o in read.occurrences}) == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]
    assert [(c.uid, c.recurrence) for c in read.cancellations] == [
        ("calsrv.example.com-873970198738777@example.com", "")]


SERIES = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:weekly@netz.test
DTSTART:20260504T080000Z
RRULE:FREQ=WEEKLY;COUNT=6
SUMMARY:Weekly
{status}ORGANIZER:mailto:petra.plan@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna.weber@voith.example
END:VEVENT
{override}END:VCALENDAR
"""
OVERRIDE = """BEGIN:VEVENT
UID:weekly@netz.test
RECURRENCE-ID:20260511T080000Z
DTSTART:20260511T080000Z
SUMMARY:Weekly
STATUS:CANCELLED
ORGANIZER:mailto:petra.plan@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna.weber@voith.example
END:VEVENT
"""


def test_a_series_cancelled_later_keeps_its_past_meetings_and_a_cancelled_one_goes(
        con: netzdb.Connection, tmp_path: Path) -> None:
    """One meeting of a series cancelled after it was logged loses its entry; a series cancelled as a whole keeps the
    meetings that took place (calendars end a series that way) and leaves Today."""
    ids = seed(con)

    def imported(text: str) -> None:
        path = tmp_path / "weekly.ics"
        path.write_text(text)
        files, _ = find_files([str(path)])
        apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))

    imported(SERIES.format(status="", override=""))
    may = [dt.date(2026, 5, d) for d in (4, 11, 18, 25)] + [dt.date(2026, 6, 1)]
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == may
    assert len(meetings_ahead(con, NOW.date())) == 1                    # 8 June
    imported(SERIES.format(status="", override=OVERRIDE))
    may.remove(dt.date(2026, 5, 11))
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == may
    imported(SERIES.format(status="STATUS:CANCELLED\n", override=OVERRIDE))
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == may
    assert meetings_ahead(con, NOW.date()) == []


def test_birthdays_anniversaries_and_holidays_are_no_meetings(con: netzdb.Connection) -> None:
    """Google Calendar's export: the user's calendar beside the birthdays calendar ('Anna Weber hat Geburtstag', a
    title that is only the name) and 'Feiertage in Deutschland'; an Outlook birthday in the user's own calendar.
    Every contact's birthday and anniversary was offered as a meeting with that contact, once a year; they and the
    holidays are counted as birthdays, anniversaries and holidays now. An all-day fair with a contact is a meeting."""
    ids = seed(con)
    report = apply_activity(con, plan(con, "google_export_with_birthdays_and_holidays"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 12), "video_call", False, ["Projektabstimmung"])]
    assert logged(con, ids["Carla Nowak"]) == [(dt.date(2026, 5, 19), "meeting", True, ["E-world energy & water"])]
    assert [s.contact_name for s in report.name_suggestions] == []
    assert {reason: count for reason, count in report.skipped.items() if count} == {"special_days": 8}
    assert any("8 birthdays, anniversaries and holidays" in line for line in report_lines(report, "en"))
    assert any("8 Geburtstage, Jahrestage und Feiertage" in line for line in report_lines(report, "de"))


def test_google_calendars_export_zip_is_read_as_its_calendars(con: netzdb.Connection, tmp_path: Path) -> None:
    """calendar.google.com's export, as the docs tell to make it, is a zip of one .ics per calendar: it was refused as
    "not a contact file". Its calendars are read now, the birthdays and holidays among them counted as such; a zip
    without calendar or mail (LinkedIn's archive) stays the contact import's, and a damaged one is named."""
    import zipfile

    from netzcore.importers.activity import is_activity_path

    path = FIXTURES / "google_calendar_export_as_a_zip.zip"
    assert is_activity_path(str(path))
    ids = seed(con)
    files, refused = find_files([str(path)])
    assert refused == []
    report = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 12), "video_call", False, ["Projektabstimmung"])]
    assert logged(con, ids["Carla Nowak"]) == [(dt.date(2026, 5, 19), "meeting", True, ["E-world energy & water"])]
    assert {reason: count for reason, count in report.skipped.items() if count} == {"special_days": 8}
    again = apply_activity(con, plan_activity(con, find_files([str(path)])[0], now=NOW, zone=BERLIN))
    assert again.created == 0
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    files, refused = find_files([str(folder)])
    assert refused == [] and len(files) == 3
    linkedin = tmp_path / "Basic_LinkedInDataExport_12-05-2026.zip"
    with zipfile.ZipFile(linkedin, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name\nAnna,Weber\n")
    assert not is_activity_path(str(linkedin))
    damaged = tmp_path / "calendar.ics.zip"
    damaged.write_bytes(path.read_bytes()[:900])
    files, refused = find_files([str(damaged)])
    assert files == [] and [p.code for p in refused] == ["zip_unreadable"]


def test_google_calendars_export_zip_uploaded_in_the_app(con: netzdb.Connection) -> None:
    from netzcore.importers.activity import upload_zip

    ids = seed(con)
    path = FIXTURES / "google_calendar_export_as_a_zip.zip"
    files, refused = upload_zip(path.name, path.read_bytes())
    assert refused == [] and len(files) == 3
    apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 12), "video_call", False, ["Projektabstimmung"])]
    assert upload_zip("broken.zip", b"PK\x03\x04 not a zip")[1][0].code == "zip_unreadable"


def test_outlooks_birthdays_and_holidays_converted_by_readpst_are_no_meetings(con: netzdb.Connection) -> None:
    """readpst writes an Outlook calendar folder ('Kalender') without organizer or attendees, and all-day events as
    times from midnight UTC: a contact's birthday came back every year as "may be Jonas Becker", a holiday was a
    meeting without a known contact. A lunch on someone's birthday is still offered for that contact."""
    seed(con)
    report = plan(con, "readpst_outlook_calendar_folder_with_birthdays_and_holidays").preview()
    assert [(s.contact_name, s.found_as) for s in report.name_suggestions] == [
        ("Carla Nowak", "Mittagessen zum Geburtstag von Carla Nowak")]
    assert {reason: count for reason, count in report.skipped.items() if count} == {"special_days": 2, "no_contact": 1}


@pytest.mark.parametrize("calendar", ["Geburtstagskalender", "Birthday calendar", "Holidays in Germany"])
def test_outlook_coms_birthday_and_holiday_calendars_are_known_by_name(calendar: str) -> None:
    """Outlook.com names its birthdays calendar 'Geburtstagskalender' or 'Birthday calendar': its events, titled
    with the name alone, were meetings without a known contact or offered for the contact of that name."""
    text = (f"BEGIN:VCALENDAR\r\nX-WR-CALNAME:{calendar}\r\nBEGIN:VEVENT\r\nUID:b1\r\nDTSTART;VALUE=DATE:20260314\r\n"
            "RRULE:FREQ=YEARLY\r\nSUMMARY:Max Muster\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    read = read_calendar("calendar.ics", io.BytesIO(text), dt.date(2026, 1, 1), dt.date(2026, 12, 31), BERLIN)
    assert read.special_days == 1 and read.occurrences == []


def test_an_answer_to_an_invitation_saved_as_ics_keeps_the_meetings_title(con: netzdb.Connection) -> None:
    """Outlook's answer to an invitation, saved from the mail as .ics (METHOD:REPLY), titles the meeting 'Zugesagt:
    Lenkungskreis': the topic was 'Zugesagt: Lenkungskreis'. Exchange's other answers: 'Mit Vorbehalt angenommen:',
    'Abgelehnt:'."""
    ids = seed(con)
    apply_activity(con, plan(con, "outlook_answer_saved_as_ics_zugesagt.ics"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 18), "meeting", False, ["Lenkungskreis"])]
    assert title_topic("Mit Vorbehalt angenommen: Lenkungskreis", []) == ("Lenkungskreis",)
    assert title_topic("Tentatively accepted: Steering committee", []) == ("Steering committee",)
    assert title_topic("Abgelehnt: Lenkungskreis", []) == ("Lenkungskreis",)


def test_a_zip_that_unpacks_like_a_bomb_is_named_not_read(con: netzdb.Connection, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip is read like a folder, member by member: one that unpacks to a thousand times what it takes packed (a
    zip made to fill the disk) is named and passed over, in English and German, and the other members are read. The
    bound is lowered here so the test packs 9 MB, not gigabytes."""
    import zipfile

    from netzcore.importers import files as import_files

    monkeypatch.setattr(import_files, "ZIP_BOMB_BYTES", 4 << 20)
    ids = seed(con)
    with zipfile.ZipFile(FIXTURES / "google_calendar_export_as_a_zip.zip") as google:
        calendars = {name: google.read(name) for name in google.namelist() if name.endswith(".ics")}
    path = tmp_path / "calendar-export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.ics", "BEGIN:VCALENDAR\n" + "X-FILL:0\n" * (1 << 20) + "END:VCALENDAR\n")
        for name, data in calendars.items():
            archive.writestr(name, data)
    files, refused = find_files([str(path)])
    assert [(p.code, p.detail) for p in refused] == [("zip_bomb", "9")]
    assert len(files) == len(calendars)
    report = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN, refused=refused))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 12), "video_call", False, ["Projektabstimmung"])]
    assert any("bomb.ics" in line and "would unpack to 9 MB" in line for line in report_lines(report, "en"))
    assert any("bomb.ics" in line and "entpackt 9 MB groß" in line for line in report_lines(report, "de"))


def test_german_answer_and_forward_marks_are_not_the_topic(con: netzdb.Connection) -> None:
    """German Outlook's and Lotus Notes' marks before a meeting's title, as a saved answer or a forwarded invitation
    carries them: 'Neue Besprechungszeit vorgeschlagen:', 'Mit Vorbehalt:', 'Antw:', 'Weitergeleitet:'. They stayed
    in the topic ('Mit Vorbehalt:' as 'Vorbehalt: Lieferantentag')."""
    ids = seed(con)
    apply_activity(con, plan(con, "outlook_and_notes_german_answer_and_forward_marks_in_titles.ics"))
    assert [row[3] for row in logged(con, ids["Anna Weber"])] == [
        ["Projektstart Nordhafen"], ["Lieferantentag"], ["Werkstattbesuch"], ["Kundentermin Bremen"]]


def test_a_meeting_titled_only_with_the_tools_default_has_no_topic(con: netzdb.Connection) -> None:
    """Outlook titles a Teams meeting nobody named 'Microsoft Teams-Besprechung' (in English 'Microsoft Teams
    Meeting'), Zoom 'Zoom-Meeting': the topic repeated what the channel, video call, already says."""
    ids = seed(con)
    apply_activity(con, plan(con, "teams_meetings_titled_only_with_the_tools_default.ics"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, day), "video_call", False, []) for day in (11, 12, 13, 14)]


def test_a_series_with_an_empty_uid_line_is_read(con: netzdb.Connection) -> None:
    """calcurse's imports write 'UID:' and 'DTSTAMP:' without a value: the series was left out, and the report quoted
    the library's "unhashable type: 'list'"; a weekly meeting with a contact was lost."""
    ids = seed(con)
    report = apply_activity(con, plan(con, "series_with_an_empty_uid_line.ics"))
    assert report.problems == ()
    assert [day for day, *_ in logged(con, ids["Anna Weber"])] == [
        dt.date(2025, 3, 17), dt.date(2025, 3, 24), dt.date(2025, 3, 31), dt.date(2025, 4, 7)]
    again = plan(con, "series_with_an_empty_uid_line.ics")            # the same keys: nothing twice
    assert again.meetings == () and again.already == 4


def test_a_zone_named_by_its_summer_time_or_in_german_is_that_zone() -> None:
    """Python's icalendar on Windows writes the zone as Windows names it that day, without a VTIMEZONE:
    'Pacific Daylight Time', 'W. Europe Daylight Time', on a German Windows 'Mitteleuropäische Sommerzeit' (ics.py's
    and a CalDAV bridge's notes show it). Such a name was read as the user's local time: a 18:00 call in California
    was logged on its own day in Berlin, though it was 3:00 the next morning there."""
    with (FIXTURES / "zone_named_by_its_summer_time_or_in_german_without_vtimezone.ics").open("rb") as stream:
        read = read_calendar("x", stream, dt.date(2025, 1, 1), dt.date(2025, 12, 31), BERLIN)
    assert read.problems == []
    assert sorted((o.uid, o.start) for o in read.occurrences) == [
        ("mesz-1@example.com", dt.datetime(2025, 7, 4, 0, 30)),
        ("pdt-1@example.com", dt.datetime(2025, 7, 4, 3, 0)),
        ("wedt-1@example.com", dt.datetime(2025, 7, 7, 23, 30)),
        ("wedt-1@example.com", dt.datetime(2025, 7, 14, 23, 30))]
    with (FIXTURES / "zone_named_by_its_summer_time_or_in_german_without_vtimezone.ics").open("rb") as stream:
        london = read_calendar("x", stream, dt.date(2025, 1, 1), dt.date(2025, 12, 31), ZoneInfo("Europe/London"))
    assert sorted(o.day for o in london.occurrences) == [
        dt.date(2025, 7, 3), dt.date(2025, 7, 4), dt.date(2025, 7, 7), dt.date(2025, 7, 14)]


def _meeting_at_a_fair(con: netzdb.Connection, ids: dict[str, str]) -> str:
    """Anna, confirmed for coffee at a fair before NOW; Max asked, his slot not yet confirmed."""
    row = con.execute("INSERT INTO events (name, kind, starts_on, ends_on, city, venue) VALUES ('Hannover Messe 2026', "
                      "'trade_fair', DATE '2026-04-20', DATE '2026-04-24', 'Hannover', 'Messe') RETURNING id").fetchone()
    assert row
    con.execute("INSERT INTO event_plans (event_id, contact_id, status, slot_start, slot_end, place) VALUES "
                "(?, ?, 'confirmed', TIMESTAMP '2026-04-21 10:00', TIMESTAMP '2026-04-21 10:30', 'Halle 12'), "
                "(?, ?, 'asked', TIMESTAMP '2026-04-22 00:30', TIMESTAMP '2026-04-22 01:00', NULL)",
                [row[0], ids["Anna Weber"], row[0], ids["Max Muster"]])
    return str(row[0])


def test_netz_own_event_calendar_logs_its_meetings_with_the_contacts_once(con: netzdb.Connection,
                                                                          tmp_path: Path) -> None:
    """An event's .ics and the calendar feed, imported back (or the user's calendar that holds them): each meeting
    names its contact only in the title, so it came back as "may be Anna Weber" to confirm by hand. netz's own UID
    names the contact: a meeting they agreed to is logged with them, once, even from both files, without netz's
    title as its topic; a slot only proposed (Max) is still only a suggestion."""
    from netzcore.events import event_calendar
    from netzcore.exporters.calendar_feed import calendar_export

    ids = seed(con)
    event_id = _meeting_at_a_fair(con, ids)
    schedule = tmp_path / "netz_event_schedule_meetings_named_only_in_the_title.ics"
    schedule.write_bytes(event_calendar(con, event_id, "de"))
    feed = tmp_path / "netz-calendar.ics"
    feed.write_bytes(calendar_export(con, "en", dt.date(2026, 4, 1)).data)
    files, _ = find_files([str(schedule), str(feed)])
    report = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert [s.contact_id for s in report.name_suggestions] == [ids["Max Muster"]]
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 4, 21), "meeting", True, [])]
    assert logged(con, ids["Max Muster"]) == []
    again = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert again.created == 0


def test_netz_own_meeting_already_noted_after_the_fair_is_not_logged_again(con: netzdb.Connection,
                                                                          tmp_path: Path) -> None:
    """A meeting noted in the event's debrief is an interaction already: the calendar adds no second one."""
    from netzcore.events import event_calendar

    ids = seed(con)
    event_id = _meeting_at_a_fair(con, ids)
    noted = con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, in_person, event_id) VALUES "
                        "(?, DATE '2026-04-21', 'meeting', true, ?) RETURNING id", [ids["Anna Weber"], event_id]).fetchone()
    assert noted
    con.execute("UPDATE event_plans SET status = 'met', interaction_id = ? WHERE contact_id = ?",
                [noted[0], ids["Anna Weber"]])
    schedule = tmp_path / "netz_event_schedule_meeting_noted_in_the_debrief.ics"
    schedule.write_bytes(event_calendar(con, event_id, "en"))
    files, _ = find_files([str(schedule)])
    report = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert ids["Anna Weber"] not in {s.contact_id for s in report.name_suggestions}
    assert len(logged(con, ids["Anna Weber"])) == 1
    assert report.already >= 1


def test_netz_own_birthdays_are_counted_once_each_not_once_a_year(con: netzdb.Connection, tmp_path: Path) -> None:
    """netz's calendar with three birthdays imported back said "7 events read" and "left out: 33 reminders from
    netz's own calendar": every year of each birthday in the window was counted. A series counts once."""
    from icalendar import Calendar

    from netzcore.exporters.calendar_feed import calendar_export

    ids = seed(con)
    for name in ("Anna Weber", "Max Muster", "Carla Nowak"):
        con.execute("UPDATE contacts SET birthday_month = 5, birthday_day = 20, birthday_year = 1980 WHERE id = ?",
                    [ids[name]])
    own = tmp_path / "netz_calendar_birthdays_counted_every_year.ics"
    data = calendar_export(con, "en", dt.date(2026, 5, 20)).data
    own.write_bytes(data)
    written = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert sum(uid.startswith("birthday-") for uid in written) == 3
    files, _ = find_files([str(own)])
    report = plan_activity(con, files, now=NOW, zone=BERLIN).preview()
    assert report.skipped["netz_reminders"] == len(written)


def test_netz_own_meeting_and_the_invitation_sent_for_it_are_one_meeting(con: netzdb.Connection,
                                                                         tmp_path: Path) -> None:
    """The coffee netz planned and the Outlook invitation the user sent Anna for it are one meeting: logged once,
    with the invitation's topic, whichever file comes first; a mail that day does not stand in for it."""
    from netzcore.events import event_calendar

    ids = seed(con)
    event_id = _meeting_at_a_fair(con, ids)
    schedule = tmp_path / "netz_event_schedule.ics"
    schedule.write_bytes(event_calendar(con, event_id, "de"))
    invitation = FIXTURES / "outlook_invitation_for_a_coffee_netz_planned.ics"
    files, _ = find_files([str(schedule), str(invitation)])
    apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 4, 21), "meeting", True, ["Kaffee auf der Hannover Messe"])]
    again = apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert again.created == 0 and len(logged(con, ids["Anna Weber"])) == 1

    con.execute("DELETE FROM interaction_sources")
    con.execute("DELETE FROM interactions")
    for one in (schedule, invitation):                       # netz's .ics first, the invitation in a later import
        files, _ = find_files([str(one)])
        apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert len(logged(con, ids["Anna Weber"])) == 1

    con.execute("DELETE FROM interaction_sources")
    con.execute("DELETE FROM interactions")
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel) VALUES (?, DATE '2026-04-21', 'email')",
                [ids["Anna Weber"]])
    files, _ = find_files([str(schedule)])
    apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert sorted(c for _, c, _, _ in logged(con, ids["Anna Weber"])) == ["email", "meeting"]


def test_netz_own_meeting_ahead_is_not_a_second_upcoming_meeting(con: netzdb.Connection, tmp_path: Path) -> None:
    """A coffee netz planned that is still ahead is on the event's plan already; its own .ics adds no upcoming
    calendar meeting beside it."""
    from netzcore.events import event_calendar

    ids = seed(con)
    event_id = _meeting_at_a_fair(con, ids)
    schedule = tmp_path / "netz_event_schedule_ahead.ics"
    schedule.write_bytes(event_calendar(con, event_id, "de"))
    files, _ = find_files([str(schedule)])
    report = apply_activity(con, plan_activity(con, files, now=dt.datetime(2026, 4, 1, 12), zone=BERLIN))
    assert report.created == 0 and not report.upcoming

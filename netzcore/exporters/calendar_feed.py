"""The calendar export: birthdays as yearly events, open follow-ups and due contacts as reminders, and the
confirmed meetings of event plans, in one .ics file built with the shared iCalendar builder.

UIDs are stable (kind + row id), so importing a newer export into the same calendar updates the entries.
"""

from __future__ import annotations

import datetime as dt

from netzcore.db import Connection
from netzcore.exporters.ical import CalendarEntry, calendar_bytes, meeting_uid
from netzcore.exporters.selection import ExportFile
from netzcore.i18n import format_birthday, format_date, translate

REMINDER_UID = "@netz"            # ends the UID of every reminder (the calendar import leaves them out)
FOLLOW_UP_LOOKBACK_DAYS = 30      # older open follow-ups are left out: they belong on the Today page
DUE_HORIZON_DAYS = 14             # contacts due within two weeks get a reminder
DUE_LIMIT = 100                   # the most pressing ones; a calendar is not the place for a long list
MEETING_DEFAULT = dt.timedelta(minutes=30)
MEETING_ALARM = dt.timedelta(minutes=15)
NO_YEAR_START = 2000              # a leap year, so 29 February birthdays without year start on a real day


def birthday_entries(con: Connection, lang: str) -> list[CalendarEntry]:
    rows = con.execute("""
        SELECT c.id, c.full_name, c.tier, c.birthday_year, c.birthday_month, c.birthday_day, tc.birthday_lead_days
        FROM contacts c JOIN tier_cadence tc ON tc.tier = c.tier
        WHERE NOT c.archived AND c.birthday_month IS NOT NULL AND c.birthday_day IS NOT NULL
        ORDER BY c.birthday_month, c.birthday_day, c.full_name""").fetchall()
    entries = []
    for contact_id, name, tier, year, month, day, lead_days in rows:
        try:
            start = dt.date(year or NO_YEAR_START, month, day)
        except ValueError:        # 31 April and the like: nothing to put in a calendar
            continue
        born = format_birthday(month, day, year, lang)
        entries.append(CalendarEntry(
            uid=f"birthday-{contact_id}{REMINDER_UID}",
            summary=translate(lang, "export.ical_birthday", name=name),
            start=start,
            description=translate(lang, "export.ical_birthday_details", tier=tier, born=born),
            yearly=True,
            alarm_before=dt.timedelta(days=lead_days),
        ))
    return entries


def follow_up_entries(con: Connection, lang: str, today: dt.date) -> list[CalendarEntry]:
    rows = con.execute("""
        SELECT i.id, c.full_name, i.follow_up_on, i.occurred_on, i.hooks
        FROM interactions i JOIN contacts c ON c.id = i.contact_id
        WHERE i.follow_up_on >= ? AND NOT i.follow_up_done AND NOT c.archived
        ORDER BY i.follow_up_on, c.full_name""", [today - dt.timedelta(days=FOLLOW_UP_LOOKBACK_DAYS)]).fetchall()
    return [
        CalendarEntry(
            uid=f"follow-up-{interaction_id}{REMINDER_UID}",
            summary=translate(lang, "export.ical_follow_up", name=name),
            start=follow_up_on,
            description=translate(lang, "export.ical_follow_up_details", date=format_date(occurred_on, lang),
                                  hooks=hooks or translate(lang, "common.none")),
            alarm_before=dt.timedelta(0),
        )
        for interaction_id, name, follow_up_on, occurred_on, hooks in rows
    ]


def due_entries(con: Connection, lang: str, today: dt.date) -> list[CalendarEntry]:
    """The most pressing contacts due by the horizon, each on its due day (or today when already due)."""
    rows = con.execute("""
        SELECT cc.contact_id, c.full_name, cc.tier, cc.due_on, cc.due_state, cc.last_interaction_on
        FROM contact_care(?) cc JOIN contacts c ON c.id = cc.contact_id
        WHERE cc.due_on IS NOT NULL AND cc.due_on <= ?
        ORDER BY cc.tier, cc.days_overdue DESC, c.full_name
        LIMIT ?""", [today, today + dt.timedelta(days=DUE_HORIZON_DAYS), DUE_LIMIT]).fetchall()
    entries = []
    for contact_id, name, tier, due_on, due_state, last_on in rows:
        last = format_date(last_on, lang) if last_on else translate(lang, "common.none")
        state = translate(lang, f"common.due_state.{due_state}")
        entries.append(CalendarEntry(
            uid=f"due-{contact_id}{REMINDER_UID}",
            summary=translate(lang, "export.ical_due", name=name, tier=tier),
            start=max(due_on, today),
            description=translate(lang, "export.ical_due_details", state=state, last=last),
            alarm_before=dt.timedelta(0),
        ))
    return entries


def meeting_entries(con: Connection, lang: str) -> list[CalendarEntry]:
    """Coffee slots of event plans the contact agreed to, with the UIDs of the event planner's own .ics (one entry if
    both are imported into the same calendar); a meeting noted as met stays, or a subscribed calendar would delete
    it from the day it took place."""
    rows = con.execute("""
        SELECT p.event_id, p.contact_id, c.full_name, e.name, p.slot_start, p.slot_end, p.place, e.venue, e.city, p.talking_points
        FROM event_plans p JOIN contacts c ON c.id = p.contact_id JOIN events e ON e.id = p.event_id
        WHERE p.status IN ('confirmed', 'met', 'followed_up') AND p.slot_start IS NOT NULL
        ORDER BY p.slot_start""").fetchall()
    return [
        CalendarEntry(
            uid=meeting_uid(event_id, contact_id),
            summary=translate(lang, "export.ical_meeting", name=name, event=event),
            start=start,
            end=end or start + MEETING_DEFAULT,
            description=talking_points or "",
            location=place or ", ".join(p for p in (venue, city) if p),
            alarm_before=MEETING_ALARM,
        )
        for event_id, contact_id, name, event, start, end, place, venue, city, talking_points in rows
    ]


def calendar_export(con: Connection, lang: str, today: dt.date | None = None) -> ExportFile:
    day = today or dt.date.today()
    entries = [*birthday_entries(con, lang), *follow_up_entries(con, lang, day), *due_entries(con, lang, day),
               *meeting_entries(con, lang)]
    data = calendar_bytes(entries, name=translate(lang, "export.ical_name"))
    return ExportFile(data, len(entries), "netz-calendar.ics", "text/calendar")

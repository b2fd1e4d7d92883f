"""Coffee slots: book, move and drop them, the day plan, and the event as a calendar file.

Booking a slot never changes a contact's status: a slot for someone not yet asked or not yet answered is a
proposal (the message names the time), and the calendar marks it "to be confirmed" until they agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from netzcore.db import Connection, transaction
from netzcore.events.model import UNCONFIRMED_STATUSES, EventError
from netzcore.events.outreach import PlanEntry, list_plan
from netzcore.events.store import require_event
from netzcore.exporters.ical import CalendarEntry, calendar_bytes, meeting_uid
from netzcore.i18n import translate

MAX_SLOT = dt.timedelta(hours=12)


def set_slot(
    con: Connection, event_id: str, contact_id: str, start: dt.datetime, end: dt.datetime, place: str = ""
) -> str:
    """Book (or move) a coffee slot; refuses an end before the start, a day outside the event and any overlap with
    another slot of mine (at any event). The contact joins the outreach list if needed; their status stays as it
    was, and is returned so the page can say it."""
    if end <= start:
        raise EventError("events.error_slot_order")
    if end - start > MAX_SLOT:
        raise EventError("events.error_slot_long")
    event = require_event(con, event_id)
    if not (event.starts_on <= start.date() <= event.ends_on):
        raise EventError("events.error_slot_day", first=event.starts_on, last=event.ends_on)
    with transaction(con):
        clash = con.execute(
            """
            SELECT c.full_name, p.slot_start, p.slot_end FROM event_plans p JOIN contacts c ON c.id = p.contact_id
            WHERE p.slot_start < ? AND p.slot_end > ? AND NOT (p.event_id = ? AND p.contact_id = ?)
              AND p.status <> 'declined'
            ORDER BY p.slot_start LIMIT 1
            """,
            [end, start, event_id, contact_id],
        ).fetchone()
        if clash:
            raise EventError(
                "events.error_slot_overlap", name=clash[0],
                start=f"{clash[1]:%H:%M}", end=f"{clash[2]:%H:%M}", day=clash[1].date(),
            )
        row = con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status, slot_start, slot_end, place) "
            "VALUES (?, ?, 'to_ask', ?, ?, ?) ON CONFLICT (event_id, contact_id) DO UPDATE SET "
            "slot_start = excluded.slot_start, slot_end = excluded.slot_end, place = excluded.place, "
            "updated_at = now() RETURNING status",
            [event_id, contact_id, start, end, place.strip() or None],
        ).fetchone()
    assert row is not None
    return str(row[0])


def clear_slot(con: Connection, event_id: str, contact_id: str) -> None:
    """Drop the slot; the contact stays on the outreach list with their status."""
    con.execute("UPDATE event_plans SET slot_start = NULL, slot_end = NULL, place = NULL, updated_at = now() "
                "WHERE event_id = ? AND contact_id = ?", [event_id, contact_id])


def day_plan(plan: Iterable[PlanEntry]) -> dict[dt.date, list[PlanEntry]]:
    """Booked slots per day, in time order (declined ones left out); `plan` as `list_plan` returns it."""
    days: dict[dt.date, list[PlanEntry]] = {}
    for entry in sorted((e for e in plan if e.booked and e.status != "declined"),
                        key=lambda e: e.slot_start or dt.datetime.min):
        assert entry.slot_start is not None
        days.setdefault(entry.slot_start.date(), []).append(entry)
    return days


def event_calendar(con: Connection, event_id: str, lang: str, plan: Sequence[PlanEntry] | None = None) -> bytes:
    """The event as an all-day entry plus each booked meeting (not declined), with a reminder 15 minutes before;
    a meeting not yet confirmed says so in its title. `plan` is the event's `list_plan` when the caller has it."""
    event = require_event(con, event_id)
    location = ", ".join(p for p in (event.venue, event.city) if p)
    entries = [CalendarEntry(
        uid=f"netz-event-{event.id}", summary=event.name, start=event.starts_on,
        end=event.ends_on + dt.timedelta(days=1), description=event.url or event.notes, location=location,
    )]
    for day in day_plan(list_plan(con, event_id) if plan is None else plan).values():
        for meeting in day:
            assert meeting.slot_start is not None and meeting.slot_end is not None
            description = "\n".join(p for p in (
                meeting.organization, meeting.title,
                translate(lang, "events.brief_hooks", hooks=meeting.last_hooks) if meeting.last_hooks else "",
                meeting.talking_points,
            ) if p)
            key = "events.ics_meeting_unconfirmed" if meeting.status in UNCONFIRMED_STATUSES else "events.ics_meeting"
            entries.append(CalendarEntry(
                uid=meeting_uid(event.id, meeting.contact_id),
                summary=translate(lang, key, name=meeting.full_name, event=event.name),
                start=meeting.slot_start, end=meeting.slot_end, description=description,
                location=meeting.place_in(lang) or location, alarm_before=dt.timedelta(minutes=15),
            ))
    return calendar_bytes(entries, event.name)

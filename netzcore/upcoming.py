"""Upcoming meetings with contacts, as the last calendar import saw them, with the hooks of the last conversation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.db import Connection
from netzcore.interactions import hooks_for

AHEAD_DAYS = 14
# A day's window holds at most this many meetings: the ones already begun today come first and are dropped by
# `upcoming`, so a day would need this many meetings before the current minute to cut the list short.
AHEAD_ROWS = 200


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    contact_id: str
    full_name: str
    starts_at: dt.datetime
    all_day: bool
    title: str
    channel: str
    in_person: bool
    place: str | None
    hooks: tuple[str, ...]


def meetings_ahead(con: Connection, today: dt.date, days: int = AHEAD_DAYS) -> list[UpcomingMeeting]:
    """Meetings with active contacts from the start of `today` until `days` days after it ends, soonest first: what
    `upcoming` chooses from at any minute of the day, so a page can keep one answer for the whole day."""
    start = dt.datetime.combine(today, dt.time())
    rows = con.execute(
        "SELECT m.contact_id, c.full_name, m.starts_at, m.all_day, m.title, m.channel, m.in_person, m.place "
        "FROM calendar_meetings m JOIN contacts c ON c.id = m.contact_id AND NOT c.archived "
        "WHERE m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at, c.full_name LIMIT ?",
        [start, start + dt.timedelta(days=days + 1), AHEAD_ROWS]).fetchall()
    hooks = hooks_for(con, [r[0] for r in rows], 2)
    return [UpcomingMeeting(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(hooks.get(r[0], ()))) for r in rows]


def upcoming(meetings: list[UpcomingMeeting], now: dt.datetime, days: int = AHEAD_DAYS,
             limit: int = 10) -> list[UpcomingMeeting]:
    """Of `meetings_ahead(now's day)`: the meetings from now (all-day ones from today) up to `days` ahead."""
    end = now + dt.timedelta(days=days)
    return [m for m in meetings
            if (m.starts_at >= now or (m.all_day and m.starts_at.date() == now.date())) and m.starts_at < end][:limit]

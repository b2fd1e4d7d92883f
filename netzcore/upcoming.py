"""Upcoming meetings with contacts, as the last calendar import saw them, with the hooks of the last conversation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.db import Connection
from netzcore.interactions import hooks_for


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


def upcoming_meetings(con: Connection, now: dt.datetime, days: int = 14, limit: int = 10) -> list[UpcomingMeeting]:
    """Meetings with active contacts from now (all-day ones from today) up to `days` ahead, soonest first."""
    rows = con.execute(
        "SELECT m.contact_id, c.full_name, m.starts_at, m.all_day, m.title, m.channel, m.in_person, m.place "
        "FROM calendar_meetings m JOIN contacts c ON c.id = m.contact_id AND NOT c.archived "
        "WHERE (m.starts_at >= ? OR (m.all_day AND CAST(m.starts_at AS DATE) = CAST(? AS DATE))) "
        "AND m.starts_at < ? ORDER BY m.starts_at, c.full_name LIMIT ?",
        [now, now, now + dt.timedelta(days=days), limit]).fetchall()
    hooks = hooks_for(con, [r[0] for r in rows], 2)
    return [UpcomingMeeting(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(hooks.get(r[0], ()))) for r in rows]

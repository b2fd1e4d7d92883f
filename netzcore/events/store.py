"""Events themselves: create, edit, list, find by name, and the goals an event serves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from netzcore.db import Connection, transaction
from netzcore.events.model import EVENT_KINDS, Event, EventDraft, EventError
from netzcore.interactions import clean_topics
from netzcore.user_error import check_version


def _validate(draft: EventDraft) -> None:
    if not draft.name.strip():
        raise EventError("events.error_name")
    if draft.kind not in EVENT_KINDS:
        raise EventError("events.error_kind", kind=draft.kind)
    if draft.ends_on < draft.starts_on:
        raise EventError("events.error_dates")


def _event_values(draft: EventDraft) -> list[object]:
    return [
        draft.name.strip(), draft.kind, draft.starts_on, draft.ends_on, draft.city.strip() or None,
        draft.venue.strip() or None, clean_topics(draft.topics), draft.url.strip() or None,
        draft.notes.strip() or None,
    ]


def _link_goals(con: Connection, event_id: str, goal_ids: Sequence[str]) -> None:
    con.execute("DELETE FROM event_goals WHERE event_id = ?", [event_id])
    if goal_ids:
        con.execute(
            "INSERT INTO event_goals (event_id, goal_id) SELECT ?, g FROM (SELECT DISTINCT unnest(?) AS g)",
            [event_id, list(goal_ids)],
        )


def create_event(con: Connection, draft: EventDraft) -> str:
    _validate(draft)
    with transaction(con):
        row = con.execute(
            "INSERT INTO events (name, kind, starts_on, ends_on, city, venue, topics, url, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            _event_values(draft),
        ).fetchone()
        assert row is not None
        event_id = str(row[0])
        _link_goals(con, event_id, draft.goal_ids)
    return event_id


def update_event(con: Connection, event_id: str, draft: EventDraft,
                 read_version: dt.datetime | None = None) -> None:
    """Save an edited event; with `read_version` (the updated_at it was read at) a save of an event that changed
    since is refused with ChangedMeanwhile and changes nothing."""
    _validate(draft)
    with transaction(con):
        found = con.execute("SELECT updated_at FROM events WHERE id = ?", [event_id]).fetchone()
        check_version(found[0] if found else None, read_version)
        con.execute(
            "UPDATE events SET name = ?, kind = ?, starts_on = ?, ends_on = ?, city = ?, venue = ?, topics = ?, "
            "url = ?, notes = ?, updated_at = current_timestamp WHERE id = ?",
            [*_event_values(draft), event_id],
        )
        _link_goals(con, event_id, draft.goal_ids)


_EVENT_COLUMNS = (
    "e.id, e.name, e.kind, e.starts_on, e.ends_on, coalesce(e.city, ''), coalesce(e.venue, ''), e.topics, "
    "coalesce(e.url, ''), coalesce(e.notes, ''), "
    "coalesce((SELECT list(goal_id ORDER BY goal_id) FROM event_goals g WHERE g.event_id = e.id), []), "
    "e.updated_at"
)


def _event(row: Sequence[object]) -> Event:
    return Event(
        id=str(row[0]), name=str(row[1]), kind=str(row[2]), starts_on=row[3], ends_on=row[4],  # type: ignore[arg-type]
        city=str(row[5]), venue=str(row[6]), topics=tuple(row[7]), url=str(row[8]),  # type: ignore[arg-type]
        notes=str(row[9]), goal_ids=tuple(row[10]), updated_at=row[11],  # type: ignore[arg-type]
    )


def list_events(con: Connection, from_day: dt.date | None = None) -> list[Event]:
    """Events not yet over on `from_day` (all events when None), soonest first."""
    rows = con.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE ?::DATE IS NULL OR e.ends_on >= ? "  # noqa: S608
        "ORDER BY e.starts_on, e.name",
        [from_day, from_day],
    ).fetchall()
    return [_event(r) for r in rows]


def get_event(con: Connection, event_id: str) -> Event | None:
    row = con.execute(f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id = ?", [event_id]).fetchone()  # noqa: S608
    return _event(row) if row else None


def require_event(con: Connection, event_id: str) -> Event:
    event = get_event(con, event_id)
    if event is None:
        raise EventError("events.error_no_event", event=event_id)
    return event


def find_event(con: Connection, name_or_id: str) -> Event | None:
    """By id, else by name (case-insensitive), else by a part of the name; upcoming events first."""
    wanted = name_or_id.strip()
    event = get_event(con, wanted)
    if event:
        return event
    row = con.execute(
        "SELECT id FROM events WHERE contains(lower(name), lower(?)) "
        "ORDER BY lower(name) = lower(?) DESC, ends_on < current_date, starts_on LIMIT 1",
        [wanted, wanted],
    ).fetchone()
    return get_event(con, str(row[0])) if row else None


def goal_choices(con: Connection) -> list[tuple[str, str]]:
    """Active goals as (id, title), for linking an event to what it should achieve."""
    rows = con.execute("SELECT id, title FROM goals WHERE status = 'active' ORDER BY lower(title)").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def event_goals(con: Connection, event_id: str) -> list[tuple[str, str]]:
    """The active goals the event serves, as (id, title): the goal filter of the ranking."""
    rows = con.execute(
        "SELECT g.id, g.title FROM event_goals eg JOIN goals g ON g.id = eg.goal_id AND g.status = 'active' "
        "WHERE eg.event_id = ? ORDER BY lower(g.title)", [event_id]).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]

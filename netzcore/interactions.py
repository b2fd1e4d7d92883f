"""The interaction log: what we talked about, the hooks for next time, what I gave and what I received.

Logging any interaction restarts the contact's care clock (contact_care() counts from the last one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netzcore.db import Connection
from netzcore.user_error import UserError

CHANNELS: tuple[str, ...] = ("lunch", "meeting", "call", "video_call", "email", "linkedin", "xing", "event",
                             "sports", "birthday_greeting", "other")
IN_PERSON_CHANNELS: frozenset[str] = frozenset({"lunch", "meeting", "event", "sports"})


class InteractionError(UserError):
    """A mistake in an interaction entry."""


@dataclass(frozen=True, slots=True)
class NewInteraction:
    contact_id: str
    occurred_on: dt.date
    channel: str
    in_person: bool | None = None        # None: from the channel (lunch, meeting, event, sports are in person)
    topics: tuple[str, ...] = ()
    hooks: str = ""
    gave: str = ""
    received: str = ""
    follow_up_on: dt.date | None = None
    notes: str = ""
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Interaction:
    id: str
    contact_id: str
    occurred_on: dt.date
    channel: str
    in_person: bool
    topics: tuple[str, ...]
    hooks: str | None
    gave: str | None
    received: str | None
    follow_up_on: dt.date | None
    follow_up_done: bool
    notes: str | None


@dataclass(frozen=True, slots=True)
class Hook:
    occurred_on: dt.date
    channel: str
    hooks: str


@dataclass(frozen=True, slots=True)
class Balance:
    """Give and take with one contact: how often and how lately each way; `only_takes` as the only_takes()
    macro says (migration 020: received twice or more in two years, gave nothing)."""

    gave: int
    received: int
    last_gave_on: dt.date | None
    last_received_on: dt.date | None
    only_takes: bool


def _text(value: str) -> str | None:
    return value.strip() or None


def log_interaction(con: Connection, entry: NewInteraction) -> str:
    """Record one interaction; returns its id. Opens no transaction, so a caller may log inside its own."""
    if entry.channel not in CHANNELS:
        raise InteractionError("care.error_channel")
    if entry.follow_up_on is not None and entry.follow_up_on < entry.occurred_on:
        raise InteractionError("care.error_follow_up_before")
    exists = con.execute("SELECT count(*) FROM contacts WHERE id = ?", [entry.contact_id]).fetchone()
    if not exists or not exists[0]:
        raise InteractionError("care.error_no_contact")
    in_person = entry.channel in IN_PERSON_CHANNELS if entry.in_person is None else entry.in_person
    topics = clean_topics(entry.topics)
    row = con.execute(
        "INSERT INTO interactions (contact_id, occurred_on, channel, in_person, topics, hooks, gave, received, "
        "follow_up_on, notes, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [entry.contact_id, entry.occurred_on, entry.channel, in_person, topics, _text(entry.hooks),
         _text(entry.gave), _text(entry.received), entry.follow_up_on, _text(entry.notes), entry.event_id],
    ).fetchone()
    assert row is not None
    return str(row[0])


def clean_topics(topics: Iterable[str]) -> list[str]:
    """Spaces collapsed, empty ones dropped, each topic once whatever its case (the first spelling stays)."""
    seen: dict[str, str] = {}
    for topic in topics:
        text = " ".join(topic.split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())


def split_topics(text: str) -> tuple[str, ...]:
    """'AI, energy; hiring' -> ('AI', 'energy', 'hiring'): what the user types in one field, one per item."""
    return tuple(clean_topics(re.split(r"[,;\n]", text)))


def timeline(con: Connection, contact_id: str, limit: int = 50) -> list[Interaction]:
    rows = con.execute(
        "SELECT id, contact_id, occurred_on, channel, in_person, topics, hooks, gave, received, follow_up_on, "
        "follow_up_done, notes FROM interactions WHERE contact_id = ? "
        "ORDER BY occurred_on DESC, created_at DESC LIMIT ?",
        [contact_id, limit],
    ).fetchall()
    return [Interaction(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), r[6], r[7], r[8], r[9], r[10], r[11])
            for r in rows]


def last_hooks(con: Connection, contact_id: str, count: int = 3) -> list[Hook]:
    """The hooks of the last interactions that left some: what to read before calling."""
    rows = con.execute(
        "SELECT occurred_on, channel, hooks FROM interactions WHERE contact_id = ? AND coalesce(hooks, '') <> '' "
        "ORDER BY occurred_on DESC, created_at DESC LIMIT ?",
        [contact_id, count],
    ).fetchall()
    return [Hook(*r) for r in rows]


def hooks_for(con: Connection, contact_ids: Iterable[str], count: int = 2) -> dict[str, list[str]]:
    """The last different hooks of many contacts in one query (due list, digest), newest first."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return {}
    rows = con.execute(
        "SELECT contact_id, list(hooks ORDER BY last_on DESC, hooks)[1:?] FROM ("
        "  SELECT contact_id, hooks, max(occurred_on) AS last_on FROM interactions "
        "  WHERE contact_id IN (SELECT unnest(?)) AND coalesce(hooks, '') <> '' GROUP BY contact_id, hooks) "
        "GROUP BY contact_id",
        [count, ids],
    ).fetchall()
    return {r[0]: list(r[1]) for r in rows}


def last_channels(con: Connection, contact_ids: Iterable[str]) -> dict[str, str]:
    """The channel of each contact's newest interaction (birthday greetings left out): how we usually talk."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return {}
    rows = con.execute(
        "SELECT contact_id, arg_max(channel, occurred_on) FROM interactions "
        "WHERE contact_id IN (SELECT unnest(?)) AND channel <> 'birthday_greeting' GROUP BY contact_id",
        [ids],
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def default_channel(con: Connection, contact_id: str) -> str:
    """What the log form starts with for this contact: the preferred channel, else the last used one, else a call."""
    row = con.execute("SELECT preferred_channel FROM contacts WHERE id = ?", [contact_id]).fetchone()
    if row and row[0] in CHANNELS:
        return str(row[0])
    return last_channels(con, [contact_id]).get(contact_id, "call")


def give_and_take(con: Connection, contact_id: str, today: dt.date) -> Balance:
    row = con.execute(
        "SELECT count(*) FILTER (WHERE coalesce(gave, '') <> ''), "
        "count(*) FILTER (WHERE coalesce(received, '') <> ''), "
        "max(occurred_on) FILTER (WHERE coalesce(gave, '') <> ''), "
        "max(occurred_on) FILTER (WHERE coalesce(received, '') <> ''), "
        # the macro's rule for this contact alone: filtered inside, it groups this contact's rows, not all 200,000
        "EXISTS (SELECT 1 FROM only_takes($today) WHERE contact_id = $id) "
        "FROM interactions WHERE contact_id = $id AND occurred_on <= $today",
        {"id": contact_id, "today": today},
    ).fetchone()
    assert row is not None
    gave, received, last_gave, last_received, only_takes = row
    return Balance(int(gave), int(received), last_gave, last_received, bool(only_takes))


@dataclass(frozen=True, slots=True)
class FollowUp:
    interaction_id: str
    contact_id: str
    full_name: str
    follow_up_on: dt.date
    hooks: str | None


def follow_ups_due(con: Connection, today: dt.date, within_days: int = 7, limit: int = 50) -> list[FollowUp]:
    """Open follow-ups up to `within_days` ahead, oldest first, of active contacts."""
    rows = con.execute(
        "SELECT i.id, i.contact_id, c.full_name, i.follow_up_on, i.hooks FROM interactions i "
        "JOIN contacts c ON c.id = i.contact_id AND NOT c.archived "
        "WHERE NOT i.follow_up_done AND i.follow_up_on <= ?::DATE + ? "
        "ORDER BY i.follow_up_on, c.full_name LIMIT ?",
        [today, within_days, limit],
    ).fetchall()
    return [FollowUp(*r) for r in rows]


def complete_follow_up(con: Connection, interaction_id: str) -> None:
    con.execute("UPDATE interactions SET follow_up_done = true WHERE id = ?", [interaction_id])

"""The outreach list of an event: whom I ask for a coffee, how far each one is (to ask, asked, confirmed, met,
followed up, declined), and what I know for the conversation (last topics, hooks, give and take)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netzcore.db import Connection, transaction
from netzcore.events.booths import place_text
from netzcore.events.model import PLAN_STATUSES, EventError
from netzcore.i18n import LANGUAGES
from netzcore.messages import Recipient, recipient, resolve_form


@dataclass(frozen=True, slots=True)
class PlanEntry:
    contact_id: str
    full_name: str
    organization: str
    title: str
    status: str
    slot_start: dt.datetime | None
    slot_end: dt.datetime | None
    place: str
    talking_points: str
    last_hooks: str
    interaction_id: str | None
    person: Recipient = Recipient("", "", "")
    last_topics: tuple[str, ...] = ()        # of the last conversation that noted topics
    last_on: dt.date | None = None
    hall: str = ""                           # where their organisation stands at this event
    stand: str = ""
    gave: int = 0                            # how often I gave, and received
    received: int = 0
    last_gave: str = ""
    last_received: str = ""

    @property
    def booked(self) -> bool:
        return self.slot_start is not None and self.slot_end is not None

    @property
    def at_their_stand(self) -> bool:
        """The slot's place is their organisation's stand (as netz wrote it, in either language)."""
        return bool(self.place) and (self.hall or self.stand) != "" and self.place in {
            place_text(self.hall, self.stand, lang) for lang in LANGUAGES}

    def place_in(self, lang: str) -> str:
        """Where the slot is, in `lang` when it is their stand; the user's own words as written."""
        if self.at_their_stand:
            return place_text(self.hall, self.stand, lang)
        return self.place


@dataclass(frozen=True, slots=True)
class RemovedEntry:
    """A contact taken off the list, as it was: `restore_plan_entry` puts it back (undo)."""

    event_id: str
    contact_id: str
    full_name: str
    status: str
    slot_start: dt.datetime | None
    slot_end: dt.datetime | None
    place: str | None
    talking_points: str | None
    notes: str | None
    interaction_id: str | None


def add_to_plan(con: Connection, event_id: str, contact_ids: Sequence[str]) -> int:
    """Put contacts on the event's outreach list (status 'to ask'); returns how many were new."""
    if not contact_ids:
        return 0
    with transaction(con):
        rows = con.execute(
            "INSERT INTO event_plans (event_id, contact_id) SELECT ?, cid FROM (SELECT DISTINCT unnest(?) AS cid) "
            "WHERE cid NOT IN (SELECT contact_id FROM event_plans WHERE event_id = ?) "
            "AND cid IN (SELECT id FROM contacts) RETURNING 1",
            [event_id, list(contact_ids), event_id],
        ).fetchall()
    return len(rows)


def set_plan_status(con: Connection, event_id: str, contact_id: str, status: str) -> None:
    if status not in PLAN_STATUSES:
        raise EventError("events.error_status", status=status)
    con.execute(
        "UPDATE event_plans SET status = ?, updated_at = now() WHERE event_id = ? AND contact_id = ?",
        [status, event_id, contact_id],
    )


def set_talking_points(con: Connection, event_id: str, contact_id: str, talking_points: str) -> None:
    con.execute(
        "UPDATE event_plans SET talking_points = ?, updated_at = now() WHERE event_id = ? AND contact_id = ?",
        [talking_points.strip() or None, event_id, contact_id],
    )


def remove_from_plan(con: Connection, event_id: str, contact_id: str) -> RemovedEntry | None:
    """Take a contact off the list; returns the entry as it was, for an undo."""
    with transaction(con):
        row = con.execute(
            "SELECT p.event_id, p.contact_id, c.full_name, p.status, p.slot_start, p.slot_end, p.place, "
            "p.talking_points, p.notes, p.interaction_id FROM event_plans p JOIN contacts c ON c.id = p.contact_id "
            "WHERE p.event_id = ? AND p.contact_id = ?", [event_id, contact_id]).fetchone()
        con.execute("DELETE FROM event_plans WHERE event_id = ? AND contact_id = ?", [event_id, contact_id])
    return RemovedEntry(*row) if row else None


def restore_plan_entry(con: Connection, entry: RemovedEntry) -> bool:
    """Undo `remove_from_plan`; False when the contact is on the list again already."""
    rows = con.execute(
        "INSERT INTO event_plans (event_id, contact_id, status, slot_start, slot_end, place, talking_points, notes, "
        "interaction_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM event_plans "
        "WHERE event_id = ? AND contact_id = ?) RETURNING 1",
        [entry.event_id, entry.contact_id, entry.status, entry.slot_start, entry.slot_end, entry.place,
         entry.talking_points, entry.notes, entry.interaction_id, entry.event_id, entry.contact_id]).fetchall()
    return bool(rows)


_ON_LIST = "SELECT contact_id, status, slot_start, slot_end, place, talking_points, interaction_id FROM event_plans " \
    "WHERE event_id = $event_id"
# Some contacts, on the list or not (a draft for someone not asked yet): as if they were on it, to ask.
_ANY = "SELECT c.id AS contact_id, coalesce(p.status, 'to_ask') AS status, p.slot_start, p.slot_end, p.place, " \
    "p.talking_points, p.interaction_id FROM contacts c LEFT JOIN event_plans p ON p.contact_id = c.id " \
    "AND p.event_id = $event_id WHERE list_contains($ids, c.id)"
_PLAN_SQL = """
WITH planned AS (
    {planned}
), history AS (
    SELECT i.contact_id,
           arg_max(i.hooks, i.occurred_on) FILTER (WHERE trim(coalesce(i.hooks, '')) <> '') AS hooks,
           arg_max(i.topics, i.occurred_on) FILTER (WHERE len(i.topics) > 0) AS topics,
           max(i.occurred_on) FILTER (WHERE i.occurred_on <= current_date) AS last_on,
           count(*) FILTER (WHERE coalesce(i.gave, '') <> '') AS gave,
           count(*) FILTER (WHERE coalesce(i.received, '') <> '') AS received,
           arg_max(i.gave, i.occurred_on) FILTER (WHERE coalesce(i.gave, '') <> '') AS last_gave,
           arg_max(i.received, i.occurred_on) FILTER (WHERE coalesce(i.received, '') <> '') AS last_received
    FROM interactions i JOIN planned p ON p.contact_id = i.contact_id
    GROUP BY i.contact_id
), places AS (
    SELECT coalesce(x.organization_id, k.organization_id) AS org_id,
           arg_min(x.hall, x.hall IS NULL) AS hall, arg_min(x.stand, x.hall IS NULL) AS stand
    FROM exhibitors x LEFT JOIN organization_keys() k ON k.key = x.normalized_name
    WHERE x.event_id = $event_id AND (x.hall IS NOT NULL OR x.stand IS NOT NULL)
    GROUP BY ALL
)
SELECT p.contact_id, c.full_name, coalesce(c.organization_name, o.name, ''), coalesce(c.title, ''), p.status,
       p.slot_start, p.slot_end, coalesce(p.place, ''), coalesce(p.talking_points, ''),
       coalesce(h.hooks, ''), p.interaction_id,
       c.given_name, c.family_name, c.address_form, c.salutation, c.academic_title, c.honorific_prefix,
       coalesce(h.topics, []), h.last_on, coalesce(pl.hall, ''), coalesce(pl.stand, ''),
       coalesce(h.gave, 0), coalesce(h.received, 0), coalesce(h.last_gave, ''), coalesce(h.last_received, '')
FROM planned p
JOIN contacts c ON c.id = p.contact_id
LEFT JOIN organizations o ON o.id = c.organization_id
LEFT JOIN history h ON h.contact_id = p.contact_id
LEFT JOIN places pl ON pl.org_id = c.organization_id
ORDER BY p.slot_start NULLS LAST,
         list_position(['confirmed', 'asked', 'to_ask', 'met', 'followed_up', 'declined'], p.status),
         c.full_name, p.contact_id
"""


def list_plan(con: Connection, event_id: str) -> list[PlanEntry]:
    """The event's outreach list: slots in time order first, then by status and name."""
    return _entries(con, _PLAN_SQL.format(planned=_ON_LIST), {"event_id": event_id})


def plan_entries(con: Connection, event_id: str, contact_ids: Sequence[str]) -> list[PlanEntry]:
    """Some contacts as outreach entries of the event, whether they are on its list or not (then: to ask)."""
    return _entries(con, _PLAN_SQL.format(planned=_ANY), {"event_id": event_id, "ids": list(contact_ids)})


def find_recipient(con: Connection, event_id: str, query: str) -> list[PlanEntry]:
    """Whom `netz draft` writes to: an id, else a name (whole, then part of it); the event's list is searched
    first, then all active contacts. More than one entry: the query is ambiguous."""
    wanted = " ".join(query.split())
    if not wanted:
        return []
    rows = con.execute(
        """
        SELECT c.id, p.contact_id IS NOT NULL AS listed, lower(c.full_name) = lower($q) AS whole
        FROM contacts c LEFT JOIN event_plans p ON p.contact_id = c.id AND p.event_id = $event_id
        WHERE c.id = $q OR (NOT c.archived AND contains(lower(c.full_name), lower($q)))
        ORDER BY c.id = $q DESC, listed DESC, whole DESC, c.full_name
        LIMIT 50
        """, {"q": wanted, "event_id": event_id}).fetchall()
    if not rows:
        return []
    best = rows[0]
    if best[0] == wanted:
        chosen = [best[0]]
    else:
        same = [r for r in rows if (r[1], r[2]) == (best[1], best[2])]
        chosen = [r[0] for r in same]
    return sorted(plan_entries(con, event_id, chosen), key=lambda e: e.full_name)


def _entries(con: Connection, sql: str, params: dict[str, object]) -> list[PlanEntry]:
    rows = con.execute(sql, params).fetchall()
    return [
        PlanEntry(
            contact_id=str(r[0]), full_name=str(r[1]), organization=str(r[2]), title=str(r[3]), status=str(r[4]),
            slot_start=r[5], slot_end=r[6], place=str(r[7]), talking_points=str(r[8]), last_hooks=str(r[9]),
            interaction_id=r[10], person=recipient(str(r[1]), r[11], r[12], resolve_form(r[13], r[14], r[15], r[16])),
            last_topics=tuple(r[17]), last_on=r[18], hall=str(r[19]), stand=str(r[20]), gave=int(r[21]),
            received=int(r[22]), last_gave=str(r[23]), last_received=str(r[24]),
        )
        for r in rows
    ]


def plan_counts(plan: Iterable[PlanEntry]) -> dict[str, int]:
    """How many contacts are at each outreach status, in pipeline order."""
    counts = dict.fromkeys(PLAN_STATUSES, 0)
    for entry in plan:
        counts[entry.status] += 1
    return counts

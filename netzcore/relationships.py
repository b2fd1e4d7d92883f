"""Who knows whom, the network graph around a contact or a segment, introductions and suggestions for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.db import Connection, transaction
from netzcore.user_error import UserError

INTRODUCTION_STATUSES: tuple[str, ...] = ("open", "met", "no_fit", "declined")
GOOD_STANDING: tuple[str, ...] = ("ok", "soon")
GRAPH_LIMIT = 80


class RelationshipError(UserError):
    """A mistake in a relationship or an introduction."""


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    other_id: str
    other_name: str
    how: str | None
    strength: int
    since: dt.date | None


@dataclass(frozen=True, slots=True)
class Introduction:
    id: str
    contact_a: str
    name_a: str
    contact_b: str
    name_b: str
    introduced_on: dt.date
    context: str | None
    status: str
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone worth introducing a contact to, and why."""

    contact_id: str
    full_name: str
    tier: str
    shared_topics: tuple[str, ...]
    shared_field: str | None


def _pair(a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise RelationshipError("contacts.error_same_person")
    return (a, b) if a < b else (b, a)


def add_relationship(con: Connection, contact_a: str, contact_b: str, how: str = "", strength: int = 2,
                     since: dt.date | None = None) -> None:
    """Record that two contacts know each other; recording it again updates how and how well."""
    a, b = _pair(contact_a, contact_b)
    if strength not in (1, 2, 3):
        raise RelationshipError("contacts.error_strength")
    con.execute(
        "INSERT INTO relationships (contact_a, contact_b, how, strength, since) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (contact_a, contact_b) DO UPDATE SET how = excluded.how, strength = excluded.strength, "
        "since = coalesce(excluded.since, relationships.since)",
        [a, b, how.strip() or None, strength, since],
    )


def relationships_of(con: Connection, contact_id: str) -> list[Relationship]:
    rows = con.execute(
        "SELECT r.id, c.id, c.full_name, r.how, r.strength, r.since FROM relationships r "
        "JOIN contacts c ON c.id = CASE WHEN r.contact_a = $id THEN r.contact_b ELSE r.contact_a END "
        "WHERE $id IN (r.contact_a, r.contact_b) ORDER BY r.strength DESC, lower(c.full_name)",
        {"id": contact_id},
    ).fetchall()
    return [Relationship(*r) for r in rows]


# --- graph -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    name: str
    tier: str
    step: int                         # 0: the centre (the contact, or the segment's members); 1, 2: steps away

    @property
    def centre(self) -> bool:
        return self.step == 0


@dataclass(frozen=True, slots=True)
class GraphEdge:
    a: str
    b: str
    how: str | None
    strength: int


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


def _graph(con: Connection, centre_sql: str, params: dict[str, object], depth: int, limit: int) -> Graph:
    """Contacts within `depth` steps of the centre set, strongest and best-tier first, at most `limit` nodes."""
    rows = con.execute(
        f"""
        WITH RECURSIVE centre AS ({centre_sql}),
        edges AS (
            SELECT contact_a AS x, contact_b AS y FROM relationships
            UNION ALL SELECT contact_b, contact_a FROM relationships
        ),
        reach(id, step) AS (
            SELECT id, 0 FROM centre
            UNION SELECT e.y, r.step + 1 FROM reach r JOIN edges e ON e.x = r.id WHERE r.step < $depth
        )
        SELECT c.id, c.full_name, c.tier, min(r.step) AS step FROM reach r
        JOIN contacts c ON c.id = r.id AND NOT c.archived
        GROUP BY c.id, c.full_name, c.tier ORDER BY min(r.step), c.tier, lower(c.full_name) LIMIT $limit + 1
        """,  # noqa: S608
        {**params, "depth": depth, "limit": limit},
    ).fetchall()
    truncated = len(rows) > limit
    nodes = [GraphNode(*r) for r in rows[:limit]]
    ids = [n.id for n in nodes]
    edge_rows = con.execute(
        "SELECT contact_a, contact_b, how, strength FROM relationships "
        "WHERE contact_a IN (SELECT unnest($ids)) AND contact_b IN (SELECT unnest($ids)) ORDER BY contact_a, contact_b",
        {"ids": ids},
    ).fetchall() if ids else []
    return Graph(nodes, [GraphEdge(*r) for r in edge_rows], truncated)


def contact_graph(con: Connection, contact_id: str, depth: int = 2, limit: int = GRAPH_LIMIT) -> Graph:
    return _graph(con, "SELECT $centre AS id", {"centre": contact_id}, depth, limit)


def segment_graph(con: Connection, segment_id: str, depth: int = 1, limit: int = GRAPH_LIMIT) -> Graph:
    return _graph(con, "SELECT contact_id AS id FROM segment_members_of($segment)",
                  {"segment": segment_id}, depth, limit)


@dataclass(frozen=True, slots=True)
class SegmentChoice:
    id: str
    name: str
    members: int


def segment_choices(con: Connection) -> list[SegmentChoice]:
    """Target segments with their member count, to draw the network around one."""
    rows = con.execute(
        "SELECT s.id, s.name, count(m.contact_id) FROM segments s "
        "LEFT JOIN segment_members() m ON m.segment_id = s.id GROUP BY s.id, s.name, s.priority "
        "ORDER BY s.priority, lower(s.name)"
    ).fetchall()
    return [SegmentChoice(*r) for r in rows]


# --- introductions -----------------------------------------------------------------------------------------------


def log_introduction(con: Connection, contact_a: str, contact_b: str, introduced_on: dt.date,
                     context: str = "") -> str:
    _pair(contact_a, contact_b)
    row = con.execute(
        "INSERT INTO introductions (contact_a, contact_b, introduced_on, context) VALUES (?, ?, ?, ?) RETURNING id",
        [contact_a, contact_b, introduced_on, context.strip() or None],
    ).fetchone()
    assert row is not None
    return str(row[0])


def update_introduction(con: Connection, introduction_id: str, status: str, outcome: str = "") -> None:
    """Record how an introduction went; once the two met they know each other (a relationship is added)."""
    if status not in INTRODUCTION_STATUSES:
        raise RelationshipError("contacts.error_status")
    with transaction(con):
        row = con.execute(
            "UPDATE introductions SET status = ?, outcome = ? WHERE id = ? RETURNING contact_a, contact_b, context",
            [status, outcome.strip() or None, introduction_id],
        ).fetchone()
        if row and status == "met":
            a, b = _pair(row[0], row[1])
            con.execute(
                "INSERT INTO relationships (contact_a, contact_b, how) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [a, b, row[2] or "introduction"],
            )


_INTRODUCTION_SELECT = (
    "SELECT i.id, i.contact_a, ca.full_name, i.contact_b, cb.full_name, i.introduced_on, i.context, i.status, "
    "i.outcome FROM introductions i JOIN contacts ca ON ca.id = i.contact_a JOIN contacts cb ON cb.id = i.contact_b "
)


def open_introductions(con: Connection, limit: int = 20) -> list[Introduction]:
    rows = con.execute(
        _INTRODUCTION_SELECT + "WHERE i.status = 'open' ORDER BY i.introduced_on, i.id LIMIT ?", [limit]
    ).fetchall()
    return [Introduction(*r) for r in rows]


def introductions_of(con: Connection, contact_id: str) -> list[Introduction]:
    rows = con.execute(
        _INTRODUCTION_SELECT + "WHERE $id IN (i.contact_a, i.contact_b) ORDER BY i.introduced_on DESC, i.id",
        {"id": contact_id},
    ).fetchall()
    return [Introduction(*r) for r in rows]


def introduction_suggestions(con: Connection, today: dt.date, contact_id: str, limit: int = 10) -> list[Suggestion]:
    """Whom this contact could be introduced to: people who share topics or a field with them, do not know them
    and were not introduced yet, both in good standing (cared for within their cadence). Most shared topics
    first, then the better tier. (Pairing everybody with everybody would grow with the square of the network.)"""
    rows = con.execute(
        """
        WITH seed AS (
            SELECT c.id, c.topics, [lower(trim(x)) FOR x IN c.topics] AS keys, lower(o.field) AS field, o.id AS org
            FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = $contact
        ), candidates AS (
            SELECT c.id, c.full_name, c.tier,
                   [x FOR x IN s.topics IF list_contains([lower(trim(y)) FOR y IN c.topics], lower(trim(x)))] AS shared,
                   CASE WHEN s.field <> '' AND lower(o.field) = s.field AND o.id IS DISTINCT FROM s.org
                        THEN o.field END AS field
            FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id, seed s
            WHERE c.id <> s.id AND NOT c.archived
        ), good AS (
            SELECT contact_id FROM contact_care($today) WHERE due_state IN (SELECT unnest($good))
        )
        SELECT k.id, k.full_name, k.tier, k.shared, k.field FROM candidates k
        WHERE (len(k.shared) > 0 OR k.field IS NOT NULL)
          AND $contact IN (SELECT contact_id FROM good) AND k.id IN (SELECT contact_id FROM good)
          AND NOT EXISTS (SELECT 1 FROM relationships r
                          WHERE r.contact_a = least(k.id, $contact) AND r.contact_b = greatest(k.id, $contact))
          AND NOT EXISTS (SELECT 1 FROM introductions i WHERE (i.contact_a = k.id AND i.contact_b = $contact)
                                                           OR (i.contact_a = $contact AND i.contact_b = k.id))
        ORDER BY len(k.shared) DESC, k.tier, lower(k.full_name), k.id
        LIMIT $limit
        """,
        {"today": today, "good": list(GOOD_STANDING), "contact": contact_id, "limit": limit},
    ).fetchall()
    return [Suggestion(r[0], r[1], r[2], tuple(r[3]), r[4]) for r in rows]

"""Goals, target segments, the target map and the way in.

A goal says what the network is for; segments say whom it needs (organisation, field or topic x hierarchy level).
Membership comes from the `segment_members()` macros (rules plus manual assignments), or from the membership a page
computed once for all of its queries (netzcore.membership); progress, the target map and the bridges into a gap are
computed in SQL on top of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netzcore.contacts import TIERS
from netzcore.db import Connection, transaction
from netzcore.hierarchy import LEVELS
from netzcore.i18n import format_date, translate
from netzcore.membership import Membership, member_sql
from netzcore.organizations import normalize_org_name
from netzcore.profile import get_profile
from netzcore.user_error import UserError, check_version

PURPOSES = ("reach", "sales_channels", "expertise", "employer", "talent", "other")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
SEGMENT_KINDS = ("company", "institution", "field", "topic")
APPROACH_CHANNELS = ("linkedin", "xing", "event", "association", "sports", "private")
DEFAULT_DRAFT_CHANNELS = ("linkedin", "private")
STRONG_TIERS = ("A", "B")
HISTORY_MONTHS = 36


class GoalError(UserError):
    """Input the user must correct in a goal or segment."""


@dataclass(frozen=True, slots=True)
class Goal:
    title: str
    purpose: str = "reach"
    expected_value: str = ""
    my_offer: str = ""
    success_criterion: str = ""
    target_count: int | None = None
    target_tiers: tuple[str, ...] = ("A", "B")
    target_levels: tuple[str, ...] = ()
    target_in_person: int | None = None
    starts_on: dt.date | None = None  # None: today
    target_date: dt.date | None = None
    status: str = "active"
    segment_ids: tuple[str, ...] = ()
    id: str | None = None  # None: not saved yet
    updated_at: dt.datetime | None = None  # the version it was read at: a save of an older one is refused


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    kind: str = "company"
    organization_names: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    levels: tuple[str, ...] = LEVELS
    priority: int = 2
    channels: tuple[str, ...] = ()
    approach_note: str = ""
    id: str | None = None
    updated_at: dt.datetime | None = None  # the version it was read at: a save of an older one is refused

    @property
    def organization_keys(self) -> tuple[str, ...]:
        return organization_keys(self.organization_names)


def same_members(before: Segment, after: Segment) -> bool:
    """Whether two versions of a segment hold the same contacts: the rules (kind, organisations, keywords, topics)
    as saved are the same. A new name, note, priority, levels or channels leave membership as it was."""
    def rules(segment: Segment) -> tuple[object, ...]:
        return (segment.kind, organization_keys(_clean(segment.organization_names)),
                tuple(k.lower() for k in _clean(segment.keywords)), tuple(t.lower() for t in _clean(segment.topics)))
    return rules(before) == rules(after)


def same_map_row(before: Segment, after: Segment) -> bool:
    """Whether the target map shows two versions of a segment alike, given the same members: it shows the name,
    kind, priority and wanted levels, not the note or the channels."""
    return (before.name, before.kind, before.priority, set(before.levels)) \
        == (after.name, after.kind, after.priority, set(after.levels))


def organization_keys(names: Iterable[str]) -> tuple[str, ...]:
    """The names as organisations are found again (normalised, legal form dropped), once each."""
    keys = (normalize_org_name(name) for name in names)
    return tuple(dict.fromkeys(key for key in keys if key))


@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal_id: str
    members: int            # contacts in the goal's segments
    reached: int            # ... of the wanted tiers and levels
    target_count: int | None
    in_person: int          # in-person meetings with members in the goal's period
    target_in_person: int | None

    @property
    def fraction(self) -> float | None:
        """Share of the goal reached (0..1), the mean over the targets set; None without targets."""
        parts = [min(1.0, done / target) for done, target in
                 ((self.reached, self.target_count), (self.in_person, self.target_in_person)) if target]
        return sum(parts) / len(parts) if parts else None


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    month: dt.date          # first day of the month
    reached: int            # contacts reached at the month's end
    in_person: int          # in-person meetings since the goal's start, up to the month's end
    met_in_month: int = 0   # ... of them in this month


@dataclass(frozen=True, slots=True)
class TargetCell:
    segment_id: str
    segment_name: str
    kind: str
    priority: int
    level: str | None       # None: contacts whose hierarchy level is unknown
    tier_counts: dict[str, int]
    wanted: bool
    gap: bool               # wanted, and no A or B contact there

    @property
    def total(self) -> int:
        return sum(self.tier_counts.values())

    @property
    def strong(self) -> int:
        return sum(self.tier_counts[tier] for tier in STRONG_TIERS)


@dataclass(frozen=True, slots=True)
class CellContact:
    contact_id: str
    full_name: str
    organization: str | None
    title: str | None
    tier: str
    matched_by: str
    last_interaction_on: dt.date | None


@dataclass(frozen=True, slots=True)
class Bridge:
    contact_id: str
    full_name: str
    organization: str | None
    title: str | None
    hierarchy_level: str | None
    tier: str
    kind: str               # other_level, related, shared_topic
    via: str | None         # the related contact, or the shared topics
    score: int


@dataclass(frozen=True, slots=True)
class EventReach:
    event_id: str
    name: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    city: str | None
    exhibitors: tuple[str, ...]
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutreachDraft:
    channel: str
    text: str


@dataclass(frozen=True, slots=True)
class ContactChoice:
    contact_id: str
    label: str


@dataclass(frozen=True, slots=True)
class Assignment:
    segment_id: str
    contact_id: str
    full_name: str
    included: bool


@dataclass(frozen=True, slots=True)
class WayIn:
    bridges: list[Bridge] = field(default_factory=list)
    events: list[EventReach] = field(default_factory=list)
    channels: tuple[str, ...] = ()
    drafts: list[OutreachDraft] = field(default_factory=list)


# --- goals ------------------------------------------------------------------------------------------------------

def _clean(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _check_goal(goal: Goal) -> None:
    if not goal.title.strip():
        raise GoalError("goals.error_title")
    if goal.purpose not in PURPOSES or goal.status not in GOAL_STATUSES:
        raise GoalError("goals.error_choice")
    if not set(goal.target_tiers) <= set(TIERS) or not set(goal.target_levels) <= set(LEVELS):
        raise GoalError("goals.error_choice")
    if goal.target_count is not None and goal.target_count <= 0:
        raise GoalError("goals.error_target_count")
    if goal.target_in_person is not None and goal.target_in_person < 0:
        raise GoalError("goals.error_target_count")
    if goal.target_date and goal.starts_on and goal.target_date < goal.starts_on:
        raise GoalError("goals.error_dates")


def save_goal(con: Connection, goal: Goal) -> str:
    """Create or update a goal and its linked segments; returns its id."""
    _check_goal(goal)
    values = [goal.title.strip(), goal.purpose, goal.expected_value.strip(), goal.my_offer.strip(),
              goal.success_criterion.strip(), goal.target_count, list(goal.target_tiers) or list(STRONG_TIERS),
              list(goal.target_levels), goal.target_in_person, goal.starts_on or dt.date.today(),
              goal.target_date, goal.status]
    with transaction(con):
        if goal.id is None:
            row = con.execute(
                "INSERT INTO goals (title, purpose, expected_value, my_offer, success_criterion, target_count, "
                "target_tiers, target_levels, target_in_person, starts_on, target_date, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", values).fetchone()
            assert row is not None
            goal_id = str(row[0])
        else:
            goal_id = goal.id
            found = con.execute("SELECT updated_at FROM goals WHERE id = ?", [goal_id]).fetchone()
            check_version(found[0] if found else None, goal.updated_at)
            con.execute(
                "UPDATE goals SET title = ?, purpose = ?, expected_value = ?, my_offer = ?, success_criterion = ?, "
                "target_count = ?, target_tiers = ?, target_levels = ?, target_in_person = ?, starts_on = ?, "
                "target_date = ?, status = ?, updated_at = current_timestamp WHERE id = ?", [*values, goal_id])
        con.execute("DELETE FROM goal_segments WHERE goal_id = ?", [goal_id])
        con.execute(
            "INSERT INTO goal_segments (goal_id, segment_id) SELECT ?, id FROM segments WHERE id IN (SELECT unnest(?))",
            [goal_id, list(goal.segment_ids)])
    return goal_id


def _goal(row: tuple[Any, ...]) -> Goal:
    (goal_id, title, purpose, expected, offer, criterion, count, tiers, levels, in_person, starts, target,
     status, segment_ids, updated_at) = row
    return Goal(id=goal_id, title=title, purpose=purpose, expected_value=expected, my_offer=offer,
                success_criterion=criterion, target_count=count, target_tiers=tuple(tiers),
                target_levels=tuple(levels), target_in_person=in_person, starts_on=starts, target_date=target,
                status=status, segment_ids=tuple(segment_ids or ()), updated_at=updated_at)


def list_goals(con: Connection) -> list[Goal]:
    """Active goals first, then by target date."""
    rows = con.execute(
        "SELECT id, title, purpose, expected_value, my_offer, success_criterion, target_count, target_tiers, "
        "target_levels, target_in_person, starts_on, target_date, status, "
        "(SELECT list(segment_id ORDER BY segment_id) FROM goal_segments gs WHERE gs.goal_id = goals.id), "
        "updated_at FROM goals ORDER BY status <> 'active', target_date NULLS LAST, created_at").fetchall()
    return [_goal(row) for row in rows]


def get_goal(con: Connection, goal_id: str) -> Goal | None:
    return next((g for g in list_goals(con) if g.id == goal_id), None)


def delete_goal(con: Connection, goal_id: str) -> None:
    with transaction(con):
        con.execute("DELETE FROM goal_segments WHERE goal_id = ?", [goal_id])
        con.execute("DELETE FROM event_goals WHERE goal_id = ?", [goal_id])
        con.execute("DELETE FROM goals WHERE id = ?", [goal_id])


# --- segments ---------------------------------------------------------------------------------------------------

def _check_segment(segment: Segment) -> None:
    if not segment.name.strip():
        raise GoalError("goals.error_segment_name")
    if segment.kind not in SEGMENT_KINDS or not set(segment.levels) <= set(LEVELS):
        raise GoalError("goals.error_choice")
    if not set(segment.channels) <= set(APPROACH_CHANNELS) or segment.priority not in (1, 2, 3):
        raise GoalError("goals.error_choice")


def save_segment(con: Connection, segment: Segment) -> str:
    """Create or update a segment; organisation keys are kept in step with the names as written."""
    _check_segment(segment)
    names = _clean(segment.organization_names)
    values = [segment.name.strip(), segment.kind, list(names), list(organization_keys(names)),
              list(_clean(segment.keywords)), list(_clean(segment.topics)), list(segment.levels) or list(LEVELS),
              segment.priority, list(segment.channels), segment.approach_note.strip()]
    if segment.id is None:
        row = con.execute(
            "INSERT INTO segments (name, kind, organization_names, organization_keys, keywords, topics, levels, "
            "priority, channels, approach_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            values).fetchone()
        assert row is not None
        return str(row[0])
    with transaction(con):
        found = con.execute("SELECT updated_at FROM segments WHERE id = ?", [segment.id]).fetchone()
        check_version(found[0] if found else None, segment.updated_at)
        con.execute(
            "UPDATE segments SET name = ?, kind = ?, organization_names = ?, organization_keys = ?, keywords = ?, "
            "topics = ?, levels = ?, priority = ?, channels = ?, approach_note = ?, updated_at = current_timestamp "
            "WHERE id = ?", [*values, segment.id])
    return segment.id


def _segments(con: Connection, segment_id: str | None) -> list[Segment]:
    rows = con.execute(
        "SELECT id, name, kind, organization_names, keywords, topics, levels, priority, channels, approach_note, "
        "updated_at FROM segments WHERE $id IS NULL OR id = $id ORDER BY priority, lower(name), id", {"id": segment_id}
    ).fetchall()
    return [Segment(id=seg_id, name=name, kind=kind, organization_names=tuple(orgs), keywords=tuple(keywords),
                    topics=tuple(topics), levels=tuple(levels), priority=priority, channels=tuple(channels),
                    approach_note=note, updated_at=updated_at)
            for seg_id, name, kind, orgs, keywords, topics, levels, priority, channels, note, updated_at in rows]


def list_segments(con: Connection) -> list[Segment]:
    """By priority (1 first), then name."""
    return _segments(con, None)


def get_segment(con: Connection, segment_id: str) -> Segment | None:
    found = _segments(con, segment_id)
    return found[0] if found else None


def delete_segment(con: Connection, segment_id: str) -> None:
    with transaction(con):
        con.execute("DELETE FROM goal_segments WHERE segment_id = ?", [segment_id])
        con.execute("DELETE FROM segment_assignments WHERE segment_id = ?", [segment_id])
        con.execute("DELETE FROM segments WHERE id = ?", [segment_id])


def segment_member_counts(con: Connection, shared: Membership | None = None) -> dict[str, int]:
    """Contacts per segment (rules and manual assignments): the matching the benchmark times."""
    with member_sql(con, shared) as sql:
        return _member_counts(con, sql.every)


def _member_counts(con: Connection, members: str) -> dict[str, int]:
    rows = con.execute(
        f"SELECT s.id, count(m.contact_id) FROM segments s LEFT JOIN {members} m ON m.segment_id = s.id "  # noqa: S608 (fixed SQL)
        "GROUP BY s.id").fetchall()
    return {str(seg_id): int(count) for seg_id, count in rows}


# --- manual assignment ------------------------------------------------------------------------------------------


def assign_contacts(con: Connection, segment_id: str, contact_ids: Sequence[str], included: bool = True) -> int:
    """Put contacts into a segment (or keep them out of it, whatever the rules say); returns how many."""
    ids = sorted(set(contact_ids))
    if not ids:
        return 0
    with transaction(con):
        con.execute(
            "INSERT INTO segment_assignments (segment_id, contact_id, included) "
            "SELECT ?, id, ? FROM contacts WHERE id IN (SELECT unnest(?)) "
            "ON CONFLICT (segment_id, contact_id) DO UPDATE SET included = excluded.included",
            [segment_id, included, ids])
    return len(ids)


def clear_assignments(con: Connection, segment_id: str, contact_ids: Sequence[str]) -> None:
    """Back to the rules for these contacts."""
    con.execute("DELETE FROM segment_assignments WHERE segment_id = ? AND contact_id IN (SELECT unnest(?))",
                [segment_id, list(contact_ids)])


def list_assignments(con: Connection, segment_id: str) -> list[Assignment]:
    rows = con.execute(
        "SELECT a.segment_id, a.contact_id, c.full_name, a.included FROM segment_assignments a "
        "JOIN contacts c ON c.id = a.contact_id WHERE a.segment_id = ? ORDER BY a.included DESC, c.full_name",
        [segment_id]).fetchall()
    return [Assignment(str(s), str(c), str(n), bool(i)) for s, c, n, i in rows]


def contact_choices(con: Connection, query: str, limit: int = 50) -> list[ContactChoice]:
    """Active contacts whose name, organisation or title contains the query (accents ignored), for assigning."""
    text = query.strip()
    if not text:
        return []
    rows = con.execute(
        "SELECT c.id, concat_ws(' · ', c.full_name, coalesce(c.organization_name, o.name), c.title) FROM contacts c "
        "LEFT JOIN organizations o ON o.id = c.organization_id "
        "WHERE NOT c.archived AND contains(lower(strip_accents(concat_ws(' ', c.full_name, coalesce(c.organization_name, o.name), c.title))), "
        "lower(strip_accents(?))) ORDER BY c.full_name LIMIT ?", [text, limit]).fetchall()
    return [ContactChoice(str(cid), str(label)) for cid, label in rows]


# --- progress ---------------------------------------------------------------------------------------------------

# A contact the goal wants: at one of its tiers and, when it names levels, at one of them (c: contacts, s: spans).
_WANTED = ("list_contains(s.target_tiers, c.tier) "
           "AND (len(s.target_levels) = 0 OR list_contains(s.target_levels, c.hierarchy_level))")

_GOAL_MEMBERS = """
    members AS MATERIALIZED (
        SELECT DISTINCT gs.goal_id, m.contact_id
        FROM goal_segments gs JOIN {members} m ON m.segment_id = gs.segment_id
    ), spans AS (
        SELECT id AS goal_id, target_tiers, target_levels, starts_on,
               least(coalesce(target_date, $day), $day) AS ends_on
        FROM goals
    )
"""


def goal_progress(con: Connection, today: dt.date | None = None,
                  shared: Membership | None = None) -> dict[str, GoalProgress]:
    """Progress of every goal: members of its segments at the wanted tiers and levels, and in-person meetings
    with them (their tier and level now) between the goal's start and its target date (or today)."""
    with member_sql(con, shared) as sql:
        return _goal_progress(con, today, sql.every)


def _goal_progress(con: Connection, today: dt.date | None, members: str) -> dict[str, GoalProgress]:
    rows = con.execute(f"""
        WITH {_GOAL_MEMBERS.format(members=members)},
        reached AS (
            SELECT s.goal_id, count(*) AS members,
                   count(*) FILTER (WHERE {_WANTED}) AS reached
            FROM spans s JOIN members m USING (goal_id) JOIN contacts c ON c.id = m.contact_id
            GROUP BY s.goal_id
        ), meetings AS (
            SELECT s.goal_id, count(*) AS in_person
            FROM spans s JOIN members m USING (goal_id) JOIN interactions i ON i.contact_id = m.contact_id
            JOIN contacts c ON c.id = m.contact_id
            WHERE i.in_person AND i.occurred_on BETWEEN s.starts_on AND s.ends_on AND {_WANTED}
            GROUP BY s.goal_id
        )
        SELECT g.id, coalesce(r.members, 0), coalesce(r.reached, 0), g.target_count,
               coalesce(mt.in_person, 0), g.target_in_person
        FROM goals g LEFT JOIN reached r ON r.goal_id = g.id LEFT JOIN meetings mt ON mt.goal_id = g.id
    """, {"day": today or dt.date.today()}).fetchall()  # noqa: S608 (fixed SQL)
    return {r[0]: GoalProgress(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows}


def progress_history(con: Connection, today: dt.date | None = None,
                     shared: Membership | None = None) -> dict[str, list[ProgressPoint]]:
    """Per goal and month, from the goal's start month to this month (at most three years): contacts reached at the
    month's end (their tier then, from the tier history) and in-person meetings since the start with the contacts the
    goal wants (their tier and level now). A goal starting later has no months yet.

    Each member's time at a wanted tier is a period; a period adds one from the month it starts and removes it
    from the month it ends, so the count is a running sum over months instead of a months x contacts product."""
    with member_sql(con, shared) as sql:
        return _progress_history(con, today, sql.every)


def _progress_history(con: Connection, today: dt.date | None, members: str) -> dict[str, list[ProgressPoint]]:
    rows = con.execute(f"""
        WITH {_GOAL_MEMBERS.format(members=members)},
        months AS (
            SELECT goal_id, CAST(m AS DATE) AS month, CAST(m + INTERVAL 1 MONTH AS DATE) - 1 AS month_end
            FROM (
                SELECT goal_id, unnest(range(
                    CAST(greatest(date_trunc('month', starts_on),
                                  date_trunc('month', $day) - INTERVAL {HISTORY_MONTHS - 1} MONTH) AS TIMESTAMP),
                    CAST(date_trunc('month', $day) AS TIMESTAMP) + INTERVAL 1 MONTH, INTERVAL 1 MONTH)) AS m
                FROM spans
            )
        ),
        changes AS (
            SELECT contact_id, CAST(changed_at AS DATE) AS on_day, old_tier, new_tier,
                   lead(CAST(changed_at AS DATE)) OVER w AS next_day, row_number() OVER w AS n
            FROM tier_history WHERE contact_id IN (SELECT contact_id FROM members)
            WINDOW w AS (PARTITION BY contact_id ORDER BY changed_at)
        ),
        periods AS (
            SELECT contact_id, on_day AS valid_from, next_day AS valid_to, new_tier AS tier FROM changes
            UNION ALL
            SELECT contact_id, NULL, on_day, coalesce(old_tier, new_tier) FROM changes WHERE n = 1
            UNION ALL
            SELECT DISTINCT contact_id, NULL, NULL, c.tier FROM members JOIN contacts c ON c.id = members.contact_id
            WHERE contact_id NOT IN (SELECT contact_id FROM changes)
        ),
        reaching AS (
            SELECT m.goal_id, greatest(CAST(c.created_at AS DATE), p.valid_from) AS since, p.valid_to AS until
            FROM spans s JOIN members m USING (goal_id) JOIN contacts c ON c.id = m.contact_id
            JOIN periods p ON p.contact_id = m.contact_id
            WHERE list_contains(s.target_tiers, p.tier)
              AND (len(s.target_levels) = 0 OR list_contains(s.target_levels, c.hierarchy_level))
        ),
        steps AS (
            SELECT goal_id, month, sum(step) AS step FROM (
                SELECT goal_id, CAST(date_trunc('month', since) AS DATE) AS month, 1 AS step FROM reaching
                UNION ALL
                SELECT goal_id, CAST(date_trunc('month', until) AS DATE), -1 FROM reaching WHERE until IS NOT NULL
            ) GROUP BY ALL
        ),
        reached AS (
            SELECT mo.goal_id, mo.month, sum(st.step) AS reached
            FROM months mo JOIN steps st ON st.goal_id = mo.goal_id AND st.month <= mo.month
            GROUP BY mo.goal_id, mo.month
        ),
        met AS (
            SELECT s.goal_id, CAST(date_trunc('month', i.occurred_on) AS DATE) AS month, count(*) AS n
            FROM spans s JOIN members m USING (goal_id) JOIN interactions i ON i.contact_id = m.contact_id
            JOIN contacts c ON c.id = m.contact_id
            WHERE i.in_person AND i.occurred_on BETWEEN s.starts_on AND s.ends_on AND {_WANTED}
            GROUP BY ALL
        ),
        meetings AS (
            SELECT mo.goal_id, mo.month, sum(met.n) AS in_person
            FROM months mo JOIN met ON met.goal_id = mo.goal_id AND met.month <= mo.month
            GROUP BY mo.goal_id, mo.month
        )
        SELECT mo.goal_id, mo.month, coalesce(r.reached, 0), coalesce(mt.in_person, 0), coalesce(met.n, 0)
        FROM months mo LEFT JOIN reached r USING (goal_id, month) LEFT JOIN meetings mt USING (goal_id, month)
        LEFT JOIN met USING (goal_id, month)
        ORDER BY mo.goal_id, mo.month
    """, {"day": today or dt.date.today()}).fetchall()  # noqa: S608 (fixed SQL)
    history: dict[str, list[ProgressPoint]] = {}
    for goal_id, month, reached, in_person, met_in_month in rows:
        history.setdefault(goal_id, []).append(ProgressPoint(month, int(reached), int(in_person), int(met_in_month)))
    return history


# --- target map -------------------------------------------------------------------------------------------------


_TARGET_MAP_SQL = """
        WITH levels(level, ord) AS (VALUES ('executive', 1), ('head', 2), ('specialist', 3), ('none', 4)),
        counts AS (
            SELECT m.segment_id, coalesce(c.hierarchy_level, 'none') AS level,
                   count(*) FILTER (WHERE c.tier = 'A') AS a, count(*) FILTER (WHERE c.tier = 'B') AS b,
                   count(*) FILTER (WHERE c.tier = 'C') AS c, count(*) FILTER (WHERE c.tier = 'D') AS d
            FROM {members} m JOIN contacts c ON c.id = m.contact_id
            GROUP BY ALL
        ),
        goal_levels AS (
            SELECT gs.segment_id,
                   CASE WHEN bool_or(len(g.target_levels) = 0) THEN NULL
                        ELSE list_distinct(flatten(list(g.target_levels))) END AS levels
            FROM goal_segments gs JOIN goals g ON g.id = gs.goal_id AND g.status = 'active'
            GROUP BY gs.segment_id
        ),
        cells AS (
            SELECT s.id, s.name, s.kind, s.priority, l.level, l.ord,
                   coalesce(n.a, 0) AS a, coalesce(n.b, 0) AS b, coalesce(n.c, 0) AS c, coalesce(n.d, 0) AS d,
                   l.level <> 'none' AND list_contains(s.levels, l.level)
                       AND (gl.levels IS NULL OR list_contains(gl.levels, l.level)) AS wanted
            FROM segments s CROSS JOIN levels l
            LEFT JOIN counts n ON n.segment_id = s.id AND n.level = l.level
            LEFT JOIN goal_levels gl ON gl.segment_id = s.id
        )
        SELECT id, name, kind, priority, level, a, b, c, d, wanted, wanted AND a + b = 0 AS gap
        FROM cells
        ORDER BY gap DESC, wanted DESC, priority, lower(name), id, ord
"""


def target_map(con: Connection, shared: Membership | None = None) -> list[TargetCell]:
    """Every segment x hierarchy level with its contacts counted by tier; gaps first, then wanted cells.

    A cell is wanted when the segment wants the level and no active goal linked to the segment narrows the levels
    to others; a gap is a wanted cell without an A or B contact.
    """
    with member_sql(con, shared) as sql:
        rows = con.execute(_TARGET_MAP_SQL.replace("{members}", sql.every)).fetchall()
    return [TargetCell(str(sid), str(name), str(kind), int(prio), None if level == "none" else str(level),
                       {"A": int(a), "B": int(b), "C": int(c), "D": int(d)}, bool(wanted), bool(gap))
            for sid, name, kind, prio, level, a, b, c, d, wanted, gap in rows]


def cell_contacts(con: Connection, segment_id: str, level: str | None, limit: int = 200,
                  shared: Membership | None = None) -> list[CellContact]:
    """The contacts in one cell of the target map (level None: level unknown), strongest tier first."""
    with member_sql(con, shared) as sql:
        rows = con.execute(f"""
        WITH cell AS (
            SELECT m.contact_id, m.matched_by FROM {sql.of_segment} m JOIN contacts c ON c.id = m.contact_id
            WHERE c.hierarchy_level IS NOT DISTINCT FROM $level
        )
        SELECT c.id, c.full_name, coalesce(c.organization_name, o.name), c.title, c.tier, cell.matched_by,
               (SELECT max(i.occurred_on) FROM interactions i WHERE i.contact_id = c.id)
        FROM cell JOIN contacts c ON c.id = cell.contact_id LEFT JOIN organizations o ON o.id = c.organization_id
        ORDER BY c.tier, c.full_name, c.id
        LIMIT $limit
    """, {"segment": segment_id, "level": level, "limit": limit}).fetchall()  # noqa: S608 (fixed SQL)
    return [CellContact(str(r[0]), str(r[1]), r[2], r[3], str(r[4]), str(r[5]), r[6]) for r in rows]


# --- the way in -------------------------------------------------------------------------------------------------


def bridges(con: Connection, segment_id: str, level: str | None, limit: int = 20,
            shared: Membership | None = None) -> list[Bridge]:
    """My contacts who can lead into a cell, ranked: members of the segment at another level, contacts related to
    someone in the segment (more when that someone is in the cell itself), contacts sharing the segment's topics.
    A stronger tier and a stronger relationship rank higher; contacts already in the cell are not bridges."""
    with member_sql(con, shared) as sql:
        rows = con.execute(f"""
        WITH seg AS (SELECT * FROM segments WHERE id = $segment),
        members AS MATERIALIZED (
            SELECT c.id, c.full_name, c.hierarchy_level IS NOT DISTINCT FROM $level AS in_cell
            FROM {sql.of_segment} m JOIN contacts c ON c.id = m.contact_id
        ),
        knows AS (
            SELECT contact_a AS member, contact_b AS other, strength FROM relationships
            UNION ALL
            SELECT contact_b, contact_a, strength FROM relationships
        ),
        candidates AS (
            SELECT id AS contact_id, 'other_level' AS kind, NULL AS via, 30 AS weight FROM members WHERE NOT in_cell
            UNION ALL
            SELECT k.other, 'related', m.full_name, 20 + 2 * k.strength + CASE WHEN m.in_cell THEN 5 ELSE 0 END
            FROM knows k JOIN members m ON m.id = k.member
            UNION ALL
            SELECT c.id, 'shared_topic', array_to_string(shared, ', '), 10 + len(shared)
            FROM (
                SELECT c.id, list_intersect([lower(trim(x)) FOR x IN c.topics],
                                            [lower(trim(x)) FOR x IN seg.topics]) AS shared
                FROM contacts c, seg WHERE NOT c.archived AND len(seg.topics) > 0
            ) c WHERE len(shared) > 0
        ),
        best AS (
            -- the strongest reason; among equally strong ones always the same (arg_max took any: "knows" named
            -- one member or another from run to run)
            SELECT contact_id, first({{'kind': kind, 'via': via}} ORDER BY weight DESC, kind, via NULLS FIRST) AS reason,
                   max(weight) AS weight
            FROM candidates GROUP BY contact_id
        )
        SELECT c.id, c.full_name, coalesce(c.organization_name, o.name), c.title, c.hierarchy_level, c.tier,
               b.reason.kind, b.reason.via,
               b.weight + CASE c.tier WHEN 'A' THEN 8 WHEN 'B' THEN 6 WHEN 'C' THEN 4 ELSE 2 END AS score
        FROM best b JOIN contacts c ON c.id = b.contact_id LEFT JOIN organizations o ON o.id = c.organization_id
        WHERE NOT c.archived AND b.contact_id NOT IN (SELECT id FROM members WHERE in_cell)
        ORDER BY score DESC, c.full_name, c.id
        LIMIT $limit
    """, {"segment": segment_id, "level": level, "limit": limit}).fetchall()  # noqa: S608 (fixed SQL)
    return [Bridge(str(r[0]), str(r[1]), r[2], r[3], r[4], str(r[5]), str(r[6]), r[7], int(r[8])) for r in rows]


def reaching_events(con: Connection, segment_id: str, today: dt.date | None = None,
                    limit: int = 10) -> list[EventReach]:
    """Upcoming events whose exhibitors are among the segment's organisations or whose topics meet the segment's
    topics or keywords; soonest first."""
    rows = con.execute("""
        WITH seg AS (
            SELECT organization_keys,
                   list_distinct([lower(trim(x)) FOR x IN list_concat(topics, keywords) IF trim(x) <> '']) AS words
            FROM segments WHERE id = $segment
        ),
        present AS (
            SELECT x.event_id, list(DISTINCT x.name ORDER BY x.name) AS exhibitors
            FROM exhibitors x LEFT JOIN organizations o ON o.id = x.organization_id, seg
            WHERE list_contains(seg.organization_keys, x.normalized_name)
               OR list_contains(seg.organization_keys, o.normalized_name)
            GROUP BY x.event_id
        )
        SELECT e.id, e.name, e.kind, e.starts_on, e.ends_on, e.city, coalesce(p.exhibitors, []),
               list_intersect([lower(trim(x)) FOR x IN e.topics], seg.words) AS topics
        FROM events e CROSS JOIN seg LEFT JOIN present p ON p.event_id = e.id
        WHERE e.ends_on >= $day
          AND (p.event_id IS NOT NULL OR len(list_intersect([lower(trim(x)) FOR x IN e.topics], seg.words)) > 0)
        ORDER BY e.starts_on, e.name
        LIMIT $limit
    """, {"segment": segment_id, "day": today or dt.date.today(), "limit": limit}).fetchall()
    return [EventReach(str(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5], tuple(r[6]), tuple(sorted(r[7])))
            for r in rows]


def _background(con: Connection, segment: Segment, lang: str) -> str:
    """Why I reach out: the expected value (or title) of an active goal linked to the segment, else the approach
    note, else the segment itself."""
    row = con.execute(
        "SELECT g.expected_value, g.title FROM goals g JOIN goal_segments gs ON gs.goal_id = g.id "
        "WHERE gs.segment_id = ? AND g.status = 'active' ORDER BY g.target_date NULLS LAST, g.created_at LIMIT 1",
        [segment.id]).fetchone()
    if row:
        return str(row[0] or row[1]).strip().rstrip(".")
    if segment.approach_note:
        return segment.approach_note.rstrip(".")
    return translate(lang, "target_map.draft_background", segment=segment.name)


def outreach_drafts(con: Connection, lang: str, segment: Segment, level: str | None,
                    bridge: Bridge | None = None, event: EventReach | None = None) -> list[OutreachDraft]:
    """A short request per channel of the segment (LinkedIn and the private network when none is chosen), in the
    user's language, stating the background as the method asks."""
    profile = get_profile(con)
    values = {
        "me": profile.full_name or translate(lang, "target_map.draft_your_name"),
        "activity": profile.activity or translate(lang, "target_map.draft_your_activity"),
        "value": profile.value_proposition,
        "segment": segment.name,
        "level": translate(lang, f"common.level.{level}") if level else "",
        "background": _background(con, segment, lang),
        "bridge": bridge.full_name if bridge else translate(lang, "target_map.draft_their_name"),
        "event": (f"{event.name} ({format_date(event.starts_on, lang)})" if event
                  else translate(lang, "target_map.draft_next_event")),
    }
    drafts = []
    for channel in segment.channels or DEFAULT_DRAFT_CHANNELS:
        text = translate(lang, f"target_map.draft_{channel}", **values).replace(" ()", "")
        drafts.append(OutreachDraft(channel, re.sub(r"\n{3,}", "\n\n", text).strip()))
    return drafts


def way_in(con: Connection, lang: str, segment_id: str, level: str | None,
           today: dt.date | None = None, shared: Membership | None = None) -> WayIn:
    """Everything the page shows for a gap: bridges, events that reach the segment, its channels, the drafts."""
    segment = get_segment(con, segment_id)
    if segment is None:
        return WayIn()
    found = bridges(con, segment_id, level, shared=shared)
    events = reaching_events(con, segment_id, today)
    drafts = outreach_drafts(con, lang, segment, level, found[0] if found else None, events[0] if events else None)
    return WayIn(found, events, segment.channels, drafts)

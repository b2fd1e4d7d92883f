"""Who matters? Sorting the contacts an import brought in into tiers, fast.

An import makes every new person a D contact (birthday greeting only). Until the user has decided, a contact is
*untriaged* (`contacts.triaged_at IS NULL`, migration 140; see `care.PENDING_SQL`): it waits in the triage list,
ordered by what the data suggests (in a target segment, hierarchy level, known from several sources, a recent
LinkedIn connection, recent interactions), next to how many contacts the goals still ask for. Setting a tier, or
keeping the tier as it is, sorts the contact; contacts entered by hand or by the demo never wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netzcore.care import PENDING_SQL, SORTED_SQL, change_tiers
from netzcore.db import Connection
from netzcore.goals import goal_progress
from netzcore.i18n import format_month, translate

LEVEL_POINTS = {"executive": 3, "head": 2, "specialist": 1}
RECENT_CONNECTION_DAYS = 365
RECENT_INTERACTION_DAYS = 365


@dataclass(frozen=True, slots=True)
class TriageCandidate:
    """One contact waiting to be sorted, with the facts that rank it."""

    contact_id: str
    full_name: str
    organization: str | None
    title: str | None
    hierarchy_level: str | None
    tier: str
    sources: tuple[str, ...]
    segments: tuple[str, ...]         # target segments the contact belongs to, best priority first
    linkedin_since: dt.date | None    # LinkedIn connection date (the import writes it into "how we met")
    recent_interactions: int          # in the last 12 months, birthday greetings left out
    score: int


@dataclass(frozen=True, slots=True)
class TriagePage:
    rows: list[TriageCandidate]
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class GoalNeed:
    """How far the goals' contact targets are met: `reached` of `wanted` contacts at the `tiers` they ask for.

    `wanted` is 0 when no active goal names a number; `strong` counts every contact at those tiers."""

    tiers: tuple[str, ...]
    reached: int
    wanted: int
    strong: int


_CANDIDATES = """
WITH pending AS (
    SELECT c.id, c.full_name, o.name AS organization, c.title, c.hierarchy_level, c.tier, c.sources, c.how_met
    FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id
    WHERE c.triaged_at IS NULL AND NOT c.archived AND NOT list_has_any(c.sources, ['manual', 'demo'])
), in_segments AS (
    SELECT m.contact_id, list(s.name ORDER BY s.priority, lower(s.name)) AS names, max(4 - s.priority) AS best
    FROM segment_members() m JOIN segments s ON s.id = m.segment_id
    WHERE m.contact_id IN (SELECT id FROM pending)
    GROUP BY m.contact_id
), met AS (
    SELECT contact_id, count(*) AS n FROM interactions
    WHERE contact_id IN (SELECT id FROM pending) AND channel <> 'birthday_greeting'
      AND occurred_on > $today - $recent_days AND occurred_on <= $today
    GROUP BY contact_id
), facts AS (
    SELECT p.*, coalesce(sg.names, []) AS segment_names, coalesce(sg.best, 0) AS segment_points,
           TRY_CAST(regexp_extract(coalesce(p.how_met, ''), 'LinkedIn (\\d{4}-\\d{2}-\\d{2})', 1) AS DATE) AS since,
           coalesce(met.n, 0) AS recent
    FROM pending p LEFT JOIN in_segments sg ON sg.contact_id = p.id LEFT JOIN met ON met.contact_id = p.id
), scored AS (
    SELECT *,
           2 * segment_points
           + CASE hierarchy_level WHEN 'executive' THEN 3 WHEN 'head' THEN 2 WHEN 'specialist' THEN 1 ELSE 0 END
           + CASE WHEN len(list_distinct(sources)) > 1 THEN 2 ELSE 0 END
           + CASE WHEN since > $today - $connection_days THEN 2 WHEN since IS NOT NULL THEN 1 ELSE 0 END
           + 2 * least(recent, 3) AS score
    FROM facts
)
SELECT id, full_name, organization, title, hierarchy_level, tier, list_distinct(sources), segment_names, since,
       recent, score, count(*) OVER ()
FROM scored
ORDER BY score DESC, lower(full_name), id
LIMIT $limit OFFSET $offset
"""


def untriaged_count(con: Connection) -> int:
    """Active contacts nobody has sorted into a tier yet."""
    row = con.execute(f"SELECT count(*) FROM contacts WHERE {PENDING_SQL}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def triage_candidates(con: Connection, today: dt.date, limit: int = 50, offset: int = 0) -> TriagePage:
    """One page of the contacts waiting to be sorted, most promising first (all ranking in SQL)."""
    rows = con.execute(_CANDIDATES, {
        "today": today, "limit": limit, "offset": max(offset, 0), "recent_days": RECENT_INTERACTION_DAYS,
        "connection_days": RECENT_CONNECTION_DAYS,
    }).fetchall()
    if not rows and offset > 0:
        return triage_candidates(con, today, limit, 0)
    candidates = [TriageCandidate(r[0], r[1], r[2], r[3], r[4], r[5], tuple(sorted(r[6] or ())), tuple(r[7] or ()),
                                  r[8], int(r[9]), int(r[10])) for r in rows]
    return TriagePage(candidates, int(rows[0][-1]) if rows else 0, max(offset, 0))


def triage_reasons(lang: str, candidate: TriageCandidate) -> str:
    """Why the contact stands where it does, in words ("target segment Stadtwerke · head level · ...")."""
    parts: list[str] = []
    if candidate.segments:
        parts.append(translate(lang, "triage.why_segment", segments=", ".join(candidate.segments[:2])))
    if candidate.hierarchy_level:
        parts.append(translate(lang, f"triage.why_level_{candidate.hierarchy_level}"))
    if len(candidate.sources) > 1:
        names = ", ".join(translate(lang, f"triage.source_{s}") if s in _KNOWN_SOURCES else s
                          for s in candidate.sources)
        parts.append(translate(lang, "triage.why_sources", sources=names))
    if candidate.linkedin_since:
        parts.append(translate(lang, "triage.why_linkedin", since=format_month(
            candidate.linkedin_since.year, candidate.linkedin_since.month, lang)))
    if candidate.recent_interactions:
        parts.append(translate(lang, "triage.why_met", count=candidate.recent_interactions))
    return " · ".join(parts)


_KNOWN_SOURCES = frozenset({"vcard", "linkedin", "manual", "demo", "backup", "event"})


def sort_into_tier(con: Connection, contact_ids: Sequence[str], tier: str, reason: str) -> int:
    """Give these contacts `tier` (the change goes into the tier history with `reason`) and mark them sorted;
    returns how many changed tier. A contact already at the tier is only marked sorted."""
    return change_tiers(con, contact_ids, tier, reason)


def keep_as_is(con: Connection, contact_ids: Sequence[str]) -> int:
    """The user looked and keeps the tier: the contacts leave the triage list; returns how many."""
    rows = con.execute(
        f"UPDATE contacts SET {SORTED_SQL} WHERE id IN (SELECT unnest(?)) AND {PENDING_SQL} "  # noqa: S608
        "RETURNING id", [list(dict.fromkeys(contact_ids))]).fetchall()
    return len(rows)


def keep_all_except(con: Connection, contact_ids: Sequence[str] = ()) -> int:
    """"Keep all the others as they are": every waiting contact but these leaves the triage list."""
    rows = con.execute(
        f"UPDATE contacts SET {SORTED_SQL} WHERE {PENDING_SQL} AND NOT list_contains(?, id) "  # noqa: S608
        "RETURNING id", [list(contact_ids)]).fetchall()
    return len(rows)


def goal_need(con: Connection, today: dt.date) -> GoalNeed:
    """The running count beside the triage: contacts at the goals' tiers against what the active goals ask for."""
    rows = con.execute(
        "SELECT id, target_count, target_tiers FROM goals WHERE status = 'active'").fetchall()
    tiers = tuple(sorted({tier for _, _, wanted_tiers in rows for tier in (wanted_tiers or [])})) or ("A", "B")
    counted = [(goal_id, int(count)) for goal_id, count, _ in rows if count]
    reached = wanted = 0
    if counted:
        progress = goal_progress(con, today)
        for goal_id, count in counted:
            wanted += count
            reached += min(progress[goal_id].reached, count) if goal_id in progress else 0
    strong_row = con.execute("SELECT count(*) FROM contacts WHERE NOT archived AND list_contains(?, tier)",
                             [list(tiers)]).fetchone()
    return GoalNeed(tiers, reached, wanted, int(strong_row[0]) if strong_row else 0)

"""Whom to meet at an event: a score from 0 to 100 per contact, made of visible parts, best first.

One SQL query: each reason scores between 0 and 1 (`p_*` columns) and counts with its weight; the score is the
weighted share of all weights, so 100 means "every reason at its best". Filters (tier, goal, hall, some contacts)
apply before the limit, so every contact is reachable. Names, goal titles and places are looked up only for the
rows returned; netzcore.events.reasons turns each row into short facts and full sentences. The ranking does not
read the outreach list (event_plans): putting someone on it or booking a slot leaves a ranking computed before
valid, and the app keeps it (netzui.data_cache.keeping).

The contacts' shares (`ranking_features`) are most of the work and depend on neither weights nor filters: the page
keeps them, and a change of weights, a filter or "more" reads them instead of the log and the segments' rules.
A contact's shares read only that contact's own rows (its log, tier, topics, organisation) and the event's, so after
a logged interaction or a tier change only the changed contacts' shares are computed again (`features_rescored`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from netzcore.db import Connection, registered
from netzcore.events.reasons import ScorePart, score_parts
from netzcore.membership import Membership, member_sql

WEIGHTS_KEY = "events.ranking_weights"
REASONS = ("tier", "overdue", "exhibitor", "goal", "topics", "city", "follow_up", "balance", "job_change")
DEFAULT_WEIGHTS: dict[str, float] = {
    "tier": 30.0,
    "overdue": 25.0,
    "exhibitor": 30.0,
    "goal": 25.0,
    "topics": 15.0,
    "city": 10.0,
    "follow_up": 10.0,
    "balance": 5.0,
    "job_change": 10.0,
}
MAX_WEIGHT = 100.0
MAX_LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class RankFilter:
    """Which contacts the list shows: tiers (empty: all), members of one goal, people at one hall."""

    tiers: tuple[str, ...] = ()
    goal_id: str | None = None
    hall: str | None = None


@dataclass(frozen=True, slots=True)
class RankedContact:
    contact_id: str
    full_name: str
    organization: str
    title: str
    score: float                     # 0..100
    parts: tuple[ScorePart, ...]     # the reasons that add to the score, in REASONS order
    hall: str = ""
    stand: str = ""

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons as full sentences."""
        return tuple(part.sentence for part in self.parts)

    @property
    def points(self) -> int:
        return round(self.score)


@dataclass(frozen=True, slots=True)
class Ranking:
    contacts: list[RankedContact] = field(default_factory=list)
    more: bool = False               # more contacts with a reason follow this page


@dataclass(frozen=True, slots=True)
class EventConstants:
    """What the ranking takes from the event: its goals' segments (segment, goal) with the titles of the goals each
    serves, and the query's parameters (its city and topics as patterns)."""

    links: tuple[tuple[str, str], ...]
    titles: dict[str, list[str]]
    params: dict[str, object]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key never looks into the table
class RankingFeatures:
    """Every contact's share of each reason for one event on one day, and the event's constants, as the data was
    when they were computed (None: no such event)."""

    event_id: str
    today: dt.date
    event: EventConstants | None
    table: pa.Table  # one row per contact: the `parts` columns of the query


# --- weights ----------------------------------------------------------------------------------------------------


def load_weights(con: Connection) -> dict[str, float]:
    """The stored weights over the defaults; unknown or broken values fall back to the default."""
    row = con.execute("SELECT value FROM app_settings WHERE key = ?", [WEIGHTS_KEY]).fetchone()
    weights = dict(DEFAULT_WEIGHTS)
    if row:
        try:
            stored = json.loads(str(row[0]))
        except json.JSONDecodeError:
            stored = {}
        if isinstance(stored, dict):
            for name, value in stored.items():
                if name in weights and isinstance(value, int | float) and not isinstance(value, bool):
                    weights[name] = clamp_weight(float(value))
    return weights


def clamp_weight(value: float) -> float:
    return max(0.0, min(MAX_WEIGHT, value)) if value == value else 0.0  # NaN counts as 0


def save_weights(con: Connection, weights: Mapping[str, float]) -> None:
    clean = {name: clamp_weight(float(weights.get(name, default))) for name, default in DEFAULT_WEIGHTS.items()}
    con.execute(
        "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [WEIGHTS_KEY, json.dumps(clean, sort_keys=True)],
    )


def reset_weights(con: Connection) -> None:
    con.execute("DELETE FROM app_settings WHERE key = ?", [WEIGHTS_KEY])


# --- the query --------------------------------------------------------------------------------------------------

# The contacts' side of the ranking: per contact, the share of each reason (`p_*`, 0..1) and what the reasons'
# sentences need. Neither weights, nor filters, nor the page enter here: computed once for an event and a day
# (`ranking_features`), it answers every change of weights, filters and length the page makes on the same data.
_PARTS_CTES = """event_orgs AS (
    -- each organisation on the list once, with its best role and its place
    SELECT org_id, arg_min(role, role_rank) AS exhibitor_role, arg_min(hall, role_rank) AS hall,
           arg_min(stand, role_rank) AS stand
    FROM (
        SELECT coalesce(x.organization_id, k.organization_id) AS org_id, x.role, x.hall, x.stand,
               CASE x.role WHEN 'exhibitor' THEN 1 WHEN 'speaker' THEN 2 ELSE 3 END AS role_rank
        FROM exhibitors x LEFT JOIN organization_keys() k ON k.key = x.normalized_name
        WHERE x.event_id = $event_id
    ) WHERE org_id IS NOT NULL
    GROUP BY org_id
), goal_hits AS (
    -- membership is costly per segment: only the segments of the event's active goals (looked up before); a
    -- segment and a contact make one row of it at most, so the list needs no DISTINCT
{goal_members}
), job_change AS (
    -- a new organisation or title observed within the last 365 days, and the latest position
    SELECT contact_id, arg_max(title, observed_on) AS new_title, max(observed_on) AS changed_on
    FROM career_history
    WHERE observed_on <= $today AND ($only IS NULL OR list_contains($only, contact_id))
    GROUP BY contact_id
    HAVING max(observed_on) > $today - 365
       AND min(hash(lower(coalesce(organization, '')), lower(coalesce(title, ''))))
           <> max(hash(lower(coalesce(organization, '')), lower(coalesce(title, ''))))
), shared AS (
    -- topics one by one against the event's topics (one case-insensitive pattern): cheaper than any list function
    SELECT contact_id, count(*) AS shared_topics
    FROM (SELECT id AS contact_id, unnest(topics) AS topic FROM contacts
          WHERE $has_topics AND NOT archived AND ($only IS NULL OR list_contains($only, id)))
    WHERE regexp_full_match(topic, $topic_pattern)
    GROUP BY contact_id
), facts AS (
    -- everything kept per contact in one pass: the log (the care clock as contact_care(today) computes it and the
    -- give-and-take ledger) with the rows of the other facts beside it. One aggregate, whose inputs run at once,
    -- instead of one join per fact over 20,000 contacts on one thread (52 instead of 57 ms at 20,000 contacts)
    SELECT contact_id,
           max(occurred_on) FILTER (WHERE occurred_on <= $today) AS last_on,
           count(*) FILTER (WHERE follow_up_on IS NOT NULL AND NOT follow_up_done) AS open_follow_ups,
           count(*) FILTER (WHERE gave <> '') AS gave_count,
           count(*) FILTER (WHERE received <> '') AS received_count,
           any_value(segments) AS segments, any_value(new_title) AS new_title, any_value(changed_on) AS changed_on,
           any_value(shared_topics) AS shared_topics
    FROM (
        SELECT contact_id, occurred_on, follow_up_on, follow_up_done, gave, received, NULL::VARCHAR[] AS segments,
               NULL::VARCHAR AS new_title, NULL::DATE AS changed_on, NULL::BIGINT AS shared_topics
        FROM interactions
        WHERE $only IS NULL OR list_contains($only, contact_id)  -- a few contacts (an outreach list): their rows only
        UNION ALL SELECT contact_id, NULL, NULL, NULL, NULL, NULL, segments, NULL, NULL, NULL FROM goal_hits
        UNION ALL SELECT contact_id, NULL, NULL, NULL, NULL, NULL, NULL, new_title, changed_on, NULL FROM job_change
        UNION ALL SELECT contact_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, shared_topics FROM shared
    )
    GROUP BY contact_id
), people AS (
    SELECT c.id AS contact_id, c.full_name, c.organization_id, c.tier,
           coalesce(c.cadence_days, tc.cadence_days) AS cadence_days,
           -- the care clock starts as contact_care's (141): a contact sorted while new is due on first_due_on
           coalesce(c.first_due_on - coalesce(c.cadence_days, tc.cadence_days), CAST(c.created_at AS DATE))
               AS added_on,
           -- the length first: most cities differ in it, and it costs nothing beside ILIKE
           $city_length > 0 AND length(trim(c.city)) = $city_length
               AND trim(c.city) ILIKE $city_pattern ESCAPE '\\' AS same_city
    FROM contacts c JOIN tier_cadence tc ON tc.tier = c.tier
    WHERE NOT c.archived AND ($only IS NULL OR list_contains($only, c.id))
), parts AS (
    SELECT p.contact_id, p.full_name, p.tier, p.cadence_days, f.last_on, eo.exhibitor_role, eo.hall, eo.stand,
           p.same_city, coalesce(f.open_follow_ups, 0) AS open_follow_ups,
           coalesce(f.gave_count, 0) AS gave_count, coalesce(f.received_count, 0) AS received_count,
           f.segments, f.new_title, f.changed_on,
           CASE p.tier WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.67 WHEN 'C' THEN 0.33 ELSE 0.0 END AS p_tier,
           -- 0 at half the cadence since the clock started (last contact, else added), 1 at twice the cadence
           coalesce(least(greatest(($today - coalesce(f.last_on, p.added_on)) / p.cadence_days - 0.5, 0), 1.5)
                    / 1.5, 0) AS p_overdue,
           CASE WHEN eo.exhibitor_role IS NULL THEN 0.0 ELSE 1.0 END AS p_exhibitor,
           CASE WHEN f.segments IS NULL THEN 0.0 ELSE 1.0 END AS p_goal,
           least(coalesce(f.shared_topics, 0), 3) / 3 AS p_topics,
           CASE WHEN p.same_city THEN 1.0 ELSE 0.0 END AS p_city,
           least(coalesce(f.open_follow_ups, 0), 2) / 2 AS p_follow_up,
           least(greatest(coalesce(f.received_count, 0) - coalesce(f.gave_count, 0), 0), 3) / 3 AS p_balance,
           CASE WHEN f.changed_on IS NULL THEN 0.0 ELSE 1.0 END AS p_job_change
    FROM people p
    LEFT JOIN facts f ON f.contact_id = p.contact_id
    LEFT JOIN event_orgs eo ON eo.org_id = p.organization_id
)"""

# The page: the weighted score, the filters, one page of rows (and one more: whether more follow); only the rows
# shown pick up organisation, title and the words for their reasons.
_RANK_SQL = """
WITH {parts}, top AS (
    SELECT * FROM (
        SELECT *, 100.0 * ($w_tier * p_tier + $w_overdue * p_overdue + $w_exhibitor * p_exhibitor
                           + $w_goal * p_goal + $w_topics * p_topics + $w_city * p_city
                           + $w_follow_up * p_follow_up + $w_balance * p_balance + $w_job_change * p_job_change)
                     / $w_total AS score
        FROM parts
        WHERE (len($tiers) = 0 OR list_contains($tiers, tier)) AND ($hall IS NULL OR hall = $hall)
          AND ($goal_segments IS NULL OR list_has_any(segments, $goal_segments))
          AND ($only IS NULL OR list_contains($only, contact_id))
    ) WHERE score > 0.005
    ORDER BY score DESC, full_name, contact_id
    LIMIT $limit + 1 OFFSET $offset
)
SELECT top.* EXCLUDE (hall, stand, same_city), coalesce(c.organization_name, o.name, '') AS organization,
       coalesce(c.title, '') AS title, coalesce(top.hall, '') AS hall, coalesce(top.stand, '') AS stand,
       regexp_extract_all(chr(31) || array_to_string(c.topics, chr(31) || chr(31)) || chr(31), $topics_pattern, 1)
           AS shared_topics,
       CASE WHEN top.same_city THEN c.city END AS same_city
FROM top
JOIN contacts c ON c.id = top.contact_id
LEFT JOIN organizations o ON o.id = c.organization_id
ORDER BY top.score DESC, top.full_name, top.contact_id
"""
_FEATURES = "event_ranking_features"  # the name a kept `RankingFeatures` table has while the page's query reads it

# `goal_hits` in `_PARTS_CTES`: the goals' segment members, or none for an event without goals
_GOAL_MEMBERS = """    SELECT contact_id, list_sort(list(segment_id)) AS segments FROM segment_members_in($segments)
    WHERE $only IS NULL OR list_contains($only, contact_id)
    GROUP BY contact_id"""
_NO_GOAL_MEMBERS = """    SELECT NULL::VARCHAR AS contact_id, NULL::VARCHAR[] AS segments WHERE false"""

# What the query takes from the event as constants: its city and topics as patterns, its goals' segments with the
# titles of the goals each serves (two plain queries: one with a correlated list took twice as long).
_EVENT_SQL = "SELECT city, topics FROM events WHERE id = ?"
_EVENT_GOALS_SQL = """
SELECT gs.segment_id, g.id, g.title
FROM event_goals eg JOIN goals g ON g.id = eg.goal_id AND g.status = 'active' JOIN goal_segments gs ON gs.goal_id = g.id
WHERE eg.event_id = ?
ORDER BY lower(g.title), gs.segment_id
"""


def _like_exact(text: str) -> str:
    """An ILIKE pattern matching `text` exactly (its % and _ escaped)."""
    return re.sub(r"([\\%_])", r"\\\1", text)


_NO_TOPICS = "(\x00)"  # matches no topic (a cleaned topic holds no NUL), and has the group the query reads
_RE2_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}-])")


def _topic_pattern(topics: Sequence[str]) -> str:
    """One topic of a contact against all the event's topics: case-insensitive, spaces around ignored."""
    words = sorted({" ".join(t.split()).lower() for t in topics if t.strip()}, key=len, reverse=True)
    if not words:
        return _NO_TOPICS
    return "(?i)\\s*(" + "|".join(_RE2_SPECIAL.sub(r"\\\1", w) for w in words) + ")\\s*"


def _topics_pattern(topics: Sequence[str]) -> str:
    """One case-insensitive pattern over a contact's topics, each written between two chr(31): one match per
    shared topic, each topic whole, spaces around it ignored."""
    words = sorted({" ".join(t.split()).lower() for t in topics if t.strip()}, key=len, reverse=True)
    if not words:
        return _NO_TOPICS
    alternatives = "|".join(_RE2_SPECIAL.sub(r"\\\1", w) for w in words)
    return "(?i)\x1f\\s*(" + alternatives + ")\\s*\x1f"


def _page_size(limit: int) -> int:
    return max(0, min(int(limit), MAX_LIMIT))


def _event(con: Connection, event_id: str, today: dt.date) -> EventConstants | None:
    found = con.execute(_EVENT_SQL, [event_id]).fetchall()
    if not found:
        return None
    (city, topics), = found
    goals = con.execute(_EVENT_GOALS_SQL, [event_id]).fetchall()
    links = tuple((str(segment), str(goal)) for segment, goal, _ in goals)
    city_name = " ".join(str(city or "").split())
    titles: dict[str, list[str]] = {}
    for segment, _, title in goals:
        titles.setdefault(str(segment), []).append(str(title))
    return EventConstants(links, titles, {
        "event_id": event_id, "today": today, "segments": sorted(titles), "topics_pattern": _topics_pattern(topics),
        "topic_pattern": _topic_pattern(topics), "has_topics": bool(topics), "city_pattern": _like_exact(city_name),
        "city_length": len(city_name),
    })


@contextlib.contextmanager
def _parts(con: Connection, event: EventConstants, shared: Membership | None,
           features: RankingFeatures | None) -> Iterator[str]:
    """The `parts` of the query: the kept features (readable on `con` for the time of the block), else the CTEs
    that compute them (without any goal, without membership)."""
    if features is not None:
        with registered(con, _FEATURES, features.table):
            yield f"parts AS (SELECT * FROM {_FEATURES})"  # noqa: S608 (fixed SQL)
        return
    ctes = _PARTS_CTES.format(goal_members=_GOAL_MEMBERS if event.titles else _NO_GOAL_MEMBERS)
    with member_sql(con, shared if event.titles else None) as members:
        yield ctes.replace("segment_members_in($segments)", members.in_segments)


def _named(sql: str, params: Mapping[str, object]) -> dict[str, object]:
    """The parameters `sql` names (DuckDB refuses others)."""
    return {k: v for k, v in params.items() if f"${k}" in sql}


def ranking_features(con: Connection, event_id: str, today: dt.date, *, only: Sequence[str] | None = None,
                     shared: Membership | None = None) -> RankingFeatures:
    """Every contact's share of each reason for the event (or only some contacts'), for `whom_to_meet` to rank
    by whatever weights and filters; `shared`: segment membership computed before."""
    event = _event(con, event_id, today)
    if event is None:
        return RankingFeatures(event_id, today, None, pa.table({"contact_id": pa.array([], pa.string())}))
    params = {**event.params, "only": list(only) if only is not None else None}
    with _parts(con, event, shared, None) as parts:
        sql = f"WITH {parts} SELECT * FROM parts"  # noqa: S608 (fixed SQL)
        table = con.sql(sql, params=_named(sql, params)).to_arrow_table()
    return RankingFeatures(event_id, today, event, table)


def features_rescored(con: Connection, before: RankingFeatures, changed: Collection[str], event_id: str,
                      today: dt.date, *, only: Sequence[str] | None = None,
                      shared: Membership | None = None) -> RankingFeatures:
    """`ranking_features` with the same arguments, from `before`, after writes that changed only the `changed`
    contacts' own rows (a logged interaction, a tier): their rows are computed again, the others kept."""
    again = sorted(set(changed) & set(only) if only is not None else set(changed))
    if not again:
        return before
    if before.event is None:   # no such event then: nothing to keep
        return ranking_features(con, event_id, today, only=only, shared=shared)
    fresh = ranking_features(con, event_id, today, only=again, shared=shared)
    if fresh.event is None:    # none now: the shares of no event
        return fresh
    kept = before.table.filter(pc.invert(pc.is_in(before.table["contact_id"], pa.array(again, pa.string()))))
    return RankingFeatures(event_id, today, before.event, pa.concat_tables([kept, fresh.table.cast(kept.schema)]))


def whom_to_meet(
    con: Connection,
    event_id: str,
    today: dt.date,
    weights: Mapping[str, float] | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    lang: str = "en",
    only: Sequence[str] | None = None,
    filters: RankFilter | None = None,
    shared: Membership | None = None,
    features: RankingFeatures | None = None,
) -> Ranking:
    """Whom to meet at the event, best first: one page of the ranked list and whether more follow.

    `only` restricts the list to some contacts (the schedule and the brief ask for their outreach list); `shared`:
    segment membership computed before (else the goals' segments are matched here); `features`: the event's
    `ranking_features` on the data as it is (else they are computed here)."""
    if features is not None and (features.event_id, features.today) != (event_id, today):
        raise ValueError("the features belong to another event or day")
    chosen = {name: clamp_weight(float(value)) for name, value in {**DEFAULT_WEIGHTS, **(weights or {})}.items()
              if name in DEFAULT_WEIGHTS}
    total_weight = sum(chosen.values())
    if total_weight <= 0:
        return Ranking()
    chosen_filter = filters or RankFilter()
    event = features.event if features is not None else _event(con, event_id, today)
    if event is None:
        return Ranking()
    goal_segments = ([segment for segment, goal in event.links if goal == chosen_filter.goal_id]
                     if chosen_filter.goal_id else None)
    page = _page_size(limit)
    params: dict[str, object] = {f"w_{name}": value for name, value in chosen.items()}
    params.update(
        event.params, limit=page, offset=max(0, int(offset)), w_total=total_weight, tiers=list(chosen_filter.tiers),
        goal_segments=goal_segments, hall=chosen_filter.hall, only=list(only) if only is not None else None,
    )
    with _parts(con, event, shared, features) as parts:
        sql = _RANK_SQL.format(parts=parts)
        cursor = con.execute(sql, _named(sql, params))
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    ranked = []
    for values in rows[:page]:
        row = dict(zip(columns, values, strict=True))
        row["goal_titles"] = sorted({t for segment in row["segments"] or () for t in event.titles.get(segment, ())},
                                    key=str.lower)
        ranked.append(RankedContact(
            contact_id=str(row["contact_id"]), full_name=str(row["full_name"]),
            organization=str(row["organization"]), title=str(row["title"]), score=float(row["score"]),
            parts=score_parts(row, chosen, total_weight, today, lang),
            hall=str(row["hall"]), stand=str(row["stand"]),
        ))
    return Ranking(ranked, len(rows) > page)


def rank_contacts_for_event(
    con: Connection,
    event_id: str,
    today: dt.date,
    weights: Mapping[str, float] | None = None,
    limit: int = 50,
    lang: str = "en",
    filters: RankFilter | None = None,
) -> list[RankedContact]:
    """The first `limit` contacts of `ranking`, best first."""
    return whom_to_meet(con, event_id, today, weights, limit=limit, lang=lang, filters=filters).contacts


def scores_for(con: Connection, event_id: str, today: dt.date, contact_ids: Sequence[str],
               lang: str = "en") -> dict[str, RankedContact]:
    """The ranking of some contacts (an outreach list), by contact id; contacts without any reason are missing."""
    if not contact_ids:
        return {}
    found = whom_to_meet(con, event_id, today, load_weights(con), limit=len(contact_ids), lang=lang,
                    only=list(contact_ids))
    return {r.contact_id: r for r in found.contacts}


def scores_rescored(con: Connection, before: Mapping[str, RankedContact], changed: Collection[str], event_id: str,
                    today: dt.date, contact_ids: Sequence[str], lang: str = "en") -> dict[str, RankedContact]:
    """`scores_for` with the same arguments, from `before`, after writes that changed only the `changed` contacts'
    own rows."""
    again = set(changed) & set(contact_ids)
    fresh = scores_for(con, event_id, today, sorted(again), lang)
    return {**{cid: r for cid, r in before.items() if cid not in again}, **fresh}

"""Whom to meet at an event: a score from 0 to 100 per contact, made of visible parts, best first.

One SQL query: each reason scores between 0 and 1 (`p_*` columns) and counts with its weight; the score is the
weighted share of all weights, so 100 means "every reason at its best". Filters (tier, goal, hall, some contacts)
apply before the limit, so every contact is reachable. Names, goal titles and places are looked up only for the
rows returned; netzcore.events.reasons turns each row into short facts and full sentences. The ranking does not
read the outreach list (event_plans): putting someone on it or booking a slot leaves a ranking computed before
valid, and the app keeps it (netzui.data_cache.keeping).

A contact's score reads only that contact's own rows (its log, tier, topics, organisation) and the event's, so after
a logged interaction or a tier change the ranking computed before needs only the changed contacts scored again and
put in their place (`rescored`): a few rows past the page are read for that (`Ranking.following`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from netzcore.db import Connection
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
SPARE_ROWS = 10  # read past the page: the rows that move up when a contact on the page is scored lower


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
    following: tuple[RankedContact, ...] = ()  # the next rows after the page, best first, as far as they were read
    all_read: bool = True            # `following` holds every ranked contact after the page


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

_RANK_SQL = """
WITH event_orgs AS (
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
    -- membership is costly per segment: only the segments of the event's active goals (looked up before)
    SELECT contact_id, list(DISTINCT segment_id) AS segments FROM segment_members_in($segments)
    WHERE ($goal_segments IS NULL OR list_contains($goal_segments, segment_id))
      AND ($only IS NULL OR list_contains($only, contact_id))
    GROUP BY contact_id
), job_change AS (
    -- a new organisation or title observed within the last 365 days, and the latest position
    SELECT contact_id, arg_max(title, observed_on) AS new_title, max(observed_on) AS changed_on
    FROM career_history
    WHERE observed_on <= $today AND ($only IS NULL OR list_contains($only, contact_id))
    GROUP BY contact_id
    HAVING max(observed_on) > $today - 365
       AND min(hash(lower(coalesce(organization, '')), lower(coalesce(title, ''))))
           <> max(hash(lower(coalesce(organization, '')), lower(coalesce(title, ''))))
), activity AS (
    -- one pass over the log: the care clock (as contact_care(today) computes it) and the give-and-take ledger
    SELECT contact_id,
           max(occurred_on) FILTER (WHERE occurred_on <= $today) AS last_on,
           count(*) FILTER (WHERE follow_up_on IS NOT NULL AND NOT follow_up_done) AS open_follow_ups,
           count(*) FILTER (WHERE gave <> '') AS gave_count,
           count(*) FILTER (WHERE received <> '') AS received_count
    FROM interactions
    WHERE $only IS NULL OR list_contains($only, contact_id)  -- a few contacts (an outreach list): their rows only
    GROUP BY contact_id
), shared AS (
    -- topics one by one against the event's topics (one case-insensitive pattern): cheaper than any list function
    SELECT contact_id, count(*) AS shared_topics
    FROM (SELECT id AS contact_id, unnest(topics) AS topic FROM contacts
          WHERE $has_topics AND NOT archived AND ($only IS NULL OR list_contains($only, id)))
    WHERE regexp_full_match(topic, $topic_pattern)
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
    WHERE NOT c.archived AND (len($tiers) = 0 OR list_contains($tiers, c.tier))
      AND ($only IS NULL OR list_contains($only, c.id))
), parts AS (
    SELECT p.contact_id, p.full_name, p.tier, p.cadence_days, a.last_on, eo.exhibitor_role, eo.hall, eo.stand,
           p.same_city, coalesce(a.open_follow_ups, 0) AS open_follow_ups,
           coalesce(a.gave_count, 0) AS gave_count, coalesce(a.received_count, 0) AS received_count,
           CASE p.tier WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.67 WHEN 'C' THEN 0.33 ELSE 0.0 END AS p_tier,
           -- 0 at half the cadence since the clock started (last contact, else added), 1 at twice the cadence
           coalesce(least(greatest(($today - coalesce(a.last_on, p.added_on)) / p.cadence_days - 0.5, 0), 1.5)
                    / 1.5, 0) AS p_overdue,
           CASE WHEN eo.exhibitor_role IS NULL THEN 0.0 ELSE 1.0 END AS p_exhibitor,
           CASE WHEN gh.contact_id IS NULL THEN 0.0 ELSE 1.0 END AS p_goal,
           least(coalesce(sh.shared_topics, 0), 3) / 3 AS p_topics,
           CASE WHEN p.same_city THEN 1.0 ELSE 0.0 END AS p_city,
           least(coalesce(a.open_follow_ups, 0), 2) / 2 AS p_follow_up,
           least(greatest(coalesce(a.received_count, 0) - coalesce(a.gave_count, 0), 0), 3) / 3 AS p_balance,
           CASE WHEN j.contact_id IS NULL THEN 0.0 ELSE 1.0 END AS p_job_change
    FROM people p
    LEFT JOIN activity a ON a.contact_id = p.contact_id
    LEFT JOIN event_orgs eo ON eo.org_id = p.organization_id
    LEFT JOIN goal_hits gh ON gh.contact_id = p.contact_id
    LEFT JOIN job_change j ON j.contact_id = p.contact_id
    LEFT JOIN shared sh ON sh.contact_id = p.contact_id
    WHERE ($hall IS NULL OR eo.hall = $hall) AND ($goal_segments IS NULL OR gh.contact_id IS NOT NULL)
), top AS (
    -- a few rows more than asked for: whether there are more to show, and who moves up (Ranking.following)
    SELECT * FROM (
        SELECT *, 100.0 * ($w_tier * p_tier + $w_overdue * p_overdue + $w_exhibitor * p_exhibitor
                           + $w_goal * p_goal + $w_topics * p_topics + $w_city * p_city
                           + $w_follow_up * p_follow_up + $w_balance * p_balance + $w_job_change * p_job_change)
                     / $w_total AS score
        FROM parts
    ) WHERE score > 0.005
    ORDER BY score DESC, full_name, contact_id
    LIMIT $limit + $spare OFFSET $offset
)
-- Only the rows shown pick up names and words for their reasons.
SELECT top.* EXCLUDE (hall, stand, same_city), coalesce(c.organization_name, o.name, '') AS organization,
       coalesce(c.title, '') AS title,
       gh.segments, j.new_title, j.changed_on,
       coalesce(top.hall, '') AS hall, coalesce(top.stand, '') AS stand,
       regexp_extract_all(chr(31) || array_to_string(c.topics, chr(31) || chr(31)) || chr(31), $topics_pattern, 1)
           AS shared_topics,
       CASE WHEN top.same_city THEN c.city END AS same_city
FROM top
JOIN contacts c ON c.id = top.contact_id
LEFT JOIN organizations o ON o.id = c.organization_id
LEFT JOIN goal_hits gh ON gh.contact_id = top.contact_id
LEFT JOIN job_change j ON j.contact_id = top.contact_id
ORDER BY top.score DESC, top.full_name, top.contact_id
"""

_GOAL_MEMBERS = """    SELECT contact_id, list(DISTINCT segment_id) AS segments FROM segment_members_in($segments)
    WHERE ($goal_segments IS NULL OR list_contains($goal_segments, segment_id))
      AND ($only IS NULL OR list_contains($only, contact_id))
    GROUP BY contact_id"""
_NO_GOAL_MEMBERS = """    SELECT NULL::VARCHAR AS contact_id, NULL::VARCHAR[] AS segments WHERE false"""
assert _GOAL_MEMBERS in _RANK_SQL

# What the query takes from the event as constants: its city and topics as patterns, its goals' segments with the
# titles of the goals each serves.
_EVENT_SQL = """
SELECT e.city, e.topics,
       coalesce((SELECT list({'segment': gs.segment_id, 'goal': g.id, 'title': g.title}
                             ORDER BY lower(g.title), gs.segment_id)
                 FROM event_goals eg JOIN goals g ON g.id = eg.goal_id AND g.status = 'active'
                 JOIN goal_segments gs ON gs.goal_id = g.id WHERE eg.event_id = e.id), [])
FROM events e WHERE e.id = ?
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
) -> Ranking:
    """Whom to meet at the event, best first: one page of the ranked list and how many there are in all.

    `only` restricts the list to some contacts (the schedule and the brief ask for their outreach list); `shared`:
    segment membership computed before (else the goals' segments are matched here)."""
    chosen = {name: clamp_weight(float(value)) for name, value in {**DEFAULT_WEIGHTS, **(weights or {})}.items()
              if name in DEFAULT_WEIGHTS}
    total_weight = sum(chosen.values())
    if total_weight <= 0:
        return Ranking()
    chosen_filter = filters or RankFilter()
    event = con.execute(_EVENT_SQL, [event_id]).fetchone()
    if event is None:
        return Ranking()
    city, topics, links = event
    city_name = " ".join(str(city or "").split())
    titles: dict[str, list[str]] = {}
    for link in links:
        titles.setdefault(link["segment"], []).append(link["title"])
    goal_segments = ([link["segment"] for link in links if link["goal"] == chosen_filter.goal_id]
                     if chosen_filter.goal_id else None)
    params: dict[str, object] = {f"w_{name}": value for name, value in chosen.items()}
    params.update(
        event_id=event_id, today=today, limit=_page_size(limit), offset=max(0, int(offset)), spare=SPARE_ROWS,
        w_total=total_weight, tiers=list(chosen_filter.tiers), goal_segments=goal_segments,
        hall=chosen_filter.hall, only=list(only) if only is not None else None, segments=sorted(titles),
        topics_pattern=_topics_pattern(topics), topic_pattern=_topic_pattern(topics), has_topics=bool(topics), city_pattern=_like_exact(city_name),
        city_length=len(city_name),
    )
    sql = _RANK_SQL if titles else _RANK_SQL.replace(_GOAL_MEMBERS, _NO_GOAL_MEMBERS)  # no goal: no membership
    with member_sql(con, shared if titles else None) as members:
        sql = sql.replace("segment_members_in($segments)", members.in_segments)
        cursor = con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    page = _page_size(limit)
    ranked = []
    for values in rows:
        row = dict(zip(columns, values, strict=True))
        row["goal_titles"] = sorted({t for segment in row["segments"] or () for t in titles.get(segment, ())},
                                    key=str.lower)
        ranked.append(RankedContact(
            contact_id=str(row["contact_id"]), full_name=str(row["full_name"]),
            organization=str(row["organization"]), title=str(row["title"]), score=float(row["score"]),
            parts=score_parts(row, chosen, total_weight, today, lang),
            hall=str(row["hall"]), stand=str(row["stand"]),
        ))
    return Ranking(ranked[:page], len(ranked) > page, tuple(ranked[page:]), len(rows) < page + SPARE_ROWS)


def _order(ranked: RankedContact) -> tuple[float, str, str]:
    """The query's order: score best first, then name and id."""
    return -ranked.score, ranked.full_name, ranked.contact_id


def placed_again(before: Ranking, changed: Collection[str], fresh: Sequence[RankedContact], page: int) -> Ranking | None:
    """`before` with the `changed` contacts taken out and their `fresh` rows put in their place. A fresh row that
    sorts after every row read stays unread (it may follow unread rows); None when the page would need such rows."""
    gone = set(changed)
    known = [r for r in (*before.contacts, *before.following) if r.contact_id not in gone]
    if before.all_read:
        rows = sorted([*known, *fresh], key=_order)
    elif known:
        last = _order(known[-1])
        rows = sorted([*known, *(r for r in fresh if _order(r) < last)], key=_order)
    else:
        return None
    if len(rows) <= page and not before.all_read:
        return None
    return Ranking(rows[:page], len(rows) > page, tuple(rows[page:]), before.all_read)


def rescored(
    con: Connection,
    before: Ranking,
    changed: Collection[str],
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
) -> Ranking | None:
    """`whom_to_meet` with the same arguments, from `before`, after writes that changed only the `changed`
    contacts' own rows (a logged interaction, a tier): they are scored again and put in their place. None when
    that cannot tell the page (a later page, or too many rows of the page fell behind those read)."""
    again = sorted(set(changed) & set(only) if only is not None else set(changed))
    if not again:
        return before
    if offset:
        return None
    fresh = whom_to_meet(con, event_id, today, weights, limit=len(again), lang=lang, only=again, filters=filters,
                         shared=shared)
    return placed_again(before, again, fresh.contacts, _page_size(limit))


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

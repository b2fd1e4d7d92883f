"""Events and trade fairs: whom to meet there and why, outreach, coffee slots, calendar, brief and debrief.

The ranking is one SQL query over the contacts' care clock (as `contact_care(today)`), the members of the event's
goal segments (`segment_members_in`), the event's exhibitor list and the interaction log; Python only turns the few returned rows' facts into reasons in the user's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from netzcore.contacts import TIERS
from netzcore.db import Connection, transaction
from netzcore.exporters.ical import CalendarEntry, calendar_bytes
from netzcore.i18n import format_date, translate
from netzcore.interactions import NewInteraction, clean_topics, log_interaction
from netzcore.organizations import ensure_organizations, normalize_org_name
from netzcore.profile import get_profile
from netzcore.user_error import UserError

EVENT_KINDS = ("trade_fair", "conference", "talk", "association", "sports", "other")
PLAN_STATUSES = ("to_ask", "asked", "confirmed", "met", "followed_up", "declined")
DRAFT_CHANNELS = ("email", "linkedin", "xing")
EXHIBITOR_ROLES = ("exhibitor", "participant", "speaker")
MEETING_STATUSES = ("confirmed", "met", "followed_up")  # slots that go into the calendar and the brief
WEIGHTS_KEY = "events.ranking_weights"
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


class EventError(UserError):
    """A user mistake in event data."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDraft:
    """What the user typed for a new or edited event."""

    name: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    city: str = ""
    venue: str = ""
    topics: tuple[str, ...] = ()
    url: str = ""
    notes: str = ""
    goal_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(EventDraft):
    id: str


@dataclass(frozen=True, slots=True)
class ExhibitorEntry:
    name: str
    booth: str = ""


@dataclass(frozen=True, slots=True)
class ExhibitorReport:
    read: int
    added: int
    matched: int          # added names whose organisation is in my network
    already_listed: int


@dataclass(frozen=True, slots=True)
class Exhibitor:
    name: str
    role: str
    booth: str
    organization: str | None
    contacts: int          # my active contacts working there


@dataclass(frozen=True, slots=True)
class RankedContact:
    contact_id: str
    full_name: str
    organization: str
    title: str
    score: float
    reasons: tuple[str, ...]
    plan_status: str | None


@dataclass(frozen=True, slots=True)
class TargetGap:
    """A target segment's organisation present at the event where I know nobody at the wanted level yet."""

    segment: str
    organization: str
    booth: str
    levels: tuple[str, ...]
    bridges: tuple[str, ...]


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


@dataclass(frozen=True, slots=True)
class MeetingLog:
    """One debriefed meeting: becomes an interaction (channel 'event', in person)."""

    contact_id: str
    occurred_on: dt.date
    topics: tuple[str, ...] = ()
    hooks: str = ""
    gave: str = ""
    received: str = ""
    follow_up_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MetContact:
    contact_id: str
    full_name: str
    created: bool          # false: the email address found a contact I already had


@dataclass(frozen=True, slots=True)
class NewContact:
    full_name: str
    organization: str = ""
    title: str = ""
    email: str = ""
    city: str = ""
    tier: str = "C"


# --- events -----------------------------------------------------------------------------------------------------


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


def update_event(con: Connection, event_id: str, draft: EventDraft) -> None:
    _validate(draft)
    with transaction(con):
        con.execute(
            "UPDATE events SET name = ?, kind = ?, starts_on = ?, ends_on = ?, city = ?, venue = ?, topics = ?, "
            "url = ?, notes = ? WHERE id = ?",
            [*_event_values(draft), event_id],
        )
        _link_goals(con, event_id, draft.goal_ids)


_EVENT_COLUMNS = (
    "e.id, e.name, e.kind, e.starts_on, e.ends_on, coalesce(e.city, ''), coalesce(e.venue, ''), e.topics, "
    "coalesce(e.url, ''), coalesce(e.notes, ''), "
    "coalesce((SELECT list(goal_id ORDER BY goal_id) FROM event_goals g WHERE g.event_id = e.id), [])"
)


def _event(row: Sequence[object]) -> Event:
    return Event(
        id=str(row[0]), name=str(row[1]), kind=str(row[2]), starts_on=row[3], ends_on=row[4],  # type: ignore[arg-type]
        city=str(row[5]), venue=str(row[6]), topics=tuple(row[7]), url=str(row[8]),  # type: ignore[arg-type]
        notes=str(row[9]), goal_ids=tuple(row[10]),  # type: ignore[arg-type]
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


# --- exhibitor and participant lists ----------------------------------------------------------------------------

_NAME_HEADERS = {
    "name", "company", "company name", "exhibitor", "exhibitor name", "organisation", "organization",
    "organisation name", "organization name", "firma", "firmenname", "aussteller", "unternehmen", "teilnehmer",
    "participant", "institution",
}
_BOOTH_HEADERS = {"booth", "stand", "standnummer", "halle/stand", "hall/booth", "stand no", "booth number"}


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _header_key(cell: str) -> str:
    return " ".join(cell.strip().strip('"').casefold().replace("_", " ").split())


def parse_exhibitor_list(text: str) -> list[ExhibitorEntry]:
    """A CSV with a name column (detected by its header), else one name per line; duplicates dropped."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    entries: list[ExhibitorEntry] = []
    table = _csv_rows(lines)
    if table is not None:
        name_col, booth_col, rows = table
        for row in rows:
            if len(row) > name_col:
                booth = row[booth_col].strip() if booth_col is not None and len(row) > booth_col else ""
                entries.append(ExhibitorEntry(row[name_col].strip(), booth))
    else:
        entries = [ExhibitorEntry(line.strip().strip('"').strip()) for line in lines]
    unique: dict[str, ExhibitorEntry] = {}
    for entry in entries:
        key = normalize_org_name(entry.name)
        if key and key not in unique:
            unique[key] = entry
    return list(unique.values())


def _csv_rows(lines: list[str]) -> tuple[int, int | None, list[list[str]]] | None:
    for delimiter in (";", ",", "\t", "|"):
        if delimiter not in lines[0]:
            continue
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        header = [_header_key(cell) for cell in rows[0]]
        name_col = next((i for i, h in enumerate(header) if h in _NAME_HEADERS), None)
        if name_col is None:
            continue
        booth_col = next((i for i, h in enumerate(header) if h in _BOOTH_HEADERS), None)
        return name_col, booth_col, rows[1:]
    return None


def import_exhibitors(
    con: Connection, event_id: str, entries: Sequence[ExhibitorEntry], role: str = "exhibitor"
) -> ExhibitorReport:
    """Add names to the event's list, matched to organisations by normalised name or alias; unknown ones stay."""
    if role not in EXHIBITOR_ROLES:
        raise EventError("events.error_role", role=role)
    names = [e.name for e in entries]
    keys = [normalize_org_name(e.name) for e in entries]
    booths = [e.booth or None for e in entries]
    with transaction(con):
        added = con.execute(
            """
            INSERT INTO exhibitors (event_id, name, normalized_name, organization_id, role, booth)
            WITH incoming AS (
                SELECT unnest(?) AS name, unnest(?) AS key, unnest(?) AS booth
            ), known AS (
                SELECT key, min(organization_id) AS org_id FROM organization_keys() GROUP BY key
            )
            SELECT DISTINCT ON (i.key) ?, i.name, i.key, k.org_id, ?, i.booth
            FROM incoming i LEFT JOIN known k USING (key)
            WHERE i.key <> '' AND i.key NOT IN (SELECT normalized_name FROM exhibitors WHERE event_id = ?)
            RETURNING organization_id
            """,
            [names, keys, booths, event_id, role, event_id],
        ).fetchall()
    matched = sum(1 for (org_id,) in added if org_id is not None)
    return ExhibitorReport(read=len(entries), added=len(added), matched=matched,
                           already_listed=len(entries) - len(added))


def list_exhibitors(con: Connection, event_id: str) -> list[Exhibitor]:
    rows = con.execute(
        """
        SELECT x.name, x.role, coalesce(x.booth, ''), o.name,
               (SELECT count(*) FROM contacts c WHERE c.organization_id = x.organization_id AND NOT c.archived)
        FROM exhibitors x LEFT JOIN organizations o ON o.id = x.organization_id
        WHERE x.event_id = ? ORDER BY x.organization_id IS NULL, lower(x.name)
        """,
        [event_id],
    ).fetchall()
    return [Exhibitor(str(r[0]), str(r[1]), str(r[2]), r[3], int(r[4])) for r in rows]


def remove_exhibitors(con: Connection, event_id: str) -> None:
    con.execute("DELETE FROM exhibitors WHERE event_id = ?", [event_id])


# --- ranking weights --------------------------------------------------------------------------------------------


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
                if name in weights and isinstance(value, int | float):
                    weights[name] = _clamp_weight(float(value))
    return weights


def _clamp_weight(value: float) -> float:
    return max(0.0, min(MAX_WEIGHT, value))


def save_weights(con: Connection, weights: Mapping[str, float]) -> None:
    clean = {name: _clamp_weight(float(weights.get(name, default))) for name, default in DEFAULT_WEIGHTS.items()}
    con.execute(
        "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [WEIGHTS_KEY, json.dumps(clean, sort_keys=True)],
    )


# --- whom to meet -----------------------------------------------------------------------------------------------

# Each part scores 0..1 and is multiplied by its weight; the sum is the score. Lists and names are looked up only
# for the rows shown, so the 20,000-row part of the plan stays narrow.
_RANK_SQL = """
WITH ev AS (
    SELECT id, lower(trim(coalesce(city, ''))) AS city_key, [lower(t) FOR t IN topics] AS topic_keys
    FROM events WHERE id = $event_id
), event_orgs AS (
    SELECT org_id, arg_min(role, role_rank) AS exhibitor_role
    FROM (
        SELECT coalesce(x.organization_id, k.organization_id) AS org_id, x.role,
               CASE x.role WHEN 'exhibitor' THEN 1 WHEN 'speaker' THEN 2 ELSE 3 END AS role_rank
        FROM exhibitors x LEFT JOIN organization_keys() k ON k.key = x.normalized_name
        WHERE x.event_id = $event_id
    ) WHERE org_id IS NOT NULL
    GROUP BY org_id
), goal_members AS MATERIALIZED (
    -- Membership is costly per segment: only the segments of the event's active goals, whose members all are hits.
    SELECT segment_id, contact_id FROM segment_members_in((
        SELECT coalesce(list(DISTINCT gs.segment_id), []) FROM event_goals eg
        JOIN goals g ON g.id = eg.goal_id AND g.status = 'active'
        JOIN goal_segments gs ON gs.goal_id = g.id
        WHERE eg.event_id = $event_id))
), goal_hits AS (
    SELECT DISTINCT contact_id FROM goal_members
), latest_position AS (
    SELECT contact_id, arg_max(organization, observed_on) AS organization, arg_max(title, observed_on) AS title,
           max(observed_on) AS observed_on
    FROM career_history
    WHERE observed_on <= $today
    GROUP BY contact_id
    HAVING max(observed_on) > $today - INTERVAL 365 DAY
), job_change AS (
    SELECT * FROM latest_position l
    WHERE EXISTS (
        SELECT 1 FROM career_history h
        WHERE h.contact_id = l.contact_id AND h.observed_on < l.observed_on
          AND (lower(coalesce(h.organization, '')) <> lower(coalesce(l.organization, ''))
               OR lower(coalesce(h.title, '')) <> lower(coalesce(l.title, '')))
    )
), activity AS (
    -- One pass over the interactions for the care clock and the give-and-take ledger (contact_care(today) would
    -- scan them a second time); people below computes days_overdue exactly as contact_care does (141).
    SELECT contact_id,
           max(occurred_on) FILTER (WHERE occurred_on <= $today) AS last_on,
           count(*) FILTER (WHERE follow_up_on IS NOT NULL AND NOT follow_up_done) AS open_follow_ups,
           count(*) FILTER (WHERE gave <> '') AS gave_count,
           count(*) FILTER (WHERE received <> '') AS received_count
    FROM interactions
    GROUP BY contact_id
), people AS (
    SELECT c.id AS contact_id, c.full_name, c.organization_id, c.tier,
           coalesce(c.cadence_days, tc.cadence_days) AS cadence_days,
           a.last_on AS last_interaction_on,
           $today - (coalesce(a.last_on, c.first_due_on - coalesce(c.cadence_days, tc.cadence_days),
                              CAST(c.created_at AS DATE)) + coalesce(c.cadence_days, tc.cadence_days))
               AS days_overdue,
           coalesce(a.open_follow_ups, 0) AS open_follow_ups,
           coalesce(a.gave_count, 0) AS gave_count,
           coalesce(a.received_count, 0) AS received_count,
           len([t FOR t IN c.topics IF list_contains(ev.topic_keys, lower(t))]) AS shared_topics,
           ev.city_key <> '' AND lower(trim(c.city)) = ev.city_key AS same_city
    FROM contacts c
    JOIN tier_cadence tc ON tc.tier = c.tier
    LEFT JOIN activity a ON a.contact_id = c.id
    CROSS JOIN ev
    WHERE NOT c.archived
), scored AS (
    SELECT p.contact_id, p.full_name, p.tier, p.cadence_days, p.last_interaction_on, eo.exhibitor_role,
           p.same_city, p.open_follow_ups, p.gave_count, p.received_count,
           $w_tier * CASE p.tier WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.67 WHEN 'C' THEN 0.33 ELSE 0.0 END
         + $w_overdue * coalesce(
               least(greatest((p.days_overdue + p.cadence_days) / p.cadence_days - 0.5, 0), 1.5) / 1.5, 0)
         + $w_exhibitor * CASE WHEN eo.exhibitor_role IS NULL THEN 0 ELSE 1 END
         + $w_goal * CASE WHEN gh.contact_id IS NULL THEN 0 ELSE 1 END
         + $w_topics * least(p.shared_topics, 3) / 3
         + $w_city * CASE WHEN p.same_city THEN 1 ELSE 0 END
         + $w_follow_up * least(p.open_follow_ups, 2) / 2
         + $w_balance * least(greatest(p.received_count - p.gave_count, 0), 3) / 3
         + $w_job_change * CASE WHEN j.contact_id IS NULL THEN 0 ELSE 1 END
           AS score
    FROM people p
    LEFT JOIN event_orgs eo ON eo.org_id = p.organization_id
    LEFT JOIN goal_hits gh ON gh.contact_id = p.contact_id
    LEFT JOIN job_change j ON j.contact_id = p.contact_id
), top AS (
    SELECT * REPLACE (round(score, 1) AS score) FROM scored
    WHERE score > 0
    ORDER BY score DESC, full_name, contact_id
    LIMIT $limit
), goal_titles AS (
    SELECT m.contact_id, list(DISTINCT g.title ORDER BY g.title) AS goal_titles
    FROM top
    JOIN goal_members m ON m.contact_id = top.contact_id
    JOIN goal_segments gs ON gs.segment_id = m.segment_id
    JOIN goals g ON g.id = gs.goal_id AND g.status = 'active'
    JOIN event_goals eg ON eg.goal_id = g.id AND eg.event_id = $event_id
    GROUP BY m.contact_id
)
-- Only the rows shown pick up the words and names for their reasons.
SELECT top.contact_id, top.full_name, coalesce(c.organization_name, o.name, '') AS organization, coalesce(c.title, '') AS title,
       top.score, pl.status AS plan_status,
       top.tier, top.cadence_days, top.last_interaction_on, top.exhibitor_role, gt.goal_titles,
       [t FOR t IN c.topics IF list_contains(ev.topic_keys, lower(t))] AS shared_topics,
       CASE WHEN top.same_city THEN c.city END AS same_city,
       top.open_follow_ups, top.gave_count, top.received_count,
       j.organization AS new_organization, j.title AS new_title, j.observed_on AS changed_on
FROM top
CROSS JOIN ev
JOIN contacts c ON c.id = top.contact_id
LEFT JOIN organizations o ON o.id = c.organization_id
LEFT JOIN goal_titles gt ON gt.contact_id = top.contact_id
LEFT JOIN job_change j ON j.contact_id = top.contact_id
LEFT JOIN event_plans pl ON pl.contact_id = top.contact_id AND pl.event_id = ev.id
ORDER BY top.score DESC, top.full_name, top.contact_id
"""


def rank_contacts_for_event(
    con: Connection,
    event_id: str,
    today: dt.date,
    weights: Mapping[str, float] | None = None,
    limit: int = 50,
    lang: str = "en",
) -> list[RankedContact]:
    """Whom to meet at the event, best first, with a score and the reasons in `lang` (one SQL query)."""
    chosen = {**DEFAULT_WEIGHTS, **(weights or {})}
    params: dict[str, object] = {f"w_{name}": float(chosen[name]) for name in DEFAULT_WEIGHTS}
    params.update(event_id=event_id, today=today, limit=max(0, int(limit)))
    cursor = con.execute(_RANK_SQL, params)
    columns = [d[0] for d in cursor.description or []]
    ranked = []
    for values in cursor.fetchall():
        row = dict(zip(columns, values, strict=True))
        ranked.append(RankedContact(
            contact_id=row["contact_id"], full_name=row["full_name"], organization=row["organization"],
            title=row["title"], score=float(row["score"]), reasons=tuple(_reasons(row, today, lang)),
            plan_status=row["plan_status"],
        ))
    return ranked


def _reasons(row: Mapping[str, object], today: dt.date, lang: str) -> list[str]:
    reasons = [_care_reason(row, today, lang)]
    if row["exhibitor_role"]:
        reasons.append(translate(lang, f"events.reason_{row['exhibitor_role']}", name=row["organization"]))
    if row["goal_titles"]:
        goals = "', '".join(row["goal_titles"])  # type: ignore[arg-type]
        reasons.append(translate(lang, "events.reason_goal", goals=goals))
    if row["shared_topics"]:
        reasons.append(translate(lang, "events.reason_topics", topics=", ".join(row["shared_topics"])))  # type: ignore[arg-type]
    if row["same_city"]:
        reasons.append(translate(lang, "events.reason_city", city=row["same_city"]))
    open_follow_ups = int(row["open_follow_ups"])  # type: ignore[call-overload]
    if open_follow_ups:
        reasons.append(translate(lang, "events.reason_follow_ups", count=open_follow_ups))
    gave, received = int(row["gave_count"]), int(row["received_count"])  # type: ignore[call-overload]
    if received > gave:
        reasons.append(translate(lang, "events.reason_balance", gave=gave, received=received))
    if row["changed_on"]:
        position = " · ".join(str(p) for p in (row["new_title"], row["new_organization"]) if p)
        reasons.append(translate(
            lang, "events.reason_job_change", position=position,
            date=format_date(row["changed_on"], lang),  # type: ignore[arg-type]
        ))
    return reasons


def _care_reason(row: Mapping[str, object], today: dt.date, lang: str) -> str:
    """"A contact, 95 days since the last meeting (cadence 60)"."""
    last = row["last_interaction_on"]
    if last is None:
        since = translate(lang, "events.since_never")
    else:
        days = (today - last).days  # type: ignore[operator]
        since = translate(lang, "events.since_one_day" if days == 1 else "events.since_days", days=days)
    if row["cadence_days"] is None:
        return translate(lang, "events.reason_tier", tier=row["tier"], since=since)
    return translate(lang, "events.reason_tier_cadence", tier=row["tier"], since=since, cadence=row["cadence_days"])


# --- people I should get to know there --------------------------------------------------------------------------

_GAPS_SQL = """
WITH present AS (
    SELECT s.id AS segment_id, s.name AS segment, s.levels, s.priority, x.name AS organization,
           coalesce(x.booth, '') AS booth, x.normalized_name AS key
    FROM segments s
    JOIN exhibitors x ON list_contains(s.organization_keys, x.normalized_name)
    WHERE x.event_id = ?
), staff AS (
    SELECT k.key, c.id AS contact_id, c.full_name, c.hierarchy_level
    FROM organization_keys() k JOIN contacts c ON c.organization_id = k.organization_id AND NOT c.archived
    WHERE k.key IN (SELECT key FROM present)
), alumni AS (
    SELECT DISTINCT p.key, c.id AS contact_id, c.full_name
    FROM career_history h
    JOIN contacts c ON c.id = h.contact_id AND NOT c.archived
    JOIN (SELECT DISTINCT key FROM present) p
      ON p.key = trim(regexp_replace(
             regexp_replace(lower(trim(h.organization)), '[\\s,]+(gmbh|ag|se|kg|inc|ltd|llc|plc)\\.?$', ''),
             '[^\\pL\\pN_&+]+', ' ', 'g'))
), knows AS (
    SELECT contact_a AS contact_id, contact_b AS other FROM relationships
    UNION ALL
    SELECT contact_b, contact_a FROM relationships
), related AS (
    SELECT s.key, c.id AS contact_id, c.full_name
    FROM staff s
    JOIN knows k ON k.contact_id = s.contact_id
    JOIN contacts c ON c.id = k.other AND NOT c.archived
), bridges AS (
    SELECT key, list(DISTINCT full_name ORDER BY full_name) AS names FROM (
        SELECT key, full_name FROM staff
        UNION ALL SELECT key, full_name FROM alumni
        UNION ALL SELECT key, full_name FROM related
    ) GROUP BY key
)
SELECT p.segment, p.organization, p.booth, p.levels, coalesce(b.names, [])
FROM present p
LEFT JOIN bridges b USING (key)
WHERE NOT EXISTS (
    SELECT 1 FROM staff s
    WHERE s.key = p.key AND s.hierarchy_level IS NOT NULL AND list_contains(p.levels, s.hierarchy_level)
)
ORDER BY p.priority, p.segment, lower(p.organization)
"""


def target_gaps(con: Connection, event_id: str) -> list[TargetGap]:
    """Target organisations at the event where I know nobody at a wanted hierarchy level, with bridges in.

    Bridges: my contacts who work there at another level, used to work there (career history), or know
    someone who works there (relationships).
    """
    rows = con.execute(_GAPS_SQL, [event_id]).fetchall()
    return [TargetGap(str(r[0]), str(r[1]), str(r[2]), tuple(r[3]), tuple(r[4])) for r in rows]


# --- outreach pipeline ------------------------------------------------------------------------------------------


def add_to_plan(con: Connection, event_id: str, contact_ids: Sequence[str]) -> int:
    """Put contacts on the event's outreach list (status 'to ask'); returns how many were new."""
    if not contact_ids:
        return 0
    with transaction(con):
        row = con.execute(
            "INSERT INTO event_plans (event_id, contact_id) SELECT ?, cid FROM (SELECT DISTINCT unnest(?) AS cid) "
            "WHERE cid NOT IN (SELECT contact_id FROM event_plans WHERE event_id = ?) RETURNING 1",
            [event_id, list(contact_ids), event_id],
        ).fetchall()
    return len(row)


def set_plan_status(con: Connection, event_id: str, contact_id: str, status: str) -> None:
    if status not in PLAN_STATUSES:
        raise EventError("events.error_status", status=status)
    con.execute(
        "UPDATE event_plans SET status = ?, updated_at = now() WHERE event_id = ? AND contact_id = ?",
        [status, event_id, contact_id],
    )


def set_talking_points(con: Connection, event_id: str, contact_id: str, talking_points: str) -> None:
    con.execute(
        "UPDATE event_plans SET talking_points = ?, updated_at = now() "
        "WHERE event_id = ? AND contact_id = ?",
        [talking_points.strip() or None, event_id, contact_id],
    )


def remove_from_plan(con: Connection, event_id: str, contact_id: str) -> None:
    con.execute("DELETE FROM event_plans WHERE event_id = ? AND contact_id = ?", [event_id, contact_id])


def list_plan(con: Connection, event_id: str) -> list[PlanEntry]:
    """The event's outreach list: slots in time order first, then by status and name."""
    rows = con.execute(
        """
        WITH last_hooks AS (
            SELECT contact_id, arg_max(hooks, occurred_on) AS hooks
            FROM interactions
            WHERE trim(coalesce(hooks, '')) <> ''
              AND contact_id IN (SELECT contact_id FROM event_plans WHERE event_id = $event_id)
            GROUP BY contact_id
        )
        SELECT p.contact_id, c.full_name, coalesce(c.organization_name, o.name, ''), coalesce(c.title, ''), p.status,
               p.slot_start, p.slot_end, coalesce(p.place, ''), coalesce(p.talking_points, ''),
               coalesce(h.hooks, ''), p.interaction_id
        FROM event_plans p
        JOIN contacts c ON c.id = p.contact_id
        LEFT JOIN organizations o ON o.id = c.organization_id
        LEFT JOIN last_hooks h ON h.contact_id = p.contact_id
        WHERE p.event_id = $event_id
        ORDER BY p.slot_start NULLS LAST,
                 list_position(['confirmed', 'asked', 'to_ask', 'met', 'followed_up', 'declined'], p.status),
                 c.full_name
        """,
        {"event_id": event_id},
    ).fetchall()
    return [
        PlanEntry(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], r[6], str(r[7]), str(r[8]),
                  str(r[9]), r[10])
        for r in rows
    ]


def plan_counts(plan: Iterable[PlanEntry]) -> dict[str, int]:
    """How many contacts are at each outreach status, in pipeline order."""
    counts = dict.fromkeys(PLAN_STATUSES, 0)
    for entry in plan:
        counts[entry.status] += 1
    return counts


# --- message drafts ---------------------------------------------------------------------------------------------


def draft_message(event: Event, entry: PlanEntry, channel: str, lang: str, my_name: str = "") -> str:
    """A short, personal request in `lang`: are you at the event, time for a coffee; picks up the last hooks."""
    if channel not in DRAFT_CHANNELS:
        raise EventError("events.error_channel", channel=channel)
    dates = date_range(event, lang)
    parts = [translate(lang, "events.draft_greeting", name=entry.full_name)]
    if entry.last_hooks:
        parts.append(translate(lang, "events.draft_hooks", hooks=entry.last_hooks.strip().rstrip(".")))
    where = translate(lang, "events.draft_where", city=event.city) if event.city else ""
    ask = "events.draft_ask_fair" if event.kind == "trade_fair" else "events.draft_ask"
    parts.append(translate(lang, ask, event=event.name, dates=dates, where=where))
    if not my_name.strip():
        parts.append(translate(lang, "events.draft_close_anonymous"))
    elif channel == "email":
        parts.append(translate(lang, "events.draft_close_email", me=my_name.strip()))
    else:
        parts.append(translate(lang, "events.draft_close_short", me=my_name.strip()))
    text = "\n\n".join(parts)
    return translate(lang, "events.draft_subject", event=event.name) + "\n\n" + text if channel == "email" else text


def date_range(event: Event, lang: str) -> str:
    if event.starts_on == event.ends_on:
        return format_date(event.starts_on, lang)
    return f"{format_date(event.starts_on, lang)} – {format_date(event.ends_on, lang)}"


def my_name(con: Connection) -> str:
    return get_profile(con).full_name


# --- coffee slots and the day plan ------------------------------------------------------------------------------


def set_slot(
    con: Connection, event_id: str, contact_id: str, start: dt.datetime, end: dt.datetime, place: str = ""
) -> None:
    """Book a coffee slot; refuses an end before the start, a day outside the event, and any overlap."""
    if end <= start:
        raise EventError("events.error_slot_order")
    event = get_event(con, event_id)
    if event is None:
        raise EventError("events.error_no_event", event=event_id)
    if not (event.starts_on <= start.date() <= event.ends_on):
        raise EventError("events.error_slot_day", first=event.starts_on, last=event.ends_on)
    with transaction(con):
        clash = con.execute(
            """
            SELECT c.full_name, p.slot_start, p.slot_end FROM event_plans p JOIN contacts c ON c.id = p.contact_id
            WHERE p.slot_start < ? AND p.slot_end > ? AND NOT (p.event_id = ? AND p.contact_id = ?)
              AND p.status <> 'declined'
            ORDER BY p.slot_start LIMIT 1
            """,
            [end, start, event_id, contact_id],
        ).fetchone()
        if clash:
            raise EventError(
                "events.error_slot_overlap", name=clash[0],
                start=f"{clash[1]:%H:%M}", end=f"{clash[2]:%H:%M}", day=clash[1].date(),
            )
        con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status, slot_start, slot_end, place) "
            "VALUES (?, ?, 'confirmed', ?, ?, ?) ON CONFLICT (event_id, contact_id) DO UPDATE SET "
            "slot_start = excluded.slot_start, slot_end = excluded.slot_end, place = excluded.place, "
            "status = CASE WHEN event_plans.status IN ('to_ask', 'asked') THEN 'confirmed' "
            "ELSE event_plans.status END, updated_at = now()",
            [event_id, contact_id, start, end, place.strip() or None],
        )


def day_plan(plan: Iterable[PlanEntry]) -> dict[dt.date, list[PlanEntry]]:
    """Booked slots per day, in time order (declined ones left out); `plan` as `list_plan` returns it."""
    days: dict[dt.date, list[PlanEntry]] = {}
    for entry in sorted((e for e in plan if e.slot_start is not None and e.status != "declined"),
                        key=lambda e: e.slot_start or dt.datetime.min):
        assert entry.slot_start is not None
        days.setdefault(entry.slot_start.date(), []).append(entry)
    return days


# --- calendar and brief -----------------------------------------------------------------------------------------


def event_calendar(con: Connection, event_id: str, lang: str, plan: Sequence[PlanEntry] | None = None) -> bytes:
    """The event as an all-day entry plus each confirmed (or held) meeting with its slot, as .ics bytes.

    `plan` is the event's `list_plan` when the caller has it already."""
    event = get_event(con, event_id)
    if event is None:
        raise EventError("events.error_no_event", event=event_id)
    location = ", ".join(p for p in (event.venue, event.city) if p)
    entries = [CalendarEntry(
        uid=f"netz-event-{event.id}", summary=event.name, start=event.starts_on,
        end=event.ends_on + dt.timedelta(days=1), description=event.url or event.notes, location=location,
    )]
    for meeting in _meetings(list_plan(con, event_id) if plan is None else plan):
        assert meeting.slot_start is not None
        description = "\n".join(p for p in (
            meeting.organization, meeting.title,
            translate(lang, "events.brief_hooks", hooks=meeting.last_hooks) if meeting.last_hooks else "",
            meeting.talking_points,
        ) if p)
        entries.append(CalendarEntry(
            uid=f"netz-meeting-{event.id}-{meeting.contact_id}",
            summary=translate(lang, "events.ics_meeting", name=meeting.full_name, event=event.name),
            start=meeting.slot_start, end=meeting.slot_end, description=description,
            location=meeting.place or location, alarm_before=dt.timedelta(minutes=15),
        ))
    return calendar_bytes(entries, event.name)


def _meetings(plan: Sequence[PlanEntry]) -> list[PlanEntry]:
    return [e for e in plan if e.slot_start is not None and e.status in MEETING_STATUSES]


def event_brief(con: Connection, event_id: str, lang: str, plan: Sequence[PlanEntry] | None = None) -> str:
    """A one-page plain-text brief: where and when, my elevator pitch, the event's topics, each meeting."""
    event = get_event(con, event_id)
    if event is None:
        raise EventError("events.error_no_event", event=event_id)
    lines = [event.name, "=" * len(event.name), ""]
    lines.append(translate(lang, "events.brief_when", dates=date_range(event, lang)))
    where = ", ".join(p for p in (event.venue, event.city) if p)
    if where:
        lines.append(translate(lang, "events.brief_where", where=where))
    if event.url:
        lines.append(event.url)
    lines += ["", translate(lang, "events.brief_pitch_title"), _pitch(con, lang), ""]
    if event.topics:
        lines += [translate(lang, "events.brief_topics_title"), *[f"- {t}" for t in event.topics], ""]
    lines.append(translate(lang, "events.brief_meetings_title"))
    planned = [e for e in (list_plan(con, event_id) if plan is None else plan) if e.status != "declined"]
    if not planned:
        lines.append(translate(lang, "events.brief_no_meetings"))
    for entry in planned:
        lines.append("")
        when = (f"{format_date(entry.slot_start.date(), lang)} {entry.slot_start:%H:%M}"
                f"–{entry.slot_end:%H:%M}" if entry.slot_start and entry.slot_end
                else translate(lang, f"common.plan_status.{entry.status}"))
        who = ", ".join(p for p in (entry.full_name, entry.title, entry.organization) if p)
        lines.append(f"{when}  {who}")
        if entry.place:
            lines.append("  " + translate(lang, "events.brief_place", place=entry.place))
        if entry.last_hooks:
            lines.append("  " + translate(lang, "events.brief_hooks", hooks=entry.last_hooks))
        if entry.talking_points:
            lines.append("  " + translate(lang, "events.brief_talking_points", points=entry.talking_points))
    return "\n".join(lines).rstrip() + "\n"


def _pitch(con: Connection, lang: str) -> str:
    row = con.execute(
        "SELECT full_name, activity, value_proposition, elevator_pitch FROM profile WHERE id = 1"
    ).fetchone()
    if not row:
        return translate(lang, "events.brief_no_pitch")
    name, activity, value, pitch = (str(v or "").strip() for v in row)
    if pitch:
        return pitch
    parts = [p for p in (name, activity, value) if p]
    return " – ".join(parts) if parts else translate(lang, "events.brief_no_pitch")


# --- debrief ----------------------------------------------------------------------------------------------------


def log_meeting(con: Connection, event_id: str, meeting: MeetingLog) -> str:
    """The debrief of one meeting: an in-person 'event' interaction; the plan entry moves to 'met'."""
    with transaction(con):
        interaction_id = log_interaction(con, NewInteraction(
            meeting.contact_id, meeting.occurred_on, "event", in_person=True,
            topics=meeting.topics, hooks=meeting.hooks, gave=meeting.gave,
            received=meeting.received, follow_up_on=meeting.follow_up_on, notes=meeting.notes, event_id=event_id,
        ))
        con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status, interaction_id) VALUES (?, ?, 'met', ?) "
            "ON CONFLICT (event_id, contact_id) DO UPDATE SET status = CASE WHEN event_plans.status = "
            "'followed_up' THEN 'followed_up' ELSE 'met' END, interaction_id = excluded.interaction_id, "
            "updated_at = now()",
            [event_id, meeting.contact_id, interaction_id],
        )
        con.execute("UPDATE events SET debriefed_at = now() WHERE id = ?", [event_id])
    return interaction_id


def add_contact_met(con: Connection, event_id: str, person: NewContact) -> MetContact:
    """Someone new met at the event: a contact (how met = the event) on the event's list as 'met'.

    An email address already in my network finds that contact instead of creating a duplicate."""
    event = get_event(con, event_id)
    if event is None:
        raise EventError("events.error_no_event", event=event_id)
    name = " ".join(person.full_name.split())
    if not name:
        raise EventError("events.error_contact_name")
    if person.tier not in TIERS:
        raise EventError("events.error_tier", tier=person.tier)
    email = person.email.strip().lower()
    with transaction(con):
        known = con.execute(
            "SELECT c.id, c.full_name FROM contact_identities i JOIN contacts c ON c.id = i.contact_id "
            "WHERE i.kind = 'email' AND i.value = ? AND NOT c.archived ORDER BY c.created_at LIMIT 1",
            [email],
        ).fetchone() if email else None
        if known:
            met = MetContact(str(known[0]), str(known[1]), created=False)
        else:
            met = MetContact(_insert_contact(con, person, name, email, event.name), name, created=True)
        con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status) VALUES (?, ?, 'met') "
            "ON CONFLICT (event_id, contact_id) DO UPDATE SET status = 'met', updated_at = now()",
            [event_id, met.contact_id],
        )
    return met


def _insert_contact(con: Connection, person: NewContact, name: str, email: str, how_met: str) -> str:
    org_ids = ensure_organizations(con, [person.organization]) if person.organization.strip() else {}
    row = con.execute(
        "INSERT INTO contacts (full_name, organization_id, title, emails, city, tier, how_met, sources) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ['manual']) RETURNING id",
        [name, org_ids.get(person.organization.strip()), person.title.strip() or None, [email] if email else [],
         person.city.strip() or None, person.tier, how_met],
    ).fetchone()
    assert row is not None
    if email:
        con.execute(
            "INSERT INTO contact_identities (contact_id, kind, value, source) VALUES (?, 'email', ?, 'manual')",
            [row[0], email],
        )
    return str(row[0])


def goal_choices(con: Connection) -> list[tuple[str, str]]:
    """Active goals as (id, title), for linking an event to what it should achieve."""
    rows = con.execute("SELECT id, title FROM goals WHERE status = 'active' ORDER BY lower(title)").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]

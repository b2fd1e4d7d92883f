"""Whom to get to know at an event: target organisations on the list where I know nobody at the wanted level yet,
with bridges in (my contacts who work there at another level, used to work there, or know someone there)."""

from __future__ import annotations

from dataclasses import dataclass

from netzcore.db import Connection


@dataclass(frozen=True, slots=True)
class TargetGap:
    """A target segment's organisation present at the event where I know nobody at the wanted level yet."""

    segment: str
    organization: str
    booth: str
    levels: tuple[str, ...]
    bridges: tuple[str, ...]


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

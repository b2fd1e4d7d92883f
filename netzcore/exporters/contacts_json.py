"""`{"contacts": [...]}` for checks and scripts: one object per contact, computed in one SQL query."""

from __future__ import annotations

from typing import Any

from netzcore.db import Connection

_QUERY = """
WITH career AS (
    SELECT contact_id,
           list({'organization': organization, 'title': title, 'observed_on': strftime(observed_on, '%Y-%m-%d')}
                ORDER BY observed_on, created_at) AS career
    FROM career_history GROUP BY contact_id
)
SELECT c.id, c.full_name, c.given_name, c.family_name, c.honorific_prefix, c.honorific_suffix, c.nickname,
       coalesce(c.organization_name, o.name) AS organization, c.department, c.title, c.hierarchy_level, c.emails, c.phones, c.urls,
       c.linkedin_url, c.xing_url, c.address, c.postal_code, c.city, c.region, c.country,
       CASE WHEN c.birthday_month IS NULL OR c.birthday_day IS NULL THEN NULL
            WHEN c.birthday_year IS NULL THEN printf('--%02d-%02d', c.birthday_month, c.birthday_day)
            ELSE printf('%04d-%02d-%02d', c.birthday_year, c.birthday_month, c.birthday_day) END AS birthday,
       c.tags, c.topics, c.tier, c.cadence_days, c.preferred_channel, c.how_met, c.notes,
       coalesce(career.career, []) AS career, c.sources, c.photo IS NOT NULL AS has_photo, c.archived,
       strftime(c.created_at, '%Y-%m-%dT%H:%M:%S') AS created_at,
       strftime(c.updated_at, '%Y-%m-%dT%H:%M:%S') AS updated_at
FROM contacts c
LEFT JOIN organizations o ON o.id = c.organization_id
LEFT JOIN career ON career.contact_id = c.id
ORDER BY lower(c.full_name), c.id
"""


def contacts_document(con: Connection) -> dict[str, Any]:
    """Every contact (archived ones flagged) with the fields documented in docs/export-json.md."""
    cursor = con.execute(_QUERY)
    names = [d[0] for d in cursor.description or ()]
    return {"contacts": [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]}

"""Which contacts an export takes (tier, tag, archived), read in chunks in SQL so 20,000 contacts stay cheap."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from netzcore.contacts import TIERS
from netzcore.db import Connection

_CHUNK = 2_000


@dataclass(frozen=True, slots=True)
class ContactSelection:
    tiers: tuple[str, ...] = ()          # empty: every tier
    tag: str | None = None               # case-insensitive, one of the contact's tags
    include_archived: bool = False


@dataclass(frozen=True, slots=True)
class ExportFile:
    """What an exporter hands to the CLI or a download button."""

    data: bytes
    count: int                           # records written (contacts, interactions or calendar entries)
    file_name: str
    mime: str


_CONTACT_COLUMNS = """
    c.id, c.full_name, c.given_name, c.family_name, c.additional_names, c.honorific_prefix, c.honorific_suffix,
    c.nickname, coalesce(c.organization_name, o.name) AS organization, c.department, c.title, c.hierarchy_level, c.emails, c.phones, c.urls,
    c.linkedin_url, c.xing_url, c.address, c.city, c.region, c.postal_code, c.country,
    c.birthday_year, c.birthday_month, c.birthday_day, c.tier, c.cadence_days, c.preferred_channel, c.tags,
    c.topics, c.how_met, c.notes, c.archived, c.created_at, c.updated_at"""

_SELECTED = """
    FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id
    WHERE (? OR NOT c.archived)
      AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.tier))
      AND (?::VARCHAR IS NULL OR list_contains([lower(x) FOR x IN c.tags], lower(?::VARCHAR)))"""


def _params(selection: ContactSelection) -> list[Any]:
    tiers = [t for t in selection.tiers if t in TIERS]
    tag = selection.tag.strip() if selection.tag and selection.tag.strip() else None
    return [selection.include_archived, tiers, tiers, tag, tag]


def iter_contacts(con: Connection, selection: ContactSelection, *,
                  with_photo: bool = False) -> Iterator[dict[str, Any]]:
    """The selected contacts as dicts (organisation by name), by name, read 2,000 at a time."""
    photo = ", c.photo" if with_photo else ""
    cursor = con.cursor()
    try:
        result = cursor.execute(
            f"SELECT {_CONTACT_COLUMNS}{photo} {_SELECTED} ORDER BY lower(c.full_name), c.id",  # noqa: S608
            _params(selection),
        )
        names = [d[0] for d in result.description]
        while chunk := result.fetchmany(_CHUNK):
            for row in chunk:
                yield dict(zip(names, row, strict=True))
    finally:
        cursor.close()


def selected_ids_sql(selection: ContactSelection) -> tuple[str, list[Any]]:
    """A subquery of the selected contact ids, with its parameters, for exports of related rows."""
    return f"SELECT c.id {_SELECTED}", _params(selection)


def count_contacts(con: Connection, selection: ContactSelection) -> int:
    row = con.execute(f"SELECT count(*) {_SELECTED}", _params(selection)).fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def all_tags(con: Connection) -> list[str]:
    """Tags in use, for the export filter."""
    rows = con.execute("SELECT DISTINCT unnest(tags) AS tag FROM contacts ORDER BY lower(tag)").fetchall()
    return [str(r[0]) for r in rows]

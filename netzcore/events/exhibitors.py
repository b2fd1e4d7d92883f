"""The event's exhibitor, participant and speaker list: read from pasted lines or a CSV (with hall and stand),
matched to the organisations of my network whatever their legal form, case or spacing."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from netzcore.db import Connection, transaction
from netzcore.events.booths import Booth, natural_key, parse_booth, parse_hall, parse_stand
from netzcore.events.model import EXHIBITOR_ROLES, EventError
from netzcore.organizations import normalize_org_name

MAX_LIST_LINES = 20_000  # a pasted list longer than this is cut: bounded work for any input


@dataclass(frozen=True, slots=True)
class ExhibitorEntry:
    name: str
    booth: str = ""
    hall: str = ""
    stand: str = ""


@dataclass(frozen=True, slots=True)
class ExhibitorReport:
    read: int
    added: int
    matched: int          # added names whose organisation is in my network
    already_listed: int
    with_hall: int = 0    # added names with a hall


@dataclass(frozen=True, slots=True)
class Exhibitor:
    name: str
    role: str
    booth: str
    organization: str | None
    contacts: int          # my active contacts working there
    hall: str = ""
    stand: str = ""


@dataclass(frozen=True, slots=True)
class ListedExhibitor:
    """One row as stored: what a cleared list needs to come back (undo)."""

    name: str
    normalized_name: str
    organization_id: str | None
    role: str
    booth: str | None
    hall: str | None
    stand: str | None


_NAME_HEADERS = {
    "name", "company", "company name", "exhibitor", "exhibitor name", "organisation", "organization",
    "organisation name", "organization name", "firma", "firmenname", "aussteller", "unternehmen", "teilnehmer",
    "participant", "institution",
}
_BOOTH_HEADERS = {"halle/stand", "hall/booth", "hall/stand", "standort", "location", "hall & stand", "halle & stand",
                  "halle, stand", "hall, booth", "platzierung"}
_HALL_HEADERS = {"halle", "hall", "hall no", "hall number", "hallennummer", "halle nr"}
_STAND_HEADERS = {"stand", "booth", "standnummer", "stand no", "stand nr", "booth number", "booth no", "stand-nr",
                  "stand number"}
# In a pasted line: where the name ends and the place begins ("Siemens Energy AG, Halle 12, Stand B34").
_PLACE_START = re.compile(r"(?:,|;|\t|\s[-–|]\s|\s\()\s*(?=(?:halle|hall|stand|booth|h\s?\d)\b)", re.IGNORECASE)


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _header_key(cell: str) -> str:
    return " ".join(cell.strip().strip('"').casefold().replace("_", " ").replace(".", "").split())


def _entry(name: str, booth: Booth, written: str) -> ExhibitorEntry:
    return ExhibitorEntry(name.strip().strip('"').strip(), written.strip(), booth.hall, booth.stand)


def parse_exhibitor_list(text: str) -> list[ExhibitorEntry]:
    """A CSV with a name column (found by its header; hall and stand columns too), else one exhibitor per line,
    optionally followed by its place ("Name; Halle 12, Stand B34", "Name<TAB>H12/B34"); duplicates dropped."""
    lines = [line for line in text.splitlines() if line.strip()][:MAX_LIST_LINES]
    if not lines:
        return []
    table = _csv_entries(lines)
    entries = table if table is not None else [_line_entry(line) for line in lines]
    unique: dict[str, ExhibitorEntry] = {}
    for entry in entries:
        key = normalize_org_name(entry.name)
        if key and key not in unique:
            unique[key] = entry
    return list(unique.values())


def _line_entry(line: str) -> ExhibitorEntry:
    for separator in ("\t", ";", " | "):
        if separator in line:
            name, _, rest = line.partition(separator)
            return _entry(name, parse_booth(rest.replace("\t", " ")), rest.replace("\t", " "))
    found = _PLACE_START.search(line)
    if found:
        rest = line[found.end():].rstrip(")")
        return _entry(line[:found.start()], parse_booth(rest), rest)
    return _entry(line, Booth(), "")


def _csv_entries(lines: list[str]) -> list[ExhibitorEntry] | None:
    for delimiter in (";", ",", "\t", "|"):
        if delimiter not in lines[0]:
            continue
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        header = [_header_key(cell) for cell in rows[0]]
        name_col = next((i for i, h in enumerate(header) if h in _NAME_HEADERS), None)
        if name_col is None:
            continue
        booth_col = next((i for i, h in enumerate(header) if h in _BOOTH_HEADERS), None)
        hall_col = next((i for i, h in enumerate(header) if h in _HALL_HEADERS), None)
        stand_col = next((i for i, h in enumerate(header) if h in _STAND_HEADERS), None)

        def cell(row: list[str], column: int | None) -> str:
            return row[column].strip() if column is not None and len(row) > column else ""

        entries = []
        for row in rows[1:]:
            if len(row) <= name_col:
                continue
            written = " ".join(p for p in (cell(row, booth_col), cell(row, hall_col), cell(row, stand_col)) if p)
            booth = parse_booth(cell(row, booth_col))
            hall = parse_hall(cell(row, hall_col)) if hall_col is not None and cell(row, hall_col) else booth.hall
            stand = (parse_stand(cell(row, stand_col)) if stand_col is not None and cell(row, stand_col)
                     else booth.stand)
            if hall_col is None and stand_col is not None and not booth:
                combined = parse_booth(cell(row, stand_col))  # one "Stand" column holding "H12/B34"
                hall, stand = combined.hall, combined.stand
            entries.append(_entry(row[name_col], Booth(hall, stand), written))
        return entries
    return None


def import_exhibitors(
    con: Connection, event_id: str, entries: Sequence[ExhibitorEntry], role: str = "exhibitor"
) -> ExhibitorReport:
    """Add names to the event's list, matched to organisations by normalised name or alias; unknown ones stay.

    A name already on the list keeps its row, but learns its hall and stand when it had none."""
    if role not in EXHIBITOR_ROLES:
        raise EventError("events.error_role", role=role)
    keys = [normalize_org_name(e.name) for e in entries]
    params = {
        "names": [e.name for e in entries], "keys": keys, "booths": [e.booth or None for e in entries],
        "halls": [e.hall or None for e in entries], "stands": [e.stand or None for e in entries],
        "event_id": event_id, "role": role,
    }
    with transaction(con):
        con.execute(
            """
            UPDATE exhibitors SET hall = i.hall, stand = i.stand, booth = coalesce(i.booth, exhibitors.booth)
            FROM (SELECT unnest($keys) AS key, unnest($halls) AS hall, unnest($stands) AS stand,
                         unnest($booths) AS booth) i
            WHERE exhibitors.event_id = $event_id AND exhibitors.normalized_name = i.key
              AND exhibitors.hall IS NULL AND exhibitors.stand IS NULL AND (i.hall IS NOT NULL OR i.stand IS NOT NULL)
            """, {k: params[k] for k in ("keys", "halls", "stands", "booths", "event_id")})
        added = con.execute(
            """
            INSERT INTO exhibitors (event_id, name, normalized_name, organization_id, role, booth, hall, stand)
            WITH incoming AS (
                SELECT unnest($names) AS name, unnest($keys) AS key, unnest($booths) AS booth,
                       unnest($halls) AS hall, unnest($stands) AS stand
            ), known AS (
                SELECT key, min(organization_id) AS org_id FROM organization_keys() GROUP BY key
            )
            SELECT DISTINCT ON (i.key) $event_id, i.name, i.key, k.org_id, $role, i.booth, i.hall, i.stand
            FROM incoming i LEFT JOIN known k USING (key)
            WHERE i.key <> '' AND i.key NOT IN (SELECT normalized_name FROM exhibitors WHERE event_id = $event_id)
            RETURNING organization_id, hall
            """,
            params,
        ).fetchall()
    return ExhibitorReport(
        read=len(entries), added=len(added), matched=sum(1 for org, _ in added if org is not None),
        already_listed=len(entries) - len(added), with_hall=sum(1 for _, hall in added if hall),
    )


def list_exhibitors(con: Connection, event_id: str) -> list[Exhibitor]:
    rows = con.execute(
        """
        SELECT x.name, x.role, coalesce(x.booth, ''), o.name,
               (SELECT count(*) FROM contacts c WHERE c.organization_id = x.organization_id AND NOT c.archived),
               coalesce(x.hall, ''), coalesce(x.stand, '')
        FROM exhibitors x LEFT JOIN organizations o ON o.id = x.organization_id
        WHERE x.event_id = ? ORDER BY x.organization_id IS NULL, lower(x.name)
        """,
        [event_id],
    ).fetchall()
    return [Exhibitor(str(r[0]), str(r[1]), str(r[2]), r[3], int(r[4]), str(r[5]), str(r[6])) for r in rows]


def event_halls(con: Connection, event_id: str) -> list[str]:
    """The halls on the event's list, in natural order (hall 9 before hall 12): the hall filter."""
    rows = con.execute("SELECT DISTINCT hall FROM exhibitors WHERE event_id = ? AND hall IS NOT NULL",
                       [event_id]).fetchall()
    return sorted((str(r[0]) for r in rows), key=natural_key)


def remove_exhibitors(con: Connection, event_id: str) -> list[ListedExhibitor]:
    """Empty the event's list; returns what was on it, so `restore_exhibitors` can undo it."""
    with transaction(con):
        rows = con.execute(
            "SELECT name, normalized_name, organization_id, role, booth, hall, stand FROM exhibitors "
            "WHERE event_id = ? ORDER BY created_at, name", [event_id]).fetchall()
        con.execute("DELETE FROM exhibitors WHERE event_id = ?", [event_id])
    return [ListedExhibitor(*r) for r in rows]


def restore_exhibitors(con: Connection, event_id: str, rows: Sequence[ListedExhibitor]) -> int:
    """Put a cleared list back (names added since stay; nothing is listed twice)."""
    if not rows:
        return 0
    columns = ("name", "normalized_name", "organization_id", "role", "booth", "hall", "stand")
    values = {c: [getattr(r, c) for r in rows] for c in columns}
    with transaction(con):
        added = con.execute(
            f"""
            INSERT INTO exhibitors (event_id, {', '.join(columns)})
            SELECT $event_id, * FROM (SELECT {', '.join(f'unnest(${c}) AS {c}' for c in columns)})
            WHERE normalized_name NOT IN (SELECT normalized_name FROM exhibitors WHERE event_id = $event_id)
            RETURNING 1
            """,  # noqa: S608 (column names are constants)
            {"event_id": event_id, **values},
        ).fetchall()
    return len(added)

"""LinkedIn's `Connections.csv`: notes lines above the header, columns found by name, hidden members skipped.

Layouts seen: 2024/2025 (`Notes:`, a quoted notice, an empty line, then First Name, Last Name, URL, Email Address,
Company, Position, Connected On) and 2018 (header on line 1, no URL column). Names carry emoji, tabs, surrounding
spaces, titles (`Dr.`, `Prof.Dr.`) in the first-name column and suffixes (`, MBA`) in the last-name column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass

from netzcore.hierarchy import hierarchy_level
from netzcore.importers.normalize import canonical_linkedin, name_key, normalize_email
from netzcore.importers.records import ContactRecord, Problem
from netzcore.organizations import normalize_org_name

_HEADER_NAMES = {"first name", "last name"}
_PREFIX = re.compile(r"^((?:(?:prof|dr|dipl|ing|mag|ir|mr|mrs|ms|frau|herr)\.?(?:-\w+\.?)?\s*)+)", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*,\s*((?:mba|phd|ph\.d\.|dr\.?|msc|m\.sc\.|bsc|b\.sc\.|ma|ba|llm|cfa|pmp|ceng|dipl\.[\w.-]*)"
                     r"(?:\s*,\s*[\w.-]+)*)\s*$", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}


@dataclass(frozen=True, slots=True)
class ConnectionsFile:
    records: tuple[ContactRecord, ...]
    problems: tuple[Problem, ...]
    hidden_members: int
    rows: int                 # data rows read (hidden members included, blank lines not)


def decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _header_index(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows[:30]):
        if {cell.strip().lower() for cell in row} >= _HEADER_NAMES:
            return index
    return None


def _rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:   # binary or badly broken text: not a Connections.csv
        return []


def is_connections_csv(data: bytes) -> bool:
    if b"\x00" in data[:16384]:
        return False
    return _header_index(_rows(decode_csv(data[:16384]))) is not None


def clean_name(text: str) -> str:
    """Emoji and symbols out, tabs and runs of spaces collapsed, surrounding spaces and quotes trimmed."""
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("S", "C")) or ch in "\t ")
    return re.sub(r"\s+", " ", kept).strip(" \"'|·-•")


def connected_on(text: str) -> dt.date | None:
    """'15 Mar 2023' -> date(2023, 3, 15); None if empty or not in that form."""
    match = re.fullmatch(r"\s*(\d{1,2})[ -]([A-Za-z]{3})\w*[ -](\d{4})\s*", text)
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    try:
        return dt.date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None


def read_connections(file: str, data: bytes) -> ConnectionsFile:
    rows = _rows(decode_csv(data))
    header_at = _header_index(rows)
    if header_at is None:
        return ConnectionsFile((), (Problem(file, 1, "no_header"),), 0, 0)
    columns = {cell.strip().lower(): i for i, cell in enumerate(rows[header_at])}

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    records: list[ContactRecord] = []
    problems: list[Problem] = []
    hidden = read = 0
    for line, row in enumerate(rows[header_at + 1:], header_at + 2):
        if not any(c.strip() for c in row):
            continue
        read += 1
        given, family = clean_name(cell(row, "first name")), clean_name(cell(row, "last name"))
        url = canonical_linkedin(cell(row, "url"))
        email = normalize_email(cell(row, "email address"))
        company, position = cell(row, "company"), cell(row, "position")
        if not (given or family or url or email or company or position):
            hidden += 1
            continue
        prefix = suffix = ""
        found = _PREFIX.match(given)
        if found and found.end() < len(given):
            prefix, given = found.group(1).strip(), given[found.end():].strip()
        found = _SUFFIX.search(family)
        if found and found.start() > 0:
            suffix, family = found.group(1).strip(), family[:found.start()].strip()
        full_name = " ".join(p for p in (given, family) if p) or company or email or url or ""
        since = connected_on(cell(row, "connected on"))
        warnings: list[Problem] = []
        if cell(row, "connected on") and since is None:
            warnings.append(Problem(file, line, "bad_date", cell(row, "connected on"), full_name))
        records.append(ContactRecord(
            source="linkedin", file=file, position=line, full_name=full_name, given_name=given or None,
            family_name=family or None, honorific_prefix=prefix or None, honorific_suffix=suffix or None,
            organization=company or None, title=position or None, hierarchy_level=hierarchy_level(position),
            emails=(email,) if email else (), linkedin_url=url,
            how_met=f"LinkedIn {since.isoformat()}" if since else "LinkedIn", connected_on=since,
            warnings=tuple(warnings), name_key=name_key(full_name), org_key=normalize_org_name(company),
        ))
    return ConnectionsFile(tuple(records), tuple(problems), hidden, read)

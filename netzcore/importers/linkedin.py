"""LinkedIn's `Connections.csv`: notes lines above the header, columns found by name, hidden members skipped.

Layouts seen: 2024/2025 (`Notes:`, a quoted notice, an empty line, then First Name, Last Name, URL, Email Address,
Company, Position, Connected On) and 2018 (header on line 1, no URL column). Names carry emoji, invisible
selectors, tabs, surrounding spaces and quotes, titles (`Dr.`, `Prof.Dr.`) in the first-name column and degrees
(`, MBA`) in the last-name column. `Connected On` is `15 Mar 2023`; spreadsheets rewrite it as `20-Mar-24`,
2018 exports have `1/8/18, 6:14 PM` (month first); ISO and German dates are read too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netzcore.hierarchy import hierarchy_level
from netzcore.importers.csvfile import Beyond, body_rows, column_key
from netzcore.importers.normalize import (
    MAX_EMAIL,
    MAX_NAME,
    MAX_ORGANIZATION,
    MAX_VALUE,
    canonical_linkedin,
    cap,
    card_emails,
    contact_point_notes,
    finish_record,
    one_line,
    parse_date,
    split_prefix,
    split_suffix,
)
from netzcore.importers.records import ContactRecord, Problem
from netzcore.organizations import is_placeholder_organization

COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_NAMES = {"first name", "last name"}
_MARKERS = {"connected on", "position", "url"}


# A German account's file names the same columns in German ('Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,
# Position,Verbunden am'); 'Verbunden am' is what tells it from a German Outlook export, which has the rest.
_GERMAN = {"vorname": "first name", "nachname": "last name", "e-mail-adresse": "email address",
           "unternehmen": "company", "verbunden am": "connected on"}
GERMAN_MARKER = "verbunden am"


def canonical_keys(keys: Iterable[str]) -> list[str]:
    """Column keys as the English header writes them."""
    return [_GERMAN.get(key, key) for key in keys]


def is_linkedin_header(keys: set[str]) -> bool:
    """First Name and Last Name, and one of the columns only LinkedIn has (Connected On, Position, URL); or the
    German header with its 'Verbunden am'."""
    if GERMAN_MARKER in keys:
        keys = set(canonical_keys(keys))
    return keys >= _NAMES and bool(keys & _MARKERS)


@dataclass(frozen=True, slots=True)
class ConnectionsFile:
    records: tuple[ContactRecord, ...]
    problems: tuple[Problem, ...]
    hidden_members: int
    rows: int                 # data rows read (hidden members included, blank lines not)
    unread: tuple[str, ...] = ()   # columns a spreadsheet or another app added ('Phone', 'Notes'): not read


# --- names --------------------------------------------------------------------------------------------------------

_INVISIBLE = frozenset({0x200B, 0x200D, 0x2060, 0xFEFF, 0x20E3, 0x034F, 0x180E, 0x2028, 0x2029})
_QUOTES = frozenset('"“”„«»‟″')


def _kept(ch: str) -> bool:
    code = ord(ch)
    if ch in "\t ":
        return True
    if code in _INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
        return False
    category = unicodedata.category(ch)
    if category == "Cf":
        return code == 0x200C          # the zero-width non-joiner belongs to Persian and Indic spellings
    return not category.startswith(("S", "C")) or category == "Sk"


def clean_name(text: str) -> str:
    """Emoji, symbols, invisible selectors and joiners out, tabs and runs of spaces collapsed, surrounding spaces
    and quotes trimmed, an unbalanced double quote removed: 'Butler ️' -> 'Butler', '"Anna' -> 'Anna',
    'Robert "Bob" Smith' stays; punctuation alone ('...', a hidden last name) is no name."""
    kept = " ".join("".join(ch for ch in text if _kept(ch)).split()).strip(" |·-•")
    while len(kept) >= 2 and kept[0] == kept[-1] and kept[0] in "\"'":
        kept = kept[1:-1].strip(" |·-•")
    if sum(1 for ch in kept if ch in _QUOTES) % 2:
        kept = " ".join("".join(ch for ch in kept if ch not in _QUOTES).split())
    kept = kept.strip(" |·-•")
    return "" if all(unicodedata.category(ch).startswith("P") or ch.isspace() for ch in kept) else kept


_PRONOUNS = re.compile(r"\s*\(\s*((?:she|he|they|xe|ze|sie|er|dey)\s*/\s*[^\W\d_]+(?:\s*/\s*[^\W\d_]+)?)\s*\)",
                       re.IGNORECASE)


def split_pronouns(name: str) -> tuple[str, str]:
    """('Olazagoitia', 'he/him') from 'Olazagoitia (he/him)': pronouns written into a name field are no part of the
    name (they kept it from matching the same person elsewhere); the import keeps them in the notes."""
    found = _PRONOUNS.search(name)
    if found is None:
        return name, ""
    return " ".join((name[:found.start()] + " " + name[found.end():]).split()), "".join(found.group(1).split())


_CREDENTIAL = re.compile(r"[A-Z][A-Z0-9&.\-]{1,11}")


def split_bracketed(family: str) -> tuple[str, str, str]:
    """(family name, suffix, nickname) for a Last Name written wholly in brackets: credentials ('(CSAA, IFQ)') are
    the suffix, anything else ('(kifi khan)') a nickname; the whole name was then written as the first name."""
    text = family.strip()
    if not (text.startswith("(") and text.endswith(")")) or "(" in text[1:-1] or ")" in text[1:-1]:
        return family, "", ""
    parts = [part.strip() for part in text[1:-1].split(",") if part.strip()]
    if parts and all(_CREDENTIAL.fullmatch(part) for part in parts):
        return "", ", ".join(parts), ""
    return "", "", " ".join(text[1:-1].split())


_SPACED_DASH = re.compile(r"\s+[-–—|]\s+")
_BRACKETED = re.compile(r"\([^()]*\)")


def split_dashed_credentials(family: str) -> tuple[str, str]:
    """('Al-Jazaeri', 'ACCA (UK), CPA (Canada)') from 'Al-Jazaeri - ACCA (UK), CPA (Canada)': credentials after a
    spaced dash or bar, each of them one (a country in brackets after one is its own); a name after it
    ('Meyer - Schmidt') stays the family name."""
    found = _SPACED_DASH.search(family)
    if found is None:
        return family, ""
    name, rest = family[:found.start()].strip(), " ".join(family[found.end():].split())
    parts = [part.strip() for part in _BRACKETED.sub("", rest).split(",")]
    if not name or not all(part and split_suffix(f"Name, {part}", family_only=True)[1] == part for part in parts):
        return family, ""
    return name, rest


def connected_on(text: str) -> dt.date | None:
    """'15 Mar 2023', '20-Mar-24', '1/8/18, 6:14 PM', '2024-05-17', '17.05.2024' -> the date; None otherwise."""
    return parse_date(text, "mdy")


# --- rows ---------------------------------------------------------------------------------------------------------


def read_connections(file: str, data: bytes, encoding: str | None = None, header_line: int | None = None,
                     delimiter: str = ",", written: Sequence[str] = (), beyond: Beyond | None = None
                     ) -> ConnectionsFile:
    """Every row after the header as a record; hidden members counted; a row that cannot be read is reported.
    `written`: the header as the file writes it, for naming the columns not read; `beyond`: the rows to read at
    most, and where the rest are counted."""
    if encoding is None or header_line is None:
        from netzcore.importers.addressbook import recognise_csv

        found = recognise_csv(file, data)
        if found is None or found.kind != "linkedin" or found.refusal:
            return ConnectionsFile((), (Problem(file, 1, "no_header"),), 0, 0)
        encoding, header_line, delimiter, written = found.encoding, found.header_line, found.delimiter, found.columns
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    hidden = read = 0
    columns: dict[str, int] = {}
    added: list[str] = []
    for header, row in body_rows(file, data, encoding, delimiter, header_line, beyond):
        read += 1
        if isinstance(row, Problem):
            problems.append(row)
            continue
        if not columns:
            columns = {key: i for i, key in enumerate(canonical_keys(header))}
            added = [key for key in columns if key and key not in COLUMN_LABELS]
        record = _record(file, row.line, row.cells, columns)
        if record is None:
            hidden += 1
        elif isinstance(record, Problem):
            problems.append(record)
        else:
            records.append(record)
    names = {column_key(name): name for name in written}
    return ConnectionsFile(tuple(records), tuple(problems), hidden, read, tuple(names.get(key, key) for key in added))


_LIMITS = {"first name": (MAX_NAME, "cut_name"), "last name": (MAX_NAME, "cut_name"),
           "company": (MAX_ORGANIZATION, "cut_organization"), "position": (MAX_ORGANIZATION, "cut_organization")}
COLUMN_LABELS = {"first name": "First Name", "last name": "Last Name", "url": "URL", "company": "Company",
                 "position": "Position", "email address": "Email Address", "connected on": "Connected On"}


def _record(file: str, line: int, cells: list[str], columns: dict[str, int]) -> ContactRecord | Problem | None:
    """One row as a record, a Problem for a row with no name, link, e-mail or company, or None for a hidden member
    (nothing but a date)."""
    warnings: list[Problem] = []

    def cell(name: str) -> str:
        index = columns.get(name)
        value = cells[index].strip() if index is not None and index < len(cells) else ""
        if name == "email address":                 # never cut: one too long is no address (reported below)
            return value
        limit, code = _LIMITS.get(name, (MAX_VALUE, "cut_value"))
        value, was_cut = cap(value, limit)
        if was_cut:
            warnings.append(Problem(file, line, code, COLUMN_LABELS.get(name, name)))
        return value

    given, given_pronouns = split_pronouns(clean_name(cell("first name")))
    family, family_pronouns = split_pronouns(clean_name(cell("last name")))
    pronouns = given_pronouns or family_pronouns
    url = canonical_linkedin(cell("url"))
    written_email = cell("email address")
    if len(written_email) > MAX_EMAIL:
        email = None
        warnings.append(Problem(file, line, "email_too_long", COLUMN_LABELS["email address"]))
    else:
        found, not_addresses = card_emails([written_email])
        email = found[0] if found else None
        warnings += contact_point_notes(file, line, not_addresses)
    company, position = one_line(cell("company")), one_line(cell("position"))
    nameless = not (given or family or url or email) and (not company or is_placeholder_organization(company))
    if nameless and not position:
        return None                   # nothing but a date (or a '-' where the company goes): a hidden member
    if nameless:
        return Problem(file, line, "empty_row")      # only a position: nobody to find again
    prefix, given = split_prefix(given, keep_one=not family)
    family, bracketed_suffix, nickname = split_bracketed(family)
    if (bracketed_suffix or nickname) and " " in given:      # the whole name was written as the first name
        given, family = given.rsplit(" ", 1)
    family, dashed_suffix = split_dashed_credentials(family)
    family, suffix = split_suffix(family, family_only=True)
    suffix = ", ".join(p for p in (suffix, dashed_suffix) if p) or bracketed_suffix
    full_name = " ".join(p for p in (given, family) if p) or company or email or url or ""
    written_date = cell("connected on")
    since = connected_on(written_date)
    if written_date and since is None:
        warnings.append(Problem(file, line, "bad_date", written_date[:64], full_name))
    return finish_record(ContactRecord(
        source="linkedin", file=file, position=line, full_name=full_name, given_name=given or None,
        family_name=family or None, honorific_prefix=prefix or None, honorific_suffix=suffix or None,
        nickname=nickname or None, organization=company or None, title=position or None,
        hierarchy_level=hierarchy_level(position),
        emails=(email,) if email else (), linkedin_url=url,
        how_met=f"LinkedIn {since.isoformat()}" if since else "LinkedIn", connected_on=since,
        notes=f"({pronouns})" if pronouns else None, warnings=tuple(warnings),
    ))


def is_connections_csv(data: bytes, name: str = "Connections.csv") -> bool:
    """Whether the file is a LinkedIn Connections.csv netz can read (its header found, comma-separated)."""
    from netzcore.importers.addressbook import recognise_csv

    found = recognise_csv(name, data)
    return found is not None and found.kind == "linkedin"

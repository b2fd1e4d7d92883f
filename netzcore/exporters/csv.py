"""Contacts and interactions as CSV for spreadsheets: UTF-8 with BOM (Excel detects it), one row per record.

Every text cell that a spreadsheet could read as a formula (starting with = + - @, tab or carriage return) is
prefixed with an apostrophe, so opening an export never runs anything a contact file brought in; so are digits a
spreadsheet would turn into a number and change (a postal code 01067, a phone typed 03514567890). Birthdays go
out as three number columns: "--04-15" (the usual text for a birthday without year) would itself be a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from netzcore.db import Connection
from netzcore.exporters.selection import ContactSelection, ExportFile, iter_contacts, selected_ids_sql

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LIST_SEPARATOR = "; "

CONTACT_COLUMNS = (
    "id", "full_name", "given_name", "family_name", "additional_names", "honorific_prefix", "honorific_suffix",
    "nickname", "organization", "department", "title", "hierarchy_level", "tier", "cadence_days", "emails",
    "phones", "urls", "linkedin_url", "xing_url", "address", "city", "region", "postal_code", "country",
    "birthday_year", "birthday_month", "birthday_day", "preferred_channel", "tags", "topics", "how_met", "notes",
    "archived", "created_at", "updated_at",
)
INTERACTION_COLUMNS = (
    "id", "occurred_on", "contact_id", "contact_name", "channel", "in_person", "topics", "hooks", "gave",
    "received", "follow_up_on", "follow_up_done", "event", "notes", "created_at",
)


def _changed_as_a_number(value: str) -> bool:
    """Digits alone, which a spreadsheet makes a number of and so changes: a leading zero dropped (Dresden's
    postal code 01067, a phone typed 03514567890) or 12 digits and more shown as 4,36641E+13."""
    return value.isdigit() and value.isascii() and (value[0] == "0" or len(value) > 11)


def _needs_quote(value: str) -> bool:
    """A formula start, digits a spreadsheet would change, or an apostrophe of the text's own before either (which
    the import would otherwise take for the one the export adds)."""
    return (value.startswith(_FORMULA_STARTS) or _changed_as_a_number(value)
            or (value.startswith("'") and _needs_quote(value[1:])))


def neutralize(value: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates or turns into a number: '=1+2' -> "'=1+2",
    '01067' -> "'01067"."""
    return "'" + value if _needs_quote(value) else value


def unquote_formula(value: str) -> str:
    """What `neutralize` wrote, read back: "'=1+2" -> '=1+2', "'01067" -> '01067'."""
    return value[1:] if value.startswith("'") and _needs_quote(value[1:]) else value


def cell(value: Any) -> str:
    """One cell: lists joined with '; ', dates ISO, booleans true/false, text neutralised."""
    if value is None:
        return ""
    if type(value) is str:                      # most cells: checked first, 200,000 rows are millions of cells
        return "'" + value if _needs_quote(value) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return neutralize(_LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return neutralize(str(value))


def spreadsheet_delimiter(lang: str) -> str:
    """What a spreadsheet in that language splits a CSV at: `;` in German (where `,` is the decimal comma)."""
    return ";" if lang == "de" else ","


def write_csv(columns: Iterable[str], rows: Iterable[Iterable[Any]], delimiter: str = ",") -> tuple[bytes, int]:
    """The CSV file's bytes and its number of data rows."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    return out.getvalue().encode("utf-8"), count


def contacts_csv(con: Connection, selection: ContactSelection | None = None, delimiter: str = ",") -> ExportFile:
    rows = ([contact[c] for c in CONTACT_COLUMNS] for contact in iter_contacts(con, selection or ContactSelection()))
    data, count = write_csv(CONTACT_COLUMNS, rows, delimiter)
    return ExportFile(data, count, "netz-contacts.csv", "text/csv")


def _interaction_rows(con: Connection, selection: ContactSelection) -> Iterator[tuple[Any, ...]]:
    ids_sql, params = selected_ids_sql(selection)
    cursor = con.cursor()
    try:
        result = cursor.execute(f"""
            SELECT i.id, i.occurred_on, i.contact_id, c.full_name, i.channel, i.in_person, i.topics, i.hooks,
                   i.gave, i.received, i.follow_up_on, i.follow_up_done, e.name, i.notes, i.created_at
            FROM interactions i
            JOIN contacts c ON c.id = i.contact_id
            LEFT JOIN events e ON e.id = i.event_id
            WHERE i.contact_id IN ({ids_sql})
            ORDER BY i.occurred_on DESC, i.id""", params)  # noqa: S608
        while chunk := result.fetchmany(10_000):
            yield from chunk
    finally:
        cursor.close()


def interactions_csv(con: Connection, selection: ContactSelection | None = None, delimiter: str = ",") -> ExportFile:
    """The interaction log of the selected contacts, newest first, with the contact's name beside its id."""
    rows = _interaction_rows(con, selection or ContactSelection())
    data, count = write_csv(INTERACTION_COLUMNS, rows, delimiter)
    return ExportFile(data, count, "netz-interactions.csv", "text/csv")

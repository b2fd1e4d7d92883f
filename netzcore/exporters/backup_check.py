"""A backup is checked completely before anything is written: every value's type and range, every reference,
every key, the settings a database cannot do without. A refusal names the table, the row and the field.

The rules come from the database itself where it has them (column types, NOT NULL, keys, CHECK constraints:
new migrations are covered without a change here), and from this module where it does not: the references
between tables (the schema has no foreign keys) and the sanity of the settings. A migration that adds a table
with references adds them to REFERENCES.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from netzcore import db as netzdb
from netzcore.i18n import format_number, translate
from netzcore.user_error import UserError

MAX_TEXT = 1024 * 1024              # characters in one text field (a note is capped at 100 KB on import)
MAX_JSON_TEXT = 64 * 1024 * 1024    # an import report kept as a JSON document
MAX_BLOB_TEXT = 16 * 1024 * 1024    # base64 of a photo (thumbnails are a few KB)
MAX_LIST_ITEMS = 10_000
MAX_NUMBER_DIGITS = 20              # longer digit strings are never parsed into numbers at all

# (table, column) -> the table whose `id` it refers to; None values are allowed where the column allows NULL.
REFERENCES: dict[tuple[str, str], str] = {
    ("contacts", "organization_id"): "organizations",
    ("contact_identities", "contact_id"): "contacts",
    ("interactions", "contact_id"): "contacts",
    ("interactions", "event_id"): "events",
    ("tier_history", "contact_id"): "contacts",
    ("career_history", "contact_id"): "contacts",
    ("career_history", "import_run_id"): "import_runs",
    ("relationships", "contact_a"): "contacts",
    ("relationships", "contact_b"): "contacts",
    ("introductions", "contact_a"): "contacts",
    ("introductions", "contact_b"): "contacts",
    ("review_dismissals", "contact_id"): "contacts",
    ("goal_segments", "goal_id"): "goals",
    ("goal_segments", "segment_id"): "segments",
    ("segment_assignments", "segment_id"): "segments",
    ("segment_assignments", "contact_id"): "contacts",
    ("event_goals", "event_id"): "events",
    ("event_goals", "goal_id"): "goals",
    ("exhibitors", "event_id"): "events",
    ("exhibitors", "organization_id"): "organizations",
    ("event_plans", "event_id"): "events",
    ("event_plans", "contact_id"): "contacts",
    ("event_plans", "interaction_id"): "interactions",
}

# Settings a database cannot work without: when the backup has the table, these must hold.
TIER_LIMITS = {"cadence_days": (1, 3650), "grace_factor": (1, 5), "birthday_lead_days": (0, 60)}
TIERS = ("A", "B", "C", "D")

_INTEGER_RANGES = {
    "TINYINT": (-(2**7), 2**7 - 1), "SMALLINT": (-(2**15), 2**15 - 1), "INTEGER": (-(2**31), 2**31 - 1),
    "BIGINT": (-(2**63), 2**63 - 1), "UTINYINT": (0, 2**8 - 1), "USMALLINT": (0, 2**16 - 1),
    "UINTEGER": (0, 2**32 - 1), "UBIGINT": (0, 2**64 - 1), "HUGEINT": (-(2**127), 2**127 - 1),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_SURROGATE = re.compile("[\ud800-\udfff]")


class BackupError(UserError):
    """A backup that cannot be restored, or a database that cannot take it; the message names the reason."""


class BackupFieldError(BackupError):
    """One value is wrong: the message names the table, the row (1 = the first in the file), the field and what
    is wrong with it, in the reader's language."""

    def __init__(self, table: str, row: int, field: str, problem: str, **details: Any) -> None:
        self.problem = problem
        self.details = details
        super().__init__("export.restore_bad_field", table=table, row=row, field=field)

    def message(self, lang: str, inert: Callable[[str], str] | None = None) -> str:
        keep = inert or (lambda text: text)
        details = {k: v if isinstance(v, int) and not isinstance(v, bool) else keep(str(v))
                   for k, v in self.details.items()}
        details = {k: format_number(v, lang) if isinstance(v, int) else v for k, v in details.items()}
        problem = translate(lang, f"export.problem_{self.problem}", **details)
        return translate(lang, "export.restore_bad_field", table=keep(str(self.values["table"])),
                         row=format_number(int(self.values["row"]), lang), field=keep(str(self.values["field"])),
                         problem=problem)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str                    # DuckDB type as information_schema spells it: VARCHAR, VARCHAR[], BLOB, ...
    nullable: bool = True
    has_default: bool = False


class LongNumber:
    """A number in the file too long to be any field's value; kept as its length so it is never converted
    (Python refuses to convert more than 4,300 digits, and a 2^63 would overflow every column anyway)."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = sum(ch.isdigit() for ch in text)


class NotFinite:
    """NaN, Infinity or a float literal too large for a double."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text[:20]


def parse_int(text: str) -> int | LongNumber:
    return LongNumber(text) if len(text) > MAX_NUMBER_DIGITS else int(text)


def parse_float(text: str) -> float | LongNumber | NotFinite:
    if len(text) > 64:
        return LongNumber(text)
    value = float(text)
    return value if math.isfinite(value) else NotFinite(text)


def shown(value: Any) -> str:
    """A short, quoted rendering of a value for a message (never the whole of a long text)."""
    if isinstance(value, LongNumber):
        return f"<{value.digits} digits>"
    if isinstance(value, NotFinite):
        return value.text
    if isinstance(value, str):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
        return json.dumps(text[:40] + ("…" if len(text) > 40 else ""), ensure_ascii=False)
    if isinstance(value, list | dict):
        return "[…]" if isinstance(value, list) else "{…}"
    return json.dumps(value)


# --- one value ----------------------------------------------------------------------------------------------------


def _text_problem(value: Any, limit: int = MAX_TEXT) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(value, str):
        return "text", {"value": shown(value)}
    if len(value) > limit:
        return "too_long", {"size": len(value), "limit": limit}
    surrogate = _SURROGATE.search(value)
    if surrogate:
        return "surrogate", {"code": f"U+{ord(surrogate.group()):04X}", "position": surrogate.start() + 1}
    return None


def value_problem(value: Any, column: Column) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with `value` for `column` (an i18n problem key and its details), or None."""
    kind = column.type
    if value is None:
        return None if column.nullable else ("null", {})
    if isinstance(value, LongNumber):
        return "long_number", {"digits": value.digits}
    if isinstance(value, NotFinite):
        return "not_finite", {"value": value.text}
    if kind in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[kind]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            return "integer", {"value": shown(value), "low": low, "high": high}
        return None
    if kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return "number", {"value": shown(value)}
        return None
    if kind == "BOOLEAN":
        return None if isinstance(value, bool) else ("boolean", {"value": shown(value)})
    if kind == "VARCHAR":
        return _text_problem(value)
    if kind == "DATE":
        return _date_problem(value)
    if kind.startswith("TIMESTAMP"):
        return _timestamp_problem(value)
    if kind.endswith("[]"):
        return _list_problem(value)
    if kind == "BLOB":
        return _blob_problem(value)
    if kind == "JSON":
        return _json_problem(value)
    if isinstance(value, list | dict):      # a type this check does not know: at least no nesting
        return "scalar", {"value": shown(value)}
    if isinstance(value, str):
        return _text_problem(value)
    return None


def _date_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return "date", {"value": shown(value)}
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return "date", {"value": shown(value)}
    return None


def _timestamp_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return "timestamp", {"value": shown(value)}
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return "timestamp", {"value": shown(value)}
    return None


def _list_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(value, list):
        return "list", {"value": shown(value)}
    if len(value) > MAX_LIST_ITEMS:
        return "too_many", {"count": len(value), "limit": MAX_LIST_ITEMS}
    for item in value:
        problem = _text_problem(item)
        if problem:
            return ("list", {"value": shown(item)}) if problem[0] == "text" else problem
    return None


def _blob_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(value, str):
        return "blob", {"value": shown(value)}
    if len(value) > MAX_BLOB_TEXT:
        return "too_long", {"size": len(value), "limit": MAX_BLOB_TEXT}
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return "blob", {"value": shown(value)}
    return None


def _json_problem(value: Any) -> tuple[str, dict[str, Any]] | None:
    problem = _text_problem(value, MAX_JSON_TEXT)
    if problem:
        return problem
    try:
        json.loads(value, parse_int=parse_int, parse_float=parse_float, parse_constant=NotFinite)
    except (ValueError, RecursionError):
        return "json", {"value": shown(value)}
    return None


# --- the whole document -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schema:
    """What the target database expects: its columns, keys and CHECK constraints per table."""

    columns: dict[str, list[Column]]
    keys: dict[str, list[tuple[str, ...]]]          # primary key and unique column sets
    checks: dict[str, list[tuple[str, tuple[str, ...]]]]   # (expression, columns it reads)


def read_schema(con: netzdb.Connection) -> Schema:
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES', c.column_default IS NOT NULL "
        "FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    columns: dict[str, list[Column]] = {}
    for table, name, kind, nullable, has_default in rows:
        if table != "schema_migrations":
            columns.setdefault(table, []).append(Column(name, kind, bool(nullable), bool(has_default)))
    keys: dict[str, list[tuple[str, ...]]] = {}
    checks: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for table, kind, expression, names in con.execute(
        "SELECT table_name, constraint_type, expression, constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'main' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'CHECK')"
    ).fetchall():
        if kind == "CHECK":
            checks.setdefault(table, []).append((expression, tuple(dict.fromkeys(names))))
        else:
            keys.setdefault(table, []).append(tuple(names))
    return Schema(columns, keys, checks)


def check_document(document: dict[str, Any], schema: Schema) -> dict[str, list[Column]]:
    """Check every table, row and value of a parsed backup against the schema; returns per table the columns
    to restore. Raises BackupError (table level) or BackupFieldError (one value)."""
    tables = document["tables"]
    chosen = _restorable_columns(document, schema)
    for table, rows in tables.items():
        declared = set(document["columns"][table])
        columns = chosen[table]
        missing = [c.name for c in schema.columns[table]
                   if c.name not in declared and not c.nullable and not c.has_default]
        if missing and rows:
            raise BackupFieldError(table, 1, missing[0], "null")
        for position, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise BackupError("export.restore_bad_row", table=table, row=position)
            unknown = next((key for key in row if key not in declared), None)
            if unknown is not None:
                raise BackupFieldError(table, position, str(unknown)[:60], "unknown_field")
            for column in columns:
                problem = value_problem(row.get(column.name), column)
                if problem:
                    raise BackupFieldError(table, position, column.name, problem[0], **problem[1])
        _check_keys(table, rows, schema.keys.get(table, []))
    _check_settings(tables)
    _check_birthdays(tables.get("contacts", []))
    _check_references(tables)
    return chosen


def _restorable_columns(document: dict[str, Any], schema: Schema) -> dict[str, list[Column]]:
    chosen: dict[str, list[Column]] = {}
    for table, rows in document["tables"].items():
        if table not in schema.columns:
            raise BackupError("export.restore_unknown_table", table=shown(table))
        if not isinstance(rows, list):
            raise BackupError("export.restore_bad_row", table=table, row=0)
        declared = document["columns"].get(table)
        if not isinstance(declared, dict):
            raise BackupError("export.restore_not_backup")
        known = {c.name: c for c in schema.columns[table]}
        unknown = sorted(shown(name) for name in set(declared) - set(known))
        if unknown:
            raise BackupError("export.restore_unknown_column", table=table, column=", ".join(unknown[:5]))
        chosen[table] = [c for c in schema.columns[table] if c.name in declared]
    return chosen


def _check_keys(table: str, rows: list[dict[str, Any]], keys: Iterable[tuple[str, ...]]) -> None:
    for key in keys:
        seen: dict[tuple[Any, ...], int] = {}
        for position, row in enumerate(rows, start=1):
            value = tuple(_hashable(row.get(name)) for name in key)
            if any(v is None for v in value):
                continue
            first = seen.setdefault(value, position)
            if first != position:
                raise BackupFieldError(table, position, ", ".join(key), "duplicate", other=first)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _check_settings(tables: dict[str, Any]) -> None:
    if "profile" in tables and len(tables["profile"]) != 1:
        raise BackupError("export.restore_profile_count", count=len(tables["profile"]))
    if "tier_cadence" in tables:
        rows = tables["tier_cadence"]
        found = sorted(str(row.get("tier")) for row in rows)
        if found != list(TIERS):
            raise BackupError("export.restore_tiers_missing", tiers=", ".join(found) or "-")
        for position, row in enumerate(rows, start=1):
            for name, (low, high) in TIER_LIMITS.items():
                value = row.get(name)
                if value is not None and name in row and not low <= value <= high:
                    raise BackupFieldError("tier_cadence", position, name, "range", value=shown(value),
                                           low=low, high=high)


def _check_birthdays(contacts: list[dict[str, Any]]) -> None:
    """A birthday is a day that exists (no 30 February, no month 13), with or without a year; a year alone is
    kept as it is, if it is one."""
    for position, row in enumerate(contacts, start=1):
        year, month, day = row.get("birthday_year"), row.get("birthday_month"), row.get("birthday_day")
        if year is not None and not 1 <= year <= 9999:
            raise BackupFieldError("contacts", position, "birthday_year", "range", value=shown(year),
                                   low=1, high=9999)
        if month is None and day is None:
            continue
        if month is None or day is None:
            raise BackupFieldError("contacts", position, "birthday_month" if month is None else "birthday_day",
                                   "birthday", value=f"{year or '----'}-{month}-{day}")
        try:
            dt.date(2000 if year is None else year, month, day)
        except ValueError:
            field = "birthday_day" if 1 <= month <= 12 else "birthday_month"
            raise BackupFieldError("contacts", position, field, "birthday",
                                   value=f"{year or '----'}-{month}-{day}") from None


def _check_references(tables: dict[str, Any]) -> None:
    ids: dict[str, set[Any]] = {}
    for (table, column), target in REFERENCES.items():
        if table not in tables:
            continue
        known = ids.get(target)
        if known is None:
            known = ids[target] = {row.get("id") for row in tables.get(target, [])}
        for position, row in enumerate(tables[table], start=1):
            value = row.get(column)
            if value is not None and value not in known:
                raise BackupFieldError(table, position, column, "reference", target=target, value=shown(value))


def first_check_violation(con: netzdb.Connection, table: str, columns: list[Column],
                          checks: list[tuple[str, tuple[str, ...]]]) -> tuple[int, str, str] | None:
    """(row, field, rule) of the first row in the registered `restore_rows` that breaks one of the table's CHECK
    constraints, evaluated on the values as they would be stored."""
    present = {c.name for c in columns}
    typed = ", ".join(
        f"from_base64({_quote(c.name)}) AS {_quote(c.name)}" if c.type == "BLOB"
        else f"CAST({_quote(c.name)} AS {c.type}) AS {_quote(c.name)}" for c in columns)
    for expression, names in checks:
        if not set(names) <= present:
            continue
        found = con.execute(
            f"SELECT __row FROM (SELECT __row, {typed} FROM restore_rows) "  # noqa: S608
            f"WHERE NOT coalesce(({expression}), true) ORDER BY __row LIMIT 1"
        ).fetchall()
        if found:
            return int(found[0][0]), ", ".join(names), expression
    return None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

"""Full backup of the whole database as one versioned JSON document, and its restore into an empty database.

The format is documented in docs/backup-format.md. It extends `netz export --format json`: its `contacts` part
is that export, for scripts; `tables` holds every table with every column, so a restore gives back the same rows,
keys and timestamps; the restore runs in one transaction and leaves the database as it was
when anything is wrong or the process dies half-way.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from netzcore import db as netzdb
from netzcore.exporters.backup_check import (
    BackupError,
    BackupFieldError,
    Column,
    NotFinite,
    Schema,
    check_document,
    first_check_violation,
    parse_float,
    parse_int,
    read_schema,
)
from netzcore.exporters.contacts_json import contacts_document
from netzcore.i18n import os_error
from netzcore.safe_write import write_text_atomically

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT = "netz-backup"
FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 512 * 1024 * 1024
# The header (`format` first, as netz writes it) must show within this many bytes: a file that is no backup is
# refused after reading them, whatever its size.
HEAD_BYTES = 64 * 1024
# Tables that describe the file rather than the network: written as schema_version, never restored as rows.
_META_TABLES = ("schema_migrations",)

Progress = Callable[[str, int], None]


__all__ = ["BackupError", "BackupFieldError", "Column", "RestoreReport", "backup_bytes", "backup_to_file",
           "default_backup_path", "restore", "restore_bytes", "restore_file"]


@dataclass(frozen=True, slots=True)
class RestoreReport:
    schema_version: int
    created_at: str
    rows: dict[str, int] = field(default_factory=dict)   # table -> rows restored
    dry_run: bool = False

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_columns(con: netzdb.Connection) -> dict[str, list[Column]]:
    """Every user table of the database with its columns in order (schema_migrations left out)."""
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    tables: dict[str, list[Column]] = {}
    for table, column, data_type in rows:
        if table not in _META_TABLES:
            tables.setdefault(table, []).append(Column(column, data_type))
    return tables


def _json_select(column: Column) -> str:
    """The column as it goes into JSON: bytes as base64, JSON documents as their exact text."""
    name = _quote(column.name)
    if column.type == "BLOB":
        return f"base64({name}) AS {name}"
    if column.type == "JSON":
        return f"CAST({name} AS VARCHAR) AS {name}"
    return name


def _row_lines(con: netzdb.Connection, table: str, columns: list[Column]) -> Iterator[str]:
    """One compact JSON object per row, serialised by DuckDB, in key order so backups are comparable."""
    select = ", ".join(_json_select(c) for c in columns)
    result = con.execute(
        f"SELECT CAST(to_json(r) AS VARCHAR) FROM (SELECT {select} FROM {_quote(table)} ORDER BY ALL) r"  # noqa: S608
    )
    while chunk := result.fetchmany(10_000):
        for (line,) in chunk:
            yield line


def write_backup(con: netzdb.Connection, out: Any, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Write the whole database to a text stream; returns rows per table.

    Runs inside one read transaction so the tables agree with each other even while the app writes.
    """
    created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    counts: dict[str, int] = {}
    cursor = con.cursor()
    try:
        cursor.execute("BEGIN TRANSACTION")
        tables = table_columns(cursor)
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": netzdb.schema_version(cursor),
            "created_at": created.isoformat().replace("+00:00", "Z"),
        }
        out.write("{\n" + "".join(f" {json.dumps(k)}: {json.dumps(v)},\n" for k, v in header.items()))
        contacts = contacts_document(cursor)["contacts"]
        out.write(' "contacts": [' + ",".join(
            "\n  " + json.dumps(contact, ensure_ascii=False, default=str) for contact in contacts
        ) + ("\n ],\n" if contacts else "],\n"))
        out.write(' "columns": {' + ",".join(
            f"\n  {json.dumps(table)}: {json.dumps({c.name: c.type for c in cols})}" for table, cols in tables.items()
        ) + "\n },\n")
        out.write(' "tables": {')
        for position, (table, columns) in enumerate(tables.items()):
            out.write(("," if position else "") + f"\n  {json.dumps(table)}: [")
            count = 0
            for line in _row_lines(cursor, table, columns):
                out.write(("," if count else "") + "\n   " + line)
                count += 1
            out.write("\n  ]" if count else "]")
            counts[table] = count
        out.write("\n }\n}\n")
        cursor.execute("COMMIT")
    finally:
        cursor.close()
    return counts


def backup_bytes(con: netzdb.Connection, *, now: dt.datetime | None = None) -> bytes:
    buffer = io.StringIO()
    write_backup(con, buffer, now=now)
    return buffer.getvalue().encode("utf-8")


def backup_file_name(db_path: Path, now: dt.datetime | None = None) -> str:
    """netz-20261124-2130.json for netz.duckdb, netz-demo-20261124-2130.json for demo.duckdb: backups of two
    databases in one folder are told apart by name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    stem = re.sub(r"[^\w.-]+", "-", db_path.stem).strip("-.") or "netz"
    return f"netz-{stamp}.json" if stem == "netz" else f"netz-{stem}-{stamp}.json"


def default_backup_path(db_path: Path, now: dt.datetime | None = None) -> Path:
    """data/backups/netz-20261124-2130.json beside the database; -2, -3 ... when that minute is taken."""
    folder = db_path.parent / "backups"
    candidate = folder / backup_file_name(db_path, now)
    number = 2
    while candidate.exists():
        candidate = candidate.with_name(f"{backup_file_name(db_path, now).removesuffix('.json')}-{number}.json")
        number += 1
    return candidate


def backup_to_file(con: netzdb.Connection, target: Path) -> dict[str, int]:
    """Write the backup to `target` through a temporary file that is synced and renamed: a full disk or a crash
    never leaves half a backup (or an empty file) there."""
    counts: dict[str, int] = {}
    write_text_atomically(target, lambda out: counts.update(write_backup(con, out)), make_folder=True)
    return counts


# --- restore ----------------------------------------------------------------------------------------------------


def read_backup_file(path: Path, max_bytes: int = MAX_BACKUP_BYTES) -> bytes:
    """The file's bytes, once its first HEAD_BYTES show a netz backup header: a large file that is no backup is
    refused after those, not after reading (and parsing) all of it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            check_head(head)
            if size > max_bytes:
                raise BackupError("export.restore_too_large", size=_mib(size), limit=_mib(max_bytes))
            rest = handle.read(max_bytes + 1 - len(head))
    except OSError as error:
        raise BackupError("export.restore_unreadable", reason=os_error(error)) from error
    return head + rest


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


_FORMAT_KEY = re.compile(r'"format"\s*:\s*"netz-backup"')
_VERSION_KEY = re.compile(r'"format_version"\s*:\s*(-?\d{1,9})\b')


def check_head(head: bytes) -> None:
    """Refuse from the first bytes alone: empty, binary, not UTF-8, not a JSON object, no netz header, or a
    newer format. Cheap, and before anything large is read or parsed."""
    if not head.strip():
        raise BackupError("export.restore_empty_file")
    if b"\x00" in head:
        raise BackupError("export.restore_binary")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(head.removeprefix(codecs.BOM_UTF8), final=len(head) < HEAD_BYTES)
    except UnicodeDecodeError as error:
        raise BackupError("export.restore_encoding", position=error.start) from error
    if not text.lstrip().startswith("{") or not _FORMAT_KEY.search(text):
        raise BackupError("export.restore_not_backup")
    version = _VERSION_KEY.search(text)
    if version and int(version.group(1)) > FORMAT_VERSION:
        raise BackupError("export.restore_format_too_new", found=version.group(1), known=FORMAT_VERSION)


def parse_backup(data: bytes, max_bytes: int = MAX_BACKUP_BYTES) -> dict[str, Any]:
    """Bytes -> the backup document, refusing what is too large, binary, wrongly encoded, truncated, nested
    too deeply or foreign. Numbers are never converted from more than 20 digits; nesting deeper than Python's
    recursion limit ends the parse with a refusal, not a crash."""
    if len(data) > max_bytes:
        raise BackupError("export.restore_too_large", size=_mib(len(data)), limit=_mib(max_bytes))
    check_head(data[:HEAD_BYTES])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BackupError("export.restore_encoding", position=error.start) from error
    try:
        document = json.loads(text, parse_int=parse_int, parse_float=parse_float, parse_constant=NotFinite)
    except RecursionError as error:
        raise BackupError("export.restore_too_deep") from error
    except json.JSONDecodeError as error:
        body = text.strip()
        if body.startswith("{") and (not body.endswith("}") or error.pos >= len(body) - 1):
            raise BackupError("export.restore_truncated") from error
        raise BackupError("export.restore_not_json", line=error.lineno, column=error.colno) from error
    except ValueError as error:
        raise BackupError("export.restore_not_json", line=0, column=0) from error
    del text
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("export.restore_not_backup")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise BackupError("export.restore_format_too_new", found=str(version)[:20], known=FORMAT_VERSION)
    schema = document.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise BackupError("export.restore_not_backup")
    if not isinstance(document.get("tables"), dict) or not isinstance(document.get("columns"), dict):
        raise BackupError("export.restore_not_backup")
    return document


@cache
def seeded_tables() -> frozenset[str]:
    """Tables a freshly migrated database already fills (profile, care settings): not the user's data."""
    fresh = netzdb.connect_memory()
    try:
        return frozenset(table for table in table_columns(fresh) if _count(fresh, table))
    finally:
        fresh.close()


def user_data_counts(con: netzdb.Connection) -> dict[str, int]:
    """Rows in the tables a freshly created database leaves empty: the user's own data."""
    counts = {table: _count(con, table) for table in table_columns(con) if table not in seeded_tables()}
    return {table: n for table, n in counts.items() if n}


def _count(con: netzdb.Connection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def is_empty(con: netzdb.Connection) -> bool:
    return not user_data_counts(con)


def _arrow_column(values: list[Any], column: Column, table: str) -> pa.Array:
    import pyarrow as pa  # only a restore needs it: every other `netz` command starts ~0.1 s sooner

    try:
        if column.type in ("BLOB", "JSON", "DATE", "TIME") or column.type.startswith("TIMESTAMP"):
            return pa.array(values, type=pa.string())
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as error:
        raise BackupError("export.restore_bad_value", table=table, column=column.name,
                          reason=str(error)[:200]) from error


def _insert_sql(table: str, columns: list[Column]) -> str:
    names = ", ".join(_quote(c.name) for c in columns)
    values = [
        f"from_base64({_quote(c.name)})" if c.type == "BLOB" else f"CAST({_quote(c.name)} AS {c.type})"
        for c in columns
    ]
    return f"INSERT INTO {_quote(table)} ({names}) SELECT {', '.join(values)} FROM restore_rows ORDER BY __row"  # noqa: S608


def _rows_table(table: str, columns: list[Column], rows: list[Any]) -> pa.Table:
    import pyarrow as pa

    arrays = [_arrow_column([row.get(c.name) for row in rows], c, table) for c in columns]
    arrays.append(pa.array(range(1, len(rows) + 1), type=pa.int64()))
    return pa.table(arrays, names=[*(c.name for c in columns), "__row"])


def _check_rules(con: netzdb.Connection, table: str, columns: list[Column],
                 checks: list[tuple[str, tuple[str, ...]]]) -> None:
    broken = first_check_violation(con, table, columns, checks)
    if broken:
        row, field_name, rule = broken
        raise BackupFieldError(table, row, field_name, "rule", rule=rule[:200])


def check_rules(con: netzdb.Connection, document: dict[str, Any], columns: dict[str, list[Column]],
                schema: Schema) -> None:
    """Every CHECK constraint of the schema on every table of the backup, without writing anything."""
    for table, rows in document["tables"].items():
        if not rows or not schema.checks.get(table):
            continue
        con.register("restore_rows", _rows_table(table, columns[table], rows))
        try:
            _check_rules(con, table, columns[table], schema.checks[table])
        except duckdb.Error as error:
            raise BackupError("export.restore_bad_table", table=table,
                              reason=str(error).splitlines()[0][:300]) from error
        finally:
            con.unregister("restore_rows")


def _restore_table(con: netzdb.Connection, table: str, columns: list[Column], rows: list[Any],
                   checks: list[tuple[str, tuple[str, ...]]]) -> None:
    """Insert one checked table; a CHECK constraint a row breaks is named with its row and field first."""
    if not rows:
        return
    con.register("restore_rows", _rows_table(table, columns, rows))
    try:
        _check_rules(con, table, columns, checks)
        con.execute(_insert_sql(table, columns))
    except duckdb.Error as error:
        if netzdb.storage_error(error, Path(table)) is not None:
            raise
        reason = str(error).splitlines()[0][:300]
        raise BackupError("export.restore_bad_table", table=table, reason=reason) from error
    finally:
        con.unregister("restore_rows")


def restore(con: netzdb.Connection, document: dict[str, Any], *, dry_run: bool = False,
            progress: Progress | None = None) -> RestoreReport:
    """Put a parsed backup into this EMPTY database in one transaction (rolled back on dry_run or any error).

    Tables the migrations seed (profile, care settings) are replaced by the backup's rows.
    """
    found = document["schema_version"]
    known = netzdb.schema_version(con)
    if found > known:
        raise BackupError("export.restore_schema_too_new", found=found, known=known)
    data = user_data_counts(con)
    if data:
        summary = ", ".join(f"{table} {n}" for table, n in sorted(data.items()))
        raise BackupError("export.restore_not_empty", tables=summary)
    schema = read_schema(con)
    columns = check_document(document, schema)
    rows: dict[str, int] = {}
    cursor = con.cursor()
    try:
        with netzdb.transaction(cursor):
            for table, table_rows in document["tables"].items():
                if progress and table_rows:
                    progress(table, len(table_rows))
                cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608
                _restore_table(cursor, table, columns[table], table_rows, schema.checks.get(table, []))
                rows[table] = len(table_rows)
            if dry_run:
                raise _DryRunDone
    except _DryRunDone:
        pass
    finally:
        cursor.close()
    return RestoreReport(found, str(document.get("created_at", "")), rows, dry_run)


class _DryRunDone(Exception):
    """Leaves the restore's transaction by rollback once everything was checked."""


def checked_backup_file(path: Path, max_bytes: int = MAX_BACKUP_BYTES) -> dict[str, Any]:
    """Read, parse and check a backup against the schema of a new database, before any database is opened:
    `netz import --db new.duckdb hostile.json` refuses without creating new.duckdb."""
    document = parse_backup(read_backup_file(path, max_bytes), max_bytes)
    fresh = netzdb.connect_memory()
    try:
        known = netzdb.schema_version(fresh)
        if document["schema_version"] > known:
            raise BackupError("export.restore_schema_too_new", found=document["schema_version"], known=known)
        schema = read_schema(fresh)
        check_rules(fresh, document, check_document(document, schema), schema)
    finally:
        fresh.close()
    return document


def restore_bytes(con: netzdb.Connection, data: bytes, *, dry_run: bool = False,
                  progress: Progress | None = None, max_bytes: int = MAX_BACKUP_BYTES) -> RestoreReport:
    return restore(con, parse_backup(data, max_bytes), dry_run=dry_run, progress=progress)


def restore_file(con: netzdb.Connection, path: Path, *, dry_run: bool = False,
                 progress: Progress | None = None, max_bytes: int = MAX_BACKUP_BYTES) -> RestoreReport:
    return restore_bytes(con, read_backup_file(path, max_bytes), dry_run=dry_run, progress=progress,
                         max_bytes=max_bytes)

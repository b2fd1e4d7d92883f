"""Open the DuckDB file, apply migrations, run short transactions, and turn lock errors into clear messages."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from netzcore import dbfile

Connection = duckdb.DuckDBPyConnection

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "netz.duckdb"

# No network at run time: never download or autoload an extension.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class NetzDBError(Exception):
    """A database problem with a message meant for the user: `key` names it in the `db` catalog (German and
    English), `message(lang)` writes it; `str()` is the English message."""

    def __init__(self, key: str, path: Path | None = None, **values: Any) -> None:
        self.key = key
        self.path = path
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        from netzcore.i18n import translate

        values = {k: translate(lang, v) if k == "reason" and str(v).startswith("db.") else v
                  for k, v in self.values.items()}
        return translate(lang, self.key, path=str(self.path), **values) if self.path else translate(
            lang, self.key, **values)


class DatabaseLocked(NetzDBError):
    def __init__(self, path: Path, holder: str | None) -> None:
        self.holder = holder
        super().__init__("db.locked", path, holder=holder or "?")


class DatabaseTooNew(NetzDBError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__("db.too_new", path, found=found, known=known)


class NotADatabase(NetzDBError):
    """A file of another kind, or a DuckDB file netz did not make; `reason` is a `db.reason_*` key."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("db.not_netz", path, reason=reason)


class DatabaseDamaged(NetzDBError):
    """Checksums or length do not add up: the file must not be written to; a backup brings the data back."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.detail = detail
        super().__init__("db.damaged", path)


class DatabaseMissing(NetzDBError):
    """A command that only reads was pointed at a file that does not exist (a typo in --db): nothing is created."""

    def __init__(self, path: Path) -> None:
        super().__init__("db.missing", path)


class DatabaseReadOnly(NetzDBError):
    def __init__(self, path: Path) -> None:
        super().__init__("db.read_only", path)


class DiskFull(NetzDBError):
    """No space left: the transaction that hit it was rolled back; `saved` when it had committed to the journal
    (the .wal beside the file) and only folding it into the file failed."""

    def __init__(self, path: Path, saved: bool = False) -> None:
        self.saved = saved
        super().__init__("db.disk_full_saved" if saved else "db.disk_full", path)


class DatabaseStopped(NetzDBError):
    """DuckDB invalidated the database after a fatal error of another kind; reopening it is the cure."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.detail = detail
        super().__init__("db.stopped", path)


def storage_error(error: BaseException, path: Path, *, any_file: bool = False) -> NetzDBError | None:
    """The user's view of an error that is about the file, not the data: disk full, read-only, damaged, or a
    database DuckDB stopped after such an error. None for anything else (a bug, a constraint). An OSError counts
    only when it is about `path` (or its journal), unless `any_file` (opening the database: its folder too)."""
    if isinstance(error, NetzDBError):
        return error
    if isinstance(error, OSError):
        if not any_file and error.filename and not str(error.filename).startswith(str(path)):
            return None                     # about another file (an upload, an export target): not the database
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(path)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseReadOnly(path)
        return None
    if not isinstance(error, duckdb.Error):
        return None
    text = str(error).lower()
    if "no space left on device" in text or "disk quota exceeded" in text:
        return DiskFull(path)
    if "read-only file system" in text or "permission denied" in text:
        return DatabaseReadOnly(path)
    if any(mark in text for mark in _DAMAGE_MARKS):
        return DatabaseDamaged(path, str(error).splitlines()[0])
    if isinstance(error, duckdb.FatalException) or "has been invalidated" in text:
        return DatabaseStopped(path, str(error).splitlines()[0])
    return None


def is_invalidated(error: BaseException) -> bool:
    """After this error DuckDB refuses every further query on the connection: it must be closed and reopened."""
    return isinstance(error, duckdb.FatalException) or "has been invalidated" in str(error)


_DAMAGE_MARKS = ("corrupt database file", "could not read enough bytes", "checksum", "invalid block")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use: the explicit path, else NETZ_DB, else data/netz.duckdb."""
    if path:
        return Path(path).expanduser().resolve()
    env = os.environ.get("NETZ_DB")
    if env:
        return Path(env).expanduser().resolve()
    return DEFAULT_DB


def migrations() -> list[Migration]:
    found = []
    for entry in resources.files("netzcore.migrations").iterdir():
        match = re.fullmatch(r"(\d{3})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def applied_versions(con: Connection) -> set[int]:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {int(r[0]) for r in con.execute("SELECT version FROM schema_migrations").fetchall()}


def schema_version(con: Connection) -> int:
    return max(applied_versions(con), default=0)


# Steps in Python that run with a migration on a database made before it (never on a new one): keys that SQL
# cannot compute. Named as "module:function", imported only when needed.
_PYTHON_STEPS = {110: "netzcore.organizations:refresh_organization_keys",
                 165: "netzcore.contacts:clear_stored_no_values"}


def _python_step(con: Connection, version: int) -> None:
    import importlib

    module, _, function = _PYTHON_STEPS[version].partition(":")
    getattr(importlib.import_module(module), function)(con)


def migrate(con: Connection, path: Path | None = None) -> int:
    """Apply pending migrations, each in its own transaction; refuse a file from a newer netz."""
    known = migrations()
    path = path or Path(":memory:")
    applied = applied_versions(con)
    newest = max((m.version for m in known), default=0)
    current = max(applied, default=0)
    if current > newest:
        raise DatabaseTooNew(path, current, newest)
    if not applied:
        others = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchone()
        if others and others[0]:
            raise NotADatabase(path, "db.reason_foreign_tables")
    for migration in (m for m in known if m.version not in applied):
        with transaction(con):
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
            con.execute(migration.sql)
            if applied and migration.version in _PYTHON_STEPS:
                _python_step(con, migration.version)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [migration.version, migration.name]
            )
    return newest


def _lock_holder(message: str) -> str | None:
    match = re.search(r"PID (\d+)", message)
    return match.group(1) if match else None


# The last full check of each file this process made: `netz check` reports how many blocks it verified.
_FULL_CHECKS: dict[Path, dbfile.FileCheck] = {}


def check_file(path: Path, *, full: bool = False) -> dbfile.FileCheck | None:
    """Refuse a file that is damaged or of another kind before DuckDB opens it (and perhaps writes to it).

    The quick check reads the headers and compares the length; the full one also verifies every block.
    """
    if path.is_dir():
        raise NotADatabase(path, "db.reason_folder")
    try:
        found = dbfile.full_check(path) if full else dbfile.quick_check(path)
        if found is not None and found.let_go:
            _read_all_or_refuse(path, found)
        if full and found is not None:
            _FULL_CHECKS[path] = found
        return found
    except dbfile.FileCheckError as problem:
        if problem.kind == "foreign":
            raise NotADatabase(path, "db.reason_not_duckdb") from problem
        raise DatabaseDamaged(path, problem.detail) from problem
    except OSError as error:
        raise storage_error(error, path, any_file=True) or NotADatabase(path, error.strerror or str(error)) from error


def _read_all_or_refuse(path: Path, found: dbfile.FileCheck) -> None:
    """A file whose last blocks are gone: whole when DuckDB let them go as free (it cuts them off after writing a
    header that still counts them), cut short when a table needs one. DuckDB reads every table to tell."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        if isinstance(_open_error(error, path), DatabaseLocked):
            return                                            # in use: the caller's open says so
        raise dbfile.FileCheckError("damaged", f"{found.let_go} blocks missing at the end: {error}") from error
    try:
        _read_every_table(con)
    except duckdb.Error as error:
        raise dbfile.FileCheckError("damaged", f"{found.let_go} blocks missing at the end: {error}") from error
    finally:
        con.close()


def _read_every_table(con: Connection) -> dict[str, int]:
    """Every row of every table read through DuckDB (a block that fails its checksum or is missing raises), counted."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    rows: dict[str, int] = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        found = con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {quoted} t").fetchone()  # noqa: S608
        rows[table] = int(found[0]) if found else 0
    return rows


def _open_error(error: duckdb.Error, path: Path) -> NetzDBError:
    text = str(error)
    if isinstance(error, duckdb.IOException) and "lock" in text.lower():
        return DatabaseLocked(path, _lock_holder(text))
    if "not a valid duckdb database" in text.lower():
        return NotADatabase(path, "db.reason_not_duckdb")
    return storage_error(error, path) or NotADatabase(path, text.splitlines()[0])


def connect(path: str | os.PathLike[str] | None = None, *, create: bool = True, full_check: bool = False,
            read_only: bool = False) -> Connection:
    """Open the database file (creating it only when `create`), check it, and bring its schema up to date.

    Every problem with the file is a NetzDBError with the user's message: missing (only with create=False, and
    then nothing is created, not even the folder), in use, read-only, disk full, damaged, of another kind or from
    a newer netz. `full_check` verifies every block's checksum first (commands that write, `netz check`, the app).
    """
    db_path = resolve_path(path)
    if not db_path.exists():
        if not create:
            raise DatabaseMissing(db_path)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise (storage_error(error, db_path, any_file=True)
                   or NotADatabase(db_path, error.strerror or str(error))) from error
    else:
        check_file(db_path, full=full_check)
    try:
        con = duckdb.connect(str(db_path), config=_CONFIG, read_only=read_only)
    except duckdb.Error as error:
        raise _open_error(error, db_path) from error
    try:
        if read_only:
            _refuse_other_schema(con, db_path)
        else:
            migrate(con, db_path)
    except duckdb.Error as error:
        con.close()
        problem = storage_error(error, db_path)
        if problem is not None:
            raise problem from error
        raise
    except BaseException:
        con.close()
        raise
    return con


def _refuse_other_schema(con: Connection, path: Path) -> None:
    """A read-only connection cannot migrate: it takes the file as it is, if it is a netz database."""
    newest = max((m.version for m in migrations()), default=0)
    current = schema_version(con)
    if current > newest:
        raise DatabaseTooNew(path, current, newest)
    if current == 0:
        raise NotADatabase(path, "db.reason_foreign_tables")


@dataclass(frozen=True, slots=True)
class DatabaseReport:
    """What `netz check` found: the file, its blocks, the schema, the rows of every table."""

    path: Path
    size: int
    blocks: int
    verified: int               # blocks whose checksum netz verified itself (0: layout unknown, DuckDB read all)
    schema_version: int
    newest: int
    rows: dict[str, int]
    archived: int


def database_report(con: Connection, path: Path) -> DatabaseReport:
    """Read every table in full through DuckDB (each block it reads is checked against its checksum: a damaged
    one raises an error that storage_error names) and count its rows."""
    rows = _read_every_table(con)
    archived = con.execute("SELECT count(*) FROM contacts WHERE archived").fetchone()
    checked = _FULL_CHECKS.get(path)
    size_row = con.execute("SELECT total_blocks FROM pragma_database_size()").fetchone()
    return DatabaseReport(
        path=path, size=path.stat().st_size, blocks=checked.blocks if checked else int(size_row[0] if size_row else 0),
        verified=checked.verified if checked else 0, schema_version=schema_version(con),
        newest=max((m.version for m in migrations()), default=0),
        rows={t: n for t, n in rows.items() if t != "schema_migrations"},
        archived=int(archived[0]) if archived else 0)


def checkpoint(con: Connection, path: Path) -> None:
    """Fold the journal (.wal) into the file now, so a full disk is reported rather than met silently at close.

    What was committed is safe in the journal either way; DiskFull(saved=True) says so.
    """
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as error:
        problem = storage_error(error, path)
        if isinstance(problem, DiskFull):
            raise DiskFull(path, saved=True) from error
        if problem is not None:
            raise problem from error
        raise


@contextmanager
def registered(con: Connection, name: str, table: Any) -> Iterator[None]:
    """An Arrow table (or data frame) readable as `name` by the queries on `con` for the time of the block."""
    con.complete()  # a result read in part (fetchone) would make DuckDB refuse the registration
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def connect_memory() -> Connection:
    """A migrated in-memory database (tests, previews)."""
    con = duckdb.connect(":memory:", config=_CONFIG)
    migrate(con)
    return con


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """One short write: everything inside commits together or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        with suppress(duckdb.Error):   # a database DuckDB invalidated refuses the rollback too: keep the first error
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")

"""Open the DuckDB file, apply migrations, run short transactions, and turn lock errors into clear messages."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

Connection = duckdb.DuckDBPyConnection

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "netz.duckdb"

# No network at run time: never download or autoload an extension.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class NetzDBError(Exception):
    """A database problem with a message meant for the user."""


class DatabaseLocked(NetzDBError):
    def __init__(self, path: Path, holder: str | None) -> None:
        self.path = path
        self.holder = holder
        who = f"process {holder}" if holder else "another process"
        super().__init__(
            f"The database file {path} is in use by {who} (another netz app or a running `netz` command). "
            "Close it, or choose another file with NETZ_DB or --db. Nothing was changed."
        )


class DatabaseTooNew(NetzDBError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.path = path
        self.found = found
        self.known = known
        super().__init__(
            f"The database file {path} was written by a newer netz (schema version {found}; "
            f"this netz knows up to {known}). Update netz to open it. The file was left untouched."
        )


class NotADatabase(NetzDBError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"The file {path} is not a netz database: {reason}. The file was left untouched.")


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
_PYTHON_STEPS = {110: "netzcore.organizations:refresh_organization_keys"}


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
            raise NotADatabase(path, "it holds tables but no netz schema version")
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


def connect(path: str | os.PathLike[str] | None = None) -> Connection:
    """Open (or create) the database file and bring its schema up to date."""
    db_path = resolve_path(path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), config=_CONFIG)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(db_path, _lock_holder(str(exc))) from exc
        raise NotADatabase(db_path, str(exc).splitlines()[0]) from exc
    except duckdb.Error as exc:
        raise NotADatabase(db_path, str(exc).splitlines()[0]) from exc
    try:
        migrate(con, db_path)
    except BaseException:
        con.close()
        raise
    return con


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
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")

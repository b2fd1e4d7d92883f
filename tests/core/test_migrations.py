"""Migrations apply to databases that hold data, not only to new files: a database written by an older netz (every
table of schema 90 filled, as a user's file is) opens with this netz and keeps its rows."""

from __future__ import annotations

from pathlib import Path

import duckdb

from netzcore import db as netzdb
from tests.core.export_sample import fill_sample, table_rows

OLD = 90        # the schema before the helpers' migrations (100 and up) landed


def _old_database(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                    "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
        for migration in netzdb.migrations():
            if migration.version <= OLD:
                con.execute("BEGIN TRANSACTION")
                con.execute(migration.sql)
                con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                            [migration.version, migration.name])
                con.execute("COMMIT")
        fill_sample(con)
    finally:
        con.close()


def test_a_filled_database_of_an_older_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_database(path)
    before = duckdb.connect(str(path), read_only=True)
    try:
        old_rows = {t: len(rows) for t, rows in table_rows(before).items()}
    finally:
        before.close()
    con = netzdb.connect(path)
    try:
        assert netzdb.schema_version(con) == max(m.version for m in netzdb.migrations())
        new_rows = {t: len(rows) for t, rows in table_rows(con).items() if t in old_rows}
        assert new_rows == old_rows
        for table in ("goals", "segments", "events"):
            assert con.execute(f"SELECT count(*) FROM {table} WHERE updated_at IS NULL").fetchone() == (0,)  # noqa: S608
    finally:
        con.close()

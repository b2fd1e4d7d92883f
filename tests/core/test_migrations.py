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


def test_placeholders_an_older_netz_stored_as_text_are_emptied_on_upgrade(tmp_path: Path) -> None:
    """A card's TITLE:null imported by an older netz showed the job title "null" (and counted as a specialist)
    after the importers had learnt to read it as empty: an import adds values and never clears one."""
    path = tmp_path / "placeholders.duckdb"
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                    "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
        for migration in netzdb.migrations():
            if migration.version < 165:
                con.execute(migration.sql)
                con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                            [migration.version, migration.name])
        con.execute("""INSERT INTO contacts (id, full_name, family_name, title, hierarchy_level, department, city,
                       honorific_prefix, tags, notes, edited_fields) VALUES
            ('a', 'Anna Weber', 'Weber', 'null', 'specialist', 'N/A', 'k.A.', 'Frau -', ['null', 'Kunde'], '-', []),
            ('b', 'Ben Kraus', 'Kraus', 'undefined', 'executive', NULL, NULL, NULL, [], NULL, ['hierarchy_level']),
            ('c', 'Christopher Null', 'Null', 'Nullpunkt-Forscher', 'specialist', 'Labor', 'Köln', 'Herr',
             ['Kunde'], 'keine Eile', [])""")
    finally:
        con.close()

    con = netzdb.connect(path)
    try:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT id, title, hierarchy_level, department, city, honorific_prefix, tags, notes FROM contacts"
        ).fetchall()}
    finally:
        con.close()
    assert rows["a"] == (None, None, None, None, "Frau", ["Kunde"], None)
    assert rows["b"] == (None, "executive", None, None, None, [], None)     # the level the user chose stays
    assert rows["c"] == ("Nullpunkt-Forscher", "specialist", "Labor", "Köln", "Herr", ["Kunde"], "keine Eile")

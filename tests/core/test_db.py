import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from netzcore import db as netzdb
from tests.holder import held_by_another_process


def test_new_file_gets_every_migration(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    assert netzdb.schema_version(con) == max(m.version for m in netzdb.migrations())
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in ("profile", "contacts", "interactions", "goals", "segments", "events", "event_plans",
                  "exhibitors", "tier_history", "career_history", "relationships", "introductions",
                  "contact_identities", "organizations", "import_runs"):
        assert table in tables
    con.close()


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO contacts (full_name) VALUES ('Anna Weber')")
    con.close()
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(netzdb.migrations()),)
    assert con.execute("SELECT full_name FROM contacts").fetchall() == [("Anna Weber",)]
    con.close()


def test_file_from_newer_netz_is_refused_and_untouched(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(netzdb.DatabaseTooNew, match="newer netz"):
        netzdb.connect(db_path)
    assert db_path.read_bytes() == before


def test_foreign_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders (id INTEGER)")
    con.close()
    with pytest.raises(netzdb.NotADatabase, match="no netz schema"):
        netzdb.connect(path)


def test_failed_transaction_leaves_database_as_it_was(con: netzdb.Connection) -> None:
    con.execute("INSERT INTO contacts (full_name) VALUES ('Kept')")
    with pytest.raises(duckdb.Error), netzdb.transaction(con):
        con.execute("INSERT INTO contacts (full_name) VALUES ('Half written')")
        con.execute("INSERT INTO contacts (full_name, tier) VALUES ('Bad tier', 'Z')")
    assert con.execute("SELECT full_name FROM contacts").fetchall() == [("Kept",)]


def test_file_held_by_another_process_gives_clear_message(db_path: Path) -> None:
    with held_by_another_process(db_path) as holder_pid:
        with pytest.raises(netzdb.DatabaseLocked) as caught:
            netzdb.connect(db_path)
        assert str(db_path) in str(caught.value)
        assert caught.value.holder == str(holder_pid)
        cli = subprocess.run([sys.executable, "-m", "netzcore.cli", "due", "--db", str(db_path)],
                             capture_output=True, text=True, timeout=60)
        assert cli.returncode == 3
        assert str(db_path) in cli.stderr and "Traceback" not in cli.stderr
    netzdb.connect(db_path).close()

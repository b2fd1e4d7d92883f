"""Full backup and restore: every table comes back row by row; bad files and full databases are refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.demo import load_demo
from netzcore.exporters import backup
from netzcore.exporters.contacts_json import contacts_document
from tests.core.export_sample import fill_sample_file, run_netz, table_rows


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    return fill_sample_file(tmp_path / "full.duckdb")


@pytest.fixture
def sample_backup(filled: Path) -> bytes:
    con = netzdb.connect(filled)
    try:
        return backup.backup_bytes(con)
    finally:
        con.close()


def test_cli_backup_and_restore_give_back_every_table_row_by_row(filled: Path, tmp_path: Path) -> None:
    written = run_netz("backup", "--db", str(filled))
    assert written.returncode == 0, written.stderr
    files = list((filled.parent / "backups").glob("netz-*.json"))
    assert len(files) == 1
    assert str(files[0]) in written.stdout and "4 contacts" in written.stdout

    target = tmp_path / "restored.duckdb"
    restored = run_netz("import", str(files[0]), "--db", str(target))
    assert restored.returncode == 0, restored.stderr
    assert "4 contacts" in restored.stdout

    before, after = netzdb.connect(filled), netzdb.connect(target)
    try:
        expected, actual = table_rows(before), table_rows(after)
        assert set(expected) == set(actual)
        for table in expected:
            assert actual[table] == expected[table], table
        assert after.execute("SELECT photo FROM contacts WHERE photo IS NOT NULL").fetchone() == \
            before.execute("SELECT photo FROM contacts WHERE photo IS NOT NULL").fetchone()
        assert netzdb.schema_version(after) == netzdb.schema_version(before)
    finally:
        before.close()
        after.close()


def test_backup_file_is_documented_json_with_every_table(sample_backup: bytes) -> None:
    document = json.loads(sample_backup)
    assert document["format"] == "netz-backup"
    assert document["format_version"] == backup.FORMAT_VERSION
    assert document["schema_version"] == max(m.version for m in netzdb.migrations())
    assert {"contacts", "interactions", "events", "event_plans", "goals", "profile"} <= set(document["tables"])
    assert "schema_migrations" not in document["tables"]
    anna = next(c for c in document["tables"]["contacts"] if c["given_name"] == "Anna")
    assert anna["tags"] == ["Kunde", "golf,club", '=HYPERLINK("x")']
    assert document["columns"]["contacts"]["photo"] == "BLOB"
    assert json.loads(document["tables"]["import_runs"][0]["report"]) == {"errors": [], "created": 3}


def test_backup_extends_the_json_contacts_export(filled: Path) -> None:
    """Scripts that read `netz export --format json` read a backup's contacts the same way."""
    con = netzdb.connect(filled)
    try:
        document = json.loads(backup.backup_bytes(con))
        assert document["contacts"] == json.loads(json.dumps(contacts_document(con), default=str))["contacts"]
        assert {c["full_name"] for c in document["contacts"]} >= {"Bernd Ölmann", "Clara Alt"}
    finally:
        con.close()


def test_two_backups_of_the_same_data_are_identical(filled: Path) -> None:
    con = netzdb.connect(filled)
    try:
        moment = dt.datetime(2026, 11, 24, 21, 30, tzinfo=dt.UTC)
        assert backup.backup_bytes(con, now=moment) == backup.backup_bytes(con, now=moment)
    finally:
        con.close()


def test_backup_path_is_timestamped_next_to_the_database(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 11, 24, 21, 30)
    first = backup.default_backup_path(tmp_path / "netz.duckdb", moment)
    assert first == tmp_path / "backups" / "netz-20261124-2130.json"
    first.parent.mkdir()
    first.write_text("taken")
    assert backup.default_backup_path(tmp_path / "netz.duckdb", moment).name == "netz-20261124-2130-2.json"


def test_restore_refuses_a_database_with_data_and_changes_nothing(sample_backup: bytes, filled: Path,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "netz-backup.json"
    path.write_bytes(sample_backup)
    con = netzdb.connect(filled)
    before = table_rows(con)
    con.close()
    result = run_netz("import", str(path), "--db", str(filled))
    assert result.returncode == 1
    assert str(path) in result.stderr and "only be restored into an empty database" in result.stderr
    assert "contacts 4" in result.stderr
    con = netzdb.connect(filled)
    try:
        assert table_rows(con) == before
    finally:
        con.close()


def test_restore_replaces_the_seeded_settings_of_an_empty_database(sample_backup: bytes, con: netzdb.Connection) -> None:
    con.execute("UPDATE profile SET full_name = 'Neu'")
    report = backup.restore_bytes(con, sample_backup)
    assert report.rows["contacts"] == 4
    assert con.execute("SELECT full_name FROM profile").fetchall() == [("Dr. Eva Roth",)]
    assert con.execute("SELECT cadence_days FROM tier_cadence WHERE tier = 'A'").fetchall() == [(45,)]


def test_dry_run_checks_everything_and_writes_nothing(sample_backup: bytes, con: netzdb.Connection) -> None:
    before = table_rows(con)
    report = backup.restore_bytes(con, sample_backup, dry_run=True)
    assert report.dry_run and report.rows["contacts"] == 4
    assert table_rows(con) == before


def _damaged_value(data: bytes) -> bytes:
    document = json.loads(data)
    document["tables"]["interactions"][0]["occurred_on"] = "2026-13-45"
    return json.dumps(document).encode()


def _latin1(data: bytes) -> bytes:
    return data.decode("utf-8").encode("latin-1", errors="replace")


BAD_FILES = {
    "truncated": (lambda d: d[: len(d) // 2], "ends too early"),
    "binary": (lambda d: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + d[:200], "binary"),
    "wrong encoding": (_latin1, "not UTF-8"),
    "not json": (lambda d: b"name,email\nAnna,anna@example.com\n", "not a netz backup"),
    "broken json after the header": (lambda d: d.replace(b"\"contacts\": [", b"\"contacts\": [,", 1), "not valid JSON"),
    "not a backup": (lambda d: json.dumps({"contacts": []}).encode(), "not a netz backup"),
    "empty": (lambda d: b"  \n", "empty"),
    "damaged value": (_damaged_value, "interactions"),
    "newer netz": (lambda d: json.dumps({**json.loads(d), "schema_version": 999}).encode(), "newer netz"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_are_refused_and_leave_the_database_unchanged(kind: str, sample_backup: bytes,
                                                                con: netzdb.Connection) -> None:
    spoil, message = BAD_FILES[kind]
    before = table_rows(con)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore_bytes(con, spoil(sample_backup))
    assert message in refused.value.message("en")
    assert refused.value.message("de") != refused.value.message("en")
    assert table_rows(con) == before


def test_oversized_file_is_refused_before_it_is_read(sample_backup: bytes, con: netzdb.Connection,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(sample_backup)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore_file(con, path, max_bytes=1000)
    assert "too large" in refused.value.message("en")
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_cli_names_the_file_and_reason_for_a_truncated_backup(sample_backup: bytes, tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_bytes(sample_backup[:1000])
    result = run_netz("import", str(path), "--db", str(tmp_path / "new.duckdb"))
    assert result.returncode == 1
    assert f"{path}: The file ends too early" in result.stderr


def test_backup_from_an_older_schema_restores_what_it_has(sample_backup: bytes, con: netzdb.Connection) -> None:
    """A table or column added by a later migration is simply absent from an older backup."""
    document = json.loads(sample_backup)
    del document["tables"]["tier_history"], document["columns"]["tier_history"]
    for row in document["tables"]["contacts"]:
        del row["how_met"]
    del document["columns"]["contacts"]["how_met"]
    backup.restore(con, document)
    assert con.execute("SELECT count(*), count(how_met) FROM contacts").fetchone() == (4, 0)
    assert con.execute("SELECT count(*) FROM tier_history").fetchone() == (0,)


def test_demo_network_survives_backup_and_restore(con: netzdb.Connection, tmp_path: Path) -> None:
    """The demo fills every feature's tables the way the app does: all of it comes back."""
    load_demo(con, contacts=120, seed=7)
    restored = netzdb.connect(tmp_path / "restored.duckdb")
    try:
        report = backup.restore_bytes(restored, backup.backup_bytes(con))
        assert report.rows["contacts"] == 120
        expected, actual = table_rows(con), table_rows(restored)
        assert sum(1 for rows in expected.values() if rows) >= 10
        assert actual == expected
    finally:
        restored.close()

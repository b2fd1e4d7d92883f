"""Hostile backups (issue 15, item 6): each is refused by a real `netz import` with exit 1, a message that names
the table, row and field in the user's language, no traceback, and no database written or created.

The files are in tests/fixtures/backup/, each named after what is wrong with it; `valid_small_backup.json` is the
same backup without the defect (a hand-written one: only some tables and columns, as docs/backup-format.md
allows), so each refusal is caused by the defect alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.exporters import backup
from tests.conftest import FIXTURES, AppFactory, open_tab
from tests.core.export_sample import run_netz

BACKUPS = FIXTURES / "backup"

# file -> what the English refusal must say (table, row and field where one value is wrong)
REFUSED = {
    "birthday_year_10_pow_30": "Table contacts, row 1, field birthday_year: a number with 31 digits",
    "birthday_year_2_pow_63": "Table contacts, row 1, field birthday_year: a whole number from -2,147,483,648 to "
                              "2,147,483,647 is expected, the backup has 9223372036854775808",
    "number_5000_digits": "Table contacts, row 1, field birthday_year: a number with 5,000 digits",
    "birthday_month_13": "Table contacts, row 1, field birthday_month: no such birthday (1980-13-15)",
    "birthday_30_february": "Table contacts, row 1, field birthday_day: no such birthday (1980-2-30)",
    "lone_surrogate_in_name": "Table contacts, row 1, field full_name: the text holds a broken character (U+D800",
    "nesting_200000_deep": "nests lists and objects deeper than any netz backup",
    "orphan_interaction": "Table interactions, row 1, field contact_id: refers to "
                          '"0190a000-0000-7000-8000-00000000dead" in table contacts, which the backup does not hold',
    "unknown_organization_id": "Table contacts, row 2, field organization_id: refers to",
    "calendar_meeting_of_unknown_contact": "Table calendar_meetings, row 1, field contact_id: refers to "
                                           '"0190a000-0000-7000-8000-00000000beef" in table contacts',
    "plan_of_unknown_event": "Table event_plans, row 1, field event_id: refers to \"no-such-event\" in table events",
    "empty_profile": "table profile must hold exactly one row (your profile); it holds 0",
    "tier_cadence_without_tier_b": "must hold the care cadence of the tiers A, B, C and D; it holds A, C, D",
    "tier_cadence_of_0_days": "Table tier_cadence, row 1, field cadence_days: 0 is outside the sensible range",
    "tier_cadence_of_100000_days": "Table tier_cadence, row 1, field cadence_days: 100000 is outside",
    "date_2026_13_45": "Table interactions, row 1, field occurred_on: a date like 2026-11-24 is expected",
    "tier_z": "Table contacts, row 1, field tier: the value breaks the rule (tier IN ('A', 'B', 'C', 'D'))",
    "name_is_a_number": "Table contacts, row 1, field full_name: text is expected, the backup has 42",
    "tags_nested_list": "Table contacts, row 1, field tags: a list of texts is expected",
    "duplicate_contact_id": "Table contacts, row 2, field id: the same key as row 1",
    "missing_required_name": "Table contacts, row 1, field full_name: a value is required here",
    "not_a_number": "Table tier_cadence, row 1, field grace_factor: NaN is not a finite number",
}


def test_every_fixture_is_tested() -> None:
    assert {p.stem for p in BACKUPS.glob("*.json")} == {*REFUSED, "valid_small_backup"}


def test_the_valid_small_backup_restores(tmp_path: Path) -> None:
    target = tmp_path / "new.duckdb"
    result = run_netz("import", "--db", str(target), str(BACKUPS / "valid_small_backup.json"))
    assert result.returncode == 0, result.stderr
    assert "2 contacts" in result.stdout
    con = netzdb.connect(target)
    try:
        assert con.execute("SELECT full_name FROM profile").fetchall() == [("Eva Roth",)]
        assert con.execute("SELECT count(*) FROM interactions").fetchone() == (1,)
    finally:
        con.close()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_backup_is_refused_and_no_database_is_created(name: str, tmp_path: Path) -> None:
    target = tmp_path / "new.duckdb"
    result = run_netz("import", "--db", str(target), str(BACKUPS / f"{name}.json"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert REFUSED[name] in result.stderr
    assert "Nothing was changed." in result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    assert not target.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["birthday_year_2_pow_63", "orphan_interaction", "lone_surrogate_in_name"])
def test_the_refusal_in_german_names_the_same_place(name: str, tmp_path: Path) -> None:
    result = run_netz("import", "--db", str(tmp_path / "neu.duckdb"), str(BACKUPS / f"{name}.json"), lang="de")
    assert result.returncode == 1
    english = REFUSED[name].split(":")[0]                     # "Table contacts, row 1, field birthday_year"
    table, row, field = (part.split()[-1] for part in english.split(", "))
    assert f"Tabelle {table}, Zeile {row}, Feld {field}:" in result.stderr
    assert "Es wurde nichts geändert." in result.stderr


@pytest.mark.parametrize("name", ["number_5000_digits", "tier_z", "nesting_200000_deep", "empty_profile"])
def test_an_existing_empty_database_is_left_byte_for_byte(name: str, db_path: Path) -> None:
    before = db_path.read_bytes()
    result = run_netz("import", "--db", str(db_path), str(BACKUPS / f"{name}.json"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + ".wal").exists()


def test_a_100_mb_json_that_is_no_backup_is_refused_after_its_first_bytes(tmp_path: Path) -> None:
    """It used to be parsed whole (2.65 GB) and then refused as 'format version None ... update netz'."""
    path = tmp_path / "export-from-another-tool.json"
    row = b'{"name": "Anna Weber", "email": "anna@example.com", "notes": "' + b"x" * 200 + b'"},\n'
    with path.open("wb") as out:
        out.write(b'{"rows": [\n')
        for _ in range(100 * 1024 * 1024 // len(row)):
            out.write(row)
        out.write(b'{}]}\n')
    result = run_netz("import", "--db", str(tmp_path / "new.duckdb"), str(path))
    assert result.returncode == 1
    assert "is not a netz backup" in result.stderr and "update netz" not in result.stderr.lower()
    assert not (tmp_path / "new.duckdb").exists()


def test_a_newer_format_is_refused_from_the_header_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text('{"format": "netz-backup", "format_version": 7, "schema_version": 1, "tables": {' + "x" * 1000)
    result = run_netz("import", "--db", str(tmp_path / "new.duckdb"), str(path))
    assert result.returncode == 1 and "format version 7" in result.stderr


def test_the_app_page_refuses_a_hostile_backup_with_the_same_words(app: AppFactory, db_path: Path) -> None:
    at = open_tab(app(db_path, page="import_export", lang="en"), "import_export_tab", "Export and backup")
    upload = next(u for u in at.get("file_uploader") if u.key == "export_restore_file")
    upload.set_value(("hostile.json", (BACKUPS / "orphan_interaction.json").read_bytes(), "application/json"))
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Table interactions, row 1, field contact_id" in shown.replace("\\", "")
    con = netzdb.connect(db_path)
    try:
        assert backup.is_empty(con)
    finally:
        con.close()

"""Damaged, missing, read-only and full storage (issue 15 item 7, issue 13's command line), with the real `netz`
command on real files: a truncated or bit-flipped file, a tmpfs of 8 MB that fills up, a read-only mount."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from netzcore import dbfile
from netzcore.importers.sample import phone_export
from tests.conftest import ROOT
from tests.core.export_sample import contact_count, fill_sample_file
from tests.disk import fill, free_bytes, make_read_only, small_disk

DAMAGED = "looks damaged: restore a backup"


def netz(*args: str, lang: str = "en", timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netzcore.cli", *args, "--lang", lang], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, check=False)


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x10]))


def _blocks(path: Path) -> tuple[int, set[int]]:
    """(block size, the blocks that hold the contacts table's data)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        size_row = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
        rows = con.execute("SELECT DISTINCT block_id FROM pragma_storage_info('contacts') "
                           "WHERE block_id >= 0").fetchall()
    finally:
        con.close()
    assert size_row is not None
    return int(size_row[0]), {int(r[0]) for r in rows}


def _offset(block_size: int, block: int) -> int:
    return dbfile.HEADERS + block * block_size + block_size // 2


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return fill_sample_file(tmp_path / "netz.duckdb")


# --- damaged files -----------------------------------------------------------------------------------------------


def test_a_truncated_file_is_named_damaged_with_exit_3_and_left_alone(demo_db: Path) -> None:
    with demo_db.open("r+b") as handle:
        handle.truncate(demo_db.stat().st_size // 2)
    before = demo_db.read_bytes()
    for command in (["due"], ["import", str(ROOT / "tests/fixtures/import/iphone.vcf")], ["check"]):
        result = netz(*command, "--db", str(demo_db))
        assert result.returncode == 3, (command, result.stderr)
        assert DAMAGED in result.stderr and str(demo_db) in result.stderr
        assert "Traceback" not in result.stderr
    assert demo_db.read_bytes() == before
    german = netz("due", "--db", str(demo_db), lang="de")
    assert german.returncode == 3 and "scheint beschädigt zu sein: Stellen Sie eine Sicherung" in german.stderr


def _header_blocks(path: Path) -> int:
    """The block count of the current database header (the one with the higher iteration)."""
    import struct

    head = path.read_bytes()[:dbfile.HEADERS]
    return max(struct.unpack_from("<QqqQQ", head, offset + 8)
               for offset in (dbfile.HEADER_SIZE, 2 * dbfile.HEADER_SIZE))[3]


def test_a_file_duckdb_itself_ended_early_is_whole(tmp_path: Path) -> None:
    """DuckDB writes a header, then cuts the free blocks at the end off the file; the header still counts them.
    netz called such a file "cut short" and refused it (seen after importing the same calendar file a third
    time): the user read "restore a backup" about a whole database."""
    db = tmp_path / "netz.duckdb"
    calendar = ROOT / "tests/fixtures/calendar/meetings_older_than_ten_years_or_far_ahead.ics"
    assert netz("import", str(ROOT / "tests/fixtures/import/iphone.vcf"), "--db", str(db)).returncode == 0
    shorter = []
    for _ in range(3):
        result = netz("import", str(calendar), "--db", str(db))
        assert result.returncode == 0, result.stderr
        shorter.append(db.stat().st_size < dbfile.HEADERS + _header_blocks(db) * 262144)
    assert any(shorter), "DuckDB no longer ends this file early: find another way to make such a file"
    for command in (["import", str(calendar)], ["due"], ["check"]):
        result = netz(*command, "--db", str(db))
        assert result.returncode == 0, (command, result.stderr)
    assert "The database is whole." in result.stdout


def test_a_file_cut_at_a_block_a_table_needs_is_damaged(demo_db: Path) -> None:
    """A cut at a block boundary looks like DuckDB's own (above): DuckDB, reading every table, tells them apart."""
    block_size, contact_blocks = _blocks(demo_db)
    with demo_db.open("r+b") as handle:
        handle.truncate(dbfile.HEADERS + max(contact_blocks) * block_size)
    before = demo_db.read_bytes()
    for command in (["due"], ["check"], ["import", str(ROOT / "tests/fixtures/import/iphone.vcf")]):
        result = netz(*command, "--db", str(demo_db))
        assert result.returncode == 3, (command, result.stdout, result.stderr)
        assert DAMAGED in result.stderr and "Traceback" not in result.stderr
    assert demo_db.read_bytes() == before


def test_bit_flips_anywhere_stop_a_write_before_it_starts(demo_db: Path, tmp_path: Path) -> None:
    """A flip in a header, a table's data or a block no table lists (an index): `netz import` verifies every
    block first, so it never writes into a damaged file (it used to succeed, exit 0, and grow the file)."""
    block_size, contact_blocks = _blocks(demo_db)
    blocks = (demo_db.stat().st_size - dbfile.HEADERS) // block_size
    other = next(b for b in range(blocks) if b not in contact_blocks and b % 2 == 0 and b > 0)
    offsets = {"main header": 100, "database header": dbfile.HEADER_SIZE + 40,
               "contacts data": _offset(block_size, min(contact_blocks)), "another block": _offset(block_size, other),
               "last block": _offset(block_size, blocks - 1)}
    card = ROOT / "tests/fixtures/import/iphone.vcf"
    for where, offset in offsets.items():
        damaged = tmp_path / f"flipped-{where.replace(' ', '-')}.duckdb"
        shutil.copyfile(demo_db, damaged)
        _flip(damaged, offset)
        before = damaged.read_bytes()
        result = netz("import", str(card), "--db", str(damaged))
        assert result.returncode == 3, (where, result.stdout, result.stderr)
        assert DAMAGED in result.stderr and "Traceback" not in result.stderr, where
        assert damaged.read_bytes() == before, where
        assert not damaged.with_name(damaged.name + ".wal").exists()
        check = netz("check", "--db", str(damaged))
        assert check.returncode == 3 and DAMAGED in check.stderr, where


def test_a_command_that_reads_a_damaged_block_says_so(demo_db: Path) -> None:
    """`netz export` opens with the quick check (headers, length) and then reads the contacts: DuckDB's checksum
    of that block fails, and the user reads the damage message, not a traceback."""
    block_size, contact_blocks = _blocks(demo_db)
    for block in contact_blocks:
        _flip(demo_db, _offset(block_size, block))
    result = netz("export", "--format", "vcard", "--db", str(demo_db))
    assert result.returncode == 3, result.stderr
    assert DAMAGED in result.stderr and "Traceback" not in result.stderr


def test_check_reports_a_whole_database(sample: Path) -> None:
    result = netz("check", "--db", str(sample))
    assert result.returncode == 0, result.stderr
    assert "the checksum of every block verified" in result.stdout
    assert "4 contacts (1 archived), 2 interactions" in result.stdout
    assert "The database is whole." in result.stdout
    german = netz("check", "--db", str(sample), "--json", lang="de")
    assert '"whole": true' in german.stdout and '"contacts": 4' in german.stdout


def test_a_file_of_another_kind_is_not_a_netz_database(tmp_path: Path) -> None:
    path = tmp_path / "kontakte.vcf"
    path.write_bytes((ROOT / "tests/fixtures/import/iphone.vcf").read_bytes())
    result = netz("due", "--db", str(path))
    assert result.returncode == 3 and "is not a netz database: it is not a DuckDB database file" in result.stderr
    assert path.read_bytes() == (ROOT / "tests/fixtures/import/iphone.vcf").read_bytes()


# --- a database that is not there --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["due"], ["plan"], ["export"], ["export", "--format", "vcard"], ["backup"],
                                     ["check"], ["import", "--dry-run", "tests/fixtures/import/iphone.vcf"],
                                     ["import", "--dry-run", "tests/fixtures/backup/valid_small_backup.json"]])
def test_commands_that_read_refuse_a_missing_database_and_create_nothing(command: list[str], tmp_path: Path) -> None:
    """A typo in --db used to create an empty database and answer "Nobody is due. Well kept!" with exit 0."""
    missing = tmp_path / "tpyo" / "netz.duckdb"
    result = netz(*command, "--db", str(missing))
    assert result.returncode == 3, result.stderr
    assert f"No netz database at {missing}" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "tpyo").exists()
    german = netz(*command, "--db", str(missing), lang="de")
    assert f"Unter {missing} gibt es keine netz-Datenbank" in german.stderr


def test_import_and_demo_still_create_a_new_database(tmp_path: Path) -> None:
    result = netz("import", str(ROOT / "tests/fixtures/import/iphone.vcf"), "--db", str(tmp_path / "new" / "a.duckdb"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new" / "a.duckdb").exists()


# --- read-only ---------------------------------------------------------------------------------------------------


def test_a_read_only_drive_says_read_only_and_reading_still_works(sample: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", "16m") as stick:
        copy = stick / "netz.duckdb"
        shutil.copyfile(sample, copy)
        make_read_only(stick)
        card = str(ROOT / "tests/fixtures/import/iphone.vcf")
        for command in (["import", card], ["import", card, "--db", str(stick / "new.duckdb")]):
            args = command if "--db" in command else [*command, "--db", str(copy)]
            result = netz(*args)
            assert result.returncode == 3, result.stderr
            assert "is read-only (the file, its folder or the drive)" in result.stderr
            assert "not a netz database" not in result.stderr and "Traceback" not in result.stderr
        due = netz("due", "--db", str(copy))
        assert due.returncode == 0, due.stderr
        assert "Bernd Ölmann" in due.stdout or "today" in due.stdout


# --- a full disk -------------------------------------------------------------------------------------------------


def test_an_import_onto_a_full_disk_says_so_and_writes_nothing_half(tmp_path: Path) -> None:
    cards = tmp_path / "telefon.vcf"
    cards.write_bytes(phone_export(600, photo_every=1, seed=7))
    reference = tmp_path / "reference.duckdb"               # the same two imports on a disk with room
    for source in (ROOT / "tests/fixtures/import/iphone.vcf", cards):
        assert netz("import", str(source), "--db", str(reference)).returncode == 0
    expected = contact_count(reference)
    with small_disk(tmp_path / "disk", "16m") as disk:
        database = disk / "netz.duckdb"
        assert netz("import", str(ROOT / "tests/fixtures/import/iphone.vcf"), "--db", str(database)).returncode == 0
        before = contact_count(database)
        filler = fill(disk, leave=256 * 1024)
        result = netz("import", str(cards), "--db", str(database))
        assert result.returncode == 3, result.stdout + result.stderr
        assert "The disk is full" in result.stderr and str(database) in result.stderr
        assert "Traceback" not in result.stderr
        filler.unlink()
        after = contact_count(database)
        # all or nothing: the commit failed (nothing) or only folding the journal in did (all, said so)
        if "saved in the journal" in result.stderr:
            assert after == expected
        else:
            assert after == before
        again = netz("import", str(cards), "--db", str(database))
        assert again.returncode == 0, again.stderr
        assert contact_count(database) == expected > before


def test_an_export_onto_a_full_disk_leaves_no_empty_or_partial_file(sample: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        old = disk / "kontakte.vcf"
        old.write_text("the export of last week\n")
        fill(disk, leave=0)
        assert free_bytes(disk) < 4096
        for command, target in ((["export", "--format", "vcard", "-o"], old),
                                (["export", "--format", "json", "-o"], disk / "netz.json"),
                                (["backup", "-o"], disk / "backup.json")):
            result = netz(*command, str(target), "--db", str(sample))
            assert result.returncode == 1, (command, result.stderr)
            assert f"{target}: the disk is full: the file was not written" in result.stderr
            assert "Traceback" not in result.stderr
        assert old.read_text() == "the export of last week\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin", "kontakte.vcf"]

"""A restore or an import killed half-way (SIGKILL, a real process) leaves the database as it was before."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.exporters import backup
from netzcore.exporters.vcard import vcard_export
from tests.core.export_sample import ROOT, contact_count, fill_large, fill_sample_file, run_netz, table_rows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
needs_importer = pytest.mark.skipif(importlib.util.find_spec("netzcore.importers") is None,
                                    reason="the vCard importer (netz import) has not landed on this branch yet")


@pytest.fixture(scope="module")
def large_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 contacts and 200,000 interactions: a restore takes a few seconds, time enough to be killed."""
    folder = tmp_path_factory.mktemp("large")
    con = netzdb.connect(folder / "large.duckdb")
    fill_large(con, 20_000, 200_000)
    path = folder / "large-backup.json"
    backup.backup_to_file(con, path)
    con.close()
    return path


def test_restore_killed_half_way_leaves_the_database_as_it_was(large_backup: Path, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    before = table_rows(con)
    con.close()

    process = subprocess.Popen(
        [sys.executable, "-m", "netzcore.cli", "import", str(large_backup), "--db", str(db_path), "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert process.stderr is not None
    seen = []
    try:
        for line in process.stderr:                  # progress goes out before each table is written
            seen.append(line)
            if line.startswith("Restoring interactions"):
                break                                # contacts are in, the transaction is still open
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert any(line.startswith("Restoring contacts") for line in seen), seen
    assert process.returncode == -signal.SIGKILL, "the restore finished before it could be killed"

    con = netzdb.connect(db_path)
    try:
        assert table_rows(con) == before
        assert backup.is_empty(con)
    finally:
        con.close()

    # and the database still takes the same backup afterwards
    finished = run_netz("import", str(large_backup), "--db", str(db_path))
    assert finished.returncode == 0, finished.stderr
    assert "20,000 contacts" in finished.stdout


@pytest.fixture(scope="module")
def large_vcard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vcard")
    con = netzdb.connect(folder / "source.duckdb")
    fill_large(con, 10_000, 0)
    path = folder / "large.vcf"
    path.write_bytes(vcard_export(con).data)
    con.close()
    return path


@needs_importer
def test_import_killed_at_any_moment_leaves_all_or_nothing(large_vcard: Path, tmp_path: Path) -> None:
    """Killed early, in the middle or near the end, `netz import` leaves the database as it was before, or (killed
    after its commit) fully imported: never half."""
    original = fill_sample_file(tmp_path / "original.duckdb")
    con = netzdb.connect(original)
    before = table_rows(con)
    con.close()

    measured = tmp_path / "measured.duckdb"
    shutil.copy(original, measured)
    started = time.monotonic()
    full = run_netz("import", str(large_vcard), "--db", str(measured))
    duration = time.monotonic() - started
    assert full.returncode == 0, full.stderr
    imported = contact_count(measured)
    assert imported == len(before["contacts"]) + 10_000

    killed_half_way, delay = 0, duration * 0.5
    for attempt in range(8):
        target = tmp_path / f"killed-{attempt}.duckdb"
        shutil.copy(original, target)
        process = subprocess.Popen(
            [sys.executable, "-m", "netzcore.cli", "import", str(large_vcard), "--db", str(target), "--lang", "en"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)      # the importer's worker processes die with it
        process.wait(timeout=60)
        killed = process.returncode == -signal.SIGKILL
        count = contact_count(target)
        assert count in (len(before["contacts"]), imported), f"half an import after a kill at {delay:.2f} s"
        if count == len(before["contacts"]):
            con = netzdb.connect(target)
            try:
                assert table_rows(con) == before
            finally:
                con.close()
        if not killed:
            delay *= 0.6                                 # the machine is faster now: kill earlier
        else:
            killed_half_way += 1
            delay = min(delay * 1.3, duration * 0.98)    # and probe later moments, up to the commit
        if killed_half_way >= 3:
            break
    assert killed_half_way >= 3, "the import finished before it could be killed: make the file larger"


def _session(sid: int) -> list[tuple[int, str]]:
    """(pid, command name) of every live process in session `sid`, read from /proc (zombies left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, _, rest = stat.partition(" (")[2].rpartition(") ")
        fields = rest.split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append((int(entry.name), name))
    return found


@needs_importer
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_import_workers_and_resource_tracker_die_with_a_killed_import(tmp_path: Path) -> None:
    """`kill -9` of `netz import` alone (not its process group): its spawned workers and multiprocessing's
    resource tracker end too instead of running on for hours."""
    from netzcore.importers.sample import phone_export

    path = tmp_path / "phone.vcf"
    path.write_bytes(phone_export(8_000, photo_every=4))
    process = subprocess.Popen(
        [sys.executable, "-m", "netzcore.cli", "import", str(path), "--db", str(tmp_path / "db.duckdb")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_session(process.pid)) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)                          # the importer, its resource tracker, at least one worker
        before = _session(process.pid)
        assert len(before) >= 3 and process.poll() is None, f"no workers seen: {before}"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 60
        while _session(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session(process.pid) == [], f"still running after the importer was killed: {_session(process.pid)}"
    finally:
        for pid, _ in _session(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

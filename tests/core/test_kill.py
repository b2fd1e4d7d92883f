"""A restore killed half-way (SIGKILL, a real process) leaves the database exactly as it was before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.exporters import backup
from tests.core.export_sample import ROOT, fill_large, run_netz, table_rows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


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

"""The command line as a user meets it (issue 13's command-line bullet, issue 15 item 10): the language it speaks,
what it prints to a terminal, backups named after their database, archived contacts in exports. Real
subprocesses, real files."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.cli import cli_language
from netzcore.plain_text import terminal_text
from tests.conftest import FIXTURES, ROOT
from tests.core.export_sample import fill_sample_file

HOSTILE = FIXTURES / "terminal"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`netz` with exactly this environment for the language (nothing inherited from the test run)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NETZ_LANG", "LANG", "LC_ALL", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "netzcore.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False, env={**base, **(env or {})})


# --- language ------------------------------------------------------------------------------------------------------


def test_language_order_and_locales() -> None:
    assert cli_language(None, {"LANG": "C.UTF-8"}) == "en"
    assert cli_language(None, {"LANG": "POSIX"}) == "en"
    assert cli_language(None, {"LANG": "C"}) == "en"
    assert cli_language(None, {"LANG": "fr_FR.UTF-8"}) == "en"
    assert cli_language(None, {}) == "en"
    assert cli_language(None, {"LANG": "de_AT.UTF-8"}) == "de"
    assert cli_language(None, {"LANG": "de_DE@euro"}) == "de"
    assert cli_language(None, {"LANG": "C.UTF-8", "NETZ_LANG": "de"}) == "de"
    assert cli_language("en", {"LANG": "de_DE.UTF-8", "NETZ_LANG": "de"}) == "en"


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "C.UTF-8"}, "today"), ({"LANG": "POSIX"}, "today"), ({"LANG": "de_DE.UTF-8"}, "heute"),
    ({"LANG": "C.UTF-8", "NETZ_LANG": "de"}, "heute"), ({"LANG": "de_DE.UTF-8", "NETZ_LANG": "en"}, "today"),
])
def test_cron_and_containers_get_english_and_a_german_locale_german(env: dict[str, str], expected: str,
                                                                     db_path: Path) -> None:
    result = run("due", "--db", str(db_path), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"netz – {expected}"), result.stdout


def test_the_json_reasons_follow_the_language_too(demo_db: Path) -> None:
    english = json.loads(run("due", "--json", "--db", str(demo_db), env={"LANG": "C.UTF-8"}).stdout)
    german = json.loads(run("due", "--json", "--db", str(demo_db), env={"LANG": "C.UTF-8", "NETZ_LANG": "de"}).stdout)
    assert english and english[0]["reason"] != german[0]["reason"]
    assert re.search(r"\b(days?|overdue|due)\b", english[0]["reason"]), english[0]["reason"]


# --- what reaches the terminal -------------------------------------------------------------------------------------


def test_terminal_text_drops_sequences_and_controls() -> None:
    assert terminal_text("Eve \x1b]0;title\x07\x1b[2J\x1b]52;c;aGk=\x1b\\ok") == "Eve ok"
    assert terminal_text("a\u202eb\u2066c\x9bd\re\tf\ng") == "abcde\tf\ng"
    assert terminal_text("Ölmann 東京 😀") == "Ölmann 東京 😀"
    assert terminal_text("\x1b[" + "1;" * 100_000) == ""                # long, unfinished: linear, gone


# The name of name_with_escape_sequences.vcf as stored before imports dropped control characters (a database of an
# older netz, a name typed in the app): the import keeps none of them now, so the stored name is set directly.
HOSTILE_NAME = "Eve \x1b]0;pwned window title\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07Mallory \u202eredro\u202c \x9b31m\r"


def _store_hostile_name(path: Path) -> None:
    con = netzdb.connect(path)
    try:
        [(stored,)] = con.execute("SELECT full_name FROM contacts").fetchall()
        assert "\x1b" not in stored and "\x9b" not in stored and "Mallory" in stored   # what the import keeps
        con.execute("UPDATE contacts SET full_name = ?", [HOSTILE_NAME])
    finally:
        con.close()


def _due_hostile_contact(path: Path) -> None:
    """The hostile contact made tier A and long overdue, so `netz due` prints its name."""
    con = netzdb.connect(path)
    try:
        con.execute("UPDATE contacts SET tier = 'A', created_at = ?", [dt.datetime(2020, 1, 1)])
    finally:
        con.close()


def test_names_with_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    """ESC ] 0; (window title), ESC [2J (clear screen), ESC ] 52 (clipboard), U+202E, C1 CSI and CR in a name:
    the import drops them from what it stores; a stored name that holds them (older netz, typed in the app) reaches
    neither the job-change lines of a later import, nor `due`, `plan` or JSON on a terminal."""
    database = tmp_path / "netz.duckdb"
    outputs = []
    first = run("import", str(HOSTILE / "name_with_escape_sequences.vcf"), "--db", str(database))
    assert first.returncode == 0, first.stderr
    _store_hostile_name(database)
    later = run("import", str(HOSTILE / "name_with_escape_sequences_new_job.vcf"), "--db", str(database))
    assert "Job changes" in later.stdout and "Eve " in later.stdout and "Mallory" in later.stdout
    outputs += [first, later]
    _due_hostile_contact(database)
    outputs += [run("due", "--db", str(database)), run("due", "--json", "--db", str(database)),
                run("export", "--format", "json", "--db", str(database)),
                run("import", "--json", "--dry-run", str(HOSTILE / "name_with_escape_sequences.vcf"),
                    "--db", str(database))]
    assert "Mallory" in outputs[2].stdout
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert not CONTROL.search(result.stdout + result.stderr), repr(CONTROL.search(result.stdout))
    exported = json.loads(outputs[4].stdout)["contacts"][0]["full_name"]
    assert exported.startswith("Eve \x1b]0;pwned window title\x07")   # the data itself is unchanged in JSON


def test_a_vcard_export_on_a_terminal_is_made_safe_and_in_a_pipe_is_exact(tmp_path: Path) -> None:
    database = tmp_path / "netz.duckdb"
    assert run("import", str(HOSTILE / "name_with_escape_sequences.vcf"), "--db", str(database)).returncode == 0
    _store_hostile_name(database)
    piped = subprocess.run([sys.executable, "-m", "netzcore.cli", "export", "--format", "vcard", "--db",
                            str(database)], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert b"pwned" in piped.stdout and b"\x1b" not in piped.stdout   # a vCard holds no control character
    as_csv = subprocess.run([sys.executable, "-m", "netzcore.cli", "export", "--format", "csv", "--db",
                             str(database)], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert b"\x1b" in as_csv.stdout and b"pwned" in as_csv.stdout       # a file format: unchanged into a pipe
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "netzcore.cli", "export", "--format", "vcard", "--db",
                                str(database)], stdout=follower, stderr=subprocess.DEVNULL, cwd=ROOT)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(leader)
    assert b"BEGIN:VCARD" in shown and b"Mallory" in shown
    assert b"\x1b" not in shown


# --- backups and exports -------------------------------------------------------------------------------------------


def test_backups_are_named_after_their_database(tmp_path: Path) -> None:
    demo = fill_sample_file(tmp_path / "demo.duckdb")
    main = fill_sample_file(tmp_path / "netz.duckdb")
    for path in (demo, main):
        result = run("backup", "--db", str(path), env={"LANG": "C.UTF-8"})
        assert result.returncode == 0, result.stderr
    names = [p.name for p in (tmp_path / "backups").iterdir()]
    assert len(names) == 2
    assert sum(bool(re.fullmatch(r"netz-demo-\d{8}-\d{4}\.json", n)) for n in names) == 1, names
    assert sum(bool(re.fullmatch(r"netz-\d{8}-\d{4}\.json", n)) for n in names) == 1, names


def _cards(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("BEGIN:VCARD")


def test_export_says_how_many_archived_contacts_it_left_out(tmp_path: Path) -> None:
    database = fill_sample_file(tmp_path / "netz.duckdb")          # 4 contacts, Clara Alt archived
    without = tmp_path / "ohne.vcf"
    result = run("export", "--format", "vcard", "-o", str(without), "--db", str(database), env={"LANG": "C"})
    assert result.returncode == 0, result.stderr
    assert _cards(without) == 3
    assert "1 archived contact was left out (--archived includes it)." in result.stderr
    german = run("export", "--format", "csv", "-o", str(tmp_path / "k.csv"), "--db", str(database),
                 env={"LANG": "de_DE.UTF-8"})
    assert "1 archivierter Kontakt wurde ausgelassen" in german.stderr
    with_archived = tmp_path / "mit.vcf"
    result = run("export", "--format", "vcard", "--archived", "-o", str(with_archived), "--db", str(database))
    assert result.returncode == 0 and _cards(with_archived) == 4
    assert "archived" not in result.stderr and "Clara Alt" in with_archived.read_text(encoding="utf-8")

"""`netz import` and `netz export --format json` through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def netz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netzcore.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)


def test_import_prints_the_report_and_reimport_changes_nothing(db_path: Path) -> None:
    first = netz("import", str(FIXTURES / "iphone.vcf"), str(FIXTURES / "Connections.csv"), "--db", str(db_path),
                 "--lang", "en")
    assert first.returncode == 0, first.stderr
    assert "Read 7: 6 new, 1 merged, 0 unchanged, 0 not imported." in first.stdout
    assert "2 hidden LinkedIn members (rows with only a date) skipped." in first.stdout
    again = netz("import", str(FIXTURES / "iphone.vcf"), "--db", str(db_path), "--json")
    report = json.loads(again.stdout)
    assert (report["created"], report["merged"], report["unchanged"], report["accounted"]) == (0, 0, 2, True)


def test_job_change_in_german(db_path: Path) -> None:
    netz("import", str(FIXTURES / "Connections.csv"), "--db", str(db_path))
    later = netz("import", str(FIXTURES / "Connections_later.csv"), "--db", str(db_path), "--lang", "de")
    assert later.returncode == 0
    assert "Anna Weber: Projektleiterin bei Voith -> Leiterin Einkauf bei ZF Friedrichshafen" in later.stdout


def test_dry_run_writes_nothing(db_path: Path) -> None:
    dry = netz("import", str(FIXTURES / "google.vcf"), "--db", str(db_path), "--dry-run", "--lang", "en")
    assert dry.returncode == 0 and "Preview only: nothing has been saved yet." in dry.stdout
    exported = json.loads(netz("export", "--format", "json", "--db", str(db_path)).stdout)
    assert exported == {"contacts": []}


def test_refused_file_is_named_on_stderr_and_the_others_are_imported(db_path: Path, tmp_path: Path) -> None:
    result = netz("import", str(FIXTURES / "not_contacts.vcf"), str(tmp_path / "missing.vcf"),
                  str(FIXTURES / "google.vcf"), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 1
    assert ("not_contacts.vcf: not a contact file netz reads (a vCard file, LinkedIn's Connections.csv, or a CSV "
            "address book or list of people)") in result.stderr
    assert "missing.vcf: the file cannot be read: file or folder not found" in result.stderr
    assert "No such file" not in result.stderr  # the operating system's English, never shown
    assert "1 new" in result.stdout


def test_export_json_to_a_file(db_path: Path, tmp_path: Path) -> None:
    netz("import", str(FIXTURES / "iphone.vcf"), "--db", str(db_path))
    out = tmp_path / "contacts.json"
    assert netz("export", "--format", "json", "-o", str(out), "--db", str(db_path)).returncode == 0
    contacts = json.loads(out.read_text(encoding="utf-8"))["contacts"]
    anna = next(c for c in contacts if c["full_name"] == "Anna Weber")
    assert anna["birthday"] == "--04-15" and anna["linkedin_url"] == "https://www.linkedin.com/in/anna-weber-voith"


def test_an_oversized_file_is_refused_without_being_read(db_path: Path, tmp_path: Path) -> None:
    from netzcore.importers import MAX_FILE_BYTES

    huge = tmp_path / "huge.vcf"
    with huge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)          # sparse: nothing is really written
    result = netz("import", str(huge), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 1
    assert "huge.vcf: the file is larger than 256 MB" in result.stderr


def test_possible_duplicates_are_imported_and_counted_never_held_back(db_path: Path) -> None:
    """Once "may be a known contact: confirm in the app" on every run; now both people are imported and counted."""
    household = str(FIXTURES / "identity" / "household_of_two_landline.vcf")
    first = netz("import", household, "--db", str(db_path), "--lang", "en")
    assert first.returncode == 0, first.stderr
    assert "Read 2: 2 new, 0 merged, 0 unchanged, 0 not imported." in first.stdout
    assert "1 possible duplicate to review in the app (Contacts → Possible duplicates)." in first.stdout
    namesakes = str(FIXTURES / "identity" / "same_name_same_org_different_mobiles.vcf")
    german = netz("import", namesakes, household, "--db", str(db_path), "--lang", "de", "--json")
    report = json.loads(german.stdout)
    assert (report["created"], report["unchanged"], report["not_imported"]) == (2, 2, [])
    assert [[e["code"] for e in d["evidence"]] for d in report["possible_duplicates"]] == [["different_mobiles"]]


def test_a_folder_of_phone_exports_and_a_calendar_imports_both(db_path: Path, tmp_path: Path) -> None:
    """A folder is walked: its vCards and CSVs are read as contacts (not passed over as "no calendar or mail"),
    its calendar files as meetings, after the contacts so the new people are matched."""
    folder = tmp_path / "Export"
    (folder / "phone").mkdir(parents=True)
    (folder / "phone" / "iphone.vcf").write_bytes((FIXTURES / "iphone.vcf").read_bytes())
    (folder / "Connections.csv").write_bytes((FIXTURES / "Connections.csv").read_bytes())
    (folder / "anna.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Weber\r\n"
                                     "EMAIL:anna.weber@voith.example\r\nEND:VCARD\r\n", encoding="utf-8")
    calendar = Path(__file__).resolve().parents[1] / "fixtures" / "calendar" / "google_recurring_cancelled_declined.ics"
    (folder / "calendar.ics").write_bytes(calendar.read_bytes())
    result = netz("import", str(folder), "--db", str(db_path), "--since", "2026-01-01", "--lang", "en", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [Path(f["name"]).name for f in report["contacts"]["files"]] == ["Connections.csv", "anna.vcf",
                                                                          "iphone.vcf"]
    assert report["contacts"]["records_read"] == 8 and report["contacts"]["accounted"]
    assert [(c["name"], c["meetings"]) for c in report["activity"]["contacts"]] == [("Anna Weber", 6)]

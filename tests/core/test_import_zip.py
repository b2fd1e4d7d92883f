"""Contact files as the services hand them out: in a zip. LinkedIn's data archive was refused as "not a contact
file", so was a Google Takeout; now a zip's contact files are read in its place, of LinkedIn's archive only its
Connections.csv, and what else it holds is named in the report."""

from __future__ import annotations

import zipfile
from pathlib import Path

from netzcore import db as netzdb
from netzcore.importers import ImportFile, plan_import
from netzcore.importers.files import unpack_uploads
from netzcore.importers.report import report_lines
from tests.core.test_import_cli import netz

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
LINKEDIN_ARCHIVE = FIXTURES / "linkedin" / "Basic_LinkedInDataExport_12-05-2026.zip"
TAKEOUT = FIXTURES / "takeout_contacts_and_calendar.zip"


def names(db_path: Path) -> list[str]:
    con = netzdb.connect(db_path)
    try:
        return sorted(row[0] for row in con.execute("SELECT full_name FROM contacts").fetchall())
    finally:
        con.close()


def test_linkedins_data_archive_gives_its_connections_only(db_path: Path) -> None:
    """The archive LinkedIn sends holds Connections.csv beside the address book the member synced (Contacts.csv),
    the profile and the messages: the connections are imported, the rest named, nothing refused."""
    result = netz("import", str(LINKEDIN_ARCHIVE), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert f"{LINKEDIN_ARCHIVE}/Connections.csv: LinkedIn connections, 2 rows read" in result.stdout
    assert ("of LinkedIn's data archive only Connections.csv, your connections, was read (its Contacts.csv is the "
            "address book you synced to LinkedIn); not read: Contacts.csv, Profile.csv, messages.csv") in result.stdout
    assert names(db_path) == ["Andreas Müller", "Jörg Weiß"]


def test_a_takeout_zip_gives_its_contacts_and_its_calendar(db_path: Path) -> None:
    """A Google Takeout with contacts and a calendar goes to both imports: Carla Nowak comes from its vCard, and
    the meeting with her from its calendar."""
    result = netz("import", str(TAKEOUT), "--db", str(db_path), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert "My Contacts.vcf: vCard, 1 Karte gelesen" in result.stdout
    assert "archive_browser.html" in result.stdout          # named, in the contact import's note
    con = netzdb.connect(db_path)
    try:
        logged = con.execute("SELECT c.full_name, i.occurred_on::VARCHAR FROM interactions i "
                             "JOIN contacts c ON c.id = i.contact_id").fetchall()
    finally:
        con.close()
    assert logged == [("Carla Nowak", "2026-05-12")]


def test_a_zip_uploaded_in_the_app_is_read_like_one_given_on_the_command_line(con: netzdb.Connection) -> None:
    found = unpack_uploads([ImportFile(LINKEDIN_ARCHIVE.name, LINKEDIN_ARCHIVE.read_bytes())])
    plan = plan_import(con, found.files, notes=found.notes, parallel=False)
    lines = report_lines(plan.preview(), "de")
    assert lines[0] == f"{LINKEDIN_ARCHIVE.name}/Connections.csv: LinkedIn-Kontakte, 2 Zeilen gelesen"
    assert any(line.startswith(f"  {LINKEDIN_ARCHIVE.name}: aus dem Datenarchiv von LinkedIn wurde nur "
                               "Connections.csv gelesen") for line in lines)


def test_a_zip_without_contact_files_and_a_damaged_one_are_refused_saying_so(tmp_path: Path, db_path: Path) -> None:
    photos = tmp_path / "photos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("IMG_0001.txt", "not a contact")
    damaged = tmp_path / "contacts.zip"
    damaged.write_bytes(LINKEDIN_ARCHIVE.read_bytes()[:400])
    result = netz("import", str(photos), str(damaged), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 1
    assert f"{photos}: the zip file holds no vCard or CSV contact file" in result.stderr
    assert f"{damaged}: the zip file cannot be read (damaged or protected by a password)" in result.stderr

"""CSV export: Excel-ready UTF-8 with BOM, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.exporters.csv import CONTACT_COLUMNS, contacts_csv, interactions_csv, neutralize
from netzcore.exporters.selection import ContactSelection
from netzcore.importers import ImportFile, apply_import, plan_import
from tests.core.export_sample import fill_sample, fill_sample_file, run_netz
from tests.core.test_export_vcard import ROUND_TRIP_FIELDS, _contact_fields

ATTACKS = ["=1+2", "+49 30 1234", "-2+3", "@SUM(A1:A9)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil","x")',
           "=cmd|' /C calc'!A0"]


def _rows(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("attack", ATTACKS)
def test_formula_cells_are_neutralised(con: netzdb.Connection, attack: str) -> None:
    """Text a contact file brought in is shown by a spreadsheet, never run: every field, every start."""
    con.execute("""INSERT INTO contacts (full_name, given_name, title, department, emails, phones, tags, notes, city)
                   VALUES (?, ?, ?, ?, [?], [?], [?], ?, ?)""", [attack] * 9)
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, hooks, gave, received, notes, topics) "
                "SELECT id, DATE '2026-11-01', 'call', ?, ?, ?, ?, [?] FROM contacts", [attack] * 5)
    contact = _rows(contacts_csv(con).data)[0]
    for column in ("full_name", "given_name", "title", "department", "emails", "phones", "tags", "notes", "city"):
        assert contact[column] == "'" + attack, column
    interaction = _rows(interactions_csv(con).data)[0]
    for column in ("contact_name", "hooks", "gave", "received", "notes", "topics"):
        assert interaction[column] == "'" + attack, column


def test_harmless_text_is_left_as_it_is() -> None:
    assert neutralize("Anna = Chefin") == "Anna = Chefin"
    assert neutralize("Jörg Müller") == "Jörg Müller"
    assert neutralize("") == ""


def test_contacts_csv_has_every_column_and_keeps_text_whole(con: netzdb.Connection) -> None:
    fill_sample(con)
    export = contacts_csv(con)
    rows = _rows(export.data)
    assert export.count == len(rows) == 3
    assert list(rows[0]) == list(CONTACT_COLUMNS)
    anna = next(r for r in rows if r["given_name"] == "Anna")
    assert anna["organization"] == "Siemens Energy AG"
    assert anna["title"] == 'Head of Sales; DACH, "Energy"'
    assert anna["emails"] == "anna@example.com; a.weber@private.de"
    assert anna["phones"] == "'+4989123456; +41 44 555 66 77"
    assert anna["address"] == "Königstraße 1\nHinterhaus"
    assert (anna["birthday_year"], anna["birthday_month"], anna["birthday_day"]) == ("1980", "4", "15")
    assert anna["tier"] == "A" and anna["archived"] == "false"
    bernd = next(r for r in rows if r["given_name"] == "Bernd")
    assert (bernd["birthday_year"], bernd["birthday_month"], bernd["birthday_day"]) == ("", "2", "29")
    assert export.data.count(b"\r\n") >= 4                    # CRLF rows, as Excel writes them


def test_interactions_csv_follows_the_selection(con: netzdb.Connection) -> None:
    fill_sample(con)
    everything = _rows(interactions_csv(con).data)
    assert [r["contact_name"] for r in everything] == ["Dr. Anna Weber-Schütz", "Bernd Ölmann"]  # newest first
    lunch = everything[0]
    assert (lunch["channel"], lunch["in_person"], lunch["event"]) == ("lunch", "true", "Hannover Messe 2027")
    assert lunch["notes"] == "'+1 für das Pilotprojekt"
    only_b = _rows(interactions_csv(con, ContactSelection(tiers=("B",)), ";").data, ";")
    assert [r["contact_name"] for r in only_b] == ["Bernd Ölmann"]


def test_cli_csv_writes_contacts_and_interactions_beside_each_other(db_path: Path, tmp_path: Path) -> None:
    fill_sample_file(db_path)
    out = tmp_path / "netz.csv"
    result = run_netz("export", "--format", "csv", "-o", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert len(_rows(out.read_bytes())) == 3
    assert len(_rows((tmp_path / "netz-interactions.csv").read_bytes())) == 2
    assert "Wrote 2 records to" in result.stderr


def test_cli_export_to_a_missing_folder_is_a_clear_error(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "netz.csv"
    result = run_netz("export", "--format", "csv", "-o", str(target), "--db", str(db_path))
    assert result.returncode == 1
    assert str(target) in result.stderr and "Traceback" not in result.stderr


def test_netz_reads_its_own_csv_back(con: netzdb.Connection, tmp_path: Path) -> None:
    """The CSV export, edited in a spreadsheet and imported: it was refused as "a LinkedIn Connections.csv without
    its header" (its rows hold LinkedIn links). Now what a contact book carries comes back as it was written
    (phones too, which the export writes as "'+49 …" so a spreadsheet does not read a formula), and importing it
    again into the same database changes nothing."""
    fill_sample(con)
    con.execute("UPDATE contacts SET phones = ['+4989123456', '+41445556677'] WHERE given_name = 'Anna'")
    fields = [f for f in ROUND_TRIP_FIELDS if f != "has_photo"]          # a photo is no CSV cell
    exported = {name: {f: row[f] for f in fields} for name, row in _contact_fields(con).items()}
    exported.pop("Clara Alt")                                            # archived: not exported by default
    path = tmp_path / "netz-contacts.csv"
    path.write_bytes(contacts_csv(con).data)
    # into the database it came from (its contacts came from vCards and by hand): the same data, nothing merged
    report = plan_import(con, [ImportFile(path.name, path.read_bytes())], parallel=False).preview()
    assert (report.created, report.merged, report.unchanged) == (0, 0, len(exported))
    target = tmp_path / "imported.duckdb"
    result = run_netz("import", str(path), "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert "netz contacts (CSV)" in result.stdout
    again = run_netz("import", str(path), "--db", str(target))
    assert f"0 new, 0 merged, {len(exported)} unchanged" in again.stdout, again.stdout
    imported = netzdb.connect(target)
    try:
        back = {name: {f: row[f] for f in fields} for name, row in _contact_fields(imported).items()}
    finally:
        imported.close()
    assert sorted(back) == sorted(exported)
    for name, values in exported.items():
        for field, value in values.items():
            assert back[name][field] == value, (name, field, back[name][field], value)


def _excel_reads_a_number(text: str) -> bool:
    """What Excel (and LibreOffice, Google Sheets) makes a number of when it opens a CSV: digits alone."""
    return text.strip().isdigit()


def test_postal_codes_and_phones_with_a_leading_zero_stay_text_in_excel(con: netzdb.Connection,
                                                                          tmp_path: Path) -> None:
    """Dresden's postal code 01067 opened as 1067 in Excel, a number typed as 03514567890 as 3514567890 and
    00436641234567 as 4,36641E+13: digits alone are a number to a spreadsheet. Such a cell goes out as text now
    ("'01067", as a formula start does), and netz reads it back as written."""
    con.execute("INSERT INTO contacts (full_name, given_name, family_name, phones, postal_code, city, tier) VALUES "
                "('Frieda Elbe', 'Frieda', 'Elbe', ['03514567890'], '01067', 'Dresden', 'B'), "
                "('Karl Berg', 'Karl', 'Berg', ['00436641234567'], '99084', 'Erfurt', 'B')")
    path = tmp_path / "postal_codes_and_phones_with_a_leading_zero.csv"
    path.write_bytes(contacts_csv(con, delimiter=";").data)
    rows = {r["full_name"]: r for r in _rows(path.read_bytes(), ";")}
    for row in rows.values():
        assert not _excel_reads_a_number(row["phones"]), row["phones"]
    assert not _excel_reads_a_number(rows["Frieda Elbe"]["postal_code"])
    assert rows["Karl Berg"]["postal_code"] == "99084"         # no zero to lose: left as it is
    report = plan_import(con, [ImportFile(path.name, path.read_bytes())], parallel=False).preview()
    assert (report.created, report.merged, report.unchanged) == (0, 0, 2)


def test_cli_csv_in_german_is_split_by_semicolons_as_on_the_page(db_path: Path, tmp_path: Path) -> None:
    """`netz export --format csv --lang de` wrote commas, and German Excel showed each row in one column; the
    page's download has used `;` in German all along. Both files follow the language now."""
    fill_sample_file(db_path)
    out = tmp_path / "kontakte_german_excel_one_column.csv"
    result = run_netz("export", "--format", "csv", "-o", str(out), "--db", str(db_path), lang="de")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().decode("utf-8-sig").partition("\r\n")[0].startswith("id;full_name;given_name;")
    assert len(_rows(out.read_bytes(), ";")) == 3
    assert len(_rows((tmp_path / "kontakte_german_excel_one_column-interactions.csv").read_bytes(), ";")) == 2


def test_how_we_met_comes_back_from_the_csv(con: netzdb.Connection, tmp_path: Path) -> None:
    """The CSV has a `how_met` column ("Hannover Messe 2024, Halle 3"), and netz's own import of it left the column
    unread: moved to a new database by CSV, every contact lost how the user met them."""
    con.execute("INSERT INTO contacts (full_name, given_name, family_name, how_met, tier) VALUES "
                "('Frieda Elbe', 'Frieda', 'Elbe', 'Hannover Messe 2024, Halle 3; am Stand von H2 Nord', 'B')")
    path = tmp_path / "netz_contacts_with_how_we_met.csv"
    path.write_bytes(contacts_csv(con, delimiter=";").data)
    assert plan_import(con, [ImportFile(path.name, path.read_bytes())], parallel=False).preview().unchanged == 1
    target = netzdb.connect_memory()
    apply_import(target, plan_import(target, [ImportFile(path.name, path.read_bytes())], parallel=False))
    assert target.execute("SELECT how_met FROM contacts").fetchone() == (
        "Hannover Messe 2024, Halle 3; am Stand von H2 Nord",)


def test_text_that_starts_with_an_apostrophe_comes_back_whole() -> None:
    """A note written "'+1 from Anna" (an apostrophe of the user's own) came back from the CSV as "+1 from Anna":
    the import took the apostrophe for the one the export puts before a formula start."""
    from netzcore.exporters.csv import unquote_formula

    for text in ("'+1 von Anna", "'=Zitat", "'01067", "''=x", "'Hallo'"):
        assert unquote_formula(neutralize(text)) == text, text

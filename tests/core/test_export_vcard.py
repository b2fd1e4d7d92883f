"""vCard export: what phones and address books read back, byte rules included."""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from netzcore import db as netzdb
from netzcore.exporters.contentlines import fold
from netzcore.exporters.selection import ContactSelection
from netzcore.exporters.vcard import vcard_export
from tests.core.export_sample import PHOTO, ROOT, fill_sample, run_netz


@pytest.fixture
def sample(con: netzdb.Connection) -> dict[str, str]:
    return fill_sample(con)


def _cards(data: bytes) -> dict[str, vobject.base.Component]:
    return {card.fn.value: card for card in vobject.readComponents(data.decode("utf-8"))}


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_line_is_crlf_and_folded_to_75_octets(con: netzdb.Connection, sample: dict[str, str],
                                                    version: str) -> None:
    data = vcard_export(con, version=version).data  # type: ignore[arg-type]
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")                         # folding never splits a character


def test_folding_keeps_multibyte_characters_whole() -> None:
    line = "NOTE:" + "ü" * 100 + "東京" * 20
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == line


def test_vcard3_carries_what_vcard_can(con: netzdb.Connection, sample: dict[str, str]) -> None:
    cards = _cards(vcard_export(con).data)
    anna = cards["Dr. Anna Weber-Schütz"]
    assert anna.version.value == "3.0"
    assert anna.uid.value == sample["anna"]
    assert anna.n.value.family == "Weber-Schütz" and anna.n.value.given == "Anna"
    assert anna.n.value.prefix == "Dr." and anna.n.value.suffix == "MBA"
    assert anna.org.value == ["Siemens Energy AG", "Vertrieb, Nord"]
    assert anna.title.value == 'Head of Sales; DACH, "Energy"'
    assert [e.value for e in anna.email_list] == ["anna@example.com", "a.weber@private.de"]
    assert [t.value for t in anna.tel_list] == ["+4989123456", "+41 44 555 66 77"]
    assert "https://www.linkedin.com/in/anna-weber" in [u.value for u in anna.url_list]
    assert anna.adr.value.street == "Königstraße 1\nHinterhaus" and anna.adr.value.code == "70173"
    assert anna.bday.value == "1980-04-15"
    assert anna.categories.value == ["Kunde", "golf,club", '=HYPERLINK("x")']
    assert anna.note.value.startswith("Zeile 1\nZeile 2; mit Komma, und \\Backslash\\ lang")
    assert anna.photo.value == PHOTO
    assert anna.contents["x-netz-tier"][0].value == "A"


def test_birthday_without_year_in_both_versions(con: netzdb.Connection, sample: dict[str, str]) -> None:
    v3 = vcard_export(con).data.decode()
    assert "BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-02-29\r\n" in v3
    v4 = _cards(vcard_export(con, version="4.0").data)
    assert v4["Bernd Ölmann"].bday.value == "--0229"
    assert v4["Dr. Anna Weber-Schütz"].bday.value == "19800415"


def test_vcard4_photo_is_a_data_uri(con: netzdb.Connection, sample: dict[str, str]) -> None:
    """Checked on the unfolded text: vobject reads vCard 4.0 data URIs only up to their comma."""
    text = vcard_export(con, version="4.0").data.decode().replace("\r\n ", "")
    card = _cards(text.encode())["Dr. Anna Weber-Schütz"]
    assert card.uid.value == f"urn:uuid:{sample['anna']}"
    photo = next(line for line in text.split("\r\n") if line.startswith("PHOTO:"))
    prefix = "PHOTO:data:image/jpeg;base64,"
    assert photo.startswith(prefix)
    assert base64.b64decode(photo.removeprefix(prefix)) == PHOTO


def test_selection_by_tier_tag_and_archived(con: netzdb.Connection, sample: dict[str, str]) -> None:
    def names(selection: ContactSelection) -> list[str]:
        return sorted(_cards(vcard_export(con, selection).data))

    assert names(ContactSelection()) == ["Bernd Ölmann", "Dora 東京", "Dr. Anna Weber-Schütz"]
    assert names(ContactSelection(include_archived=True))[1] == "Clara Alt"
    assert names(ContactSelection(tiers=("A", "C"))) == ["Dr. Anna Weber-Schütz"]
    assert names(ContactSelection(tiers=("A", "C"), include_archived=True)) == ["Clara Alt", "Dr. Anna Weber-Schütz"]
    assert names(ContactSelection(tag="kunde")) == ["Bernd Ölmann", "Dr. Anna Weber-Schütz"]
    assert vcard_export(con, ContactSelection(tag="nobody")).count == 0


def test_cli_writes_vcard_files(con: netzdb.Connection, sample: dict[str, str], db_path: Path,
                                tmp_path: Path) -> None:
    con.close()
    out = tmp_path / "kontakte.vcf"
    result = run_netz("export", "--format", "vcard4", "-o", str(out), "--db", str(db_path), lang="de")
    assert result.returncode == 0, result.stderr
    assert f"3 Datensätze nach {out} geschrieben" in result.stderr
    assert sorted(_cards(out.read_bytes())) == ["Bernd Ölmann", "Dora 東京", "Dr. Anna Weber-Schütz"]

    to_stdout = subprocess.run([sys.executable, "-m", "netzcore.cli", "export", "--format", "vcard", "--db",
                                str(db_path)], capture_output=True, cwd=ROOT, timeout=60)
    assert to_stdout.returncode == 0
    assert to_stdout.stdout.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")


needs_importer = pytest.mark.skipif(importlib.util.find_spec("netzcore.importers") is None,
                                    reason="the vCard importer (netz import) has not landed on this branch yet")
ROUND_TRIP_FIELDS = (
    "full_name", "given_name", "family_name", "additional_names", "honorific_prefix", "honorific_suffix", "nickname", "organization",
    "department", "title", "emails", "phones", "urls", "linkedin_url", "xing_url", "address", "city", "region",
    "postal_code", "country", "birthday_year", "birthday_month", "birthday_day", "tags", "notes", "has_photo",
    "tier", "topics", "archived",   # netz's own X-NETZ-* (the CSV: its columns), read back for a new contact
)


def _contact_fields(con: netzdb.Connection) -> dict[str, dict[str, object]]:
    result = con.execute("""
        SELECT c.*, o.name AS organization, c.photo IS NOT NULL AS has_photo
        FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id""")
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    return {str(row["full_name"]): {f: row[f] for f in ROUND_TRIP_FIELDS} for row in rows}


@needs_importer
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_round_trip_through_netz_import_keeps_what_vcard_carries(con: netzdb.Connection, sample: dict[str, str],
                                                                  tmp_path: Path, version: str) -> None:
    # phones as netz stores them when they parse: E.164
    con.execute("UPDATE contacts SET phones = ['+4930123456'], given_name = 'Dora', family_name = '東京' "
                "WHERE full_name = 'Dora 東京'")
    con.execute("UPDATE contacts SET phones = ['+4989123456', '+41445556677'] WHERE given_name = 'Anna'")
    con.execute("UPDATE contacts SET given_name = 'Clara', family_name = 'Alt' WHERE full_name = 'Clara Alt'")
    exported = _contact_fields(con)
    assert exported["Clara Alt"]["archived"]                  # exported when asked for, and archived again
    path = tmp_path / "netz.vcf"
    everyone = ContactSelection(include_archived=True)
    path.write_bytes(vcard_export(con, everyone, version=version).data)  # type: ignore[arg-type]

    target = tmp_path / "imported.duckdb"
    result = run_netz("import", str(path), "--db", str(target))
    assert result.returncode == 0, result.stderr
    again = run_netz("import", str(path), "--db", str(target))      # the same data again: nothing to merge
    assert f"0 new, 0 merged, {len(exported)} unchanged" in again.stdout, again.stdout
    imported = netzdb.connect(target)
    try:
        back = _contact_fields(imported)
    finally:
        imported.close()
    assert sorted(back) == sorted(exported)
    for name, fields in exported.items():
        for field, value in fields.items():
            assert back[name][field] == value, (name, field)



@needs_importer
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_phones_typed_by_hand_are_not_doubled_when_the_export_comes_back(con: netzdb.Connection,
                                                                         version: str) -> None:
    """A number typed by hand is kept as typed ('0228 981750'); the import reads the export's copy as +49228981750,
    and the contact then showed the same number twice. An Austrian mobile beside an address in Austria too."""
    from netzcore.contacts import create_contact
    from netzcore.importers import ImportFile, apply_import, plan_import

    create_contact(con, "Ludwig van Beethoven", given_name="Ludwig", family_name="van Beethoven",
                   phones=["0228 981750", "+49 30 1234567"])
    create_contact(con, "Zoë Groß", given_name="Zoë", family_name="Groß", phones=["0664 1234567"], city="Wien",
                   country="Österreich")
    before = dict(con.execute("SELECT full_name, phones FROM contacts").fetchall())
    data = vcard_export(con, version=version).data  # type: ignore[arg-type]
    plan = plan_import(con, [ImportFile("phones_typed_by_hand_exported_and_imported_back.vcf", data)],
                       parallel=False)
    report = apply_import(con, plan)
    assert (report.created, report.merged, report.unchanged) == (0, 0, 2)
    assert dict(con.execute("SELECT full_name, phones FROM contacts").fetchall()) == before


@needs_importer
def test_control_characters_from_word_are_line_breaks_not_raw_bytes(con: netzdb.Connection) -> None:
    """A note pasted from Word holds its manual line break as a vertical tab (and a page break as a form feed):
    netz wrote them raw into the vCard and the calendar, where RFC 6350 and 5545 allow no control character, and
    netz's own import then glued the lines together ('Zeile 1Zeile 2'). They go out as line breaks now; other
    control characters (NUL, DEL) are left out."""
    from netzcore.contacts import create_contact
    from netzcore.exporters.ical import CalendarEntry, calendar_bytes
    from netzcore.importers import ImportFile, apply_import, plan_import

    note = "Zeile 1\x0bZeile 2\x0cSeite 2\x85NEL\u2028LS Ende\x00\x7f\tTab"
    create_contact(con, "Anna Weber", given_name="Anna", family_name="Weber", notes=note)
    data = vcard_export(con).data
    calendar = calendar_bytes([CalendarEntry("x", "Kaffee", dt.date(2026, 4, 21), description=note)], "netz")
    for written in (data, calendar):
        text = written.decode("utf-8").replace("\r\n", "").replace("\t", "")
        assert not [ch for ch in text if ch < " " or ch in "\x7f\x85\u2028\u2029"], text
    assert _cards(data)["Anna Weber"].note.value == "Zeile 1\nZeile 2\nSeite 2\nNEL\nLS Ende\tTab"
    other = netzdb.connect_memory()
    apply_import(other, plan_import(other, [ImportFile("word_line_breaks_in_a_note.vcf", data)], parallel=False))
    assert other.execute("SELECT notes FROM contacts").fetchone() == ("Zeile 1\nZeile 2\nSeite 2\nNEL\nLS Ende\tTab",)


def test_a_contact_with_only_a_full_name_gets_a_structured_name(con: netzdb.Connection) -> None:
    """A contact made by hand from its name alone, or from a mail, went out as `N:;;;;`: readers that build the
    name from N alone (the FRITZ!Box phone book sync carddav2fb, some Android contact apps) showed it without a
    name. N is now read from the full name, titles and particles where they belong."""
    from netzcore.contacts import create_contact

    for name in ("Prof. Dr. Eva Gruber", "Ludwig van Beethoven", "Madonna", "Müller, Hans"):
        create_contact(con, name)
    for version in ("3.0", "4.0"):
        cards = _cards(vcard_export(con, version=version).data)  # type: ignore[arg-type]
        names = {fn: (c.n.value.family, c.n.value.given, c.n.value.prefix) for fn, c in cards.items()}
        assert names == {"Prof. Dr. Eva Gruber": ("Gruber", "Eva", "Prof. Dr."),
                         "Ludwig van Beethoven": ("van Beethoven", "Ludwig", ""),
                         "Madonna": ("Madonna", "", ""),
                         "Müller, Hans": ("Müller", "Hans", "")}, version


@needs_importer
def test_a_level_left_empty_stays_empty_when_the_export_comes_back(con: netzdb.Connection) -> None:
    """A contact made by hand with a title and no level ("Leiter Einkauf"): importing netz's own vCard or CSV back
    "merged" every such contact and gave it the level the import reads from a title (`head`), though nothing came
    in that netz had not written itself. netz's own file says the level (`X-NETZ-LEVEL`, the column), none is none."""
    from netzcore.contacts import create_contact
    from netzcore.exporters.csv import contacts_csv
    from netzcore.importers import ImportFile, apply_import, plan_import

    create_contact(con, "Hans Müller", given_name="Hans", family_name="Müller", title="Leiter Einkauf")
    create_contact(con, "Eva Gruber", given_name="Eva", family_name="Gruber", title="Referentin",
                   hierarchy_level="executive")
    levels = dict(con.execute("SELECT full_name, hierarchy_level FROM contacts").fetchall())
    for name, data in (("level_left_empty.vcf", vcard_export(con).data), ("level_left_empty.csv",
                                                                          contacts_csv(con).data)):
        report = plan_import(con, [ImportFile(name, data)], parallel=False).preview()
        assert (report.merged, report.unchanged) == (0, 2), name
        other = netzdb.connect_memory()
        apply_import(other, plan_import(other, [ImportFile(name, data)], parallel=False))
        assert dict(other.execute("SELECT full_name, hierarchy_level FROM contacts").fetchall()) == levels, name


def test_rev_is_the_change_in_utc_not_local_time_marked_utc(con: netzdb.Connection,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """netz keeps when a contact changed in the computer's local time; REV wrote that time with a `Z`, so a card
    changed at 12:00 in Berlin in July said it changed at 12:00 UTC, two hours after it did."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        con.execute("INSERT INTO contacts (full_name, tier, updated_at) VALUES "
                    "('Anna Weber', 'B', TIMESTAMP '2026-07-01 12:00:00')")
        assert "REV:2026-07-01T10:00:00Z\r\n" in vcard_export(con).data.decode("utf-8")
        assert "REV:20260701T100000Z\r\n" in vcard_export(con, version="4.0").data.decode("utf-8")
    finally:
        monkeypatch.undo()
        time.tzset()

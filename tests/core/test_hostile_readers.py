"""Hostile input against the readers added lately: lists of people read by their column names, zips of contact
files and of calendars and mail, names, printed addresses and phone labels. Each input is generated at the
smallest size that shows the problem; work is bounded by counting it (how often a zip is opened, how long a line
is), never by a clock (see docs/quality.md, "Hostile input")."""

from __future__ import annotations

import csv
import io
import struct
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.i18n import translate
from netzcore.importers import (
    ImportFile,
    activity,
    addressbook,
    apply_import,
    csvfile,
    files,
    normalize,
    pipeline,
    plan_import,
)
from netzcore.importers.files import zip_of_bytes
from netzcore.importers.report import reason, report_lines

EVENT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u{i}@example.org\r\nDTSTART:20240101T100000Z\r\n"
         "SUMMARY:Termin {i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _zip(members: list[tuple[str, str | bytes]], compression: int = zipfile.ZIP_STORED) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return packed.getvalue()


def test_a_zip_of_many_calendars_is_opened_once_not_once_per_calendar(con: netzdb.Connection) -> None:
    """Each calendar in a zip opened the zip anew and read its whole directory: 1,000 calendars took 6 s, 4,000
    more than 90 s. The zip is opened a fixed number of times now, however many files it holds."""
    data = _zip([(f"calendars/c{i:04d}.ics", EVENT.format(i=i)) for i in range(60)])
    opened = 0

    def counted() -> zipfile.ZipFile:
        nonlocal opened
        opened += 1
        return zip_of_bytes(data)()

    files, refused = activity._zip_files("Kalender.zip", counted)
    assert (len(files), refused) == (60, [])
    plan = activity.plan_activity(con, files)
    assert sum(s.read for s in plan.sources) == 60
    assert opened <= 2, f"the zip was opened {opened} times for 60 calendars"


def _report(con: netzdb.Connection, name: str, data: bytes, lang: str) -> list[str]:
    return report_lines(plan_import(con, [ImportFile(name, data)], parallel=False).preview(), lang)


def test_a_list_of_100_000_columns_and_a_column_name_of_a_megabyte_make_short_report_lines(
        con: netzdb.Connection) -> None:
    """The file's line named every column netz left unread, whole: 100,000 columns were a line of a megabyte, and
    so was one column named by a megabyte of text. Twenty are named now, each cut, and the rest counted."""
    header = "Name,E-Mail," + ",".join(f"Spalte{i}" for i in range(100_000)) + ",X" + "x" * (1 << 20)
    data = (header + "\r\nAnna Weber,anna@example.org\r\n").encode()
    for lang, more in (("en", " and 99,981 more"), ("de", " und 99.981 weitere")):
        lines = _report(con, "liste.csv", data, lang)
        assert max(map(len, lines)) < 2_000, [line[:200] for line in lines]
        assert lines[0].endswith(f"Spalte18, Spalte19{more}"), lines[0][-200:]
        assert "100,001 columns not read" in lines[0] or "100.001 Spalten nicht gelesen" in lines[0]


def test_a_shortened_number_of_100_000_digits_is_quoted_cut(con: netzdb.Connection) -> None:
    """A phone cell written '4.91711E+999…' (100 KB) was quoted whole in its note."""
    data = ("Name,E-Mail,Telefon\r\nAnna Weber,anna@example.org,4.91711E+" + "9" * 100_000 + "\r\n").encode()
    for lang in ("en", "de"):
        lines = _report(con, "liste.csv", data, lang)
        assert max(map(len, lines)) < 2_000, [line[:200] for line in lines]
        assert any("liste.csv" in line and "4.91711E+999" in line for line in lines[2:]), lines


def _card(name: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_a_zip_of_more_contact_files_than_netz_reads_says_so(con: netzdb.Connection,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Of a zip with more than 200,000 files the first 200,000 were read and the rest left out without a word (the
    bound lowered here: a zip of 200,001 files takes seconds to write)."""
    monkeypatch.setattr(files, "MAX_FOLDER_FILES", 3)
    data = _zip([(f"karten/{i}.vcf", _card(f"Person {i}")) for i in range(1, 5)])
    found = files.unpack_uploads([ImportFile("Handy.zip", data)])
    report = plan_import(con, found.files, notes=found.notes, parallel=False).preview()
    assert report.records_read == 3
    assert "  Handy.zip: the zip file holds more than 3 files; only the first 3 (in name order) were read" \
        in report_lines(report, "en")
    assert "  Handy.zip: die ZIP-Datei enthält mehr als 3 Dateien; nur die ersten 3 (nach Namen geordnet) wurden " \
        "gelesen" in report_lines(report, "de")



def test_a_row_too_long_to_read_is_named_in_words(con: netzdb.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row with a 50 MB address was left out as it must be, but the report gave the reason as the code
    'line_too_long', in German too. The bound is lowered here: the 50 MB file takes seconds to write."""
    monkeypatch.setattr(csvfile, "MAX_LINE_CHARS", 1_000)
    data = ("Name,E-Mail,Adresse\r\nAnna Weber,anna@example.org," + "Y" * 2_000 + "\r\nBen Roth,ben@example.org,\r\n"
            ).encode()
    report = plan_import(con, [ImportFile("liste.csv", data)], parallel=False).preview()
    assert (report.records_read, len(report.not_imported)) == (2, 1)
    assert "  liste.csv, line 2: the row cannot be read (a line longer than 16 million characters)" \
        in report_lines(report, "en")
    assert "  liste.csv, Zeile 2: die Zeile kann nicht gelesen werden (eine Zeile länger als 16 Millionen Zeichen)" \
        in report_lines(report, "de")


def test_the_rest_of_a_cell_too_long_to_read_becomes_no_people(con: netzdb.Connection) -> None:
    """A quoted address of many lines above the csv module's limit (16 million characters) made its row
    unreadable, as it must, but every line of the rest of the cell was read as a row of its own: 47 people named
    'Hauptstr. 1', merged into one. The limit is lowered here: the 20 MB file takes seconds to write."""
    data = ("Name,E-Mail,Adresse\r\nBen Roth,ben@example.org,\r\nCem Kaya,cem@example.org,\"Hof \"\"Linde\"\"\n"
            + "Hauptstr. 1\n" * 90 + "\"\r\nDora Lang,dora@example.org,\"Ring 2\nBerlin\"\r\n").encode()
    limit = csv.field_size_limit(500)
    try:
        plan = plan_import(con, [ImportFile("liste.csv", data)], parallel=False)
    finally:
        csv.field_size_limit(limit)
    assert [getattr(r, "full_name", None) for r in plan.records] == ["Ben Roth", "Dora Lang"]
    report = plan.preview()
    assert (report.records_read, len(report.not_imported)) == (3, 1)
    assert "  liste.csv, line 3: the row cannot be read (a cell longer than 16 million characters)" \
        in report_lines(report, "en")
    assert "  liste.csv, Zeile 3: die Zeile kann nicht gelesen werden (eine Zelle länger als 16 Millionen Zeichen)" \
        in report_lines(report, "de")


def _lying_zip(name: str, payload: bytes, claimed: int) -> bytes:
    """A zip whose first file says it unpacks to `claimed` bytes (local header and directory) but unpacks to
    `payload`."""
    raw = bytearray(_zip([(name, payload), ("ok.vcf", _card("Olga Ok"))], zipfile.ZIP_DEFLATED))
    struct.pack_into("<I", raw, 22, claimed)
    struct.pack_into("<I", raw, raw.find(b"PK\x01\x02") + 24, claimed)
    return bytes(raw)


def test_a_zip_file_that_says_1_kb_and_unpacks_to_more_is_never_unpacked_whole() -> None:
    """A file in a zip that says it unpacks to 1 KB passed the zip-bomb check and was unpacked whole: a 300 KB zip
    took the import to 750 MB before the file's checksum failed. It is unpacked only as far as it says now, and
    the zip refused as damaged."""
    data = _lying_zip("big.vcf", _card("Bernd Bomb").encode() + b"NOTE:" + b"x" * (48 << 20), 1_000)
    assert len(data) < 100_000
    tracemalloc.start()
    try:
        found = files.unpack_uploads([ImportFile("Handy.zip", data)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.file, p.code) for p in found.refused] == [("Handy.zip", "zip_unreadable")]
    assert peak < 8 << 20, f"{peak >> 20} MB unpacked"


def test_a_zip_inside_a_zip_is_named_as_one_not_as_a_file_without_contacts(con: netzdb.Connection) -> None:
    """A zip of a phone's cards packed again (and a zip packed 50 times over) was named 'files in it without
    contacts: Kontakte.zip' and 'holds no vCard or CSV contact file': the user read that their contacts were
    missing. It is never unpacked (one more level is one more bomb), and the report says to unpack it."""
    inner = _zip([("Kontakte.vcf", _card("Inge Inner"))])
    found = files.unpack_uploads([ImportFile("Sicherung.zip", _zip([("Kontakte.zip", inner),
                                                                   ("Notiz.txt", "x"), ("a.vcf", _card("Anna A"))]))])
    lines = report_lines(plan_import(con, found.files, notes=found.notes, parallel=False).preview(), "en")
    assert "  Sicherung.zip: a zip inside the zip is not unpacked (Kontakte.zip): unpack it and import its files" \
        in lines
    assert "  Sicherung.zip: files in it without contacts: Notiz.txt" in lines
    nested = inner
    for level in range(50):
        nested = _zip([(f"Ebene{level}.zip", nested)])
    found = files.unpack_uploads([ImportFile("Tief.zip", nested)])
    assert [(p.code, p.detail) for p in found.refused] == [("zip_in_zip", "Ebene49.zip")]
    assert reason(found.refused[0], "de") == ("eine ZIP-Datei in der ZIP-Datei wird nicht entpackt (Ebene49.zip): "
                                              "entpacken Sie sie und importieren Sie ihre Dateien")


def test_a_header_of_many_columns_is_counted_once_not_once_per_row(con: netzdb.Connection,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row shorter than the header made the reader count the whole header again, looking for columns named
    twice: 2,000 rows under a header of 50,000 columns took 9 s. The work is counted here, not timed."""
    counted = 0

    class CountingCounter(Counter[str]):
        def __init__(self, items: object = None) -> None:
            nonlocal counted
            counted += len(items) if isinstance(items, list | tuple) else 0
            super().__init__(items)  # type: ignore[arg-type]

    monkeypatch.setattr(addressbook, "Counter", CountingCounter)
    header = "Name,E-Mail," + ",".join(f"Feld{i}" for i in range(5_000))
    data = (header + "\r\n" + "".join(f"Person {i},p{i}@example.org\r\n" for i in range(300))).encode()
    plan = plan_import(con, [ImportFile("breit.csv", data)], parallel=False)
    assert len(plan.records) == 300
    assert counted < 20_000, f"{counted:,} column names counted for 300 rows"


def test_a_printed_address_of_100_000_lines_is_cut_with_a_word(con: netzdb.Connection) -> None:
    """A list's address of 100,000 lines was cut at 10,000 characters without a word (a vCard's ADR is named when
    it is cut); the report names it now, and the rest of the row is read."""
    data = ('Name,E-Mail,Adresse\r\nAnna Weber,anna@example.org,"' + "Hauptstr. 1\n" * 100_000 + '"\r\n').encode()
    plan = plan_import(con, [ImportFile("liste.csv", data)], parallel=False)
    [record] = plan.records
    assert (record.full_name, record.emails) == ("Anna Weber", ("anna@example.org",))
    assert "  liste.csv, line 2: Street cut at 10,000 characters" in report_lines(plan.preview(), "en")
    assert "  liste.csv, Zeile 2: Street nach 10.000 Zeichen abgeschnitten" in report_lines(plan.preview(), "de")


def _listing(data: bytes, entries: int) -> bytes:
    """The zip with its end record saying the directory lists `entries` files (a zip of a million empty files is
    100 MB: too slow to write in a test)."""
    raw = bytearray(data)
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, end + 8, entries, entries)
    return bytes(raw)


def test_a_zip_listing_more_files_than_netz_reads_is_refused_before_its_directory_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's zipfile keeps an object for each file a zip lists: a zip of 600,000 empty files (60 MB) took 15 s
    and 590 MB, two million (200 MB) would take gigabytes. A zip whose end record lists more than 400,000 is
    refused before its directory is read, for contacts and for calendars and mail, in both languages. The bound
    is lowered here for the count to fit the record's two bytes."""
    monkeypatch.setattr(files, "MAX_ZIP_ENTRIES", 40_000, raising=False)
    monkeypatch.setattr(activity, "MAX_ZIP_ENTRIES", 40_000, raising=False)
    data = _listing(_zip([("a.vcf", _card("Anna A")), ("k.ics", EVENT.format(i=1))]), 50_000)
    found = files.unpack_uploads([ImportFile("Alles.zip", data)])
    assert [(p.file, p.code) for p in found.refused] == [("Alles.zip", "zip_too_many_entries")]
    assert reason(found.refused[0], "en").startswith("the zip file lists more than 40,000 files and folders;")
    assert reason(found.refused[0], "de").startswith("die ZIP-Datei verzeichnet mehr als 40.000 Dateien und Ordner;")
    calendars, refused = activity.upload_zip("Alles.zip", data)
    assert (calendars, [(p.file, p.code) for p in refused]) == ([], [("Alles.zip", "zip_too_many_entries")])


class Counted(str):
    """A string that counts how often it is compared for equality: a lookup in a list compares it with every item,
    one in a set with a few. Each test that uses it starts the count at 0."""

    compared = 0
    __hash__ = str.__hash__

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other)


@pytest.fixture(autouse=True)
def _no_comparisons_yet() -> None:
    Counted.compared = 0


def test_a_row_of_many_email_columns_compares_each_address_a_few_times(con: netzdb.Connection,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each address of a card or row was looked up in a list of those before it: a row of 80,000 e-mail columns
    took 36 s, a vCard of 20,000 EMAIL lines 4.6 s (the time grew with the square). The comparisons are counted
    here, not timed."""
    real = normalize.normalize_email
    monkeypatch.setattr(normalize, "normalize_email", lambda text: None if (e := real(text)) is None else Counted(e))
    header = "Name," + ",".join(f"E-Mail {i}" for i in range(3_000))
    row = "Anna Weber," + ",".join(f"anna{i}@example.org" for i in range(3_000))
    [record] = plan_import(con, [ImportFile("liste.csv", f"{header}\r\n{row}\r\n".encode())], parallel=False).records
    assert len(record.emails) == 3_000
    assert Counted.compared < 30_000, f"{Counted.compared:,} comparisons for 3,000 addresses"


def test_a_row_of_many_web_columns_compares_each_link_a_few_times(con: netzdb.Connection,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each web address of a row was looked up in a list of those before it: 40,000 website columns beside as
    many phone and group columns took 9.9 s (the time grew with the square; now 3.3 s). Counted, not timed."""
    real = addressbook.one_line
    monkeypatch.setattr(addressbook, "one_line", lambda text: Counted(real(text)))
    header = "Name,E-Mail," + ",".join(f"Website {i}" for i in range(3_000))
    row = "Anna Weber,anna@example.org," + ",".join(f"https://example.org/{i}" for i in range(3_000))
    [record] = plan_import(con, [ImportFile("liste.csv", f"{header}\r\n{row}\r\n".encode())], parallel=False).records
    assert len(record.urls) == 3_000 and record.urls[0] == "https://example.org/0"
    assert Counted.compared < 30_000, f"{Counted.compared:,} comparisons for 3,000 links"


def test_merging_a_row_of_many_addresses_into_a_contact_compares_each_a_few_times(
        con: netzdb.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merging a row into the contact it matched looked up each of its addresses in a list of the contact's: a
    second import of a row of 60,000 addresses took 19 s (now 2.6 s). Counted, not timed."""
    header = "Name," + ",".join(f"E-Mail {i}" for i in range(3_000))
    first = "Anna Weber," + ",".join(f"anna{i}@example.org" for i in range(3_000))
    again = "Anna Weber," + ",".join(f"anna{i}@example.org" for i in range(3_000, 0, -1))
    apply_import(con, plan_import(con, [ImportFile("a.csv", f"{header}\r\n{first}\r\n".encode())], parallel=False))
    Counted.compared = 0
    real = normalize.normalize_email
    monkeypatch.setattr(normalize, "normalize_email", lambda text: None if (e := real(text)) is None else Counted(e))
    report = apply_import(con, plan_import(con, [ImportFile("b.csv", f"{header}\r\n{again}\r\n".encode())],
                                           parallel=False))
    assert (report.created, report.merged) == (0, 1)
    [(emails,)] = con.execute("SELECT emails FROM contacts").fetchall()
    assert len(emails) == 3_001 and emails[-1] == "anna3000@example.org"
    assert Counted.compared < 30_000, f"{Counted.compared:,} comparisons for 3,000 addresses"


def test_a_header_line_too_long_to_read_takes_no_row_for_the_header(con: netzdb.Connection,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A header line above 16 million characters could not be read, and the first row of people was taken for the
    header without a word: Anna Weber was lost and Ben Roth's row read under her cells' names. The report names
    the header now, and no row is read under a wrong header. The bound is lowered here."""
    monkeypatch.setattr(csvfile, "MAX_LINE_CHARS", 1_000)
    data = ("Name,E-Mail," + "X" * 2_000 + "\r\nAnna Weber,anna@example.org,x\r\nBen Roth,ben@example.org,y\r\n"
            ).encode()
    plan = plan_import(con, [ImportFile("liste.csv", data)], parallel=False)
    assert list(plan.records) == []
    assert ("  liste.csv, line 1: the header line cannot be read (a line longer than 16 million characters); the "
            "rows below it were not read") in report_lines(plan.preview(), "en")
    assert ("  liste.csv, Zeile 1: die Kopfzeile kann nicht gelesen werden (eine Zeile länger als 16 Millionen "
            "Zeichen); die Zeilen darunter wurden nicht gelesen") in report_lines(plan.preview(), "de")


def test_a_folder_of_many_calendar_zips_keeps_one_zip_open_at_a_time(con: netzdb.Connection, tmp_path: Path) -> None:
    """A zip kept open for all its calendars must not stay open after them: a folder of 1,100 zips ran out of file
    handles ('system error EMFILE'). Counted by the open files of this process under the folder."""
    folder = tmp_path / "Kalender"
    folder.mkdir()
    for i in range(30):
        (folder / f"k{i:02d}.zip").write_bytes(_zip([("kalender.ics", EVENT.format(i=i))]))

    def open_here() -> int:
        fds = Path("/proc/self/fd")
        return sum(1 for fd in fds.iterdir() if str(folder) in str(fd.resolve()))

    found, refused = activity.find_files([str(folder)])
    assert (len(found), refused) == (30, [])
    assert open_here() <= 1
    plan = activity.plan_activity(con, found)
    assert sum(s.read for s in plan.sources) == 30 and open_here() <= 1


def _rows_of_people(count: int) -> bytes:
    return ("Vorname;Nachname;E-Mail\r\n" + "".join(
        f"Anna;Weber{i};anna.weber{i}@example.org\r\n" for i in range(count))).encode()


def _connections(count: int) -> bytes:
    return ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n" + "".join(
        f"Ben,Kraus{i},https://www.linkedin.com/in/ben-kraus-{i},,Firma {i},CEO,07 May 2021\r\n"
        for i in range(count))).encode()


@pytest.fixture
def bound_of_40(monkeypatch: pytest.MonkeyPatch) -> int:
    """The bound of records one import reads, at a size a test can reach (50,000 rows take half a minute)."""
    monkeypatch.setattr(pipeline, "MAX_RECORDS", 40)
    return 40


def test_a_list_of_more_rows_than_one_import_reads_names_the_rest(con: netzdb.Connection, bound_of_40: int) -> None:
    """A list of a million rows held every record until the write, about 9 KB each: gigabytes. Past the bound the
    rows are only counted, and the report says how many were not read and where they start."""
    plan = plan_import(con, [ImportFile("liste.csv", _rows_of_people(100))], parallel=False)
    assert (plan.records_read, len(plan.records)) == (40, 40)
    assert [(p.position, p.code, p.detail) for p in plan.notes] == [(42, "beyond_import_bound", "60")]
    report = plan.preview()
    assert "liste.csv, line 42: 60 more contacts were not read from here on" in "\n".join(report_lines(report, "en"))
    assert "liste.csv, Zeile 42: 60 weitere Kontakte wurden ab hier nicht gelesen" in "\n".join(
        report_lines(report, "de"))


def test_cards_beyond_the_bound_are_counted_not_read(con: netzdb.Connection, bound_of_40: int) -> None:
    data = "".join(_card(f"Anna Weber{i}") for i in range(100)).encode()
    plan = plan_import(con, [ImportFile("telefon.vcf", data)], parallel=False)
    assert (plan.records_read, len(plan.records)) == (40, 40)
    assert [(p.position, p.code, p.detail) for p in plan.notes] == [(41, "beyond_import_bound", "60")]


def test_the_bound_holds_for_all_files_of_an_import_together(con: netzdb.Connection, bound_of_40: int) -> None:
    cards = "".join(_card(f"Anna Weber{i}") for i in range(30)).encode()
    plan = plan_import(con, [ImportFile("telefon.vcf", cards), ImportFile("Connections.csv", _connections(30))],
                       parallel=False)
    assert (plan.records_read, len(plan.records)) == (40, 40)
    assert [(p.file, p.position, p.detail) for p in plan.notes] == [("Connections.csv", 12, "20")]
    assert sum(1 for r in plan.records if r.source == "linkedin") == 10


def test_the_report_names_the_bound_netz_reads() -> None:
    """The words say the bound as a number: they must change with it."""
    assert f"{pipeline.MAX_RECORDS:,}" in translate("en", "import.reason.beyond_import_bound", detail=2)
    assert f"{pipeline.MAX_RECORDS:,}".replace(",", ".") in translate("de", "import.reason.beyond_import_bound",
                                                                       detail=2)

"""Cards named only by a title or punctuation are found again on re-import; undeclared 8-bit files are read as
Windows-1252 unless another charset reads better; the demo and the importer share one hierarchy rule."""

from __future__ import annotations

import pytest

from netzcore import db as netzdb
from netzcore.hierarchy import hierarchy_level
from netzcore.importers import ImportFile, ImportReport, apply_import, plan_import


def _import(con: netzdb.Connection, data: bytes, name: str = "phone.vcf") -> ImportReport:
    return apply_import(con, plan_import(con, [ImportFile(name, data)], parallel=False))


def _cards(*names: str) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nEND:VCARD\r\n" for n in names).encode()


def _names(con: netzdb.Connection) -> list[str]:
    return sorted(str(r[0]) for r in con.execute("SELECT full_name FROM contacts").fetchall())


def test_title_and_punctuation_names_stay_apart_and_are_found_again(con: netzdb.Connection) -> None:
    names = ("Dr.", "Prof. Dr.", "Dr. 😀", "Dr. 🙂", "::", "?")
    assert _import(con, _cards(*names)).created == len(names)
    again = _import(con, _cards(*names))
    assert (again.created, again.unchanged) == (0, len(names))
    assert _names(con) == sorted(names)


def test_a_title_does_not_make_a_different_person(con: netzdb.Connection) -> None:
    """Titles still stay out of the comparison when a name is left: 'Dr. Anna Weber' is Anna Weber."""
    _import(con, _cards("Anna Weber"))
    report = _import(con, _cards("Dr. Anna Weber", "Dr."))
    assert (report.created, report.merged + report.unchanged) == (1, 1)
    assert _names(con) == ["Anna Weber", "Dr."]


@pytest.mark.parametrize(("text", "encoding"), [
    ("FN:Jürgen Müller\r\nADR;HOME:;;Lämmerweg 12;Kleindorf;;98765;Deutschland", "cp1252"),
    ("FN:Käthe Größe\r\nNOTE:Preis 20 € – „gern“", "cp1252"),
    ("FN:Βαγγέλης Παπαθανασίου\r\nADR:;;;Αθήνα;;;", "cp1253"),
    ("FN:Віталій Кличко\r\nADR:;;;Київ;;;", "cp1251"),
    ("FN:伊能 圭一\r\nN:伊能;圭一;;;", "shift_jis"),
])
def test_one_card_without_charset_is_read_in_its_own_script(con: netzdb.Connection, text: str,
                                                            encoding: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:2.1\r\n{text}\r\nEND:VCARD\r\n"
    assert _import(con, card.encode(encoding)).created == 1
    assert _names(con) == [text.split("\r\n")[0][3:]]


@pytest.mark.parametrize(("title", "level"), [
    ("Rektor", "executive"), ("Rektorin", "executive"), ("Vorständin", "executive"), ("Assistentin des Rektors", "specialist"),
])
def test_university_and_board_titles_the_demo_uses_sit_on_their_level(title: str, level: str) -> None:
    assert hierarchy_level(title) == level

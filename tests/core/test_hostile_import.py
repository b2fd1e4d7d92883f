"""Random and mutated vCard and LinkedIn files against the importer: never an unhandled exception, every card or
row accounted for, nothing half-written, and a second import of the same file creates nothing.

Bounded example counts keep this quick; how and when the examples are derandomized: tests/core/hostile.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netzcore import db as netzdb
from netzcore.importers import ImportFile, ImportReport, apply_import, plan_import
from tests.core.hostile import FEW, IMG, SCRIPT, HostileFile, linkedin_file, random_bytes, vcard_file


@contextmanager
def fresh_db() -> Iterator[netzdb.Connection]:
    """A migrated in-memory database per example (hypothesis runs the body many times in one test)."""
    con = netzdb.connect_memory()
    try:
        yield con
    finally:
        con.close()


def _import(con: netzdb.Connection, name: str, data: bytes) -> ImportReport:
    return apply_import(con, plan_import(con, [ImportFile(name, data)], parallel=False))


def _contacts(con: netzdb.Connection) -> int:
    row = con.execute("SELECT count(*) FROM contacts").fetchone()
    return int(row[0]) if row else 0


def _check_accounted(report: ImportReport, hostile: HostileFile) -> None:
    if report.refused:
        assert report.records_read == 0 and report.created == 0, report
        return
    assert report.accounted, (hostile.description, report)


@FEW
@given(vcard_file(mutate=False))
def test_clean_random_vcards_are_all_read_and_reimport_creates_nothing(hostile: HostileFile) -> None:
    with fresh_db() as con:
        report = _import(con, "phone.vcf", hostile.data)
        assert not report.refused, (hostile.description, report.refused)
        assert report.records_read == hostile.records, (hostile.description, report)
        assert report.accounted, (hostile.description, report)
        assert _contacts(con) == report.created
        again = _import(con, "phone.vcf", hostile.data)
        assert again.created == 0, (hostile.description, again)
        assert _contacts(con) == report.created


@pytest.mark.parametrize("name", ["ORG::;", "FN:Dr.", "FN:Prof", "FN:¸", "FN:´ ¨"])
def test_a_card_named_only_by_punctuation_or_a_title_is_not_duplicated_on_reimport(name: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\n{name}\r\nEND:VCARD\r\n".encode()
    with fresh_db() as con:
        assert _import(con, "phone.vcf", card).created == 1
        assert _import(con, "phone.vcf", card).created == 0


def test_a_linkedin_row_named_only_by_an_accent_mark_is_not_duplicated_on_reimport() -> None:
    """Folding turns '¸' into nothing: the row had no key to be found again by, and every import added it anew."""
    rows = b"First Name,Last Name,Email Address,Company,Position,Connected On\r\n,\xc2\xb8,,,,15 Mar 2023\r\n"
    with fresh_db() as con:
        assert _import(con, "Connections.csv", rows).created == 1
        again = _import(con, "Connections.csv", rows)
        assert (again.created, again.unchanged) == (0, 1)


@FEW
@given(vcard_file(mutate=True))
def test_mutated_vcards_never_crash_and_every_card_is_accounted_for(hostile: HostileFile) -> None:
    with fresh_db() as con:
        report = _import(con, "broken.vcf", hostile.data)
        _check_accounted(report, hostile)
        if not report.refused:
            assert report.records_read == hostile.records, (hostile.description, report)
        assert _contacts(con) == report.created


@FEW
@given(linkedin_file(mutate=False))
def test_clean_random_linkedin_exports_are_all_read(hostile: HostileFile) -> None:
    with fresh_db() as con:
        report = _import(con, "Connections.csv", hostile.data)
        assert not report.refused, (hostile.description, report.refused)
        assert report.records_read + report.hidden_members == hostile.records, (hostile.description, report)
        assert report.accounted
        assert _contacts(con) == report.created
        assert _import(con, "Connections.csv", hostile.data).created == 0


@FEW
@given(linkedin_file(mutate=True))
def test_mutated_linkedin_exports_never_crash(hostile: HostileFile) -> None:
    with fresh_db() as con:
        report = _import(con, "Connections.csv", hostile.data)
        _check_accounted(report, hostile)
        assert _contacts(con) == report.created


@FEW
@given(random_bytes(), st.sampled_from(["contacts.vcf", "Connections.csv", "export.csv", "x.vcf"]))
def test_files_that_are_no_contacts_are_refused_or_accounted_for(data: bytes, name: str) -> None:
    with fresh_db() as con:
        report = _import(con, name, data)
        assert report.refused or report.accounted, report
        assert _contacts(con) == report.created


def test_script_in_a_card_is_kept_as_text() -> None:
    """Hostile text is data: stored exactly as written, never cleaned into something else or dropped."""
    card = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{SCRIPT}\r\nORG:{IMG}\r\nNOTE:{SCRIPT}\r\nEND:VCARD\r\n").encode()
    with fresh_db() as con:
        report = _import(con, "evil.vcf", card)
        assert report.created == 1
        row = con.execute("SELECT c.full_name, c.notes, o.name FROM contacts c "
                          "LEFT JOIN organizations o ON o.id = c.organization_id").fetchone()
        assert row == (SCRIPT, SCRIPT, IMG)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_umlauts_survive_every_encoding_a_phone_writes(encoding: str) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen;;;\r\nFN:Jürgen Müller\r\nORG:Größe AG\r\nEND:VCARD\r\n"
    with fresh_db() as con:
        report = _import(con, "kontakte.vcf", card.encode(encoding))
        assert report.created == 1, report
        assert con.execute("SELECT full_name FROM contacts").fetchone() == ("Jürgen Müller",)

"""Keys and values from user data: phone numbers become E.164 only when valid, dates in every form people and
programs write them, e-mail addresses found in one pass, and the report groups its notes by kind."""

from __future__ import annotations

import datetime as dt

import pytest

from netzcore import db as netzdb
from netzcore.importers import ImportFile, plan_import
from netzcore.importers.normalize import (
    BadBirthday,
    is_e164,
    normalize_email,
    normalize_phone,
    parse_birthday,
    parse_date,
)
from netzcore.importers.records import Problem
from netzcore.importers.report import grouped_lines, report_lines


@pytest.mark.parametrize(("written", "region", "expected"), [
    ("0711 123456", "DE", "+49711123456"),
    ("+49 (0) 711 123456", "DE", "+49711123456"),
    ("0049 711 1234567", "DE", "+497111234567"),
    ("044 123 45 67", "CH", "+41441234567"),
    ("+1 207 611 3176", "DE", "+12076113176"),
    ("(207) 611-3176", "US", "+12076113176"),
    ("(207) 611-3176", "DE", "(207) 611-3176"),          # not valid in Germany: never '+492076113176'
    ("1-800-800-LENS", "DE", "1-800-800-LENS"),          # no trunk prefix: not a German 0180 number
    ("905-", "DE", "905-"),
    ("+49 12", "DE", "+49 12"),                          # a country code, but no valid number
    ("tel:+49-30-1234567", "DE", "+49301234567"),
    ("n/a", "DE", None),
])
def test_phone_numbers_are_e164_only_when_valid(written: str, region: str, expected: str | None) -> None:
    assert normalize_phone(written, region) == expected
    assert is_e164(expected or "") == (expected is not None and expected.startswith("+") and expected[1:].isdigit())


@pytest.mark.parametrize(("written", "expected"), [
    ("15 Mar 2023", dt.date(2023, 3, 15)), ("09 Oct 2024", dt.date(2024, 10, 9)),
    ("20-Mar-24", dt.date(2024, 3, 20)), ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)),
    ("12/31/19, 11:59 AM", dt.date(2019, 12, 31)), ("2024-05-17", dt.date(2024, 5, 17)),
    ("17.05.2024", dt.date(2024, 5, 17)), ("5. Mai 2024", dt.date(2024, 5, 5)), ("Mar 15, 2023", dt.date(2023, 3, 15)),
    ("31 Feb 2020", None), ("yesterday", None), ("", None), ("1" * 5000, None),
])
def test_connected_on_dates(written: str, expected: dt.date | None) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("1995/05/05", (1995, 5, 5)), ("05.05.1995", (1995, 5, 5)), ("5.5.1995", (1995, 5, 5)),
    ("05.05.", (None, 5, 5)), ("14/03/1985", (1985, 3, 14)), ("5 May 1995", (1995, 5, 5)),
    ("--0415", (None, 4, 15)), ("1604-04-15", (None, 4, 15)), ("05/06/1995", None), ("circa 1800", None),
])
def test_free_text_birthdays(written: str, expected: tuple[int | None, int, int] | None) -> None:
    assert parse_birthday(written, slash="") == expected
    with pytest.raises(BadBirthday):
        parse_birthday("1995-02-30")


def test_email_addresses_are_found_in_one_pass() -> None:
    assert normalize_email(' "Omega" <Omega@Example.COM> ') == "omega@example.com"
    assert normalize_email("mailto:x@y.de") == "x@y.de"
    assert normalize_email("Anna Weber anna@weber.example, privat") == "anna@weber.example"
    assert normalize_email("contact1@invalid") == "contact1@invalid"           # an intranet host without dots
    assert normalize_email("a@b@c.de") is None and normalize_email("no address") is None
    assert normalize_email("a" * 200_000 + "@" + "b." * 100_000) is None         # longer than 320: none
    assert normalize_email("x" * 300 + "@" + "y" * 30 + ".de") is None


def test_the_report_groups_notes_of_one_kind_into_one_line_with_the_count_and_the_first_places() -> None:
    many = [Problem("Connections.csv", line, "bad_date", "20-Mar-24") for line in range(5, 5502)]
    few = [Problem("phone.vcf", 7, "bad_birthday", "circa 1800")]
    lines = grouped_lines(many + few, {"Connections.csv": "linkedin", "phone.vcf": "vcard"}, "en")
    assert lines == [
        "  'Connected On' dates not understood; left out (5,497 times), first: Connections.csv, line 5: 20-Mar-24; "
        "line 6: 20-Mar-24; line 7: 20-Mar-24; line 8: 20-Mar-24; line 9: 20-Mar-24; and 5,492 more",
        "  phone.vcf, card 7: birthday 'circa 1800' is not a date; left out",
    ]
    german = grouped_lines(many, {"Connections.csv": "linkedin"}, "de")
    assert german[0].startswith("  Nicht verstandene Daten in „Connected On“; weggelassen (5.497-mal), zuerst: ")


def test_a_linkedin_export_saved_by_a_spreadsheet_is_one_report_line_not_thousands(con: netzdb.Connection) -> None:
    rows = "".join(f"Name{i},Weber,https://www.linkedin.com/in/n{i},,Acme,CEO,{i % 28 + 1}-Mar-2x\n" for i in range(3000))
    data = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows).encode()
    lines = report_lines(plan_import(con, [ImportFile("Connections.csv", data)], parallel=False).preview(), "en")
    dated = [line for line in lines if "Connected On" in line]
    assert len(dated) == 1 and "(3,000 times)" in dated[0]

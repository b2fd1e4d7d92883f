"""The pure steps of the vCard import, each alone: bytes, cards, charsets, cleaning, values, photos."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from netzcore.hierarchy import hierarchy_level
from netzcore.importers.normalize import (
    BadBirthday,
    canonical_linkedin,
    canonical_xing,
    normalize_email,
    normalize_phone,
    parse_birthday,
)
from netzcore.importers.records import ContactRecord, Problem
from netzcore.importers.vcard import (
    decode_card,
    fallback_charset,
    normalize_line_ends,
    parse_cards,
    split_cards,
    unicode_bytes,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def records_of(name: str, data: bytes | None = None) -> list[ContactRecord | Problem]:
    raw = normalize_line_ends(unicode_bytes(data if data is not None else (FIXTURES / name).read_bytes()))
    cards, _ = split_cards(name, raw)
    return parse_cards(cards, fallback_charset(raw), "DE")


def only(results: list[ContactRecord | Problem], position: int = 1) -> ContactRecord:
    record = next(r for r in results if r.position == position)
    assert isinstance(record, ContactRecord), record
    return record


def card(*lines: str) -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n").encode()


# --- bytes and cards ---------------------------------------------------------------------------------------------


def test_utf8_bom_and_utf16_files_become_plain_utf8() -> None:
    text = "BEGIN:VCARD\r\nFN:Zoë Krüger\r\nEND:VCARD\r\n"
    assert unicode_bytes(b"\xef\xbb\xbf" + text.encode()) == text.encode()
    assert unicode_bytes(text.encode("utf-16")) == text.encode()          # with BOM
    assert unicode_bytes(text.encode("utf-16-le")) == text.encode()       # without BOM
    assert only(records_of("x.vcf", text.encode("utf-16"))).full_name == "Zoë Krüger"


def test_cr_cr_lf_line_ends_are_one_line_end() -> None:
    assert normalize_line_ends(b"A:1\r\r\nB:2\r\nC:3\rD:4") == b"A:1\nB:2\nC:3\nD:4"


def test_nested_cards_missing_end_and_missing_begin_are_all_accounted_for() -> None:
    data = b"BEGIN:VCARD\nN:parent\nBEGIN:VCARD\nN:nest1\nEND:VCARD\nTEL:1\nEND:VCARD\n" \
           b"VERSION:3.0\nFN:No Begin\nEND:VCARD\nBEGIN:VCARD\nFN:No End\n"
    cards, problems = split_cards("f.vcf", data)
    assert [c.position for c in cards] == [1, 2, 3, 4]
    assert [c.flaws for c in cards] == [(), ("nested",), ("missing_begin",), ("missing_end",)]
    assert b"nest1" not in cards[0].data and b"TEL:1" in cards[0].data
    assert problems == []
    results = parse_cards(cards, "utf-8", "DE")
    assert [r.full_name for r in results if isinstance(r, ContactRecord)] == ["parent", "nest1", "No Begin", "No End"]
    assert [w.code for w in only(results, 4).warnings] == ["missing_end"]


def test_one_broken_card_costs_only_that_card() -> None:
    data = card("FN:First") + b"BEGIN:VCARD\r\nVERSION:3.0\r\n\r\nEND:VCARD\r\n" + card("FN:Third")
    results = records_of("f.vcf", data)
    assert [type(r).__name__ for r in results] == ["ContactRecord", "Problem", "ContactRecord"]
    assert isinstance(results[1], Problem) and results[1].code == "empty_card" and results[1].position == 2


# --- charsets ----------------------------------------------------------------------------------------------------


def test_declared_charset_decodes_raw_8bit_values() -> None:
    data = "BEGIN:VCARD\nN;CHARSET=SHIFT_JIS:安藤;ロイド\nEND:VCARD\n".encode("shift_jis")
    text, charset = decode_card(data, "cp1252")
    assert charset == "shift_jis" and "安藤" in text


def test_undeclared_legacy_charset_is_detected_per_file() -> None:
    data = "BEGIN:VCARD\nFN:Käthe Müller-Lüdenscheidt\nORG:Bäckerei Größe\nEND:VCARD\n".encode("cp1252")
    assert "\ufffd" not in only(records_of("x.vcf", data)).full_name
    assert only(records_of("x.vcf", data)).full_name == "Käthe Müller-Lüdenscheidt"


def test_outlook_windows_1252_with_quoted_printable_label() -> None:
    record = only(records_of("outlook.vcf"))
    assert record.full_name == "Käthe Schröder"
    assert record.organization == "Dräger AG & Co. KGaA" and record.department == "Einkauf"
    assert record.city == "Lübeck" and record.phones == ("+494518820",)
    assert record.hierarchy_level == "head"


# --- values ------------------------------------------------------------------------------------------------------


def test_google_text_values_are_not_cut_at_commas() -> None:
    record = only(records_of("google.vcf"))
    assert record.full_name == "Mr. John Richter, James Doe Sr."
    assert record.additional_names == "Richter, James"
    assert record.organization == "Company, The"
    assert record.title == "Head of Money Counting, EMEA"
    assert record.urls == ("http://www.ibm.example",)
    assert record.phones == ("+19055551234",)


def test_android_quoted_printable_soft_breaks_and_photo() -> None:
    results = records_of("android.vcf")
    first = only(results)
    assert first.full_name == "Jürgen Müller"
    assert first.title == "Leiter Netzbetrieb, Region Süd"
    assert first.notes == "Erste Zeile\nZweite Zeile, mit Komma"
    assert first.phones == ("+491609876543", "+49891234567")
    assert first.tags == ()                                  # Google's own group "My Contacts" is no tag
    assert first.photo is not None
    with Image.open(io.BytesIO(first.photo)) as image:
        assert image.format == "JPEG" and max(image.size) <= 96
    assert only(results, 2).full_name == "only.mail@example.net"
    broken = only(results, 3)
    assert broken.photo is None and [w.code for w in broken.warnings] == ["photo_dropped"]


def test_iphone_labels_social_profile_and_birthday_without_year() -> None:
    results = records_of("iphone.vcf")
    anna = only(results)
    assert anna.linkedin_url == "https://www.linkedin.com/in/anna-weber-voith"
    assert anna.emails == ("anna.weber@voith.example",)
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 4, 15)
    assert anna.tags == ("Kunden", "Messe 2025")
    assert anna.photo is not None
    jonas = only(results, 2)
    assert jonas.xing_url == "https://www.xing.com/profile/Jonas_Becker"
    assert jonas.notes == "Kennengelernt auf der EMO, Halle 12. Mag Segeln\nund Jazz."
    assert jonas.hierarchy_level == "executive" and jonas.honorific_prefix == "Dr."


def test_thunderbird_and_nextcloud_version_4() -> None:
    lea = only(records_of("thunderbird.vcf"))
    assert lea.notes == "Vortrag über Optik, sehr gut\nFolgt auf LinkedIn …"
    assert lea.uid == "0c1a3e5f-3f0a-4d51-9d4e-tb0000000001"
    results = records_of("nextcloud.vcf")
    felix = only(results)
    assert (felix.birthday_year, felix.birthday_month, felix.birthday_day) == (None, 2, 29)
    assert felix.tags == ("Verband", "Golf")
    sophie = only(results, 2)
    assert sophie.birthday_month is None
    assert [(w.code, w.detail) for w in sophie.warnings] == [("bad_birthday", "1975-02-30")]
    assert [w.code for w in only(results, 3).warnings] == ["missing_end"]


def test_photo_urls_are_never_fetched_and_bad_base64_never_fails() -> None:
    results = records_of("x.vcf", card("FN:A", "PHOTO;VALUE=uri:https://example.invalid/a.jpg")
                         + card("FN:B", "PHOTO;ENCODING=b;TYPE=JPEG:AAAA=bad=padding"))
    assert only(results).photo is None and only(results).warnings == ()
    assert only(results, 2).photo is None


def test_data_uri_photo_with_escaped_comma() -> None:
    image = Image.new("RGB", (300, 200), (10, 200, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    uri = "data:image/png;base64\\," + base64.b64encode(out.getvalue()).decode()
    record = only(records_of("x.vcf", card("FN:Photo Person", f"PHOTO:{uri}")))
    assert record.photo is not None
    with Image.open(io.BytesIO(record.photo)) as thumb:
        assert thumb.size == (96, 64)


def test_cards_without_name_are_named_from_organisation_email_or_phone() -> None:
    results = records_of("x.vcf", card("ORG:Festo SE & Co. KG") + card("EMAIL:X@Y.DE") + card("TEL:0711 123456")
                         + card("NOTE:nothing else"))
    assert [getattr(r, "full_name", None) for r in results[:3]] == ["Festo SE & Co. KG", "x@y.de", "+49711123456"]
    assert isinstance(results[3], Problem) and results[3].code == "empty_card"


def test_comment_lines_trailing_semicolon_params_and_odd_names_are_cleaned() -> None:
    data = card("# a comment", "FN;:Eve Example", "X-messaging/xmpp-All:eve@example.org", "TITLE;TYPE=work;:CTO")
    record = only(records_of("x.vcf", data))
    assert record.full_name == "Eve Example" and record.title == "CTO"


# --- normalisation -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("1975-02-28", (1975, 2, 28)), ("19750228", (1975, 2, 28)), ("--0415", (None, 4, 15)),
    ("--04-15", (None, 4, 15)), ("1955-07-19T00:00:00Z", (1955, 7, 19)), ("16040101", (None, 1, 1)),
    ("circa 1800", None),
])
def test_birthdays_in_every_form_phones_write(value: str, expected: tuple[int | None, int, int] | None) -> None:
    assert parse_birthday(value) == expected


def test_apple_omit_year_and_impossible_dates() -> None:
    assert parse_birthday("1604-04-15", "1604") == (None, 4, 15)
    assert parse_birthday("1980-04-15", "1980") == (None, 4, 15)
    with pytest.raises(BadBirthday):
        parse_birthday("1975-02-30")


def test_matching_keys() -> None:
    assert normalize_email(' "Omega" <Omega@Example.COM> ') == "omega@example.com"
    assert normalize_phone("0711 123456", "DE") == "+49711123456"
    assert normalize_phone("044 123 45 67", "CH") == "+41441234567"
    assert normalize_phone("tel:+49-30-1234567", "DE") == "+49301234567"
    assert canonical_linkedin("http\\://DE.linkedin.com/in/Anna-Weber/?trk=abc") == "https://www.linkedin.com/in/anna-weber"
    assert canonical_linkedin("linkedin.com/in/ma%C4%87ek/") == canonical_linkedin("https://www.linkedin.com/in/maćek")
    assert canonical_linkedin("https://www.example.com/in/x") is None
    assert canonical_xing("https://www.xing.com/profile/Jonas_Becker/cv") == "https://www.xing.com/profile/Jonas_Becker"


@pytest.mark.parametrize(("title", "level"), [
    ("Geschäftsführer", "executive"), ("CEO", "executive"), ("Mitglied des Vorstands", "executive"),
    ("Inhaberin", "executive"), ("Leiterin Einkauf", "head"), ("Head of Sales", "head"),
    ("Director Operations", "head"), ("Bereichsleiter Vertrieb", "head"), ("Projektleiterin", "specialist"),
    ("Assistentin der Geschäftsführung", "specialist"), ("Key Account Manager", "specialist"), ("", None),
])
def test_hierarchy_level_from_german_and_english_titles(title: str, level: str | None) -> None:
    assert hierarchy_level(title) == level

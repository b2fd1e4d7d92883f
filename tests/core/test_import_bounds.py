"""Hostile import files end fast and bounded (issue 15): no backtracking pattern on user data, caps on every value
with a report line for each cut, files read as streams, photos checked for their pixel count before decoding.
Real `netz import` processes; memory is asserted with a generous bound, time never (see `make bench`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.hostile import (
    email_of_200_kb,
    linkedin_with_long_email,
    org_of_commas,
    oversized_values,
    photo_bombs,
    png_bomb,
    run_import,
    single_line_card,
)
from netzcore import db as netzdb
from netzcore.importers import ImportFile, plan_import
from netzcore.importers.normalize import MAX_EMAIL, MAX_NAME, MAX_NOTE, MAX_ORGANIZATION
from netzcore.importers.vcard import MAX_PHOTO_PIXELS, thumbnail

GIGABYTE_MB = 1024


def _contacts(db: Path) -> list[tuple[str, str | None, str | None, list[str]]]:
    con = netzdb.connect(db)
    try:
        return [(r[0], r[1], r[2], r[3]) for r in con.execute(
            "SELECT c.full_name, c.notes, o.name, c.emails FROM contacts c "
            "LEFT JOIN organizations o ON o.id = c.organization_id ORDER BY c.full_name").fetchall()]
    finally:
        con.close()


def test_an_org_of_ten_thousand_commas_imports(tmp_path: Path) -> None:
    run = run_import([org_of_commas(tmp_path / "commas.vcf")], tmp_path / "db.duckdb")
    assert run.returncode == 0, run.stderr
    assert "commas.vcf, card 1: ORG cut at 500 characters" in run.stdout
    assert _contacts(tmp_path / "db.duckdb") == [("Comma Org", None, None, [])]     # commas are no organisation


def test_a_200_kb_email_value_imports_without_an_address(tmp_path: Path) -> None:
    run = run_import([email_of_200_kb(tmp_path / "mail.vcf")], tmp_path / "db.duckdb")
    assert run.returncode == 0, run.stderr
    assert "mail.vcf, card 1: EMAIL longer than 320 characters: no e-mail address; left out" in run.stdout
    assert _contacts(tmp_path / "db.duckdb") == [("Long Mail", None, None, [])]


@pytest.mark.parametrize("size", [15_000, 100_000])
def test_a_linkedin_csv_with_a_long_email_imports(tmp_path: Path, size: int) -> None:
    path = linkedin_with_long_email(tmp_path / "Connections.csv", size)
    run = run_import([path], tmp_path / "db.duckdb")
    assert run.returncode == 0, run.stderr
    assert "Connections.csv, line 2: Email Address longer than 320 characters: no e-mail address; left out" \
        in run.stdout
    assert _contacts(tmp_path / "db.duckdb") == [("Anna Weber", None, "Acme", [])]


def test_each_value_above_its_cap_is_cut_and_named_in_the_report(tmp_path: Path) -> None:
    run = run_import([oversized_values(tmp_path / "big.vcf")], tmp_path / "db.duckdb", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [(w["code"], w["detail"]) for w in report["warnings"]] == [
        ("cut_name", "FN"), ("cut_organization", "ORG"), ("email_too_long", "EMAIL"), ("cut_note", "NOTE")]
    [(name, note, organization, emails)] = _contacts(tmp_path / "db.duckdb")
    assert (len(name), len(organization or ""), emails) == (MAX_NAME, MAX_ORGANIZATION, [])
    assert MAX_NOTE - 5 <= len(note or "") <= MAX_NOTE
    text = run_import([tmp_path / "big.vcf"], tmp_path / "db.duckdb", "--dry-run").stdout   # read again: same notes
    assert "Read 1: 0 new, 0 merged, 1 unchanged" in text
    assert "big.vcf, card 1: NOTE cut at 100 KB" in text and "big.vcf, card 1: FN cut at 1,000 characters" in text
    assert MAX_EMAIL == 320


def test_a_200_mb_name_line_stays_far_below_a_gigabyte(tmp_path: Path) -> None:
    """The whole file is read once; the card is cut at 10 MB and the name at 1,000 characters."""
    path = single_line_card(tmp_path / "huge.vcf", 200)
    run = run_import([path], tmp_path / "db.duckdb")
    assert run.returncode == 0, run.stderr
    assert "huge.vcf, card 1: the card is larger than 10 MB; cut there" in run.stdout
    assert "huge.vcf, card 1: FN cut at 1,000 characters" in run.stdout
    assert run.peak_mb < GIGABYTE_MB, f"peak {run.peak_mb:.0f} MB"
    [(name, _, _, _)] = _contacts(tmp_path / "db.duckdb")
    assert name == "A" * MAX_NAME


def test_a_photo_above_25_megapixels_is_never_decoded() -> None:
    bomb = png_bomb(13_000, 13_000)
    assert len(bomb) < 64 * 1024
    photo, notes = thumbnail(bomb)
    assert photo is None and notes == [("photo_too_many_pixels", "169 MP")]
    small, notes = thumbnail(png_bomb(300, 200))
    assert small is not None and notes == []
    assert MAX_PHOTO_PIXELS == 25_000_000


def test_forty_photo_bombs_import_in_small_memory_and_pillow_stays_off_stderr(tmp_path: Path) -> None:
    run = run_import([photo_bombs(tmp_path / "bombs.vcf")], tmp_path / "db.duckdb")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""                               # no raw DecompressionBombWarning
    assert "Photos with more than 25 megapixels; left out (40 times), first: " in run.stdout
    assert "bombs.vcf, card 1: 169 MP; card 2: 169 MP;" in run.stdout
    assert run.peak_mb < GIGABYTE_MB / 2, f"peak {run.peak_mb:.0f} MB"
    assert len(_contacts(tmp_path / "db.duckdb")) == 40


def test_a_pillow_warning_becomes_a_report_line(con: netzdb.Connection) -> None:
    """A photo just above the limit makes Pillow warn while opening it: the warning is a note, the photo is out."""
    bomb = png_bomb(5_100, 5_000)                         # 25.5 megapixels: a DecompressionBombWarning, no error
    import base64

    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Near Limit\r\nPHOTO;ENCODING=b;TYPE=PNG:"
            + base64.b64encode(bomb).decode() + "\r\nEND:VCARD\r\n").encode()
    plan = plan_import(con, [ImportFile("near.vcf", card)], parallel=False)
    [record] = plan.records
    assert record.photo is None
    assert [(w.code, w.detail) for w in record.warnings] == [("photo_too_many_pixels", "25.5 MP")]


@pytest.mark.parametrize("line", [
    "X-JUNK" + ";" * 5_000_000,                       # parameters without an end
    "X-JUNK" + ';x="y:z"' * 600_000,                  # colons inside quotes, again and again
    "NOTE" + ';"' * 2_000_000 + ":text",
])
def test_a_card_line_of_semicolons_or_quoted_colons_is_read_in_one_pass(line: str) -> None:
    """A pattern over the parameters took seconds on such a 5 MB line; now the line is scanned once and the
    card is imported."""
    from netzcore.importers.vcard import parse_cards, split_cards

    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\n{line}\r\nFN:Scan Me\r\nEND:VCARD\r\n".encode()
    cards, _ = split_cards("scan.vcf", data)
    [record] = parse_cards(cards, "utf-8", "DE")
    assert getattr(record, "full_name", None) == "Scan Me"


def test_property_lines_split_as_the_vcard_grammar_says() -> None:
    from netzcore.importers.vcard import split_property

    assert split_property("item1.EMAIL;type=INTERNET:a@b") == ("item1.EMAIL", ";type=INTERNET", "a@b")
    assert split_property('TEL;TYPE="COMMA,SEPARATED:INSIDE.DQUOTE",PREF:123') == (
        "TEL", ';TYPE="COMMA,SEPARATED:INSIDE.DQUOTE",PREF', "123")
    assert split_property('A;"a:b";c:"v:w"') == ("A", ';"a:b";c', '"v:w"')
    assert split_property("FN;:Eve") == ("FN", ";", "Eve")
    assert split_property('A;"unterminated:x') is None and split_property("garbage without colon") is None

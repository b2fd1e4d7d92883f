"""Titles are removed only as whole words from a list and kept in the honorific fields: no given name of any
culture is cut (Irina never becomes 'ina', Ingo never 'o'), in the matching key, in LinkedIn rows and in vCards;
titled variants lose exactly their titles."""

from __future__ import annotations

import csv
import io

import pytest

from netzcore.importers.linkedin import read_connections
from netzcore.importers.normalize import fold, name_key, split_titles
from netzcore.importers.records import ContactRecord
from netzcore.importers.vcard import parse_cards, split_cards
from tests.core.names_of_many_cultures import FAMILY_NAMES, GIVEN_NAMES

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def words(text: str) -> str:
    """The key a name must keep: folded, punctuation as spaces (what name_key does besides titles)."""
    return " ".join("".join(ch if ch.isalnum() or ch == "_" else " " for ch in fold(text)).split())


def linkedin(rows: list[list[str]]) -> list[ContactRecord]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for index, (given, family) in enumerate(rows):
        writer.writerow([given, family, f"https://www.linkedin.com/in/p{index}", "", "Voith", "Engineer",
                         "15 Mar 2023"])
    read = read_connections("Connections.csv", out.getvalue().encode())
    assert read.rows == len(rows) and not read.problems
    return list(read.records)


def vcards(cards: list[str]) -> list[ContactRecord]:
    text = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}\r\nEND:VCARD\r\n" for body in cards)
    raw, _ = split_cards("phone.vcf", text.encode())
    results = parse_cards(raw, "utf-8", "DE")
    assert all(isinstance(r, ContactRecord) for r in results), [r for r in results if not isinstance(r, ContactRecord)]
    return [r for r in results if isinstance(r, ContactRecord)]


def test_the_name_list_spans_many_cultures() -> None:
    assert len(GIVEN_NAMES) >= 700
    assert {"Irina", "Ingo", "Iris", "Magnus", "Drew", "Frauke", "Inga", "Dragan", "Mxolisi", "Hrvoje"} <= set(GIVEN_NAMES)


def test_no_given_name_is_cut_in_the_matching_key() -> None:
    cut = [(name, name_key(name)) for name in GIVEN_NAMES if name_key(name) != words(name)]
    cut += [(f"{name} Weber", name_key(f"{name} Weber")) for name in GIVEN_NAMES
            if name_key(f"{name} Weber") != words(f"{name} Weber")]
    cut += [(f"Anna {family}", name_key(f"Anna {family}")) for family in FAMILY_NAMES
            if name_key(f"Anna {family}") != words(f"Anna {family}")]
    assert cut == []


def test_no_given_name_is_cut_in_linkedin_rows() -> None:
    records = linkedin([[name, "Weber"] for name in GIVEN_NAMES] + [["Anna", family] for family in FAMILY_NAMES])
    got = [(r.given_name, r.family_name, r.honorific_prefix, r.honorific_suffix) for r in records]
    expected = [(name, "Weber", None, None) for name in GIVEN_NAMES] + [("Anna", f, None, None) for f in FAMILY_NAMES]
    assert [g for g, e in zip(got, expected, strict=True) if g != e] == []
    assert [r.full_name for r in records[:len(GIVEN_NAMES)]] == [f"{name} Weber" for name in GIVEN_NAMES]


def test_no_given_name_is_cut_in_vcards() -> None:
    with_n = vcards([f"N:Weber;{name};;;\r\nFN:{name} Weber" for name in GIVEN_NAMES])
    assert [(r.given_name, r.full_name) for r in with_n] == [(n, f"{n} Weber") for n in GIVEN_NAMES]
    without_n = vcards([f"FN:{name} Weber" for name in GIVEN_NAMES])
    assert [(r.given_name, r.family_name, r.honorific_prefix) for r in without_n] == [
        (n, "Weber", None) for n in GIVEN_NAMES]


@pytest.mark.parametrize("name", GIVEN_NAMES[:40] + ("Irina", "Ingo", "Iris", "Magnus", "Drew", "Frauke", "Inga"))
def test_titled_variants_lose_exactly_their_titles(name: str) -> None:
    assert name_key(f"Dr. {name} Weber") == words(f"{name} Weber")
    assert name_key(f"Prof. Dr.-Ing. {name} Maier, MBA") == words(f"{name} Maier")
    assert split_titles(f"Prof. Dr.-Ing. {name} Maier, MBA") == ("Prof. Dr.-Ing.", f"{name} Maier", "MBA")
    assert split_titles(f"Dipl.-Kfm. {name} Weber, PhD") == ("Dipl.-Kfm.", f"{name} Weber", "PhD")
    assert split_titles(f"Mag. {name} Huber") == ("Mag.", f"{name} Huber", "")
    assert split_titles(f"Herr {name} Weber M.Sc.") == ("Herr", f"{name} Weber", "M.Sc.")


def test_titled_variants_in_linkedin_rows_and_vcards() -> None:
    names = GIVEN_NAMES
    records = linkedin([[f"Dr. {n}", "Weber, PhD"] for n in names] + [[f"Prof. Dr.-Ing. {n}", "Maier, MBA"]
                                                                      for n in names])
    assert [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in records] == (
        [("Dr.", n, "Weber", "PhD") for n in names] + [("Prof. Dr.-Ing.", n, "Maier", "MBA") for n in names])
    assert [r.name_key for r in records[:3]] == [words(f"{n} Weber") for n in names[:3]]
    cards = vcards([f"FN:Dr. {n} Weber" for n in names])
    assert [(r.honorific_prefix, r.given_name, r.family_name) for r in cards] == [("Dr.", n, "Weber") for n in names]
    assert [r.name_key for r in cards] == [words(f"{n} Weber") for n in names]


@pytest.mark.parametrize(("written", "prefix", "core", "suffix"), [
    ("Dr. Irina Weber", "Dr.", "Irina Weber", ""),
    ("Prof. Dr.-Ing. Ingo Maier, MBA", "Prof. Dr.-Ing.", "Ingo Maier", "MBA"),
    ("Dipl.-Ing. (FH) Inga Berg", "Dipl.-Ing. (FH)", "Inga Berg", ""),
    ("Dr. rer. nat. Iris Hahn", "Dr. rer. nat.", "Iris Hahn", ""),
    ("Prof.Dr. Magnus Berg", "Prof.Dr.", "Magnus Berg", ""),
    ("Dr.Drew Carter", "Dr.", "Drew Carter", ""),
    ("Ing. Ingo Gruber", "Ing.", "Ingo Gruber", ""),
    ("Mrs Frauke Lenz", "Mrs", "Frauke Lenz", ""),
    ("Frau Frauke Frau", "Frau", "Frauke Frau", ""),
    ("Sammy Davis Jr.", "", "Sammy Davis", "Jr."),
    ("Anna Weber, MA, LL.M.", "", "Anna Weber", "MA, LL.M."),
    ("Yun Ma", "", "Yun Ma", ""),
    ("Weber, Anna", "", "Weber, Anna", ""),
    ("Dr.", "", "Dr.", ""),
    ("Prof. Dr.", "", "Prof. Dr.", ""),
])
def test_titles_are_whole_words_from_the_list(written: str, prefix: str, core: str, suffix: str) -> None:
    assert split_titles(written) == (prefix, core, suffix)

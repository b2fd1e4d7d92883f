"""Properties of the vCard steps over generated input (hypothesis): nothing crashes, no card is lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netzcore.importers.records import ContactRecord
from netzcore.importers.vcard import normalize_line_ends, parse_cards, split_cards, unicode_bytes

names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
                ).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=8), st.sampled_from(["\r\n", "\n", "\r\r\n"]), st.booleans())
def test_every_card_comes_back_with_its_whole_name(card_names: list[str], newline: str, bom: bool) -> None:
    text = "".join(
        newline.join(["BEGIN:VCARD", "VERSION:3.0", "FN:" + name.replace("\\", "\\\\").replace(";", "\\;"),
                      "END:VCARD", ""]) for name in card_names)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    cards, _ = split_cards("g.vcf", normalize_line_ends(unicode_bytes(data)))
    results = parse_cards(cards, "utf-8", "DE")
    assert len(results) == len(card_names)
    assert [r.full_name for r in results if isinstance(r, ContactRecord)] == card_names


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_inside_a_card_never_raise(body: bytes) -> None:
    data = b"BEGIN:VCARD\r\n" + body + b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:After\r\nEND:VCARD\r\n"
    cards, _ = split_cards("b.vcf", normalize_line_ends(unicode_bytes(data)))
    results = parse_cards(cards, "cp1252", "DE")
    assert len(results) == len(cards) >= 1
    assert any(isinstance(r, ContactRecord) and r.full_name == "After" for r in results)

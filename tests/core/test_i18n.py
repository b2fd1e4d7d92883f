import datetime as dt
import re
from pathlib import Path

import pytest

from netzcore.i18n import (
    Localized,
    catalog,
    format_date,
    format_number,
    normalize_language,
    os_error,
    placeholders,
    translate,
)

ROOT = Path(__file__).resolve().parents[2]


def test_both_languages_have_the_same_keys() -> None:
    de, en = catalog("de"), catalog("en")
    assert sorted(set(de) - set(en)) == []
    assert sorted(set(en) - set(de)) == []


def test_placeholders_match_between_languages() -> None:
    de, en = catalog("de"), catalog("en")
    for key, text in en.items():
        assert placeholders(text) == placeholders(de[key]), key


def test_every_key_used_in_code_exists() -> None:
    """Pages, app and core look keys up with t("area.key") / translate(lang, "area.key")."""
    used: set[str] = set()
    for folder in ("views", "netzui", "netzcore"):
        for path in (ROOT / folder).rglob("*.py"):
            used.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text()))
            used.update(re.findall(r"""translate\(\s*\w+,\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text()))
    used.update(re.findall(r"""t\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", (ROOT / "shell.py").read_text()))
    missing = sorted(key for key in used if key not in catalog("en") and f"{key}.other" not in catalog("en"))
    assert missing == []


def test_locale_formats() -> None:
    day = dt.date(2026, 3, 5)
    assert format_date(day, "de") == "05.03.2026"
    assert format_date(day, "en") == "5 Mar 2026"
    assert format_number(20000, "de") == "20.000"
    assert format_number(20000, "en") == "20,000"
    assert format_number(1.5, "de", 1) == "1,5"


def test_language_from_browser_locale() -> None:
    assert normalize_language("de-CH") == "de"
    assert normalize_language("en_US") == "en"
    assert normalize_language(None) == "de"
    assert normalize_language("fr-FR") == "de"
    assert translate("en", "nav.today") == "Today"
    assert translate("de", "nav.today") == "Heute"


def _raw_catalog(lang: str) -> dict[str, object]:
    """area.key -> value as written (a string, or a table of plural forms)."""
    import tomllib

    from netzcore.i18n import is_plural

    out: dict[str, object] = {}

    def walk(prefix: str, table: dict[str, object]) -> None:
        for key, value in table.items():
            if isinstance(value, dict) and not is_plural(value):
                walk(f"{prefix}.{key}", value)
            else:
                out[f"{prefix}.{key}"] = value

    for path in sorted((ROOT / "netzcore" / "i18n" / lang).glob("*.toml")):
        walk(path.stem, tomllib.loads(path.read_text(encoding="utf-8")))
    return out


def test_plural_forms_are_complete_in_both_languages() -> None:
    """A counted text has `one` and `other` in German and English, with the same placeholders in every form."""
    de, en = _raw_catalog("de"), _raw_catalog("en")
    for key, value in en.items():
        other = de[key]
        assert isinstance(value, dict) == isinstance(other, dict), f"{key}: plural in one language only"
        if isinstance(value, dict):
            assert isinstance(other, dict)
            for forms in (value, other):
                assert {"one", "other"} <= set(forms), f"{key}: needs both 'one' and 'other'"
            fields = [placeholders(str(text)) for forms in (value, other) for text in forms.values()]
            full = placeholders(str(value["other"]))
            assert "count" in full, f"{key}: the 'other' form shows the count"
            assert all(f <= full for f in fields), f"{key}: a form has a placeholder the others lack"
            assert placeholders(str(other["other"])) == full, key


# Placeholders that carry a number wherever they occur in the catalogs: next to a noun they need a plural block.
NUMBERS = {"count", "days", "total", "contacts", "interactions", "identities", "relationships", "introductions",
           "plans", "rows", "cadence", "organizations", "goals", "segments", "events", "exhibitors", "members",
           "cards", "lines", "gaps", "age", "threads", "meetings"}
NOT_NOUNS = {"of", "von", "overdue", "überfällig", "due", "fällig", "in", "to", "zu"}
PLURAL_BLOCK = re.compile(r"\{\w+, plural,(?:\s*(?:=\d+|zero|one|other)\s*\{(?:[^{}]|\{[^{}]*\})*\})+\s*\}")


def test_no_text_writes_a_plural_by_hand() -> None:
    """'contact(s)', 'Kontakt(e)', 'Lücke(n)': a count needs plural forms instead; and a count next to its noun
    ('{count} cards', '{rows} Zeilen', 'every {cadence} days') is written with plural forms or a plural block."""
    for lang in ("de", "en"):
        for key, value in _raw_catalog(lang).items():
            texts = value.values() if isinstance(value, dict) else [value]
            for text in map(str, texts):
                assert not re.search(r"\w\((s|e|n|en|er)\)", text), f"{lang} {key}: {text}"
                outside = PLURAL_BLOCK.sub("", text)
                if not isinstance(value, dict):
                    assert not re.search(r"{count}[ -]\w", outside), f"{lang} {key}: counted noun without plural forms"
                counted = [name for name, word in re.findall(r"{(\w+)}[ -]([A-Za-zÄÖÜäöü]+)", outside)
                           if name in NUMBERS and word not in NOT_NOUNS
                           and not (name == "count" and isinstance(value, dict))]
                assert not counted, f"{lang} {key}: {{{counted[0]}}} next to a noun needs a plural block: {text}"


def test_plural_blocks_choose_each_count_in_its_language() -> None:
    assert translate("en", "contacts.merge_preview", interactions=1, identities=0, relationships=2,
                     introductions=1, plans=1234) == (
        "Moves 1 interaction, 0 identities, 2 relationships, 1 introduction, 1,234 event plans.")
    assert translate("de", "contacts.merge_preview", interactions=1, identities=1, relationships=0,
                     introductions=3, plans=1234) == (
        "Übernimmt 1 Kontaktpunkt, 1 Identität, 0 Beziehungen, 3 Vorstellungen, 1.234 Veranstaltungspläne.")
    assert translate("de", "contacts.cadence_days", days=1) == "jeden Tag"
    assert translate("en", "contacts.cadence_days", days=90) == "every 90 days"
    assert translate("de", "care.reason_overdue", days=12, cadence=60) == "seit 12 Tagen überfällig (alle 60 Tage)"
    assert placeholders(catalog("en")["care.reason_overdue"]) == {"days", "cadence"}
    with pytest.raises(TypeError):
        translate("en", "contacts.cadence_days", days="90")


def test_system_errors_are_told_in_the_users_language(tmp_path: Path) -> None:
    """'Die Datei kann nicht gelesen werden: No such file or directory' -> words of the catalog."""
    try:
        (tmp_path / "missing.vcf").read_bytes()
    except OSError as error:
        missing = os_error(error)
    try:
        tmp_path.joinpath("x").mkdir()
        (tmp_path / "x").read_bytes()
    except OSError as error:
        folder = os_error(error)
    assert translate("de", "import.reason.unreadable_file", detail=missing) == (
        "die Datei kann nicht gelesen werden: Datei oder Ordner nicht gefunden")
    assert translate("en", "import.reason.unreadable_file", detail=folder).endswith("it is a folder, not a file")
    assert str(Localized("common.os_error.other", (("code", "EIO"),))) == "system error EIO"


def test_plural_forms_are_chosen_by_count() -> None:
    assert translate("en", "import.file_read_vcard", file="a.vcf", count=1) == "a.vcf: vCard, 1 card read"
    assert translate("en", "import.file_read_vcard", file="a.vcf", count=1234) == "a.vcf: vCard, 1,234 cards read"
    assert translate("de", "import.file_read_vcard", file="a.vcf", count=1) == "a.vcf: vCard, 1 Karte gelesen"
    assert translate("de", "import.file_read_vcard", file="a.vcf", count=0) == "a.vcf: vCard, 0 Karten gelesen"

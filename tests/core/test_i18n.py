import datetime as dt
import re
from pathlib import Path

from netzcore.i18n import catalog, format_date, format_number, normalize_language, translate

ROOT = Path(__file__).resolve().parents[2]


def test_both_languages_have_the_same_keys() -> None:
    de, en = catalog("de"), catalog("en")
    assert sorted(set(de) - set(en)) == []
    assert sorted(set(en) - set(de)) == []


def test_placeholders_match_between_languages() -> None:
    de, en = catalog("de"), catalog("en")
    for key, text in en.items():
        assert set(re.findall(r"{(\w+)", text)) == set(re.findall(r"{(\w+)", de[key])), key


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
            fields = [set(re.findall(r"{(\w+)", str(text))) for forms in (value, other) for text in forms.values()]
            full = set(re.findall(r"{(\w+)", str(value["other"])))
            assert "count" in full, f"{key}: the 'other' form shows the count"
            assert all(f <= full for f in fields), f"{key}: a form has a placeholder the others lack"
            assert set(re.findall(r"{(\w+)", str(other["other"]))) == full, key


def test_no_text_writes_a_plural_by_hand() -> None:
    """'contact(s)', 'Kontakt(e)', 'Lücke(n)': a count needs plural forms instead; and a count next to its noun
    ('{count} cards') is written with plural forms."""
    for lang in ("de", "en"):
        for key, value in _raw_catalog(lang).items():
            texts = value.values() if isinstance(value, dict) else [value]
            for text in map(str, texts):
                assert not re.search(r"\w\((s|e|n|en|er)\)", text), f"{lang} {key}: {text}"
                if not isinstance(value, dict):
                    assert not re.search(r"{count}[ -]\w", text), f"{lang} {key}: counted noun without plural forms"


def test_plural_forms_are_chosen_by_count() -> None:
    assert translate("en", "import.file_read_vcard", file="a.vcf", count=1) == "a.vcf: vCard, 1 card read"
    assert translate("en", "import.file_read_vcard", file="a.vcf", count=1234) == "a.vcf: vCard, 1,234 cards read"
    assert translate("de", "import.file_read_vcard", file="a.vcf", count=1) == "a.vcf: vCard, 1 Karte gelesen"
    assert translate("de", "import.file_read_vcard", file="a.vcf", count=0) == "a.vcf: vCard, 0 Karten gelesen"

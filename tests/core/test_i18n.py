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
    used.update(re.findall(r"""t\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", (ROOT / "app.py").read_text()))
    missing = sorted(key for key in used if key not in catalog("en"))
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

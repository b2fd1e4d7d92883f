"""German and English text for every visible string, and locale-aware dates and numbers.

Catalogs live in `i18n/<lang>/<area>.toml`; a key `x` in `today.toml` is looked up as `today.x`.
One file per area keeps each feature's words together.

A text that counts something has plural forms, written as a table:
`file_read_vcard = { one = "{file}: 1 card read", other = "{file}: {count} cards read" }` (`zero` is optional). Call it with an
integer `count`: `translate(lang, "import.file_read_vcard", file=name, count=3)` picks the form and writes the number in the
language's format ("1.234" / "1,234").
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

_MONTHS = {
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


PLURAL_FORMS = ("zero", "one", "other")


def is_plural(value: object) -> bool:
    """A table of plural forms (`one`, `other`, optionally `zero`) rather than a table of further keys."""
    return isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_FORMS)


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str]) -> None:
    """Nested tables become dotted keys; plural forms become `key.one`, `key.other` (and `key.zero`)."""
    for key, value in table.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


def plural_form(count: int | float) -> str:
    """German and English share the rule: one for exactly 1, other for everything else."""
    return "one" if count == 1 else "other"


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every key of one language, as `area.key` -> text."""
    out: dict[str, str] = {}
    folder = resources.files("netzcore.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten(entry.name.removesuffix(".toml"), tomllib.loads(entry.read_text(encoding="utf-8")), out)
    return out


def normalize_language(value: str | None) -> str:
    """'de-CH', 'de_AT', 'en-US' -> 'de' / 'en'; anything else -> the default."""
    if value:
        head = value.replace("_", "-").split("-")[0].lower()
        if head in LANGUAGES:
            return head
    return DEFAULT_LANGUAGE


def translate(lang: str, key: str, **values: Any) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled; the key itself if unknown.

    For a key with plural forms, `count` (an int) chooses the form and is shown in the language's number format.
    """
    lang = normalize_language(lang)
    texts = catalog(lang)
    text = texts.get(key)
    if text is None and f"{key}.other" in texts:
        count = values.get("count")
        if not isinstance(count, int | float) or isinstance(count, bool):
            raise TypeError(f"{key} has plural forms: call it with a number as count, not {count!r}")
        form = "zero" if count == 0 and f"{key}.zero" in texts else plural_form(count)
        text = texts.get(f"{key}.{form}", texts[f"{key}.other"])
        values = {**values, "count": format_number(count, lang)}
    if text is None:
        return key
    return text.format(**values) if values else text


def format_number(value: float | int, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if normalize_language(lang) == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value: dt.date | None, lang: str, with_year: bool = True) -> str:
    """24.11.2026 / 24 Nov 2026; without year: 24.11. / 24 Nov."""
    if value is None:
        return ""
    if normalize_language(lang) == "de":
        return value.strftime("%d.%m.%Y") if with_year else value.strftime("%d.%m.")
    month = _MONTHS["en"][value.month - 1]
    return f"{value.day} {month} {value.year}" if with_year else f"{value.day} {month}"


def format_month(year: int, month: int, lang: str) -> str:
    return f"{_MONTHS[normalize_language(lang)][month - 1]} {year}"


def format_birthday(month: int, day: int, year: int | None, lang: str) -> str:
    if year is None:
        return format_date(dt.date(2000, month, day), lang, with_year=False)
    return format_date(dt.date(year, month, day), lang)

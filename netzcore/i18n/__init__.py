"""German and English text for every visible string, and locale-aware dates and numbers.

Catalogs live in `i18n/<lang>/<area>.toml`; a key `x` in `today.toml` is looked up as `today.x`.
One file per area keeps each feature's words together.

A text that counts something has plural forms, written as a table:
`file_read_vcard = { one = "{file}: 1 card read", other = "{file}: {count} cards read" }` (`zero` is optional). Call it with an
integer `count`: `translate(lang, "import.file_read_vcard", file=name, count=3)` picks the form and writes the number in the
language's format ("1.234" / "1,234").

A text that counts several things writes each count as a plural block (the ICU MessageFormat shape):
`"Moves {interactions, plural, one {# interaction} other {# interactions}} and {plans, plural, one {# plan} other {# plans}}"`;
`#` is the number in the language's format, `=0 {...}` picks an exact number, `zero`, `one` and `other` as above.

A value that is itself text in the user's language (an operating-system error, see `os_error`) is passed as a
`Localized` and written in the language of the text around it.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import tomllib
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Localized:
    """A catalog text carried as a value until the language is known (e.g. an operating-system error inside a
    message): `translate` writes it in the language of the surrounding text, `str()` in English."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        return translate(lang, self.key, **dict(self.values))

    def __str__(self) -> str:
        return self.text("en")


_OS_ERRORS = {
    errno.ENOENT: "not_found", errno.EACCES: "permission", errno.EPERM: "permission",
    errno.EISDIR: "is_directory", errno.ENOTDIR: "not_a_directory", errno.ENOSPC: "no_space",
    errno.EDQUOT: "no_space", errno.EROFS: "read_only", errno.ENAMETOOLONG: "name_too_long",
    errno.EEXIST: "exists", errno.EBUSY: "busy", errno.EIO: "io", errno.EFBIG: "too_large",
}


def os_error_code(error: OSError) -> str:
    """The errno symbol of a file error ("ENOENT"), to keep in a record until it is shown (`os_error_named`)."""
    return errno.errorcode.get(error.errno or -1, type(error).__name__)


def os_error_named(code: str) -> Localized:
    """What went wrong with a file, in words of the catalog ("Datei nicht gefunden" / "file not found"), never the
    operating system's English text; an errno netz has no words for is named by its symbol (EIO, ...)."""
    name = _OS_ERRORS.get(getattr(errno, code, -1)) if code.isupper() else None
    if name:
        return Localized(f"common.os_error.{name}")
    return Localized("common.os_error.other", (("code", code or "?"),))


def os_error(error: OSError) -> Localized:
    """`os_error_named` for an OSError at hand."""
    return os_error_named(os_error_code(error))


_PLURAL_BLOCK = re.compile(r"\{(\w+),\s*plural,")
_FORM = re.compile(r"\s*(=\d+|zero|one|other)\s*\{")


def _plural_block(text: str, start: int, values: dict[str, Any], lang: str) -> tuple[str, int]:
    """The form of the plural block at `start` chosen by its number, and where the block ends."""
    match = _PLURAL_BLOCK.match(text, start)
    assert match is not None
    name, pos, forms = match.group(1), match.end(), {}
    while True:
        form = _FORM.match(text, pos)
        if form is None:
            break
        depth, end = 1, form.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        forms[form.group(1)] = text[form.end():end - 1]
        pos = end
    close = text.index("}", pos)
    number = values.get(name)
    if not isinstance(number, int | float) or isinstance(number, bool):
        raise TypeError(f"the plural block {{{name}, plural, ...}} needs a number as {name}, not {number!r}")
    chosen = forms.get(f"={number}") if float(number).is_integer() else None
    if chosen is None and number == 0 and "zero" in forms:
        chosen = forms["zero"]
    if chosen is None:
        chosen = forms.get(plural_form(number), forms["other"])
    return chosen.replace("#", format_number(number, lang)), close + 1


def _expand_plurals(text: str, values: dict[str, Any], lang: str) -> str:
    out, pos = [], 0
    for match in _PLURAL_BLOCK.finditer(text):
        if match.start() < pos:
            continue
        out.append(text[pos:match.start()])
        chosen, pos = _plural_block(text, match.start(), values, lang)
        out.append(chosen)
    out.append(text[pos:])
    return "".join(out)


def placeholders(text: str) -> set[str]:
    """The names a text needs: `{name}` and the number of each plural block (not the words inside its forms)."""
    names: set[str] = set()
    pos = 0
    for match in _PLURAL_BLOCK.finditer(text):
        if match.start() < pos:
            continue
        names.update(re.findall(r"{(\w+)[}:!]", text[pos:match.start()]))
        names.add(match.group(1))
        pos = match.end()
        while form := _FORM.match(text, pos):
            depth, end = 1, form.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            names.update(placeholders(text[form.end():end - 1]))
            pos = end
        pos = text.index("}", pos) + 1
    names.update(re.findall(r"{(\w+)[}:!]", text[pos:]))
    return names


def translate(lang: str, key: str, **values: Any) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled; the key itself if unknown.

    For a key with plural forms, `count` (an int) chooses the form and is shown in the language's number format;
    plural blocks (`{n, plural, one {# day} other {# days}}`) choose theirs by their own number.
    """
    lang = normalize_language(lang)
    values = {k: v.text(lang) if isinstance(v, Localized) else v for k, v in values.items()}
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
    if "plural," in text:
        text = _expand_plurals(text, values, lang)
    return text.format(**values) if values else text


def word_for(lang: str, prefix: str, code: str | None) -> str:
    """A stored code in words ("demo" -> "Demo-Netzwerk" under `common.source.`); text netz has no words for (a
    reason the user typed) stays as it is."""
    if not code:
        return ""
    return catalog(normalize_language(lang)).get(f"{prefix}{code}", code)


def region_name(code: str, lang: str) -> str:
    """'DE' -> 'Deutschland' / 'Germany' (the `country` catalog); a code netz has no name for stays as it is."""
    name = catalog(normalize_language(lang)).get(f"country.{code.upper()}")
    return name or code


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

"""Keys for matching: e-mail addresses, phone numbers (E.164), LinkedIn and Xing URLs, birthdays, names."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

import phonenumbers

_EMAIL_IN_BRACKETS = re.compile(r"<([^<>\s]+@[^<>\s]+)>")
_EMAIL = re.compile(r"[^\s@<>\"',;]+@[^\s@<>\"',;]+\.[^\s@<>\"',;]+")


def normalize_email(value: str) -> str | None:
    """'"Omega" <Omega@Example.COM>' and 'mailto:x@y.de' -> the bare address in lower case; None if none."""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    bracketed = _EMAIL_IN_BRACKETS.search(text)
    if bracketed:
        text = bracketed.group(1)
    found = _EMAIL.search(text)
    return found.group(0).lower() if found else None


def normalize_phone(value: str, region: str = "DE") -> str | None:
    """E.164 where the number parses ('0711 123456' with region DE -> '+49711123456'), else as written."""
    text = value.strip()
    if text[:4].lower() == "tel:":
        text = text[4:]
    text = text.split(";", 1)[0].strip()
    if not text or not any(ch.isdigit() for ch in text):
        return None
    try:
        number = phonenumbers.parse(text, region.upper() or "DE")
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _profile_url(value: str, host_word: str) -> tuple[str, list[str]] | None:
    text = value.strip().replace("\\:", ":").replace("\\,", ",").replace("\\;", ";")
    if host_word not in text.lower():
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = parts.hostname or ""
    if not (host == f"{host_word}.com" or host.endswith(f".{host_word}.com")):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    return host, segments


def canonical_linkedin(value: str) -> str | None:
    """https://www.linkedin.com/in/<slug> from any form: http, country host, case, trailing slash, ?trk=, `\\:`."""
    found = _profile_url(value, "linkedin")
    if not found:
        return None
    _, segments = found
    if len(segments) >= 2 and segments[0].lower() == "in":
        return "https://www.linkedin.com/in/" + quote(segments[1].lower(), safe="-_.~")
    if len(segments) >= 2 and segments[0].lower() == "pub":
        return "https://www.linkedin.com/pub/" + "/".join(quote(s.lower(), safe="-_.~") for s in segments[1:])
    return None


def canonical_xing(value: str) -> str | None:
    """https://www.xing.com/profile/<Slug> from a Xing profile link."""
    found = _profile_url(value, "xing")
    if not found:
        return None
    _, segments = found
    if len(segments) >= 2 and segments[0].lower() == "profile":
        return "https://www.xing.com/profile/" + quote(segments[1], safe="-_.~")
    return None


class BadBirthday(ValueError):
    """A birthday that is written like a date but is none (e.g. 1975-02-30)."""


_BDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})(?:$|T)")
_OMITTED_YEARS = {1604, 0}


def parse_birthday(value: str, omit_year: str | None = None) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from '1975-02-28', '19750228', '--0415', '--04-15', '1955-07-19T00:00:00Z',
    and Apple's '1604-04-15' with X-APPLE-OMIT-YEAR=1604. None for text such as 'circa 1800'.
    Raises BadBirthday for an impossible date."""
    text = value.strip()
    match = _BDAY.match(text)
    if not match:
        return None
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    if year is not None and (year in _OMITTED_YEARS or (omit_year and omit_year.strip() == str(year))):
        year = None
    try:
        dt.date(year or 2000, month, day)
    except ValueError as error:
        raise BadBirthday(text) from error
    return year, month, day


_TITLES = re.compile(r"\b(dr|prof|mag|dipl|ing|mba|phd|msc|bsc|ma|ba|sr|jr|mr|mrs|ms|frau|herr)\b\.?")


def name_key(name: str) -> str:
    """Lower case, accents removed, punctuation and titles kept out: for comparing names.

    A name that is nothing but titles and punctuation ('Dr.', ':', 'Dr. 🙂') is kept whole (only case, accents
    and spaces evened out): every name has a key, so a re-import finds such a card again, and two such names
    stay apart.
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[^\w]+", " ", _TITLES.sub(" ", text)).strip()
    return words or " ".join(text.split())

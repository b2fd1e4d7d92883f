"""Keys and clean values for matching: e-mail addresses, phone numbers (E.164), LinkedIn and Xing URLs, dates,
names without titles, caps on sizes.

Everything here runs on user data, so nothing uses a pattern that can backtrack: values are split into tokens or
scanned once, and the few regular expressions run on strings cut to a few dozen characters first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import phonenumbers

from netzcore.hierarchy import hierarchy_level
from netzcore.identity import GENERATIONS
from netzcore.importers.records import ContactRecord, Problem, is_e164
from netzcore.organizations import (
    clean_organization,
    org_tokens,
    placeholder_status,
    placeholder_words,
    strip_legal_forms,
)

# --- caps ---------------------------------------------------------------------------------------------------------

MAX_NAME = 1_000             # characters of a name (full, given, family ...)
MAX_ORGANIZATION = 500       # characters of an organisation, department or title
MAX_EMAIL = 320              # characters of an e-mail address (RFC 5321: 64 + 1 + 255)
MAX_NOTE = 100_000           # characters of a note
MAX_VALUE = 10_000           # characters of any other text value (address, URL, tag)
MAX_CARD_BYTES = 10 * 1024 * 1024   # bytes of one card (a photo included)


def cap(value: str, limit: int) -> tuple[str, bool]:
    """The value cut to `limit` characters (not inside a surrogate pair), and whether it was cut."""
    if len(value) <= limit:
        return value, False
    return value[:limit].rstrip(), True


# --- text ---------------------------------------------------------------------------------------------------------

_CONTROL = {code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL_KEEP_LINES = {code: None for code in _CONTROL if code not in (0x09, 0x0A)}


def strip_controls(text: str, keep_lines: bool = False) -> str:
    """Control characters (U+0000-U+001F, U+007F-U+009F) removed; a note keeps its tabs and line breaks.
    In a one-line value a tab or line break becomes a space."""
    if text.isprintable():
        return text
    if keep_lines:
        return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL_KEEP_LINES)
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ").translate(_CONTROL)


def fold(text: str) -> str:
    """Lower case without accents ('Zoë' -> 'zoe'), for comparing."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- e-mail -------------------------------------------------------------------------------------------------------

_EMAIL_BREAKS = re.compile(r"[\s<>\"',;()\[\]]+")


def mailbox(email: str) -> str:
    """The mailbox an address delivers to, to match addresses by: '@googlemail.com', the Gmail addresses German and
    British accounts had until 2012, is the same mailbox as '@gmail.com'."""
    return email[:-len("googlemail.com")] + "gmail.com" if email.endswith("@googlemail.com") else email


def normalize_email(value: str) -> str | None:
    """'"Omega" <Omega@Example.COM>', 'mailto:x@y.de' -> the bare address in lower case; None if none.

    The value is split at spaces, brackets, quotes and separators (one pass), and the first word with one '@'
    between a non-empty local part and a host name (letters, digits, '-' and '.', as 'example.com' or an
    intranet's 'mailhost') is the address; an address longer than 320 characters is none."""
    text = value.strip()
    while text[:7].lower() == "mailto:":        # 'mailto:mailto:x@y.de' as some calendars write it
        text = text[7:].lstrip()
    if "@" not in text:
        return None
    open_at = text.rfind("<")
    if open_at >= 0:
        close_at = text.find(">", open_at)
        inner = text[open_at + 1:close_at if close_at >= 0 else len(text)]
        if "@" in inner:
            text = inner
    for word in _EMAIL_BREAKS.split(text):
        if "@" not in word or len(word) > MAX_EMAIL:
            continue
        local, _, domain = word.partition("@")
        domain = domain.rstrip(".")
        if local and _is_host(domain):
            return f"{local}@{domain}".lower()
    return None


def _is_host(domain: str) -> bool:
    return (bool(domain) and domain[0] not in ".-" and domain[-1] != "-" and ".." not in domain
            and all(ch.isalnum() or ch in "-." for ch in domain))


# Google's own groups, in the Categories of its vCard and "Outlook CSV" exports ('myContacts,starred'): no tags
GOOGLE_GROUPS = frozenset({"mycontacts", "my contacts", "starred", "meine kontakte", "markiert"})


# --- phone numbers ------------------------------------------------------------------------------------------------


# The label printed before a number on a business card or in a signature, as scanners copy it: 'Tel. 0621 …',
# 'Mobil 0171 …', 'T +41 44 …', 'M: +41 79 …', 'Phone: +44 …' (a fax's label makes no phone of it either way)
_PRINTED_LABEL = re.compile(
    r"(?:tel(?:efon|ephone)?|phone|fon|mobil(?:e|telefon)?|mob|handy|cell|direkt|durchwahl|zentrale|büro|office"
    r"|[tm])\.?:?\s*(?=[+(0-9])", re.IGNORECASE)


@lru_cache(maxsize=16_384)   # colleagues share switchboards and team lines: a third of an office export's numbers
def normalize_phone(value: str, region: str = "DE", card_region: str | None = None) -> str | None:
    """E.164 ('0711 123456' with home region DE -> '+49711123456') when the number is valid: with its own country
    code, or in the country of the card's address (`card_region`: '06 12 34 56 78' on a card in France is French,
    not a number in Wiesbaden), else in the home region. Anything else is kept as written (never given the home
    region's country code): '(207) 611-3176', '1-800-800-LENS' and '905-' in Germany stay as they are. An extension
    stays behind the number as in a tel: URI ('801-555-9886 ext 3' in the US -> '+18015559886;ext=3'). None if
    there is no digit."""
    if card_region and card_region != (region or "DE").upper():
        found = normalize_phone(value, card_region)
        if found is not None and is_e164_or_extension(found):
            return found
    text = value.strip()
    if text[:4].lower() == "tel:":
        text = text[4:]
    text, _, parameters = text.partition(";")
    text = _without_printed_label(text)
    extension = re.search(r"(?:^|;)\s*ext=([0-9]{1,10})", parameters, re.IGNORECASE)
    text = text.strip() + (f" ext. {extension.group(1)}" if extension else "")
    if not text or not any(ch.isdigit() for ch in text):
        return None
    if len(text) > 64:
        return text
    home = (region or "DE").upper()
    try:
        number = phonenumbers.parse(text, home)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(number):
        return text
    if not _written_internationally(text) and not _written_nationally(text, home):
        return text
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def _without_printed_label(text: str) -> str:
    """'Tel. 0 62 21 / 12 34 5-0' -> '0 62 21 / 12 34 5-0': the number without the label a scanner copied from the
    card; a word that is not such a label, or letters in the number ('1-800-800-LENS'), stay."""
    text = text.strip()
    found = _PRINTED_LABEL.match(text)
    return text[found.end():] if found and len(found.group()) > 1 else text


def is_e164_or_extension(phone: str) -> bool:
    """'+49711123456' or '+18015559886;ext=3': a valid number (only the first finds a person again; an extension
    is a desk behind a switchboard)."""
    number, _, extension = phone.partition(";ext=")
    return is_e164(number) and (not extension or extension.isdigit())


def _written_internationally(text: str) -> bool:
    """'+49 …', '00 49 …', '(+49) …', '011 1 …': the number carries its own country code."""
    digits = text.lstrip(" (")
    if digits.startswith(("+", "＋")):
        return True
    plain = "".join(ch for ch in digits[:8] if ch.isdigit())
    return plain.startswith(("00", "011"))


def _written_nationally(text: str, region: str) -> bool:
    """A number without country code counts as a home-region number only when it starts with the region's trunk
    prefix (0 in Germany, Austria, Switzerland): '1-800-800-LENS' is not a German 0180 number."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    if not prefix or prefix == "1":      # no trunk prefix (Italy) or an optional one (North America)
        return True
    digits = "".join(ch for ch in phonenumbers.convert_alpha_characters_in_number(text) if ch.isdigit())
    return digits.startswith(prefix)


def _each_address(written: Iterable[str]) -> Iterator[str]:
    """Values as written, a list of addresses in one value split ('me@joebloggs.com,joe@joebloggs.com': Google's
    export of 2012); an address has no comma or semicolon outside a quoted name."""
    for text in written:
        if text.count("@") > 1 and '"' not in text:
            yield from (part for part in re.split(r"[,;]", text) if part.strip())
        else:
            yield text


def card_emails(written: Iterable[str]) -> tuple[list[str], list[str]]:
    """A card's e-mail addresses, each once, and the values in its e-mail fields that hold none ('urn:li:member:…',
    'n/a'), for the import to name."""
    emails: list[str] = []
    seen: set[str] = set()          # a list took time with the square of the addresses (80,000 columns: 36 s)
    not_addresses: list[str] = []
    for text in _each_address(written):
        email = normalize_email(text)
        if email is None:
            # Outlook's Exchange directory name ('/o=ExchangeLabs/…', type EX) stands beside the real address
            if text.strip() and not text.lstrip().lower().startswith("/o="):
                not_addresses.append(one_line(text)[:80])
        elif email not in seen:
            seen.add(email)
            emails.append(email)
    return emails, not_addresses


def card_phones(written: Iterable[str], region: str = "DE", country: str = "") -> tuple[list[str], list[str], list[str]]:
    """A card's phones, each number once; those of them kept as written (not in E.164: no key to find the person
    again, so the import says so); and the values in its phone fields without a digit ('mobile'), left out. Two
    spellings of a number kept as written ('+1-987-654-3210' and '+1 987 654 3210', a number phonenumbers does
    not know) are one number, as two spellings of a valid one are. `country`: the card's address country, whose
    numbers come first (`normalize_phone`)."""
    phones: list[str] = []
    as_written: list[str] = []
    no_digit: list[str] = []
    seen: set[str] = set()
    card_region = region_of_country(country)
    for text in written:
        phone = normalize_phone(text, region, card_region)
        if not phone:
            if text.strip() and text.strip().lower() != "tel:":
                no_digit.append(one_line(text)[:80])
            continue
        key = phone if is_e164_or_extension(phone) else _spelling_key(phone)
        if key in seen:
            continue
        seen.add(key)
        phones.append(phone)
        if not is_e164_or_extension(phone):
            as_written.append(phone)
    return phones, as_written, no_digit


_COUNTRY_ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US", "uk": "GB",
                    "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                    "großbritannien": "GB", "england (uk)": "GB", "holland": "NL", "the netherlands": "NL"}


@lru_cache(maxsize=1)
def _regions_by_country() -> dict[str, str]:
    """A country's name in German or English (netz's country catalog), its two-letter code, or a common other name,
    lower case, to its region code where phonenumbers knows numbers of that region."""
    from netzcore.i18n import catalog

    known = phonenumbers.SUPPORTED_REGIONS
    found = _regions_in_other_languages(known)
    found |= {code.lower(): code for code in known}
    for lang in ("en", "de"):
        found |= {name.lower(): key.split(".", 1)[1] for key, name in catalog(lang).items()
                  if key.startswith("country.") and key.split(".", 1)[1] in known}
    return found | _COUNTRY_ALIASES


def _regions_in_other_languages(known: set[str]) -> dict[str, str]:
    """Countries as their own people and others write them ('Italia', 'España', '日本', 'Schweiz', 'Suisse'), lower
    case, from phonenumbers' geocoding names (each region in some 40 languages; '*it' stands for the Italian name)."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    found: dict[str, str] = {}
    for region, by_language in LOCALE_DATA.items():
        if region not in known:
            continue
        for name in by_language.values():
            seen: set[str] = set()
            while name.startswith("*") and name not in seen:
                seen.add(name)
                name = by_language.get(name[1:], "")
            if name:
                found.setdefault(name.lower(), region)
    return found


def region_of_country(country: str) -> str | None:
    """'Frankreich', 'France', 'FR' -> 'FR'; None for an empty or unknown country."""
    return _regions_by_country().get(" ".join(country.split()).lower()) if country.strip() else None


# The town line of an address written as on an envelope: '33604 Bielefeld', 'D-33604 Bielefeld', '1012 AB Amsterdam',
# '114 55 Stockholm'; the US form 'Smallville, NJ 08111'; Google's formatted 'Oslo, 0357' and, above a country,
# 'Stockholm 111 57'
_TOWN_CODE_FIRST = re.compile(r"([A-Z]{1,2}-)?(\d{5}|\d{4}(?: ?[A-Z]{2})?|\d{3} \d{2})\s+([^\d,]+)")
_TOWN_US = re.compile(r"([^\d,]+?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)")
_TOWN_CODE_LAST = re.compile(r"([^\d,]+?)(,?)\s+(\d{3} \d{2}|\d{4,5})")


def read_printed_address(text: str) -> tuple[str, str, str, str, str]:
    """An address written whole, as on an envelope, in one field (Horde's one address field, a vCard's LABEL,
    Google's 'Formatted'): (street, city, region, postal code, country) read from its last lines when they are a
    town line and perhaps a country ('Via Roma 1\\n00184 Roma\\nItalia'), so the city shows and the numbers on the
    card are read in that country. Anything else stays as written, in the street's place. A four-digit code
    first ('1600 Amphitheatre Parkway') is a town line only after a prefix ('CH-8001') or above a country, a code
    after the town only after a comma or above a country."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return text, "", "", "", ""
    country = ""
    if not any(ch.isdigit() for ch in lines[-1]) and region_of_country(lines[-1].rstrip(".")):
        country = lines.pop()
    town = lines[-1] if lines else ""
    city = region = code = ""
    if found := _TOWN_US.fullmatch(town):
        city, region, code = found.group(1), found.group(2), found.group(3)
    elif (found := _TOWN_CODE_FIRST.fullmatch(town)) and (
            found.group(1) or country or not found.group(2).isdigit() or len(found.group(2)) != 4):
        code, city = found.group(2), found.group(3)
    elif (found := _TOWN_CODE_LAST.fullmatch(town)) and (found.group(2) or country):
        city, code = found.group(1), found.group(3)
    if city:
        lines.pop()
    elif not country:
        return text, "", "", "", ""
    return "\n".join(lines), city.strip(), region, code, country


def read_address_line(text: str) -> tuple[str, str, str, str, str] | None:
    """An address written whole on one line, its parts apart by commas ('Seestrasse 8, 8002 Zürich, Schweiz', as
    Tuta's one address field often holds it): read as the envelope's lines (`read_printed_address`) when its last
    parts are a town (and a country); None when they are not, and the text stays as written."""
    if "\n" in text or ", " not in text:
        return None
    street, city, region, code, country = read_printed_address(text.replace(", ", "\n"))
    if not city:
        return None
    return street.replace("\n", ", "), city, region, code, country


def town_and_postal_code(city: str) -> tuple[str, str] | None:
    """A town line written into the city field, as business-card scanners do ('69117 Heidelberg', 'CH-8008
    Zürich', '1060 Wien'): (city, postal code); None for a city that is no such line. In a city field a code first
    is a postal code, whatever its digits."""
    found = _TOWN_CODE_FIRST.fullmatch(city.strip())
    return (found.group(3).strip(), found.group(2)) if found else None


def contact_point_notes(file: str, position: int, not_addresses: Iterable[str], as_written: Iterable[str] = (),
                        no_digit: Iterable[str] = ()) -> list[Problem]:
    """What `card_emails` and `card_phones` found to say, as the report's notes on the card or row."""
    return [*(Problem(file, position, "email_not_an_address", value) for value in not_addresses),
            *(Problem(file, position, "phone_as_written", one_line(phone)) for phone in as_written),
            *(Problem(file, position, "phone_no_digit", value) for value in no_digit)]


def _spelling_key(phone: str) -> str:
    """'+1 987 654 3210' -> '+19876543210': the digits (letters as on a keypad) and whether a + leads."""
    digits = "".join(ch for ch in phonenumbers.convert_alpha_characters_in_number(phone) if ch.isdigit())
    return ("+" if phone.lstrip(" (").startswith(("+", "＋")) else "") + digits


# --- profile links ------------------------------------------------------------------------------------------------


def _profile_url(value: str, host_word: str) -> tuple[str, list[str]] | None:
    text = value.strip().replace("\\:", ":").replace("\\,", ",").replace("\\;", ";")
    if host_word not in text[:200].lower() or len(text) > 2_000:
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


# A gender as the courtesy title a letter uses (a list's 'Geschlecht' M/W, 'gender' female, a vCard's GENDER:F), when
# the prefix has none; 'divers', 'd' and anything else give none
_COURTESY_OF_GENDER = {"m": "Herr", "männlich": "Herr", "mann": "Herr", "male": "Herr", "man": "Herr",
                       "herr": "Herr", "w": "Frau", "weiblich": "Frau", "frau": "Frau", "f": "Frau",
                       "female": "Frau", "woman": "Frau"}
_COURTESY_WORDS_OF_PREFIX = frozenset({"herr", "herrn", "frau", "hr", "fr", "mr", "mrs", "ms", "miss", "mx", "m",
                                       "mme", "mlle", "madame", "monsieur", "dhr", "mevr", "sr", "sra", "signor",
                                       "signora", "sig"})


def courtesy_of_gender(prefix: str, gender: str) -> str:
    """The prefix (a row's Anrede), with 'Herr' or 'Frau' from its gender column in front when the Anrede has
    neither ('Dr.' and 'männlich': 'Herr Dr.')."""
    courtesy = _COURTESY_OF_GENDER.get(gender.strip().casefold(), "")
    if not courtesy or any(word.strip(".,").casefold() in _COURTESY_WORDS_OF_PREFIX for word in prefix.split()):
        return prefix
    return " ".join(part for part in (courtesy, prefix) if part)


# --- dates --------------------------------------------------------------------------------------------------------


class BadBirthday(ValueError):
    """A birthday that is written like a date but is none (e.g. 1975-02-30)."""


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mär": 3, "mae": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}
_BDAY = re.compile(r"(?:(\d{4})-?|--)(\d{2})-?(\d{2})(?:T.*)?")
_TIME = re.compile(r"[ ,]+\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.? ?m\.?)?", re.IGNORECASE)
_YMD = re.compile(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})\.?")
_DMY_DOTS = re.compile(r"(\d{1,2})\. ?(\d{1,2})\.(?: ?(\d{4}|\d{2}))?")
_SLASHED = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})")
# years written for a birthday without one: Apple's 1604, '0000', and Tuta's 1111 (its vCard 3.0 export has no
# '--06-12')
_OMITTED_YEARS = {1604, 1111, 0}
# a weekday before the date, as Excel's long date writes it ('Donnerstag, 14. März 1985', 'Thursday, March 14, 1985')
_WEEKDAY = re.compile(r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?, *",
                      re.IGNORECASE)


def _full_year(year: int, digits: int, today: dt.date | None = None) -> int:
    """'24' -> 2024, '95' -> 1995: two digits mean the most recent such year that is not in the future."""
    if digits > 2:
        return year
    now = (today or dt.date.today()).year
    century = now - now % 100
    return century + year if century + year <= now else century - 100 + year


def date_parts(text: str, slash: str = "mdy") -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from the ways people and programs write a date; None if it is no date form.

    '2024-05-17', '20240517', '--05-17', '2024/05/17', '17.05.2024', '17.05.24', '17.05.', '15 Mar 2023',
    '20-Mar-24', '5. Mai 1995', 'May 5, 1995', and with slashes '1/8/18, 6:14 PM' (month first when `slash` is
    'mdy', day first when 'dmy'; a value above 12 decides by itself; None if it stays open). The date itself is
    not checked here (see `checked_date`). Only the first 64 characters are looked at."""
    text = text.strip()
    if not text or len(text) > 64:
        return None
    text = _TIME.sub("", text, count=1).strip(" ,")
    if text[:1].isalpha() and (weekday := _WEEKDAY.match(text)):
        text = text[weekday.end():]
    match = _BDAY.fullmatch(text)
    if match:
        return (int(match.group(1)) if match.group(1) else None), int(match.group(2)), int(match.group(3))
    match = _YMD.fullmatch(text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _DMY_DOTS.fullmatch(text)
    if match:
        year = match.group(3)
        return (_full_year(int(year), len(year)) if year else None), int(match.group(2)), int(match.group(1))
    match = _SLASHED.fullmatch(text)
    if match:
        first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
        if first > 12 or first == second or (slash == "dmy" and second <= 12):
            day, month = first, second
        elif second > 12 or slash == "mdy":
            month, day = first, second
        else:
            return None
        return _full_year(int(year), len(year)), month, day
    return _named_month(text)


def slash_order(text: str) -> str | None:
    """The order a slashed date asks for by itself: 'dmy' when only day first reads it ('14/03/1985'), 'mdy' when
    only month first does ('03/14/1985'), '' when either could ('05/06/1990'); None for a date without slashes."""
    text = text.strip()
    match = _SLASHED.fullmatch(_TIME.sub("", text, count=1).strip(" ,")) if len(text) <= 64 else None
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return ""


def _named_month(text: str) -> tuple[int | None, int, int] | None:
    words = [w for w in re.split(r"[\s.,/-]+", text) if w]
    if not 2 <= len(words) <= 3:
        return None
    named = [i for i, w in enumerate(words) if w.isalpha()]
    if len(named) != 1 or not all(w.isdigit() for i, w in enumerate(words) if i != named[0]):
        return None
    month = _MONTHS.get(words[named[0]][:3].lower())
    if month is None or len(words[named[0]]) > 9:
        return None
    numbers = [w for i, w in enumerate(words) if i != named[0]]
    if len(numbers) == 1:
        return (None, month, int(numbers[0])) if len(numbers[0]) <= 2 else None
    if named[0] == 2:                 # '2023 15 Mar': not a form anyone writes
        return None
    day, year = numbers               # 'May 5, 1995', '15 Mar 2023', '20-Mar-24'
    if len(day) > 2 or len(year) not in (2, 4):
        return None
    return _full_year(int(year), len(year)), month, int(day)


def checked_date(parts: tuple[int | None, int, int]) -> bool:
    year, month, day = parts
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1 <= year <= 9999


def parse_birthday(value: str, omit_year: str | None = None, slash: str = "dmy") -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from '1975-02-28', '19750228', '--0415', '--04-15', '1955-07-19T00:00:00Z',
    Apple's '1604-04-15' with X-APPLE-OMIT-YEAR=1604, and free text such as '1995/05/05', '05.05.1995',
    '5. Mai 1995' or '14/03/1985'. None for text that is no date ('circa 1800'); raises BadBirthday for an
    impossible date ('1975-02-30'). The caller reports both."""
    parts = date_parts(value, slash)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None and (year in _OMITTED_YEARS or (omit_year and omit_year.strip() == str(year))):
        year = None
    if not checked_date((year, month, day)) or (year is not None and year < 1800):
        raise BadBirthday(value.strip())
    return year, month, day


def parse_date(text: str, slash: str = "mdy") -> dt.date | None:
    """A whole date (with a year) or None: LinkedIn's 'Connected On' in every form seen."""
    parts = date_parts(text, slash)
    if parts is None or parts[0] is None or not checked_date(parts):
        return None
    return dt.date(parts[0], parts[1], parts[2])


# --- names and titles ---------------------------------------------------------------------------------------------

# Titles that are words of their own, written with or without a dot.
_TITLE_WORDS = frozenset({
    "dr", "prof", "professor", "professorin", "dipl", "diplom", "mr", "mrs", "ms", "miss", "mx", "herr", "frau",
    "herrn", "sir", "dres", "ddr", "mmag", "dkfm", "drs", "univprof", "privdoz", "phdr", "mudr", "judr", "rndr",
    "paeddr", "pharmdr", "mvdr", "mddr", "thdr", "dipling", "diplkfm", "diplkff", "diplkffr", "dring",
    # Austrian titles of office and honour, written in front of the name ('Hofrat Dr. Hans Moser')
    "kommerzialrat", "kommerzialratin", "hofrat", "hofratin", "oberstudienrat", "oberstudienratin", "studienrat",
    "studienratin", "regierungsrat", "regierungsratin", "medizinalrat", "medizinalratin", "okonomierat",
    "primarius", "primaria",
})
# Titles that are only titles with their dot ('Ing.', 'Mag.'), since the bare word can be a name.
_DOTTED_TITLE_WORDS = frozenset({"ing", "mag", "ir", "mgr", "inz", "bc", "doc", "lic", "fr", "hr", "mme", "mlle",
                                 "bakk", "prim", "kommr"})
# Austrian and German short titles that are titles only in their capitals ('DI Stefan Wagner', 'KR Hans Moser',
# 'PD Dr. Jens Koch'), as words they are names ('Di Sha', 'Di Stefano'); in a name written wholly in capitals
# ('DI MAIO LUIGI') they are never read as titles.
_CASED_TITLES = frozenset({"DI", "DDI", "KR", "KommR", "HR", "PD", "RA", "StB", "WP", "OStR", "StR", "RegR", "MedR",
                           "VetR", "ÖkR"})
# What may stand before a title and belongs to it: 'ao. Univ.-Prof.', 'o. Univ.-Prof.', 'em. Prof.', 'tit. ao.
# Univ.-Prof.', Swiss 'eidg. dipl.' (never read on its own: 'O. J. Simpson' keeps his initial).
_TITLE_LEADS = frozenset({"ao", "o", "em", "emer", "tit", "eidg", "akad", "ord", "apl", "aord"})
# The feminine endings Austrian forms add to a title: 'Mag.a', 'Dr.in', 'Mag.ᵃ', 'Dr.ⁱⁿ' (and 'DIin').
_FEMININE_ENDINGS = (".a", ".in", ".ᵃ", ".ⁱⁿ")
# School marks in capitals after a degree: 'dipl. Ing. ETH', 'Ing. (HTL)' is read by its brackets.
_CASED_SCHOOL_MARKS = frozenset({"ETH", "EPFL", "FH", "HSG", "TU", "TH", "HTL", "HF", "HES", "ZHAW", "BOKU", "WU"})
# Degrees after the name that are short words of other languages' names ('Ma', 'Meng', 'Mas'): read without a
# comma only in these capitals, in a name not written wholly in capitals ('Anna Weber MA', not 'Jack MA').
_CASED_SUFFIXES = frozenset({"MA", "BA", "MAS", "MEng", "BEng", "MEd", "BEd", "MES", "MBL", "MIB", "MPH", "MAIS"})
# Parts of compound titles ('Dr.-Ing.', 'Dipl.-Wirt.-Ing.', 'Prof.Dr.', 'Univ.-Prof.', 'Priv.-Doz.').
_TITLE_CORE = frozenset({"dr", "prof", "dipl", "ing", "mag", "univ", "doz", "priv", "mmag", "ddr", "dkfm", "drs",
                         "ir", "mgr", "inz", "bc", "doc", "lic", "kfm", "kff", "kffr", "phdr", "mudr", "judr",
                         "rndr", "paeddr"})
# What follows a doctorate or diploma ('Dr. rer. nat.', 'Dr. h.c. mult.', 'Dipl.-Ing. (FH)'): only after a title.
_TITLE_QUALIFIERS = frozenset({
    "med", "dent", "vet", "rer", "nat", "pol", "oec", "phil", "jur", "iur", "theol", "hc", "h", "c", "mult",
    "habil", "sc", "techn", "agr", "forest", "troph", "biol", "chem", "phys", "math", "inf", "wirt", "wi", "bw",
    "vw", "soz", "pad", "paed", "psych", "geogr", "hdl", "oek", "ok", "arch", "des", "pharm", "sen", "jun", "hon",
    "apl", "em", "emer", "fh", "th", "tu", "ba", "dh", "hsg", "eth", "uni", "univ", "ing", "kfm", "kff", "kffr",
    "mont", "publ", "silv", "sportwiss", "sowi", "ges", "cand", "medic", "rer.nat", "dr", "soc", "scient", "hum",
    "tech",
})
# Degrees and name suffixes after the name ('Maier, MBA', 'Weber PhD', 'Smith Jr.').
_SUFFIX_WORDS = frozenset({
    "mba", "emba", "phd", "dphil", "msc", "bsc", "llm", "llb", "cfa", "pmp", "ceng", "cpa", "jr", "sr", "esq",
    "ii", "iii", "iv", "dds", "mph", "mpa", "dba", "cissp", "cisa", "cism", "frcs", "mbbs", "mres", "mphil", "mfa",
    "cfp", "cmgr", "frsa", "mcipd", "prince2", "fcca", "mrics", "frics", "mcips", "bcom", "mcom", "bba", "msw",
    "dsc", "bakk", "lld",
})
# Short degrees that are also names ('Ma', 'Ba', 'Meng', 'Beng'): a suffix only after a comma or with dots.
_COMMA_SUFFIX_WORDS = frozenset({"ma", "ba", "ms", "bs", "md", "jd", "pe", "rn", "do", "dvm", "od", "be", "me",
                                 "bed", "med", "ra", "stb", "wp", "meng", "beng", "mas", "dipl", "edd", "acca",
                                 "aca", "fca", "cima", "mim", "pmi", "csm", "psm", "itil"})


_ALL_TITLE_FORMS: frozenset[str] = frozenset()      # filled below: every compact form any title rule knows


def _maybe_title(word: str) -> bool:
    """A cheap first look: only a word with a dot, a hyphen or parentheses, or one whose plain lower-case form is
    on a list, can be a title or degree."""
    if "." in word or "-" in word or "(" in word:
        return True
    return (word.lower() in _ALL_TITLE_FORMS or not word.isascii() or word in _CASED_TITLES
            or word in _CASED_SUFFIXES or word[:-2] in _CASED_TITLES)


def _compact(word: str) -> str:
    return fold(word).strip("()[]").replace(".", "").replace("-", "").replace("‑", "")


def _pieces(word: str) -> list[str]:
    return [p for p in re.split(r"[.\-‑()]+", fold(word)) if p]


def _is_title(word: str, cased: bool = True) -> bool:
    """'Dr.', 'Prof', 'Dipl.-Ing.', 'Dr.-Ing.', 'Prof.Dr.', 'Ing.', 'Mag.', 'Herr', 'Mrs' (never 'Irina', 'Ingo',
    'Magnus', 'Drew', 'Frauke', 'Inga'); with `cased` also 'DI', 'KR', 'PD' in their capitals, and the feminine
    forms 'Mag.a', 'Dr.in', 'DIin'."""
    if len(word) > 40 or not _maybe_title(word):
        return False
    if cased and word.rstrip(".") in _CASED_TITLES:
        return True
    base = _feminine_base(word)
    if base and _is_title(base, cased):
        return True
    compact = _compact(word)
    if compact in _TITLE_WORDS:
        return True
    dotted = "." in word
    if dotted and compact in _DOTTED_TITLE_WORDS:
        return True
    pieces = _pieces(word)
    return (dotted and len(pieces) >= 2 and any(p in _TITLE_CORE for p in pieces)
            and all(p in _TITLE_CORE or p in _TITLE_QUALIFIERS for p in pieces))


def _feminine_base(word: str) -> str:
    """'Mag.' of 'Mag.a', 'Dr.' of 'Dr.in' or 'Dr.ⁱⁿ', 'DI' of 'DIin': the title a feminine form is made of."""
    for ending in _FEMININE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[:1 - len(ending)]
    return word[:-2] if word.endswith("in") and word[:-2] in _CASED_TITLES else ""


def _is_qualifier(word: str) -> bool:
    """'rer.', 'nat.', 'h.c.', 'mult.', '(FH)', 'ETH': part of the title before it."""
    if word in _CASED_SCHOOL_MARKS:
        return True
    if len(word) > 20 or not ("." in word or (word.startswith("(") and word.endswith(")"))):
        return False
    pieces = _pieces(word)
    return bool(pieces) and all(p in _TITLE_QUALIFIERS for p in pieces)


_SCHOOL_MARKS = frozenset({"fh", "th", "tu", "ba", "dh", "hsg", "uni", "univ", "eth", "hs"})
_ALL_TITLE_FORMS = frozenset().union(_TITLE_WORDS, _DOTTED_TITLE_WORDS, _TITLE_CORE, _TITLE_QUALIFIERS, _SUFFIX_WORDS,
                                     _COMMA_SUFFIX_WORDS, _SCHOOL_MARKS)


def _is_suffix(word: str, after_comma: bool, cased: bool = False) -> bool:
    """A degree or generation after the name; with `cased` (a name not written wholly in capitals) also 'MA',
    'MAS', 'MEng' without a comma."""
    if len(word) > 40 or not _maybe_title(word):
        return False
    if cased and word in _CASED_SUFFIXES:
        return True
    compact = _compact(word)
    if word.startswith("(") and word.endswith(")") and compact in _SCHOOL_MARKS:
        return True                     # 'Lenz (FH)': the school of a degree
    if compact in _SUFFIX_WORDS:
        return True
    if compact in _COMMA_SUFFIX_WORDS and (after_comma or "." in word):
        return True
    return after_comma and (_is_title(word) or _is_qualifier(word))


def _words(text: str) -> list[tuple[str, bool]]:
    """Words split at spaces and commas, each with whether a comma came before it."""
    out: list[tuple[str, bool]] = []
    comma = False
    for chunk in text.split():
        parts = chunk.split(",")
        for index, part in enumerate(parts):
            if index:
                comma = True
            if part:
                out.append((part, comma))
                comma = False
    return out


def _join_words(words: list[tuple[str, bool]]) -> str:
    parts: list[str] = []
    for word, comma in words:
        if parts:
            parts.append(", " if comma else " ")
        parts.append(word)
    return "".join(parts)


def _glued_prefix(word: str) -> tuple[str, str] | None:
    """'Dr.Irina' -> ('Dr.', 'Irina'), 'Prof.Dr.Anna' -> ('Prof.Dr.', 'Anna'): a title glued to the name."""
    if len(word) > 80:
        return None
    end = word.rfind(".")
    while end > 0:
        head, rest = word[:end + 1], word[end + 1:]
        if rest[:1].isalpha() and _is_title(head):
            return head, rest
        end = word.rfind(".", 0, end)
    return None


def split_prefix(text: str, keep_one: bool = True) -> tuple[str, str]:
    """('Prof. Dr.-Ing.', 'Ingo') from 'Prof. Dr.-Ing. Ingo': titles before the name, each a whole word from the
    list. With `keep_one` a text of nothing but titles stays a name ('Dr.' -> ('', 'Dr.')). 'DI', 'KR', 'HR' count
    only in a text with small letters ('HR Dr. Franz Huber'): a job title 'HR' is Human Resources, no Hofrat."""
    words = text.split()
    cased = any(ch.islower() for ch in text)
    prefix: list[str] = []
    start = 0
    while start < len(words):
        word = words[start]
        if _is_title(word, cased) or (prefix and _is_qualifier(word)):
            prefix.append(word)
            start += 1
            continue
        lead = _title_lead(words, start, cased)
        if lead:
            prefix += words[start:start + lead]
            start += lead
            continue
        glued = _glued_prefix(word) if "." in word else None
        if glued:
            prefix.append(glued[0])
            words[start] = glued[1]
        break
    if start == len(words) and keep_one:
        return "", text.strip()
    return " ".join(prefix), " ".join(words[start:])


def _title_lead(words: list[str], start: int, cased: bool) -> int:
    """How many words from `start` lead a title and are part of it ('ao.' of 'ao. Univ.-Prof.', 'tit. ao.' of
    'tit. ao. Univ.-Prof.', 'eidg.' of 'eidg. dipl.'); 0 when no title follows them."""
    end = start
    while end < len(words) and end - start < 3 and words[end].endswith(".") and _compact(words[end]) in _TITLE_LEADS:
        end += 1
    return end - start if end > start and end < len(words) and _is_title(words[end], cased) else 0


_CREDENTIAL = re.compile(r"[A-Z][A-Z0-9]*(?:[-/&][A-Z0-9]+)*")   # 'FRM', 'SHRM-CP', 'CIPP/E'


def _is_credential(word: str) -> bool:
    """A credential no list can hold ('FRM', 'CAIA', 'SHRM-CP'): a short word in capitals."""
    return len(word) <= 10 and sum(ch.isalpha() for ch in word) >= 2 and bool(_CREDENTIAL.fullmatch(word))


def split_suffix(text: str, family_only: bool = False) -> tuple[str, str]:
    """('Maier', 'MBA, PhD') from 'Maier, MBA, PhD': degrees and Jr./Sr. after the name (short ones such as MA
    only after a comma); at least one word stays a name. Unlisted credentials in capitals after a comma count too
    beside a listed one ('Nayak, MSc, MBA, PHR'), and in a family name alone (`family_only`, LinkedIn's Last Name)
    also without one ('Park, CFA, FRM', 'Smith, SHRM-CP'), unless the name itself is written in capitals; in a whole
    name without a degree 'Weber, ANNA' may be the given name."""
    words = _words(text)
    end = len(words)
    cased = any(ch.islower() for ch in text)
    listed = any(_is_suffix(word, comma, cased) for word, comma in words[1:])    # 'DOE, JOHN' has none: no degree
    credentials_stand_out = listed or (family_only and cased)
    least = 1 if family_only else 2          # 'Jack MA' keeps his family name; 'Anna Weber MA' has a degree
    while end > 1:
        word, comma = words[end - 1]
        if (_is_suffix(word, comma, cased and end - 1 >= least) or (end < len(words) and _is_qualifier(word))
                or (comma and credentials_stand_out and _is_credential(word))):
            end -= 1
            continue
        break
    after = _titles_after_comma(words, end)
    if after < end:                          # 'Urs Meier, dipl. Ing. ETH': a Swiss degree in several words
        return _join_words(words[:after]), _join_words(words[after:])
    if end == len(words):
        return text.strip(), ""
    return _join_words(words[:end]), ", ".join(word for word, _ in words[end:])


def _titles_after_comma(words: list[tuple[str, bool]], end: int) -> int:
    """Where a title of several words after the name's last comma begins ('dipl. Ing. ETH' in 'Urs Meier, dipl.
    Ing. ETH', 'Dr. med. univ.' in 'Hans Moser, Dr. med. univ.'), `end` when there is none."""
    last_comma = max((index for index in range(1, end) if words[index][1]), default=0)
    if not last_comma or not _is_title(words[last_comma][0]):
        return end
    rest = words[last_comma + 1:]
    if all(_is_title(word) or _is_qualifier(word) or _is_suffix(word, False) for word, _ in rest):
        return last_comma
    return end


def name_as_spoken(name: str) -> str:
    """'Müller, Jörg', a name as an address book files it (Exchange and Outlook write attendees and senders so),
    -> 'Jörg Müller'. A name with no comma or several, a suffix after its comma ('Smith, Jr.', 'Maier, MBA'), and
    anything with a digit or an '@' stay as written."""
    if name.count(",") != 1 or "@" in name or any(ch.isdigit() for ch in name):
        return name
    family, given = (" ".join(part.split()) for part in name.split(","))
    if not family or not given or split_suffix(name)[1]:
        return name
    return f"{given} {family}"


def filed_name_as_spoken(name: str) -> str:
    """A name filed last name first with its titles after the given name, as directories and registers write it
    ('Müller, Hans, Dr.', 'Weber, Anna Maria, MSc', 'THEIDEL, HANS, DR.'), -> 'Dr. Hans Müller', 'Anna Maria Weber
    MSc'; any other name as `name_as_spoken` reads it."""
    if name.count(",") < 2:
        return name_as_spoken(name)
    core, after = split_suffix(name)
    spoken = name_as_spoken(core) if after and core.count(",") == 1 else core
    if not after or spoken == core:
        return name
    before, behind = split_prefix(after.replace(",", " "), keep_one=False)
    return " ".join(part for part in (before, spoken, behind) if part)


# what mail programs and directories put around a person's name: Outlook's "Display as" ('Kent Michaelsen
# (kmichaelsen@acme.com)'), a directory's department or company ('Weber, Hans (IT-Service)'), an address in angle
# brackets, a tag in front ('[EXT] Anna Weber')
_NAME_TAG = re.compile(r"^\[[^\[\]]*\]\s*|\s*(?:\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>)$")


def display_name(name: str) -> str:
    """The person's name in a display name of a mail header or a calendar attendee: bracketed additions at its end
    (an address, a department, a company) and a tag in front left out, filed names read as spoken ('Weber, Hans
    (IT-Service)' -> 'Hans Weber'), and a name that is only an address is none. A name wholly in brackets stays."""
    text = " ".join(name.strip().strip("'\"").split())
    for _ in range(3):
        shorter = _NAME_TAG.sub("", text, count=1).strip().strip("'\"")
        if not shorter or shorter == text:
            break
        text = shorter
    if "@" in text and " " not in text:
        return ""
    return name_as_spoken(text)


_NOTES_NAME = re.compile(r"(?:CN=)?([^\W\d_][^/@\d]*?)(?:/(?:[A-Z]{1,2}=)?[^/\s@:](?:[^/@:]*[^/\s@:])?){1,4}",
                         re.IGNORECASE)


def name_without_notes_hierarchy(name: str) -> str:
    """'Sam Roberts/Certicom', a hierarchical name as Lotus Notes writes people ('Name/Org', 'Name/Org/Country',
    also canonical 'CN=Sam Roberts/O=Certicom'), -> 'Sam Roberts'; anything else stays as written."""
    found = _NOTES_NAME.fullmatch(name.strip())
    if not found or found.group(1) != found.group(1).strip():
        return name
    return found.group(1)


# Words that go with the family name before it: particles ('Jan de Vries', 'Ursula von der Leyen') and, as German
# law counts them part of the family name, former titles of nobility ('Friedrich Graf von Bernstorff')
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "zu",
                             "zum", "zur", "ten", "ter", "vom", "bin", "al", "dos", "das", "do", "graf", "gräfin",
                             "freiherr", "freifrau", "freiin", "baron", "baronin"})


def whole_name_parts(name: str) -> tuple[str, str, str, str] | None:
    """(prefix, given, family, suffix) read from a whole name, as a vCard's FN or a list's one name column gives it:
    'Prof. Dr. Eva Gruber' -> ('Prof. Dr.', 'Eva', 'Gruber', ''), the particles with the family name ('Maria van
    der Berg' -> 'van der Berg'). None for a single word or a name with a comma left in it."""
    prefix, core, suffix = split_titles(name)
    words = core.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _NAME_PARTICLES:
        start -= 1
    if start < 1 or "," in core:
        return None
    return prefix, " ".join(words[:start]), " ".join(words[start:]), suffix


def split_titles(name: str) -> tuple[str, str, str]:
    """(prefix, name, suffix): 'Prof. Dr.-Ing. Ingo Maier, MBA' -> ('Prof. Dr.-Ing.', 'Ingo Maier', 'MBA').
    A name that is only titles stays whole: ('', 'Dr.', '')."""
    prefix, rest = split_prefix(name)
    if not prefix and rest != name.strip():
        rest = name.strip()
    core, suffix = split_suffix(rest)
    if not core:
        return "", name.strip(), ""
    return prefix, core, suffix


def _key_words(text: str) -> Iterator[str]:
    word: list[str] = []
    for ch in text:
        if ch.isalnum() or ch == "_":
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def _east_asian(text: str) -> bool:
    """Written in Chinese, Japanese or Korean script only ('石川', 'かおり', '홍길동')."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(
        unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for ch in letters)


def name_from_parts(given: str, family: str, additional: str = "", prefix: str = "", suffix: str = "") -> str:
    """A person's name from its parts, in the order of its script: 'Dr. Kate Ann Bell' from prefix, given, additional,
    family and suffix; a Chinese, Japanese or Korean name family name first and without a space: '石川かおり' from
    石川 and かおり."""
    if given and family and _east_asian(given + family):
        return " ".join(p for p in (family + given, prefix, additional, suffix) if p)
    return " ".join(p for p in (prefix, given, additional, family, suffix) if p)


def name_key(name: str, suffix: str | None = None) -> str:
    """Lower case, accents removed, punctuation and titles kept out: for comparing names.

    Titles go only as whole words from a list (see `split_titles`): 'Dr. Irina Weber' -> 'irina weber', and
    Irina, Ingo, Magnus or Drew are never cut. A name that is nothing but titles and punctuation ('Dr.', ':',
    'Dr. 🙂') is kept whole (only case, accents and spaces evened out): every name has a key, so a re-import finds
    such a card again, and two such names stay apart. A name of accent marks alone ('¸', '´'), which folding
    empties, keeps its marks. A generation in the name's suffix or in `suffix` (Jr., sen., III) stays in the key:
    John Smith Jr. and John Smith Sr. are two people.
    """
    _, core, found = split_titles(name)
    key = " ".join(_key_words(fold(core))) or " ".join(fold(name).split()) or " ".join(name.casefold().split())
    if not (found or suffix) or not key or key.rsplit(" ", 1)[-1] in GENERATIONS:   # 'Hans Müller sen.': in the name
        return key
    generation = next((word for text in (found, suffix) for word in _key_words(fold(text or ""))
                       if word in GENERATIONS), "")
    return f"{key} {generation}" if generation else key


# --- one record, ready for matching ---------------------------------------------------------------------------------


def one_line(value: str | None) -> str:
    """A single-line value as written, control characters out (a tab or line break, also CR LF, becomes a space),
    trimmed."""
    if not value:
        return ""
    return strip_controls(value.replace("\r\n", "\n")).strip()


# What an exporter, a database or a form writes where it has no value: a JavaScript or Java exporter's 'null' and
# 'undefined', pandas' 'nan', Excel's '#N/A', a form's 'N/A', 'k.A.', 'keine Angabe', '-'. Shown as text, a card's
# 'TITLE:null' read as the job title *null*.
_NO_VALUE = frozenset({"undefined", "#n/a", "n/a", "n.a.", "k.a.", "k. a.", "keine angabe", "keine", "none", "-", "--",
                       "---", "—", "–", "/", "?"})
_NO_VALUE_AS_WRITTEN = frozenset({"null", "NULL", "nan", "NaN"})      # 'Null' and 'Nan' are names
_TEXT_FIELDS = ("title", "department", "nickname", "honorific_suffix", "address", "city", "region", "postal_code",
                "country", "notes")


def is_no_value(text: str | None) -> bool:
    """'null', 'undefined', 'N/A', 'k.A.', '-', 'keine': what is written where there is no value, in any field
    (Christopher Null keeps his name)."""
    if not text or len(text) > 14:
        return False
    text = text.strip()
    return text in _NO_VALUE_AS_WRITTEN or " ".join(text.casefold().split()) in _NO_VALUE


NO_VALUE_FIELDS = (*_TEXT_FIELDS, "honorific_prefix", "tags")


def no_value_changes(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Of a contact's `NO_VALUE_FIELDS`: every text field that holds nothing but a placeholder left empty, a prefix
    without placeholder words ('Frau -' of an Anrede beside an empty Titel), no placeholder tag."""
    changes: dict[str, Any] = {name: None for name in _TEXT_FIELDS if is_no_value(fields.get(name))}
    prefix = fields.get("honorific_prefix")
    if prefix and any(is_no_value(word) for word in prefix.split()):
        changes["honorific_prefix"] = " ".join(word for word in prefix.split() if not is_no_value(word)) or None
    tags = fields.get("tags") or ()
    if any(is_no_value(tag) for tag in tags):
        changes["tags"] = tuple(tag for tag in tags if not is_no_value(tag))
    return changes


def _without_no_values(record: ContactRecord) -> ContactRecord:
    changes = no_value_changes({name: getattr(record, name) for name in NO_VALUE_FIELDS})
    if "title" in changes:
        changes["hierarchy_level"] = None
    return replace(record, **changes) if changes else record


def finish_record(record: ContactRecord) -> ContactRecord:
    """The placeholder rule and the matching keys, the last step of every reader.

    A value that is a placeholder ('null', 'undefined', 'N/A', '-') is no value. An organisation that is a
    placeholder ('Self-employed', "'Freelance'", 'Stealth mode', 'n/a', '-') is not an organisation: a status
    ('Freelance', 'Retired') becomes the title when there is none, else a tag; an empty answer ('n/a', '-',
    'privat') is left out. Surrounding quotes go from the organisation's spelling."""
    record = _without_no_values(record)
    organization = clean_organization(record.organization) or None
    title, tags, department, level = record.title, record.tags, record.department, record.hierarchy_level
    tokens = org_tokens(organization) if organization else []
    if organization and placeholder_words(tokens):
        status = placeholder_status(organization)
        if status and not title:
            title, level = status, hierarchy_level(status)
        elif status and status not in tags:
            tags = (*tags, status)
        organization, department, tokens = None, None, []
    given, additional, family = _name_parts(record.given_name, record.additional_names, record.family_name)
    prefix, given = _titles_out_of_the_given_name(record.honorific_prefix, given, family)
    return replace(record, organization=organization, department=department, title=title, hierarchy_level=level,
                   tags=tags, name_key=name_key(record.full_name, record.honorific_suffix),
                   org_key=" ".join(strip_legal_forms(tokens)), honorific_prefix=prefix,
                   given_name=given, additional_names=additional, family_name=family)


def _titles_out_of_the_given_name(prefix: str | None, given: str | None, family: str | None
                                  ) -> tuple[str | None, str | None]:
    """A title written into the given name (`N:Gruber;Dr. Eva;;;`, `N:Wagner;DI Stefan;;;`, WhatsApp's
    `N:Silva;Dr.;;;`) goes to the prefix: as a given name, two colleagues' equal titles made 'Dr. Eva' and 'Dr.
    Lena' Gruber one person, and Dr. Silva was greeted "Hallo Dr.". A prefix that already says it is not repeated;
    a card with nothing but a title and no family name keeps it as its name."""
    if not given or (" " not in given.strip() and not family):
        return prefix, given
    found, rest = split_prefix(given, keep_one=not family)       # 'N:Silva;Dr.;;;': Dr. Silva has no given name
    if not found:
        return prefix, given
    if prefix and found.casefold() in prefix.casefold():
        return prefix, rest or None
    return " ".join(part for part in (prefix, found) if part), rest or None


def _name_parts(given: str | None, additional: str | None, family: str | None
                ) -> tuple[str | None, str | None, str | None]:
    """Given, additional and family name without what a phone or Google's export wrote there that is no name: an
    e-mail address cut into pieces ('kumar@gmail.', 'com': every part goes) or a number with no letter
    ('+918686235803'). The full name stays as written."""
    parts = (given, additional, family)
    if any(part and "@" in part for part in parts):
        return None, None, None
    kept = [part if part and any(ch.isalpha() for ch in part) and not is_no_value(part) else None for part in parts]
    return kept[0], kept[1], kept[2]

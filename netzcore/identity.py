"""Who may be the same person: the identity rules of an import (docs/import.md, "Identity rules").

A strong key (e-mail address, phone number in E.164, LinkedIn URL, vCard UID) is evidence, not proof. Two cards
that share one are one person only when their names agree: equal after normalisation, an initial ("G. Schulz" /
"Günter Schulz"), a short form (Hans / Johannes, Bob / Robert), a spelling variant (Müller / Mueller / Muller,
ß / ss), or one of them has no person's name at all (only a number or an address). Keys that are shared by nature
identify nobody: role mailboxes (info@, office@, ...), toll-free, premium-rate and shared-cost numbers, an office
switchboard beside its direct dials (+49 711 1234-0 next to +49 711 1234-567), and any key found on three or more
different names. These functions decide single questions; netzcore.importers.matching applies them to a whole
import.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import phonenumbers

SAME = "same"               # the names may well be one person's
DIFFERENT = "different"     # two people's names: a shared key makes them a possible duplicate, never a merge
UNRELATED = "unrelated"     # a person and an organisation, say: neither a merge nor a question

SHARED_BY_NATURE_NAMES = 3  # a key on this many different names is an office's or a household's, not a person's

_SPECIAL_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
                                  "ŀ": "l", "ĳ": "ij"})
_TRANSLITERATED = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_TOKEN = re.compile(r"[^\W_]+")
_PREFIX_TITLES = frozenset({"dr", "prof", "professor", "dipl", "ing", "mag", "herr", "frau", "mr", "mrs", "ms", "mx",
                            "sir", "dame", "hr", "fr", "mmag", "ddr", "univ", "priv", "doz", "kfm", "kff"})
_FEMININE_TITLE_ENDINGS = frozenset({"a", "in"})          # 'Mag.a', 'Dr.in'

_SUFFIX_TITLES = frozenset({"phd", "mba", "jr", "sr", "jun", "sen", "msc", "bsc", "llm", "ii", "iii", "iv", "mdb",
                            "mdl", "dds", "md", "esq"})
# Suffixes that tell a father from his son, who share a home phone, a family mailbox or the family firm
GENERATIONS = {"jr": "jr", "jun": "jr", "junior": "jr", "sr": "sr", "sen": "sr", "senior": "sr",
               "ii": "ii", "iii": "iii", "iv": "iv"}


def fold(text: str) -> str:
    """Lower case, accents and transliteration evened out: 'Müller', 'Mueller' and 'Muller' all give 'muller'."""
    text = text.casefold().translate(_SPECIAL_LETTERS)  # casefold already turns ß into ss
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    for written, plain in _TRANSLITERATED:
        text = text.replace(written, plain)
    return text


def _tokens(text: str | None) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text))) if text else ()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as compared: folded given-name and family-name tokens.

    `organization` marks a card that names a company rather than a person; `empty` a card with no person's name
    (only a number, an e-mail address or nothing), which agrees with anyone.
    """

    given: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    organization: bool = False
    generation: str = ""            # 'jr', 'sr', 'ii' ...: a father and his son are two people
    couple: bool = False            # 'Anna und Peter Weber': a household's card, not either one's
    addressed: str = ""             # 'herr' or 'frau' from the prefix: Herr Weber and Frau Weber are two people

    @property
    def empty(self) -> bool:
        return not self.given and not self.family

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.given + self.family


NO_NAME = PersonName()


def person_name(full_name: str | None, given_name: str | None = None, family_name: str | None = None,
                additional_names: str | None = None, organization: str | None = None,
                other_keys: Iterable[str] = (), suffix: str | None = None, prefix: str | None = None) -> PersonName:
    """The comparable name of a card or contact.

    The structured name (given, additional, family) is used when there is one; else the full name is split: at a
    comma ('Schulz, Günter'), else before its last word. A full name that is only the organisation is an
    organisation card; one that is an e-mail address or phone number (or has no letter) is no name. The generation
    (Jr., sen., III) comes from the suffix or from the end of the full name.
    """
    text = (full_name or "").strip()
    generation, couple = generation_of(suffix, _trailing_suffixes(text)), _names_a_couple(text)
    if _has_letter(given_name) or _has_letter(family_name):
        given = _without_leading_titles(_letter_tokens(given_name)) + _letter_tokens(additional_names)
        family = _letter_tokens(family_name)
        if given or family:
            return PersonName(given, family, generation=generation, couple=couple or _names_a_couple(given_name),
                              addressed=form_of_address(prefix))
    if not any(ch.isalpha() for ch in text) or "@" in text or text in set(other_keys):
        return NO_NAME
    if organization and organization_key(text) == organization_key(organization):
        return PersonName((), _tokens(organization_key(text)), organization=True)
    if couple:
        words = text.split()
        return PersonName(_tokens(" ".join(words[:-1])), _tokens(words[-1]), generation=generation, couple=True)
    parts = text.split(",")
    while len(parts) > 1 and set(_tokens(parts[-1])) <= _SUFFIX_TITLES:   # 'Hans Meier, MBA'
        parts.pop()
    text = ",".join(parts)
    if len(parts) == 2 and len(parts[0].split()) <= 2:                    # 'Schulz, Günter'
        family, given = _tokens(parts[0]), _tokens(" ".join(_strip_titles(parts[1].split())))
        if family and given:
            return PersonName(given, family, generation=generation)
    words = _strip_titles(text.split())
    return PersonName(_tokens(" ".join(words[:-1])), _tokens(words[-1]), generation=generation,
                      addressed=form_of_address(prefix, *words[:1]))


_ADDRESSED = {"herr": "herr", "herrn": "herr", "hr": "herr", "mr": "herr", "frau": "frau", "fr": "frau",
              "mrs": "frau", "ms": "frau", "miss": "frau"}


_GERMAN_ADDRESS = frozenset({"herr", "herrn", "hr", "frau", "fr"})   # 'Frau Dr.'; English says 'Dr.' alone


def both_prefixes(a: str | None, b: str | None) -> str | None:
    """'Frau Dr.' of 'Frau' (a list's Anrede, a card's gender) and 'Dr.' (another card of the person): a form of
    address alone and a title without one are both kept, as a German letter needs them; else None (the first
    stays)."""
    for address, title in ((a, b), (b, a)):
        if address and title and set(_tokens(address)) <= _GERMAN_ADDRESS and _tokens(title) \
                and not form_of_address(title):
            return f"{address.strip()} {title.strip()}"
    return None


def form_of_address(*prefixes: str | None) -> str:
    """'herr' or 'frau' from the first prefix that says one ('Frau Dr.', 'Mr', 'Hr.'), else ''."""
    for prefix in prefixes:
        for token in _tokens(prefix):
            if token in _ADDRESSED:
                return _ADDRESSED[token]
    return ""


# 'Anna und Peter Weber', 'Anna & Peter', 'Mr and Mrs Smith': two people on one card (not 'y' or 'e', which join
# Spanish and Portuguese family names: Ortega y Gasset)
_COUPLE = re.compile(r"\S\s+(?:und|and|u\.|et|&|\+)\s+\S", re.IGNORECASE)


def _names_a_couple(text: str | None) -> bool:
    return text is not None and _COUPLE.search(text) is not None


def generation_of(*suffixes: str | None) -> str:
    """'jr', 'sr', 'ii', 'iii' or 'iv' from the first suffix that names one ('Jr.', 'jun.', 'Senior', 'III'),
    else ''."""
    for suffix in suffixes:
        for token in _tokens(suffix):
            if token in GENERATIONS:
                return GENERATIONS[token]
    return ""


def _trailing_suffixes(full_name: str) -> str:
    """The suffix words at the end of a full name ('sen., MBA' of 'Hans Müller sen., MBA'); never its first word."""
    last = full_name.rpartition(" ")[2].rpartition(",")[2]
    if not last or not _is_suffix_word(last):      # most names: no suffix after the last word
        return ""
    words = full_name.replace(",", " ").split()
    end = len(words)
    while end > 1 and _is_suffix_word(words[end - 1]):
        end -= 1
    return " ".join(words[end:])


def _is_suffix_word(word: str) -> bool:
    """'Jr.', 'MBA', 'III'; a plain word is looked up as it is (folding every name's last word cost an import of
    10,000 cards some 0.1 s), anything else token by token, as `_strip_titles` does."""
    plain = word.rstrip(".").casefold()
    if plain.isascii() and plain.isalpha():
        return plain in _SUFFIX_TITLES
    tokens = _tokens(word)
    return bool(tokens) and set(tokens) <= _SUFFIX_TITLES


def _has_letter(text: str | None) -> bool:
    return bool(text) and any(ch.isalpha() for ch in text or "")


def _letter_tokens(part: str | None) -> tuple[str, ...]:
    """A name part's tokens, none for a part without a letter ('0', '-', '?'): it names nobody."""
    return _tokens(part) if _has_letter(part) else ()


def _without_leading_titles(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A given name's tokens without the titles written before it ('Dr. Eva', 'Mag.a Eva', 'Dipl.-Ing. Eva' ->
    'eva'): two colleagues' equal titles are no agreement of their names. The last token always stays."""
    start = 0
    while start < len(tokens) - 1 and (tokens[start] in _PREFIX_TITLES or (
            start and tokens[start - 1] in _PREFIX_TITLES and tokens[start] in _FEMININE_TITLE_ENDINGS)):
        start += 1
    return tokens[start:]


def _strip_titles(words: list[str]) -> list[str]:
    """Whole words that are titles ('Dr.', 'Prof.', 'MBA') at the start and the end, never the last word left."""
    start, end = 0, len(words)
    while start < end - 1 and _tokens(words[start]) and set(_tokens(words[start])) <= _PREFIX_TITLES:
        start += 1
    while end - 1 > start and _tokens(words[end - 1]) and set(_tokens(words[end - 1])) <= _SUFFIX_TITLES:
        end -= 1
    return words[start:end]


@lru_cache(maxsize=16_384)
def organization_key(name: str | None) -> str:
    """The organisation for comparing: normalize_org_name (legal form, case, punctuation) with accents and
    transliteration evened out too, so 'Ensemble Independant' and 'ENSEMBLE INDÉPENDANT e.V.' are one."""
    from netzcore.organizations import normalize_org_name

    return fold(normalize_org_name(name)) if name else ""


# --- names ---------------------------------------------------------------------------------------------------------


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    """Folded given name -> the names directly related to it (its short forms, or the full names it shortens).

    English from the `nicknames` package (hand-curated), German, Austrian and Swiss from netzcore/data. Only direct
    relations count: Bob and Robert, Bill and William, but not Bob and Bill through Robert.
    """
    related: dict[str, set[str]] = {}

    def relate(full: str, short: str) -> None:
        full, short = _joined(full), _joined(short)
        if full and short and full != short:
            related.setdefault(full, set()).add(short)
            related.setdefault(short, set()).add(full)

    try:
        from nicknames import NickNamer
    except ImportError:  # pragma: no cover - a dependency; without it only the German list counts
        pass
    else:
        for full, shorts in NickNamer().nickname_lookup.items():
            for short in shorts:
                relate(full, short)
    text = resources.files("netzcore").joinpath("data", "nicknames_de.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.reader(line for line in lines if not line.startswith("!")):
        for short in row[1:]:
            relate(row[0], short)
    for row in csv.reader(line[1:] for line in lines if line.startswith("!")):
        names = {_joined(name) for name in row}
        for name in names:
            related.get(name, set()).difference_update(names)
    return {name: frozenset(names) for name, names in related.items()}


def _joined(name: str) -> str:
    return "".join(_tokens(name))


def is_nickname_pair(a: str, b: str) -> bool:
    """Hans and Johannes, Sepp and Josef, Bob and Robert (names folded or not)."""
    a, b = _joined(a), _joined(b)
    return b in _nicknames().get(a, frozenset())


def _given_agrees(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in _nicknames().get(a, frozenset())


def _family_agrees(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b or a == b or "".join(a) == "".join(b):
        return True
    if set(a) <= set(b) or set(b) <= set(a):      # double-barrelled: Müller-Lüdenscheidt / Müller
        return True
    if len(a) == 1 and len(b) == 1 and (len(a[0]) == 1 or len(b[0]) == 1):
        return a[0][0] == b[0][0]                 # Günter S. / Günter Schulz
    return False


def compare_names(a: PersonName, b: PersonName) -> str:
    """SAME, DIFFERENT or UNRELATED (a person and an organisation, or two organisations of other names)."""
    if a.empty or b.empty:
        return SAME
    if a.organization or b.organization:
        return SAME if a.organization and b.organization and a.tokens == b.tokens else UNRELATED
    if a.generation != b.generation:   # Jr. and Sr., or Jr. on one card only: a question, never a merge
        return DIFFERENT
    if a.couple != b.couple:           # a household's card and one of the two: a question, never a merge
        return DIFFERENT
    if a.addressed and b.addressed and a.addressed != b.addressed and not (a.given and b.given):
        return DIFFERENT               # Herr Weber and Frau Weber on one home line: without a given name, all they say
    ta, tb = a.tokens, b.tokens
    if sorted(ta) == sorted(tb) or "".join(ta) == "".join(tb):
        return SAME
    if len(ta) == 1 or len(tb) == 1:              # 'Anna' or 'Weber' on a phone: one word to place
        single, other = (ta[0], tb) if len(ta) == 1 else (tb[0], ta)
        return SAME if any(_given_agrees(single, word) for word in other) else DIFFERENT
    if not _family_agrees(a.family, b.family):
        return DIFFERENT
    if not a.given or not b.given:
        return SAME
    if any(_given_agrees(x, y) for x in a.given for y in b.given):
        return SAME
    if _given_agrees("".join(a.given), "".join(b.given)):   # Hans-Jürgen / Hajo
        return SAME
    if initials_of(a.given, b.given) or initials_of(b.given, a.given):   # HP / Hans-Peter
        return SAME
    return DIFFERENT


def initials_of(short: tuple[str, ...], given: tuple[str, ...]) -> bool:
    """'HP' for Hans-Peter, 'KH' for Karl-Heinz: a given name of two or three letters that are the initials of the
    other's given names, and no name of its own ('Al', 'Jo' and 'Bo' are names: Al Weber is no Anna Lena)."""
    return (len(short) == 1 and 2 <= len(short[0]) <= 3 and len(given) == len(short[0])
            and "".join(word[0] for word in given) == short[0] and short[0] not in _nicknames())


def names_compatible(a: PersonName, b: PersonName) -> bool:
    return compare_names(a, b) == SAME


def distinct_names(names: Iterable[PersonName], enough: int = SHARED_BY_NATURE_NAMES) -> int:
    """How many different people these names belong to at least (names that may be one person count once);
    counting stops at `enough`."""
    people: list[PersonName] = []
    for name in names:
        if name.empty or name.organization:
            continue
        if all(compare_names(name, known) == DIFFERENT for known in people):
            people.append(name)
            if len(people) >= enough:
                break
    return len(people)


# --- keys ----------------------------------------------------------------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROLE_MAILBOXES: frozenset[str] = _words("""
    info infos information informationen office kontakt contact contacts contactus kontaktformular sales vertrieb
    verkauf support hello hallo hi servus moin gruezi team mail email e-mail post postmaster poststelle postfach
    buero büro bureau admin administrator administration verwaltung webmaster web www hostmaster noreply no-reply
    donotreply do-not-reply service services kundenservice kundendienst customerservice customer-service customercare
    care help helpdesk hilfe servicedesk service-desk hr personal personalabteilung jobs job karriere career careers
    recruiting recruitment bewerbung bewerbungen talent billing invoice invoices rechnung rechnungen buchhaltung
    accounting accounts finance finanzen einkauf purchasing procurement marketing presse press pr media medien news
    newsletter events event veranstaltungen empfang reception zentrale sekretariat secretary assistenz anfrage anfragen
    enquiries enquiry inquiries inquiry bestellung bestellungen order orders shop store abuse security privacy
    datenschutz dsb legal recht compliance it edv technik tech kanzlei praxis redaktion editor editorial schule
    school verein vorstand board mitglieder members membership community partner partners hotline notfall feedback
    kunden customers welcome willkommen mailbox general reservations reservation reservierung booking bookings
    buchung termine termin appointments studio atelier ticket tickets zentrale headoffice hq frontdesk front-desk
    management geschaeftsfuehrung geschäftsführung gf direktion leitung mitgliederservice investor investors ir
    sponsoring spenden donations fundraising export import logistik logistics lager versand shipping dispatch
    qualitaet quality qm produktion production werk planung engineering entwicklung development dev research
    forschung lab labor labs akademie academy training schulung seminare seminar office-manager officemanagement
    """)
_ROLE_AND_REGION = re.compile(r"[._\-]+")
_HOUSEHOLD = frozenset({"familie", "family", "fam", "famille", "haushalt", "home", "zuhause", "privat", "wir", "us"})


def is_role_mailbox(email: str) -> bool:
    """info@, office@, kontakt@, sales-eu@, info.de@, familie.mueller@: a mailbox of a role or a household."""
    local = email.partition("@")[0].partition("+")[0].casefold().rstrip("0123456789")
    if local in ROLE_MAILBOXES:
        return True
    words = [w for w in _ROLE_AND_REGION.split(local) if w]
    if not words:
        return False
    if words[0] in _HOUSEHOLD and len(words) > 1:
        return True
    return words[0] in ROLE_MAILBOXES and all(len(w) <= 3 or w.isdigit() for w in words[1:])


_SWITCHBOARD_COUNTRIES = ("+49", "+43", "+41")   # offices with a base number, -0 for the switchboard, -123 direct


@lru_cache(maxsize=65_536)
def phone_kind(number: str) -> str:
    """'mobile', 'fixed', 'shared' (toll-free, premium-rate, shared-cost, universal access, voicemail) or 'other'
    for a number in E.164. The national number is matched against the country's patterns from phonenumbers'
    metadata (a few µs; phonenumbers.number_type parses and tries every type, ~0.1 ms). A country whose mobile
    and fixed numbers look alike (+1) gives 'fixed': it cannot tell."""
    if not number.startswith("+") or not number[1:].isdigit():
        return "other"
    for length in (1, 2, 3):
        patterns = _patterns(int(number[1:1 + length]))
        if patterns is not None:
            break
    else:
        return "other"
    national = number[1 + length:]
    is_mobile = is_fixed = False
    for shared, mobile, fixed in patterns:       # every region of the country code (+44: GB, GG, JE, IM)
        if any(p.fullmatch(national) for p in shared):
            return "shared"
        is_mobile = is_mobile or bool(mobile and mobile.fullmatch(national))
        is_fixed = is_fixed or bool(fixed and fixed.fullmatch(national))
    if is_mobile and not is_fixed:
        return "mobile"
    return "fixed" if is_fixed else "other"


_Patterns = tuple[tuple["re.Pattern[str]", ...], "re.Pattern[str] | None", "re.Pattern[str] | None"]


@cache
def _patterns(country_code: int) -> list[_Patterns] | None:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return None

    def compiled(desc: object) -> re.Pattern[str] | None:
        pattern = getattr(desc, "national_number_pattern", None)
        return re.compile(pattern) if pattern else None

    found: list[_Patterns] = []
    for region in regions:
        metadata = (phonenumbers.PhoneMetadata.metadata_for_region(region)
                    or phonenumbers.PhoneMetadata.metadata_for_nongeo_region(country_code))
        if metadata is not None:
            shared = tuple(p for p in (compiled(getattr(metadata, name, None)) for name in
                                       ("toll_free", "premium_rate", "shared_cost", "uan", "voicemail")) if p)
            fixed = [p for p in (metadata.fixed_line, metadata.voip) if getattr(p, "national_number_pattern", None)]
            joined = "|".join(f"(?:{p.national_number_pattern})" for p in fixed)  # type: ignore[union-attr]
            found.append((shared, compiled(metadata.mobile), re.compile(joined) if joined else None))
    return found or None


def switchboard_base(number: str) -> str | None:
    """'+4971112340' (+49 711 1234-0) -> '+497111234': the base of an office number that may be its switchboard.

    It is one only when another number with that base (a direct dial) is known too: see `is_switchboard`.
    """
    if not number.startswith(_SWITCHBOARD_COUNTRIES) or not number.endswith("0") or len(number) < 9:
        return None
    return number[:-1] if phone_kind(number) == "fixed" else None


def is_switchboard(number: str, known_numbers: Sequence[str]) -> bool:
    """A DACH office number ending in -0 whose base also carries a direct dial among `known_numbers` (sorted)."""
    import bisect

    base = switchboard_base(number)
    if base is None:
        return False
    at = bisect.bisect_left(known_numbers, base)
    while at < len(known_numbers) and known_numbers[at].startswith(base):
        if known_numbers[at] != number and len(known_numbers[at]) > len(base):
            return True
        at += 1
    return False


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason why two people may be one, in words through `duplicates.evidence.<code>` with `detail`."""

    code: str
    detail: str = ""


def shared_key_evidence(kind: str, value: str) -> Evidence:
    return Evidence(f"shared_{kind}", value)


@dataclass(frozen=True, slots=True)
class PersonalKeys:
    """What only one person has: phone numbers (not toll-free and the like; each by its last eight digits, so a
    number kept as written, '(415) 555-0101', is the same as '+14155550101'), mobile numbers in E.164 among them,
    and personal (not role) e-mail addresses by domain."""

    phones: frozenset[str]
    mobiles: frozenset[str]
    emails_by_domain: dict[str, frozenset[str]]


def personal_keys(emails: Iterable[str], phones: Iterable[str]) -> PersonalKeys:
    kinds = {p: phone_kind(p) for p in phones}
    return PersonalKeys(frozenset(_number_tail(p) for p, kind in kinds.items() if kind != "shared"),
                        frozenset(p for p, kind in kinds.items() if kind == "mobile"),
                        {domain: frozenset(found) for domain, found in _personal_by_domain(emails).items()})


def _number_tail(phone: str) -> str:
    """The last eight digits of a number, without its extension."""
    return "".join(ch for ch in phone.partition(";ext=")[0] if ch.isdigit())[-8:]


def keys_conflict(a: PersonalKeys, b: PersonalKeys, organization: bool = True) -> Evidence | None:
    """Why two cards of the same name are two people: both have a mobile number and none is shared, or both have
    personal e-mail addresses at one domain and none is shared. A work and a private address are no conflict when
    an organisation both name backs the name; without one, a name is all the two have in common, so both having
    phone numbers, or both personal e-mail addresses, and none of them shared is a conflict too (two John Smiths of
    one address book)."""
    if a.mobiles and b.mobiles and not a.mobiles & b.mobiles:
        return Evidence("different_mobiles")
    for domain in sorted(set(a.emails_by_domain) & set(b.emails_by_domain)):
        if not a.emails_by_domain[domain] & b.emails_by_domain[domain]:
            return Evidence("different_emails", domain)
    if organization:
        return None
    emails_a = frozenset().union(*a.emails_by_domain.values())
    emails_b = frozenset().union(*b.emails_by_domain.values())
    if (a.phones and b.phones and not a.phones & b.phones) or (emails_a and emails_b and not emails_a & emails_b):
        return Evidence("nothing_in_common_without_org")
    return None


def personal_key_conflict(emails_a: Iterable[str], phones_a: Iterable[str], emails_b: Iterable[str],
                          phones_b: Iterable[str], organization: bool = True) -> Evidence | None:
    return keys_conflict(personal_keys(emails_a, phones_a), personal_keys(emails_b, phones_b), organization)


def _personal_by_domain(emails: Iterable[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for email in emails:
        if "@" in email and not is_role_mailbox(email):
            found.setdefault(email.rpartition("@")[2], set()).add(email)
    return found

"""vCard 2.1 / 3.0 / 4.0 files: bytes -> cards -> decoded, cleaned text -> vobject, one card at a time.

Plain `vobject.readComponents` stops at the first bad line of a file, cuts text values at unescaped commas and
ignores `CHARSET=` on raw 8-bit values. Here the file is split into cards at byte level first, each card is
unfolded at byte level (folding may split a UTF-8 sequence), decoded by its own charset, and cleaned line by line
(quoted-printable with soft breaks, comments, continuation lines, stray backslashes, unescaped commas) before
vobject reads it. One bad card costs only that card. Photos are never fetched from a URL: inline data becomes a
small JPEG thumbnail or is left out.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from netzcore.hierarchy import hierarchy_level
from netzcore.importers.normalize import (
    BadBirthday,
    canonical_linkedin,
    canonical_xing,
    name_key,
    normalize_email,
    normalize_phone,
    parse_birthday,
)
from netzcore.importers.records import CardResult, ContactRecord, Problem, RawCard
from netzcore.organizations import normalize_org_name

# --- bytes -> cards -----------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BEGIN = re.compile(rb"^\s*begin\s*:\s*vcard\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*end\s*:\s*vcard\s*$", re.IGNORECASE)
_PROPERTY_BYTES = re.compile(rb"^[A-Za-z][\w.\-]*[;:]")


def unicode_bytes(data: bytes) -> bytes:
    """UTF-16/32 files (BOM or NUL pattern) as UTF-8 bytes, a UTF-8 BOM dropped; 8-bit files as they are."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return data[len(bom):]
            return data[len(bom):].decode(encoding, errors="replace").encode("utf-8")
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace").encode("utf-8")
    return data


def normalize_line_ends(data: bytes) -> bytes:
    """CR CR LF (files written twice through text mode), CR LF and lone CR all become LF."""
    return data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def is_vcard(data: bytes) -> bool:
    return any(_BEGIN.match(line) or _END.match(line) for line in data.split(b"\n") if b"vcard" in line.lower())


def split_cards(file: str, data: bytes) -> tuple[list[RawCard], list[Problem]]:
    """Cards in file order (nested cards are cards of their own); a card without END ends at the file's end,
    property lines before a missing BEGIN start a card of their own. Other stray lines are counted."""
    cards: list[RawCard] = []
    stack: list[tuple[int, int, list[bytes], list[str]]] = []
    position = 0
    stray: list[int] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        head = line[:16].lstrip()[:5].upper()
        if head == b"BEGIN" and _BEGIN.match(line):
            position += 1
            stack.append((position, number, [line], ["nested"] if stack else []))
        elif head == b"END:V" and _END.match(line):
            if stack:
                pos, first, body, flaws = stack.pop()
                body.append(line)
                cards.append(RawCard(file, pos, first, b"\n".join(body), tuple(flaws)))
        elif stack:
            stack[-1][2].append(line)
        elif line.strip():
            if _PROPERTY_BYTES.match(line):
                position += 1
                stack.append((position, number, [line], ["missing_begin"]))
            else:
                stray.append(number)
    while stack:
        pos, first, body, flaws = stack.pop()
        cards.append(RawCard(file, pos, first, b"\n".join(body), (*flaws, "missing_end")))
    cards.sort(key=lambda card: card.position)
    problems = [Problem(file, stray[0], "stray_lines", str(len(stray)))] if stray else []
    return cards, problems


def fallback_charset(data: bytes) -> str:
    """The charset for cards that are not UTF-8 and declare none, chosen once per file.

    netz's users write German: Windows-1252, unless a charset the detector (charset-normalizer) accepts reads
    better (fewer unusual characters, then less mess), as Shift_JIS, Greek or Cyrillic files do. A short German
    file is often taken for a Mac code page ('J¸rgen M¸ller'): that reads worse, so Windows-1252 stays.
    """
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    sample = b"\n".join(line for line in data.split(b"\n") if not line.isascii())[:65536]
    candidates = [(match.encoding, str(match)) for match in from_bytes(sample)
                  if match.encoding.replace("_", "-").lower() not in ("utf-8", "ascii", "cp1252")]
    with contextlib.suppress(UnicodeDecodeError):
        candidates.insert(0, ("cp1252", sample.decode("cp1252")))
    if not candidates:
        return "cp1252"
    return min(candidates, key=lambda candidate: _oddness(candidate[1]))[0]


_USUAL_MARKS = frozenset("„“”‚‘’–—…€§°«»·´")
_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo", "Nd", "Zs"})


def _oddness(text: str) -> tuple[int, float]:
    """How badly a decoded text reads: characters a name or address hardly holds (symbols, modifier letters),
    then charset-normalizer's mess ratio (accents piled up, scripts mixed in a word)."""
    from charset_normalizer.md import mess_ratio

    unusual = sum(1 for ch in text if not ch.isascii() and ch not in _USUAL_MARKS
                  and unicodedata.category(ch) not in _LETTERS)
    return unusual, mess_ratio(text, maximum_threshold=1.0)


# --- one card: bytes -> cleaned lines ----------------------------------------------------------------------------

_CHARSET_PARAM = re.compile(rb"CHARSET=\"?([\w.:\-]+)", re.IGNORECASE)
_PROP = re.compile(r'([A-Za-z0-9][\w.\-/]*)((?:;(?:"[^"]*"|[^";:])*)*):(.*)', re.DOTALL)
_PARAM = re.compile(r';((?:"[^"]*"|[^";])*)')
_BACKSLASH_PAIR = re.compile(r"\\(.|$)", re.DOTALL)
_UNESCAPED_COMMA = re.compile(r"(\\.)|,")
_LIST_SPLIT = re.compile(r"(?<!\\),")
_UNFOLD = re.compile(rb"\n[ \t]")

# What netz reads; everything else stays out of vobject's way (LABEL, X-MS-OL-DESIGN, SOUND, LOGO, ...).
_KEEP = frozenset({
    "FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "BDAY",
    "CATEGORIES", "NOTE", "UID", "ADR", "X-ABLABEL", "KIND", "X-ABSHOWAS",
})
# Tokens (addresses, numbers, links, dates, labels) are unescaped here; vobject reads names and texts.
_READ_HERE = frozenset({"X-ABLABEL", "KIND", "X-ABSHOWAS", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "BDAY", "UID",
                        "CATEGORIES", "NICKNAME"})
_ESCAPE = re.compile(r"\\(.)")
_STRUCTURED = frozenset({"N", "ADR", "ORG"})
_LISTS = frozenset({"CATEGORIES", "NICKNAME"})
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_MAX_PHOTO_CHARS = 4_000_000


@cache
def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip('"')).name
    except LookupError:
        return None


def decode_card(data: bytes, fallback: str) -> tuple[str, str]:
    """(text, charset used): UTF-8 if it is, else the card's own CHARSET=, else the file's detected charset."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for declared in _CHARSET_PARAM.findall(data):
        charset = _codec(declared.decode("ascii", "replace"))
        if charset and charset != "utf-8":
            try:
                return data.decode(charset), charset
            except UnicodeDecodeError:
                continue
    return data.decode(fallback, errors="replace"), fallback


def _quoted_printable(value: str, charset: str | None, card_charset: str, fallback: str) -> str:
    raw = binascii.a2b_qp(value.encode(card_charset, errors="replace"))
    for candidate in (_codec(charset), "utf-8"):
        if candidate:
            try:
                return raw.decode(candidate)
            except UnicodeDecodeError:
                continue
    return raw.decode(fallback if fallback != "utf-8" else "cp1252", errors="replace")


class _Property:
    __slots__ = ("group", "name", "omit_year", "value", "binary")

    def __init__(self, group: str, name: str, omit_year: str | None, value: str) -> None:
        self.group = group
        self.name = name
        self.omit_year = omit_year
        self.value = value
        self.binary = name in _BINARY


def card_properties(text: str, card_charset: str, fallback: str) -> list[_Property]:
    """The card's property lines, quoted-printable decoded, continuation lines joined, BEGIN/END/VERSION and
    `#` comments left out. Values are still escaped as in the file."""
    lines = text.split("\n")
    props: list[_Property] = []
    current: _Property | None = None
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        i += 1
        if not line.strip() or line[0] == "#":
            continue
        match = _PROP.match(line)
        if not match:
            if current is not None:
                if current.binary:
                    current.value += line.strip()
                elif current.value.endswith("\\"):
                    current.value = current.value[:-1] + "\\n" + line
                else:
                    current.value += "\\n" + line
            continue
        full_name, params, value = match.groups()
        group, _, name = full_name.rpartition(".")
        name = name.upper()
        if name in ("BEGIN", "END", "VERSION"):
            current = None
            continue
        quoted_printable, charset, omit_year, base64_param = False, None, None, False
        if params:
            for param in _PARAM.findall(params):
                upper = param.upper()
                if upper in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE"):
                    quoted_printable = True
                elif upper.startswith("CHARSET="):
                    charset = param[8:]
                elif upper.startswith("X-APPLE-OMIT-YEAR="):
                    omit_year = param[18:]
                elif upper in ("B", "BASE64", "ENCODING=B", "ENCODING=BASE64"):
                    base64_param = True
        if quoted_printable:
            while value.endswith("=") and i < count:
                following = lines[i]
                if _END.match(following.encode("utf-8", "replace")):
                    break
                i += 1
                value = value[:-1] + following.strip()
            value = _quoted_printable(value, charset, card_charset, fallback)
            value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        current = _Property(group, name, omit_year, value)
        if current.binary and base64_param and not value.startswith("data:"):
            current.value = "data:;base64," + value
        if name in _KEEP or name == "PHOTO":
            props.append(current)
    return props


def _escape_pair(match: re.Match[str]) -> str:
    char = match.group(1)
    if char == ":":
        return ":"
    return match.group(0) if char and char in "\\;,nN" else "\\\\" + char


def _clean_text(value: str, name: str) -> list[str]:
    """Values vobject reads back exactly: `\\:` undone, stray backslashes doubled, commas escaped in single text
    values (vobject keeps only the text before an unescaped comma), list values split into one value each."""
    if "\\" in value:
        value = _BACKSLASH_PAIR.sub(_escape_pair, value)
    if name in _STRUCTURED or "," not in value:
        return [value]
    if name in _LISTS:
        return [part for part in _LIST_SPLIT.split(value) if part.strip()]
    return [_UNESCAPED_COMMA.sub(lambda m: m.group(1) or "\\,", value)]


def unescape(value: str) -> str:
    """`\\n` -> newline, `\\,` `\\;` `\\:` `\\\\` -> the character itself."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def vobject_text(props: Sequence[_Property]) -> str:
    """The card as vobject reads it: only the properties netz uses, values cleaned (photos and labels are read
    here directly)."""
    out = ["BEGIN:VCARD"]
    for prop in props:
        if prop.binary or prop.name in _READ_HERE:
            continue
        prefix = f"{prop.group}.{prop.name}" if prop.group else prop.name
        out += [f"{prefix}:{value}" for value in _clean_text(prop.value, prop.name)]
    out.append("END:VCARD")
    return "\r\n".join(out) + "\r\n"


# --- photos --------------------------------------------------------------------------------------------------------

THUMBNAIL_SIZE = (96, 96)


def thumbnail(data: bytes) -> bytes | None:
    """A small JPEG of an inline photo (JPEG, PNG, GIF, ...), or None if it cannot be read."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", THUMBNAIL_SIZE)
            small = image.convert("RGB")
            small.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=80)
            return out.getvalue()
    except Exception:  # any unreadable image is simply left out
        return None


def is_link(value: str) -> bool:
    return value.strip()[:8].lower().startswith(("http:", "https:", "ftp:", "file:", "cid:"))


def photo_bytes(value: str) -> bytes | None:
    """Inline photo data (base64 or a data: URI); None for a URL, which is never fetched."""
    text = value.strip()
    lowered = text[:64].lower()
    if is_link(text):
        return None
    if lowered.startswith("data:"):
        comma = text.replace("\\,", ",").find(",")
        if comma < 0 or "base64" not in lowered:
            return None
        text = text.replace("\\,", ",")[comma + 1:]
    payload = "".join(text.split()).replace("\\n", "")
    if not payload or len(payload) > _MAX_PHOTO_CHARS:
        return None
    try:
        return base64.b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        return None


# --- one card: vobject -> record ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value).strip()
    return str(value or "").strip()


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _none(value: str) -> str | None:
    return value or None


def parse_card(raw: RawCard, fallback: str, region: str) -> CardResult:
    """One card to a contact record (with warnings), or a Problem saying why it was not imported."""
    import vobject

    text, charset = decode_card(_UNFOLD.sub(b"", raw.data), fallback)
    props = card_properties(text, charset, fallback)
    try:
        card = vobject.readOne(vobject_text(props), ignoreUnreadable=True)
    except Exception as error:  # vobject raises several unrelated types
        return Problem(raw.file, raw.position, "unreadable", str(error).splitlines()[0][:200] if str(error) else "")
    contents = card.contents
    warnings = [Problem(raw.file, raw.position, flaw) for flaw in raw.flaws if flaw != "nested"]

    def values(name: str) -> list[object]:
        return [line.value for line in contents.get(name, [])]

    def tokens(*names: str) -> list[str]:
        return _tokens(props, names)

    def first(name: str) -> str:
        found = values(name)
        return _text(found[0]) if found else ""

    family = given = additional = prefix = suffix = ""
    if contents.get("n"):
        n = contents["n"][0].value
        family, given, additional = _text(n.family), _text(n.given), _text(n.additional)
        prefix, suffix = _text(n.prefix), _text(n.suffix)
    org_parts = [_text(part) for part in (contents["org"][0].value if contents.get("org") else [])]
    organization = org_parts[0] if org_parts else ""
    department = ", ".join(p for p in org_parts[1:] if p)
    title = first("title") or first("role")

    emails = _unique(map(normalize_email, tokens("EMAIL")))
    phones = _unique(normalize_phone(v, region) for v in tokens("TEL"))
    linkedin, xing, urls = _profiles(tokens("URL", "X-SOCIALPROFILE"))
    birthday, bday = _birthday(props)
    if bday and birthday is None:
        warnings.append(Problem(raw.file, raw.position, "bad_birthday", bday))

    street = city = state = code = country = ""
    if contents.get("adr"):
        adr = contents["adr"][0].value
        street = ", ".join(p for p in (_text(adr.box), _text(adr.extended), _text(adr.street)) if p)
        city, state, code, country = _text(adr.city), _text(adr.region), _text(adr.code), _text(adr.country)

    photo_value = next((p.value for p in props if p.name == "PHOTO" and p.value.strip()), "")
    data = photo_bytes(photo_value) if photo_value else None
    photo = thumbnail(data) if data else None
    if photo_value and photo is None and not is_link(photo_value):
        warnings.append(Problem(raw.file, raw.position, "photo_dropped"))

    is_org = any((p.name, p.value.strip().upper()) in (("KIND", "ORG"), ("X-ABSHOWAS", "COMPANY")) for p in props)
    full_name = first("fn")
    if is_org and organization:
        full_name = full_name or organization
        family = given = additional = prefix = suffix = ""
    name_from_parts = _join(prefix, given, additional, family, suffix)
    full_name = full_name or name_from_parts or organization or (emails[0] if emails else "")
    full_name = full_name or (phones[0] if phones else "")
    if not full_name:
        return Problem(raw.file, raw.position, "empty_card")
    if not (given or family) and not is_org and full_name not in (organization, *emails, *phones):
        head, _, tail = full_name.rpartition(" ")
        given, family = (head, tail) if head and "," not in full_name else ("", "")

    tags = _unique(tokens("CATEGORIES"))
    notes = "\n\n".join(_text(v) for v in values("note") if _text(v))
    return ContactRecord(
        source="vcard", file=raw.file, position=raw.position, full_name=full_name,
        given_name=_none(given), family_name=_none(family), additional_names=_none(additional),
        honorific_prefix=_none(prefix), honorific_suffix=_none(suffix), nickname=_none(", ".join(
            _unique(tokens("NICKNAME")))),
        organization=_none(organization), department=_none(department), title=_none(title),
        hierarchy_level=hierarchy_level(title), emails=tuple(emails), phones=tuple(phones), urls=tuple(urls),
        linkedin_url=linkedin, xing_url=xing, address=_none(street), city=_none(city), region=_none(state),
        postal_code=_none(code), country=_none(country),
        birthday_year=birthday[0] if birthday else None, birthday_month=birthday[1] if birthday else None,
        birthday_day=birthday[2] if birthday else None, tags=tuple(tags), notes=_none(notes), photo=photo,
        uid=_none(next(iter(tokens("UID")), "")), warnings=tuple(warnings),
        name_key=name_key(full_name), org_key=normalize_org_name(organization),
    )


def _tokens(props: Sequence[_Property], names: Sequence[str]) -> list[str]:
    """Values read without vobject (addresses, numbers, links, dates): unescaped, list values split."""
    found: list[str] = []
    for prop in props:
        if prop.name in names:
            parts = _LIST_SPLIT.split(prop.value) if prop.name in _LISTS else [prop.value]
            found += [unescape(part).strip() for part in parts]
    return [value for value in found if value]


def _profiles(links: Sequence[str]) -> tuple[str | None, str | None, list[str]]:
    """The LinkedIn and Xing profile among a card's links (URL, X-SOCIALPROFILE), and the other links."""
    linkedin = xing = None
    others: list[str] = []
    for link in links:
        canonical = canonical_linkedin(link)
        if canonical:
            linkedin = linkedin or canonical
            continue
        canonical = canonical_xing(link)
        if canonical:
            xing = xing or canonical
            continue
        others.append(link)
    return linkedin, xing, _unique(others)


def _birthday(props: Sequence[_Property]) -> tuple[tuple[int | None, int, int] | None, str]:
    """(year or None, month, day) or None, and the value as written."""
    bday = next((p for p in props if p.name == "BDAY" and p.value.strip()), None)
    if bday is None:
        return None, ""
    text = unescape(bday.value).strip()
    try:
        return parse_birthday(text, bday.omit_year), text
    except BadBirthday:
        return None, text


def _unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


def parse_cards(cards: Sequence[RawCard], fallback: str, region: str) -> list[CardResult]:
    """Parse a batch of cards; runs in a worker process. No card's failure reaches another card."""
    results: list[CardResult] = []
    for raw in cards:
        try:
            results.append(parse_card(raw, fallback, region))
        except Exception as error:  # last line of defence: the card is reported, the batch goes on
            results.append(Problem(raw.file, raw.position, "unreadable", f"{type(error).__name__}: {error}"[:200]))
    return results

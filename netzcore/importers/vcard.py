"""vCard 2.1 / 3.0 / 4.0 files: bytes -> cards -> decoded, cleaned text -> vobject, one card at a time.

Plain `vobject.readComponents` stops at the first bad line of a file, cuts text values at unescaped commas and
ignores `CHARSET=` on raw 8-bit values. Here the file is split into cards at byte level first (line by line, a
card cut at 10 MB), quoted-printable soft line breaks are joined, then each card is unfolded at byte level (folding
may split a UTF-8 sequence), decoded by its own charset (line by line when one value breaks the card's UTF-8), and
cleaned line by line (comments, continuation lines, stray backslashes, unescaped commas, sizes capped) before
vobject reads it. One bad card costs only that card. Photos are never fetched from a URL: inline data becomes a
small JPEG thumbnail, checked for its pixel count before it is decoded, or is left out.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import io
import quopri
import re
import unicodedata
import warnings as python_warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from netzcore.importers.normalize import (
    GOOGLE_GROUPS,
    MAX_CARD_BYTES,
    MAX_EMAIL,
    MAX_NAME,
    MAX_NOTE,
    MAX_ORGANIZATION,
    MAX_VALUE,
    BadBirthday,
    canonical_linkedin,
    canonical_xing,
    card_emails,
    card_phones,
    contact_point_notes,
    courtesy_of_gender,
    finish_record,
    name_from_parts,
    one_line,
    parse_birthday,
    read_address_line,
    read_printed_address,
    strip_controls,
    town_and_postal_code,
    whole_name_parts,
)
from netzcore.importers.records import CardResult, ContactRecord, Problem, RawCard, own_level, own_tier
from netzcore.interactions import clean_topics

# --- bytes -> cards -----------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BEGIN = re.compile(rb"^\s*begin\s*:\s*vcard\s*$", re.IGNORECASE)
# vCard 3.0's AGENT with the agent's card written on the lines below instead of escaped into one value
_AGENT_BEGIN = re.compile(rb"^\s*(?:[a-z0-9-]+\.)?agent(?:;[^:]*)?:\s*begin\s*:\s*vcard\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*end\s*:\s*vcard\s*$", re.IGNORECASE)
_ANY_MARK = re.compile(rb"(?:^|[\r\n])[ \t]*(?:begin|end)[ \t]*:[ \t]*vcard[ \t]*(?:[\r\n]|$)", re.IGNORECASE)
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


def lines_of(data: bytes, limit: int = MAX_CARD_BYTES) -> Iterator[tuple[int, bytes, bool]]:
    """(number, line, cut) for every line, whatever its line end (CR CR LF, CR LF, CR, LF). A line longer than
    `limit` bytes comes back cut to it, without a copy of the rest: a 200 MB line costs `limit` bytes. Line ends
    are found with bytes.find (memchr), never a pattern tried at every byte."""
    crs = data.count(b"\r")
    if crs == data.count(b"\r\n") + data.count(b"\r\r\n"):
        yield from _lf_lines(data, limit)          # LF, CR LF or CR CR LF: every CR sits before an LF
        return
    size = len(data)
    start = number = 0
    next_lf, next_cr = data.find(b"\n"), data.find(b"\r")
    while start < size:
        if 0 <= next_lf < start:
            next_lf = data.find(b"\n", start)
        if 0 <= next_cr < start:
            next_cr = data.find(b"\r", start)
        ends = [at for at in (next_lf, next_cr) if at >= 0]
        end = min(ends) if ends else size
        after = end + 1
        if end < size and data[end] == 13:            # CR: CR CR LF, CR LF or CR alone
            if data[end + 1:end + 3] == b"\r\n":
                after = end + 3
            elif data[end + 1:end + 2] == b"\n":
                after = end + 2
        number += 1
        yield number, data[start:min(end, start + limit)], end - start > limit
        start = after


def _lf_lines(data: bytes, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    size = len(data)
    start = number = 0
    while start < size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        stop = end
        while stop > start and data[stop - 1] == 13:
            stop -= 1
        number += 1
        yield number, data[start:min(stop, start + limit)], stop - start > limit
        start = end + 1


def is_vcard(data: bytes) -> bool:
    """A BEGIN:VCARD or END:VCARD line anywhere (one pass, no copy of the file)."""
    return _ANY_MARK.search(data) is not None


class _OpenCard:
    __slots__ = ("position", "line", "body", "flaws", "size", "indented")

    def __init__(self, position: int, line: int, first: bytes, flaws: list[str], agent: bool = False) -> None:
        self.position, self.line, self.body, self.flaws, self.size = position, line, [first], flaws, len(first)
        # an AGENT's card written below it may be indented as if folded into the AGENT line: known at its first line
        self.indented: bool | None = None if agent else False

    def add(self, line: bytes, cut: bool) -> None:
        """A line of the card; past MAX_CARD_BYTES the card is cut (its END still closes it)."""
        if self.indented is None:
            self.indented = line[:1] in (b" ", b"\t")
        if self.indented and line[:1] in (b" ", b"\t"):
            line = line[1:]
        room = MAX_CARD_BYTES - self.size
        if cut or len(line) > room:
            if "cut_card" not in self.flaws:
                self.flaws.append("cut_card")
            line = line[:max(room, 0)]
        if line or room > 0:
            self.body.append(line)
            self.size += len(line) + 1

    def card(self, file: str, extra: tuple[str, ...] = ()) -> RawCard:
        return RawCard(file, self.position, self.line, b"\n".join(self.body), (*self.flaws, *extra))


def split_cards(file: str, data: bytes, limit: int | None = None) -> tuple[list[RawCard], list[Problem]]:
    """Cards in file order (nested cards, also an AGENT's card written on the lines below it, are cards of their
    own); a card without END ends at the file's end; property lines outside any card that an END closes are a card
    whose BEGIN was lost. Other lines outside cards (before the first card, between cards, after the last) are
    counted as stray, never as a card. A card is cut at MAX_CARD_BYTES. The file is read line by line: no copy of
    it is made. Of more than `limit` cards the rest are only counted, and named as not read."""
    cards: list[RawCard] = []
    beyond = 0

    def close(card: RawCard) -> None:
        nonlocal beyond
        if limit is not None and card.position > limit:
            beyond += 1
        else:
            cards.append(card)

    stack: list[_OpenCard] = []
    orphan: _OpenCard | None = None
    position = 0
    stray: list[int] = []
    for number, line, cut in lines_of(data):
        head = line[:16].lstrip()[:5].upper()
        if head == b"BEGIN" and _BEGIN.match(line):
            if orphan is not None:
                stray += range(orphan.line, orphan.line + len(orphan.body))
                orphan = None
            position += 1
            stack.append(_OpenCard(position, number, line, ["nested"] if stack else []))
        elif head == b"END:V" and _END.match(line):
            if stack:
                open_card = stack.pop()
                open_card.body.append(line.strip())     # an indented END (an AGENT's card) is no folded line
                close(open_card.card(file))
            elif orphan is not None:
                position += 1
                orphan.position = position
                orphan.body.append(line)
                close(orphan.card(file, ("missing_begin",)))
                orphan = None
        elif stack and b"AGENT" in line[:64].upper() and _AGENT_BEGIN.match(line):
            # the agent (an assistant) is a person of their own, as a nested card is: not the card's own lines
            position += 1
            stack.append(_OpenCard(position, number, b"BEGIN:VCARD", ["nested"], agent=True))
        elif stack:
            stack[-1].add(line, cut)
        elif orphan is not None:
            orphan.add(line, cut)
        elif line.strip():
            if _PROPERTY_BYTES.match(line):
                orphan = _OpenCard(0, number, line[:MAX_CARD_BYTES], [])
            else:
                stray.append(number)
    if orphan is not None:
        stray += range(orphan.line, orphan.line + len(orphan.body))
    while stack:
        close(stack.pop().card(file, ("missing_end",)))
    cards.sort(key=lambda card: card.position)
    problems = [Problem(file, stray[0], "stray_lines", str(len(stray)))] if stray else []
    if beyond:
        problems.append(Problem(file, (limit or 0) + 1, "beyond_import_bound", str(beyond)))
    return cards, problems


def fallback_charset(data: bytes) -> str:
    """The charset for cards that are not UTF-8 and declare none, chosen once per file.

    netz's users write German: Windows-1252, unless a charset the detector (charset-normalizer) accepts reads
    better (fewer unusual characters, then less mess), as Shift_JIS, Greek or Cyrillic files do. A short German
    file is often taken for a Mac code page ('J¸rgen M¸ller'): that reads worse, so Windows-1252 stays.
    Only the file's first 64 KB of non-ASCII lines are looked at.
    """
    from netzcore.importers.csvfile import is_utf8

    if is_utf8(data):
        return "utf-8"
    from charset_normalizer import from_bytes

    sample_lines: list[bytes] = []
    size = 0
    for _, line, _ in lines_of(data, 65536):
        if not line.isascii():
            sample_lines.append(line)
            size += len(line) + 1
            if size >= 65536:
                break
    sample = b"\n".join(sample_lines)[:65536]
    candidates = [(match.encoding, str(match)) for match in from_bytes(sample)
                  if match.encoding.replace("_", "-").lower() not in ("utf-8", "ascii", "cp1252")
                  and _plausible(match.encoding, sample)]
    with contextlib.suppress(UnicodeDecodeError):
        candidates.insert(0, ("cp1252", sample.decode("cp1252")))
    if not candidates:
        return "cp1252"
    return min(candidates, key=lambda candidate: _oddness(candidate[1]))[0]


def _plausible(encoding: str, sample: bytes) -> bool:
    """Korean text in cp949 keeps to the common syllables of EUC-KR; Shift_JIS bytes read as cp949 fall into its
    rare extension ('뙛빜뎢' for '権兵衛'), so such a reading is no candidate."""
    if encoding.replace("_", "").lower() != "cp949":
        return True
    try:
        sample.decode("euc_kr")
    except UnicodeDecodeError:
        return False
    return True


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
_QP_PARAM = re.compile(rb"quoted-printable", re.IGNORECASE)
_PROP_NAME = re.compile(r"[A-Za-z0-9][\w.\-/]*")
_MAX_PARAMS = 10_000     # characters of a property's parameters that are looked at
_PARAM = re.compile(r';((?:"[^"]*"|[^";])*)')
_BACKSLASH_PAIR = re.compile(r"\\(.|$)", re.DOTALL)
_UNESCAPED_COMMA = re.compile(r"(\\.)|,")
_LIST_SPLIT = re.compile(r"(?<!\\),")
_UNFOLD = re.compile(rb"\n[ \t]")

# What netz reads (and PHOTO, and LABEL for a card without ADR); everything else stays out of vobject's way
# (X-MS-OL-DESIGN, SOUND, LOGO, ...).
_KEEP = frozenset({
    "FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "SOCIALPROFILE", "IMPP",
    "BDAY", "CATEGORIES", "NOTE", "UID", "ADR", "X-ABLABEL", "KIND", "X-ABSHOWAS", "X-NETZ-TIER", "X-NETZ-TOPICS",
    "X-NETZ-ARCHIVED", "X-NETZ-LEVEL", "X-ADDRESSBOOKSERVER-KIND", "PRODID", "X-ANDROID-CUSTOM", "CONTACT-URI",
    "X-EVOLUTION-LIST", "X-ABADR", "X-OPEN-XCHANGE-CTYPE", "GRAMGENDER", "GENDER", "X-GENDER", "X-WAB-GENDER",
    "EXPERTISE", "PRONOUNS",
})
# Property names that start a new line in a card: a quoted-printable value never continues into one of these.
_VCARD_NAMES = frozenset({
    *_KEEP, "BEGIN", "END", "VERSION", "PHOTO", "LOGO", "SOUND", "KEY", "LABEL", "REV", "PRODID", "GEO", "TZ",
    "MAILER", "AGENT", "CLASS", "SORT-STRING", "ANNIVERSARY", "LANG", "RELATED", "MEMBER",
    "SOURCE", "FBURL", "CALURI", "CALADRURI", "NAME", "PROFILE",
})
# vobject's value rules read names, organisation, address, title and role (vobject_values); every other value
# (addresses, numbers, links, dates, labels, notes) is unescaped here.
_VOBJECT_READS = frozenset({"N", "FN", "ORG", "ADR", "TITLE", "ROLE"})
_ESCAPE = re.compile(r"\\(.)")
_STRUCTURED = frozenset({"N", "ADR", "ORG"})
_LISTS = frozenset({"CATEGORIES", "NICKNAME", "X-NETZ-TOPICS", "EXPERTISE"})
# RFC 6715's EXPERTISE (the person's professional subjects) are topics, at most this many of a card, each a few
# words: a longer value is a sentence, no topic. INTEREST and HOBBY are leisure (RFC 6715) and stay out.
MAX_EXPERTISE_TOPICS = 10
MAX_TOPIC_CHARS = 60
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# a fax or pager is no way to reach the person, an assistant's line (Open-Xchange's 'x-assistant', Evolution's) is
# not the person's own
_NOT_A_PHONE = frozenset({"FAX", "PAGER", "X-ASSISTANT", "X-EVOLUTION-ASSISTANT"})
_A_PHONE = frozenset({"VOICE", "CELL"})
# Where a card names a social profile: Apple's X-SOCIALPROFILE, RFC 9554's SOCIALPROFILE, and IMPP, where some
# writers put a LinkedIn link beside the chat addresses ('IMPP;X-SERVICE-TYPE=LinkedIn:https://linkedin.com/in/…')
_PROFILES = frozenset({"X-SOCIALPROFILE", "SOCIALPROFILE", "IMPP"})
# A profile given by its user name alone, with the service named in a parameter ('SOCIALPROFILE;SERVICE-TYPE=LinkedIn;
# VALUE=text:jdoe', 'X-SOCIALPROFILE;TYPE=LINKEDIN:jdoe'): the address of that user's profile
_PROFILE_OF_HANDLE = {"LINKEDIN": "https://www.linkedin.com/in/", "XING": "https://www.xing.com/profile/"}
# RFC 9554's PHONETIC parameter marks a name or address as its pronunciation, beside the written one
_PRONOUNCED = frozenset({"N", "ADR"})
_MAX_PHOTO_CHARS = 4_000_000
# Characters a value may have before it is cut (and the report says so); an e-mail or photo above is left out.
_CAPS: dict[str, tuple[int, str]] = {
    "FN": (MAX_NAME, "cut_name"), "N": (MAX_NAME, "cut_name"), "NICKNAME": (MAX_NAME, "cut_name"),
    "ORG": (MAX_ORGANIZATION, "cut_organization"), "TITLE": (MAX_ORGANIZATION, "cut_organization"),
    "ROLE": (MAX_ORGANIZATION, "cut_organization"), "NOTE": (MAX_NOTE, "cut_note"),
    "EMAIL": (MAX_EMAIL, "email_too_long"), "PHOTO": (_MAX_PHOTO_CHARS, "photo_too_large"), "TEL": (100, "cut_value"),
}
_DROPPED_WHEN_TOO_LONG = frozenset({"EMAIL", "PHOTO"})


@cache
def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip('"')).name
    except LookupError:
        return None


def _property_name(line: bytes) -> str:
    match = _PROPERTY_BYTES.match(line)
    name = line[:match.end() - 1] if match else line[:20]
    return name.rpartition(b".")[2].decode("ascii", "replace").upper()


def _mostly_utf8(line: bytes) -> bool:
    """Whether the line's non-ASCII bytes are mostly well-formed UTF-8 (a UTF-8 value with a stray byte), not
    text in an 8-bit charset where a byte pair happens to look like UTF-8."""
    text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > bad


def _is_utf8_text(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_card_lines(data: bytes, fallback: str) -> tuple[str, str, list[str]]:
    """(text, charset used, properties read on their own). UTF-8 if the card is; else, when other values of the
    card are UTF-8, each line that is not by its own CHARSET=, as UTF-8 with the bad bytes replaced when it holds
    UTF-8 too, or by the file's charset (one bad byte in a NOTE never turns the card's umlauts into mojibake);
    else the card's declared CHARSET=, else the file's charset."""
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if not any(_is_utf8_text(line) for line in lines):
        for declared in _CHARSET_PARAM.findall(data):
            charset = _codec(declared.decode("ascii", "replace"))
            if charset and charset != "utf-8":
                try:
                    return data.decode(charset), charset, []
                except UnicodeDecodeError:
                    continue
        return data.decode(fallback, errors="replace"), fallback, []
    out: list[str] = []
    odd: list[str] = []
    eight_bit = fallback if fallback != "utf-8" else "cp1252"
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        odd.append(_property_name(line))
        declared = _CHARSET_PARAM.search(line[:max(line.find(b":"), 0)])
        charset = _codec(declared.group(1).decode("ascii", "replace")) if declared else None
        if charset and charset != "utf-8":
            with contextlib.suppress(UnicodeDecodeError):
                out.append(line.decode(charset))
                continue
        out.append(line.decode("utf-8", errors="replace") if _mostly_utf8(line)
                   else line.decode(eight_bit, errors="replace"))
    return "\n".join(out), "utf-8", list(dict.fromkeys(odd))


def decode_card(data: bytes, fallback: str) -> tuple[str, str]:
    """(text, charset used): UTF-8 if it is, else the card's own CHARSET=, else the file's detected charset."""
    text, charset, _ = decode_card_lines(data, fallback)
    return text, charset


def _starts_property(line: bytes) -> bool:
    if _END.match(line):
        return True
    match = _PROPERTY_BYTES.match(line)
    if not match:
        return False
    name = line[:match.end() - 1].rpartition(b".")[2].upper().decode("ascii", "replace")
    return name in _VCARD_NAMES or name.startswith("X-")


def join_soft_breaks(data: bytes) -> bytes:
    """Quoted-printable soft line breaks ('=' at a line's end) joined before the card is unfolded, also across
    empty lines: unfolding first would leave literal '=' runs in a note. A soft break never swallows the next
    property or END:VCARD. A leading space of the continued line is the text's own when the line before ends in
    no space (an encoder breaks a line before a space, as a line must not end in one: Sony Ericsson's
    'Нежно=' + ' убирает'); after an encoded space ('München=20=' + ' und') it is folding and goes."""
    if b"=\n" not in data or not _QP_PARAM.search(data):
        return data
    lines = data.split(b"\n")
    out: list[bytes] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        index += 1
        colon = line.find(b":")
        if colon > 0 and _QP_PARAM.search(line, 0, colon):
            parts = [line]
            while parts[-1].endswith(b"="):
                ahead = index
                while ahead < count and not lines[ahead].strip():
                    ahead += 1
                if ahead >= count or _starts_property(lines[ahead]):
                    break
                parts[-1] = parts[-1][:-1]
                following = lines[ahead]
                folded = following[:1] in (b" ", b"\t") and parts[-1].endswith((b" ", b"\t", b"=20", b"=09"))
                parts.append(following[1:] if folded else following)
                index = ahead + 1
            line = b"".join(parts)
        out.append(line)
    return b"\n".join(out)


def _quoted_printable(value: str, charset: str | None, card_charset: str, fallback: str) -> str:
    raw = binascii.a2b_qp(value.encode(card_charset, errors="replace"))
    for candidate in (_codec(charset), "utf-8"):
        if candidate:
            try:
                return raw.decode(candidate)
            except UnicodeDecodeError:
                continue
    return raw.decode(fallback if fallback != "utf-8" else "cp1252", errors="replace")


_QP_HIGH_BYTE = re.compile(r"=[89A-Fa-f][0-9A-Fa-f]")
_TEXTS = frozenset({"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "ADR", "LABEL"})


def _undeclared_quoted_printable(value: str, charset: str | None) -> str:
    """A text written in quoted-printable without saying so (`FN:=D0=A8=D1=83`, a converter's export): read as
    quoted-printable when its `=XX` bytes beyond ASCII make text in the value's charset (else UTF-8), else kept as
    written (`a=b` and a name with `=` in it stay as they are)."""
    if not value.isascii() or not _QP_HIGH_BYTE.search(value):
        return value
    try:
        text = binascii.a2b_qp(value.encode("ascii")).decode(_codec(charset) or "utf-8")
    except UnicodeDecodeError:
        return value
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


class _Property:
    """One property line; continuation lines are collected as parts (joined once: no quadratic copying) up to
    the property's cap."""

    __slots__ = ("group", "name", "omit_year", "parts", "binary", "size", "limit", "cut")

    def __init__(self, group: str, name: str, omit_year: str | None, value: str) -> None:
        self.group = group
        self.name = name
        self.omit_year = omit_year
        self.binary = name in _BINARY
        self.limit = _CAPS.get(name, (MAX_VALUE, ""))[0]
        self.parts = [value[:self.limit + 1]]
        self.size = len(self.parts[0])
        self.cut = len(value) > self.limit

    @property
    def value(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]

    @value.setter
    def value(self, text: str) -> None:
        self.parts = [text]
        self.size = len(text)

    def extend(self, line: str) -> None:
        """A continuation line: base64 runs on, text gets an escaped line break (a trailing backslash is one)."""
        if self.size > self.limit:
            self.cut = True
            return
        if self.binary:
            piece = line.strip()
        else:
            last = self.parts[-1]
            if last.endswith("\\"):
                self.parts[-1] = last[:-1]
            piece = "\\n" + line
        self.parts.append(piece)
        self.size += len(piece)

    def capped(self) -> bool:
        """Cut the value to its cap; True if anything was cut."""
        if self.size > self.limit or self.cut:
            self.value = self.value[:self.limit]
            self.cut = True
        return self.cut


def split_property(line: str) -> tuple[str, str, str] | None:
    """(name, parameters, value) of a property line, or None for a line that is none (a continuation). The
    parameters end at the first ':' outside double quotes; found with str.find and str.count, so a line of any
    length costs one pass (a pattern here took seconds on a 10 MB line of semicolons); parameters longer than
    _MAX_PARAMS characters make the line none."""
    match = _PROP_NAME.match(line)
    if not match:
        return None
    end = match.end()
    if end < len(line) and line[end] == ":":
        return line[:end], "", line[end + 1:]
    if end >= len(line) or line[end] != ";":
        return None
    start, inside = end, False
    while True:
        colon = line.find(":", start)
        if colon < 0:
            return None
        if line.count('"', start, colon) % 2:
            inside = not inside
        if not inside:
            return line[:end], line[end:colon], line[colon + 1:]
        closing = line.find('"', colon + 1)           # the colon is inside a quoted value: go past its end
        if closing < 0 or closing - end > _MAX_PARAMS:  # parameters that long are no vCard's
            return None
        start, inside = closing + 1, False


def _a_line_of_text(found: tuple[str, str, str]) -> bool:
    """A line after a NOTE that looks like a property but is a line of the note, its line break written raw (Delta
    Chat before 2026-03, vcard2to3 before 2019): 'Tel: 0761 …', 'Email: praxis@…', 'Title: Sekretariat'. Writers put
    property names in capitals and no space after the colon; such a line has a name in mixed case, no group or
    parameters, and a space after its colon. 'TEL:0761 …' and 'FN: Kate Bell' (iOS) stay properties."""
    name, params, value = found
    return not params and name != name.upper() and "." not in name and value[:1] in (" ", "\t")


_COMMA_PARAMETERS = re.compile(r"[A-Za-z0-9][\w.\-/]*,([\w\-]+(?:=[^:\s]*)?):")


def _property_with_a_comma(line: str) -> tuple[str, str, str] | None:
    """A vCard name written with ',' where ';' belongs before its parameters (tine20's test cards: 'LABEL,TYPE=HOME:
    Klippe 58'), read as that property; as a continuation it glued the label onto the ADR's postal code. Only a
    name a card has (or an X- name) with parameters without spaces: 'Tel, mobil: 0171 …' in a note stays text."""
    match = _COMMA_PARAMETERS.match(line[:_MAX_PARAMS])
    if match is None:
        return None
    name = line[:match.start(1) - 1]
    bare = name.rpartition(".")[2].upper()
    if bare not in _VCARD_NAMES and not bare.startswith("X-"):
        return None
    return name, ";" + match.group(1), line[match.end():]


def _base64_text(value: str, charset: str | None) -> str:
    """A text value written in base64 (ENCODING=BASE64 on an ADR or N, as some phones write 2.1 cards), each part
    of a structured value on its own, escaped again as the file's values are; a part that is no base64 text stays
    as written."""
    def decoded(part: str) -> str:
        if not part.strip():
            return part
        try:
            text = base64.b64decode("".join(part.split()), validate=True).decode(_codec(charset) or "utf-8")
        except (ValueError, UnicodeDecodeError, LookupError):
            return part
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    return ";".join(decoded(part) for part in value.split(";"))


def card_properties(text: str, card_charset: str, fallback: str,
                    warnings: list[tuple[str, str]] | None = None) -> list[_Property]:
    """The card's property lines, quoted-printable decoded, continuation lines joined, BEGIN/END/VERSION and
    `#` comments left out, each value capped (a cut is added to `warnings` as (code, property name); an e-mail
    or photo too long for its cap is left out). Values are still escaped as in the file."""
    lines = text.split("\n")
    props: list[_Property] = []
    encoded: list[tuple[_Property, str | None]] = []
    current: _Property | None = None
    for line in lines:
        if not line.strip() or line[0] == "#":
            continue
        found = split_property(line) or _property_with_a_comma(line)
        if found is not None and current is not None and current.name == "NOTE" and _a_line_of_text(found):
            found = None
        if found is None:
            if current is not None:
                current.extend(line)
            continue
        full_name, params, value = found
        group, _, name = full_name.rpartition(".")
        name = name.upper()
        if name in ("BEGIN", "END", "VERSION"):
            current = None
            continue
        quoted_printable, charset, omit_year, base64_param, waid, service = False, None, None, False, "", ""
        phonetic = False
        types: set[str] = set()
        if params:
            for param in _PARAM.findall(params[:_MAX_PARAMS]):
                upper = param.upper()
                if name == "TEL" and ("=" not in upper or upper.startswith("TYPE=")):   # 'WORK;FAX', 'TYPE="work,fax"'
                    types.update(word.strip(' "') for word in upper.removeprefix("TYPE=").split(","))
                elif name == "TEL" and upper.startswith("X-CUSTOM(") and _fax_or_pager(_samsung_label(param)):
                    types.add("FAX")
                if upper in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE"):
                    quoted_printable = True
                elif upper.startswith("CHARSET="):
                    charset = param[8:]
                elif upper.startswith("X-APPLE-OMIT-YEAR="):
                    omit_year = param[18:]
                elif upper in ("B", "BASE64", "ENCODING=B", "ENCODING=BASE64"):
                    base64_param = True
                elif upper.startswith("WAID="):
                    waid = param[5:].strip(' "')
                elif upper.startswith("PHONETIC="):
                    phonetic = True
                elif name in _PROFILES and upper.startswith(("TYPE=", "SERVICE-TYPE=", "X-SERVICE-TYPE=")):
                    service = service or upper.partition("=")[2].strip(' "')
        if quoted_printable:
            value = _quoted_printable(value, charset, card_charset, fallback)
            value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        elif name in _TEXTS and "=" in value:
            value = _undeclared_quoted_printable(value, charset)
        if name == "TEL" and waid:
            value = _whatsapp_number(value, waid)
        elif service in _PROFILE_OF_HANDLE and _user_name(value):
            # 'SOCIALPROFILE;SERVICE-TYPE=LinkedIn;VALUE=text:jdoe'
            value = _PROFILE_OF_HANDLE[service] + value.strip()
        current = _Property(group, name, omit_year, value)
        if current.binary and base64_param and not value.startswith("data:"):
            current.value = "data:;base64," + current.value
        elif base64_param:
            encoded.append((current, charset))
        if name == "TEL" and types & _NOT_A_PHONE and not types & _A_PHONE:
            continue        # a fax, pager or assistant's line (address-book CSVs: no such columns either)
        if phonetic and name in _PRONOUNCED:
            continue        # how the name or address is said ('N;PHONETIC=ipa:/smɪθ/;/dʒɑːn/'), not written
        if name in _PROFILES and _user_name(value):
            continue        # a user name on a service netz has no address for ('SERVICE-TYPE=SomeSite;VALUE=text:pj')
        if name in _KEEP or name in ("PHOTO", "LABEL"):
            props.append(current)
    for prop, charset in encoded:       # once its continuation lines are joined
        prop.value = _base64_text(prop.value, charset)
    not_phones = {p.group.casefold() for p in props if p.name == "X-ABLABEL" and p.group and _fax_or_pager(p.value)}
    kept: list[_Property] = []
    for prop in props:
        if prop.name == "TEL" and prop.group.casefold() in not_phones:
            continue            # Apple's and Google's 'item1.TEL' labelled 'Fax' or '_$!<WorkFAX>!$_'
        if prop.capped():
            code = _CAPS.get(prop.name, (MAX_VALUE, "cut_value"))[1]
            if warnings is not None:
                warnings.append((code, prop.name))
            if prop.name in _DROPPED_WHEN_TOO_LONG:
                continue
        kept.append(prop)
    return kept


def _user_name(value: str) -> bool:
    """A profile given as a user name ('jdoe', 'ana.lima'), not as an address ('https://…', 'linkedin.com/in/jdoe',
    'www.example.com', 'x-apple:jdoe')."""
    return ":" not in value and "/" not in value and not value.lstrip().lower().startswith("www.")


def _whatsapp_number(value: str, waid: str) -> str:
    """The number of a TEL line that WhatsApp shared: its 'waid' is the number in international form without '+'
    (the value is as the sender stored it: '0664 1234567' from Austria, or a chat address
    '6282252285143@s.whatsapp.net'). Taken when it is the written number's digits (without the trunk 0) behind a
    country code; a number written with its own country code stays as written."""
    text = value.strip()
    if not waid.isdigit() or not 8 <= len(waid) <= 15 or text.startswith(("+", "00")):
        return value
    digits = "".join(ch for ch in text.split("@")[0] if ch.isdigit()).lstrip("0")
    if len(digits) >= 6 and waid.endswith(digits) and len(waid) - len(digits) <= 3:
        return "+" + waid
    return value


def _samsung_label(param: str) -> str:
    """The label a user typed on a Samsung phone, as its export writes it: 'X-CUSTOM(CHARSET=UTF-8,ENCODING=
    QUOTED-PRINTABLE,Fax B=C3=BCro)' -> 'Fax Büro' (quoted-printable when it is not ASCII, else as typed)."""
    inside = param[9:].removesuffix(")")
    label = inside[inside.upper().rfind("QUOTED-PRINTABLE,") + 17:] if "QUOTED-PRINTABLE," in inside.upper() else inside
    if "=" not in label:
        return label
    try:
        return quopri.decodestring(label.encode("ascii")).decode("utf-8")
    except (UnicodeError, ValueError):
        return label


def _fax_or_pager(label: str) -> bool:
    words = label.strip().removeprefix("_$!<").removesuffix(">!$_").casefold()
    return "fax" in words or words == "pager"


def _escape_pair(match: re.Match[str]) -> str:
    """A backslash pair as vobject should read it: vCard escapes stay, `\\:` and a backslash before other
    punctuation (`Test\\. Inc.`) lose the backslash, a backslash before a letter or digit is kept as written."""
    char = match.group(1)
    if char and char in "\\;,nN":
        return match.group(0)
    if char and char.isascii() and not char.isalnum() and not char.isspace():
        return char
    return "\\\\" + char


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


def _text_escape(match: re.Match[str]) -> str:
    char = match.group(1)
    if char in "nN":
        return "\n"
    if char.isascii() and not char.isalnum() and not char.isspace():
        return char
    return "\\" + char


def unescape_text(value: str) -> str:
    """A text value (a note) as vobject would give it, in one pass: escapes undone, a backslash before other
    punctuation dropped, a backslash before a letter or digit kept ('C:\\Users')."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_text_escape, value)


def vobject_values(props: Sequence[_Property]) -> dict[str, list[Any]]:
    """The values netz takes from vobject (names, organisation, address, title, role), by property name in lower
    case, as vobject's own value rules read them: N and ADR split into its Name and Address, ORG into a list,
    a text unescaped. The values are handed to those rules directly: vobject's card and line objects cost
    two fifths of an import and add nothing to a property already read and cleaned here."""
    from vobject.vcard import ADDRESS_ORDER, NAME_ORDER, Address, Name, splitFields, stringToTextValues

    found: dict[str, list[Any]] = defaultdict(list)
    formatted = next((prop.value for prop in props if prop.name == "FN"), "")
    for prop in props:
        if prop.binary or prop.name not in _VOBJECT_READS:
            continue
        for value in _clean_text(prop.value, prop.name):
            if prop.name == "N":
                parts = splitFields(value)
                if _palm_name(value, parts, formatted):
                    del parts[3]
                native: Any = Name(**dict(zip(NAME_ORDER, parts, strict=False)))
            elif prop.name == "ADR":
                native = Address(**dict(zip(ADDRESS_ORDER, splitFields(value), strict=False)))
            elif prop.name == "ORG":
                native = splitFields(value)
            else:
                native = stringToTextValues(value)[0]
            found[prop.name.lower()].append(native)
    return found


def _palm_name(value: str, parts: list[Any], formatted: str) -> bool:
    """Palm's export writes N with one empty part more before the prefix ('Léger;Monique;;;Mrs.;' for FN 'Mrs.
    Monique Léger'), so the prefix came out as the suffix. Told by the six parts and the FN that starts with it."""
    return (len(_UNESCAPED_SEMICOLON.split(value)) == 6 and len(parts) > 4 and parts[3] == ""
            and isinstance(parts[4], str) and parts[4] != "" and formatted.startswith(parts[4]))


# --- photos --------------------------------------------------------------------------------------------------------

THUMBNAIL_SIZE = (96, 96)
MAX_PHOTO_PIXELS = 25_000_000     # 25 megapixels: a larger photo is left out before it is decoded


def thumbnail(data: bytes) -> tuple[bytes | None, list[tuple[str, str]]]:
    """A small JPEG of an inline photo (JPEG, PNG, GIF, ...) or None, and notes for the report: the photo's size
    is read from its header and a photo above MAX_PHOTO_PIXELS is never decoded; Pillow's own warnings
    (DecompressionBombWarning, ...) become notes instead of text on stderr."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS
    notes: list[tuple[str, str]] = []
    result: bytes | None = None
    with python_warnings.catch_warnings(record=True) as caught:
        python_warnings.simplefilter("always")
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PHOTO_PIXELS:
                    notes.append(("photo_too_many_pixels", _megapixels(width * height)))
                    return None, notes
                image.draft("RGB", THUMBNAIL_SIZE)
                small = image.convert("RGB")
                small.thumbnail(THUMBNAIL_SIZE)
                out = io.BytesIO()
                small.save(out, format="JPEG", quality=80)
                result = out.getvalue()
        except Image.DecompressionBombError as error:     # more than twice the limit: refused on opening
            found = re.search(r"\((\d{1,15}) pixels\)", str(error)[:200])
            notes.append(("photo_too_many_pixels", _megapixels(int(found.group(1))) if found else ""))
        except Exception:  # any unreadable image is simply left out
            result = None
    bombs = (Image.DecompressionBombWarning,)
    notes += [("photo_note", str(w.message).splitlines()[0][:200]) for w in caught
              if not (issubclass(w.category, bombs) and notes)]     # a bomb is already the pixel note
    return result, notes


def _megapixels(pixels: int) -> str:
    return f"{round(pixels / 1_000_000, 1):g} MP"


def is_link(value: str) -> bool:
    """A web, file or message-part link, also with its colon escaped as in every other value ('http\\://…', as
    l0b0/vcard's test cards and some exporters write it)."""
    return value.strip()[:9].lower().replace("\\:", ":").startswith(("http:", "https:", "ftp:", "file:", "cid:"))


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
        return one_line(",".join(str(v) for v in value))
    return one_line(str(value or ""))


def _name_part(value: object, between: str) -> str:
    """A part of N, which may be a list ('Q.,Public', 'ing. jr,M.Sc.'): names side by side, titles as a list."""
    if isinstance(value, list):
        return one_line(between.join(str(v).strip() for v in value if str(v).strip()))
    return _text(value)


def _text_lines(value: object) -> str:
    """A value that may hold line breaks (a street 'Königstraße 1\nHinterhaus'): they stay, other controls go."""
    text = ",".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    return strip_controls(text, keep_lines=True).strip()


def _none(value: str) -> str | None:
    return value or None


_MAIL_LIST_MARKS = frozenset({("X-EVOLUTION-LIST", "true"), ("X-OPEN-XCHANGE-CTYPE", "dlist")})


def _not_a_person(props: Sequence[_Property]) -> str | None:
    """Why a card is no person, or None: a contact group (KIND:group, vCard 4, e.g. Nextcloud; or Apple's
    X-ADDRESSBOOKSERVER-KIND:group, iCloud, Fastmail), whose members are cards of their own; or a place
    (KIND:location, vCard 4: a meeting room, a site) without a family or given name. A card that names a
    person is one whatever its KIND says (a library's sample card gives Forrest Gump KIND:LOCATION). Evolution's
    contact list (X-EVOLUTION-LIST:TRUE) and Open-Xchange's distribution list (X-OPEN-XCHANGE-CTYPE:dlist) are
    lists of addresses to write to: their EMAIL lines are their members'."""
    kinds = {one_line(p.value).casefold() for p in props if p.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND")}
    if "group" in kinds:
        return "group_card"
    if any((p.name, one_line(p.value).casefold()) in _MAIL_LIST_MARKS for p in props):
        return "mail_list_card"
    names_a_person = any(part.strip() for p in props if p.name == "N" for part in p.value.split(";")[:2])
    if "location" in kinds and not names_a_person:
        return "location_card"
    return None


def _apple_address_country(props: Sequence[_Property], index: int) -> str:
    """The country code iOS and macOS write beside an address (`item1.ADR:;;;Lyon;;;` with `item1.X-ABADR:fr`, the
    country the address is formatted for) when the address itself names none: the card's numbers are read there.
    `index`: the address's place among the card's ADR lines."""
    groups = [p.group.casefold() for p in props if p.name == "ADR" and not p.binary]
    if index >= len(groups) or not groups[index]:
        return ""
    code = next((one_line(p.value).strip() for p in props
                 if p.name == "X-ABADR" and p.group.casefold() == groups[index]), "")
    return code.upper() if len(code) == 2 and code.isascii() and code.isalpha() else ""


def _has_address(adr: Any) -> bool:
    """Whether an ADR holds anything: an empty one ('ADR;HOME:;;;;;;', as Funambol, SOGo, Symbian and XING write
    every field) is no address and must not hide the filled one after it."""
    return any(_text_lines(getattr(adr, part)) for part in ("box", "extended", "street", "city", "region", "code",
                                                             "country"))


def _filed_under_the_company(full_name: str, organization: str, given: str, family: str) -> bool:
    """An old Mac Address Book card of a person filed under the company: FN is ORG but for case and spaces ('Muster
    GmbH', 'muster  gmbh') while N names a person. N holding a word of ORG is the company's name split into N
    (N:KMS;WSF for 'KMS Außenstelle'), not a person."""
    if full_name[:1].casefold() != organization[:1].casefold() or (
            "".join(full_name.split()).casefold() != "".join(organization.split()).casefold()):
        return False
    return not {given.casefold(), family.casefold()} & set(organization.casefold().split())


def parse_card(raw: RawCard, fallback: str, region: str) -> CardResult:
    """One card to a contact record (with warnings), or a Problem saying why it was not imported."""
    text, charset, odd = decode_card_lines(_UNFOLD.sub(b"", join_soft_breaks(raw.data)), fallback)
    cuts: list[tuple[str, str]] = []
    props = card_properties(text, charset, fallback, cuts)
    not_a_person = _not_a_person(props)
    if not_a_person:
        name = next((one_line(unescape(p.value)) for p in props if p.name == "FN" and p.value.strip()), "")
        return Problem(raw.file, raw.position, not_a_person, name[:200])
    contents = vobject_values(props)
    warnings = [Problem(raw.file, raw.position, flaw) for flaw in raw.flaws if flaw != "nested"]
    warnings += [Problem(raw.file, raw.position, code, name) for code, name in cuts]
    if odd:
        warnings.append(Problem(raw.file, raw.position, "charset_mixed", ", ".join(odd[:5])))

    def values(name: str) -> list[object]:
        return contents.get(name, [])

    def tokens(*names: str) -> list[str]:
        return _tokens(props, names)

    def first(name: str) -> str:
        """The first value that says something: Funambol, SOGo, Symbian and XING write empty ones first."""
        for value in values(name):
            text = _text(value)
            if text:
                return text
        return ""

    family = given = additional = prefix = suffix = ""
    if contents.get("n"):
        n = contents["n"][0]
        family, given = _name_part(n.family, " "), _name_part(n.given, " ")
        additional, prefix = _name_part(n.additional, " "), _name_part(n.prefix, " ")
        suffix = _name_part(n.suffix, ", ")
    org_parts: list[str] = []
    for org in contents.get("org", []):          # an empty ORG first hides nothing
        org_parts = [_text(part) for part in org]
        if any(org_parts):
            break
    organization = org_parts[0] if org_parts else ""
    department = ", ".join(p for p in org_parts[1:] if p)
    title = first("title") or first("role")

    # RFC 8605's CONTACT-URI: how to reach the contact, a mailto: address or a web page (a contact form)
    contact_uris = tokens("CONTACT-URI")
    mail_uris = [uri[7:].split("?")[0] for uri in contact_uris if uri.lower().startswith("mailto:")]
    web_uris = [uri for uri in contact_uris if uri.lower().startswith(("http://", "https://"))]
    emails, not_addresses = card_emails([*tokens("EMAIL"), *mail_uris])
    street = city = state = code = country = ""
    addresses = contents.get("adr", [])
    adr = next((adr for adr in addresses if _has_address(adr)), None)
    if adr is not None:
        # Tuta writes its one address field whole into the first part, the post office box: its lines stay
        box = _text_lines(adr.box) if not (_text(adr.extended) or _text(adr.street)) else _text(adr.box)
        street = ", ".join(p for p in (box, _text(adr.extended), _text_lines(adr.street)) if p)
        city, state, code, country = _text(adr.city), _text(adr.region), _text(adr.code), _text(adr.country)
        country = country or _apple_address_country(props, addresses.index(adr))
        if city and not code and (town := town_and_postal_code(city)):
            city, code = town          # a scanner's town line in the city field: '69117 Heidelberg'
    else:   # the address only as its printed label (vCard 2.1 and 3.0's LABEL)
        street = next((_text_lines(unescape(p.value)) for p in props if p.name == "LABEL" and p.value.strip()), "")
    if "\n" in street and not (city or code or country):   # Horde's and Tuta's one address field: the envelope
        street, city, found_state, code, country = read_printed_address(street)
        state = state or found_state
    elif not (city or code or country) and (on_one_line := read_address_line(street)):
        street, city, found_state, code, country = on_one_line
        state = state or found_state
    phones, as_written, no_digit = card_phones(tokens("TEL"), region, country)
    warnings += contact_point_notes(raw.file, raw.position, not_addresses, as_written, no_digit)
    linkedin, xing, urls = _profiles([*tokens("URL", "X-SOCIALPROFILE", "SOCIALPROFILE"), *web_uris,
                                      *_networking_profiles(tokens("IMPP"))])
    birthday, bday = _birthday(props)
    if bday and birthday is None:
        warnings.append(Problem(raw.file, raw.position, "bad_birthday", bday[:64]))

    photo_value = next((p.value for p in props if p.name == "PHOTO" and p.value.strip()), "")
    data = photo_bytes(photo_value) if photo_value else None
    photo, notes = thumbnail(data) if data else (None, [])
    warnings += [Problem(raw.file, raw.position, code, detail) for code, detail in notes]
    if photo_value and photo is None and not is_link(photo_value) and not notes:
        warnings.append(Problem(raw.file, raw.position, "photo_dropped"))

    marks = {(p.name, one_line(p.value).upper()) for p in props if p.name in ("KIND", "X-ABSHOWAS")}
    shows_company = ("X-ABSHOWAS", "COMPANY") in marks
    is_org = ("KIND", "ORG") in marks or shows_company
    nickname = ", ".join(_unique(one_line(v) for v in (*tokens("NICKNAME"), *_android_nicknames(props)) if v))
    full_name = first("fn")
    from_parts = name_from_parts(given, family, additional, prefix, suffix)
    if full_name != from_parts and " ".join(full_name.split()) == from_parts:
        full_name = from_parts          # iOS: 'FN: Kate  Bell' for N:Bell;Kate;;; (a space per empty part)
    elif family and given and " ".join(full_name.replace(",", ", ").split()) in (
            f"{family}, {name_from_parts(given, '', additional)}", f"{given}, {family}"):
        full_name = from_parts          # Outlook's 'File as': 'FN:Prinz\, Tobias' for N:Prinz;Tobias;;; (also
        #                                 2.1's unescaped 'FN:Test,Contact' for N:Contact;Test, Horde's test card)
    if is_org and organization and shows_company and (given or family):
        full_name = from_parts          # Apple's "show as company": the card is still this person's
    elif (not is_org and (given or family) and organization
          and _filed_under_the_company(full_name, organization, given, family)):
        full_name = from_parts          # old Mac Address Book: a person filed under the company (FN = ORG)
    elif is_org and organization:
        full_name = full_name or organization
        family = given = additional = prefix = suffix = ""
    full_name = full_name or from_parts or nickname or organization or (emails[0] if emails else "")
    full_name = full_name or (phones[0] if phones else "")
    if not full_name:
        return Problem(raw.file, raw.position, "empty_card")
    if not (given or family) and not is_org and full_name not in (organization, nickname, *emails, *phones):
        parts = whole_name_parts(full_name)
        if parts is not None:
            found_prefix, given, family, found_suffix = parts
            prefix, suffix = prefix or found_prefix, suffix or found_suffix
    elif given and family and not (prefix or suffix) and full_name != from_parts:
        parts = whole_name_parts(full_name)        # 'N:Weber;Anna;;;' beside 'FN:Dr. Anna Weber': the title is Dr.
        if parts is not None and parts[2] == family and parts[1] in (given, f"{given} {additional}"):
            prefix, suffix = parts[0], parts[3]

    tags = _unique(one_line(v) for v in tokens("CATEGORIES") if v.casefold() not in GOOGLE_GROUPS)
    notes_text = "\n\n".join(n for n in (strip_controls(unescape_text(p.value), keep_lines=True).strip()
                                         for p in props if p.name == "NOTE") if n)
    xing = xing or _xing_export_profile(props, notes_text)
    notes_text = "\n\n".join(part for part in (notes_text, _pronouns_note(tokens("PRONOUNS"))) if part)
    if not is_org:
        prefix = courtesy_of_gender(prefix, _gender_of_address(props))     # 'Frau Dr.' for GENDER:F beside 'Dr.'
    tier = own_tier(next(iter(tokens("X-NETZ-TIER")), ""))
    return finish_record(ContactRecord(
        source="vcard", file=raw.file, position=raw.position, full_name=full_name,
        given_name=_none(given), family_name=_none(family), additional_names=_none(additional),
        honorific_prefix=_none(prefix), honorific_suffix=_none(suffix), nickname=_none(nickname),
        organization=_none(organization), department=_none(department), title=_none(title),
        hierarchy_level=own_level(tier, next(iter(tokens("X-NETZ-LEVEL")), ""), title),
        emails=tuple(emails), phones=tuple(phones), urls=tuple(urls),
        linkedin_url=linkedin, xing_url=xing, address=_none(street), city=_none(city), region=_none(state),
        postal_code=_none(code), country=_none(country),
        birthday_year=birthday[0] if birthday else None, birthday_month=birthday[1] if birthday else None,
        birthday_day=birthday[2] if birthday else None, tags=tuple(tags), notes=_none(notes_text), photo=photo,
        uid=_none(one_line(next(iter(tokens("UID")), ""))), warnings=tuple(warnings),
        tier=tier, topics=_topics(tokens("X-NETZ-TOPICS"), tokens("EXPERTISE")),
        archived=next(iter(tokens("X-NETZ-ARCHIVED")), "").strip().upper() == "TRUE",
    ))


def _tokens(props: Sequence[_Property], names: Sequence[str]) -> list[str]:
    """Values read without vobject (addresses, numbers, links, dates): unescaped, list values split."""
    found: list[str] = []
    for prop in props:
        if prop.name in names:
            parts = _LIST_SPLIT.split(prop.value) if prop.name in _LISTS else [prop.value]
            found += [unescape(part).strip() for part in parts]
    return [value for value in found if value]


_SERVICE_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9.-]{0,30}:(?=https?://)")


def _profiles(links: Sequence[str]) -> tuple[str | None, str | None, list[str]]:
    """The LinkedIn and Xing profile among a card's links (URL, X-SOCIALPROFILE), and the other links."""
    linkedin = xing = None
    others: list[str] = []
    for written in links:
        link = _SERVICE_PREFIX.sub("", written, count=1)    # 'twitter:https://twitter.com/joe' (a vCard 4 writer)
        if link[:8].lower() == "x-apple:":
            continue        # iOS 17: an app's handle ('x-apple:robpike' for GitHub), no address to open
        canonical = canonical_linkedin(link)
        if canonical:
            linkedin = linkedin or canonical
            continue
        canonical = canonical_xing(link)
        if canonical:
            xing = xing or canonical
            continue
        others.append(one_line(link))
    return linkedin, xing, _unique(others)


def _networking_profiles(chat_addresses: Sequence[str]) -> list[str]:
    """The LinkedIn and Xing links among IMPP's values; its chat addresses (skype:, xmpp:, a Teams or Signal
    link) stay out, as before."""
    return [uri for uri in chat_addresses if canonical_linkedin(uri) or canonical_xing(uri)]


_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


_GENDER_PROPERTIES = frozenset({"GRAMGENDER", "GENDER", "X-GENDER", "X-WAB-GENDER"})
_GRAMMATICAL = {"masculine": "male", "feminine": "female"}
_WINDOWS_ADDRESS_BOOK_GENDER = {"2": "male", "1": "female"}


def _gender_of_address(props: Sequence[_Property]) -> str:
    """The gender a letter addresses the person in, as a gender word ('male', 'f') or ''. RFC 9554's GRAMGENDER
    says it and decides alone (neuter or common: neither); else GENDER's sex ('M', 'F'; 'O', 'N', 'U' give none),
    X-GENDER as Roundcube and web forms write it ('Male', 'female'), Outlook Express's X-WAB-GENDER (2, 1)."""
    first: dict[str, str] = {}
    for prop in props:
        if prop.name in _GENDER_PROPERTIES and prop.name not in first:
            first[prop.name] = one_line(unescape(prop.value)).strip().casefold()
    if "GRAMGENDER" in first:
        return _GRAMMATICAL.get(first["GRAMGENDER"], "")
    if "GENDER" in first:
        return first["GENDER"].split(";")[0]             # 'F;Frau', 'O;it's complicated'
    if "X-GENDER" in first:
        return first["X-GENDER"]
    return _WINDOWS_ADDRESS_BOOK_GENDER.get(first.get("X-WAB-GENDER", ""), "")


def _topics(own: Sequence[str], expertise: Sequence[str]) -> tuple[str, ...]:
    """netz's own export's topics, then the card's fields of expertise (short ones, MAX_EXPERTISE_TOPICS of them)."""
    subjects = [one_line(value) for value in expertise if len(value) <= MAX_TOPIC_CHARS]
    return tuple(clean_topics([*own, *clean_topics(subjects)[:MAX_EXPERTISE_TOPICS]]))


MAX_PRONOUNS = 3


def _pronouns_note(pronouns: Sequence[str]) -> str:
    """RFC 9554's PRONOUNS as LinkedIn's pronouns in a name are kept: '(sie/ihr, she/her)' in the notes (a few
    words each; netz has no field of its own for them)."""
    found = clean_topics(one_line(value) for value in pronouns if len(value) <= 40)[:MAX_PRONOUNS]
    return f"({', '.join(found)})" if found else ""


def _android_nicknames(props: Sequence[_Property]) -> list[str]:
    """Android's own 2.1 export has no NICKNAME: it writes
    'X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;<nickname>;<type>;...'."""
    found: list[str] = []
    for prop in props:
        if prop.name == "X-ANDROID-CUSTOM":
            fields = _UNESCAPED_SEMICOLON.split(prop.value)
            if len(fields) > 1 and fields[0].strip().lower() == "vnd.android.cursor.item/nickname":
                found.append(unescape(fields[1]).strip())
    return found


_XING_NOTE = re.compile(r"- XING - (\S+)")


def _xing_export_profile(props: Sequence[_Property], notes: str) -> str | None:
    """XING's own vCard export (PRODID -//XING//...) has the member's profile link only in its note
    ('17.02.2016, 19:18 - XING - http://www.xing.com/profile/Name'), never as URL."""
    if not any(p.name == "PRODID" and "//XING//" in p.value.upper() for p in props):
        return None
    found = _XING_NOTE.search(notes)
    return canonical_xing(found.group(1)) if found else None


def _birthday(props: Sequence[_Property]) -> tuple[tuple[int | None, int, int] | None, str]:
    """(year or None, month, day) or None, and the value as written ('1995/05/05' and '05.05.1995' are read
    too; a day-month order that stays open, as in '05/06/1995', is reported, not guessed)."""
    bday = next((p for p in props if p.name == "BDAY" and p.value.strip()), None)
    if bday is None:
        return None, ""
    text = one_line(unescape(bday.value))
    try:
        return parse_birthday(text, bday.omit_year, slash=""), text
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

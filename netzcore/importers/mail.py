"""Read the headers of a mailbox (.mbox from Thunderbird or Google Takeout, single .eml files), never a body.

An mbox is streamed in blocks of a few megabytes: separators are found with `bytes.find` (C speed, also through
gigabytes of attachments), only each message's header block is cut out, and the body bytes are passed over and
dropped with the block they came in. So memory stays bounded by the block size and the header cap, whatever the
size of the file; `mailbox.mbox` would first build an index of every message and read whole messages.

Which "From " line starts a message: the first line of the file, and every later line starting with "From " that is
followed by lines that look like mail headers (as Thunderbird reads its own mboxes): an unescaped "From " in a
body (old Thunderbird, mboxo) does not split a message, and neither does the first line of a git patch pasted into
one ('From <sha> Mon Sep 17 00:00:00 2001'). The header block is parsed by the standard library's
`email` package with its headers-only parser.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import datetime as dt
import email.header
import email.parser
import email.policy
import email.utils
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from netzcore.importers.normalize import display_name, mailbox, normalize_email

BLOCK_BYTES = 4 * 1024 * 1024          # read this much of the file at a time
MAX_HEADER_BYTES = 256 * 1024          # a header block larger than this is cut (the rest is ignored)

_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


@dataclass(frozen=True, slots=True)
class RawHeaders:
    """One message's header block and, for an mbox, its separator line (a date of last resort)."""

    position: int            # 1-based number of the message in its file
    separator: bytes
    data: bytes


# a UTF-8 byte order mark before the first header: Windows 11 saves downloaded .eml files so, and Office 365 hands
# some messages out so (getmail6 issue 273); mail programs read past it
_BOM = b"\xef\xbb\xbf"


# Apple Mail's .emlx: a line with the message's length in bytes, the message, then a property list
_EMLX_LENGTH = re.compile(rb"\d{1,12}[ \t]*\r?\n")


def _opening(head: bytes) -> bytes:
    """A file's first bytes without a byte order mark, Apple Mail's length line and blank lines before the first
    line."""
    text = head.removeprefix(_BOM)
    length = _EMLX_LENGTH.match(text)
    return (text[length.end():] if length else text).lstrip(b"\r\n")


def is_mbox(head: bytes) -> bool:
    return _opening(head).startswith(b"From ")


# headers a message file opens with: the trace headers servers put on top, or the message's own
_FIRST_HEADER = re.compile(rb"(?i)(received|return-path|delivered-to|envelope-to|x-[\w-]+|arc-[\w-]+|dkim-signature|"
                           rb"authentication-results|received-spf|from|sender|reply-to|to|cc|subject|date|message-id|"
                           rb"mime-version|content-type|in-reply-to|references|list-[\w-]+|precedence|user-agent|"
                           rb"thread-[\w-]+)[ \t]*:")


def is_message(head: bytes) -> bool:
    """One message in a file of its own (a Maildir's file, a message saved without '.eml'), by its header block:
    a first line that is a header mail opens with, then header lines and their folded continuations up to the blank
    line or as far as `head` reaches. From: need not be in sight: Gmail and Office 365 put 5-8 KB of Received, ARC
    and DKIM headers above it."""
    text = _opening(head)
    if not _FIRST_HEADER.match(text):
        return False
    lines = text.split(b"\n")
    if not text.endswith(b"\n"):
        lines = lines[:-1]                     # cut off where `head` ends
    for line in (line.rstrip(b"\r") for line in lines[1:]):
        if not line:
            return True                        # the blank line ending the headers
        if line[:1] not in (b" ", b"\t") and not _HEADER_LINE.match(line):
            return False
    return True


_GIT_PATCH_LINE = re.compile(rb"From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\r?$")


def is_git_patch_line(line: bytes) -> bool:
    """'From <commit sha> Mon Sep 17 00:00:00 2001': the first line git format-patch writes, with a fixed date no
    mailbox ever puts on a separator. A patch pasted inline into a message that old Thunderbird stored unescaped
    starts a fake message there, with the commit's author and date."""
    return bool(_GIT_PATCH_LINE.match(line))


def _looks_like_headers(lines: list[bytes]) -> bool:
    """Do the lines after a "From " line open a header block? A header line, then a second header line, a folded
    continuation or the blank line that ends the headers."""
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    if len(lines) == 1:
        return True
    second = lines[1]
    return not second.strip(b"\r") or second[:1] in (b" ", b"\t") or bool(_HEADER_LINE.match(second))


def _header_end(buffer: bytes, start: int) -> int:
    """Index just past the blank line ending the header block that starts at `start`, or -1 when there is none
    within MAX_HEADER_BYTES. Looked for in growing windows: a file with LF line ends has no CR LF blank line (and
    one with CR LF no LF LF), and looking for it through the whole buffer for every message made a large mailbox
    quadratic."""
    limit = start + MAX_HEADER_BYTES + 3
    window = 4096
    while True:
        stop = min(start + window, limit)
        ends = [i for i in (buffer.find(b"\n\n", start - 1, stop), buffer.find(b"\n\r\n", start - 1, stop)) if i >= 0]
        if ends:
            first = min(ends)
            return first + (2 if buffer.startswith(b"\n\n", first) else 3)
        if stop >= limit or stop >= len(buffer):
            return -1
        window *= 4


def mbox_headers(stream: IO[bytes], block_bytes: int = BLOCK_BYTES) -> Iterator[RawHeaders]:
    """The header block of every message in an mbox, streamed. Positions in the buffer move forward only; the
    buffer is cut down to what is still unread once a block has been passed over."""
    buffer = stream.read(block_bytes)
    eof = not buffer
    while not eof and len(buffer) < 4096:          # enough to see the first separator line
        chunk = stream.read(block_bytes)
        eof = not chunk
        buffer += chunk
    position = 0
    scan = 0                     # where to look for the next separator
    at_start = True

    def fill() -> bool:
        nonlocal buffer, eof
        if eof:
            return False
        chunk = stream.read(block_bytes)
        if not chunk:
            eof = True
            return False
        buffer += chunk
        return True

    while True:
        if scan > block_bytes:                       # drop what has been read
            buffer, scan = buffer[scan - 1:], 1
        if at_start:
            skipped = len(buffer) - len(_opening(buffer))
            candidate = skipped if buffer.startswith(b"From ", skipped) else -1
            if candidate < 0:
                return                               # not an mbox
        else:
            found = buffer.find(b"\nFrom ", max(scan - 1, 0))
            candidate = found + 1 if found >= 0 else -1
        if candidate < 0:
            if eof:
                return
            buffer, scan = buffer[max(len(buffer) - 6, 0):], 0   # a separator may straddle the border
            if not fill():
                return
            continue
        # the separator line and the two lines after it must be whole to judge
        while True:
            line_end = buffer.find(b"\n", candidate)
            second = buffer.find(b"\n", line_end + 1) if line_end >= 0 else -1
            third = buffer.find(b"\n", second + 1) if second >= 0 else -1
            if third >= 0 or eof or len(buffer) - candidate > MAX_HEADER_BYTES or not fill():
                break
        if line_end < 0:
            line_end = len(buffer)
        following = buffer[line_end + 1: third if third >= 0 else len(buffer)].split(b"\n")[:2]
        if is_git_patch_line(buffer[candidate:line_end]) or (
                not at_start and not _looks_like_headers([line.rstrip(b"\r") for line in following if line])):
            scan, at_start = line_end + 1, False
            continue
        at_start = False
        separator = buffer[candidate:line_end].rstrip(b"\r")
        start = line_end + 1
        end = _header_end(buffer, start)
        while end < 0 and not eof and len(buffer) - start < MAX_HEADER_BYTES:
            fill()
            end = _header_end(buffer, start)
        if end < 0:
            end = min(len(buffer), start + MAX_HEADER_BYTES)
            cut = buffer.rfind(b"\n", start, end)
            end = cut + 1 if cut > start else end
        position += 1
        yield RawHeaders(position, separator, buffer[start:end])
        scan = end          # the "\n" before a separator directly after the headers is at end - 1


_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_outlook_msg(head: bytes) -> bool:
    """An Outlook message file (.msg) by its first bytes, whatever its name: an OLE2 compound file, no mail text,
    so nothing in it reads as headers (one renamed to .eml was counted as a message without date or sender)."""
    return head.startswith(_OLE2_SIGNATURE)


def eml_headers(stream: IO[bytes]) -> RawHeaders:
    """The header block of a single message file, read up to the blank line (at most MAX_HEADER_BYTES)."""
    data = b""
    while len(data) < MAX_HEADER_BYTES:
        chunk = stream.read(64 * 1024)
        if not chunk:
            break
        data = _opening(data + chunk)
        end = _header_end(data, 0) if data[:1] not in (b"\n", b"\r") else 0
        if end >= 0:
            return RawHeaders(1, b"", data[:end])
    return RawHeaders(1, b"", data[:MAX_HEADER_BYTES])


# --- reading one header block -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Address:
    email: str
    name: str


@dataclass(frozen=True, slots=True)
class MailMessage:
    """What netz reads of a message: who wrote to whom, when, the thread it belongs to, the subject, and whether
    it is bulk mail."""

    position: int
    sender: Address | None
    recipients: tuple[Address, ...]        # To and Cc
    sent_at: dt.datetime | None            # aware; naive when written without a zone (the user's time)
    message_id: str
    thread: str                            # the first message of the thread (References), else its own id
    subject: str
    bulk: bool                             # a mailing list, bulk or automatic mail
    spam_or_trash: bool                    # Google Takeout's labels Spam / Trash
    draft: bool = False                    # never sent: Gmail's Drafts label, Thunderbird's and Outlook's marks
    automatic: bool = False                # an out-of-office reply, a read receipt or a delivery report
    calendar: bool = False                 # an invitation or an answer to one, sent by a calendar


_RE_PREFIX = re.compile(r"^\s*((re|aw|wg|fw|fwd|antw|weitergeleitet|sv|vs|tr|r|rif|enc)\s*(\[\d+\])?\s*:\s*)+",
                        re.IGNORECASE)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
# Gmail's Spam and Trash labels as Takeout writes them in the account's language
_SPAM_OR_TRASH = frozenset({"spam", "trash", "bin", "papierkorb", "corbeille", "pourriel", "papelera", "cestino",
                            "prullenbak", "lixeira", "lixo", "kosz", "papperskorgen", "papirkurv"})
# what mail servers and programs put on messages nobody wrote: out-of-office replies (RFC 3834's Auto-Submitted,
# X-Autoreply of Exchange's rules agent and many hosters, X-Autorespond), read receipts and delivery reports
# (multipart/report, RFC 6522), and the subjects Exchange and Thunderbird give them when no header says so (an
# Exchange out-of-office reply carries only X-Auto-Response-Suppress, which ordinary Outlook mail carries too)
_AUTOMATIC_SUBJECT = re.compile(
    r"(?i)^\s*(automatische antwort|automatic reply|abwesenheitsnotiz|out of office( autoreply)?|autoreply|"
    r"auto-reply|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|"
    r"gelesen|read|nicht gelesen|not read|übermittelt|delivered|unzustellbar|undeliverable)\s*:|"
    r"^\s*(return receipt|empfangsbestätigung|lesebestätigung) \((displayed|angezeigt)\)|"
    r"\b(is out of the office|ist außer haus)\.?\s*$")        # Lotus Notes: 'Max Muster ist außer Haus.'
_REPORT_TYPE = re.compile(r"(?i)^\s*(multipart/report|message/disposition-notification|message/delivery-status)\b")
# invitations and answers a calendar sends (the meeting itself comes from the calendar): Google Calendar's
# Sender, Exchange's Content-class, and an iTIP message sent as text/calendar (Thunderbird, Apple Calendar)
_CALENDAR_SENDER = re.compile(r"(?i)calendar-notification@google\.com")
_CALENDAR_CLASS = re.compile(r"(?i)^\s*urn:content-classes:calendarmessage\b")
_CALENDAR_TYPE = re.compile(r"(?i)^\s*text/calendar\b")
# a list's own sender beside X-Mailing-List (vger, ezmlm's Mailing-List): 'linux-kernel-owner@…', Mailman's
# '…-bounces@…', majordomo's 'owner-…@'
_LIST_SENDER = re.compile(r"-(?:owner|bounces|request)@|(?:^|[<\s])owner-[^@\s]*@", re.IGNORECASE)


def _unescaped(value: str) -> str:
    """A header value as written: the parser keeps bytes that are not ASCII (a raw 'Grüße' in UTF-8, Latin-1 or
    Windows-1252, as old or careless mailers write them) as escaped surrogates. Read as UTF-8 when they are,
    else as Windows-1252 (Latin-1 for the bytes it leaves undefined)."""
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    data = value.encode("ascii", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def _headers(data: bytes) -> dict[str, list[str]]:
    """Every header's values by lower-case name, as written (not wrapped in `email.header.Header`, which would
    turn raw 8-bit text into replacement characters)."""
    found: dict[str, list[str]] = {}
    for name, value in _PARSER.parsebytes(data).raw_items():
        found.setdefault(name.lower(), []).append(_unescaped(str(value)))
    return found


# charsets mailers name in encoded words by names Python does not know: Exchange's Hebrew and Arabic
# (iso-8859-8-i, logical order), Thai Outlook's windows-874, 'x-' names (x-sjis, x-mac-roman, x-cp1250)
# (and two that name a smaller charset than the mailers use: Korean and Chinese Windows write cp949 and GBK)
_CHARSET_ALIASES = {"windows-874": "cp874", "x-windows-874": "cp874", "iso-8859-1-windows-3.1-latin-1": "cp1252",
                    "unicode-1-1-utf-7": "utf-7", "x-user-defined": "cp1252", "ks_c_5601-1987": "cp949",
                    "gb2312": "gbk"}
_ISO_8859_ORDER = re.compile(r"^(iso[-_ ]?8859[-_ ]?\d+)[-_]?[ie]$")
# Mutt's and others' name for 8-bit text of no declared charset
_UNKNOWN_8BIT = frozenset({"unknown-8bit", "x-unknown", "unknown", "8bit"})


def _codec(charset: str) -> str | None:
    """The name Python knows a mail charset by, or None (RFC 2231's '*language' left off)."""
    name = charset.split("*", 1)[0].strip().lower()
    name = _ISO_8859_ORDER.sub(r"\1", _CHARSET_ALIASES.get(name, name))
    for candidate in (name, name.removeprefix("x-")):
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    return None


def _word_text(data: bytes | str, charset: str | None) -> str:
    """One decoded part of a header: unknown-8bit, and bytes that are not what their charset says (Latin-1 labelled
    UTF-8), read as UTF-8 when they are, else as Windows-1252, as raw 8-bit header bytes are; a charset Python does
    not know raises LookupError."""
    if isinstance(data, str):
        return data
    if charset is None:                               # how `decode_header` hands back the text between words
        try:
            return data.decode("raw-unicode-escape")
        except UnicodeDecodeError:                    # a backslash and 'u' written in the text
            return data.decode("latin-1")
    if charset.split("*", 1)[0].strip().lower() not in _UNKNOWN_8BIT:
        codec = _codec(charset)
        if codec is None:
            raise LookupError(charset)
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(codec)
    return _unescaped(data.decode("ascii", "surrogateescape"))


def decode_text(value: str | None) -> str:
    """A header value with its encoded words (=?utf-8?q?...?=) decoded; never raises."""
    if not value:
        return ""
    text = str(value)
    if "=?" in text:
        with contextlib.suppress(Exception):     # a broken encoded word: keep it as written
            text = "".join(_word_text(data, charset) for data, charset in email.header.decode_header(text))
    return " ".join(text.split())


def clean_subject(subject: str) -> str:
    """'AW: Re: [EXT] Angebot' -> 'Angebot': reply and forward marks and bracketed tags removed."""
    text = _RE_PREFIX.sub("", subject)
    text = re.sub(r"^\s*(\[[^\]]{1,20}\]\s*)+", "", text)
    text = _RE_PREFIX.sub("", text)
    return " ".join(text.split())[:120]


def _addresses(values: list[str]) -> tuple[Address, ...]:
    found: dict[str, Address] = {}
    for name, address in email.utils.getaddresses([str(v) for v in values]):
        normalized = normalize_email(address)
        normalized = mailbox(normalized) if normalized else None     # googlemail.com and gmail.com: one mailbox
        if normalized and normalized not in found:
            found[normalized] = Address(normalized, display_name(decode_text(name)))
    return tuple(found.values())


def _separator_date(separator: bytes) -> dt.datetime | None:
    """'From - Tue Oct 02 00:26:47 2007' / 'From a@b Sun Aug  7 11:40:37 2022': the date Thunderbird and mbox
    writers put on the separator line, in the local time of the computer that stored the message (naive: the user's
    time); Google Takeout's 'Wed Mar 04 09:12:33 +0000 2026' carries its offset."""
    match = _SEPARATOR_DATE.search(separator)
    if not match:
        return None
    try:
        parsed = dt.datetime.strptime(
            b" ".join(match.group(i) for i in (2, 3, 6)).decode() + " " + match.group(4).decode()[:8],
            "%b %d %Y %H:%M:%S" if match.group(4).count(b":") == 2 else "%b %d %Y %H:%M")
    except ValueError:
        return None
    if match.group(5) is None:
        return parsed
    offset = int(match.group(5)[1:3]) * 60 + int(match.group(5)[3:5])
    return parsed.replace(tzinfo=dt.timezone(dt.timedelta(minutes=-offset if match.group(5)[:1] == b"-" else offset)))


_SEPARATOR_DATE = re.compile(
    rb"([A-Z][a-z]{2}) +([A-Z][a-z]{2}) +(\d{1,2}) +(\d{2}:\d{2}(?::\d{2})?) +(?:([+-][01]\d[0-5]\d) +)?(\d{4})")


# German day and month names, as some German mailers write them into Date: ('Di, 7 Mai 2019')
_GERMAN_DAY = re.compile(r"(?i)^\s*(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)"
                         r"(?![a-zäöü])\.?\s*,?\s*")
_GERMAN_MONTHS = {"jän": "Jan", "jänner": "Jan", "januar": "Jan", "februar": "Feb", "mär": "Mar", "märz": "Mar",
                  "mrz": "Mar", "maerz": "Mar", "april": "Apr", "mai": "May", "juni": "Jun", "juli": "Jul",
                  "august": "Aug", "sept": "Sep", "september": "Sep", "okt": "Oct", "oktober": "Oct",
                  "november": "Nov", "dez": "Dec", "dezember": "Dec"}
_GERMAN_MONTH = re.compile(r"(?i)(?<![a-zäöü])(" + "|".join(sorted(_GERMAN_MONTHS, key=len, reverse=True))
                           + r")(?![a-zäöü])\.?")
# zone names the standard library reads as UTC: Central, Western and Eastern European (summer) time in English and
# German, British summer time, Moscow, and the zones of East Asia and Australia mail from there names
_ZONE_OFFSETS = {"met dst": "+0200", "mest": "+0200", "mesz": "+0200", "cest": "+0200", "cet": "+0100",
                 "met": "+0100", "mez": "+0100", "bst": "+0100", "wet": "+0000", "wez": "+0000", "west": "+0100",
                 "wesz": "+0100", "eet": "+0200", "oez": "+0200", "eest": "+0300", "oesz": "+0300", "msk": "+0300",
                 "jst": "+0900", "kst": "+0900", "hkt": "+0800", "sgt": "+0800", "awst": "+0800", "aest": "+1000",
                 "aedt": "+1100", "nzst": "+1200", "nzdt": "+1300"}
_ZONE_NAME = re.compile(r"(?i)(\d{1,2}:\d{2}(?::\d{2})?)\s+(" + "|".join(
    sorted((name.replace(" ", r"\s+") for name in _ZONE_OFFSETS), key=len, reverse=True)) + r")(?![a-z])")
# an offset written with a colon or after GMT/UTC: '+01:00' (Bluetooth messages, scripts), JavaScript's
# 'GMT+0100 (CET)', 'UTC+1'; read as UTC by the standard library
_ODD_OFFSET = re.compile(r"(?i)(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:(?:gmt|utc|ut)\s*)?"
                         r"([+-])(\d{1,2})(?::?(\d{2}))?(?![\d:])")
# what RFC 5322 allows inside a date and the library does not read: comments, anywhere, nested
_COMMENT = re.compile(r"\([^()]*\)")
_FRACTION_OR_LEAP = re.compile(r"(\d{1,2}:\d{2}):(?:60|(\d{2})[.,]\d+)(?!\d)")


def _without_comments(value: str) -> str:
    text = value
    for _ in range(4):                  # '((tricky) comment)': innermost first
        text, found = _COMMENT.subn(" ", text)
        if not found:
            break
    return text


def _in_english(value: str) -> str:
    """'Di, 7 Mai 2019 10:00:00 MET DST' -> '7 May 2019 10:00:00 +0200'; also an offset as '+01:00' or 'GMT+0100',
    a comment inside the date, milliseconds and a leap second, none of which the standard library reads."""
    text = _FRACTION_OR_LEAP.sub(lambda m: f"{m.group(1)}:{m.group(2) or '59'}", _without_comments(value))
    text = _ODD_OFFSET.sub(lambda m: f"{m.group(1)} {m.group(2)}{int(m.group(3)):02d}{m.group(4) or '00'}", text)
    text = _ZONE_NAME.sub(lambda m: f"{m.group(1)} {_ZONE_OFFSETS[' '.join(m.group(2).lower().split())]}", text)
    text = _GERMAN_DAY.sub("", text)
    if _GERMAN_MONTH.search(text):
        text = _GERMAN_MONTH.sub(lambda m: _GERMAN_MONTHS[m.group(1).lower()], re.sub(r"^(\d{1,2})\.", r"\1", text))
    return text


def _parsed_date(text: str) -> dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# a date that ends with its time (or asctime's year after it): written without a zone, in the writer's local time,
# which is the user's as far as netz can know (an old mailer, a script, Thunderbird's separator line)
_WITHOUT_ZONE = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d+)?(?:\s+\d{4})?\s*$")


def _minutes_for_hours(parsed: dt.datetime) -> bool:
    """'+01' read as one minute east of UTC: no zone has such an offset, the hours were meant."""
    offset = parsed.utcoffset()
    return offset is not None and dt.timedelta(0) < abs(offset) < dt.timedelta(minutes=15)


def _iso_date(text: str) -> dt.datetime | None:
    """'2025-03-03T00:30:00+01:00', as some scripts write Date:."""
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = _parsed_date(str(value))
    if parsed is None or parsed.tzinfo is None or _minutes_for_hours(parsed):
        parsed = _parsed_date(_in_english(str(value))) or parsed  # German names, a zone name the library reads as none
    if parsed is None:
        parsed = _iso_date(str(value))
    if parsed is None:
        return None
    if parsed.tzinfo is None and not _WITHOUT_ZONE.search(_without_comments(str(value))):
        return parsed.replace(tzinfo=dt.UTC)       # '-0000' or a zone name nobody knows: UTC, as RFC 5322 says
    return parsed


def _received_date(values: list[str]) -> dt.datetime | None:
    """When the first server took the message: the date after the ';' of the bottom-most Received header that has
    one (servers add theirs on top). For a message without a usable Date:."""
    for value in reversed(values):
        found = _date(value.rpartition(";")[2]) if ";" in value else None
        if found:
            return found
    return None


_ID = re.compile(r"<[^<>\s]+>")


def read_message(raw: RawHeaders) -> MailMessage:
    headers = _headers(raw.data)

    def first(name: str) -> str:
        return next(iter(headers.get(name, [])), "")

    senders = _addresses(headers.get("from", []))
    recipients = _addresses([*headers.get("to", []), *headers.get("cc", [])])
    message_id = " ".join(first("message-id").split())
    references = _ID.findall(first("references")) or _ID.findall(first("in-reply-to"))
    precedence = first("precedence").strip().lower()
    bulk = bool(first("list-id") or first("list-unsubscribe") or first("list-post") or first("x-mailing-list")
                or first("mailing-list") or _LIST_SENDER.search(first("sender"))
                or precedence in _BULK_PRECEDENCE)
    labels = decode_text(first("x-gmail-labels")).lower()   # encoded as a whole once a label is not ASCII
    label_list = [label.strip() for label in labels.split(",")]
    spam_or_trash = any(label in _SPAM_OR_TRASH for label in label_list)
    subject = decode_text(first("subject"))
    automatic = _is_automatic(first, precedence, subject)
    sent_at = _date(first("date")) or _received_date(headers.get("received", [])) or _separator_date(raw.separator)
    own_id = _ID.search(message_id)
    thread = references[0] if references else (own_id.group(0) if own_id else "")
    return MailMessage(raw.position, senders[0] if senders else None, recipients, sent_at,
                       own_id.group(0) if own_id else message_id, thread, subject, bulk, spam_or_trash,
                       _is_draft(headers, first, label_list), automatic, _is_calendar_message(first))


def _is_calendar_message(first: Callable[[str], str]) -> bool:
    """An invitation or an answer to one that a calendar sent: Google Calendar's (Sender:
    calendar-notification@google.com), Exchange's (Content-class: urn:content-classes:calendarmessage), or one sent
    as text/calendar. An .ics a person attached to a message is mail."""
    return bool(_CALENDAR_SENDER.search(first("sender")) or _CALENDAR_CLASS.match(first("content-class"))
                or _CALENDAR_TYPE.match(first("content-type")))


def _is_automatic(first: Callable[[str], str], precedence: str, subject: str) -> bool:
    """An out-of-office reply, a read receipt or a delivery report: sent by a program, not written by the person."""
    auto = first("auto-submitted").strip().lower()
    reply = first("x-autoreply").strip().lower()
    return bool((auto and auto != "no") or (reply and reply != "no") or first("x-autorespond")
                or precedence == "auto_reply" or _REPORT_TYPE.match(first("content-type"))
                or _AUTOMATIC_SUBJECT.search(subject))


_NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer-daemon|postmaster|bounces?|"
                       r"notifications?|newsletters?|noreply[-+.].*|no[-_.]reply[-+.].*|bounce[-+.].*)$",
                       re.IGNORECASE)


# the Trash and Junk folders of mail programs (Thunderbird, Apple Mail, Outlook, Dovecot's Maildir '.Junk'), in the
# languages they are named in, GMX's and WEB.DE's IMAP 'Gelöscht', and the Enron corpus' 'deleted_items'
_SPAM_OR_TRASH_FOLDERS = _SPAM_OR_TRASH | frozenset({
    "junk", "junk e-mail", "junk email", "junk mail", "bulk mail", "deleted items", "deleted messages",
    "deleted", "gelöschte elemente", "gelöschte objekte", "gelöschte nachrichten", "gelöscht", "junk-e-mail",
    "spamverdacht", "unerwünscht", "indésirables", "courrier indésirable", "éléments supprimés", "correo no deseado",
    "elementos eliminados", "posta indesiderata", "posta eliminata", "ongewenste e-mail", "verwijderde items"})
# drafts: Gmail's label and mail programs' folders, in the languages they are named in, and the folders of
# templates and of messages waiting to be sent (Thunderbird's 'Templates' and 'Unsent Messages', Outlook's 'Outbox')
_DRAFTS = frozenset({"drafts", "draft", "entwürfe", "entwurf", "brouillons", "borradores", "bozze", "concepten",
                     "rascunhos", "wersje robocze", "utkast", "kladder", "inbox.drafts", "templates", "vorlagen",
                     "unsent messages", "outbox", "postausgang"})
_FOLDER_SUFFIX = re.compile(r"\.(mbox|mbx|sbd|directory)$", re.IGNORECASE)
# Apple Mail's junk mailbox in German, 'Werbung' ('advertising'), as its export names it: only in that form, since a
# folder of one's own named 'Werbung' may hold mail with an agency
_APPLE_JUNK_MAILBOXES = frozenset({"werbung.mbox"})


_MODIFIED_UTF7 = re.compile(r"&([A-Za-z0-9+,]*)-")


def _imap_decoded(name: str) -> str:
    """A folder name as the user reads it: mbsync, offlineimap and Dovecot keep an IMAP folder under its name in
    IMAP's modified UTF-7 (RFC 3501, 5.1.3), so Exchange's 'Gelöschte Elemente' is the folder 'Gel&APY-schte
    Elemente' on disk and GMX's 'Entwürfe' is 'Entw&APw-rfe'. A name that is no such text stays as it is."""
    def decoded(match: re.Match[str]) -> str:
        text = match.group(1)
        if not text:
            return "&"
        try:
            raw = base64.b64decode(text.replace(",", "/") + "=" * (-len(text) % 4))
            return raw.decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return match.group(0)

    return _MODIFIED_UTF7.sub(decoded, name) if "&" in name else name


def is_spam_or_trash_folder(name: str) -> bool:
    """A folder or mbox file a mail program keeps deleted mail or junk in: 'Trash', 'Junk' (Thunderbird), 'Deleted
    Messages.mbox' (Apple Mail), '.Junk' and '.INBOX.Trash' (Maildir), 'Gelöschte Elemente' (Outlook), and the
    folders inside them, where a deleted folder goes: Thunderbird's 'Trash.sbd', KMail's '.trash.directory', a
    Maildir++ '.Trash.Projekt'."""
    if name.strip().casefold() in _APPLE_JUNK_MAILBOXES:
        return True
    maildir = name.strip().startswith(".")
    text = _folder_text(name).replace("_", " ")
    if text in _SPAM_OR_TRASH_FOLDERS or text.removeprefix("inbox.") in _SPAM_OR_TRASH_FOLDERS:
        return True
    return maildir and text.removeprefix("inbox.").split(".", 1)[0] in _SPAM_OR_TRASH_FOLDERS


def is_drafts_folder(name: str) -> bool:
    """A folder or mbox file a mail program keeps unsent messages in: 'Drafts' (Thunderbird, Apple Mail's
    'Drafts.mbox', a Maildir's '.Drafts'), 'Entwürfe' (Outlook), offlineimap's 'INBOX.Entw&APw-rfe' of a Courier
    server."""
    text = _folder_text(name)
    return text in _DRAFTS or text.removeprefix("inbox.") in _DRAFTS


def _folder_text(name: str) -> str:
    """A folder's name to compare: decoded, without '.mbox', '.sbd' or a Maildir's leading '.', case folded."""
    return _FOLDER_SUFFIX.sub("", _imap_decoded(name.strip())).lstrip(".").casefold()


def _is_draft(headers: dict[str, list[str]], first: Callable[[str], str], labels: list[str]) -> bool:
    """A message never sent: Gmail's Drafts label, Thunderbird's X-Mozilla-Draft-Info, Outlook's 'X-Unsent: 1' (an
    unsent message saved as .eml), Apple Mail's draft type."""
    return (any(label in _DRAFTS for label in labels) or "x-mozilla-draft-info" in headers
            or first("x-unsent").strip() == "1"
            or first("x-uniform-type-identifier").strip().lower() == "com.apple.mail-draft")


def is_no_reply(address: str) -> bool:
    """noreply@, no-reply@, donotreply@, mailer-daemon@, bounce@, notifications@, newsletter@ and the like."""
    local = address.split("@", 1)[0]
    return bool(_NO_REPLY.match(local))

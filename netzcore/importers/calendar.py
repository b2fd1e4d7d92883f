"""Read a calendar export (.ics from Google Calendar, Outlook/Exchange, Apple Calendar, Thunderbird) into the
meeting occurrences inside a window of days: who took part, when, where, and what it was about.

Two paths, one result. Most events of a calendar happen once: their content lines are read here directly (a
regular expression per line), which is ~30x faster than building icalendar components and keeps a 5,000-event
calendar within seconds. Series (RRULE, RDATE, EXDATE and their RECURRENCE-ID overrides) are handed to the
well-kept libraries: `icalendar` parses them together with the file's VTIMEZONE definitions, and
`recurring_ical_events` expands them inside the window (also repairing Google's X-WR-TIMEZONE). Time zones of
single events are resolved the way icalendar does it (IANA names, Windows names such as "W. Europe Standard Time",
else the file's own VTIMEZONE).

Left out here: cancelled events and cancelled single occurrences (STATUS:CANCELLED, also on an override; titles
Outlook marks "Canceled:"), rooms and resources among the attendees. Declined attendees are kept with their
PARTSTAT, so the caller can leave them out (and leave out a whole event the user declined). Descriptions are read
only to find a conference link and are never returned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import IO, Any
from urllib.parse import unquote

from netzcore.exporters.calendar_feed import REMINDER_UID
from netzcore.exporters.contentlines import escape_text
from netzcore.importers.normalize import display_name, mailbox, name_without_notes_hierarchy, normalize_email
from netzcore.importers.records import Problem

# --- what an occurrence is --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    email: str
    name: str
    declined: bool = False
    organizer: bool = False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One meeting on one day, in local wall time (an all-day event has a date)."""

    uid: str
    recurrence: str               # '' for an event that happens once, else the recurrence id (UTC, or as written)
    start: dt.datetime | dt.date
    title: str
    location: str
    video: bool                   # a Teams/Zoom/Meet/Webex/... link in the location or the conference fields
    participants: tuple[Participant, ...]
    unaddressed: tuple[str, ...] = ()   # names of people written without an address (Outlook's 'invalid:nomail')

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def occurrence_key(self) -> str:
        return f"{self.uid}|{self.recurrence}"


@dataclass(frozen=True, slots=True)
class Cancellation:
    """What a calendar says was cancelled: an event whole (`recurrence` ''), or one occurrence of a series."""

    uid: str
    recurrence: str
    whole_series: bool = False      # a series cancelled as a whole: its past meetings did take place

    @property
    def occurrence_key(self) -> str:
        return f"{self.uid}|{self.recurrence}"


@dataclass(slots=True)
class CalendarRead:
    file: str
    events: int = 0                                  # VEVENT components read
    occurrences: list[Occurrence] = field(default_factory=list)
    cancelled: int = 0                               # cancelled events and occurrences left out
    cancellations: list[Cancellation] = field(default_factory=list)   # what they were, to forget them
    replaced: int = 0                                # older versions of an event (a higher SEQUENCE of its UID)
    special_days: int = 0                            # birthdays, anniversaries and holidays (a series once)
    earlier: int = 0                                 # events (a series once) wholly before the window
    later: int = 0                                   # events (a series once) wholly after the window
    problems: list[Problem] = field(default_factory=list)


def is_calendar(head: bytes) -> bool:
    """A file whose first content line is BEGIN:VCALENDAR (after a BOM and blank lines), or BEGIN:VEVENT: one event
    saved on its own, without the calendar around it."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].upper()
    return text.startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT"))


# --- the channel: video, phone, a place -------------------------------------------------------------------------

VIDEO_HOSTS = ("zoom.us", "zoom.com", "teams.microsoft.com", "teams.live.com", "meet.google.com", "webex.com",
               "whereby.com", "gotomeeting.com", "gotomeet.me", "meet.jit.si", "bluejeans.com", "skype.com",
               "chime.aws", "meet.goto.com", "facetime.apple.com", "alfaview.com", "bigbluebutton")
_VIDEO_WORDS = re.compile(r"microsoft teams|teams[- ]?(meeting|besprechung)|\bzoom\b|google meet|\bwebex\b|\bskype\b|"
                          r"\bfacetime\b|video ?(call|konferenz|anruf)|\bonline\b", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_PHONE = re.compile(r"^\s*(?:tel:|(?:tel\.?|telefon|phone|call|anruf)\s*:?\s*)?\+?[\d\s()/.\-]{6,}\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


def is_video_link(text: str) -> bool:
    lowered = text.lower()
    return any(host in lowered for host in VIDEO_HOSTS)


def place_kind(location: str) -> str:
    """'video', 'phone', 'place' or '' (no location): what a LOCATION line says about the meeting."""
    text = location.strip()
    if not text:
        return ""
    if is_video_link(text) or _VIDEO_WORDS.search(text):
        return "video"
    if _URL.search(text):
        return "video"           # some other online meeting link
    if text.lower().startswith("tel:") or (_PHONE.match(text) and len(_DIGITS.findall(text)) >= 6):
        return "phone"
    return "place"


# --- reading the file ---------------------------------------------------------------------------------------------

_CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;(?:[^:";]|"[^"]*")*)*):(.*)', re.DOTALL)
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^;:"]*)(?:,(?:"[^"]*"|[^;:",]*))*)')
# a quoted TZID may hold ':' and ';' (Exchange: "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien")
_TZID = re.compile(r';TZID=(?:"([^"]*)"|([^;:"]+))', re.IGNORECASE)
_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")
_NEEDED = frozenset({"UID", "SEQUENCE", "DTSTAMP", "URL", "DTSTART", "SUMMARY", "LOCATION", "STATUS", "ORGANIZER",
                     "ATTENDEE", "DESCRIPTION", "CONFERENCE", "X-GOOGLE-CONFERENCE",
                     "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
                     "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
                     "RRULE", "RDATE", "RECURRENCE-ID", "CATEGORIES"})
_CONFERENCE_PROPS = ("CONFERENCE", "URL", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                     "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")
MAX_LINE_BYTES = 1024 * 1024          # one unfolded content line; longer ones (inline attachments) are dropped

Props = dict[str, list[tuple[dict[str, str], str]]]


def _first(props: Props, name: str) -> tuple[dict[str, str], str]:
    """A property's first (parameters, value), or no parameters and '' when the event has none."""
    return (props.get(name) or [({}, "")])[0]


def _unescape(value: str) -> str:
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def logical_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Unfolded content lines (bytes, without line end), streamed: folding may split a UTF-8 character, so lines
    are joined before decoding. A line longer than MAX_LINE_BYTES is dropped whole."""
    current: list[bytes] = []
    size = 0
    first = True
    for raw in stream:
        if first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            first = False
        line = raw.rstrip(b"\r\n")
        if line[:1] in (b" ", b"\t") and current:
            size += len(line)
            if size <= MAX_LINE_BYTES:
                current.append(line[1:])
            continue
        if current and size <= MAX_LINE_BYTES:
            yield b"".join(current)
        current, size = [line], len(line)
    if current and size <= MAX_LINE_BYTES:
        yield b"".join(current)


# an attendee or organizer line whose parameters do not parse (an unbalanced quote: 'SCHEDULE-STATUS="3.7;Invalid
# Calendar User";INVALID CALENDAR USER":mailto:…'): the address after the last ':mailto:' is still the person's
_PARTICIPANT_LINE = re.compile(r"(ATTENDEE|ORGANIZER)(;.*):(mailto:[^:\s\"]+)", re.IGNORECASE | re.DOTALL)


def _parse_line(line: str) -> tuple[str, dict[str, str], str] | None:
    match = _CONTENT_LINE.fullmatch(line) or _PARTICIPANT_LINE.fullmatch(line)
    if not match:
        return None
    params = {name.upper(): value.strip('"') for name, value in _PARAM.findall(match.group(2))}
    return match.group(1).upper(), params, match.group(3)


@dataclass(slots=True)
class _Block:
    lines: list[str]
    props: Props
    number: int = 0                                             # its place among the file's events (1-based)
    written: dict[str, str] = field(default_factory=dict)       # rule as netz bounds it -> rule as written


def _blocks(lines: Iterable[bytes], calendar: dict[str, str], timezones: dict[str, str]) -> Iterator[_Block]:
    """VEVENT blocks (their own lines, without VALARM and other subcomponents); VTIMEZONE texts and calendar
    properties are collected on the way. The events of a METHOD:CANCEL calendar (an iTIP cancellation, RFC 5546
    3.2.5) are cancelled, whatever STATUS they carry: a file may hold several calendars, each with its METHOD."""
    stack: list[str] = []
    block: _Block | None = None
    zone: list[str] | None = None
    method = ""
    for raw in lines:
        text = _decode(raw)
        upper = text[:16].upper()
        if upper.startswith("BEGIN:"):
            name = text[6:].strip().upper()
            stack.append(name)
            if name == "VCALENDAR":
                method = ""
            if name == "VEVENT" and block is None:
                block = _Block([text], {})
            elif name == "VTIMEZONE" and zone is None:
                zone = [text]
            elif zone is not None:
                zone.append(text)
            continue
        if upper.startswith("END:"):
            name = text[4:].strip().upper()
            if name in stack:
                while stack and stack.pop() != name:
                    pass
            if zone is not None:
                zone.append(text)
                if name == "VTIMEZONE":
                    tzid = next((ln.split(":", 1)[1].strip() for ln in zone if ln.upper().startswith("TZID")), "")
                    if tzid:
                        timezones.setdefault(tzid, "\r\n".join(zone))
                    zone = None
            elif name == "VEVENT" and block is not None:
                block.lines.append(text)
                if method == "CANCEL":
                    _mark_cancelled(block)
                yield block
                block = None
            continue
        if zone is not None:
            zone.append(text)
        elif block is not None and stack and stack[-1] == "VEVENT":
            parsed = _parse_line(text)
            if parsed and parsed[0] in _DATE_LISTS:
                parsed, text = _without_empty_dates(parsed, text)
            if parsed and parsed[0] in _NEEDED:
                block.props.setdefault(parsed[0], []).append((parsed[1], parsed[2]))
                block.lines.append(text)
            elif parsed and parsed[0] not in ("ATTACH",):
                block.lines.append(text)     # kept for the icalendar path (DTEND, EXDATE, DURATION, ...)
        elif stack == ["VCALENDAR"]:
            parsed = _parse_line(text)
            if parsed:
                calendar.setdefault(parsed[0], parsed[2])
                if parsed[0] == "METHOD":
                    method = parsed[2].strip().upper()


_DATE_LISTS = frozenset({"EXDATE", "RDATE"})


def _without_empty_dates(parsed: tuple[str, dict[str, str], str], text: str
                         ) -> tuple[tuple[str, dict[str, str], str] | None, str]:
    """An EXDATE or RDATE list with an empty item ('…:20231227T100000,20240103T100000,', as tutanota's issue 5973
    shows) made the whole series unreadable: the empty items are left out, and a list of none is no line."""
    name, params, value = parsed
    items = [item for item in value.split(",") if item.strip()]
    if len(items) == value.count(",") + 1:
        return parsed, text
    if not items:
        return None, ""
    kept = ",".join(items)
    return (name, params, kept), text[:len(text) - len(value)] + kept


def _mark_cancelled(block: _Block) -> None:
    """STATUS:CANCELLED on the block, for both paths (the lines are what icalendar reads for a series)."""
    block.props["STATUS"] = [({}, "CANCELLED")]
    kept = [line for line in block.lines if not line[:7].upper().startswith("STATUS")]
    block.lines[:] = [*kept[:-1], "STATUS:CANCELLED", kept[-1]]


@lru_cache(maxsize=1024)      # a file may name any number of zones: what is kept stays bounded
def _zone_by_name(tzid: str) -> dt.tzinfo | None:
    from icalendar.timezone import tzp

    try:
        with warnings.catch_warnings():   # '/freeassociation.sourceforge.net/Tzfile/Europe/Prague' (Evolution) is
            warnings.simplefilter("ignore")   # read as Europe/Prague with a warning on the terminal otherwise
            return tzp.timezone(tzid)
    except Exception:  # noqa: BLE001 (any failure: not a zone it knows)
        return None


_DISPLAY_NAME = re.compile(r"\(\s*(?:GMT|UTC)\s*(?:([+-])(\d{1,2}):?(\d{2}))?\s*\)\s*(.{0,200})")
_PLACE_SEPARATORS = re.compile(r"[,;:&()/]")


@cache
def _zones_by_place() -> dict[str, list[str]]:
    """IANA zone names by their place in lower case ('sydney': Australia/Sydney, 'eastern': US/Eastern, ...)."""
    import zoneinfo

    found: dict[str, list[str]] = {}
    for name in sorted(zoneinfo.available_timezones()):
        found.setdefault(name.rpartition("/")[2].replace("_", " ").casefold(), []).append(name)
    return found


def _standard_offset(zone: dt.tzinfo) -> dt.timedelta | None:
    for month in (1, 7):                  # winter in one hemisphere, summer in the other
        moment = dt.datetime(2026, month, 15, 12)
        if zone.dst(moment) == dt.timedelta(0):
            return zone.utcoffset(moment)
    return None


@lru_cache(maxsize=1024)
def _zone_by_display_name(tzid: str) -> dt.tzinfo | None:
    """A zone as Windows shows it, written by Outlook on the web without a VTIMEZONE ('(GMT+10:00) Canberra,
    Melbourne, Sydney', '(UTC-05:00) Eastern Time (US & Canada)'): the first place it names that is an IANA zone of
    that standard offset (a whole place first: 'Dublin' before 'Greenwich Mean Time'; then a first word: 'Eastern'
    is US/Eastern), else the offset alone; None for anything else."""
    import zoneinfo

    found = _DISPLAY_NAME.fullmatch(tzid.strip().strip('"'))
    if not found:
        return None
    sign, hours, minutes, places = found.groups()
    offset = dt.timedelta(hours=int(hours or 0), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1)
    phrases = [" ".join(p.split()).casefold() for p in _PLACE_SEPARATORS.split(places)]
    by_place = _zones_by_place()
    for candidate in [*phrases, *(p.split(" ")[0] for p in phrases if " " in p)]:
        for name in by_place.get(candidate, ()):
            zone = zoneinfo.ZoneInfo(name)
            if _standard_offset(zone) == offset:
                return zone
    return dt.timezone(offset) if abs(offset) < dt.timedelta(hours=15) else None


# the names Windows gives a zone in its summer time, and in German, as Python's icalendar writes them on Windows
# without a VTIMEZONE ('Pacific Daylight Time', 'Mitteleuropäische Sommerzeit'): the zone they name
_SUMMER_NAME = re.compile(r"(?i)^(.+?)\s+(?:daylight|summer)\s+time$")
_GERMAN_ZONE_NAMES = {"mitteleuropäische zeit": "Europe/Berlin", "mitteleuropäische sommerzeit": "Europe/Berlin",
                      "mitteleuropaeische zeit": "Europe/Berlin", "mitteleuropaeische sommerzeit": "Europe/Berlin",
                      "mitteleuropäische normalzeit": "Europe/Berlin", "westeuropäische normalzeit": "Europe/Berlin",
                      "westeuropäische sommerzeit": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
                      "cest": "Europe/Berlin"}


@lru_cache(maxsize=1024)
def _zone_by_summer_or_german_name(tzid: str) -> dt.tzinfo | None:
    """'Pacific Daylight Time' is Windows' Pacific Standard Time (America/Los_Angeles), 'W. Europe Daylight Time' and
    'Mitteleuropäische Sommerzeit' are Europe/Berlin (Outlook's German 'Westeuropäische Normalzeit' is Windows' W.
    Europe too, +0100 in winter); None for anything else."""
    import zoneinfo

    name = " ".join(tzid.strip().strip('"').split())
    if name.casefold() in _GERMAN_ZONE_NAMES:
        return zoneinfo.ZoneInfo(_GERMAN_ZONE_NAMES[name.casefold()])
    summer = _SUMMER_NAME.match(name)
    zone = _zone_by_name(summer.group(1) + " Standard Time") if summer else None
    key = str(getattr(zone, "key", ""))
    return zoneinfo.ZoneInfo(key) if key and "/" in key else None


def _zone_by_other_name(tzid: str) -> dt.tzinfo | None:
    """A TZID that is no IANA or Windows zone name and has no VTIMEZONE, but says the zone in another way."""
    return _zone_by_display_name(tzid) or _zone_by_summer_or_german_name(tzid)


_OFFSET_TO = re.compile(r"^TZOFFSETTO:\s*([+-]?)(\d{2})(\d{2})", re.IGNORECASE | re.MULTILINE)


def _fixed_offset_zone(zone: dt.tzinfo) -> bool:
    """An IANA zone that names no place and keeps one offset all year: GMT, UTC, Etc/GMT+1, EST."""
    key = str(getattr(zone, "key", ""))
    if "/" in key and not key.startswith("Etc/"):
        return False
    return len({zone.utcoffset(dt.datetime(2026, month, 15, 12)) for month in (1, 7)}) == 1


def _file_zone_wins(zone: dt.tzinfo, definition: str) -> bool:
    """Whether the file's VTIMEZONE must be read instead of the fixed-offset IANA zone of the same name: it has a
    summer time or another offset (Lotus Notes writes UK time, with its summer time, as TZID:GMT). RFC 5545 3.2.19:
    a TZID names the VTIMEZONE of the same calendar."""
    if not _fixed_offset_zone(zone):
        return False
    if re.search(r"^BEGIN:DAYLIGHT", definition, re.IGNORECASE | re.MULTILINE):
        return True
    fixed = zone.utcoffset(dt.datetime(2026, 1, 15, 12))
    for sign, hours, minutes in _OFFSET_TO.findall(definition):
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes)) * (-1 if sign == "-" else 1)
        if offset != fixed:
            return True
    return False


class _Zones:
    """TZID -> tzinfo: an IANA or Windows name first (unless it is a fixed-offset zone the file's VTIMEZONE of that
    name contradicts), else the file's own VTIMEZONE, else a Windows display name ('(UTC-05:00) Eastern Time (US &
    Canada)') or a zone's summer or German name ('Pacific Daylight Time', 'Mitteleuropäische Sommerzeit'); None:
    floating time (a name netz does not know: read as the user's local time)."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.definitions = definitions
        self.found: dict[str, dt.tzinfo | None] = {}

    def file_zone_wins(self, tzid: str) -> bool:
        zone = _zone_by_name(tzid.strip().strip('"'))
        return zone is not None and tzid in self.definitions and _file_zone_wins(zone, self.definitions[tzid])

    def get(self, tzid: str) -> dt.tzinfo | None:
        if tzid not in self.found:
            zone = _zone_by_name(tzid.strip().strip('"'))
            if zone is not None and self.file_zone_wins(tzid):
                zone = None
            if zone is None and tzid in self.definitions:
                try:
                    from icalendar import Timezone

                    zone = Timezone.from_ical(self.definitions[tzid]).to_tz(  # type: ignore[attr-defined]
                        lookup_tzid=False)
                except Exception:  # noqa: BLE001 (an unusable VTIMEZONE: the times stay floating)
                    zone = None
            self.found[tzid] = zone or _zone_by_other_name(tzid)
        return self.found[tzid]


_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z?)", re.IGNORECASE)


def _parse_start(params: dict[str, str], value: str, zones: _Zones, default_zone: dt.tzinfo | None
                 ) -> dt.datetime | dt.date | None:
    """The start as written; None when there is none; ValueError for an impossible one ('20261301', 'T250000')
    or one that is no date at all ('INVALID-DATE')."""
    value = value.strip()
    if not value:
        return None
    if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
        match = _DATE.fullmatch(value)
        if not match:
            raise ValueError(value)
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DATE_TIME.fullmatch(value)
    if not match:
        raise ValueError(value)
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    start = dt.datetime(year, month, day, hour, minute, int(match.group(6) or 0))
    if match.group(7):
        return start.replace(tzinfo=dt.UTC)
    zone = zones.get(params["TZID"]) if "TZID" in params else default_zone
    return start.replace(tzinfo=zone) if zone else start


def _start_or_none(params: dict[str, str], value: str, zones: _Zones, default_zone: dt.tzinfo | None
                   ) -> dt.datetime | dt.date | None:
    try:
        return _parse_start(params, value, zones, default_zone)
    except ValueError:
        return None


def _day(local: dt.datetime | dt.date) -> dt.date:
    return local.date() if isinstance(local, dt.datetime) else local


def _local(start: dt.datetime | dt.date, zone: dt.tzinfo | None) -> dt.datetime | dt.date:
    """Wall time in the user's zone (None: the machine's); floating times stay as written; dates stay dates."""
    if isinstance(start, dt.datetime) and start.tzinfo is not None:
        try:
            return start.astimezone(zone).replace(tzinfo=None)
        except OverflowError:    # hours from year 1 or 9999: far outside any window either way
            return start.replace(tzinfo=None)
    return start


def _move(recurrence: dt.datetime | dt.date, start: tuple[dict[str, str], str], zones: _Zones,
          default_zone: dt.tzinfo | None) -> dt.timedelta | None:
    """How far an override moves its meeting: its DTSTART less its RECURRENCE-ID (None when either is unusable)."""
    moved = _start_or_none(*start, zones, default_zone)
    if moved is None or isinstance(moved, dt.datetime) != isinstance(recurrence, dt.datetime):
        return None
    try:
        return moved - recurrence
    except TypeError:                   # a floating time against one in a zone
        return None


def _recurrence_id(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            with contextlib.suppress(OverflowError):
                return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


@dataclass(frozen=True, slots=True)
class _Fields:
    uid: str
    summary: str
    location: str
    status: str
    video: bool
    participants: tuple[Participant, ...]
    unaddressed: tuple[str, ...]


_SKIPPED_KINDS = frozenset({"ROOM", "RESOURCE", "GROUP"})
_CANCELLED_TITLE = re.compile(r"^\s*(canceled|cancelled|abgesagt|annulé|annule|cancelado)\s*:", re.IGNORECASE)


# birthdays, anniversaries and holidays: a calendar of them (Google's birthdays calendar, its 'Feiertage in
# Deutschland', a subscribed holiday calendar), Google's own UIDs for them, a title or category that says so
_SPECIAL_CALENDAR = re.compile(r"(?i)\b(geburtstag|birthday|jahrestag|anniversar|feiertag|holiday|schulferien)\w*|"
                               r"^\s*(contacts|kontakte)\s*$")
_SPECIAL_CALENDAR_FILE = re.compile(r"(?i)#(holiday|contacts)@group\.v\.calendar\.google\.com")
_SPECIAL_UID = re.compile(r"(?i)^(\d{4}_)?(birthday|anniversary)_")
_SPECIAL_TITLE = re.compile(r"(?i)\b(geburtstag|birthday|b-day|jahrestag|hochzeitstag|anniversary|namenstag)\b")
_SPECIAL_CATEGORY = re.compile(r"(?i)\b(geburtstag|birthday|jahrestag|anniversary|feiertag|holiday)s?\b")


def _special_day(props: Props, calendar: dict[str, str], file: str) -> bool:
    """A birthday, anniversary or holiday: never a meeting, though its title names a contact ('Anna Weber hat
    Geburtstag', Google's birthdays titled with the name alone). All-day events of a calendar of them or with
    Google's UIDs for them; else a title or category that says so on an event nobody is invited to, and by title
    alone only all-day or once a year (readpst writes Outlook's all-day birthdays as times from midnight): an
    all-day birthday party someone invites to, or a lunch on someone's birthday, is a meeting."""
    start = _first(props, "DTSTART")
    all_day = start[0].get("VALUE", "").upper() == "DATE" or len(start[1].strip()) == 8
    if all_day and (_SPECIAL_CALENDAR.search(calendar.get("X-WR-CALNAME", "")) or _SPECIAL_CALENDAR_FILE.search(file)
                    or _SPECIAL_UID.match(_first(props, "UID")[1].strip())):
        return True
    yearly = any("FREQ=YEARLY" in value.upper().replace(" ", "") for _, value in props.get("RRULE", ()))
    invited = bool(props.get("ATTENDEE"))
    if any(_SPECIAL_CATEGORY.search(value) for _, value in props.get("CATEGORIES", ())):
        return not invited or (all_day and yearly)
    title = _first(props, "SUMMARY")[1]
    return bool(_SPECIAL_TITLE.search(title)) and ((all_day and (yearly or not invited)) or (yearly and not invited))


def _address(value: str) -> str | None:
    """The e-mail address of a calendar user. The value is an address URI, which never holds white space: a space
    in it comes from a line folded with two ('mailto:hcabot@' + CRLF + two spaces + 'example.com'). Apple Calendar
    on a Radicale server writes the principal's path, '/radicale/example%40gmail.com/'."""
    text = "".join(value.split())
    found = normalize_email(text)
    if found is None and "%40" in text.lower():
        found = normalize_email(unquote(text).strip("/").rpartition("/")[2])
    return found


def _participant(params: dict[str, str], value: str, organizer: bool) -> Participant | None:
    if params.get("CUTYPE", "").upper() in _SKIPPED_KINDS or params.get("ROLE", "").upper() == "NON-PARTICIPANT":
        return None
    email = _address(value) or normalize_email(params.get("EMAIL", ""))
    if not email:
        return None
    name = _person_name(params)
    if normalize_email(name) == email:
        name = ""
    return Participant(mailbox(email), name, params.get("PARTSTAT", "").upper() == "DECLINED", organizer)


def _person_name(params: dict[str, str]) -> str:
    """A calendar user's name as a person is called: 'Weber, Hans (IT-Service)' and Lotus Notes' 'Sam Roberts/
    Certicom' read 'Hans Weber' and 'Sam Roberts'."""
    return name_without_notes_hierarchy(display_name(params.get("CN", "")))


def _without_mail(params: dict[str, str], value: str) -> bool:
    """A person Outlook writes without an address ('invalid:nomail'), not a room or a resource."""
    return "".join(value.split()).lower() == "invalid:nomail" and params.get("CUTYPE", "").upper() not in _SKIPPED_KINDS


def _attendees_without_mail(params: dict[str, str], value: str) -> list[Participant]:
    """Outlook writes attendees it has no address for as 'invalid:nomail' with what the user typed as the name, often
    addresses: CN="pokachev@yandex.ru, peregovorochka@peregovorovna.com". Those addresses are the attendees'."""
    if not _without_mail(params, value):
        return []
    found = []
    for part in re.split(r"[,;\s]+", params.get("CN", "")):
        email = normalize_email(part.strip().strip('"<>'))
        if email:
            found.append(Participant(mailbox(email), "", params.get("PARTSTAT", "").upper() == "DECLINED"))
    return found


def _names_without_mail(people: Iterable[tuple[dict[str, str], str]]) -> tuple[str, ...]:
    """Names of the people Outlook writes without an address, 'CN="Madison Hardy":invalid:nomail' (its calendar
    export does so for colleagues and for the user): no meeting can be logged for them, but a contact of that
    name may be offered. Rooms, declined attendees and names that hold addresses are none."""
    found: list[str] = []
    for params, value in people:
        if (not _without_mail(params, value) or params.get("ROLE", "").upper() == "NON-PARTICIPANT"
                or params.get("PARTSTAT", "").upper() == "DECLINED" or "@" in params.get("CN", "")):
            continue
        name = _person_name(params)
        if name and name not in found:
            found.append(name)
    return tuple(found)


def _participants(organizers: Iterable[tuple[dict[str, str], str]],
                  attendees: Iterable[tuple[dict[str, str], str]]) -> tuple[Participant, ...]:
    """Organizer and attendees, each address once (an organizer listed as attendee keeps the attendee's PARTSTAT)."""
    found: dict[str, Participant] = {}
    for params, value in attendees:
        person = _participant(params, value, False)
        for each in [person] if person else _attendees_without_mail(params, value):
            if each.email not in found:
                found[each.email] = each
    for params, value in organizers:
        person = _participant(params, value, True)
        if person:
            known = found.get(person.email)
            found[person.email] = Participant(person.email, known.name if known and known.name else person.name,
                                              known.declined if known else False, True)
    return tuple(found.values())


def _fields_of_block(props: Props) -> _Fields:
    def text(name: str) -> str:
        values = props.get(name)
        return _unescape(values[0][1]).strip() if values else ""

    location = text("LOCATION")
    conference = " ".join(value for name in _CONFERENCE_PROPS for _, value in props.get(name, ()))
    video = is_video_link(conference) or is_video_link(location) or is_video_link(text("DESCRIPTION"))
    return _Fields(text("UID"), " ".join(text("SUMMARY").split()), " ".join(location.split()),
                   text("STATUS").upper(), video,
                   _participants(props.get("ORGANIZER", ()), props.get("ATTENDEE", ())),
                   _names_without_mail([*props.get("ORGANIZER", ()), *props.get("ATTENDEE", ())]))


def _cancelled(fields: _Fields) -> bool:
    return fields.status == "CANCELLED" or bool(_CANCELLED_TITLE.match(fields.summary))


_SUB_DAILY = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600}
_DAY_SECONDS = 86_400


class BadRule(ValueError):
    """A rule that cannot be expanded safely (INTERVAL=0 repeats forever on one instant)."""


def _day_rule(rule: str, start: tuple[dict[str, str], str], last_day: dt.date) -> str:
    """The series' rule at the log's grain, a day: the days it meets on stay the same, but never more than one
    occurrence a day (an hourly rule or one with several BYHOUR values gave 24 interactions a day, 87,000 in ten
    years), and a rule stops after the window; "" for a rule that meets on no day. `start`: the series' DTSTART
    (its parameters and value)."""
    parts: dict[str, str] = {}
    for piece in rule.split(";"):
        name, _, value = piece.partition("=")
        if name.strip():
            parts[name.strip().upper()] = "".join(value.split())    # 'BYDAY=MO, TU, WE' (Exchange CDO): no spaces
    try:
        interval = int(parts.get("INTERVAL") or 1)
    except ValueError as error:
        raise BadRule(f"INTERVAL={parts['INTERVAL'][:20]}") from error
    if interval < 1:
        raise BadRule(f"INTERVAL={parts['INTERVAL'][:20]}")
    per_day = 1
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):            # the times of day: the day is what counts
        per_day *= len([v for v in parts.pop(name, "").split(",") if v.strip()]) or 1
    unit = _SUB_DAILY.get(parts.get("FREQ", "").upper())
    if unit and unit * interval < _DAY_SECONDS:                  # more often than daily: every day it is on
        per_day = max(per_day, _DAY_SECONDS // (unit * interval))
        parts["FREQ"], parts["INTERVAL"] = "DAILY", "1"
    params, value = start
    value = value.strip()
    end = last_day + dt.timedelta(days=2)
    first = _first_day(value)
    if first is not None and _never_meets_cached(tuple(parts.items()), first):
        return ""                   # no day matches (30 February): the series is its first meeting alone
    if "COUNT" in parts:
        with contextlib.suppress(ValueError):                    # a broken COUNT is left to the parser to name
            count = int(parts["COUNT"])
            if count > 0 and first is not None and not _meets_on_its_start(parts, first):
                count -= 1          # DTSTART is the first of COUNT (RFC 5545), though the rule does not name its day
                if not count:
                    return ""       # COUNT=1: the series is its first meeting alone
                parts["COUNT"] = str(count)
            if per_day > 1:
                parts["COUNT"] = str(max(1, -(-count // per_day)))
    if first is not None and "COUNT" in parts and not _count_ends_by(parts, first, end):
        del parts["COUNT"]          # the window holds fewer than COUNT: all it holds is what the series gives it
    if "COUNT" not in parts:
        if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
            until = end.strftime("%Y%m%d")
        else:
            until = end.strftime("%Y%m%dT235959") + ("Z" if value.upper().endswith("Z") or "TZID" in params else "")
        written = parts.get("UNTIL", "")
        if not written or written[:8] > until[:8]:
            parts["UNTIL"] = until
    return ";".join(f"{name}={value}" for name, value in parts.items())


# dateutil looks for a rule's next day until the year 9999, whatever UNTIL says, while none matches: five seconds
# for a daily series on 30 February, one day at a time. These two checks ask it only questions it answers fast.
_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_RULE_ERRORS = (ValueError, TypeError, OverflowError, IndexError, KeyError)


def _first_day(start: str) -> dt.datetime | None:
    """DTSTART's value as a plain date and time (its zone does not matter at a day's grain); None if unreadable."""
    try:
        return dt.datetime.strptime(start[:15], "%Y%m%dT%H%M%S" if len(start) >= 15 else "%Y%m%d")
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _never_meets_cached(parts: tuple[tuple[str, str], ...], first: dt.datetime) -> bool:
    """`_never_meets`, asked once per rule and start: a file of many series on the same rule pays for one probe."""
    return _never_meets(dict(parts), first)


def _never_meets(parts: dict[str, str], first: dt.datetime) -> bool:
    """Whether the rule meets on no day at all: its day filters asked year by year (a tenth of the time; the same
    days, as long as an ordinal weekday such as 5MO means the same in a year as in the rule's period), then a rule
    with an INTERVAL or BYSETPOS as it is (`_meets_within_cycles`)."""
    if _filters_match_no_day(parts, first):
        return True
    positions = [p for p in parts.get("BYSETPOS", "").split(",") if p.strip()]
    if positions and parts.get("FREQ", "").upper() == "DAILY":
        return not {"1", "-1", "+1"} & set(positions)   # a day's set is that day alone
    if positions or int(parts.get("INTERVAL") or 1) > 1:
        return not _meets_within_cycles(parts, first)
    return False


def _filters_match_no_day(parts: dict[str, str], first: dt.datetime) -> bool:
    from dateutil import rrule

    filters = {name: parts[name] for name in _DAY_FILTERS if name in parts}
    if not filters.keys() - {"BYDAY"}:
        return False                                    # weekdays alone always meet
    ordinal = any(ch.isdigit() for ch in filters.get("BYDAY", ""))
    if ordinal and parts.get("FREQ", "").upper() != "YEARLY" and "BYMONTH" not in filters:
        return False
    try:
        probe = rrule.rrulestr(";".join(["FREQ=YEARLY", *(f"{k}={v}" for k, v in filters.items())]),
                               dtstart=_late_in_the_calendar(first), cache=False)
        return next(iter(probe), None) is None
    except _RULE_ERRORS:
        return False                                    # left to the parser to name


def _meets_within_cycles(parts: dict[str, str], first: dt.datetime) -> bool:
    """Whether a rule with an INTERVAL or BYSETPOS meets on any day in the first 400 to 800 years from its start
    (FREQ=DAILY;INTERVAL=7;BYDAY=TU from a Monday never does)."""
    from dateutil import rrule

    try:
        rule = ";".join(f"{k}={v}" for k, v in parts.items() if k not in ("COUNT", "UNTIL"))
        return next(iter(rrule.rrulestr(rule, dtstart=_late_in_the_calendar(first), cache=False)), None) is not None
    except _RULE_ERRORS:
        return True                                     # left to the parser to name


def _late_in_the_calendar(first: dt.datetime) -> dt.datetime:
    """`first` moved by whole 400-year cycles to between the years 9200 and 9599. The Gregorian calendar repeats
    every 400 years, to the weekday and the leap day, so a rule asked from there meets on the same days as from
    `first`; and dateutil, which looks for a rule's next day until the year 9999 however long none matches, stops
    after 400 to 800 years instead of 8,000 (a daily rule on 30 February: 450 ms -> ~40 ms; every 7th day on a
    Tuesday from a Monday: 1.4 s -> ~130 ms)."""
    cycles = (_PROBE_LAST_START - first.year) // 400
    return first.replace(year=first.year + 400 * cycles) if cycles > 0 else first


_PROBE_LAST_START = 9599


def _meets_on_its_start(parts: dict[str, str], first: dt.datetime) -> bool:
    """Whether the rule meets on DTSTART's own day. The expansion counts DTSTART as a meeting whether or not the
    rule names its day, so a COUNT series from another day (weekly on Tuesdays from a Monday) had a meeting more."""
    from dateutil import rrule

    try:
        rule = ";".join(f"{k}={v}" for k, v in parts.items() if k not in ("COUNT", "UNTIL"))
        found = next(iter(rrule.rrulestr(rule, dtstart=first, cache=False)), None)
    except _RULE_ERRORS:
        return True                                     # left to the parser to name
    return found is not None and found.date() == first.date()


def _count_ends_by(parts: dict[str, str], first: dt.datetime, end: dt.date) -> bool:
    """Whether a COUNT rule has all its occurrences by `end` (or cannot be judged here). One that has not goes on
    past the window (COUNT=1000 on 29 February: 4,000 years, day by day); cut at the window instead, it gives the
    same meetings inside it."""
    from dateutil import rrule

    try:
        count = int(parts["COUNT"])
        unbounded = ";".join(f"{k}={v}" for k, v in parts.items() if k not in ("COUNT", "UNTIL"))
        ahead = rrule.rrulestr(f"{unbounded};UNTIL={end:%Y%m%d}T235959", dtstart=first, cache=False)
        return count <= 0 or sum(1 for _ in itertools.islice(ahead, count)) >= count
    except _RULE_ERRORS:
        return True


def _to_day_rules(block: _Block, last_day: dt.date) -> None:
    """The block's RRULE lines at the grain of a day (`_day_rule`); the rules as written are kept for messages."""
    start = _first(block.props, "DTSTART")
    lines = []
    for line in block.lines:
        parsed = _parse_line(line)
        if parsed and parsed[0] == "RRULE":
            rule = _day_rule(parsed[2], start, last_day)
            if not rule:
                continue                        # a rule that never meets: the event is its DTSTART alone
            line = "RRULE:" + rule
            block.written[rule] = parsed[2]
        lines.append(line)
    block.lines[:] = lines


_RULE_TEXT = re.compile(r"FREQ=[^\s)'\"]*", re.IGNORECASE)


def _as_written(message: str, blocks: Sequence[_Block]) -> str:
    """What to say about a series the parser rejects: a message about its rule becomes the rule as the file has
    it. The parser saw the rule as netz bounds it, so its words ('UNTIL parameter has a bad format' for
    'FREQ=INVALID' or 'UNTL=') and its text (an UNTIL the user never wrote) would send them looking for the wrong
    thing; any other message stays."""
    rules = [rule for block in blocks for rule in block.written.values()]
    return f"RRULE:{rules[0]}" if rules and _RULE_TEXT.search(message) else message


def _occurrence(fields: _Fields, uid: str, recurrence: str, start: dt.datetime | dt.date) -> Occurrence:
    return Occurrence(uid, recurrence, start, fields.summary, fields.location, fields.video, fields.participants,
                      fields.unaddressed)


def _series_uid(block: _Block) -> str:
    """A UID for a series written without one or with an empty one (Microsoft CDO for Exchange, calcurse): from its
    start and title, so the same file imported again finds the same meetings. Added to the block, for the parser
    that expands it."""
    start = _first(block.props, "DTSTART")[1].strip()
    summary = _unescape(_first(block.props, "SUMMARY")[1]).strip()
    uid = f"netz-series-{start}-{summary[:40]}"
    block.props["UID"] = [({}, uid)]
    # an empty 'UID:' line (calcurse writes one) would be a second UID beside this one: the parser then failed
    block.lines = [line for line in block.lines if not _UID_LINE.match(line)]
    block.lines.insert(1, "UID:" + escape_text(uid))
    return uid


_UID_LINE = re.compile(r"(?i)UID[;:]")


def _uid(block: _Block) -> str:
    return _unescape(block.props["UID"][0][1]).strip() if "UID" in block.props else ""


def _sequence(block: _Block) -> int:
    value = _first(block.props, "SEQUENCE")[1].strip()
    return int(value) if value.isdigit() and len(value) < 10 else 0


def _stamp(block: _Block) -> str:
    """DTSTAMP as written, in UTC by RFC 5545 ('20260115T080000Z'): such values sort as text."""
    return _first(block.props, "DTSTAMP")[1].strip().upper()


def _newest_versions(singles: list[_Block]) -> list[_Block]:
    """Single events without the older versions of one: a calendar that kept an event as it was before a change
    has two events of one UID, the newer with the higher SEQUENCE, or with the same SEQUENCE and the later DTSTAMP
    (RFC 5546 2.1.5: two invitations for one meeting, each moving it). Copies of an event (one UID, the same
    SEQUENCE and DTSTAMP, as a calendar that copies an event writes them into one export) all stay."""
    versions = [(block, _uid(block), (_sequence(block), _stamp(block))) for block in singles]
    newest: dict[str, tuple[int, str]] = {}
    for _, uid, version in versions:
        newest[uid] = max(newest.get(uid, (0, "")), version)
    return [block for block, uid, version in versions if not uid or version >= newest[uid]]


def read_calendar(name: str, stream: IO[bytes], first_day: dt.date, last_day: dt.date,
                  zone: dt.tzinfo | None = None) -> CalendarRead:
    """Every meeting occurrence whose local day lies in [first_day, last_day]; `zone` is the user's time zone
    (None: the machine's)."""
    result = CalendarRead(name)
    calendar: dict[str, str] = {}
    definitions: dict[str, str] = {}
    series: dict[str, list[_Block]] = {}
    singles: list[_Block] = []
    special: set[str] = set()
    for block in _blocks(logical_lines(stream), calendar, definitions):
        result.events += 1
        block.number = result.events
        props = block.props
        uid = _uid(block)
        if not uid.endswith(REMINDER_UID) and _special_day(props, calendar, name):
            special.add(uid or str(block.number))
            continue
        if not uid and ("RRULE" in props or "RDATE" in props):
            uid = _series_uid(block)
        if uid and ("RRULE" in props or "RDATE" in props or "RECURRENCE-ID" in props):
            try:
                _to_day_rules(block, last_day)
            except BadRule as error:
                result.problems.append(Problem(name, result.events, "calendar_bad_series", f"{uid[:60]}: {error}"))
                continue
            series.setdefault(uid, []).append(block)
        else:
            singles.append(block)
    # an event of a UID that also has overrides is their series' master, even without a rule: an override of its
    # own start replaces it (RFC 5545 3.8.4.4)
    masters = [block for block in singles if _uid(block) in series]
    for block in masters:
        series[_uid(block)].insert(0, block)
    singles = [block for block in singles if _uid(block) not in series]
    zones = _Zones(definitions)
    default_zone = zones.get(calendar["X-WR-TIMEZONE"].strip()) if calendar.get("X-WR-TIMEZONE") else None
    current = _newest_versions(singles)
    result.replaced = len(singles) - len(current)
    single_starts: dict[str, dt.datetime | dt.date] = {}
    for block in current:
        starts = block.props.get("DTSTART") or [({}, "")]
        try:
            start = _parse_start(*starts[0], zones, default_zone)
        except ValueError:
            result.problems.append(Problem(name, block.number, "calendar_bad_start", starts[0][1].strip()[:40]))
            continue
        fields = _fields_of_block(block.props)
        cancelled = _cancelled(fields)
        if start is None and cancelled:
            result.cancelled += 1           # a cancellation that names no start (METHOD:CANCEL): nothing was missed
            if fields.uid:
                result.cancellations.append(Cancellation(fields.uid, ""))
            continue
        if start is None:
            result.problems.append(Problem(name, block.number, "calendar_no_start"))
            continue
        local = _local(start, zone)
        day = _day(local)
        if not first_day <= day <= last_day:
            if day < first_day:
                result.earlier += 1
            else:
                result.later += 1
            continue
        if cancelled:
            result.cancelled += 1
            if fields.uid:
                result.cancellations.append(Cancellation(fields.uid, ""))
            continue
        uid = fields.uid or f"netz-{_recurrence_id(start)}-{fields.summary[:40]}"
        # one UID on events of other days (a calendar that copies an event keeps its UID): each is a meeting of its
        # own; the first keeps the plain key it always had, so an earlier import finds it again
        recurrence = _recurrence_id(start) if single_starts.setdefault(uid, start) != start else ""
        result.occurrences.append(_occurrence(fields, uid, recurrence, local))
    result.special_days = len(special)
    if series:
        _expand_series(result, calendar, definitions, series, first_day, last_day, zone, zones, default_zone)
    return result


def _expand_series(result: CalendarRead, calendar: dict[str, str], definitions: dict[str, str],
                   series: dict[str, list[_Block]], first_day: dt.date, last_day: dt.date,
                   zone: dt.tzinfo | None, zones: _Zones, default_zone: dt.tzinfo | None) -> None:
    """Series through icalendar and recurring_ical_events, one series at a time so a broken one costs only itself."""
    import zoneinfo

    import icalendar
    import recurring_ical_events

    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:netz"]
    if calendar.get("X-WR-TIMEZONE"):
        head.append("X-WR-TIMEZONE:" + calendar["X-WR-TIMEZONE"].strip())
    window = (first_day - dt.timedelta(days=1), last_day + dt.timedelta(days=2))

    def expand(group: dict[str, list[_Block]]) -> list[Any]:
        lines = [line for blocks in group.values() for block in blocks for line in block.lines]
        used = {m.group(1) or m.group(2) for line in lines for m in _TZID.finditer(line)}
        # a zone as Windows shows it, without a VTIMEZONE: the series gets the IANA zone netz reads it as, so an
        # occurrence and its override meet at one time
        renamed: dict[str, str] = {}
        for tzid in used - definitions.keys():
            zone = _zone_by_other_name(tzid) if _zone_by_name(tzid) is None else None
            if isinstance(zone, zoneinfo.ZoneInfo):
                renamed[tzid] = zone.key
        # the file's VTIMEZONE that must win over the IANA zone of its name gets a name no IANA zone has
        own = {tzid: f"netz-file-zone-{number}" for number, tzid in enumerate(sorted(used & definitions.keys()))
               if zones.file_zone_wins(tzid)}
        renamed.update(own)
        zone_texts = [re.sub(r"(?im)^TZID:.*$", "TZID:" + own[t], definitions[t]) if t in own
                      else definitions[t] for t in used if t in definitions]

        def iana(match: re.Match[str]) -> str:
            tzid = match.group(1) or match.group(2)
            return f";TZID={renamed[tzid]}" if tzid in renamed else match.group(0)

        if renamed:
            lines = [_TZID.sub(iana, line) for line in lines]
        text = "\r\n".join([*head, *zone_texts, *lines, "END:VCALENDAR"])
        parsed = icalendar.Calendar.from_ical(text + "\r\n")
        return list(recurring_ical_events.of(parsed, skip_bad_series=len(group) > 1).between(*window))

    broken: set[str] = set()
    try:
        components = expand(series)        # all series at once: one parse of the shared time zones
    except Exception:  # noqa: BLE001 (one broken series spoils the whole parse: go one by one below)
        components = []
        for uid, blocks in series.items():
            try:
                components += expand({uid: blocks})
            except Exception as error:  # noqa: BLE001 (this series is reported, the others stay)
                broken.add(uid)
                message = _as_written(str(error), blocks)
                result.problems.append(Problem(result.file, blocks[0].number, "calendar_bad_series",
                                               f"{uid[:60]}: {message}"[:200]))
    # what each occurrence says comes from its own block: the master's, or the override's for its recurrence id
    masters: dict[str, _Fields] = {}
    overrides: dict[tuple[str, str], _Fields] = {}
    moves: dict[tuple[str, str], dt.timedelta] = {}     # RANGE=THISANDFUTURE: how far it moves the later meetings
    for uid, blocks in series.items():
        for block in blocks:
            fields = _fields_of_block(block.props)
            recurrence_ids = block.props.get("RECURRENCE-ID")
            start = _start_or_none(*recurrence_ids[0], zones, default_zone) if recurrence_ids else None
            if start is not None:
                overrides[(uid, _recurrence_id(start))] = fields
                if recurrence_ids and recurrence_ids[0][0].get("RANGE", "").upper() == "THISANDFUTURE":
                    moved = _move(start, _first(block.props, "DTSTART"), zones, default_zone)
                    if moved is not None:
                        moves[(uid, _recurrence_id(start))] = moved
            else:
                masters.setdefault(uid, fields)
    seen: set[str] = set()
    met: set[tuple[str, dt.date]] = set()    # a series meets once a day at most (a moved occurrence may join another)
    for component in components:
        start_value = component.get("DTSTART")
        uid = str(component.get("UID", "")).strip()
        if start_value is None or not uid:
            continue
        start = start_value.dt
        local = _local(start, zone)
        day = _day(local)
        if not first_day <= day <= last_day:
            continue
        seen.add(uid)
        if (uid, day) in met:
            continue
        met.add((uid, day))
        recurrence = component.get("RECURRENCE-ID")
        rid = _recurrence_id(recurrence.dt if recurrence is not None else start)
        override = overrides.get((uid, rid))
        found = override or masters.get(uid)
        if found is None:
            continue
        if (uid, rid) in moves:         # each meeting from a THISANDFUTURE override on keeps the id of its own day
            with contextlib.suppress(TypeError, OverflowError):
                rid = _recurrence_id(start - moves[(uid, rid)])
        if _cancelled(found) or str(component.get("STATUS", "")).upper() == "CANCELLED":
            result.cancelled += 1
            result.cancellations.append(Cancellation(uid, rid, whole_series=override is None))
            continue
        result.occurrences.append(_occurrence(found, uid, rid, local))
    for uid in series.keys() - seen - broken:                 # no occurrence in the window: say on which side
        starts = [_start_or_none(*block.props["DTSTART"][0], zones, default_zone)
                  for block in series[uid] if "DTSTART" in block.props]
        days = [_day(_local(start, zone)) for start in starts if start is not None]
        if days and min(days) > last_day:
            result.later += 1
        else:
            result.earlier += 1

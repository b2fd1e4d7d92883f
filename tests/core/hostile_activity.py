"""Hypothesis strategies for hostile activity files: random calendars (.ics) and mailboxes (.mbox, .eml) in the
shapes Google, Outlook, Apple and Thunderbird write, then optionally broken the ways real files break.

Each strategy yields the file's bytes, how many events or messages a faithful reader must count as read (None when
a mutation made that unknowable), and every event group (a series with its overrides) or message as a file of its
own, so a test can check that each one alone ends up somewhere in the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st

# the user and contacts every example starts from, and the calendar tests' clock and zone
from tests.core.test_import_calendar import BERLIN, NOW, seed  # noqa: F401

ME = "petra.plan@example.com"
PEOPLE = {"Anna Weber": "anna.weber@voith.example", "Max Muster": "max.muster@siemens-energy.example",
          "Carla Nowak": "carla.nowak@h2-netz.example"}
STRANGERS = ["lena.kraft@elektrolyse.example", "tim@start.example", "Noreply@service.example",
             "notifications@github.example"]
MALFORMED = ["", "not-an-email", "a@b@c", "@voith.example", "anna.weber@", "<>", "anna weber@voith.example",
             "\u00e4nna@umlaut.example", "x" * 300 + "@long.example"]


@dataclass(frozen=True, slots=True)
class ActivitySample:
    data: bytes
    records: int | None          # events (VEVENT blocks) or messages a reader must count; None: unknowable
    items: tuple[bytes, ...]     # each event group or message as a file of its own (empty when mutated)
    description: str


# --- text ---------------------------------------------------------------------------------------------------------

AWKWARD = [",", ";", ":", "\\", "\\n", "\\,", "\\;", '"', "'", "\t", "ß", "Ü", "é", "😀", "\u200b", "\u00a0",
           "<script>alert(1)</script>", "\x00", "\x1b", "=?utf-8?q?x?=", "Canceled: ", "Anna Weber", "{count}",
           "{0}", "%s", "\u202e", "ﬀ"]
WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\n"),
               max_size=12)
TEXT = st.lists(st.one_of(WORD, st.sampled_from(AWKWARD)), max_size=5).map("".join)


def _ics_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


# --- calendar -----------------------------------------------------------------------------------------------------

TZIDS = ["Europe/Berlin", "America/New_York", "UTC", "W. Europe Standard Time", "Unknown/Nowhere", "Mars/Olympus",
         '"Europe/Berlin"', "(UTC+01:00) Amsterdam, Berlin", "Custom Zone", ""]
CUSTOM_ZONE = ["BEGIN:VTIMEZONE", "TZID:Custom Zone", "BEGIN:STANDARD", "DTSTART:19701025T030000",
               "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"]
BAD_DATES = ["2026", "20261301", "20260230", "00000101", "20260101T250000", "20261301T100000", "20260101T1000",
             "2026-03-01", "2026-03-01T10:00:00Z", "", "99991231T235959Z", "19000101T000000Z"]
BAD_RULES = ["FREQ=NONSENSE", "FREQ=WEEKLY;BYDAY=XX", "COUNT=3", "", "FREQ=DAILY;COUNT=-1", "FREQ=DAILY;INTERVAL=0",
             "FREQ=WEEKLY;UNTIL=notadate", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"]
LOCATIONS = ["", "Café Rosa, Hauptstr. 1, Stuttgart", "https://zoom.us/j/123", "Microsoft Teams-Besprechung",
             "tel:+49 711 123456", "+49 (711) 123-456", "Online", "https://example.org/meet"]


@st.composite
def _instant(draw: st.DrawFn) -> dt.datetime:
    """A moment around NOW: mostly inside the ten-year window, some older, some far ahead."""
    kind = draw(st.sampled_from(["recent", "recent", "recent", "soon", "old", "ahead", "edge"]))
    if kind == "recent":
        delta = dt.timedelta(days=-draw(st.integers(0, 400)), minutes=draw(st.integers(0, 24 * 60)))
    elif kind == "soon":
        delta = dt.timedelta(days=draw(st.integers(0, 59)), minutes=draw(st.integers(0, 24 * 60)))
    elif kind == "old":
        delta = dt.timedelta(days=-draw(st.integers(3650, 9000)))
    elif kind == "ahead":
        delta = dt.timedelta(days=draw(st.integers(61, 3000)))
    else:   # the window's edges
        delta = dt.timedelta(days=draw(st.sampled_from([-3651, -3650, -3649, 59, 60, 61, 0])),
                             hours=draw(st.integers(-2, 2)))
    return (NOW + delta).replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class _Time:
    form: str          # 'date' | 'utc' | 'floating' | 'tzid' | 'bad'
    tzid: str
    value: str

    def line(self, name: str) -> str:
        if self.form == "date":
            return f"{name};VALUE=DATE:{self.value}"
        if self.form == "tzid":
            return f"{name};TZID={self.tzid}:{self.value}"
        return f"{name}:{self.value}"


def _format(moment: dt.datetime, form: str, tzid: str = "") -> _Time:
    if form == "date":
        return _Time(form, "", moment.strftime("%Y%m%d"))
    if form == "utc":
        return _Time(form, "", moment.strftime("%Y%m%dT%H%M%SZ"))
    return _Time(form, tzid, moment.strftime("%Y%m%dT%H%M%S"))


@st.composite
def _start(draw: st.DrawFn) -> tuple[dt.datetime, _Time]:
    moment = draw(_instant())
    form = draw(st.sampled_from(["date", "utc", "floating", "tzid", "tzid", "bad"]))
    if form == "bad":
        return moment, _Time("bad", "", draw(st.sampled_from(BAD_DATES)))
    return moment, _format(moment, form, draw(st.sampled_from(TZIDS)) if form == "tzid" else "")


@st.composite
def _participant_line(draw: st.DrawFn, organizer: bool) -> str:
    who = draw(st.sampled_from(["contact", "contact", "me", "stranger", "malformed"]))
    if who == "contact":
        name, address = draw(st.sampled_from(sorted(PEOPLE.items())))
        address = draw(st.sampled_from([address, address.upper()]))
    elif who == "me":
        name, address = "Petra Plan", ME
    elif who == "stranger":
        address = draw(st.sampled_from(STRANGERS))
        name = draw(st.sampled_from(["", "Lena Kraft", "Max Muster", "anna.weber@voith.example"]))
    else:
        name, address = draw(TEXT), draw(st.sampled_from(MALFORMED))
    params = []
    if name or draw(st.booleans()):
        params.append(f'CN="{name}"' if draw(st.booleans()) else f"CN={name}")
    if not organizer and draw(st.booleans()):
        params.append("PARTSTAT=" + draw(st.sampled_from(["ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION",
                                                           "declined", "DELEGATED", "X-WHATEVER", ""])))
    if draw(st.integers(0, 9)) == 0:
        params.append("CUTYPE=" + draw(st.sampled_from(["ROOM", "RESOURCE", "INDIVIDUAL", "GROUP"])))
    if draw(st.integers(0, 9)) == 0:
        params.append("ROLE=" + draw(st.sampled_from(["REQ-PARTICIPANT", "NON-PARTICIPANT", "CHAIR"])))
    scheme = draw(st.sampled_from(["mailto:", "mailto:", "MAILTO:", "", "mailto:mailto:"]))
    if draw(st.integers(0, 9)) == 0:
        params.append(f"EMAIL={address}")
        value = "urn:uuid:" + "0" * 8
    else:
        value = scheme + address
    prefix = "ORGANIZER" if organizer else "ATTENDEE"
    return ";".join([prefix, *params]) + ":" + value


def _rrule(draw: st.DrawFn, start: _Time) -> str | None:
    kind = draw(st.sampled_from(["none", "none", "daily", "weekly", "monthly", "yearly", "count", "until", "huge",
                                 "tiny", "bad"]))
    if kind == "none":
        return None
    if kind == "bad":
        return "RRULE:" + draw(st.sampled_from(BAD_RULES))
    if kind == "huge":
        return "RRULE:FREQ=" + draw(st.sampled_from(["DAILY", "WEEKLY"])) + ";COUNT=" + \
            str(draw(st.sampled_from([10_000, 100_000, 1_000_000])))
    if kind == "tiny":
        counts = ["", ";COUNT=50", ";COUNT=100000"]
        return "RRULE:FREQ=" + draw(st.sampled_from(["HOURLY", "MINUTELY", "SECONDLY"])) + ";INTERVAL=" + \
            str(draw(st.sampled_from([1, 7, 60]))) + draw(st.sampled_from(counts))
    freq = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}.get(
        kind, draw(st.sampled_from(["DAILY", "WEEKLY"])))
    rule = f"RRULE:FREQ={freq};INTERVAL={draw(st.integers(1, 3))}"
    if kind == "count" or draw(st.integers(0, 3)) == 0:
        rule += f";COUNT={draw(st.integers(1, 20))}"
    elif kind == "until":
        until = NOW + dt.timedelta(days=draw(st.integers(-500, 200)))
        form = "date" if start.form == "date" else draw(st.sampled_from(["utc", "utc", "date", "floating"]))
        rule += ";UNTIL=" + _format(until, form).value
    return rule


@st.composite
def ics_group(draw: st.DrawFn, uid: str) -> list[list[str]]:
    """One event: a single one, or a series with EXDATEs and RECURRENCE-ID overrides (blocks sharing its UID)."""
    moment, start = draw(_start())
    lines = ["BEGIN:VEVENT"]
    if uid:
        lines.append(f"UID:{uid}")
    if draw(st.integers(0, 9)):
        lines.append(start.line("DTSTART"))
    end_kind = draw(st.sampled_from(["none", "end", "end", "duration", "before"]))
    if end_kind == "end" and start.form != "bad":
        length = dt.timedelta(days=1) if start.form == "date" else dt.timedelta(minutes=draw(st.integers(15, 240)))
        lines.append(_format(moment + length, start.form, start.tzid).line("DTEND"))
    elif end_kind == "duration":
        lines.append("DURATION:" + draw(st.sampled_from(["PT1H", "P1D", "PT0S", "-PT1H", "P1W", "garbage"])))
    elif end_kind == "before" and start.form != "bad":
        lines.append(_format(moment - dt.timedelta(hours=2), start.form, start.tzid).line("DTEND"))
    rule = _rrule(draw, start)
    if rule:
        lines.append(rule)
    if draw(st.integers(0, 2)) == 0:
        lines.append("SUMMARY:" + _ics_escape(draw(TEXT)))
    else:
        lines.append("SUMMARY:" + draw(st.sampled_from(["Jour fixe", "Call mit Carla Nowak", "Mittagessen",
                                                          "Canceled: Review", "Meeting", "Workshop Elektrolyse"])))
    if draw(st.booleans()):
        lines.append("LOCATION:" + _ics_escape(draw(st.one_of(st.sampled_from(LOCATIONS), TEXT))))
    if draw(st.integers(0, 4)) == 0:
        lines.append("STATUS:" + draw(st.sampled_from(["CANCELLED", "CONFIRMED", "TENTATIVE", "cancelled"])))
    if draw(st.booleans()):
        lines.append(draw(_participant_line(True)))
    for _ in range(draw(st.integers(0, 4))):
        lines.append(draw(_participant_line(False)))
    overrides: list[list[str]] = []
    if rule and start.form != "bad":
        step = dt.timedelta(days=1 if "DAILY" in rule else 7)
        for _ in range(draw(st.integers(0, 2))):     # EXDATE on the n-th occurrence (or a day off the series)
            at = moment + step * draw(st.integers(0, 5)) + dt.timedelta(hours=draw(st.sampled_from([0, 0, 1])))
            lines.append(_format(at, start.form, start.tzid).line("EXDATE"))
        for _ in range(draw(st.integers(0, 2))):
            at = moment + step * draw(st.integers(0, 5))
            rid_form = draw(st.sampled_from([start.form, start.form, start.form, "date", "utc", "floating"]))
            rid = _format(at, rid_form, start.tzid if rid_form == "tzid" else "")
            moved = at + dt.timedelta(hours=draw(st.integers(-30, 30)))
            block = ["BEGIN:VEVENT", f"UID:{uid}", rid.line("RECURRENCE-ID"),
                     _format(moved, start.form, start.tzid).line("DTSTART"),
                     "SUMMARY:" + _ics_escape(draw(TEXT) or "Verschoben")]
            if draw(st.integers(0, 2)) == 0:
                block.append("STATUS:CANCELLED")
            for _ in range(draw(st.integers(0, 2))):
                block.append(draw(_participant_line(False)))
            block.append("END:VEVENT")
            overrides.append(block)
    if draw(st.integers(0, 5)) == 0:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "END:VALARM"]
    lines.append("END:VEVENT")
    return [lines, *overrides]


_UIDS = ["a1@google.com", "a2@google.com", "040000008200E00074C5B7101A82E008", "b@x", "täst-üid", "x@netz",
         "uid;with,escapes", "birthday-1@netz"]


def _fold(line: str, width: int, by_bytes: bool) -> list[bytes]:
    raw = line.encode("utf-8")
    if not width or len(raw) <= width:
        return [raw]
    if by_bytes:          # folding may split a UTF-8 character: readers must join before decoding
        return [raw[:width]] + [b" " + raw[i:i + width] for i in range(width, len(raw), width)]
    return [line[:width].encode()] + [(" " + line[i:i + width]).encode() for i in range(width, len(line), width)]


def _ics_bytes(blocks: list[list[str]], width: int, by_bytes: bool, newline: bytes, x_wr: str | None,
               custom_zone: bool) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hostile//EN"]
    if x_wr:
        lines.append(f"X-WR-TIMEZONE:{x_wr}")
    if custom_zone:
        lines += CUSTOM_ZONE
    lines += [line for block in blocks for line in block]
    lines.append("END:VCALENDAR")
    return newline.join(part for line in lines for part in _fold(line, width, by_bytes)) + newline


@st.composite
def ics_file(draw: st.DrawFn, mutate: bool = True) -> ActivitySample:
    """A calendar with 1-8 VEVENT groups, folded, with LF or CRLF, then optionally broken."""
    count = draw(st.integers(1, 8))
    uids = draw(st.lists(st.sampled_from([*_UIDS, ""]), min_size=count, max_size=count, unique=True))
    groups = [draw(ics_group(uid)) for uid in uids]
    width = draw(st.sampled_from([0, 0, 75, 20]))
    by_bytes = draw(st.booleans())
    newline = draw(st.sampled_from([b"\r\n", b"\n"]))
    x_wr = draw(st.sampled_from([None, None, "Europe/Berlin", "America/Los_Angeles", "Not/AZone"]))
    custom = draw(st.booleans())
    blocks = [block for group in groups for block in group]
    data = _ics_bytes(blocks, width, by_bytes, newline, x_wr, custom)
    items = tuple(_ics_bytes(group, width, by_bytes, newline, x_wr, custom) for group in groups)
    what: list[str] = []
    if mutate:
        data, what = _mutate(draw, data, newline, huge=b"SUMMARY:")
    description = f"{len(blocks)} VEVENTs in {count} groups, fold {width}, x-wr {x_wr}, mutations {what}"
    return ActivitySample(data, None if what else len(blocks), () if what else items, description)


def _mutate(draw: st.DrawFn, data: bytes, newline: bytes, huge: bytes) -> tuple[bytes, list[str]]:
    lines = data.split(newline)
    what = []
    for _ in range(draw(st.integers(0, 3))):
        mutation = draw(st.sampled_from(["cut", "drop", "duplicate", "bytes", "mix", "huge", "nul", "truncate",
                                         "begin", "end", "latin1"]))
        lines = lines or [b""]   # a file truncated to nothing by an earlier mutation is one empty line
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if mutation == "cut":
            lines[at] = lines[at][: draw(st.integers(0, max(len(lines[at]) - 1, 0)))]
        elif mutation == "drop":
            del lines[at]
        elif mutation == "duplicate":
            lines.insert(at, lines[at])
        elif mutation == "bytes":
            lines.insert(at, draw(st.binary(min_size=1, max_size=40)))
        elif mutation == "mix":
            lines[at] = lines[at] + (b"\n" if newline == b"\r\n" else b"\r\n")
        elif mutation == "huge":
            lines.insert(at, huge + b"A" * draw(st.sampled_from([5_000, 300_000, 1_100_000])))
        elif mutation == "nul":
            lines[at] = lines[at] + b"\x00"
        elif mutation == "truncate":
            lines = lines[:at]
        elif mutation == "begin":
            lines.insert(at, draw(st.sampled_from([b"BEGIN:VEVENT", b"BEGIN:VCALENDAR", b"BEGIN:VTODO",
                                                   b"BEGIN:VTIMEZONE"])))
        elif mutation == "end":
            lines.insert(at, draw(st.sampled_from([b"END:VEVENT", b"END:VCALENDAR", b"END:VALARM",
                                                   b"END:VTIMEZONE"])))
        elif mutation == "latin1":
            lines.insert(at, "SUMMARY:Gr\u00fc\u00dfe".encode("latin-1"))
        what.append(mutation)
    return newline.join(lines), what


# --- mail ---------------------------------------------------------------------------------------------------------

DATES = ["Tue, 03 Mar 2026 09:12:00 +0100", "3 Mar 2026 09:12 GMT", "Mon, 31 Feb 2026 10:00:00 +0100",
         "yesterday", "", "Tue, 03 Mar 2026 09:12:00 +9999", "Tue, 03 Mar 0000 09:12:00 +0000",
         "Tue, 03 Mar 10000 09:12:00 +0000", "Tue, 03 Mar 2026 25:61:61 +0100", "2026-03-03T09:12:00Z",
         "Fri, 01 Jan 2100 00:00:00 +0000", "Thu, 01 Jan 1970 00:00:00 +0000", "Tue, 03 Mar 26 09:12:00 EST",
         "Tue, 03 Mar 2026 09:12:00 -2359", "Tue, 03 Mar 2026 09:12:00", "Fri, 31 Dec 9999 23:59:59 -1200",
         "Mon, 01 Jan 0001 00:00:00 +1400"]
SUBJECTS = ["Angebot", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "=?utf-8?b?w6TDtsO8?=", "=?utf-8?q?broken", "=?x-unknown?b?AAA?=",
            "=?utf-8?b?////?=", "AW: Re: [EXT] Angebot", "=?iso-8859-1?q?M=FCller?= und =?utf-8?q?mehr?=", "",
            "Re:", "=?utf-8?q?" + "A" * 200 + "?="]
SEPARATORS = ["From - Tue Oct 02 00:26:47 2007", "From a@b Sun Aug  7 11:40:37 2022", "From MAILER-DAEMON",
              "From 1700000000000000000@xxx Wed Mar 04 09:12:33 +0000 2026", "From ", "From x Feb 30 99:99:99 2020",
              "From x Wed Mar 04 09:12:33 10000"]


@st.composite
def _address(draw: st.DrawFn) -> str:
    who = draw(st.sampled_from(["contact", "contact", "me", "stranger", "malformed", "encoded", "group"]))
    if who == "contact":
        name, address = draw(st.sampled_from(sorted(PEOPLE.items())))
        return draw(st.sampled_from([f"{name} <{address}>", address, f'"{name}" <{address.upper()}>']))
    if who == "me":
        return draw(st.sampled_from([f"Petra Plan <{ME}>", ME, ME.upper()]))
    if who == "stranger":
        return draw(st.sampled_from(STRANGERS))
    if who == "encoded":
        return draw(st.sampled_from(["=?utf-8?q?J=C3=BCrgen?= <juergen@kunde.example>",
                                     "=?utf-8?b?broken <anna.weber@voith.example>",
                                     '"Weber, Anna" <anna.weber@voith.example>']))
    if who == "group":
        return draw(st.sampled_from(["undisclosed-recipients:;", "Team: anna.weber@voith.example, tim@start.example;"]))
    return draw(st.sampled_from(MALFORMED)) if draw(st.booleans()) else draw(TEXT)


@st.composite
def mail_message(draw: st.DrawFn, ids: list[str]) -> list[str]:
    """The lines of one message: headers in a random choice and order, a blank line, a short body."""
    headers = []
    if draw(st.integers(0, 9)):
        headers.append("From: " + draw(_address()))
    if draw(st.integers(0, 5)):
        headers.append("To: " + ", ".join(draw(st.lists(_address(), min_size=1, max_size=3))))
    if draw(st.booleans()):
        headers.append("Cc: " + ", ".join(draw(st.lists(_address(), min_size=1, max_size=2))))
    if draw(st.integers(0, 7)):
        headers.append("Date: " + draw(st.sampled_from(DATES)))
    if draw(st.integers(0, 5)):
        headers.append("Subject: " + draw(st.one_of(st.sampled_from(SUBJECTS), TEXT)))
    if draw(st.integers(0, 5)):
        message_id = draw(st.sampled_from([*ids, "", "no-brackets@x", "<a@b> <c@d>", "<>"]))
        headers.append(f"Message-ID: {message_id}")
    if draw(st.integers(0, 3)) == 0:
        headers.append("References: " + draw(st.sampled_from(ids)))
    if draw(st.integers(0, 5)) == 0:
        headers.append(draw(st.sampled_from(["List-Id: <list.example>", "Precedence: bulk", "Auto-Submitted: auto",
                                             "X-Gmail-Labels: Spam", "X-Gmail-Labels: Inbox,Trash",
                                             "Auto-Submitted: no", "List-Unsubscribe: <mailto:u@x>"])))
    order = draw(st.permutations(headers))
    lines = ["X-GM-THRID: 1", *order] if draw(st.booleans()) else ["Received: by x", *order]
    body = draw(st.sampled_from(["Hallo", "From here on, unescaped.", ">From me", "", "From: not a header\r\nline"]))
    return [*lines, "", body, ""]


@st.composite
def mbox_file(draw: st.DrawFn, mutate: bool = True) -> ActivitySample:
    """An mbox with 1-8 messages (Google Takeout or Thunderbird style), then optionally broken."""
    ids = [f"<m{i}@example.com>" for i in range(4)]
    messages = draw(st.lists(mail_message(ids), min_size=1, max_size=8))
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1"]))
    parts = []
    for lines in messages:
        separator = draw(st.sampled_from(SEPARATORS))
        parts.append(newline.join([separator, *lines]).replace("\r\n", newline).encode(encoding, errors="replace"))
    data = newline.encode().join(parts) + newline.encode()
    items = tuple(part + newline.encode() for part in parts)
    what: list[str] = []
    if mutate:
        data, what = _mutate(draw, data, newline.encode(), huge=b"X-Huge: ")
    return ActivitySample(data, None if what else len(messages), () if what else items,
                          f"{len(messages)} messages, {encoding}, mutations {what}")


@st.composite
def eml_file(draw: st.DrawFn, mutate: bool = True) -> ActivitySample:
    """A single message (.eml), then optionally broken."""
    lines = draw(mail_message([f"<m{i}@example.com>" for i in range(4)]))
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1"]))
    data = newline.join(lines).replace("\r\n", newline).encode(encoding, errors="replace")
    what: list[str] = []
    if mutate:
        data, what = _mutate(draw, data, newline.encode(), huge=b"X-Huge: ")
    return ActivitySample(data, None if what else 1, () if what else (data,), f"eml, {encoding}, mutations {what}")

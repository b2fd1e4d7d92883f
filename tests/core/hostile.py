"""Hypothesis strategies for hostile import files: random phone-style vCards and LinkedIn CSVs, then mutated.

Each strategy yields the file's bytes and how many records a reader that never loses one must account for.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# 25 examples per property keep `make test` quick. In CI (CI=true, or NETZ_DERANDOMIZE=1 as .ci/run sets) the
# examples are derandomized: the same ones every run, so a red run can be reproduced and a green one stays green;
# locally each run explores new ones.
DERANDOMIZE = any(os.environ.get(name, "").lower() in {"1", "true", "yes"} for name in ("CI", "NETZ_DERANDOMIZE"))
FEW = settings(max_examples=25, deadline=None, derandomize=DERANDOMIZE, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# text a contact file may hold: the usual, the awkward (vCard separators, quotes, emoji) and the hostile
AWKWARD = [",", ";", ":", "\\", "\\n", "\\,", '"', "'", "\t", "=", "+49", "@", "ß", "Ü", "é", "😀", "\u200b",
           "\u00a0", "Dr.", SCRIPT, IMG, "=cmd|' /C calc'!A0", "\x00", "\x1b", "&amp;"]
WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
VALUE = st.lists(st.one_of(WORD, st.sampled_from(AWKWARD)), max_size=5).map("".join)
SIMPLE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ äöüÄÖÜß-", min_size=1, max_size=12)

BIRTHDAYS = ["1975-02-28", "19750228", "--0415", "1604-04-15", "--04-15", "1975-02-30", "0000-00-00", "tomorrow",
             "2026-13-01", "", "1975-02-28T00:00:00Z"]


@dataclass(frozen=True, slots=True)
class HostileFile:
    data: bytes
    records: int  # records a faithful reader must account for (imported or reported)
    description: str


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


@st.composite
def vcard_card(draw: st.DrawFn) -> list[str]:
    """The lines of one card: version, names and a random choice of what phones write."""
    version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
    given, family = draw(SIMPLE), draw(SIMPLE)
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if draw(st.booleans()):
        lines.append(f"N:{_escape(family)};{_escape(given)};;;")
    if draw(st.integers(0, 4)):
        lines.append(f"FN:{draw(st.one_of(VALUE, st.just(f'{given} {family}')))}")
    extras = draw(st.lists(st.sampled_from(
        ["ORG", "TITLE", "EMAIL", "TEL", "BDAY", "NOTE", "URL", "CATEGORIES", "item", "PHOTO", "SOCIAL", "QP",
         "X-UNKNOWN", "CHARSET"]), max_size=6))
    for kind in extras:
        if kind == "ORG":
            lines.append(f"ORG:{_escape(draw(VALUE))};{_escape(draw(VALUE))}")
        elif kind == "TITLE":
            lines.append(f"TITLE:{draw(VALUE)}")
        elif kind == "EMAIL":
            lines.append(f"EMAIL;TYPE=INTERNET:{draw(SIMPLE).strip() or 'x'}@example.org")
        elif kind == "TEL":
            lines.append(f"TEL;TYPE=CELL:{draw(st.sampled_from(['+49 171 1234567', '0171/1234567', '12', '+', 'abc']))}")
        elif kind == "BDAY":
            lines.append(f"BDAY:{draw(st.sampled_from(BIRTHDAYS))}")
        elif kind == "NOTE":
            lines.append(f"NOTE:{_escape(draw(VALUE))}")
        elif kind == "URL":
            lines.append(f"URL:https://www.linkedin.com/in/{draw(SIMPLE).replace(' ', '-')}/?trk=x")
        elif kind == "CATEGORIES":
            lines.append(f"CATEGORIES:{','.join(_escape(v) for v in draw(st.lists(VALUE, max_size=3)))}")
        elif kind == "item":
            lines += [f"item1.EMAIL:{draw(SIMPLE).strip() or 'y'}@example.com", f"item1.X-ABLabel:{draw(VALUE)}"]
        elif kind == "PHOTO":
            raw = base64.b64encode(draw(st.binary(max_size=300))).decode()
            raw = raw.rstrip("=") if draw(st.booleans()) else raw
            prefix = "PHOTO;ENCODING=b;TYPE=JPEG:" if version != "2.1" else "PHOTO;ENCODING=BASE64;TYPE=JPEG:"
            lines.append(prefix + raw[:70])
            lines += [" " + raw[i:i + 70] for i in range(70, len(raw), 70)]
        elif kind == "SOCIAL":
            lines.append(f"X-SOCIALPROFILE;type=linkedin:http://linkedin.com/in/{draw(SIMPLE).replace(' ', '')}")
        elif kind == "QP":
            text = draw(VALUE).encode("utf-8")
            encoded = "".join(f"={b:02X}" for b in text)
            lines.append(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded[:60]}" +
                         (f"=\r\n{encoded[60:]}" if len(encoded) > 60 else ""))
        elif kind == "X-UNKNOWN":
            lines.append(f"X-{draw(SIMPLE).replace(' ', '').upper() or 'Y'};;:{draw(VALUE)}")
        elif kind == "CHARSET":
            lines.append(f"NOTE;CHARSET={draw(st.sampled_from(['UTF-8', 'WINDOWS-1252', 'x-unknown']))}:"
                         f"{draw(VALUE)}")
    lines.append("END:VCARD")
    return lines


def _fold(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    return line[:width] + "".join("\r\n " + line[i:i + width] for i in range(width, len(line), width))


@st.composite
def vcard_file(draw: st.DrawFn, mutate: bool = True) -> HostileFile:
    """A file of 1-6 random cards, optionally folded, re-encoded and mutated the ways real files break."""
    cards = draw(st.lists(vcard_card(), min_size=1, max_size=6))
    lines = [line for card in cards for line in card]
    width = draw(st.sampled_from([0, 40, 75]))
    if width:
        lines = [_fold(line, width) for line in lines]
    what = []
    if mutate:
        for _ in range(draw(st.integers(0, 3))):
            mutation = draw(st.sampled_from(["drop", "duplicate", "garbage", "comment", "blank", "swap"]))
            at = draw(st.integers(0, max(len(lines) - 1, 0)))
            if mutation == "drop" and lines[at].upper() != "BEGIN:VCARD":
                del lines[at]
            elif mutation == "duplicate" and lines[at].upper() != "BEGIN:VCARD":
                lines.insert(at, lines[at])
            elif mutation == "garbage":
                lines.insert(at + 1, draw(st.sampled_from(["garbage without colon", ":", "\\", "=", "X;=;:"])))
            elif mutation == "comment":
                lines.insert(at + 1, "# a comment line")
            elif mutation == "blank":
                lines.insert(at + 1, "")
            elif mutation == "swap" and lines[at].upper() != "BEGIN:VCARD":
                lines[at] = lines[at].lower()
            what.append(mutation)
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    text = newline.join(lines) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    return HostileFile(data, _cards_in(lines), f"{len(cards)} cards, {encoding}, fold {width}, {what}")


def _cards_in(lines: list[str]) -> int:
    """Cards a reader must account for: every BEGIN, and property lines outside any card that an END closes (a
    card whose BEGIN was lost). Garbage such as `X;=;:` after an END and before the next BEGIN or the file's end is
    a stray line, not a card."""
    cards = depth = 0
    pending = False
    for line in lines:
        if line.upper() == "BEGIN:VCARD":
            cards, depth, pending = cards + 1, depth + 1, False
        elif line.upper() == "END:VCARD":
            if depth:
                depth -= 1
            elif pending:
                cards, pending = cards + 1, False
        elif depth == 0 and (pending or re.match(r"[A-Za-z][\w.\-]*[;:]", line)):
            pending = True
    return cards


LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed their connections to see or download '
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email. '
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
DATES = ["15 Mar 2023", "01 Jan 2019", "31 Feb 2020", "2023-03-15", "", "yesterday"]


CSV_VALUE = VALUE.map(lambda text: text.replace("\x00", ""))  # a NUL makes the file binary: refused, rightly


@st.composite
def linkedin_row(draw: st.DrawFn) -> list[str]:
    if draw(st.integers(0, 9)) == 0:  # a hidden member: only the date
        return ["", "", "", "", "", "", draw(st.sampled_from([d for d in DATES if d]))]
    first, last = draw(st.one_of(SIMPLE, CSV_VALUE)), draw(st.one_of(SIMPLE, CSV_VALUE))
    return [
        draw(st.sampled_from(["", " ", "Dr. "])) + first, last,
        f"https://www.linkedin.com/in/{draw(SIMPLE).replace(' ', '-')}{draw(st.sampled_from(['', '/', '?trk=a']))}",
        draw(st.sampled_from(["", "a@example.org", "not an email"])), draw(CSV_VALUE), draw(CSV_VALUE),
        draw(st.sampled_from(DATES)),
    ]


@st.composite
def linkedin_file(draw: st.DrawFn, mutate: bool = True) -> HostileFile:
    """A LinkedIn Connections.csv with the notes above the header, then optionally broken."""
    rows = draw(st.lists(linkedin_row(), min_size=1, max_size=8))
    header = list(LINKEDIN_HEADER)
    if draw(st.booleans()):  # exports before 2019 have no URL column
        header.remove("URL")
        rows = [row[:2] + row[3:] for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # quotes a field holding \r or \n
    writer.writerow(header)
    writer.writerows(rows)
    text = (LINKEDIN_NOTES if draw(st.booleans()) else "") + out.getvalue()
    what = []
    if mutate:
        lines = text.split("\n")
        for _ in range(draw(st.integers(0, 3))):
            mutation = draw(st.sampled_from(["quote", "cut", "extra", "tab", "blank"]))
            at = draw(st.integers(0, len(lines) - 1))
            if mutation == "quote":
                lines[at] = lines[at] + '"'
            elif mutation == "cut":
                lines[at] = lines[at][: len(lines[at]) // 2]
            elif mutation == "extra":
                lines[at] = lines[at] + ",extra,columns"
            elif mutation == "tab":
                lines[at] = lines[at].replace(",", "\t")
            elif mutation == "blank":
                lines.insert(at, "")
            what.append(mutation)
        text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    records = sum(1 for row in rows if any(cell.strip() for cell in row))   # a line of commas alone is blank
    return HostileFile(text.encode(encoding, errors="replace"), records, f"{len(rows)} rows, {encoding}, {what}")


def random_bytes() -> st.SearchStrategy[bytes]:
    """Not a contact file at all: binary, empty, or text of another kind."""
    return st.one_of(
        st.binary(max_size=2000),
        st.just(b""),
        st.just(b"\x89PNG\r\n\x1a\n" + bytes(100)),
        st.just(b"PK\x03\x04" + bytes(200)),
        st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    )

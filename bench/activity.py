"""Calendar and mail import at scale, on generated files: a ten-year mailbox of 100,000 messages (short bodies
plus every 50th with a 200 KB attachment) and a 5,000-event calendar (one in twenty a weekly series), each read,
matched and written into a database of 300 contacts. The growth of the process's peak memory (RSS) during the mail
import shows the mailbox is streamed rather than loaded."""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from pathlib import Path

from bench.harness import Row, at_most
from netzcore import db as netzdb
from netzcore.importers.activity import apply_activity, find_files, plan_activity

MAIL_LIMIT_S = 30.0
CALENDAR_LIMIT_S = 5.0
ME = "me@example.com"


def contacts(count: int = 300) -> list[str]:
    return [f"person{n}@firm{n % 40}.example" for n in range(count)]


def write_mailbox(path: Path, messages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = contacts() + [f"stranger{n}@mail.example" for n in range(2000)]
    start = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    attachment = (b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 2 + b"\n") * 2800
    with path.open("wb") as out:
        for n in range(messages):
            when = start + dt.timedelta(seconds=rng.randrange(0, 3650 * 86400))
            other = rng.choice(people)
            sender, to = (ME, other) if n % 3 == 0 else (other, ME)
            extra = b"List-Id: <news.example>\n" if n % 25 == 0 else b""
            out.write(f"From - {when:%a %b %d %H:%M:%S %Y}\nFrom: {sender}\nTo: {to}\n"
                      f"Date: {when:%a, %d %b %Y %H:%M:%S +0000}\nSubject: Thema {n % 500}\n"
                      f"Message-ID: <m{n}@example.com>\n".encode() + extra
                      + b"MIME-Version: 1.0\n\nHallo,\nein kurzer Text.\nGruss\n\n")
            if n % 50 == 0:
                out.write(attachment + b"\n")


def write_calendar(path: Path, events: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    people = contacts()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "X-WR-TIMEZONE:Europe/Berlin", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:DAYLIGHT",
             "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "DTSTART:19700329T020000",
             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:+0200",
             "TZOFFSETTO:+0100", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
             "END:STANDARD", "END:VTIMEZONE"]
    start = dt.datetime.now() - dt.timedelta(days=5 * 365)
    for n in range(events):
        when = (start + dt.timedelta(hours=rng.randrange(0, 5 * 365 * 24))).replace(minute=0, second=0)
        lines += ["BEGIN:VEVENT", f"DTSTART;TZID=Europe/Berlin:{when:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Berlin:{when + dt.timedelta(hours=1):%Y%m%dT%H%M%S}",
                  "DTSTAMP:20260101T000000Z", f"UID:ev{n}@google.com", f"SUMMARY:Projekt {n % 90}",
                  f"ORGANIZER;CN=Me:mailto:{ME}",
                  f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=P {n}:mailto:"
                  f"{rng.choice(people)}",
                  f"ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;CN=Me:mailto:{ME}",
                  "LOCATION:" + ("https://meet.google.com/abc-defg-hij" if n % 2 else "Königstraße 28\\, Stuttgart"),
                  "STATUS:CONFIRMED", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT10M", "END:VALARM"]
        if n % 20 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=20")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())


def _database(path: Path) -> netzdb.Connection:
    path.unlink(missing_ok=True)
    con = netzdb.connect(path)
    con.execute("UPDATE profile SET my_emails = [?]", [ME])
    emails = contacts()
    con.execute("INSERT INTO contacts (full_name, emails, tier) SELECT 'Person ' || n, [e], 'B' "
                "FROM (SELECT unnest(range(?)) AS n, unnest(?) AS e)", [len(emails), emails])
    return con


def _import(work: Path, source: Path) -> tuple[float, int, int]:
    con = _database(work / "activity.duckdb")
    try:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        files, _ = find_files([str(source)])
        report = apply_activity(con, plan_activity(con, files))
        seconds = time.perf_counter() - started
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    finally:
        con.close()
    return seconds, report.created, peak


def measure(work: Path, messages: int = 100_000, events: int = 5_000) -> list[Row]:
    mailbox = work / "ten-years.mbox"
    write_mailbox(mailbox, messages)
    calendar = work / "calendar.ics"
    write_calendar(calendar, events)
    mail_s, mail_created, mail_peak = _import(work, mailbox)
    cal_s, cal_created, _ = _import(work, calendar)
    size = mailbox.stat().st_size / 1e6
    return [
        at_most(f"mail import, {messages:,} messages over ten years", mail_s, "s", MAIL_LIMIT_S,
                f"< {MAIL_LIMIT_S:.0f} s", f"{size:,.0f} MB mbox, {mail_created:,} interactions, "
                f"peak memory grew by {mail_peak / 1e6:,.0f} MB"),
        at_most(f"calendar import, {events:,} events", cal_s, "s", CALENDAR_LIMIT_S, f"< {CALENDAR_LIMIT_S:.0f} s",
                f"{cal_created:,} interactions"),
    ]

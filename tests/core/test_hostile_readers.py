"""Hostile input against the readers added lately: lists of people read by their column names, zips of contact
files and of calendars and mail, names, printed addresses and phone labels. Each input is generated at the
smallest size that shows the problem; work is bounded by counting it (how often a zip is opened, how long a line
is), never by a clock (see docs/quality.md, "Hostile input")."""

from __future__ import annotations

import io
import zipfile

from netzcore import db as netzdb
from netzcore.importers import activity
from netzcore.importers.files import zip_of_bytes

EVENT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u{i}@example.org\r\nDTSTART:20240101T100000Z\r\n"
         "SUMMARY:Termin {i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _zip(members: list[tuple[str, str | bytes]]) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return packed.getvalue()


def test_a_zip_of_many_calendars_is_opened_once_not_once_per_calendar(con: netzdb.Connection) -> None:
    """Each calendar in a zip opened the zip anew and read its whole directory: 1,000 calendars took 6 s, 4,000
    more than 90 s. The zip is opened a fixed number of times now, however many files it holds."""
    data = _zip([(f"calendars/c{i:04d}.ics", EVENT.format(i=i)) for i in range(60)])
    opened = 0

    def counted() -> zipfile.ZipFile:
        nonlocal opened
        opened += 1
        return zip_of_bytes(data)()

    files, refused = activity._zip_files("Kalender.zip", counted)
    assert (len(files), refused) == (60, [])
    plan = activity.plan_activity(con, files)
    assert sum(s.read for s in plan.sources) == 60
    assert opened <= 2, f"the zip was opened {opened} times for 60 calendars"

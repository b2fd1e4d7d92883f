"""iCalendar files (RFC 5545) built with vobject: one builder for birthdays, reminders and event meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import vobject
from dateutil import tz

PRODID = "-//netz//netz 0.1//EN"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str                              # stable, so a re-export updates instead of duplicating
    summary: str
    start: dt.date | dt.datetime          # a date makes an all-day entry
    end: dt.date | dt.datetime | None = None
    description: str = ""
    location: str = ""
    yearly: bool = False                  # birthdays
    alarm_before: dt.timedelta | None = None


def calendar_bytes(entries: Iterable[CalendarEntry], name: str) -> bytes:
    cal = vobject.iCalendar()
    cal.add("prodid").value = PRODID
    cal.add("x-wr-calname").value = name
    stamp = dt.datetime.now(tz.tzutc()).replace(microsecond=0)  # vobject knows dateutil's UTC, not datetime's
    for entry in entries:
        event = cal.add("vevent")
        event.add("uid").value = entry.uid
        event.add("dtstamp").value = stamp
        event.add("summary").value = entry.summary
        event.add("dtstart").value = entry.start
        end = entry.end
        if end is None and not isinstance(entry.start, dt.datetime):
            end = entry.start + dt.timedelta(days=1)
        if end is not None:
            event.add("dtend").value = end
        if entry.description:
            event.add("description").value = entry.description
        if entry.location:
            event.add("location").value = entry.location
        if entry.yearly:
            event.add("rrule").value = "FREQ=YEARLY"
        if entry.alarm_before is not None:
            alarm = event.add("valarm")
            alarm.add("action").value = "DISPLAY"
            alarm.add("description").value = entry.summary
            alarm.add("trigger").value = -entry.alarm_before
    return str(cal.serialize()).encode("utf-8")

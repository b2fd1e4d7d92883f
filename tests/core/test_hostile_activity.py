"""Random and broken calendars (.ics) and mailboxes (.mbox, .eml) against the activity importer: never an unhandled
exception, every event and message accounted for in the report, a second import of the same file adds nothing,
and no file makes the import hang or eat memory.

"Accounted for" here: the report counts every event or message the file holds as read, and each one (a series
with its overrides, a single event, a message), read as a file of its own, leaves a trace in the report: an
interaction, "already logged", a named reason under "Left out", an upcoming meeting, a problem, a suggestion.

Bounded example counts keep this quick; how and when the examples are derandomized: tests/core/hostile.py.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given

from netzcore import db as netzdb
from netzcore.importers.activity import (
    SKIP_REASONS,
    ActivityFile,
    ActivityReport,
    apply_activity,
    plan_activity,
    report_lines,
    upload_file,
)
from tests.core.hostile import FEW
from tests.core.hostile_activity import BERLIN, NOW, ActivitySample, eml_file, ics_file, mbox_file, seed

HANG_SECONDS = 120                # an example still running after this fails instead of hanging the suite
MAX_RSS_MB = 1500                 # the process' peak memory


class TookTooLong(AssertionError):
    pass


@contextmanager
def fresh_db() -> Iterator[netzdb.Connection]:
    """A migrated in-memory database with the user's address and five contacts, per example; an example that
    runs longer than HANG_SECONDS fails (a series expanded without end would otherwise hang the suite)."""
    def too_long(*_: object) -> None:
        raise TookTooLong(f"still running after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(HANG_SECONDS)
    con = netzdb.connect_memory()
    try:
        seed(con)
        yield con
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        con.close()


def _file(name: str, data: bytes) -> list[ActivityFile]:
    found = upload_file(name, data)
    return [found] if found else []


def _plan(con: netzdb.Connection, name: str, data: bytes):  # noqa: ANN202
    return plan_activity(con, _file(name, data), now=NOW, zone=BERLIN)


def _interactions(con: netzdb.Connection) -> int:
    row = con.execute("SELECT count(*) FROM interactions").fetchone()
    return int(row[0]) if row else 0


def _words(report: ActivityReport) -> str:
    """The report in both languages; every count and reason must have words (an unknown key comes back as is)."""
    text = "\n".join(report_lines(report, "en") + report_lines(report, "de"))
    assert "activity." not in text, text[:2000]
    assert set(report.skipped) <= set(SKIP_REASONS), report.skipped     # a reason missing there is never shown
    return text


def _traces(report: ActivityReport) -> int:
    return (report.created + report.already + sum(report.skipped.values()) + report.upcoming + len(report.problems)
            + len(report.refused) + len(report.name_suggestions) + len(report.people))


def _check_import(sample: ActivitySample, name: str) -> None:
    """Plan, preview, write and report, then the same again: no exception, no second interaction."""
    with fresh_db() as con:
        plan = _plan(con, name, sample.data)
        confirmed, people = {s.index for s in plan.name_suggestions}, {p.email for p in plan.people}
        _words(plan.preview(confirmed=confirmed, people=people, subjects=True))
        report = apply_activity(con, plan, confirmed=confirmed, people=people, subjects=True)
        _words(report)
        assert _interactions(con) == report.created, (sample.description, report)
        again = apply_activity(con, _plan(con, name, sample.data))
        _words(again)
        assert again.created == 0, (sample.description, again)
        assert _interactions(con) == report.created


def _check_accounted(sample: ActivitySample, name: str) -> None:
    assert sample.records is not None
    with fresh_db() as con:
        plan = _plan(con, name, sample.data)
        assert len(plan.sources) == 1, (sample.description, plan.refused)
        assert plan.sources[0].read == sample.records, (sample.description, plan.sources)
        for item in sample.items:
            alone = _plan(con, name, item)
            report = alone.preview()
            assert _traces(report) > 0, (sample.description, item, report)


def _check_bounded(sample: ActivitySample, name: str) -> None:
    """Ends (the alarm of fresh_db) and stays within memory: an hourly series once wrote 87,000 interactions."""
    with fresh_db() as con:
        report = apply_activity(con, _plan(con, name, sample.data))
        _words(report)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak < MAX_RSS_MB, (f"{peak:.0f} MB", sample.description, sample.data[:3000])


# 1. never an unhandled exception; 3. a second import adds nothing


@FEW
@given(ics_file(mutate=True))
def test_broken_calendars_never_crash_and_reimport_adds_nothing(sample: ActivitySample) -> None:
    _check_import(sample, "calendar.ics")


@FEW
@given(mbox_file(mutate=True))
def test_broken_mailboxes_never_crash_and_reimport_adds_nothing(sample: ActivitySample) -> None:
    _check_import(sample, "All mail.mbox")


@FEW
@given(eml_file(mutate=True))
def test_broken_single_messages_never_crash_and_reimport_adds_nothing(sample: ActivitySample) -> None:
    _check_import(sample, "message.eml")


# 2. every event and message accounted for


@FEW
@given(ics_file(mutate=False))
def test_every_calendar_event_is_accounted_for(sample: ActivitySample) -> None:
    _check_accounted(sample, "calendar.ics")


@FEW
@given(mbox_file(mutate=False))
def test_every_mailbox_message_is_accounted_for(sample: ActivitySample) -> None:
    _check_accounted(sample, "All mail.mbox")


@FEW
@given(eml_file(mutate=False))
def test_every_single_message_is_accounted_for(sample: ActivitySample) -> None:
    _check_accounted(sample, "message.eml")


# 4. bounded: no hang, no runaway memory


@FEW
@given(ics_file(mutate=True))
def test_calendars_end_within_bounded_memory(sample: ActivitySample) -> None:
    _check_bounded(sample, "calendar.ics")


@FEW
@given(mbox_file(mutate=True))
def test_mailboxes_end_within_bounded_memory(sample: ActivitySample) -> None:
    _check_bounded(sample, "All mail.mbox")

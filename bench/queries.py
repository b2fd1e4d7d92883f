"""The queries that must stay instant at 20,000 contacts: segment matching and an event's ranked plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from bench.harness import Row, at_most, median_seconds
from netzcore import db as netzdb
from netzcore.events import rank_contacts_for_event
from netzcore.goals import segment_member_counts

LIMIT_MS = 50.0


def segment_matching(con: netzdb.Connection) -> Callable[[], object]:
    """Every contact against every segment, as the target map and the goals page need it."""
    return lambda: segment_member_counts(con)


def event_ranking(con: netzdb.Connection) -> Callable[[], object]:
    """Whom to meet at the first upcoming event (the demo's trade fair with its exhibitors)."""
    row = con.execute("SELECT id FROM events WHERE starts_on >= current_date ORDER BY starts_on LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the large database has no upcoming event")
    today = dt.date.today()
    return lambda: rank_contacts_for_event(con, row[0], today)


def measure(db_path: Path, repeat: int) -> list[Row]:
    con = netzdb.connect(db_path)
    try:
        segments = con.execute("SELECT count(*) FROM segments").fetchone()
        contacts = con.execute("SELECT count(*) FROM contacts").fetchone()
        size = f"{contacts[0] if contacts else 0:,} contacts x {segments[0] if segments else 0} segments"
        target = f"< {LIMIT_MS:.0f} ms"
        matching = median_seconds(segment_matching(con), repeat) * 1000
        ranking = median_seconds(event_ranking(con), repeat) * 1000
        return [
            at_most("segment matching (goals.segment_member_counts)", matching, "ms", LIMIT_MS, target, size),
            at_most("event ranking (events.rank_contacts_for_event)", ranking, "ms", LIMIT_MS, target),
        ]
    finally:
        con.close()

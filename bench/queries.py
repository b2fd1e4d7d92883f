"""The queries that must stay instant at 20,000 contacts: segment matching and an event's ranked plan."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path

from bench.harness import Row, at_most, median_seconds, skipped
from netzcore import db as netzdb

LIMIT_MS = 50.0


def _feature(module: str, name: str) -> Callable[..., object] | None:
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError:
        return None
    return found if callable(found) else None


def segment_matching(con: netzdb.Connection) -> tuple[str, Callable[[], object]]:
    """Every contact against every segment, as the target map needs it (the goals engineer's function once
    it has landed, else the shared `segment_members()` macro)."""
    counts = _feature("netzcore.goals", "segment_member_counts")
    if counts is not None:
        return "segment matching (goals.segment_member_counts)", lambda: counts(con)
    return "segment matching (segment_members macro)", lambda: con.execute(
        "SELECT segment_id, count(*) FROM segment_members() GROUP BY ALL").fetchall()


def event_ranking(con: netzdb.Connection) -> Callable[[], object] | None:
    """Whom to meet at the first upcoming event (the trade fair with exhibitors in the large database)."""
    rank = _feature("netzcore.events", "rank_contacts_for_event")
    row = con.execute("SELECT id FROM events WHERE starts_on >= current_date ORDER BY starts_on LIMIT 1").fetchone()
    if rank is None or row is None:
        return None
    today = dt.date.today()
    return lambda: rank(con, row[0], today)


def measure(db_path: Path, repeat: int) -> list[Row]:
    con = netzdb.connect(db_path)
    try:
        segments = con.execute("SELECT count(*) FROM segments").fetchone()
        contacts = con.execute("SELECT count(*) FROM contacts").fetchone()
        size = f"{contacts[0] if contacts else 0:,} contacts x {segments[0] if segments else 0} segments"
        target = f"< {LIMIT_MS:.0f} ms"
        name, matching = segment_matching(con)
        ms = median_seconds(matching, repeat) * 1000
        rows = [at_most(name, ms, "ms", LIMIT_MS, target, size)]
        ranking = event_ranking(con)
        if ranking is None:
            rows.append(skipped("event ranking", "netzcore.events.rank_contacts_for_event not available"))
        else:
            ms = median_seconds(ranking, repeat) * 1000
            rows.append(at_most("event ranking (one event)", ms, "ms", LIMIT_MS, target))
        return rows
    finally:
        con.close()

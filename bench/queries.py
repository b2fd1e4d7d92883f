"""The queries that must stay instant at 20,000 contacts: segment matching and an event's ranked plan."""

from __future__ import annotations

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


def segment_matching(con: netzdb.Connection) -> Callable[[], object]:
    """Every contact against every segment, as the target map needs it."""
    return lambda: con.execute("SELECT segment_id, count(*) FROM segment_members() GROUP BY ALL").fetchall()


def event_ranking(con: netzdb.Connection) -> Callable[[], object] | None:
    rank = _feature("netzcore.events", "rank_contacts")
    if rank is None:
        return None
    row = con.execute("SELECT id FROM events ORDER BY starts_on LIMIT 1").fetchone()
    if row is None:
        return None
    return lambda: rank(con, row[0])


def measure(db_path: Path, repeat: int) -> list[Row]:
    con = netzdb.connect(db_path)
    try:
        segments = con.execute("SELECT count(*) FROM segments").fetchone()
        contacts = con.execute("SELECT count(*) FROM contacts").fetchone()
        size = f"{contacts[0] if contacts else 0:,} contacts x {segments[0] if segments else 0} segments"
        target = f"< {LIMIT_MS:.0f} ms"
        ms = median_seconds(segment_matching(con), repeat) * 1000
        rows = [at_most("segment matching (segment_members)", ms, "ms", LIMIT_MS, target, size)]
        ranking = event_ranking(con)
        if ranking is None:
            rows.append(skipped("event ranking", "netzcore.events.rank_contacts not available"))
        else:
            ms = median_seconds(ranking, repeat) * 1000
            rows.append(at_most("event ranking (one event)", ms, "ms", LIMIT_MS, target))
        return rows
    finally:
        con.close()

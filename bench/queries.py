"""The queries that must stay instant at 20,000 contacts: segment matching, an event's ranked plan, and a schedule
proposed for 40 contacts over three fair days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from bench.harness import Row, at_most, median_seconds
from netzcore import db as netzdb
from netzcore import events
from netzcore.events import rank_contacts_for_event
from netzcore.goals import segment_member_counts

LIMIT_MS = 50.0
SCHEDULE_LIMIT_MS = 200.0
SCHEDULED_CONTACTS = 40


def segment_matching(con: netzdb.Connection) -> Callable[[], object]:
    """Every contact against every segment, as the target map and the goals page need it."""
    return lambda: segment_member_counts(con)


def _next_event(con: netzdb.Connection) -> str:
    """The first upcoming event (the demo's trade fair with its exhibitors)."""
    row = con.execute("SELECT id FROM events WHERE starts_on >= current_date ORDER BY starts_on LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the large database has no upcoming event")
    return str(row[0])


def event_ranking(con: netzdb.Connection) -> Callable[[], object]:
    """Whom to meet at the first upcoming event."""
    event_id, today = _next_event(con), dt.date.today()
    return lambda: rank_contacts_for_event(con, event_id, today)


def event_ranking_reweighted(con: netzdb.Connection) -> Callable[[], object]:
    """The same ranking with other weights and the A and B tiers only, read from the contacts' shares the page keeps
    (events.ranking_features): what a weight slider, a filter or "more" costs on the same data."""
    event_id, today = _next_event(con), dt.date.today()
    features = events.ranking_features(con, event_id, today)
    weights = {**events.DEFAULT_WEIGHTS, "tier": 10.0, "exhibitor": 60.0}
    tiers = events.RankFilter(tiers=("A", "B"))
    return lambda: events.whom_to_meet(con, event_id, today, weights, filters=tiers, features=features)


def fair_schedule(con: netzdb.Connection) -> tuple[Callable[[], object], Callable[[], None], str]:
    """The proposal for 40 ranked contacts on the trade fair's list (its exhibitors carry halls) over three days,
    9 to 17, 30-minute slots, up to 14 a day; returns the action, how to take the 40 off the list again, a note."""
    row = con.execute("SELECT id FROM events WHERE kind = 'trade_fair' AND starts_on >= current_date "
                      "ORDER BY starts_on LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the large database has no upcoming trade fair")
    event = events.get_event(con, str(row[0]))
    assert event is not None
    today = dt.date.today()
    planned = {e.contact_id for e in events.list_plan(con, event.id)}
    ranked = [r.contact_id for r in events.rank_contacts_for_event(con, event.id, today, limit=200)
              if r.contact_id not in planned][:SCHEDULED_CONTACTS]
    events.add_to_plan(con, event.id, ranked)
    settings = events.ScheduleSettings(days=event.days[:3], free_from=dt.time(9), free_to=dt.time(17),
                                       slot_minutes=30, max_per_day=14, walk_minutes=10)
    proposal = events.propose_schedule(con, event.id, today, settings)

    def undo() -> None:
        con.execute("DELETE FROM event_plans WHERE event_id = ? AND list_contains(?, contact_id)", [event.id, ranked])

    note = f"{len(ranked)} contacts, {len(settings.days)} days: {len(proposal.slots)} slots, " \
           f"{len(proposal.left_out)} left out"
    return (lambda: events.propose_schedule(con, event.id, today, settings)), undo, note


def measure(db_path: Path, repeat: int) -> list[Row]:
    con = netzdb.connect(db_path)
    try:
        segments = con.execute("SELECT count(*) FROM segments").fetchone()
        contacts = con.execute("SELECT count(*) FROM contacts").fetchone()
        size = f"{contacts[0] if contacts else 0:,} contacts x {segments[0] if segments else 0} segments"
        target = f"< {LIMIT_MS:.0f} ms"
        matching = median_seconds(segment_matching(con), repeat) * 1000
        ranking = median_seconds(event_ranking(con), repeat) * 1000
        reweighted = median_seconds(event_ranking_reweighted(con), repeat) * 1000
        propose, undo, note = fair_schedule(con)
        try:
            schedule = median_seconds(propose, repeat) * 1000
        finally:
            undo()
        return [
            at_most("segment matching (goals.segment_member_counts)", matching, "ms", LIMIT_MS, target, size),
            at_most("event ranking (events.rank_contacts_for_event)", ranking, "ms", LIMIT_MS, target),
            at_most("event ranking, new weights and a tier filter (over the kept shares)", reweighted, "ms",
                    LIMIT_MS, target),
            at_most("schedule proposal (events.propose_schedule)", schedule, "ms", SCHEDULE_LIMIT_MS,
                    f"< {SCHEDULE_LIMIT_MS:.0f} ms", note),
        ]
    finally:
        con.close()

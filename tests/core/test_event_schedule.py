"""Schedule for me, on a prepared database: a fair over three days, fifteen contacts on the list at stands in four
halls, one slot already booked at this fair and one at another event. The proposal must never overlap, stay
inside the free hours, give the best scores a slot first, and keep each hall together."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest

from netzcore import db as netzdb
from netzcore import events
from netzcore.organizations import ensure_organizations

TODAY = dt.date.today()
FIRST = TODAY + dt.timedelta(days=40)
HALLS = ("27", "12", "9", "4.1")
SETTINGS = events.ScheduleSettings(days=(FIRST, FIRST + dt.timedelta(days=1), FIRST + dt.timedelta(days=2)),
                                   free_from=dt.time(9, 0), free_to=dt.time(12, 0), slot_minutes=30, max_per_day=4,
                                   walk_minutes=15)


@dataclass(frozen=True)
class Fair:
    event_id: str
    booked: str         # the contact with a slot at this fair already
    elsewhere: tuple[dt.datetime, dt.datetime]   # my slot at another event on the first day


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def build(con: netzdb.Connection) -> Fair:
    event_id = events.create_event(con, events.EventDraft(
        name="Hannover Messe", kind="trade_fair", starts_on=FIRST, ends_on=FIRST + dt.timedelta(days=2),
        city="Hannover"))
    other = events.create_event(con, events.EventDraft(
        name="Abendempfang", kind="other", starts_on=FIRST, ends_on=FIRST))
    lines, ids = [], []
    tiers = itertools.cycle("ABC")
    for n in range(15):
        org = f"Firma {n:02d} GmbH"
        hall = HALLS[n % 4]
        lines.append(f"{org}; Halle {hall}, Stand {chr(65 + n % 3)}{10 + n}")
        org_id = ensure_organizations(con, [org])[org]
        row = con.execute("INSERT INTO contacts (full_name, tier, organization_id, created_at) VALUES (?, ?, ?, ?) "
                          "RETURNING id", [f"Person {n:02d}", next(tiers), org_id, dt.datetime(2024, 1, 1)]
                          ).fetchone()
        assert row is not None
        ids.append(str(row[0]))
        # more interactions long ago make some more overdue than others: different scores
        con.execute("INSERT INTO interactions (contact_id, occurred_on, channel) VALUES (?, ?, 'call')",
                    [row[0], TODAY - dt.timedelta(days=20 + 9 * n)])
    events.import_exhibitors(con, event_id, events.parse_exhibitor_list("\n".join(lines)))
    events.add_to_plan(con, event_id, ids)
    events.set_slot(con, event_id, ids[0], _at(FIRST, 10), _at(FIRST, 10, 30), "Café Nord")
    busy = (_at(FIRST, 9, 0), _at(FIRST, 9, 45))
    events.set_slot(con, other, ids[1], *busy)
    return Fair(event_id, ids[0], busy)


@pytest.fixture
def fair(con: netzdb.Connection) -> Fair:
    return build(con)


def test_the_proposal_never_overlaps_and_stays_inside_the_free_hours(con: netzdb.Connection, fair: Fair) -> None:
    proposal = events.propose_schedule(con, fair.event_id, TODAY, SETTINGS)
    assert proposal.slots
    every = [(s.start, s.end) for s in proposal.schedule] + [fair.elsewhere]
    for (a_start, a_end), (b_start, b_end) in itertools.combinations(every, 2):
        assert a_end <= b_start or b_end <= a_start, ((a_start, a_end), (b_start, b_end))
    for slot in proposal.slots:
        assert slot.start.date() in SETTINGS.days
        assert SETTINGS.free_from <= slot.start.time() and slot.end.time() <= SETTINGS.free_to
        assert slot.end - slot.start == dt.timedelta(minutes=30)
    per_day: dict[dt.date, int] = {}
    for slot in proposal.schedule:
        per_day[slot.start.date()] = per_day.get(slot.start.date(), 0) + 1
    assert max(per_day.values()) <= SETTINGS.max_per_day


def test_the_best_scores_get_a_slot_first(con: netzdb.Connection, fair: Fair) -> None:
    proposal = events.propose_schedule(con, fair.event_id, TODAY, SETTINGS)
    scheduled = [s.score for s in proposal.slots]
    left_out = [c.score for c in proposal.left_out]
    assert left_out, "the fixture has more people than room: someone must be left out"
    assert min(scheduled) >= max(left_out)
    best = max(proposal.slots, key=lambda s: s.score)
    first_day = [s for s in proposal.slots if s.start.date() == FIRST]
    assert first_day[0].hall == best.hall  # the day starts in the hall of the best contact
    assert len(proposal.slots) + len(proposal.left_out) == 14  # everyone on the list but the one already booked
    assert fair.booked in {s.contact_id for s in proposal.booked}


def test_each_day_keeps_a_hall_together_and_walks_between_halls(con: netzdb.Connection, fair: Fair) -> None:
    proposal = events.propose_schedule(con, fair.event_id, TODAY, SETTINGS)
    for day in SETTINGS.days:
        slots = [s for s in proposal.slots if s.start.date() == day]
        halls = [hall for hall, _ in itertools.groupby(s.hall for s in slots)]
        assert len(halls) == len(set(halls)), f"{day}: a hall is visited twice: {[s.hall for s in slots]}"
        for before, after in itertools.pairwise(slots):
            if before.hall == after.hall:
                assert events.natural_key(before.stand) <= events.natural_key(after.stand)  # stand by stand
            else:
                assert after.start - before.end >= dt.timedelta(minutes=SETTINGS.walk_minutes)
    assert all(s.place.startswith("Hall ") and ", booth " in s.place for s in proposal.slots)


def test_accepted_slots_are_booked_without_changing_the_status(con: netzdb.Connection, fair: Fair) -> None:
    proposal = events.propose_schedule(con, fair.event_id, TODAY, SETTINGS)
    chosen = [events.SlotChoice(s.contact_id, s.start, s.end, s.place) for s in proposal.slots[:3]]
    moved = proposal.slots[3]
    chosen.append(events.SlotChoice(moved.contact_id, _at(FIRST, 10, 15), _at(FIRST, 10, 45)))  # onto "Café Nord"
    report = events.book_slots(con, fair.event_id, chosen)
    assert len(report.booked) == 3 and set(report.unconfirmed) == set(report.booked)
    assert [name for name, _ in report.refused] == [moved.full_name]
    assert report.refused[0][1].key == "events.error_slot_overlap"
    plan = {e.contact_id: e for e in events.list_plan(con, fair.event_id)}
    assert [plan[c.contact_id].status for c in chosen[:3]] == ["to_ask"] * 3
    assert [plan[c.contact_id].slot_start for c in chosen[:3]] == [c.start for c in chosen[:3]]
    again = events.propose_schedule(con, fair.event_id, TODAY, SETTINGS)
    assert {s.contact_id for s in again.booked} >= {c.contact_id for c in chosen[:3]}
    assert not {s.contact_id for s in again.slots} & {c.contact_id for c in chosen[:3]}


def test_settings_are_kept_per_event_and_checked(con: netzdb.Connection, fair: Fair) -> None:
    event = events.get_event(con, fair.event_id)
    assert event is not None
    assert events.load_settings(con, event) == events.default_settings(event)
    events.save_settings(con, event, SETTINGS)
    assert events.load_settings(con, event) == SETTINGS
    with pytest.raises(events.EventError) as short:
        events.save_settings(con, event, events.ScheduleSettings(days=event.days, free_from=dt.time(9),
                                                                 free_to=dt.time(9, 20), slot_minutes=30))
    assert short.value.key == "events.error_free_time"


def test_the_pure_scheduler_fills_day_after_day_around_busy_time() -> None:
    day = dt.date(2027, 3, 1)
    settings = events.ScheduleSettings(days=(day, day + dt.timedelta(days=1)), free_from=dt.time(9),
                                       free_to=dt.time(10, 30), slot_minutes=30, max_per_day=3, walk_minutes=0)
    people = [events.Candidate(f"c{n}", f"P{n}", "", score=100 - n, hall="1", stand=f"A{n}") for n in range(7)]
    busy = [events.Busy(_at(day, 9, 30), _at(day, 10), this_event=True)]
    proposal = events.plan_schedule(people, busy, settings)
    assert [(s.contact_id, s.start.time()) for s in proposal.slots] == [
        ("c0", dt.time(9)), ("c1", dt.time(10)),  # the busy half hour in between counts as a meeting of the day
        ("c2", dt.time(9)), ("c3", dt.time(9, 30)), ("c4", dt.time(10))]
    assert [c.contact_id for c in proposal.left_out] == ["c5", "c6"]
    assert events.plan_schedule(people, [], events.ScheduleSettings(days=())).left_out == tuple(people)

"""Schedule for me: a conflict-free proposal of coffee slots for the contacts on the outreach list.

The user gives the fair days, the hours they are free, the slot length, the most meetings per day and the walk
between halls. The best-scored contacts get a slot first (when not everyone fits, the lowest scores are left out);
each day visits the halls in the order of their best contact, stand by stand within a hall, so the user walks
less. Slots already booked (at this or any other event) are kept and never overlapped. `plan_schedule` is the pure
part; `propose_schedule` reads the database; `book_slots` books what the user accepted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from netzcore.db import Connection
from netzcore.events.agenda import set_slot
from netzcore.events.booths import natural_key, place_text
from netzcore.events.model import OPEN_STATUSES, Event, EventError
from netzcore.events.outreach import PlanEntry, list_plan
from netzcore.events.ranking import scores_for
from netzcore.events.store import require_event

SLOT_MINUTES = (15, 20, 30, 45, 60)
MAX_PER_DAY = 30
MAX_WALK = 60


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    days: tuple[dt.date, ...]
    free_from: dt.time = dt.time(9, 0)
    free_to: dt.time = dt.time(17, 0)
    slot_minutes: int = 30
    max_per_day: int = 6
    walk_minutes: int = 10        # added between two meetings in different halls


@dataclass(frozen=True, slots=True)
class Candidate:
    contact_id: str
    full_name: str
    organization: str
    score: float
    hall: str = ""
    stand: str = ""
    status: str = "to_ask"


@dataclass(frozen=True, slots=True)
class Busy:
    """Time I am not free: a slot already booked."""

    start: dt.datetime
    end: dt.datetime
    this_event: bool = False      # counts towards the meetings of that day


@dataclass(frozen=True, slots=True)
class ProposedSlot:
    contact_id: str
    full_name: str
    organization: str
    start: dt.datetime
    end: dt.datetime
    hall: str
    stand: str
    score: float
    status: str
    booked: bool = False          # already in the agenda (kept as it is)
    place: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    slots: tuple[ProposedSlot, ...] = ()       # new slots, in time order
    booked: tuple[ProposedSlot, ...] = ()      # this event's slots already in the agenda
    left_out: tuple[Candidate, ...] = ()       # no room left for them, best first

    @property
    def schedule(self) -> list[ProposedSlot]:
        """Booked and proposed slots together, in time order."""
        return sorted((*self.booked, *self.slots), key=lambda s: (s.start, s.full_name))


@dataclass(frozen=True, slots=True)
class SlotChoice:
    """A proposed slot as the user accepted it (maybe moved)."""

    contact_id: str
    start: dt.datetime
    end: dt.datetime
    place: str = ""


@dataclass(frozen=True, slots=True)
class BookingReport:
    booked: tuple[str, ...] = ()                               # names
    refused: tuple[tuple[str, EventError], ...] = ()           # name and why
    unconfirmed: tuple[str, ...] = ()                          # booked, status still to ask or asked


# --- settings ---------------------------------------------------------------------------------------------------

def _settings_key(event_id: str) -> str:
    return f"events.schedule.{event_id}"


def default_settings(event: Event) -> ScheduleSettings:
    return ScheduleSettings(days=event.days)


def check_settings(event: Event, settings: ScheduleSettings) -> ScheduleSettings:
    """The settings made sane for the event; a free time shorter than one slot is a mistake to correct."""
    days = tuple(sorted(d for d in set(settings.days) if event.starts_on <= d <= event.ends_on))
    slot = max(5, min(int(settings.slot_minutes), 240))
    start = dt.datetime.combine(dt.date.min, settings.free_from)
    if dt.datetime.combine(dt.date.min, settings.free_to) - start < dt.timedelta(minutes=slot):
        raise EventError("events.error_free_time")
    return replace(settings, days=days, slot_minutes=slot, max_per_day=max(1, min(settings.max_per_day, MAX_PER_DAY)),
                   walk_minutes=max(0, min(settings.walk_minutes, MAX_WALK)))


def load_settings(con: Connection, event: Event) -> ScheduleSettings:
    """The settings last used for the event, else the defaults (all days, 9 to 17, 30 minutes, 6 a day)."""
    row = con.execute("SELECT value FROM app_settings WHERE key = ?", [_settings_key(event.id)]).fetchone()
    settings = default_settings(event)
    if not row:
        return settings
    try:
        stored = json.loads(str(row[0]))
        settings = ScheduleSettings(
            days=tuple(dt.date.fromisoformat(d) for d in stored["days"]) or event.days,
            free_from=dt.time.fromisoformat(stored["free_from"]), free_to=dt.time.fromisoformat(stored["free_to"]),
            slot_minutes=int(stored["slot_minutes"]), max_per_day=int(stored["max_per_day"]),
            walk_minutes=int(stored["walk_minutes"]),
        )
        return check_settings(event, settings)
    except (KeyError, TypeError, ValueError, EventError):
        return default_settings(event)


def save_settings(con: Connection, event: Event, settings: ScheduleSettings) -> ScheduleSettings:
    clean = check_settings(event, settings)
    value = json.dumps({
        "days": [d.isoformat() for d in clean.days], "free_from": clean.free_from.isoformat("minutes"),
        "free_to": clean.free_to.isoformat("minutes"), "slot_minutes": clean.slot_minutes,
        "max_per_day": clean.max_per_day, "walk_minutes": clean.walk_minutes,
    })
    con.execute("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [_settings_key(event.id), value])
    return clean


# --- the pure scheduler -----------------------------------------------------------------------------------------

@dataclass
class _Day:
    day: dt.date
    cursor: dt.datetime
    end: dt.datetime
    count: int
    last_hall: str | None = None
    busy: list[Busy] = field(default_factory=list)


def _route(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Halls in the order of their best contact (unknown hall last), stand by stand within a hall."""
    halls: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        halls.setdefault(candidate.hall, []).append(candidate)
    order = sorted(halls, key=lambda h: (h == "", -max(c.score for c in halls[h]), natural_key(h)))
    return [c for hall in order
            for c in sorted(halls[hall], key=lambda c: (c.stand == "", natural_key(c.stand), -c.score, c.full_name))]


def _place(route: Sequence[Candidate], busy: Sequence[Busy], settings: ScheduleSettings) -> list[ProposedSlot] | None:
    """Every candidate in route order into the earliest free time, day after day; None when one does not fit."""
    length = dt.timedelta(minutes=settings.slot_minutes)
    walk = dt.timedelta(minutes=settings.walk_minutes)
    days = [_Day(d, dt.datetime.combine(d, settings.free_from), dt.datetime.combine(d, settings.free_to),
                 sum(1 for b in busy if b.this_event and b.start.date() == d),
                 busy=sorted((b for b in busy if b.start.date() <= d <= b.end.date()), key=lambda b: b.start))
            for d in settings.days]
    placed: list[ProposedSlot] = []
    index = 0
    for candidate in route:
        while index < len(days):
            day = days[index]
            start = day.cursor
            if day.last_hall is not None and day.last_hall != candidate.hall:
                start += walk
            start = _after_busy(start, length, day.busy)
            if day.count < settings.max_per_day and start + length <= day.end:
                placed.append(ProposedSlot(candidate.contact_id, candidate.full_name, candidate.organization, start,
                                           start + length, candidate.hall, candidate.stand, candidate.score,
                                           candidate.status))
                day.cursor, day.count, day.last_hall = start + length, day.count + 1, candidate.hall
                break
            index += 1
        else:
            return None
    return placed


def _after_busy(start: dt.datetime, length: dt.timedelta, busy: Sequence[Busy]) -> dt.datetime:
    for block in busy:  # sorted by start
        if block.start < start + length and block.end > start:
            start = block.end
    return start


def plan_schedule(candidates: Sequence[Candidate], busy: Sequence[Busy], settings: ScheduleSettings) -> Proposal:
    """The proposal for `candidates` around `busy`: the most contacts that fit, the best scores first."""
    ranked = sorted(candidates, key=lambda c: (-c.score, c.full_name, c.contact_id))
    if not settings.days or settings.max_per_day < 1:
        return Proposal(left_out=tuple(ranked))
    room = sum(max(0, settings.max_per_day - sum(1 for b in busy if b.this_event and b.start.date() == d))
               for d in settings.days)
    for count in range(min(len(ranked), room), -1, -1):
        placed = _place(_route(ranked[:count]), busy, settings)
        if placed is not None:
            slots = tuple(sorted(placed, key=lambda s: s.start))
            return Proposal(slots=slots, left_out=tuple(ranked[count:]))
    return Proposal(left_out=tuple(ranked))  # pragma: no cover - count 0 always fits


# --- from and to the database -----------------------------------------------------------------------------------

def _busy(con: Connection, event: Event, days: Sequence[dt.date]) -> list[Busy]:
    if not days:
        return []
    rows = con.execute(
        "SELECT slot_start, slot_end, event_id = ? FROM event_plans WHERE slot_start IS NOT NULL "
        "AND slot_end IS NOT NULL AND status <> 'declined' AND slot_end > ? AND slot_start < ? ORDER BY slot_start",
        [event.id, dt.datetime.combine(min(days), dt.time.min),
         dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time.min)]).fetchall()
    return [Busy(r[0], r[1], bool(r[2])) for r in rows]


def _booked(entry: PlanEntry, score: float, lang: str) -> ProposedSlot:
    assert entry.slot_start is not None and entry.slot_end is not None
    return ProposedSlot(entry.contact_id, entry.full_name, entry.organization, entry.slot_start, entry.slot_end,
                        entry.hall, entry.stand, score, entry.status, booked=True,
                        place=entry.place or place_text(entry.hall, entry.stand, lang))


def propose_schedule(con: Connection, event_id: str, today: dt.date, settings: ScheduleSettings | None = None,
                     lang: str = "en", plan: Sequence[PlanEntry] | None = None,
                     scores: Mapping[str, float] | None = None) -> Proposal:
    """The proposal for the event's open outreach list (to ask, asked, confirmed) that has no slot yet.

    `plan` and the ranking's `scores` of its open entries (by contact id) may come from a caller who has them."""
    event = require_event(con, event_id)
    chosen = check_settings(event, settings) if settings is not None else load_settings(con, event)
    entries = [e for e in (list_plan(con, event_id) if plan is None else plan) if e.status in OPEN_STATUSES]
    if scores is None:
        scores = {cid: r.score for cid, r in scores_for(con, event_id, today, [e.contact_id for e in entries],
                                                        lang).items()}
    candidates = [Candidate(e.contact_id, e.full_name, e.organization, scores.get(e.contact_id, 0.0), e.hall,
                            e.stand, e.status) for e in entries if not e.booked]
    proposal = plan_schedule(candidates, _busy(con, event, chosen.days), chosen)
    slots = tuple(replace(s, place=place_text(s.hall, s.stand, lang)) for s in proposal.slots)
    booked = tuple(_booked(e, scores.get(e.contact_id, 0.0), lang) for e in entries if e.booked)
    return Proposal(slots, booked, proposal.left_out)


def book_slots(con: Connection, event_id: str, choices: Sequence[SlotChoice]) -> BookingReport:
    """Book the accepted slots one by one; a slot that overlaps (say, moved onto another) is refused alone."""
    names = dict(con.execute("SELECT id, full_name FROM contacts WHERE list_contains(?, id)",
                             [[c.contact_id for c in choices]]).fetchall()) if choices else {}
    booked, refused, unconfirmed = [], [], []
    for choice in choices:
        name = str(names.get(choice.contact_id, choice.contact_id))
        try:
            status = set_slot(con, event_id, choice.contact_id, choice.start, choice.end, choice.place)
        except EventError as error:
            refused.append((name, error))
            continue
        booked.append(name)
        if status in ("to_ask", "asked"):
            unconfirmed.append(name)
    return BookingReport(tuple(booked), tuple(refused), tuple(unconfirmed))

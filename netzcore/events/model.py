"""The words of the event planner: kinds of events, outreach statuses, the event record and its days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.i18n import format_date
from netzcore.user_error import UserError

EVENT_KINDS = ("trade_fair", "conference", "talk", "association", "sports", "other")
# The outreach pipeline of one contact at one event, in the order it usually runs.
PLAN_STATUSES = ("to_ask", "asked", "confirmed", "met", "followed_up", "declined")
OPEN_STATUSES = ("to_ask", "asked", "confirmed")        # still to be met: drafts and the schedule are for them
UNCONFIRMED_STATUSES = ("to_ask", "asked")              # a slot for them is a proposal until they agree
DRAFT_CHANNELS = ("email", "linkedin", "xing")
EXHIBITOR_ROLES = ("exhibitor", "participant", "speaker")


class EventError(UserError):
    """A user mistake in event data."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDraft:
    """What the user typed for a new or edited event."""

    name: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    city: str = ""
    venue: str = ""
    topics: tuple[str, ...] = ()
    url: str = ""
    notes: str = ""
    goal_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(EventDraft):
    id: str
    updated_at: dt.datetime | None = None   # the version it was read at (update_event's read_version)

    @property
    def days(self) -> tuple[dt.date, ...]:
        count = (self.ends_on - self.starts_on).days + 1
        return tuple(self.starts_on + dt.timedelta(days=n) for n in range(max(count, 1)))

    def nearest_day(self, today: dt.date) -> dt.date:
        """Today when it is a day of the event, else the event's day nearest to it."""
        return min(max(today, self.starts_on), self.ends_on)


def date_range(event: EventDraft, lang: str) -> str:
    if event.starts_on == event.ends_on:
        return format_date(event.starts_on, lang)
    return f"{format_date(event.starts_on, lang)} – {format_date(event.ends_on, lang)}"

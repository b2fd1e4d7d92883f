"""After the event: each meeting becomes an in-person interaction, dated on a day of the event (the care clock
and "last contact" move with it); someone new becomes a contact whose "how met" is the event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.contacts import TIERS
from netzcore.db import Connection, transaction
from netzcore.events.model import Event, EventError
from netzcore.events.store import require_event
from netzcore.interactions import NewInteraction, log_interaction
from netzcore.organizations import ensure_organizations


@dataclass(frozen=True, slots=True)
class MeetingLog:
    """One debriefed meeting: becomes an interaction (channel 'event', in person)."""

    contact_id: str
    occurred_on: dt.date
    topics: tuple[str, ...] = ()
    hooks: str = ""
    gave: str = ""
    received: str = ""
    follow_up_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MetContact:
    contact_id: str
    full_name: str
    created: bool          # false: the email address found a contact I already had


@dataclass(frozen=True, slots=True)
class NewContact:
    full_name: str
    organization: str = ""
    title: str = ""
    email: str = ""
    city: str = ""
    tier: str = "C"


def debrief_day(event: Event, today: dt.date) -> dt.date | None:
    """The day a debriefed meeting defaults to: today during the event, its last day afterwards; None before it
    starts (nothing to debrief yet)."""
    if today < event.starts_on:
        return None
    return min(today, event.ends_on)


def log_meeting(con: Connection, event_id: str, meeting: MeetingLog, today: dt.date | None = None) -> str:
    """The debrief of one meeting: an in-person 'event' interaction; the plan entry moves to 'met'.

    A meeting dated after today is refused: the care clock counts only what happened, so it would not move."""
    if meeting.occurred_on > (today or dt.date.today()):
        raise EventError("events.error_meeting_future")
    with transaction(con):
        interaction_id = log_interaction(con, NewInteraction(
            meeting.contact_id, meeting.occurred_on, "event", in_person=True,
            topics=meeting.topics, hooks=meeting.hooks, gave=meeting.gave,
            received=meeting.received, follow_up_on=meeting.follow_up_on, notes=meeting.notes, event_id=event_id,
        ))
        con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status, interaction_id) VALUES (?, ?, 'met', ?) "
            "ON CONFLICT (event_id, contact_id) DO UPDATE SET status = CASE WHEN event_plans.status = "
            "'followed_up' THEN 'followed_up' ELSE 'met' END, interaction_id = excluded.interaction_id, "
            "updated_at = now()",
            [event_id, meeting.contact_id, interaction_id],
        )
        con.execute("UPDATE events SET debriefed_at = now() WHERE id = ?", [event_id])
    return interaction_id


def add_contact_met(con: Connection, event_id: str, person: NewContact) -> MetContact:
    """Someone new met at the event: a contact (how met = the event) on the event's list as 'met'.

    An email address already in my network finds that contact instead of creating a duplicate."""
    event = require_event(con, event_id)
    name = " ".join(person.full_name.split())
    if not name:
        raise EventError("events.error_contact_name")
    if person.tier not in TIERS:
        raise EventError("events.error_tier", tier=person.tier)
    email = person.email.strip().lower()
    with transaction(con):
        known = con.execute(
            "SELECT c.id, c.full_name FROM contact_identities i JOIN contacts c ON c.id = i.contact_id "
            "WHERE i.kind = 'email' AND i.value = ? AND NOT c.archived ORDER BY c.created_at LIMIT 1",
            [email],
        ).fetchone() if email else None
        if known:
            met = MetContact(str(known[0]), str(known[1]), created=False)
        else:
            met = MetContact(_insert_contact(con, person, name, email, event.name), name, created=True)
        con.execute(
            "INSERT INTO event_plans (event_id, contact_id, status) VALUES (?, ?, 'met') "
            "ON CONFLICT (event_id, contact_id) DO UPDATE SET status = 'met', updated_at = now()",
            [event_id, met.contact_id],
        )
    return met


def _insert_contact(con: Connection, person: NewContact, name: str, email: str, how_met: str) -> str:
    org_ids = ensure_organizations(con, [person.organization]) if person.organization.strip() else {}
    row = con.execute(
        "INSERT INTO contacts (full_name, organization_id, title, emails, city, tier, how_met, sources) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ['manual']) RETURNING id",
        [name, org_ids.get(person.organization.strip()), person.title.strip() or None, [email] if email else [],
         person.city.strip() or None, person.tier, how_met],
    ).fetchone()
    assert row is not None
    if email:
        con.execute(
            "INSERT INTO contact_identities (contact_id, kind, value, source) VALUES (?, 'email', ?, 'manual')",
            [row[0], email],
        )
    return str(row[0])

"""The message asking for a coffee at an event: in the contact's form of address, the event named with the right
preposition, the time and place when a slot is booked, the topics of the last conversation; signed with my name.
The hooks of my notes are not pasted in: they come back as notes for me, beside the draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzcore.events.model import DRAFT_CHANNELS, Event, EventError, date_range
from netzcore.events.outreach import PlanEntry
from netzcore.i18n import format_date, normalize_language, translate
from netzcore.messages import closing, event_phrase, join_words, letter, salutation_line
from netzcore.profile import Profile


@dataclass(frozen=True, slots=True)
class Draft:
    contact_id: str
    channel: str
    text: str                      # what to send (an email starts with its subject line)
    notes: tuple[str, ...] = ()    # for me, not for them: the hooks of the last conversations


def weekday_date(day: dt.date, lang: str) -> str:
    """"Dienstag, 12.01." / "Tuesday, 12 Jan"."""
    return translate(lang, "events.weekday_date", weekday=translate(lang, f"events.weekday_{day.weekday()}"),
                     date=format_date(day, lang, with_year=False))


def _where(event: Event, lang: str) -> str:
    city = event.city.strip()
    return translate(lang, "events.draft_where", city=city) if city and city.casefold() not in event.name.casefold() \
        else ""


def _form(entry: PlanEntry) -> str:
    return "formal" if entry.person.form.formal else "informal"


def _ask_event(event: Event, entry: PlanEntry, lang: str) -> str:
    direction = event.kind == "association"
    phrase = event_phrase(event.name, event.kind, lang, direction=direction)
    key = f"events.draft_{'coming' if direction else 'there'}_{_form(entry)}"
    return translate(lang, key, event=phrase, where=_where(event, lang), dates=date_range(event, lang))


def _ask_coffee(entry: PlanEntry, lang: str, event: Event) -> str:
    form = _form(entry)
    if entry.slot_start is None:
        return translate(lang, f"events.draft_coffee_{form}")
    place = ""
    if entry.place:
        key = f"events.draft_at_stand_{form}" if entry.at_their_stand else "events.draft_at_place"
        place = translate(lang, key, place=entry.place_in(lang))
    values = {"day": weekday_date(entry.slot_start.date(), lang), "time": f"{entry.slot_start:%H:%M}",
              "place": place}
    if entry.status == "confirmed":
        return translate(lang, f"events.draft_confirmed_{form}", event=event_phrase(event.name, event.kind, lang),
                         **values)
    return translate(lang, f"events.draft_coffee_slot_{form}", **values)


def coffee_request(event: Event, entry: PlanEntry, channel: str, lang: str, sender: Profile | str = "") -> Draft:
    """A short, personal request in `lang`: are you at the event, time for a coffee (at the booked time)."""
    if channel not in DRAFT_CHANNELS:
        raise EventError("events.error_channel", channel=channel)
    lang = normalize_language(lang)
    profile = sender if isinstance(sender, Profile) else Profile(full_name=sender)
    if entry.status == "confirmed" and entry.slot_start is not None:
        paragraphs = [_ask_coffee(entry, lang, event)]
    else:
        paragraphs = [f"{_ask_event(event, entry, lang)} {_ask_coffee(entry, lang, event)}"]
    if entry.last_topics:
        paragraphs.append(translate(lang, "events.draft_last_topics",
                                    topics=join_words(list(entry.last_topics[:3]), lang)))
    text = letter(salutation_line(entry.person, lang), paragraphs,
                  closing(profile, entry.person.form.formal, lang, channel), lang)
    if channel == "email":
        phrase = event_phrase(event.name, event.kind, lang)
        text = translate(lang, "events.draft_subject", event=phrase) + "\n\n" + text
    notes = tuple(translate(lang, "events.draft_note_hooks", hooks=entry.last_hooks.strip())
                  for _ in (1,) if entry.last_hooks.strip())
    return Draft(entry.contact_id, channel, text, notes)


def draft_message(event: Event, entry: PlanEntry, channel: str, lang: str, sender: Profile | str = "") -> str:
    """The text of `coffee_request`."""
    return coffee_request(event, entry, channel, lang, sender).text

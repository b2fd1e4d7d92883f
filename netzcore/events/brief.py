"""The brief to take along: one printable page per fair day with the schedule by time and hall, and per person why
I meet them, the hooks and topics of our last conversation, give and take, the talking points; my elevator pitch
on top. As HTML built only from escaped text (the browser's print makes a clean PDF) and as plain text."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from netzcore.db import Connection
from netzcore.events.agenda import day_plan
from netzcore.events.booths import place_text
from netzcore.events.messages import weekday_date
from netzcore.events.model import OPEN_STATUSES, UNCONFIRMED_STATUSES, Event, date_range
from netzcore.events.outreach import PlanEntry, list_plan
from netzcore.events.ranking import scores_for
from netzcore.events.store import require_event
from netzcore.i18n import format_date, translate
from netzcore.profile import get_profile, pitch_text

MAX_REASONS = 4


@dataclass(frozen=True, slots=True)
class BriefMeeting:
    entry: PlanEntry
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BriefDay:
    day: dt.date
    meetings: tuple[BriefMeeting, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    event: Event
    pitch: str
    days: tuple[BriefDay, ...]
    unscheduled: tuple[BriefMeeting, ...]     # on the list, still open, no slot yet


def build_brief(con: Connection, event_id: str, today: dt.date, lang: str,
                plan: Sequence[PlanEntry] | None = None) -> Brief:
    event = require_event(con, event_id)
    entries = list(list_plan(con, event_id) if plan is None else plan)
    # the strongest reasons first, at most four: a day's people fit on one printed page
    reasons = {cid: tuple(p.sentence for p in sorted(r.parts, key=lambda p: -p.points)[:MAX_REASONS])
               for cid, r in scores_for(con, event_id, today, [e.contact_id for e in entries], lang).items()}

    def meeting(entry: PlanEntry) -> BriefMeeting:
        return BriefMeeting(entry, reasons.get(entry.contact_id, ()))

    days = tuple(BriefDay(day, tuple(meeting(e) for e in booked)) for day, booked in day_plan(entries).items())
    unscheduled = tuple(meeting(e) for e in entries if not e.booked and e.status in OPEN_STATUSES)
    return Brief(event, pitch_text(get_profile(con), lang), days, unscheduled)


def event_brief(con: Connection, event_id: str, lang: str, plan: Sequence[PlanEntry] | None = None,
                today: dt.date | None = None) -> str:
    """The brief as plain text."""
    return brief_text(build_brief(con, event_id, today or dt.date.today(), lang, plan), lang)


# --- what each meeting says -------------------------------------------------------------------------------------

def _when(entry: PlanEntry) -> str:
    assert entry.slot_start is not None and entry.slot_end is not None
    return f"{entry.slot_start:%H:%M}–{entry.slot_end:%H:%M}"


def _where(entry: PlanEntry, lang: str) -> str:
    return entry.place_in(lang) or place_text(entry.hall, entry.stand, lang)


def _who(entry: PlanEntry) -> str:
    return ", ".join(p for p in (entry.full_name, entry.title, entry.organization) if p)


def _facts(meeting: BriefMeeting, lang: str) -> list[tuple[str, str]]:
    """(label, text) lines for one person, only those with something to say."""
    entry = meeting.entry
    facts = []
    if entry.status in UNCONFIRMED_STATUSES and entry.booked:
        facts.append((translate(lang, "events.brief_status"), translate(lang, f"common.plan_status.{entry.status}")))
    if meeting.reasons:
        facts.append((translate(lang, "events.brief_why"), "; ".join(meeting.reasons)))
    if entry.last_topics:
        when = format_date(entry.last_on, lang) if entry.last_on else ""
        facts.append((translate(lang, "events.brief_last_topics", date=when).strip(), ", ".join(entry.last_topics)))
    if entry.last_hooks:
        facts.append((translate(lang, "events.brief_hooks_label"), entry.last_hooks))
    if entry.gave or entry.received:
        balance = translate(lang, "events.brief_balance", gave=entry.gave, received=entry.received)
        last = "; ".join(p for p in (
            translate(lang, "events.brief_last_gave", what=entry.last_gave) if entry.last_gave else "",
            translate(lang, "events.brief_last_received", what=entry.last_received) if entry.last_received else "",
        ) if p)
        facts.append((translate(lang, "events.brief_give_take"), "; ".join(p for p in (balance, last) if p)))
    if entry.talking_points:
        facts.append((translate(lang, "events.brief_points_label"), entry.talking_points))
    return facts


def _header(brief: Brief, lang: str) -> list[str]:
    event = brief.event
    where = ", ".join(p for p in (event.venue, event.city) if p)
    return [p for p in (translate(lang, "events.brief_when", dates=date_range(event, lang)),
                        translate(lang, "events.brief_where", where=where) if where else "", event.url) if p]


# --- plain text -------------------------------------------------------------------------------------------------

def brief_text(brief: Brief, lang: str) -> str:
    event = brief.event
    lines = [event.name, "=" * len(event.name), *_header(brief, lang), "",
             translate(lang, "events.brief_pitch_title"), brief.pitch or translate(lang, "events.brief_no_pitch"), ""]
    if event.topics:
        lines += [translate(lang, "events.brief_topics_title"), *[f"- {t}" for t in event.topics], ""]
    if not brief.days:
        lines += [translate(lang, "events.brief_no_meetings"), ""]
    for day in brief.days:
        title = weekday_date(day.day, lang) + f" {day.day.year}"
        lines += [title, "-" * len(title)]
        for m in day.meetings:
            lines.append(f"{_when(m.entry)}  {_where(m.entry, lang) or '–'}  {_who(m.entry)}")
        for m in day.meetings:
            lines += ["", f"{_when(m.entry)}  {_who(m.entry)}"]
            lines += [f"  {label}: {text}" for label, text in _facts(m, lang)]
        lines.append("")
    if brief.unscheduled:
        lines.append(translate(lang, "events.brief_unscheduled"))
        lines += [f"- {_who(m.entry)} ({translate(lang, f'common.plan_status.{m.entry.status}')})"
                  for m in brief.unscheduled]
    return "\n".join(lines).rstrip() + "\n"


# --- printable HTML ---------------------------------------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 10mm; }
body { font: 8.5pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; margin: 0; }
section.day { page-break-after: always; break-after: page; padding: 2mm 0; }
section.day:last-of-type { page-break-after: auto; break-after: auto; }
h1 { font-size: 13pt; margin: 0 0 2pt; } h2 { font-size: 10.5pt; margin: 6pt 0 3pt; }
.meta { color: #444; margin: 0 0 6pt; } .pitch { border-left: 3px solid #2b6cb0; padding: 2pt 8pt; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { text-align: left; vertical-align: top; padding: 2pt 5pt; border-bottom: 1px solid #ddd; }
th { font-weight: 600; background: #f3f5f8; }
.people { display: grid; grid-template-columns: 1fr 1fr; gap: 4pt 8pt; }
.person { border: 1px solid #ddd; border-radius: 4pt; padding: 3pt 5pt; break-inside: avoid; }
.person h3 { font-size: 9pt; margin: 0 0 1pt; } .person p { margin: 1pt 0; } .label { color: #555; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 0 8mm; } section.day { border-bottom: 1px dashed #bbb; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _person(meeting: BriefMeeting, lang: str) -> str:
    entry = meeting.entry
    lines = "".join(f'<p><span class="label">{_e(label)}:</span> {_e(text)}</p>' for label, text in _facts(meeting, lang))
    return f'<div class="person"><h3>{_e(_when(entry))} · {_e(_who(entry))}</h3>{lines}</div>'


def _page(brief: Brief, lang: str, title: str, day: BriefDay | None) -> str:
    event = brief.event
    parts = [f"<section class=\"day\"><h1>{_e(event.name)} · {_e(title)}</h1>",
             f'<p class="meta">{" · ".join(_e(p) for p in _header(brief, lang))}</p>',
             f'<div class="pitch"><span class="label">{_e(translate(lang, "events.brief_pitch_title"))}:</span> '
             f'{_e(brief.pitch or translate(lang, "events.brief_no_pitch"))}</div>']
    if event.topics:
        parts.append(f'<p><span class="label">{_e(translate(lang, "events.brief_topics_title"))}:</span> '
                     f'{_e(", ".join(event.topics))}</p>')
    if day is None:
        parts.append(f"<p>{_e(translate(lang, 'events.brief_no_meetings'))}</p>")
    else:
        head = "".join(f"<th>{_e(translate(lang, k))}</th>" for k in (
            "events.col_time", "events.col_place", "events.col_name", "events.col_organization"))
        rows = "".join(
            f"<tr><td>{_e(_when(m.entry))}</td><td>{_e(_where(m.entry, lang))}</td><td>{_e(m.entry.full_name)}</td>"
            f"<td>{_e(m.entry.organization)}</td></tr>" for m in day.meetings)
        parts.append(f"<h2>{_e(translate(lang, 'events.brief_schedule'))}</h2><table><tr>{head}</tr>{rows}</table>")
        parts.append(f"<h2>{_e(translate(lang, 'events.brief_people'))}</h2><div class=\"people\">"
                     + "".join(_person(m, lang) for m in day.meetings) + "</div>")
    parts.append("</section>")
    return "".join(parts)


def brief_html(brief: Brief, lang: str) -> str:
    """A standalone page per day; every value escaped, no script, no link to anything outside the file."""
    pages = [_page(brief, lang, weekday_date(d.day, lang) + f" {d.day.year}", d) for d in brief.days]
    if not pages:
        pages = [_page(brief, lang, date_range(brief.event, lang), None)]
    if brief.unscheduled:
        items = "".join(f"<li>{_e(_who(m.entry))} ({_e(translate(lang, f'common.plan_status.{m.entry.status}'))})</li>"
                        for m in brief.unscheduled)
        pages[-1] = pages[-1].replace(
            "</section>", f"<h2>{_e(translate(lang, 'events.brief_unscheduled'))}</h2><ul>{items}</ul></section>")
    return ("<!DOCTYPE html>\n"
            f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{_e(brief.event.name)}</title><style>{_STYLE}</style></head><body>"
            + "".join(pages) + "</body></html>\n")

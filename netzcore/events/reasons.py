"""Why a contact is worth meeting: each part of the score as a short fact (a table cell) and a full sentence.

A part whose weight is 0, or that adds nothing, is no reason and is left out. No reason names the contact's
organisation: the list shows it beside them already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from netzcore.events.booths import place_text
from netzcore.i18n import format_date, format_number, translate


@dataclass(frozen=True, slots=True)
class ScorePart:
    reason: str        # one of ranking.REASONS
    points: float      # what it adds to the score of 0..100
    short: str         # "A", "95 days", "H12 · B34"
    sentence: str      # "95 days since the last meeting (cadence 60)"


def score_parts(row: Mapping[str, object], weights: Mapping[str, float], total_weight: float, today: dt.date,
                lang: str) -> tuple[ScorePart, ...]:
    """The parts of one ranked row that add to its score, in the order of the weights."""
    parts = []
    for reason, weight in weights.items():
        share = float(row[f"p_{reason}"])  # type: ignore[arg-type]
        if weight <= 0 or share <= 0:
            continue
        short, sentence = _WORDS[reason](row, today, lang)
        parts.append(ScorePart(reason, 100.0 * weight * share / total_weight, short, sentence))
    return tuple(parts)


Words = tuple[str, str]


def _tier(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    return str(row["tier"]), translate(lang, "events.reason_tier", tier=row["tier"])


def _overdue(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    last = row["last_on"]
    if not isinstance(last, dt.date):
        return (translate(lang, "events.short_never"),
                translate(lang, "events.reason_never_met", cadence=row["cadence_days"]))
    days = (today - last).days
    return (translate(lang, "events.short_days", count=days),
            translate(lang, "events.reason_overdue", count=days, cadence=row["cadence_days"]))


def _exhibitor(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    role, hall, stand = str(row["exhibitor_role"]), str(row["hall"] or ""), str(row["stand"] or "")
    place = place_text(hall, stand, lang)
    if role == "exhibitor" and place:
        short = translate(lang, "events.short_place", hall=hall, stand=stand) if hall and stand else place
        return short, translate(lang, "events.reason_exhibitor_at", place=place)
    return translate(lang, f"events.short_role_{role}"), translate(lang, f"events.reason_{role}")


def _goal(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    titles = [str(t) for t in row["goal_titles"] or ()]  # type: ignore[attr-defined]
    short = ", ".join(titles)
    return (short if len(short) <= 28 else short[:27].rstrip() + "…",
            translate(lang, "events.reason_goal", goals="', '".join(titles)))


def _topics(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    topics = ", ".join(str(t) for t in row["shared_topics"] or ())  # type: ignore[attr-defined]
    return topics, translate(lang, "events.reason_topics", topics=topics)


def _city(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    return str(row["same_city"]), translate(lang, "events.reason_city", city=row["same_city"])


def _follow_up(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    count = int(row["open_follow_ups"])  # type: ignore[call-overload]
    return format_number(count, lang), translate(lang, "events.reason_follow_ups", count=count)


def _balance(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    gave, received = int(row["gave_count"]), int(row["received_count"])  # type: ignore[call-overload]
    return (translate(lang, "events.short_balance", gave=gave, received=received),
            translate(lang, "events.reason_balance", gave=gave, received=received))


def _job_change(row: Mapping[str, object], today: dt.date, lang: str) -> Words:
    changed = row["changed_on"]
    when = format_date(changed, lang) if isinstance(changed, dt.date) else ""
    if row["new_title"]:
        return when, translate(lang, "events.reason_job_change", date=when, title=row["new_title"])
    return when, translate(lang, "events.reason_org_change", date=when)


_WORDS = {
    "tier": _tier, "overdue": _overdue, "exhibitor": _exhibitor, "goal": _goal, "topics": _topics, "city": _city,
    "follow_up": _follow_up, "balance": _balance, "job_change": _job_change,
}

"""How every netz chart reads: numbers, percentages and month names in the user's language, whole numbers on count
axes, a month time axis without repeated labels, and a sentence instead of empty axes when there is nothing to draw.

Charts are Vega-Lite specs written as plain dicts and drawn with st.vega_lite_chart. Building them with Altair cost
~40 ms of CPU per layered chart even without its schema validation (deep copies of every layer) and ~120 ms with
it, which made the Goals page slower than before; a dict costs nothing and the tests read the same spec.
Vega-Lite formats with d3: `config.locale` gives it German or English separators, the percent sign ("40 %" / "40%")
and month names, so the labels come from the same numbers the tooltips show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

Spec = dict[str, Any]

# d3 number and time locales (the shapes d3-format and d3-time-format take), German with a narrow space before %.
_NUMBER = {
    "de": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"], "percent": "\u202f%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""], "percent": "%"},
}
_TIME = {
    "de": {
        "dateTime": "%A, der %e. %B %Y, %X", "date": "%d.%m.%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
        "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                   "November", "Dezember"],
        "shortMonths": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    },
    "en": {
        "dateTime": "%x, %X", "date": "%-m/%-d/%Y", "time": "%-I:%M:%S %p", "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
}

MONTH_FORMAT = "%b %Y"     # "Mai 2026" / "May 2026"
PERCENT_FORMAT = ".0%"     # "40 %" / "40%"
COUNT_FORMAT = ",d"        # "1.234" / "1,234", never "0.5"


def locale_config(lang: str) -> dict[str, Any]:
    """Vega-Lite's `config.locale` for the language (German for anything but English)."""
    key = "en" if lang == "en" else "de"
    return {"number": _NUMBER[key], "time": _TIME[key]}


def count_axis(title: str | None = None, **options: Any) -> Spec:
    """An axis of counts: whole numbers only, in the language's format."""
    return {"title": title, "format": COUNT_FORMAT, "tickMinStep": 1, **options}


def percent_axis(title: str | None = None, **options: Any) -> Spec:
    return {"title": title, "format": PERCENT_FORMAT, **options}


def month_value(day: dt.date) -> str:
    """A month as Vega-Lite reads it in the browser's own time zone (no "Z": midnight there, never the day before)."""
    return f"{day.year:04d}-{day.month:02d}-01T00:00:00"


def month_axis(months: Sequence[dt.date] = (), title: str | None = None, label_format: str = MONTH_FORMAT,
               **options: Any) -> Spec:
    """A month time axis: one tick per month (the `months` drawn, else every month in the domain), labelled once
    ("Mai 2026", to the right of its tick: inside its month, where a mark with `bandPosition: 0.5` stands), never a
    day or an hour, and no tick for the month after the last."""
    ticks: Spec = ({"values": [{"year": m.year, "month": m.month, "date": 1} for m in months]} if months
                   else {"tickCount": {"interval": "month", "step": 1}})
    return {"title": title, "format": label_format, "formatType": "time", "labelAngle": 0, "labelAlign": "left",
            "labelOverlap": True, **ticks, **options}


def month_field(field: str = "month", **options: Any) -> Spec:
    """The encoding of a month field on a month time axis (x) or in a tooltip."""
    return {"field": field, "type": "temporal", "timeUnit": "yearmonth", **options}


def show_chart(spec: Spec, lang: str, **options: Any) -> Any:
    """Draw a Vega-Lite spec with the language's number and time formats; `options` pass to st.vega_lite_chart."""
    return st.vega_lite_chart(spec={**spec, "config": {"locale": locale_config(lang)}},
                              **{"width": "stretch", **options})


def empty_chart(text: str) -> None:
    """What stands where a chart has nothing to draw: one sentence, no axes."""
    st.caption(text)

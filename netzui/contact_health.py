"""Network-health charts on the Today page, each fed a handful of SQL-aggregated rows.

A chart with nothing to show (no interactions yet, nobody overdue, no A or B contact) says so in a sentence instead
of drawing empty axes; shares read "40 %" / "40%", counts are whole numbers, months are a month axis.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from netzcore import care
from netzcore import db as netzdb
from netzui import lang, t
from netzui.charts import (
    COUNT_FORMAT,
    MONTH_FORMAT,
    PERCENT_FORMAT,
    Spec,
    count_axis,
    empty_chart,
    month_axis,
    month_field,
    month_value,
    percent_axis,
    show_chart,
)

HEIGHT = 220


def _tier_bars(rows: list[dict[str, object]], y: str, y_title: str, percent: bool = False) -> Spec:
    value_format = PERCENT_FORMAT if percent else COUNT_FORMAT
    tier = t("today.axis_tier")
    return {"data": {"values": rows}, "mark": "bar", "height": HEIGHT, "encoding": {
        "x": {"field": "tier", "type": "nominal", "title": tier, "sort": None, "axis": {"labelAngle": 0}},
        "y": {"field": y, "type": "quantitative", "axis": percent_axis(y_title) if percent else count_axis(y_title)},
        "tooltip": [{"field": "tier", "type": "nominal", "title": tier},
                    {"field": y, "type": "quantitative", "title": y_title, "format": value_format}],
    }}


def _month_bars(months: list[care.MonthCount]) -> Spec:
    title = t("today.axis_interactions")
    rows = [{"month": month_value(m.month), "interactions": m.interactions} for m in months]
    return {"data": {"values": rows}, "mark": {"type": "bar", "width": {"band": 0.7}}, "height": HEIGHT,
            "encoding": {
                "x": month_field(axis=month_axis([m.month for m in months], label_format="%b %y"),
                                 bandPosition=0.5),
                "y": {"field": "interactions", "type": "quantitative", "axis": count_axis(title)},
                "tooltip": [month_field(title=t("today.axis_month"), format=MONTH_FORMAT),
                            {"field": "interactions", "type": "quantitative", "title": title,
                             "format": COUNT_FORMAT}],
            }}


def health_charts(con: netzdb.Connection, today: dt.date) -> None:
    tiers = care.tier_health(con, today)
    recent = care.activity(con, today)
    shares, months = recent.in_person, recent.months
    tier_rows = [{"tier": h.tier, "contacts": h.contacts, "overdue": h.share_overdue} for h in tiers]
    share_rows = [{"tier": s.tier, "share": s.share} for s in shares]
    code = lang()
    left, right = st.columns(2)
    with left:
        st.caption(t("today.chart_tiers"))
        if any(h.contacts for h in tiers):
            show_chart(_tier_bars(tier_rows, "contacts", t("today.axis_contacts")), code, key="health_tiers")
        else:
            empty_chart(t("today.chart_tiers_empty"))
    with right:
        st.caption(t("today.chart_overdue"))
        if any(h.overdue for h in tiers):
            show_chart(_tier_bars(tier_rows, "overdue", t("today.axis_share_overdue"), percent=True), code,
                       key="health_overdue")
        else:
            empty_chart(t("today.chart_overdue_empty"))
    with left:
        st.caption(t("today.chart_in_person"))
        if any(s.interactions for s in shares):
            show_chart(_tier_bars(share_rows, "share", t("today.axis_share_in_person"), percent=True), code,
                       key="health_in_person")
        else:
            empty_chart(t("today.chart_in_person_empty"))
    with right:
        st.caption(t("today.chart_months"))
        if any(m.interactions for m in months):
            show_chart(_month_bars(months), code, key="health_months")
        else:
            empty_chart(t("today.chart_months_empty"))

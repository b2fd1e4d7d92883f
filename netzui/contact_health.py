"""Network-health charts on the Today page, each fed a handful of SQL-aggregated rows.

A chart with nothing to show (no interactions yet, nobody overdue, no A or B contact) says so in a sentence instead
of drawing empty axes; shares read "40 %" / "40%", counts are whole numbers, months are a month axis.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from netzcore import care
from netzcore import db as netzdb
from netzui import lang, t
from netzui.charts import (
    COUNT_FORMAT,
    MONTH_FORMAT,
    PERCENT_FORMAT,
    count_axis,
    empty_chart,
    month_axis,
    percent_axis,
    show_chart,
)

HEIGHT = 220


def _tier_bars(frame: pd.DataFrame, y: str, y_title: str, percent: bool = False) -> alt.Chart:
    value_format = PERCENT_FORMAT if percent else COUNT_FORMAT
    tier = t("today.axis_tier")
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("tier:N", title=tier, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", axis=percent_axis(y_title) if percent else count_axis(y_title)),
        tooltip=[alt.Tooltip("tier:N", title=tier), alt.Tooltip(f"{y}:Q", title=y_title, format=value_format)],
    ).properties(height=HEIGHT)


def _month_bars(frame: pd.DataFrame) -> alt.Chart:
    title = t("today.axis_interactions")
    frame = frame.assign(month=pd.to_datetime(frame["month"]))
    return alt.Chart(frame).mark_bar(width={"band": 0.7}).encode(
        x=alt.X("yearmonth(month):T", axis=month_axis(list(frame["month"].dt.date), label_format="%b %y"),
                bandPosition=0.5),
        y=alt.Y("interactions:Q", axis=count_axis(title)),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=t("today.axis_month"), format=MONTH_FORMAT),
                 alt.Tooltip("interactions:Q", title=title, format=COUNT_FORMAT)],
    ).properties(height=HEIGHT)


def health_charts(con: netzdb.Connection, today: dt.date) -> None:
    tiers = care.tier_health(con, today)
    recent = care.activity(con, today)
    shares, months = recent.in_person, recent.months
    tier_frame = pd.DataFrame({"tier": [h.tier for h in tiers], "contacts": [h.contacts for h in tiers],
                               "overdue": [h.share_overdue for h in tiers]})
    share_frame = pd.DataFrame({"tier": [s.tier for s in shares], "share": [s.share for s in shares]})
    month_frame = pd.DataFrame({"month": [m.month for m in months],
                                "interactions": [m.interactions for m in months]})
    code = lang()
    left, right = st.columns(2)
    with left:
        st.caption(t("today.chart_tiers"))
        if any(h.contacts for h in tiers):
            show_chart(_tier_bars(tier_frame, "contacts", t("today.axis_contacts")), code, key="health_tiers")
        else:
            empty_chart(t("today.chart_tiers_empty"))
    with right:
        st.caption(t("today.chart_overdue"))
        if any(h.overdue for h in tiers):
            show_chart(_tier_bars(tier_frame, "overdue", t("today.axis_share_overdue"), percent=True), code,
                       key="health_overdue")
        else:
            empty_chart(t("today.chart_overdue_empty"))
    with left:
        st.caption(t("today.chart_in_person"))
        if any(s.interactions for s in shares):
            show_chart(_tier_bars(share_frame, "share", t("today.axis_share_in_person"), percent=True), code,
                       key="health_in_person")
        else:
            empty_chart(t("today.chart_in_person_empty"))
    with right:
        st.caption(t("today.chart_months"))
        if any(m.interactions for m in months):
            show_chart(_month_bars(month_frame), code, key="health_months")
        else:
            empty_chart(t("today.chart_months_empty"))

"""Network-health charts on the Today page, each fed a handful of SQL-aggregated rows."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from netzcore import care
from netzcore import db as netzdb
from netzcore.i18n import format_month
from netzui import lang, t


def _bar(frame: pd.DataFrame, x: str, y: str, x_title: str, y_title: str, percent: bool = False) -> alt.Chart:
    axis = alt.Axis(format="%") if percent else alt.Axis(tickMinStep=1)
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{x}:N", title=x_title, sort=None),
        y=alt.Y(f"{y}:Q", title=y_title, axis=axis),
        tooltip=[alt.Tooltip(f"{x}:N", title=x_title),
                 alt.Tooltip(f"{y}:Q", title=y_title, format=".0%" if percent else "d")],
    ).properties(height=220)


def health_charts(con: netzdb.Connection, today: dt.date) -> None:
    tiers = care.tier_health(con, today)
    recent = care.activity(con, today)
    shares, months = recent.in_person, recent.months
    tier_frame = pd.DataFrame({"tier": [h.tier for h in tiers], "contacts": [h.contacts for h in tiers],
                               "overdue": [h.share_overdue for h in tiers]})
    share_frame = pd.DataFrame({"tier": [s.tier for s in shares], "share": [s.share for s in shares]})
    month_frame = pd.DataFrame({"month": [format_month(m.month.year, m.month.month, lang()) for m in months],
                                "interactions": [m.interactions for m in months]})
    left, right = st.columns(2)
    left.caption(t("today.chart_tiers"))
    left.altair_chart(_bar(tier_frame, "tier", "contacts", t("today.axis_tier"), t("today.axis_contacts")),
                      width="stretch")
    right.caption(t("today.chart_overdue"))
    right.altair_chart(_bar(tier_frame, "tier", "overdue", t("today.axis_tier"), t("today.axis_share_overdue"),
                            percent=True), width="stretch")
    left.caption(t("today.chart_in_person"))
    left.altair_chart(_bar(share_frame, "tier", "share", t("today.axis_tier"), t("today.axis_share_in_person"),
                           percent=True), width="stretch")
    right.caption(t("today.chart_months"))
    right.altair_chart(_bar(month_frame, "month", "interactions", t("today.axis_month"),
                            t("today.axis_interactions")), width="stretch")

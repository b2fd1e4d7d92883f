"""Settings: the care cadence per tier, the grace factor before "overdue", and the birthday lead days."""

from __future__ import annotations

import streamlit as st

from netzcore import care
from netzui import db, t
from netzui.data_cache import cached
from netzui.notice import show_error


def cadence_settings() -> None:
    con = db()
    current = cached(care.tier_cadences, con)
    st.caption(t("care.settings_help"))
    with st.form("cadence_settings"):
        columns = st.columns(len(current))
        chosen: list[tuple[str, int, int]] = []
        for column, cadence in zip(columns, current, strict=True):
            with column:
                label = t(f"common.tier.{cadence.tier}_long")
                st.markdown(f"**{label}**")
                days = st.number_input(t("care.cadence_days"), 0, 3650, cadence.cadence_days or 0,
                                       key=f"cadence_{cadence.tier}", help=t("care.cadence_zero_help"))
                lead = st.number_input(t("care.birthday_lead"), 0, 60, cadence.birthday_lead_days,
                                       key=f"birthday_lead_{cadence.tier}")
                chosen.append((cadence.tier, int(days), int(lead)))
        grace = st.number_input(t("care.grace_factor"), 1.0, 5.0, float(current[0].grace_factor), step=0.1,
                                key="cadence_grace", help=t("care.grace_help"))
        submitted = st.form_submit_button(t("common.save"), key="cadence_save", type="primary")
    if submitted:
        try:
            care.save_tier_cadences(con, [care.TierCadence(tier, days or None, float(grace), lead)
                                          for tier, days, lead in chosen])
        except care.CareError as error:
            show_error(error)
        else:
            st.success(t("care.settings_saved"))

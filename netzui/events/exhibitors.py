"""The exhibitor, participant and speaker list: paste it or upload a CSV (halls and stands are read), see which
names are in my network, clear it (after a confirmation, with undo)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netzcore import events as core
from netzcore.db import Connection
from netzui import db, t
from netzui.events.common import offer_undo, words
from netzui.notice import notify
from netzui.tables import table

_CONFIRM_KEY = "ev_exh_confirm"


def _restore(event_id: str, rows: list[core.ListedExhibitor]) -> str:
    return t("events.exhibitors_restored", count=core.restore_exhibitors(db(), event_id, rows))


def exhibitors(con: Connection, event: core.Event) -> None:
    st.caption(t("events.exhibitors_help"))
    pasted = st.text_area(t("events.exhibitors_paste"), key="ev_exh_text", height=120,
                          placeholder=t("events.new_exhibitors_hint"))
    upload = st.file_uploader(t("events.exhibitors_file"), type=["csv", "txt"], key="ev_exh_file")
    role = st.segmented_control(t("events.exhibitors_role"), list(core.EXHIBITOR_ROLES), default="exhibitor",
                                required=True, format_func=words("events.role", core.EXHIBITOR_ROLES, "_"),
                                key="ev_exh_role")
    if st.button(t("events.exhibitors_import"), key="ev_exh_import", type="primary"):
        text = core.decode_text(upload.getvalue()) if upload is not None else str(pasted or "")
        entries = core.parse_exhibitor_list(text)
        if not entries:
            st.warning(t("events.exhibitors_nothing"))
        else:
            report = core.import_exhibitors(con, event.id, entries, str(role or "exhibitor"))
            st.session_state.pop("ev_exh_text", None)
            notify(t("events.exhibitors_report", added=report.added, matched=report.matched,
                     known=report.already_listed, halls=report.with_hall))
    listed = core.list_exhibitors(con, event.id)
    if not listed:
        return
    table(pd.DataFrame({
        t("events.col_name"): [x.name for x in listed],
        t("events.col_role"): [t(f"events.role_one_{x.role}") for x in listed],
        t("events.col_hall"): [x.hall for x in listed],
        t("events.col_booth"): [x.stand for x in listed],
        t("events.col_in_network"): [x.organization or "" for x in listed],
        t("events.col_contacts"): [x.contacts for x in listed],
    }), key="ev_exh_table")
    if not st.session_state.get(_CONFIRM_KEY):
        if st.button(t("events.exhibitors_clear"), key="ev_exh_clear", icon=":material/delete:"):
            st.session_state[_CONFIRM_KEY] = True
            st.rerun()
        return
    st.warning(t("events.exhibitors_clear_confirm", count=len(listed)))
    yes_col, no_col = st.columns([1, 4])
    if yes_col.button(t("events.exhibitors_clear_yes"), key="ev_exh_clear_yes", type="primary"):
        st.session_state.pop(_CONFIRM_KEY, None)
        removed = core.remove_exhibitors(con, event.id)
        offer_undo(t("events.exhibitors_cleared", count=len(removed)), _restore, event.id, removed)
    if no_col.button(t("events.exhibitors_clear_no"), key="ev_exh_clear_no"):
        st.session_state.pop(_CONFIRM_KEY, None)
        st.rerun()

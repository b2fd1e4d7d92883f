"""Who matters? The contacts an import brought in, most promising first, sorted into tiers a handful at a time.

Tick rows (shift-click ticks a range, the header ticks the page), then one button: tier A, B, C or D (keys 1 to
4), keep as they are, or a tag. Sorted contacts leave the table; a running count says how many contacts the goals
still ask for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from netzcore import contacts, triage
from netzcore import db as netzdb
from netzcore.i18n import format_number
from netzcore.user_error import UserError
from netzui import lang, md_escape, t
from netzui.data_cache import cached
from netzui.notice import notify, show_error
from netzui.tables import table

PAGE_SIZE = 50
_VERSION = "triage_table_version"
_SHORTCUTS = {"A": "1", "B": "2", "C": "3", "D": "4"}


def waiting_notice(con: netzdb.Connection, key: str) -> int:
    """After an import (on Today and under the import report): the new contacts wait to be sorted, with the way
    there. Returns how many wait."""
    waiting = cached(triage.untriaged_count, con)
    if waiting:
        with st.container(border=True, key=key):
            st.info(t("triage.next", count=waiting), title=t("triage.next_title"), icon=":material/how_to_reg:")
            st.page_link("views/contacts.py", label=t("triage.open"), icon=":material/how_to_reg:",
                         query_params={"view": "triage"})
    return waiting


def goal_need_line(con: netzdb.Connection, today: dt.date) -> None:
    """"A/B contacts: 7 of the 15 your goals ask for", with a bar; without counted goals, how many there are."""
    need = cached(triage.goal_need, con, today)
    tiers = "/".join(need.tiers)
    if need.wanted:
        st.progress(min(1.0, need.reached / need.wanted),
                    text=t("triage.need", tiers=tiers, reached=format_number(need.reached, lang()),
                           count=need.wanted))
    else:
        st.caption(t("triage.need_no_goal", tiers=tiers, count=need.strong))


def triage_view(con: netzdb.Connection, today: dt.date) -> None:
    st.subheader(t("triage.title"))
    st.caption(t("triage.help"))
    goal_need_line(con, today)
    waiting = cached(triage.untriaged_count, con)
    if not waiting:
        st.success(t("triage.all_sorted"), icon=":material/task_alt:")
        return
    page_number = int(st.session_state.get("triage_page", 1))
    page = triage.triage_candidates(con, today, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
    pages = max(1, -(-page.total // PAGE_SIZE))
    st.markdown(t("triage.waiting", count=waiting))
    event = table(_frame(page.rows), key=f"triage_table_{st.session_state.get(_VERSION, 0)}", on_select="rerun",
                  selection_mode="multi-row", height=min(38 + 35 * len(page.rows), 640),
                  column_config=_columns())
    rows = [i for i in event["selection"].get("rows", []) if 0 <= i < len(page.rows)]
    chosen = [page.rows[i].contact_id for i in rows]
    _actions(con, chosen, [page.rows[i].full_name for i in rows], waiting)
    if pages > 1:
        st.number_input(t("triage.page", pages=pages), min_value=1, max_value=pages, step=1, key="triage_page")


def _columns() -> dict[str, object]:
    text = st.column_config.TextColumn
    return {t("contacts.full_name"): text(t("contacts.full_name"), width=150),
            t("contacts.organization"): text(t("contacts.organization"), width=200),
            t("contacts.title"): text(t("contacts.title"), width=190),
            t("contacts.tier"): text(t("contacts.tier"), width=50),
            t("triage.col_why"): text(t("triage.col_why"), width="large")}


def _frame(rows: list[triage.TriageCandidate]) -> pd.DataFrame:
    return pd.DataFrame({
        t("contacts.full_name"): [r.full_name for r in rows],
        t("contacts.organization"): [r.organization or "" for r in rows],
        t("contacts.title"): [r.title or "" for r in rows],
        t("contacts.tier"): [r.tier for r in rows],
        t("triage.col_why"): [triage.triage_reasons(lang(), r) for r in rows],
    })


def _actions(con: netzdb.Connection, chosen: list[str], names: list[str], waiting: int) -> None:
    with st.container(border=True, key="triage_actions"):
        if chosen:
            shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
            st.markdown(t("triage.selected", count=len(chosen), names=md_escape(shown)))
        else:
            st.caption(t("triage.select_hint"))
        with st.container(horizontal=True, key="triage_tiers"):
            for tier in contacts.TIERS:
                if st.button(t("triage.to_tier", tier=tier), key=f"triage_tier_{tier}", disabled=not chosen,
                             shortcut=_SHORTCUTS[tier], type="primary" if tier in ("A", "B") else "secondary",
                             help=t(f"common.tier.{tier}_long")):
                    _do(partial(triage.sort_into_tier, con, chosen, tier, t("triage.reason")),
                        t("triage.sorted", count=len(chosen), tier=tier))
            if st.button(t("triage.keep"), key="triage_keep", disabled=not chosen, icon=":material/done:"):
                _do(lambda: triage.keep_as_is(con, chosen), t("triage.kept", count=len(chosen)))
        tag_col, tag_go, rest_go = st.columns([3, 2, 3], vertical_alignment="bottom")
        tag = tag_col.text_input(t("bulk.tag"), key="triage_tag", placeholder=t("bulk.tag_placeholder"))
        if tag_go.button(t("bulk.tag_apply"), key="triage_tag_apply", disabled=not chosen, icon=":material/sell:",
                         width="stretch"):
            _do(lambda: contacts.add_tag(con, chosen, tag or ""), t("bulk.tag_done", count=len(chosen),
                                                                   tag=md_escape(tag or "")), keep_table=True)
        others = waiting - len(chosen)
        if rest_go.button(t("triage.keep_rest", count=others), key="triage_keep_rest", disabled=others <= 0,
                          width="stretch", icon=":material/done_all:", help=t("triage.keep_rest_help")):
            _do(lambda: triage.keep_all_except(con, chosen), t("triage.kept", count=others))


def _do(action: Callable[[], object], message: str, keep_table: bool = False) -> None:
    try:
        action()
    except UserError as error:
        show_error(error)
        return
    if not keep_table:
        st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
    notify(message)

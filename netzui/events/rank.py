"""Step 1, whom to meet: the ranked list with its reasons as short columns, rows picked in the table itself,
"Ask for a coffee" for the picked rows; the weights behind the score; and whom to get to know there."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from netzcore import events as core
from netzcore.db import Connection
from netzui import db, lang, md_escape, t
from netzui.data_cache import cached, event_shares, keeping_through_an_outreach_write
from netzui.events.common import (
    bold,
    clear_selection,
    labels,
    next_step,
    selection_on,
    status_word,
    step_caption,
    today,
)
from netzui.notice import act_on_click, notify, notify_later
from netzui.sections import button_panel
from netzui.tables import table

PAGE = 50
_LIMIT_KEY = "ev_rank_limit"
_ROW_HEIGHT = 35


def _slider_key(name: str) -> str:
    return f"ev_w_{name}"


_TRIED_KEY = "ev_weights_tried"   # weights moved but not saved: they rank while the panel is closed, too


def _reset_weights(con: Connection) -> None:
    core.reset_weights(con)
    st.session_state.pop(_TRIED_KEY, None)
    for name in core.DEFAULT_WEIGHTS:
        st.session_state.pop(_slider_key(name), None)
    notify(t("events.weights_reset_done"))


def _try_weight(name: str) -> None:
    st.session_state.setdefault(_TRIED_KEY, {})[name] = float(st.session_state[_slider_key(name)])


def weights(con: Connection) -> dict[str, float]:
    """The weights the ranking uses: the stored ones, changed by any slider the user moved (saved or not). The
    sliders are drawn only while their panel is open (nine sliders cost every run of the page)."""
    chosen = {**cached(core.load_weights, con), **st.session_state.get(_TRIED_KEY, {})}
    panel = st.expander(t("events.weights"), icon=":material/tune:", key="ev_weights_open", on_change="rerun")
    if not panel.open:
        return chosen
    with panel:
        st.caption(t("events.weights_help"))
        columns = st.columns(3)
        for i, (name, value) in enumerate(chosen.items()):
            columns[i % 3].slider(t(f"events.weight_{name}"), 0, int(core.MAX_WEIGHT), int(round(value)), step=1,
                                  key=_slider_key(name), on_change=_try_weight, args=(name,))
        left, right = st.columns(2)
        if left.button(t("events.weights_save"), key="ev_weights_save"):
            core.save_weights(con, chosen)
            st.session_state.pop(_TRIED_KEY, None)
            notify(t("events.weights_saved"))
        if right.button(t("events.weights_reset"), key="ev_weights_reset"):
            _reset_weights(con)
    return chosen


def _filters(con: Connection, event: core.Event) -> core.RankFilter:
    """Tier, goal and hall behind one button (a row of three fields cost the browser some 40 ms on every switch to
    the ranking); they keep their values while another step is open too, and the ones in use are named under it."""
    goals = dict(cached(core.event_goals, con, event.id))
    halls = cached(core.event_halls, con, event.id)
    every = t("events.filter_all")
    goal_names = {"": every, **goals}
    hall_names = {"": every, **{h: t("events.hall_name", hall=h) for h in halls}}
    tier_key, goal_key, hall_key = (f"ev_f_{name}_{event.id}" for name in ("tier", "goal", "hall"))
    box = button_panel(t("events.filters"), "ev_filters", ":material/filter_list:")
    if box is not None:
        with box:
            st.pills(t("events.filter_tier"), ["A", "B", "C", "D"], selection_mode="multi", key=tier_key,
                     persist_state="session")
            st.selectbox(t("events.filter_goal"), list(goal_names), key=goal_key, format_func=labels(goal_names, str),
                         disabled=not goals, persist_state="session")
            st.selectbox(t("events.filter_hall"), list(hall_names), key=hall_key, format_func=labels(hall_names, str),
                         disabled=not halls, persist_state="session")
    state = st.session_state
    tiers = tuple(sorted(state.get(tier_key) or ()))
    goal = state.get(goal_key) if state.get(goal_key) in goals else ""
    hall = state.get(hall_key) if state.get(hall_key) in halls else ""
    in_use = [f"{t('events.filter_tier')} {', '.join(tiers)}" if tiers else "",
              f"{t('events.filter_goal')} {goals[goal]}" if goal else "", hall_names[hall] if hall else ""]
    if any(in_use):
        st.caption(t("events.filters_in_use", filters=md_escape(" · ".join(p for p in in_use if p))), width="content")
    return core.RankFilter(tiers, goal or None, hall or None)


_WIDTHS = {"tier": 50, "overdue": 80, "exhibitor": 95, "goal": 120, "topics": 120, "city": 90, "follow_up": 60,
           "balance": 70, "job_change": 90}


def _frame(ranked: list[core.RankedContact], chosen: dict[str, float],
           statuses: dict[str, str]) -> tuple[pd.DataFrame, dict[str, object]]:
    """Name, score, status on the outreach list, organisation, then one short column per reason that counts
    (weight above 0)."""
    shown = [name for name in core.REASONS if chosen.get(name, 0) > 0]
    by_reason = [{p.reason: p.short for p in r.parts} for r in ranked]
    columns: dict[str, list[object]] = {
        t("events.col_name"): [r.full_name for r in ranked],
        t("events.col_score"): [r.points for r in ranked],
        t("events.col_status"): [status_word(statuses.get(r.contact_id)) for r in ranked],
        t("events.col_organization"): [r.organization for r in ranked],
    }
    for name in shown:
        columns[t(f"events.short_col_{name}")] = [parts.get(name, "") for parts in by_reason]
    config: dict[str, object] = {
        t("events.col_name"): st.column_config.TextColumn(width=170, pinned=True),   # stays while scrolling right
        t("events.col_score"): st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%d", width=80, help=t("events.score_help")),
        t("events.col_status"): st.column_config.TextColumn(width=90),
        t("events.col_organization"): st.column_config.TextColumn(width=170),
    }
    for name in shown:
        config[t(f"events.short_col_{name}")] = st.column_config.TextColumn(
            width=_WIDTHS[name], help=t(f"events.weight_{name}"))
    return pd.DataFrame(columns), config


def _details(picked: list[core.RankedContact]) -> None:
    """The full sentences and the points of each part, for the picked rows."""
    for r in picked:
        parts = " · ".join(f"{md_escape(p.sentence)} (+{round(p.points)})" for p in r.parts)
        st.markdown(f"{bold(r.full_name)} — {t('events.score_of', score=r.points)}: {parts}")


def ranking(con: Connection, event: core.Event) -> None:
    step_caption("rank")
    chosen = weights(con)
    # "Ask for a coffee" and the next step stand above the table, beside the filters, where the ticks are made:
    # below a table of 16 rows they were out of sight at 1400x900. "Ask" is drawn after the table, whose selection
    # its label counts.
    actions = st.container(horizontal=True, vertical_alignment="center", key="ev_rank_actions")
    ask_spot = actions.empty()
    with actions:
        filters = _filters(con, event)
    limit = int(st.session_state.get(f"{_LIMIT_KEY}_{event.id}", PAGE))
    features = event_shares(con, event.id, today())
    found = cached(core.whom_to_meet, con, event.id, today(), chosen, limit=limit, lang=lang(), filters=filters,
                   features=features)
    if not found.contacts:
        st.info(t("events.rank_empty_weights") if sum(chosen.values()) <= 0 else t("events.rank_empty"))
        return
    ranked = found.contacts
    plan = cached(core.list_plan, con, event.id)
    frame, config = _frame(ranked, chosen, {e.contact_id: e.status for e in plan})
    key = f"ev_rank_{event.id}"
    selection_on(key, [r.contact_id for r in ranked])
    height = min(len(ranked) + 1, 16) * _ROW_HEIGHT + 3
    event_state = table(frame, key=key, column_config=config, on_select="rerun", selection_mode="multi-row",
                        height=height)
    rows = list(event_state.selection.rows) if event_state is not None else []
    picked = [ranked[i] for i in rows if 0 <= i < len(ranked)]
    ask_spot.button(t("events.ask_coffee", count=len(picked)) if picked else t("events.ask_coffee_none"),
                    key="ev_ask", type="primary", disabled=not picked, icon=":material/coffee:",
                    on_click=act_on_click, args=(partial(_ask, event.id, [r.contact_id for r in picked], key),))
    with actions:   # not at the right end: the table's toolbar shows there while the pointer is on the table
        next_step("schedule", enabled=bool(plan))
    shown_line = t("events.rank_shown_more" if found.more else "events.rank_shown", count=len(ranked))
    below = st.container(horizontal=True, vertical_alignment="center")
    if found.more and below.button(t("events.rank_more", count=PAGE), key="ev_rank_more"):
        st.session_state[f"{_LIMIT_KEY}_{event.id}"] = limit + PAGE
        st.rerun()
    below.caption(shown_line + " " + t("events.rank_pick_help"), width="stretch")
    if picked:
        _details(picked)


def _ask(event_id: str, contact_ids: list[str], table_key: str) -> None:
    with keeping_through_an_outreach_write():
        added = core.add_to_plan(db(), event_id, contact_ids)
    clear_selection(table_key)    # a fresh selection for the next pick
    text = t("events.asked_added", count=added)
    if added < len(contact_ids):
        text += " " + t("events.asked_already", count=len(contact_ids) - added)
    notify_later(text + " " + t("events.asked_next"))


def get_to_know(con: Connection, event: core.Event) -> None:
    st.caption(t("events.gaps_help"))
    gaps = core.target_gaps(con, event.id)
    if not gaps:
        st.info(t("events.gaps_empty"))
        return
    table(pd.DataFrame({
        t("events.col_segment"): [g.segment for g in gaps],
        t("events.col_organization"): [g.organization for g in gaps],
        t("events.col_booth"): [g.booth for g in gaps],
        t("events.col_levels"): [", ".join(t(f"common.level.{lv}") for lv in g.levels) for g in gaps],
        t("events.col_bridges"): [", ".join(g.bridges) or t("events.no_bridge") for g in gaps],
    }), key="ev_gaps_table")


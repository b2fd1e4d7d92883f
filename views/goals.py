"""Goals: what my network is for, the target segments it needs, and how far I have come."""

import datetime as dt
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from netzcore import events
from netzcore import goals as core
from netzcore.i18n import format_date
from netzcore.membership import members
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, plain_text, t
from netzui.charts import (
    COUNT_FORMAT,
    MONTH_FORMAT,
    count_axis,
    empty_chart,
    month_axis,
    month_field,
    month_value,
    show_chart,
)
from netzui.contact_widgets import date_input_format, label_for
from netzui.data_cache import (
    EVENT_RANKING,
    EVENT_SETUP,
    PEOPLE_PAGES,
    cached,
    keeping,
    members_if_known,
    shared_members,
)
from netzui.notice import act_on_click, notify, notify_later, show_error, show_notice
from netzui.sections import kept_tabs
from netzui.tables import table
from netzui.versions import forget_version, read_version, reloader

NEW = "new"


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _form_keys(prefix: str, form_id: str) -> Callable[[], list[str]]:
    return lambda: [str(k) for k in st.session_state if str(k).startswith(prefix) and str(k).endswith(f"_{form_id}")]


_SAVE_ERROR = "__save_error"


def _save(prefix: str, form_id: str, message: str, save: Callable[[], object]) -> None:
    """The Save button's callback (through act_on_click): the page's one run after it shows the saved row, a new one
    chosen in its form (the browser keeps what was typed into a form it draws again: "New" over the saved values
    made a second Save a duplicate); or the form as typed with the error under it (`_save_error`)."""
    form = f"{prefix}form_{form_id}"
    try:
        saved = save()
    except UserError as error:
        st.session_state[form + _SAVE_ERROR] = error
        return
    forget_version(form)
    if form_id == NEW:
        for key in _form_keys(prefix, form_id)():
            del st.session_state[key]
        if isinstance(saved, str):
            st.session_state[f"{prefix}choice"] = saved     # "segment_choice", "goal_choice"
    notify_later(message)


def _save_error(prefix: str, form_id: str) -> None:
    """The last save's error, once, with a Reload button when the row changed meanwhile."""
    form = f"{prefix}form_{form_id}"
    error = st.session_state.pop(form + _SAVE_ERROR, None)
    if isinstance(error, UserError):
        show_error(error, reloader(form, _form_keys(prefix, form_id)), form)


def _field(key: str) -> str:
    return str(st.session_state.get(key) or "")


def _date(key: str) -> dt.date | None:
    value = st.session_state.get(key)
    return value if isinstance(value, dt.date) else None


def _delete_button(label: str, key: str, delete: Callable[[], None]) -> None:
    with st.popover(t("common.delete")):
        if st.button(label, key=key, type="primary"):
            delete()
            st.rerun()


def _progress(progress: core.GoalProgress | None) -> None:
    if progress is None:
        return
    if progress.target_count:
        st.progress(min(1.0, progress.reached / progress.target_count),
                    text=t("goals.progress_contacts", reached=progress.reached, target=progress.target_count))
    else:
        st.caption(t("goals.progress_contacts_open", reached=progress.reached))
    if progress.target_in_person:
        st.progress(min(1.0, progress.in_person / progress.target_in_person),
                    text=t("goals.progress_meetings", done=progress.in_person, target=progress.target_in_person))
    else:
        st.caption(t("goals.progress_meetings_open", done=progress.in_person))
    st.caption(t("goals.members", count=progress.members))


def _history_chart(goal: core.Goal, points: list[core.ProgressPoint]) -> None:
    """One value per month since the goal's start: the contacts reached at the month's end (line) and the in-person
    meetings held in that month (bars); a sentence instead while there is no month to compare with yet or nothing
    has happened."""
    if len(points) < 2:
        empty_chart(t("goals.chart_too_early"))
        return
    if not any(p.reached or p.met_in_month for p in points):
        empty_chart(t("goals.chart_nothing_yet"))
        return
    reached, meetings = t("goals.chart_reached"), t("goals.chart_meetings_in_month")
    rows = ([{"month": month_value(p.month), "measure": reached, "value": p.reached} for p in points]
            + [{"month": month_value(p.month), "measure": meetings, "value": p.met_in_month} for p in points])
    encoding = {
        "x": month_field(axis=month_axis([p.month for p in points]), bandPosition=0.5),
        "y": {"field": "value", "type": "quantitative", "axis": count_axis()},
        "color": {"field": "measure", "type": "nominal", "title": None,
                  "legend": {"orient": "bottom", "labelLimit": 400},
                  "scale": {"domain": [reached, meetings], "range": ["#1f77b4", "#9ecae9"]}},
        "tooltip": [month_field(title=t("goals.chart_month"), format=MONTH_FORMAT),
                    {"field": "measure", "type": "nominal", "title": " "},
                    {"field": "value", "type": "quantitative", "title": " ", "format": COUNT_FORMAT}],
    }
    layers: list[dict[str, object]] = [
        {"transform": [{"filter": {"field": "measure", "equal": meetings}}],
         "mark": {"type": "bar", "width": {"band": 0.5}}, "encoding": encoding},
        {"transform": [{"filter": {"field": "measure", "equal": reached}}],
         "mark": {"type": "line", "point": True}, "encoding": encoding},
    ]
    if goal.target_count:
        target = {"values": [{"value": goal.target_count,
                              "label": t("goals.chart_target", count=goal.target_count)}]}
        value = {"field": "value", "type": "quantitative"}
        layers += [
            {"data": target, "mark": {"type": "rule", "strokeDash": [4, 4], "color": "gray"}, "encoding": {"y": value}},
            {"data": target, "mark": {"type": "text", "align": "left", "dx": 4, "dy": -7, "color": "gray"},
             "encoding": {"y": value, "x": {"value": 0}, "text": {"field": "label", "type": "nominal"}}},
        ]
    show_chart({"datasets": {"progress": rows}, "data": {"name": "progress"}, "height": 200, "layer": layers},
               lang(), key=f"goal_chart_{goal.id}")


def chart_key(goal_id: str) -> str:
    """The key of a goal's chart expander (True in the session state while it is open)."""
    return f"goal_chart_open_{goal_id}"


def _goal_card(goal: core.Goal, progress: core.GoalProgress | None, segment_names: dict[str, str]) -> None:
    with st.container(border=True):
        st.markdown(f"**{md_escape(goal.title)}**")
        facts = [t(f"common.purpose.{goal.purpose}"), t(f"common.goal_status.{goal.status}")]
        if goal.target_date:
            facts.append(t("goals.until", date=format_date(goal.target_date, lang())))
        st.caption(" · ".join(facts))
        if goal.success_criterion:
            st.text(plain_text(t("goals.criterion_line", text=goal.success_criterion)))
        if goal.segment_ids:
            st.text(plain_text(t("goals.segments_line", names=", ".join(segment_names.get(s, "?") for s in goal.segment_ids))))
        _progress(progress)
        # a stateful expander: the months are counted and the chart drawn only while it is open (a Vega-Lite chart
        # costs the browser more than the query behind it)
        chart = st.expander(t("goals.chart_title"), key=chart_key(goal.id or ""), on_change="rerun")
        if chart.open:
            with chart:
                history = cached(core.progress_history, db(), shared=shared_members(db()))
                _history_chart(goal, history.get(goal.id or "", []))


def _goal_form(goal: core.Goal, segments: list[core.Segment]) -> None:
    gid = goal.id or NEW
    seg_names = {s.id: s.name for s in segments if s.id}
    version = read_version(f"goal_form_{gid}", f"goal_title_{gid}", goal.updated_at)
    with st.form(f"goal_form_{gid}"):
        st.text_input(t("goals.title_field"), value=goal.title, key=f"goal_title_{gid}",
                      placeholder=t("goals.title_placeholder"))
        st.selectbox(t("goals.purpose"), core.PURPOSES, index=core.PURPOSES.index(goal.purpose),
                     format_func=label_for("common.purpose."), key=f"goal_purpose_{gid}")
        st.text_area(t("goals.expected_value"), value=goal.expected_value, height=68,
                     key=f"goal_expected_{gid}", placeholder=t("goals.expected_placeholder"))
        st.text_area(t("goals.my_offer"), value=goal.my_offer, height=68, key=f"goal_offer_{gid}")
        st.text_input(t("goals.success_criterion"), value=goal.success_criterion,
                      key=f"goal_criterion_{gid}", placeholder=t("goals.criterion_placeholder"))
        left, middle, right = st.columns(3)
        left.number_input(t("goals.target_count"), min_value=0, step=1, value=goal.target_count or 0,
                          key=f"goal_count_{gid}", help=t("goals.zero_means_none"))
        middle.multiselect(t("goals.target_tiers"), core.TIERS, default=list(goal.target_tiers),
                           key=f"goal_tiers_{gid}", select_all=False,
                           placeholder=t("goals.choose_tiers"))
        right.multiselect(t("goals.target_levels"), core.LEVELS, default=list(goal.target_levels),
                          format_func=label_for("common.level."), key=f"goal_levels_{gid}",
                          help=t("goals.target_levels_help"), select_all=False,
                          placeholder=t("goals.any_level"))
        left, middle, right = st.columns(3)
        left.number_input(t("goals.target_in_person"), min_value=0, step=1,
                          value=goal.target_in_person or 0, key=f"goal_in_person_{gid}",
                          help=t("goals.zero_means_none"))
        middle.date_input(t("goals.starts_on"), value=goal.starts_on or dt.date.today(),
                          key=f"goal_starts_{gid}", format=date_input_format())
        right.date_input(t("goals.target_date"), value=goal.target_date, key=f"goal_target_{gid}",
                         format=date_input_format())
        st.selectbox(t("goals.status"), core.GOAL_STATUSES, index=core.GOAL_STATUSES.index(goal.status),
                     format_func=label_for("common.goal_status."), key=f"goal_status_{gid}")
        st.multiselect(t("goals.segments"), list(seg_names), default=list(goal.segment_ids),
                       format_func=seg_names.__getitem__, key=f"goal_segments_{gid}",
                       help=t("goals.segments_help"), select_all=False,
                       placeholder=t("goals.choose_segments"))
        st.form_submit_button(t("common.save"), key=f"goal_save_{gid}", type="primary", on_click=act_on_click,
                              args=(partial(_save, "goal_", gid, t("goals.goal_saved"),
                                            partial(_save_goal, goal.id, gid, version)),))
    _save_error("goal_", gid)
    if goal.id:
        _delete_button(t("goals.confirm_delete_goal"), f"goal_delete_{gid}", partial(core.delete_goal, db(), goal.id))


def _goal_editor(goal_list: list[core.Goal], segment_list: list[core.Segment]) -> None:
    goal_labels = {NEW: t("goals.new_goal"), **{g.id: g.title for g in goal_list if g.id}}
    goal_choice = st.selectbox(t("goals.edit_goal"), list(goal_labels), format_func=goal_labels.__getitem__,
                               key="goal_choice")
    _goal_form(next((g for g in goal_list if g.id == goal_choice), core.Goal(title="")), segment_list)


def _save_goal(goal_id: str | None, gid: str, version: dt.datetime | None) -> str:
    """The goal as the form was submitted (read from its inputs' state: the callback runs before the page)."""
    state = st.session_state
    return core.save_goal(db(), core.Goal(
        id=goal_id, title=_field(f"goal_title_{gid}"), purpose=str(state[f"goal_purpose_{gid}"]),
        expected_value=_field(f"goal_expected_{gid}"), my_offer=_field(f"goal_offer_{gid}"),
        success_criterion=_field(f"goal_criterion_{gid}"), target_count=int(state[f"goal_count_{gid}"] or 0) or None,
        target_tiers=tuple(state[f"goal_tiers_{gid}"]), target_levels=tuple(state[f"goal_levels_{gid}"]),
        target_in_person=int(state[f"goal_in_person_{gid}"] or 0) or None, starts_on=_date(f"goal_starts_{gid}"),
        target_date=_date(f"goal_target_{gid}"), status=str(state[f"goal_status_{gid}"]),
        segment_ids=tuple(state[f"goal_segments_{gid}"]), updated_at=version))


def _segment_form(segment: core.Segment) -> None:
    sid = segment.id or NEW
    version = read_version(f"segment_form_{sid}", f"segment_name_{sid}", segment.updated_at)
    with st.form(f"segment_form_{sid}"):
        left, right = st.columns([2, 1])
        left.text_input(t("goals.segment_name"), value=segment.name, key=f"segment_name_{sid}",
                        placeholder=t("goals.segment_name_placeholder"))
        right.selectbox(t("goals.segment_kind"), core.SEGMENT_KINDS,
                        index=core.SEGMENT_KINDS.index(segment.kind),
                        format_func=label_for("common.segment_kind."),
                        key=f"segment_kind_{sid}")
        st.text_area(t("goals.organization_names"), value="\n".join(segment.organization_names),
                     key=f"segment_orgs_{sid}", help=t("goals.organization_names_help"), height=80)
        st.text_input(t("goals.keywords"), value=", ".join(segment.keywords),
                      key=f"segment_keywords_{sid}", help=t("goals.keywords_help"))
        st.text_input(t("goals.topics"), value=", ".join(segment.topics), key=f"segment_topics_{sid}",
                      help=t("goals.topics_help"))
        left, right = st.columns([2, 1])
        left.multiselect(t("goals.levels"), core.LEVELS, default=list(segment.levels),
                         format_func=label_for("common.level."),
                         key=f"segment_levels_{sid}", select_all=False,
                         placeholder=t("goals.choose_levels"))
        right.selectbox(t("goals.priority"), (1, 2, 3), index=segment.priority - 1,
                        format_func={p: t(f"goals.priority_{p}") for p in (1, 2, 3)}.__getitem__,
                        key=f"segment_priority_{sid}")
        st.multiselect(t("goals.channels"), core.APPROACH_CHANNELS, default=list(segment.channels),
                       format_func=label_for("common.approach."),
                       key=f"segment_channels_{sid}", select_all=False,
                       placeholder=t("goals.choose_channels"))
        st.text_area(t("goals.approach_note"), value=segment.approach_note, key=f"segment_note_{sid}",
                     height=68, placeholder=t("goals.approach_note_placeholder"))
        st.form_submit_button(t("common.save"), key=f"segment_save_{sid}", type="primary", on_click=act_on_click,
                              args=(partial(_save, "segment_", sid, t("goals.segment_saved"),
                                            partial(_save_segment, segment, sid, version)),))
    _save_error("segment_", sid)
    if segment.id:
        _delete_button(t("goals.confirm_delete_segment"), f"segment_delete_{sid}",
                       partial(core.delete_segment, db(), segment.id))


# what a segment's save leaves valid when its rules stay the same (a new name, note or priority): an event's ranking
# reads a segment's rules and its goals' titles only
_KEPT_WITH_THE_RULES = (members, core.segment_member_counts, core.goal_progress, core.progress_history,
                        core.cell_contacts, *EVENT_RANKING)


def _kept_by_the_save(before: core.Segment, after: core.Segment) -> tuple[Callable[..., object], ...]:
    """The cached results a save leaves valid: an event's setup and outreach list, Today, the contact list and the
    goals with their segments' ids always (none reads a segment's own row); with the same rules, membership and what
    is built on it; with the map's own columns the same too (a new note or channels), the target map."""
    always = (*EVENT_SETUP, events.list_plan, *PEOPLE_PAGES, core.list_goals)
    if not before.id or not core.same_members(before, after):
        return always
    if core.same_map_row(before, after):
        return (*always, *_KEPT_WITH_THE_RULES, core.target_map)
    return (*always, *_KEPT_WITH_THE_RULES)


def _save_segment(before: core.Segment, sid: str, version: dt.datetime | None) -> str:
    state = st.session_state
    segment = core.Segment(
        id=before.id, name=_field(f"segment_name_{sid}"), kind=str(state[f"segment_kind_{sid}"]),
        organization_names=tuple(_field(f"segment_orgs_{sid}").splitlines()),
        keywords=tuple(_words(_field(f"segment_keywords_{sid}"))), topics=tuple(_words(_field(f"segment_topics_{sid}"))),
        levels=tuple(state[f"segment_levels_{sid}"]), priority=int(state[f"segment_priority_{sid}"]),
        channels=tuple(state[f"segment_channels_{sid}"]), approach_note=_field(f"segment_note_{sid}"),
        updated_at=version)
    with keeping(*_kept_by_the_save(before, segment)):
        return core.save_segment(db(), segment)


def _segment_table(segments: list[core.Segment], counts: dict[str, int]) -> None:
    table(pd.DataFrame([{
        t("goals.segment_name"): s.name,
        t("goals.segment_kind"): t(f"common.segment_kind.{s.kind}"),
        t("goals.priority"): t(f"goals.priority_{s.priority}"),
        t("goals.levels"): ", ".join(t(f"common.level.{v}") for v in s.levels),
        t("goals.channels"): ", ".join(t(f"common.approach.{c}") for c in s.channels),
        t("goals.member_count"): counts.get(s.id or "", 0),
    } for s in segments]), key="segment_table")


def _assignments(segments: list[core.Segment]) -> None:
    seg_names = {s.id: s.name for s in segments if s.id}
    segment_id = st.selectbox(t("goals.assign_segment"), list(seg_names), format_func=seg_names.__getitem__,
                              key="assign_segment")
    if segment_id is None:
        return
    query = st.text_input(t("goals.assign_search"), key="assign_search", placeholder=t("goals.assign_search_hint"))
    choices = {c.contact_id: c.label for c in core.contact_choices(db(), query)} if query else {}
    if query and not choices:
        st.caption(t("goals.assign_none_found"))
    chosen = st.multiselect(t("goals.assign_contacts"), list(choices), format_func=choices.__getitem__,
                            key="assign_contacts", select_all=False,
                            placeholder=t("goals.choose_contacts"))
    left, right = st.columns(2)
    if left.button(t("goals.assign_include"), key="assign_include", disabled=not chosen):
        notify(t("goals.assigned", count=core.assign_contacts(db(), segment_id, chosen, included=True)))
    if right.button(t("goals.assign_exclude"), key="assign_exclude", disabled=not chosen,
                    help=t("goals.assign_exclude_help")):
        notify(t("goals.excluded", count=core.assign_contacts(db(), segment_id, chosen, included=False)))
    current = core.list_assignments(db(), segment_id)
    if current:
        labels = {a.contact_id: t("goals.assignment_in" if a.included else "goals.assignment_out", name=a.full_name)
                  for a in current}
        back = st.multiselect(t("goals.assignments"), list(labels), format_func=labels.__getitem__,
                              key="assign_back", select_all=False,
                              placeholder=t("goals.choose_assignments"))
        if st.button(t("goals.assign_clear"), key="assign_clear", disabled=not back):
            core.clear_assignments(db(), segment_id, back)
            notify(t("goals.cleared", count=len(back)))


st.title(t("nav.goals"))
st.caption(t("goals.intro"))
show_notice()
# Stateful tabs: saving a segment or an assignment reruns the page and stays in its tab, and only the open tab runs.
goals_tab, segments_tab, assign_tab = kept_tabs(
    [t("goals.tab_goals"), t("goals.tab_segments"), t("goals.tab_assign")], "goals_tab")

segment_list = cached(core.list_segments, db())

if goals_tab.open:
    with goals_tab:
        goal_list = cached(core.list_goals, db())
        progress = cached(core.goal_progress, db(), shared=shared_members(db()))
        if not goal_list:
            st.info(t("goals.no_goals"))
        names = {s.id: s.name for s in segment_list if s.id}
        for goal in goal_list:
            _goal_card(goal, progress.get(goal.id or ""), names)
        # the goal form (a dozen fields) is drawn only while its panel is open; open at first without goals
        edit = st.expander(t("goals.edit_goals"), expanded=not goal_list, key="goals_edit_open", on_change="rerun")
        if edit.open:
            with edit:
                _goal_editor(goal_list, segment_list)

if segments_tab.open:
    with segments_tab:
        if segment_list:
            # counting alone is cheaper than computing the membership for the other views (after a segment's save)
            _segment_table(segment_list, cached(core.segment_member_counts, db(), members_if_known()))
        else:
            st.info(t("goals.no_segments"))
        segment_labels = {NEW: t("goals.new_segment"), **{s.id: s.name for s in segment_list if s.id}}
        segment_choice = st.selectbox(t("goals.edit_segment"), list(segment_labels),
                                      format_func=segment_labels.__getitem__, key="segment_choice")
        _segment_form(next((s for s in segment_list if s.id == segment_choice), core.Segment(name="")))

if assign_tab.open:
    with assign_tab:
        if segment_list:
            _assignments(segment_list)
        else:
            st.info(t("goals.no_segments"))

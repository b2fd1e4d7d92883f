"""Goals: what my network is for, the target segments it needs, and how far I have come."""

import datetime as dt
from collections.abc import Callable
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from netzcore import goals as core
from netzcore.i18n import format_date
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, plain_text, t
from netzui.contact_widgets import label_for
from netzui.notice import notify, show_error, show_notice
from netzui.tables import table
from netzui.versions import forget_version, read_version, reloader

NEW = "new"


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _form_keys(prefix: str, form_id: str) -> Callable[[], list[str]]:
    return lambda: [str(k) for k in st.session_state if str(k).startswith(prefix) and str(k).endswith(f"_{form_id}")]


def _save(prefix: str, form_id: str, message: str, save: Callable[[], object]) -> None:
    """Save; on success an emptied form for the next new entry and the message after the rerun, else the error
    with the typed input kept (and a Reload button when the row changed meanwhile)."""
    form = f"{prefix}form_{form_id}"
    try:
        save()
    except UserError as error:
        show_error(error, reloader(form, _form_keys(prefix, form_id)), form)
        return
    forget_version(form)
    if form_id == NEW:
        for key in [k for k in st.session_state if str(k).startswith(prefix) and str(k).endswith(f"_{NEW}")]:
            del st.session_state[key]
    notify(message)


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
    reached, meetings = t("goals.chart_reached"), t("goals.chart_meetings")
    frame = pd.DataFrame(
        [{"month": p.month, "measure": reached, "value": p.reached} for p in points]
        + [{"month": p.month, "measure": meetings, "value": p.in_person} for p in points])
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%m/%Y")),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("month:T", format="%m/%Y"), "measure:N", "value:Q"],
    ).properties(height=180)
    if goal.target_count:
        chart = chart + alt.Chart(pd.DataFrame({"value": [goal.target_count]})).mark_rule(
            strokeDash=[4, 4]).encode(y="value:Q")
    st.altair_chart(chart, width="stretch")


def _goal_card(goal: core.Goal, progress: core.GoalProgress | None, points: list[core.ProgressPoint],
               segment_names: dict[str, str]) -> None:
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
        with st.expander(t("goals.chart_title")):
            _history_chart(goal, points)


def _goal_form(goal: core.Goal, segments: list[core.Segment]) -> None:
    gid = goal.id or NEW
    seg_names = {s.id: s.name for s in segments if s.id}
    version = read_version(f"goal_form_{gid}", f"goal_title_{gid}", goal.updated_at)
    with st.form(f"goal_form_{gid}"):
        title = st.text_input(t("goals.title_field"), value=goal.title, key=f"goal_title_{gid}",
                              placeholder=t("goals.title_placeholder"))
        purpose = st.selectbox(t("goals.purpose"), core.PURPOSES, index=core.PURPOSES.index(goal.purpose),
                               format_func=label_for("common.purpose."), key=f"goal_purpose_{gid}")
        expected = st.text_area(t("goals.expected_value"), value=goal.expected_value, height=68,
                                key=f"goal_expected_{gid}", placeholder=t("goals.expected_placeholder"))
        offer = st.text_area(t("goals.my_offer"), value=goal.my_offer, height=68, key=f"goal_offer_{gid}")
        criterion = st.text_input(t("goals.success_criterion"), value=goal.success_criterion,
                                  key=f"goal_criterion_{gid}", placeholder=t("goals.criterion_placeholder"))
        left, middle, right = st.columns(3)
        count = left.number_input(t("goals.target_count"), min_value=0, step=1, value=goal.target_count or 0,
                                  key=f"goal_count_{gid}", help=t("goals.zero_means_none"))
        tiers = middle.multiselect(t("goals.target_tiers"), core.TIERS, default=list(goal.target_tiers),
                                   key=f"goal_tiers_{gid}")
        levels = right.multiselect(t("goals.target_levels"), core.LEVELS, default=list(goal.target_levels),
                                   format_func=label_for("common.level."), key=f"goal_levels_{gid}",
                                   help=t("goals.target_levels_help"))
        left, middle, right = st.columns(3)
        in_person = left.number_input(t("goals.target_in_person"), min_value=0, step=1,
                                      value=goal.target_in_person or 0, key=f"goal_in_person_{gid}",
                                      help=t("goals.zero_means_none"))
        starts = middle.date_input(t("goals.starts_on"), value=goal.starts_on or dt.date.today(),
                                   key=f"goal_starts_{gid}", format="DD.MM.YYYY")
        target = right.date_input(t("goals.target_date"), value=goal.target_date, key=f"goal_target_{gid}",
                                  format="DD.MM.YYYY")
        status = st.selectbox(t("goals.status"), core.GOAL_STATUSES, index=core.GOAL_STATUSES.index(goal.status),
                              format_func=label_for("common.goal_status."), key=f"goal_status_{gid}")
        linked = st.multiselect(t("goals.segments"), list(seg_names), default=list(goal.segment_ids),
                                format_func=seg_names.__getitem__, key=f"goal_segments_{gid}",
                                help=t("goals.segments_help"))
        submitted = st.form_submit_button(t("common.save"), key=f"goal_save_{gid}", type="primary")
    if submitted:
        _save("goal_", gid, t("goals.goal_saved"), lambda: core.save_goal(db(), core.Goal(
            id=goal.id, title=title, purpose=purpose, expected_value=expected, my_offer=offer,
            success_criterion=criterion, target_count=int(count) or None, target_tiers=tuple(tiers),
            target_levels=tuple(levels), target_in_person=int(in_person) or None,
            starts_on=starts if isinstance(starts, dt.date) else None,
            target_date=target if isinstance(target, dt.date) else None, status=status,
            segment_ids=tuple(linked), updated_at=version)))
    if goal.id:
        _delete_button(t("goals.confirm_delete_goal"), f"goal_delete_{gid}", partial(core.delete_goal, db(), goal.id))


def _segment_form(segment: core.Segment) -> None:
    sid = segment.id or NEW
    version = read_version(f"segment_form_{sid}", f"segment_name_{sid}", segment.updated_at)
    with st.form(f"segment_form_{sid}"):
        left, right = st.columns([2, 1])
        name = left.text_input(t("goals.segment_name"), value=segment.name, key=f"segment_name_{sid}",
                               placeholder=t("goals.segment_name_placeholder"))
        kind = right.selectbox(t("goals.segment_kind"), core.SEGMENT_KINDS,
                               index=core.SEGMENT_KINDS.index(segment.kind),
                               format_func=label_for("common.segment_kind."),
                               key=f"segment_kind_{sid}")
        orgs = st.text_area(t("goals.organization_names"), value="\n".join(segment.organization_names),
                            key=f"segment_orgs_{sid}", help=t("goals.organization_names_help"), height=80)
        keywords = st.text_input(t("goals.keywords"), value=", ".join(segment.keywords),
                                 key=f"segment_keywords_{sid}", help=t("goals.keywords_help"))
        topics = st.text_input(t("goals.topics"), value=", ".join(segment.topics), key=f"segment_topics_{sid}",
                               help=t("goals.topics_help"))
        left, right = st.columns([2, 1])
        levels = left.multiselect(t("goals.levels"), core.LEVELS, default=list(segment.levels),
                                  format_func=label_for("common.level."),
                                  key=f"segment_levels_{sid}")
        priority = right.selectbox(t("goals.priority"), (1, 2, 3), index=segment.priority - 1,
                                   format_func={p: t(f"goals.priority_{p}") for p in (1, 2, 3)}.__getitem__,
                                   key=f"segment_priority_{sid}")
        channels = st.multiselect(t("goals.channels"), core.APPROACH_CHANNELS, default=list(segment.channels),
                                  format_func=label_for("common.approach."),
                                  key=f"segment_channels_{sid}")
        note = st.text_area(t("goals.approach_note"), value=segment.approach_note, key=f"segment_note_{sid}",
                            height=68, placeholder=t("goals.approach_note_placeholder"))
        submitted = st.form_submit_button(t("common.save"), key=f"segment_save_{sid}", type="primary")
    if submitted:
        _save("segment_", sid, t("goals.segment_saved"), lambda: core.save_segment(db(), core.Segment(
            id=segment.id, name=name, kind=kind, organization_names=tuple(orgs.splitlines()),
            keywords=tuple(_words(keywords)), topics=tuple(_words(topics)), levels=tuple(levels),
            priority=int(priority), channels=tuple(channels), approach_note=note, updated_at=version)))
    if segment.id:
        _delete_button(t("goals.confirm_delete_segment"), f"segment_delete_{sid}",
                       partial(core.delete_segment, db(), segment.id))


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
                            key="assign_contacts")
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
                              key="assign_back")
        if st.button(t("goals.assign_clear"), key="assign_clear", disabled=not back):
            core.clear_assignments(db(), segment_id, back)
            notify(t("goals.cleared", count=len(back)))


st.title(t("nav.goals"))
st.caption(t("goals.intro"))
show_notice()
goals_tab, segments_tab, assign_tab = st.tabs([t("goals.tab_goals"), t("goals.tab_segments"), t("goals.tab_assign")])

segment_list = core.list_segments(db())
goal_list = core.list_goals(db())
overview = core.goals_overview(db())

with goals_tab:
    if not goal_list:
        st.info(t("goals.no_goals"))
    names = {s.id: s.name for s in segment_list if s.id}
    for goal in goal_list:
        _goal_card(goal, overview.progress.get(goal.id or ""), overview.history.get(goal.id or "", []), names)
    with st.expander(t("goals.edit_goals"), expanded=not goal_list):
        goal_labels = {NEW: t("goals.new_goal"), **{g.id: g.title for g in goal_list if g.id}}
        goal_choice = st.selectbox(t("goals.edit_goal"), list(goal_labels), format_func=goal_labels.__getitem__,
                                   key="goal_choice")
        _goal_form(next((g for g in goal_list if g.id == goal_choice), core.Goal(title="")), segment_list)

with segments_tab:
    if segment_list:
        _segment_table(segment_list, overview.member_counts)
    else:
        st.info(t("goals.no_segments"))
    segment_labels = {NEW: t("goals.new_segment"), **{s.id: s.name for s in segment_list if s.id}}
    segment_choice = st.selectbox(t("goals.edit_segment"), list(segment_labels),
                                  format_func=segment_labels.__getitem__, key="segment_choice")
    _segment_form(next((s for s in segment_list if s.id == segment_choice), core.Segment(name="")))

with assign_tab:
    if segment_list:
        _assignments(segment_list)
    else:
        st.info(t("goals.no_segments"))

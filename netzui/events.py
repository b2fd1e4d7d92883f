"""The event planner page's sections: every rule lives in netzcore.events, this module only draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import pandas as pd
import streamlit as st

from netzcore import events as core
from netzcore.contacts import TIERS
from netzcore.db import Connection
from netzcore.i18n import format_date
from netzcore.interactions import split_topics
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, t
from netzui.contact_widgets import date_input_format, label_for
from netzui.notice import notify, show_error, show_notice
from netzui.tables import table

PICK_KEY = "ev_pick"
_NEXT_PICK_KEY = "ev_pick_next"
_RANK_LIMIT = 50
T = TypeVar("T")


def events_page() -> None:
    st.title(t("nav.events"))
    con = db()
    show_notice()
    _new_event(con)
    event = _choose_event(con)
    if event is None:
        st.info(t("events.none"))
        return
    _event_header(event)
    tabs = st.tabs([
        t("events.tab_rank"), t("events.tab_get_to_know"), t("events.tab_pipeline"), t("events.tab_drafts"),
        t("events.tab_agenda"), t("events.tab_exhibitors"), t("events.tab_debrief"), t("events.tab_edit"),
    ])
    plan = core.list_plan(con, event.id)
    sections: tuple[Callable[[], None], ...] = (
        lambda: _ranking(con, event), lambda: _get_to_know(con, event), lambda: _pipeline(con, event, plan),
        lambda: _drafts(con, event, plan), lambda: _agenda(con, event, plan), lambda: _exhibitors(con, event),
        lambda: _debrief(con, event, plan), lambda: _edit_event(con, event),
    )
    for tab, section in zip(tabs, sections, strict=True):
        with tab:
            section()


def _words(area: str, keys: Iterable[str], joiner: str = ".") -> Callable[[object], str]:
    """A format_func over words translated now: AppTest calls format_func outside the script run."""
    return _labels({k: k for k in keys}, lambda k: t(f"{area}{joiner}{k}"))


def _labels(items: Mapping[str, T], label: Callable[[T], str]) -> Callable[[object], str]:
    texts = {key: label(item) for key, item in items.items()}
    return lambda key: texts.get(str(key), str(key))


def _today() -> dt.date:
    return dt.date.today()


def _event_day(event: core.Event) -> dt.date:
    """Today when it is a day of the event, else its nearest day."""
    return min(max(_today(), event.starts_on), event.ends_on)


# --- choose, create, edit ---------------------------------------------------------------------------------------


def _choose_event(con: Connection) -> core.Event | None:
    events = core.list_events(con)
    if not events:
        return None
    by_id = {e.id: e for e in events}
    if _NEXT_PICK_KEY in st.session_state:
        st.session_state[PICK_KEY] = st.session_state.pop(_NEXT_PICK_KEY)
    if st.session_state.get(PICK_KEY) not in by_id:
        upcoming = [e for e in events if e.ends_on >= _today()]
        st.session_state[PICK_KEY] = (upcoming[0] if upcoming else events[-1]).id
    chosen = st.selectbox(
        t("events.choose"), list(by_id), key=PICK_KEY,
        format_func=_labels(by_id, lambda e: " · ".join(p for p in (e.name, core.date_range(e, lang()), e.city) if p)),
    )
    return by_id[str(chosen)]


def _event_header(event: core.Event) -> None:
    st.subheader(md_escape(event.name))
    facts = [t(f"common.event_kind.{event.kind}"), core.date_range(event, lang())]
    facts += [p for p in (event.venue, event.city) if p]
    st.text(" · ".join(facts))
    if event.topics:
        st.text(t("events.topics_line", topics=", ".join(event.topics)))


def _event_form(con: Connection, prefix: str, event: core.Event | None) -> core.EventDraft:
    """The fields of an event; keys carry the event id so switching events shows fresh values."""
    today = _today()
    kinds = list(core.EVENT_KINDS)
    goals = dict(core.goal_choices(con))
    name = st.text_input(t("events.name"), value=event.name if event else "", key=f"{prefix}_name")
    kind = st.selectbox(t("events.kind"), kinds, index=kinds.index(event.kind) if event else 0,
                        format_func=_words("common.event_kind", kinds), key=f"{prefix}_kind")
    left, right = st.columns(2)
    starts_on = left.date_input(t("events.starts_on"), value=event.starts_on if event else today,
                                key=f"{prefix}_starts", format=date_input_format())
    ends_on = right.date_input(t("events.ends_on"), value=event.ends_on if event else today,
                               key=f"{prefix}_ends", format=date_input_format())
    city = left.text_input(t("events.city"), value=event.city if event else "", key=f"{prefix}_city")
    venue = right.text_input(t("events.venue"), value=event.venue if event else "", key=f"{prefix}_venue")
    topics = st.text_input(t("events.topics"), value=", ".join(event.topics) if event else "",
                           help=t("events.topics_help"), key=f"{prefix}_topics")
    url = st.text_input(t("events.url"), value=event.url if event else "", key=f"{prefix}_url")
    notes = st.text_area(t("events.notes"), value=event.notes if event else "", key=f"{prefix}_notes")
    goal_ids = st.multiselect(
        t("events.goals"), list(goals), default=[g for g in (event.goal_ids if event else ()) if g in goals],
        format_func=goals.__getitem__, key=f"{prefix}_goals", placeholder=t("events.goals_none"), select_all=False)
    kept = tuple(g for g in (event.goal_ids if event else ()) if g not in goals)  # paused or achieved goals
    return core.EventDraft(
        name=name, kind=str(kind), starts_on=_as_date(starts_on, today), ends_on=_as_date(ends_on, today),
        city=city, venue=venue, topics=split_topics(topics), url=url, notes=notes,
        goal_ids=tuple(goal_ids) + kept,
    )


def _as_date(value: object, fallback: dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else fallback


def _new_event(con: Connection) -> None:
    with st.expander(t("events.new"), expanded=False):
        draft = _event_form(con, "ev_new", None)
        if st.button(t("events.create"), key="ev_create", type="primary"):
            try:
                event_id = core.create_event(con, draft)
            except UserError as error:
                show_error(error)
                return
            st.session_state[_NEXT_PICK_KEY] = event_id
            for key in [k for k in st.session_state if str(k).startswith("ev_new_")]:
                del st.session_state[key]
            notify(t("events.created", name=md_escape(draft.name.strip())))


def _edit_event(con: Connection, event: core.Event) -> None:
    draft = _event_form(con, f"ev_edit_{event.id}", event)
    if st.button(t("common.save"), key="ev_edit_save", type="primary"):
        try:
            core.update_event(con, event.id, draft)
        except UserError as error:
            show_error(error)
            return
        notify(t("events.saved"))


# --- whom to meet -----------------------------------------------------------------------------------------------


def _weights(con: Connection) -> dict[str, float]:
    stored = core.load_weights(con)
    with st.expander(t("events.weights"), expanded=False):
        st.caption(t("events.weights_help"))
        columns = st.columns(3)
        chosen = {}
        for i, (name, value) in enumerate(stored.items()):
            chosen[name] = float(columns[i % 3].slider(
                t(f"events.weight_{name}"), 0, int(core.MAX_WEIGHT), int(round(value)), step=1, key=f"ev_w_{name}",
            ))
        left, right = st.columns(2)
        if left.button(t("events.weights_save"), key="ev_weights_save"):
            core.save_weights(con, chosen)
            notify(t("events.weights_saved"))
        if right.button(t("events.weights_reset"), key="ev_weights_reset"):
            core.save_weights(con, core.DEFAULT_WEIGHTS)
            for name in core.DEFAULT_WEIGHTS:
                st.session_state.pop(f"ev_w_{name}", None)
            notify(t("events.weights_saved"))
    return chosen


def _ranking(con: Connection, event: core.Event) -> None:
    weights = _weights(con)
    ranked = core.rank_contacts_for_event(con, event.id, _today(), weights, limit=_RANK_LIMIT, lang=lang())
    if not ranked:
        st.info(t("events.rank_empty"))
        return
    st.caption(t("events.rank_caption", count=len(ranked)))
    table(pd.DataFrame({
        t("events.col_name"): [r.full_name for r in ranked],
        t("events.col_organization"): [r.organization for r in ranked],
        t("events.col_score"): [r.score for r in ranked],
        t("events.col_reasons"): ["; ".join(r.reasons) for r in ranked],
        t("events.col_status"): [t(f"common.plan_status.{r.plan_status}") if r.plan_status else "" for r in ranked],
    }), key="ev_rank_table")
    names = {r.contact_id: r.full_name for r in ranked if r.plan_status is None}
    if names:
        picked = st.multiselect(t("events.add_pick"), list(names), format_func=names.__getitem__,
                                key="ev_add_pick", placeholder=t("events.add_pick_placeholder"), select_all=False)
        if st.button(t("events.add_to_plan"), key="ev_add_plan", disabled=not picked):
            added = core.add_to_plan(con, event.id, [str(p) for p in picked])
            st.session_state.pop("ev_add_pick", None)
            notify(t("events.added_to_plan", count=added))


def _get_to_know(con: Connection, event: core.Event) -> None:
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


# --- pipeline and drafts ----------------------------------------------------------------------------------------


def _status_changed(con: Connection, event_id: str, contact_id: str) -> None:
    core.set_plan_status(con, event_id, contact_id, str(st.session_state[f"ev_status_{contact_id}"]))


def _pipeline(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    if not plan:
        st.info(t("events.plan_empty"))
        return
    counts = core.plan_counts(plan)
    st.text(" · ".join(f"{t(f'common.plan_status.{s}')}: {n}" for s, n in counts.items()))
    statuses = list(core.PLAN_STATUSES)
    for entry in plan:
        name_col, status_col, remove_col = st.columns([3, 2, 1], vertical_alignment="center")
        who = ", ".join(p for p in (entry.full_name, entry.title, entry.organization) if p)
        name_col.text(who)
        key = f"ev_status_{entry.contact_id}"
        st.session_state[key] = entry.status  # the stored status wins: drafts and debrief change it too
        status_col.selectbox(
            t("events.col_status"), statuses,
            format_func=_words("common.plan_status", statuses), key=key,
            label_visibility="collapsed", on_change=_status_changed, args=(con, event.id, entry.contact_id),
        )
        if remove_col.button(t("events.remove"), key=f"ev_remove_{entry.contact_id}"):
            core.remove_from_plan(con, event.id, entry.contact_id)
            notify(t("events.removed", name=md_escape(entry.full_name)))


def _plan_pick(plan: list[core.PlanEntry], label: str, key: str) -> core.PlanEntry | None:
    by_id = {e.contact_id: e for e in plan}
    chosen = st.selectbox(label, list(by_id), format_func=_labels(by_id, lambda e: e.full_name), key=key)
    return by_id.get(str(chosen)) if chosen else None


def _drafts(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    plan = [e for e in plan if e.status in ("to_ask", "asked", "confirmed")]
    if not plan:
        st.info(t("events.plan_empty"))
        return
    entry = _plan_pick(plan, t("events.draft_for"), "ev_draft_contact")
    channel = st.radio(t("events.draft_channel"), list(core.DRAFT_CHANNELS), horizontal=True,
                       format_func=_words("common.channel", core.DRAFT_CHANNELS), key="ev_draft_channel")
    if entry is None:
        return
    st.caption(t("events.draft_help"))
    st.code(core.draft_message(event, entry, str(channel), lang(), core.my_name(con)), language=None,
            wrap_lines=True)
    if entry.status == "to_ask" and st.button(t("events.mark_asked"), key="ev_mark_asked"):
        core.set_plan_status(con, event.id, entry.contact_id, "asked")
        notify(t("events.marked_asked", name=md_escape(entry.full_name)))


# --- agenda: slots, day plan, downloads -------------------------------------------------------------------------


def _agenda(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    open_plan = [e for e in plan if e.status != "declined"]
    if open_plan:
        _slot_form(con, event, open_plan)
    else:
        st.info(t("events.plan_empty"))
    _day_plan(plan)
    _downloads(con, event, plan)


def _slot_form(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    st.markdown(f"**{md_escape(t('events.slot_title'))}**")
    entry = _plan_pick(plan, t("events.slot_contact"), "ev_slot_contact")
    day_col, start_col, end_col = st.columns(3)
    first_day = _event_day(event)
    day = day_col.date_input(t("events.slot_day"), value=first_day, min_value=event.starts_on,
                             max_value=event.ends_on, key=f"ev_slot_day_{event.id}",
                             format=date_input_format())
    start = start_col.time_input(t("events.slot_start"), value=dt.time(10, 0), step=900, key="ev_slot_start")
    end = end_col.time_input(t("events.slot_end"), value=dt.time(10, 30), step=900, key="ev_slot_end")
    place = st.text_input(t("events.slot_place"), key="ev_slot_place", placeholder=t("events.slot_place_hint"))
    points = st.text_input(t("events.slot_talking_points"), value=entry.talking_points if entry else "",
                           key=f"ev_slot_points_{entry.contact_id if entry else ''}")
    if entry is not None and st.button(t("events.slot_save"), key="ev_slot_save", type="primary"):
        when = _as_date(day, first_day)
        try:
            core.set_slot(con, event.id, entry.contact_id, dt.datetime.combine(when, start),
                          dt.datetime.combine(when, end), place)
            core.set_talking_points(con, event.id, entry.contact_id, points)
        except UserError as error:
            show_error(error)
            return
        notify(t("events.slot_saved", name=md_escape(entry.full_name)))


def _day_plan(plan: list[core.PlanEntry]) -> None:
    days = core.day_plan(plan)
    st.markdown(f"**{md_escape(t('events.day_plan'))}**")
    if not days:
        st.caption(t("events.day_plan_empty"))
    for day, entries in days.items():
        st.text(format_date(day, lang()))
        table(pd.DataFrame({
            t("events.col_time"): [f"{e.slot_start:%H:%M}–{e.slot_end:%H:%M}" for e in entries],
            t("events.col_name"): [e.full_name for e in entries],
            t("events.col_organization"): [e.organization for e in entries],
            t("events.col_place"): [e.place for e in entries],
            t("events.col_status"): [t(f"common.plan_status.{e.status}") for e in entries],
        }), key=f"ev_day_{day.isoformat()}")


def _file_stem(event: core.Event) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in event.name.lower()).strip("-")
    return f"{stem or 'event'}-{event.starts_on.isoformat()}"


def _downloads(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    left, right = st.columns(2)
    left.download_button(t("events.download_ics"), core.event_calendar(con, event.id, lang(), plan),
                         file_name=f"{_file_stem(event)}.ics", mime="text/calendar", key="ev_dl_ics")
    brief = core.event_brief(con, event.id, lang(), plan)
    right.download_button(t("events.download_brief"), brief.encode("utf-8"),
                          file_name=f"{_file_stem(event)}-brief.txt", mime="text/plain", key="ev_dl_brief")
    with st.expander(t("events.brief_preview")):
        st.text(brief)


# --- exhibitors -------------------------------------------------------------------------------------------------


def _exhibitors(con: Connection, event: core.Event) -> None:
    st.caption(t("events.exhibitors_help"))
    pasted = st.text_area(t("events.exhibitors_paste"), key="ev_exh_text", height=120)
    upload = st.file_uploader(t("events.exhibitors_file"), type=["csv", "txt"], key="ev_exh_file")
    role = st.radio(t("events.exhibitors_role"), list(core.EXHIBITOR_ROLES), horizontal=True,
                    format_func=_words("events.role", core.EXHIBITOR_ROLES, "_"), key="ev_exh_role")
    if st.button(t("events.exhibitors_import"), key="ev_exh_import"):
        text = core.decode_text(upload.getvalue()) if upload is not None else str(pasted or "")
        entries = core.parse_exhibitor_list(text)
        if not entries:
            st.warning(t("events.exhibitors_nothing"))
        else:
            report = core.import_exhibitors(con, event.id, entries, str(role))
            st.session_state.pop("ev_exh_text", None)
            notify(t("events.exhibitors_report", added=report.added, matched=report.matched,
                     known=report.already_listed))
    listed = core.list_exhibitors(con, event.id)
    if not listed:
        return
    table(pd.DataFrame({
        t("events.col_name"): [x.name for x in listed],
        t("events.col_role"): [t(f"events.role_{x.role}") for x in listed],
        t("events.col_booth"): [x.booth for x in listed],
        t("events.col_in_network"): [x.organization or "" for x in listed],
        t("events.col_contacts"): [x.contacts for x in listed],
    }), key="ev_exh_table")
    if st.button(t("events.exhibitors_clear"), key="ev_exh_clear"):
        core.remove_exhibitors(con, event.id)
        notify(t("events.exhibitors_cleared"))


# --- debrief ----------------------------------------------------------------------------------------------------


def _debrief(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    st.caption(t("events.debrief_help"))
    open_plan = [e for e in plan if e.status != "declined"]
    if open_plan:
        _meeting_form(con, event, open_plan)
    _new_person_form(con, event)


def _meeting_form(con: Connection, event: core.Event, plan: list[core.PlanEntry]) -> None:
    st.markdown(f"**{md_escape(t('events.debrief_meeting'))}**")
    entry = _plan_pick(plan, t("events.debrief_contact"), "ev_deb_contact")
    if entry is not None and entry.interaction_id:
        st.caption(md_escape(t("events.debrief_already", name=entry.full_name)))
    met_on = st.date_input(t("events.debrief_date"), value=_event_day(event), key="ev_deb_date",
                           format=date_input_format())
    topics = st.text_input(t("events.debrief_topics"), key="ev_deb_topics", help=t("events.topics_help"))
    hooks = st.text_area(t("events.debrief_hooks"), key="ev_deb_hooks", height=80)
    gave_col, received_col = st.columns(2)
    gave = gave_col.text_input(t("events.debrief_gave"), key="ev_deb_gave")
    received = received_col.text_input(t("events.debrief_received"), key="ev_deb_received")
    follow_up = st.date_input(t("events.debrief_follow_up"), value=None, key="ev_deb_follow_up",
                              format=date_input_format())
    if entry is not None and st.button(t("events.debrief_log"), key="ev_deb_log", type="primary"):
        meeting = core.MeetingLog(
            contact_id=entry.contact_id, occurred_on=_as_date(met_on, _today()),
            topics=split_topics(topics), hooks=hooks, gave=gave, received=received,
            follow_up_on=follow_up if isinstance(follow_up, dt.date) else None,
        )
        try:
            core.log_meeting(con, event.id, meeting)
        except UserError as error:
            show_error(error)
            return
        for key in ("ev_deb_topics", "ev_deb_hooks", "ev_deb_gave", "ev_deb_received", "ev_deb_follow_up"):
            st.session_state.pop(key, None)
        notify(t("events.debrief_logged", name=md_escape(entry.full_name)))


def _new_person_form(con: Connection, event: core.Event) -> None:
    st.markdown(f"**{md_escape(t('events.new_person'))}**")
    name_col, org_col = st.columns(2)
    name = name_col.text_input(t("events.new_person_name"), key="ev_np_name")
    organization = org_col.text_input(t("events.new_person_org"), key="ev_np_org")
    title_col, email_col = st.columns(2)
    title = title_col.text_input(t("events.new_person_title"), key="ev_np_title")
    email = email_col.text_input(t("events.new_person_email"), key="ev_np_email")
    city_col, tier_col = st.columns(2)
    city = city_col.text_input(t("events.city"), key="ev_np_city")
    tier = tier_col.selectbox(t("events.new_person_tier"), TIERS, index=2, format_func=label_for("common.tier.", "_long"),
                              key="ev_np_tier")
    if st.button(t("events.new_person_add"), key="ev_np_add"):
        person = core.NewContact(full_name=name, organization=organization, title=title, email=email,
                                 city=city, tier=str(tier))
        try:
            met = core.add_contact_met(con, event.id, person)
        except UserError as error:
            show_error(error)
            return
        for key in ("ev_np_name", "ev_np_org", "ev_np_title", "ev_np_email", "ev_np_city"):
            st.session_state.pop(key, None)
        message = "events.new_person_added" if met.created else "events.new_person_known"
        notify(t(message, name=md_escape(met.full_name)))

"""Choose, create and edit an event. A new event can take its exhibitor list (with halls) right away."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from netzcore import events as core
from netzcore.db import Connection
from netzcore.interactions import split_topics
from netzcore.user_error import UserError
from netzui import lang, md_escape, t
from netzui.contact_widgets import date_input_format
from netzui.data_cache import cached
from netzui.events.common import as_date, labels, open_section, today, words
from netzui.notice import notify, show_error
from netzui.versions import forget_version, keys_with_prefix, read_version, reloader

PICK_KEY = "ev_pick"
_NEXT_PICK_KEY = "ev_pick_next"


def choose_event(con: Connection) -> core.Event | None:
    events = cached(core.list_events, con)
    if not events:
        return None
    by_id = {e.id: e for e in events}
    if _NEXT_PICK_KEY in st.session_state:
        st.session_state[PICK_KEY] = st.session_state.pop(_NEXT_PICK_KEY)
    if st.session_state.get(PICK_KEY) not in by_id:
        upcoming = [e for e in events if e.ends_on >= today()]
        st.session_state[PICK_KEY] = (upcoming[0] if upcoming else events[-1]).id
    chosen = st.selectbox(
        t("events.choose"), list(by_id), key=PICK_KEY,
        format_func=labels(by_id, lambda e: " · ".join(p for p in (e.name, core.date_range(e, lang()), e.city) if p)),
        persist_state="session",   # back from another page, the event the user was working on is still open
    )
    return by_id[str(chosen)]


def _dates(prefix: str, event: core.Event | None) -> tuple[dt.date, dt.date]:
    """First and last day in one range picker ("08.01.2027 – 12.01.2027")."""
    start = event.starts_on if event else today()
    end = event.ends_on if event else today()
    picked = st.date_input(t("events.dates"), value=(start, end), key=f"{prefix}_dates", format=date_input_format(),
                           help=t("events.dates_help"))
    chosen = [d for d in (picked if isinstance(picked, tuple | list) else (picked,)) if isinstance(d, dt.date)]
    if not chosen:
        return start, end
    return chosen[0], chosen[-1]


def event_form(con: Connection, prefix: str, event: core.Event | None) -> core.EventDraft:
    """The fields of an event; keys carry the event id so switching events shows fresh values."""
    kinds = list(core.EVENT_KINDS)
    goals = dict(core.goal_choices(con))
    name_col, kind_col = st.columns([2, 1])
    name = name_col.text_input(t("events.name"), value=event.name if event else "", key=f"{prefix}_name")
    kind = kind_col.selectbox(t("events.kind"), kinds, index=kinds.index(event.kind) if event else 0,
                              format_func=words("common.event_kind", kinds), key=f"{prefix}_kind")
    dates_col, city_col, venue_col = st.columns(3)
    with dates_col:
        starts_on, ends_on = _dates(prefix, event)
    city = city_col.text_input(t("events.city"), value=event.city if event else "", key=f"{prefix}_city")
    venue = venue_col.text_input(t("events.venue"), value=event.venue if event else "", key=f"{prefix}_venue")
    topics = st.text_input(t("events.topics"), value=", ".join(event.topics) if event else "",
                           help=t("events.topics_help"), key=f"{prefix}_topics")
    goal_ids = st.multiselect(
        t("events.goals"), list(goals), default=[g for g in (event.goal_ids if event else ()) if g in goals],
        format_func=goals.__getitem__, key=f"{prefix}_goals", placeholder=t("events.goals_none"),
        select_all=False)
    url_col, notes_col = st.columns(2)
    url = url_col.text_input(t("events.url"), value=event.url if event else "", key=f"{prefix}_url")
    notes = notes_col.text_input(t("events.notes"), value=event.notes if event else "", key=f"{prefix}_notes")
    kept = tuple(g for g in (event.goal_ids if event else ()) if g not in goals)  # paused or achieved goals
    return core.EventDraft(
        name=name, kind=str(kind), starts_on=as_date(starts_on, today()), ends_on=as_date(ends_on, today()),
        city=city, venue=venue, topics=split_topics(topics), url=url, notes=notes, goal_ids=tuple(goal_ids) + kept,
    )


def new_event(con: Connection, expanded: bool) -> None:
    """The form for a new event, drawn only while its panel is open (open at first when there is no event)."""
    panel = st.expander(t("events.new"), expanded=expanded, icon=":material/add:", key="ev_new_open",
                        on_change="rerun")
    if not panel.open:
        return
    with panel:
        draft = event_form(con, "ev_new", None)
        pasted = st.text_area(t("events.new_exhibitors"), key="ev_new_exhibitors", height=100,
                              placeholder=t("events.new_exhibitors_hint"), help=t("events.exhibitors_help"))
        if st.button(t("events.create"), key="ev_create", type="primary"):
            try:
                event_id = core.create_event(con, draft)
            except UserError as error:
                show_error(error)
                return
            entries = core.parse_exhibitor_list(str(pasted or ""))
            report = core.import_exhibitors(con, event_id, entries) if entries else None
            st.session_state[_NEXT_PICK_KEY] = event_id
            for key in [k for k in st.session_state if str(k).startswith("ev_new_")]:
                del st.session_state[key]
            open_section("rank")
            text = t("events.created", name=md_escape(draft.name.strip()))
            if report is not None:
                text += " " + t("events.exhibitors_report", added=report.added, matched=report.matched,
                                known=report.already_listed, halls=report.with_hall)
            notify(text + " " + t("events.created_next"))


def edit_event(con: Connection, event: core.Event) -> None:
    form = f"ev_edit_{event.id}"
    version = read_version(form, f"{form}_name", event.updated_at)
    draft = event_form(con, form, event)
    if st.button(t("common.save"), key="ev_edit_save", type="primary"):
        try:
            core.update_event(con, event.id, draft, read_version=version)
        except UserError as error:
            show_error(error, reloader(form, keys_with_prefix(f"{form}_")), form)
            return
        forget_version(form)
        notify(t("events.saved"))

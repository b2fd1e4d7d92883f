"""The event page: choose or create an event, see where the plan stands, work in one section at a time."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netzcore import events as core
from netzcore.db import Connection
from netzui import db, lang, md_escape, plain_text, t
from netzui.data_cache import cached
from netzui.events.common import SECTION_KEY, SECTIONS, apply_pending_section, section_label, show_flash
from netzui.events.debrief import debrief
from netzui.events.event_form import choose_event, edit_event, new_event
from netzui.events.exhibitors import exhibitors
from netzui.events.messages import messages
from netzui.events.rank import get_to_know, ranking
from netzui.events.schedule import schedule
from netzui.notice import show_notice
from netzui.sections import kept_tabs

_DRAW: dict[str, Callable[[Connection, core.Event], None]] = {
    "rank": ranking, "schedule": schedule, "messages": messages, "debrief": debrief,
    "exhibitors": exhibitors, "get_to_know": get_to_know, "edit": edit_event,
}


def _header(con: Connection, event: core.Event) -> None:
    st.subheader(md_escape(event.name))
    facts = [t(f"common.event_kind.{event.kind}"), core.date_range(event, lang())]
    facts += [p for p in (event.venue, event.city) if p]
    lines = [" · ".join(facts)]
    if event.topics:
        lines.append(t("events.topics_line", topics=", ".join(event.topics)))
    st.text(plain_text("\n".join(lines)))
    plan = cached(core.list_plan, con, event.id)
    if plan:
        counts = core.plan_counts(plan)
        booked = sum(1 for e in plan if e.booked and e.status != "declined")
        st.caption(t("events.progress", count=len(plan), booked=booked, asked=counts["asked"],
                     confirmed=counts["confirmed"], met=counts["met"] + counts["followed_up"]))


def events_page() -> None:
    st.title(t("nav.events"))
    con = db()
    show_notice()
    show_flash()
    has_events = bool(cached(core.list_events, con))
    new_event(con, expanded=not has_events)
    event = choose_event(con)
    if event is None:
        st.info(t("events.none"))
        return
    _header(con, event)
    apply_pending_section()
    tabs = kept_tabs([section_label(s) for s in SECTIONS], SECTION_KEY)
    for section, tab in zip(SECTIONS, tabs, strict=True):
        if tab.open:
            with tab, st.container(key=f"ev_in_{section}"):
                _DRAW[section](con, event)

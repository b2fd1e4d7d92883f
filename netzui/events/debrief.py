"""Step 4, debrief: log each meeting (dated on a day of the event, so "last contact" moves) and add the new people
met there."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from netzcore import events as core
from netzcore.contacts import TIERS
from netzcore.db import Connection
from netzcore.i18n import format_date
from netzcore.interactions import split_topics
from netzcore.user_error import UserError
from netzui import lang, md_escape, t
from netzui.contact_widgets import date_input_format, label_for
from netzui.events.common import as_date, labels, step_caption, today
from netzui.notice import notify, show_error


def debrief(con: Connection, event: core.Event) -> None:
    step_caption("debrief")
    day = core.debrief_day(event, today())
    if day is None:
        st.info(t("events.debrief_not_yet", date=format_date(event.starts_on, lang())))
        return
    plan = [e for e in core.list_plan(con, event.id) if e.status != "declined"]
    if plan:
        _meeting_form(con, event, plan, day)
    _new_person_form(con, event)


def _meeting_form(con: Connection, event: core.Event, plan: list[core.PlanEntry], day: dt.date) -> None:
    st.markdown(f"**{md_escape(t('events.debrief_meeting'))}**")
    by_id = {e.contact_id: e for e in plan}
    chosen = st.selectbox(t("events.debrief_contact"), list(by_id), key="ev_deb_contact",
                          format_func=labels(by_id, lambda e: f"{e.full_name} ({t(f'common.plan_status.{e.status}')})"))
    entry = by_id.get(str(chosen))
    if entry is not None and entry.interaction_id:
        st.caption(md_escape(t("events.debrief_already", name=entry.full_name)))
    latest = min(today(), event.ends_on)
    met_on = st.date_input(t("events.debrief_date"), value=day, min_value=event.starts_on,
                           max_value=max(latest, event.starts_on), key=f"ev_deb_date_{event.id}",
                           format=date_input_format(), help=t("events.debrief_date_help"))
    topics = st.text_input(t("events.debrief_topics"), key="ev_deb_topics", help=t("events.topics_help"))
    hooks = st.text_area(t("events.debrief_hooks"), key="ev_deb_hooks", height=80)
    gave_col, received_col = st.columns(2)
    gave = gave_col.text_input(t("events.debrief_gave"), key="ev_deb_gave")
    received = received_col.text_input(t("events.debrief_received"), key="ev_deb_received")
    follow_up = st.date_input(t("events.debrief_follow_up"), value=None, key="ev_deb_follow_up",
                              format=date_input_format())
    if entry is not None and st.button(t("events.debrief_log"), key="ev_deb_log", type="primary"):
        meeting = core.MeetingLog(
            contact_id=entry.contact_id, occurred_on=as_date(met_on, day),
            topics=split_topics(topics), hooks=hooks, gave=gave, received=received,
            follow_up_on=follow_up if isinstance(follow_up, dt.date) else None,
        )
        try:
            core.log_meeting(con, event.id, meeting, today())
        except UserError as error:
            show_error(error)
            return
        for key in ("ev_deb_topics", "ev_deb_hooks", "ev_deb_gave", "ev_deb_received", "ev_deb_follow_up"):
            st.session_state.pop(key, None)
        notify(t("events.debrief_logged", name=md_escape(entry.full_name),
                 date=format_date(meeting.occurred_on, lang()), status=t("common.plan_status.met")))


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
    tier = tier_col.selectbox(t("events.new_person_tier"), TIERS, index=2,
                              format_func=label_for("common.tier.", "_long"), key="ev_np_tier")
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

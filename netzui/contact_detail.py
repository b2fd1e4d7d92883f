"""Everything about one contact: data, care, hooks, timeline, career, relationships, give and take, and the
forms to edit, change tier, archive, log, relate, introduce and merge."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from netzcore import care, contacts, interactions, messages, relationships
from netzcore import db as netzdb
from netzcore.i18n import format_birthday, format_date, word_for
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, plain_text, t
from netzui.contact_widgets import (
    contact_picker,
    date_column,
    date_text,
    due_badge,
    interaction_form,
    label_for,
    list_text,
    split_list,
)
from netzui.data_cache import keeping_through_a_tier_change
from netzui.duplicates import contact_merges
from netzui.form_of_address import form_fields, save_if_changed
from netzui.network_graph import network_chart
from netzui.notice import act, act_on_click, notify, notify_later, show_error
from netzui.tables import table
from netzui.versions import forget_version, keys_with_prefix, read_version, reloader


def open_contact(contact_id: str | None) -> None:
    """Show this contact's detail; the URL carries it (`?contact=<id>`), so it can be bookmarked or linked."""
    if contact_id:
        st.query_params["contact"] = contact_id
    else:
        st.query_params.pop("contact", None)


def opened_contact() -> str | None:
    return st.query_params.get("contact") or None


def contact_detail(con: netzdb.Connection, contact_id: str, today: dt.date) -> None:
    """One person in their own view (the URL holds `?contact=<id>`): back to the list, the summary, and tabs of
    which only the open one runs."""
    st.button(t("contacts.back_to_list"), key="contact_back", icon=":material/arrow_back:", type="tertiary",
              on_click=open_contact, args=(None,))
    contact = contacts.get_contact(con, contact_id)
    if contact is None:
        st.warning(t("contacts.not_found"))
        return
    state = care.care_state(con, contact_id, today)
    st.subheader(md_escape(contact.full_name))
    if contact.archived:
        st.warning(t("contacts.is_archived"))
    _snoozed(con, contact, today)
    _summary(con, contact, state, today)
    labels = [t("contacts.tab_timeline"), t("contacts.tab_log"), t("contacts.tab_edit"), t("contacts.tab_tier"),
              t("contacts.tab_network"), t("contacts.tab_merge")]
    tabs = st.tabs(labels, key="contact_tab", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            _timeline(con, contact)
    if tabs[1].open:
        with tabs[1]:
            interaction_form("contact_log_form", contact.id, today)
    if tabs[2].open:
        with tabs[2]:
            _edit_form(con, contact)
            _archive(con, contact)
    if tabs[3].open:
        with tabs[3]:
            _tier_form(contact)
    if tabs[4].open:
        with tabs[4]:
            _network(con, contact, today)
    if tabs[5].open:
        with tabs[5]:
            _merge(con, contact)
            contact_merges(con, contact.id)  # earlier merges of this contact, each with "Split again"


def _snoozed(con: netzdb.Connection, contact: contacts.Contact, today: dt.date) -> None:
    until = care.snoozed_until(con, contact.id, today)
    if until is None:
        return
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    text_col.info(t("due.snoozed_until", date=date_text(until)), icon=":material/snooze:")
    if button_col.button(t("due.unsnooze"), key="contact_unsnooze", icon=":material/alarm_on:"):
        act(lambda: care.unsnooze(con, contact.id))


def _channel(channel: str) -> str:
    return t(f"common.channel.{channel}")


def _summary(con: netzdb.Connection, contact: contacts.Contact, state: care.CareState | None,
             today: dt.date) -> None:
    hooks = interactions.last_hooks(con, contact.id, 3)
    if hooks:
        st.info("  \n".join(f"**{format_date(h.occurred_on, lang())}** ({_channel(h.channel)}): "
                            f"{md_escape(h.hooks)}" for h in hooks), icon=":material/lightbulb:")
    else:
        st.caption(t("contacts.no_hooks"))
    data, care_col, balance_col = st.columns([3, 2, 2])
    birthday = (format_birthday(contact.birthday_month, contact.birthday_day, contact.birthday_year, lang())
                if contact.birthday_month and contact.birthday_day else t("common.none"))
    level = t(f"common.level.{contact.hierarchy_level}") if contact.hierarchy_level else t("common.none")
    rows = [
        (t("contacts.organization"), contact.organization or t("common.none")),
        (t("contacts.title"), contact.title or t("common.none")),
        (t("contacts.level"), level),
        (t("contacts.emails"), list_text(contact.emails)),
        (t("contacts.phones"), list_text(contact.phones)),
        (t("contacts.city"), contact.city or t("common.none")),
        (t("contacts.birthday"), birthday),
        (t("contacts.tags"), list_text(contact.tags)),
        (t("contacts.topics"), list_text(contact.topics)),
        (t("contacts.how_met"), contact.how_met or t("common.none")),
        (t("contacts.preferred_channel"), _channel(contact.preferred_channel) if contact.preferred_channel
         else t("common.none")),
    ]
    rows += [(label, url) for label, url in (("LinkedIn", contact.linkedin_url), ("Xing", contact.xing_url)) if url]
    data.text(plain_text("\n".join(f"{label}: {value}" for label, value in rows)))
    if contact.notes:
        data.text(plain_text(contact.notes))
    with care_col:
        st.markdown(f"**{t('contacts.tier')}: {contact.tier}** {due_badge(state.due_state if state else None)}")
        if state is not None:
            cadence = (t("contacts.cadence_days", days=state.cadence_days) if state.cadence_days
                       else t("common.due_state.none"))
            own = t("contacts.cadence_own") if contact.cadence_days else t("contacts.cadence_tier")
            st.text(f"{t('contacts.cadence')}: {cadence} ({own})\n"
                    f"{t('contacts.last_contact')}: {date_text(state.last_interaction_on)}\n"
                    f"{t('contacts.next_due')}: {date_text(state.due_on)}")
    with balance_col:
        balance = interactions.give_and_take(con, contact.id, today)
        gave_col, received_col = st.columns(2)
        gave_col.metric(t("contacts.gave"), balance.gave, help=t("contacts.last_on", on=date_text(balance.last_gave_on)))
        received_col.metric(t("contacts.received"), balance.received,
                            help=t("contacts.last_on", on=date_text(balance.last_received_on)))
        if balance.only_takes:
            st.warning(t("contacts.only_takes"), icon=":material/balance:")


def _timeline(con: netzdb.Connection, contact: contacts.Contact) -> None:
    entries = interactions.timeline(con, contact.id, limit=50)
    if not entries:
        st.caption(t("contacts.no_interactions"))
    else:
        table(pd.DataFrame({
            t("care.date"): [e.occurred_on for e in entries],
            t("care.channel"): [_channel(e.channel) for e in entries],
            t("care.in_person"): [e.in_person for e in entries],
            t("care.topics"): [", ".join(e.topics) for e in entries],
            t("care.hooks"): [e.hooks or "" for e in entries],
            t("care.gave"): [e.gave or "" for e in entries],
            t("care.received"): [e.received or "" for e in entries],
            t("care.follow_up"): [e.follow_up_on for e in entries],
        }), key="contact_timeline",
            column_config={t("care.date"): date_column(t("care.date")),
                           t("care.follow_up"): date_column(t("care.follow_up"))})
    career = contacts.career_history(con, contact.id)
    if career:
        st.markdown(f"**{t('contacts.career')}**")
        table(pd.DataFrame({
            t("care.date"): [s.observed_on for s in career],
            t("contacts.organization"): [s.organization or "" for s in career],
            t("contacts.title"): [s.title or "" for s in career],
            t("contacts.source"): [word_for(lang(), "common.source.", s.source) for s in career],
        }), key="contact_career", column_config={t("care.date"): date_column(t("care.date"))})
    history = care.tier_history(con, contact.id)
    if history:
        st.markdown(f"**{t('contacts.tier_history')}**")
        table(pd.DataFrame({
            t("care.date"): [h.changed_at.date() for h in history],
            t("contacts.old_tier"): [h.old_tier or "" for h in history],
            t("contacts.new_tier"): [h.new_tier for h in history],
            t("contacts.reason"): [word_for(lang(), "common.tier_reason.", h.reason) for h in history],
        }), key="contact_tier_history",
            column_config={t("care.date"): date_column(t("care.date"))})


def _int_or_none(value: Any) -> int | None:
    return int(value) if value else None


def _edit_form(con: netzdb.Connection, contact: contacts.Contact) -> None:
    key = f"edit_{contact.id}"
    version = read_version(key, f"{key}_full_name", contacts.edit_version(contact))
    levels = ["", *contacts.LEVELS]
    channels = ["", *interactions.CHANNELS]
    if contact.preferred_channel and contact.preferred_channel not in channels:
        channels.append(contact.preferred_channel)
    with st.form(key):
        left, right = st.columns(2)
        values: dict[str, Any] = {
            "full_name": left.text_input(t("contacts.full_name"), contact.full_name, key=f"{key}_full_name"),
            "given_name": right.text_input(t("contacts.given_name"), contact.given_name or "", key=f"{key}_given"),
            "family_name": left.text_input(t("contacts.family_name"), contact.family_name or "", key=f"{key}_family"),
            "preferred_channel": right.selectbox(
                t("contacts.preferred_channel"), channels, index=channels.index(contact.preferred_channel or ""),
                format_func=label_for("common.channel."), key=f"{key}_channel") or None,
            "organization": left.text_input(t("contacts.organization"), contact.organization or "",
                                            key=f"{key}_organization"),
            "title": right.text_input(t("contacts.title"), contact.title or "", key=f"{key}_title"),
            "department": left.text_input(t("contacts.department"), contact.department or "", key=f"{key}_dept"),
            "hierarchy_level": right.selectbox(
                t("contacts.level"), levels, index=levels.index(contact.hierarchy_level or ""),
                format_func=label_for("common.level."), key=f"{key}_level") or None,
            "emails": split_list(left.text_input(t("contacts.emails"), ", ".join(contact.emails), key=f"{key}_emails")),
            "phones": split_list(right.text_input(t("contacts.phones"), ", ".join(contact.phones), key=f"{key}_phones")),
            "linkedin_url": left.text_input("LinkedIn", contact.linkedin_url or "", key=f"{key}_linkedin"),
            "xing_url": right.text_input("Xing", contact.xing_url or "", key=f"{key}_xing"),
            "city": left.text_input(t("contacts.city"), contact.city or "", key=f"{key}_city"),
            "country": right.text_input(t("contacts.country"), contact.country or "", key=f"{key}_country"),
            "tags": split_list(left.text_input(t("contacts.tags"), ", ".join(contact.tags), key=f"{key}_tags")),
            "topics": split_list(right.text_input(t("contacts.topics"), ", ".join(contact.topics), key=f"{key}_topics")),
        }
        day_col, month_col, year_col, cadence_col = st.columns(4)
        values["birthday_day"] = _int_or_none(day_col.number_input(
            t("contacts.birthday_day"), 0, 31, contact.birthday_day or 0, key=f"{key}_bday_day"))
        values["birthday_month"] = _int_or_none(month_col.number_input(
            t("contacts.birthday_month"), 0, 12, contact.birthday_month or 0, key=f"{key}_bday_month"))
        values["birthday_year"] = _int_or_none(year_col.number_input(
            t("contacts.birthday_year"), 0, 2100, contact.birthday_year or 0, key=f"{key}_bday_year",
            help=t("contacts.birthday_year_help")))
        values["cadence_days"] = _int_or_none(cadence_col.number_input(
            t("contacts.cadence_override"), 0, 3650, contact.cadence_days or 0, key=f"{key}_cadence",
            help=t("contacts.cadence_override_help")))
        address = messages.get_form_of_address(con, contact.id)
        chosen_address = form_fields(address, f"{key}_address")
        values["how_met"] = st.text_input(t("contacts.how_met"), contact.how_met or "", key=f"{key}_how_met")
        values["notes"] = st.text_area(t("contacts.notes"), contact.notes or "", key=f"{key}_notes")
        submitted = st.form_submit_button(t("common.save"), key=f"{key}_submit", type="primary")
    if submitted:
        try:
            changed = contacts.update_contact(con, contact.id, values, read_version=version)
            changed += ["address"] if save_if_changed(con, contact.id, address, chosen_address) else []
        except UserError as error:
            show_error(error, reloader(key, keys_with_prefix(f"{key}_")), key)
            return
        forget_version(key)
        if changed:
            st.toast(t("contacts.saved"))
            st.rerun()


def _archive(con: netzdb.Connection, contact: contacts.Contact) -> None:
    label = t("contacts.unarchive") if contact.archived else t("contacts.archive")
    if st.button(label, key="contact_archive"):
        act(lambda: contacts.archive_contact(con, contact.id, not contact.archived))


def _tier_form(contact: contacts.Contact) -> None:
    # the key holds the stored tier: after a change the form starts again from the new tier
    key = f"contact_tier_{contact.tier}"
    with st.form("contact_tier_form", clear_on_submit=True):
        st.selectbox(t("contacts.new_tier"), contacts.TIERS, index=contacts.TIERS.index(contact.tier),
                     format_func=label_for("common.tier.", "_long"), key=key)
        st.text_input(t("contacts.reason"), key="contact_tier_reason", placeholder=t("contacts.reason_placeholder"))
        # written in the click's callback: the one run after it draws the new tier (a write in the run needed two)
        st.form_submit_button(t("contacts.change_tier"), key="contact_tier_submit", on_click=act_on_click,
                              args=(partial(_change_tier, contact.id, contact.tier, key),))


def _change_tier(contact_id: str, stored: str, key: str) -> None:
    tier, reason = str(st.session_state[key]), str(st.session_state.get("contact_tier_reason") or "")
    with keeping_through_a_tier_change(contact_id):
        care.change_tier(db(), contact_id, tier, reason)
    if tier != stored:
        notify_later(t("contacts.tier_changed", tier=tier))


def _network(con: netzdb.Connection, contact: contacts.Contact, today: dt.date) -> None:
    graph = relationships.contact_graph(con, contact.id)
    if graph.edges:
        st.caption(t("network.contact_help"))
        clicked = network_chart(graph, key=f"contact_graph_{contact.id}",
                                alt=t("network.contact_alt", name=contact.full_name, count=len(graph.nodes) - 1),
                                shown=contact.id)
        if graph.truncated:
            st.caption(t("contacts.graph_truncated", count=len(graph.nodes)))
        if clicked:
            open_contact(clicked)
            st.rerun()
    known = relationships.relationships_of(con, contact.id)
    if known:
        table(pd.DataFrame({
            t("contacts.knows"): [r.other_name for r in known],
            t("contacts.how"): [r.how or "" for r in known],
            t("contacts.strength"): [r.strength for r in known],
        }), key="contact_relationships")
    else:
        st.caption(t("contacts.no_relationships"))
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.markdown(f"**{t('contacts.add_relationship')}**")
        other = contact_picker(con, "rel_other", t("contacts.knows"), exclude=[contact.id])
        how = st.text_input(t("contacts.how"), key="rel_how", placeholder=t("contacts.how_placeholder"))
        strength = st.slider(t("contacts.strength"), 1, 3, 2, key="rel_strength")
        if st.button(t("contacts.add_relationship"), key="rel_add", disabled=other is None) and other:
            act(lambda: relationships.add_relationship(con, contact.id, other, how, int(strength)))
    with right, st.container(border=True):
        st.markdown(f"**{t('contacts.introduce')}**")
        other_intro = contact_picker(con, "intro_other", t("contacts.introduce_to"), exclude=[contact.id])
        context = st.text_input(t("contacts.intro_context"), key="intro_context")
        if st.button(t("contacts.introduce"), key="intro_add", disabled=other_intro is None) and other_intro:
            act(lambda: relationships.log_introduction(con, contact.id, other_intro, today, context))
    _introductions(con, contact)
    suggestions = relationships.introduction_suggestions(con, today, contact_id=contact.id, limit=5)
    if suggestions:
        st.markdown(f"**{t('contacts.suggestions')}**")
        st.markdown("\n".join(
            f"- **{md_escape(s.full_name)}** ({s.tier}): "
            + md_escape(", ".join(s.shared_topics) or s.shared_field or "") for s in suggestions))


def _introductions(con: netzdb.Connection, contact: contacts.Contact) -> None:
    intros = relationships.introductions_of(con, contact.id)
    if intros:
        st.markdown(f"**{t('contacts.introductions')}**")
    for intro in intros:
        introduction_editor(con, intro, intro.name_b if intro.contact_a == contact.id else intro.name_a)


def introduction_editor(con: netzdb.Connection, intro: relationships.Introduction, who: str) -> None:
    """One introduction with its status and outcome to update."""
    with st.container(border=True):
        st.text(plain_text(f"{who} · {format_date(intro.introduced_on, lang())} · {intro.context or ''}"))
        status_col, outcome_col, save_col = st.columns([2, 3, 1], vertical_alignment="bottom")
        status = status_col.selectbox(
            t("contacts.intro_status"), relationships.INTRODUCTION_STATUSES,
            index=relationships.INTRODUCTION_STATUSES.index(intro.status),
            format_func=label_for("contacts.intro_"), key=f"intro_status_{intro.id}")
        outcome = outcome_col.text_input(t("contacts.intro_outcome"), intro.outcome or "",
                                         key=f"intro_outcome_{intro.id}")
        if save_col.button(t("common.save"), key=f"intro_save_{intro.id}"):
            act(lambda: relationships.update_introduction(con, intro.id, str(status), outcome))


def _merge(con: netzdb.Connection, contact: contacts.Contact) -> None:
    st.caption(t("contacts.merge_help", name=md_escape(contact.full_name)))
    other = contact_picker(con, "merge_other", t("contacts.merge_with"), exclude=[contact.id])
    if other is None:
        return
    moving = contacts.merge_preview(con, contact.id, other)
    st.text(plain_text(merge_summary(moving)))
    confirmed = st.checkbox(t("contacts.merge_confirm"), key="merge_confirm")
    if st.button(t("contacts.merge"), key="merge_go", disabled=not confirmed, type="primary", icon=":material/merge:"):
        other_contact = contacts.get_contact(con, other)
        try:
            contacts.merge_contacts(con, contact.id, other)
        except UserError as error:
            show_error(error)
            return
        for key in ("merge_other_query", "merge_confirm"):
            st.session_state.pop(key, None)
        notify(t("bulk.merged", drop=md_escape(other_contact.full_name if other_contact else ""),
                 keep=md_escape(contact.full_name), what=md_escape(merge_summary(moving, done=True))))


_FIELD_LABELS = {"organization": "contacts.organization", "title": "contacts.title",
                 "department": "contacts.department", "hierarchy_level": "contacts.level",
                 "city": "contacts.city", "country": "contacts.country", "birthday_month": "contacts.birthday",
                 "preferred_channel": "contacts.preferred_channel", "how_met": "contacts.how_met",
                 "notes": "contacts.notes"}
_PLAIN_LABELS = {"linkedin_url": "LinkedIn", "xing_url": "Xing"}


def merge_summary(moved: contacts.MergeCounts, done: bool = False) -> str:
    """What a merge moves (or, `done`, moved) in words: only what the kept contact did not have, each kind once."""
    parts = [t(f"bulk.moves_{name}", count=count) for name, count in (
        ("interactions", moved.interactions), ("identities", moved.identities),
        ("relationships", moved.relationships), ("introductions", moved.introductions),
        ("plans", moved.event_plans)) if count]
    for name, values in moved.gains:
        shown = ", ".join(values[:3]) + (", …" if len(values) > 3 else "")
        parts.append(t(f"bulk.gains_{name}", count=len(values), values=shown))
    if moved.filled:
        fields = ", ".join(t(_FIELD_LABELS[f]) if f in _FIELD_LABELS else _PLAIN_LABELS.get(f, f)
                           for f in moved.filled)
        parts.append(t("bulk.fills", fields=fields))
    if not parts:
        return t("bulk.moves_nothing")
    return t("bulk.moved" if done else "bulk.moves", what="; ".join(parts))

"""Drawing helpers shared by the Today and Contacts pages: the quick interaction entry, a contact picker,
due badges and hooks. User text is always escaped before it reaches markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from netzcore import db as netzdb
from netzcore.contacts import ContactChoice, find_contacts
from netzcore.i18n import format_date, translate
from netzcore.interactions import CHANNELS, InteractionError, NewInteraction, log_interaction, split_topics
from netzui import lang, md_escape, t
from netzui.notice import show_error

DUE_COLOURS = {"overdue": "red", "due": "orange", "soon": "blue", "ok": "green", "none": "gray"}


def due_badge(state: str | None) -> str:
    """A coloured markdown badge for a due state (our own words only)."""
    if not state:
        return ""
    label = t(f"common.due_state.{state}")
    return f":{DUE_COLOURS.get(state, 'gray')}-badge[{label}]"


def label_for(prefix: str, suffix: str = "") -> Callable[[object], str]:
    """A format_func bound to the current language: `prefix + value + suffix` translated, or the empty mark.

    Bound now because AppTest calls format functions outside the script run, where session state is gone.
    """
    current = lang()
    return lambda v: translate(current, f"{prefix}{v}{suffix}") if v else translate(current, "common.none")


def date_text(value: dt.date | None) -> str:
    return format_date(value, lang()) if value else t("common.none")


def date_input_format() -> str:
    """How a date field shows its date: as format_date writes it in German (24.11.2026); in English day first, as
    format_date's "24 Nov 2026" (Streamlit's date field only takes digits: 24/11/2026)."""
    return "DD.MM.YYYY" if lang() == "de" else "DD/MM/YYYY"


def date_column(label: str) -> Any:
    """A table column showing dates the way the user reads them (24.11.2026 / 24 Nov 2026)."""
    return st.column_config.DateColumn(label, format="DD.MM.YYYY" if lang() == "de" else "D MMM YYYY")


def list_text(items: Sequence[str]) -> str:
    return ", ".join(items) if items else t("common.none")


def split_list(text: str) -> list[str]:
    """Several emails, phones, tags or topics typed in one field, split the way topics are."""
    return list(split_topics(text))


def contact_picker(con: netzdb.Connection, key: str, label: str, exclude: Sequence[str] = (),
                   preset: Sequence[ContactChoice] = ()) -> str | None:
    """Search by name or organisation, then choose one of at most 20 matches; returns the contact id."""
    query = st.text_input(label, key=f"{key}_query", placeholder=t("contacts.picker_placeholder"))
    choices = find_contacts(con, query, exclude=exclude) if query.strip() else list(preset)
    if not choices:
        if query.strip():
            st.caption(t("contacts.picker_none"))
        return None
    labels = {c.id: c.label for c in choices}
    picked = st.selectbox(t("contacts.picker_choose"), list(labels), format_func=labels.__getitem__, key=f"{key}_id")
    return str(picked) if picked else None


def interaction_form(con: netzdb.Connection, key: str, contact_id: str | None, today: dt.date) -> str | None:
    """The quick entry: date, channel, in person, topics, hooks, gave, received, follow-up; returns the new id."""
    with st.form(key, clear_on_submit=True):
        left, middle, right = st.columns(3)
        occurred_on = left.date_input(t("care.date"), value=today, max_value=today, key=f"{key}_date",
                                      format=date_input_format())
        channel = middle.selectbox(t("care.channel"), CHANNELS, format_func=label_for("common.channel."),
                                   key=f"{key}_channel")
        in_person = right.checkbox(t("care.in_person"), key=f"{key}_in_person", help=t("care.in_person_help"))
        topics = st.text_input(t("care.topics"), key=f"{key}_topics", placeholder=t("care.topics_placeholder"))
        hooks = st.text_area(t("care.hooks"), key=f"{key}_hooks", height=70, placeholder=t("care.hooks_placeholder"))
        gave_col, received_col = st.columns(2)
        gave = gave_col.text_input(t("care.gave"), key=f"{key}_gave")
        received = received_col.text_input(t("care.received"), key=f"{key}_received")
        follow_up = st.date_input(t("care.follow_up"), value=None, min_value=today, key=f"{key}_follow_up",
                                  format=date_input_format())
        submitted = st.form_submit_button(t("care.log"), key=f"{key}_submit", type="primary")
    if not submitted:
        return None
    if contact_id is None:
        st.error(t("care.error_no_contact"))
        return None
    entry = NewInteraction(
        contact_id=contact_id, occurred_on=occurred_on if isinstance(occurred_on, dt.date) else today,
        channel=str(channel), in_person=True if in_person else None, topics=split_topics(topics), hooks=hooks,
        gave=gave, received=received, follow_up_on=follow_up if isinstance(follow_up, dt.date) else None,
    )
    try:
        new_id = log_interaction(con, entry)
    except InteractionError as error:
        show_error(error)
        return None
    st.toast(t("care.logged"))
    return new_id


def hooks_markdown(hooks: Sequence[str]) -> str:
    return " · ".join(md_escape(h) for h in hooks)

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
from netzcore.interactions import (
    CHANNELS,
    IN_PERSON_CHANNELS,
    InteractionError,
    NewInteraction,
    default_channel,
    log_interaction,
    split_topics,
)
from netzui import db, lang, md_escape, t
from netzui.data_cache import keeping_through_a_log_entry
from netzui.notice import notify_later

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


DATE_COLUMN_PX = 105     # "30 Sep 2026" / "30.09.2026" with the cell's padding
HEADER_CHAR_PX = 8       # a header's letter, roughly, plus its padding below


def date_column(label: str) -> Any:
    """A table column showing dates the way the user reads them (24.11.2026 / 24 Nov 2026), as wide as a date and
    its header: sized by itself, "Next due" cut "3 Feb 2027" to "3 Feb 202"."""
    width = max(DATE_COLUMN_PX, HEADER_CHAR_PX * len(label) + 24)
    return st.column_config.DateColumn(label, format="DD.MM.YYYY" if lang() == "de" else "D MMM YYYY", width=width)


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


_FORM_TEXTS = ("topics", "hooks", "gave", "received")
_LOGGED = "_logged"


def _follow_channel(key: str) -> None:
    """A new channel brings its own "in person" (lunch, meeting, event, sports: yes); the user may still change it."""
    st.session_state[f"{key}_in_person"] = st.session_state.get(f"{key}_channel") in IN_PERSON_CHANNELS


def _log_from_form(key: str, contact_id: str | None, today: dt.date, done: Callable[[], None] | None) -> None:
    """The button's callback: log, then empty the form (before its widgets are drawn again)."""
    state = st.session_state
    if contact_id is None:
        state[f"{key}_error"] = t("care.error_no_contact")
        return
    occurred_on = state.get(f"{key}_date")
    follow_up = state.get(f"{key}_follow_up")
    entry = NewInteraction(
        contact_id=contact_id, occurred_on=occurred_on if isinstance(occurred_on, dt.date) else today,
        channel=str(state.get(f"{key}_channel") or "other"), in_person=bool(state.get(f"{key}_in_person")),
        topics=split_topics(state.get(f"{key}_topics") or ""), hooks=state.get(f"{key}_hooks") or "",
        gave=state.get(f"{key}_gave") or "", received=state.get(f"{key}_received") or "",
        follow_up_on=follow_up if isinstance(follow_up, dt.date) else None,
    )
    try:
        with keeping_through_a_log_entry(contact_id):
            log_interaction(db(), entry)
    except InteractionError as error:
        state[f"{key}_error"] = error.message(lang(), inert=md_escape)
        return
    for name in (*_FORM_TEXTS, "date", "follow_up", "for"):
        state.pop(f"{key}_{name}", None)
    state[f"{key}{_LOGGED}"] = True
    notify_later(t("care.logged"))
    if done is not None:
        done()


def interaction_form(key: str, contact_id: str | None, today: dt.date, done: Callable[[], None] | None = None) -> None:
    """The quick entry: date, channel, in person, topics, hooks, gave, received, follow-up.

    It starts with the contact's own channel (preferred, else the last used, else a call) and ticks "in person"
    for lunch, meetings, events and sports. Drawn as a fragment, so typing reruns only the form; logging reruns
    the whole page (the care clock restarts), after `done` has run in the button's callback."""
    _interaction_form(key, contact_id, today, done)


@st.fragment
def _interaction_form(key: str, contact_id: str | None, today: dt.date, done: Callable[[], None] | None) -> None:
    state = st.session_state
    if state.pop(f"{key}{_LOGGED}", False):
        st.rerun()
    if contact_id and state.get(f"{key}_for") != contact_id:
        channel = default_channel(db(), contact_id)
        state[f"{key}_channel"] = channel
        state[f"{key}_in_person"] = channel in IN_PERSON_CHANNELS
        state[f"{key}_for"] = contact_id
    state.setdefault(f"{key}_channel", "call")
    state.setdefault(f"{key}_in_person", False)
    with st.container(border=True, key=key):
        left, middle, right = st.columns(3, vertical_alignment="bottom")
        left.date_input(t("care.date"), value=today, max_value=today, key=f"{key}_date", format=date_input_format())
        middle.selectbox(t("care.channel"), CHANNELS, format_func=label_for("common.channel."), key=f"{key}_channel",
                         on_change=_follow_channel, args=(key,))
        right.checkbox(t("care.in_person"), key=f"{key}_in_person", help=t("care.in_person_help"))
        st.text_input(t("care.topics"), key=f"{key}_topics", placeholder=t("care.topics_placeholder"))
        st.text_area(t("care.hooks"), key=f"{key}_hooks", height=70, placeholder=t("care.hooks_placeholder"))
        gave_col, received_col = st.columns(2)
        gave_col.text_input(t("care.gave"), key=f"{key}_gave")
        received_col.text_input(t("care.received"), key=f"{key}_received")
        follow_col, submit_col = st.columns([2, 1], vertical_alignment="bottom")
        follow_col.date_input(t("care.follow_up"), value=None, min_value=today, key=f"{key}_follow_up",
                              format=date_input_format())
        submit_col.button(t("care.log"), key=f"{key}_submit", type="primary", icon=":material/edit_note:",
                          width="stretch", on_click=_log_from_form, args=(key, contact_id, today, done))
        error = state.pop(f"{key}_error", None)
        if error:
            st.error(error)


def hooks_markdown(hooks: Sequence[str]) -> str:
    return " · ".join(md_escape(h) for h in hooks)

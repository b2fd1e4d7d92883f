"""Today's due list that acts: every due person with Log (inline form, the contact's own channel), Done, Snooze
and Open, ten at a time (paged in SQL, so 20,000 contacts cost no more than 20; the first three drawn at once);
and what comes next when the list is empty for a reason (new contacts not sorted yet, nobody with a care rhythm).

Done means: I was in touch today. It logs a plain interaction (channel "other", not in person, no hooks) that
restarts the care clock. Snooze hides the person until the chosen day (`contacts.snoozed_until`).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from netzcore import care
from netzcore import db as netzdb
from netzcore.i18n import format_number
from netzui import db, lang, md_escape, t
from netzui.contact_widgets import date_text, due_badge, hooks_markdown, interaction_form
from netzui.data_cache import cached, keeping_through_a_log_entry, keeping_through_a_snooze
from netzui.lists import first_and_more
from netzui.notice import act_on_click, notify_later

PAGE_SIZE = 10
FIRST_SHOWN = 3
SNOOZE_DAYS = (7, 14, 30, 90)
_PAGE = "today_due_page"
_LOGGING = "today_logging"     # the contact whose inline log form is open (one at a time)
_FORM = "due_form"
_MORE = "today_due_more"


def due_section(con: netzdb.Connection, today: dt.date, waiting: int) -> None:
    """`waiting`: contacts not sorted yet (`netzui.triage_view.waiting_notice`), so an empty list says why."""
    st.subheader(t("today.due_title"))
    page_number = max(1, int(st.session_state.get(_PAGE, 1)))
    due = cached(care.due_list, con, today, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
    if not due.items:
        _nobody_due(con, waiting)
        return
    first, last = due.offset + 1, due.offset + len(due.items)
    st.caption(t("due.count", first=format_number(first, lang()), last=format_number(last, lang()),
                 count=due.total))
    # the first three drawn, the rest of the page behind "N more" (drawn only while open, and it stays open): each
    # row's seven elements cost the browser some 6 ms on every run of Today, and at 1400x900 a fourth row starts below
    # the fold; a single row more is drawn rather than hidden behind "1 more"
    shown = FIRST_SHOWN if len(due.items) > FIRST_SHOWN + 1 else len(due.items)
    first_and_more(due.items, lambda item: _due_row(item, today), _MORE, "due.more", shown=shown)
    pages = -(-due.total // PAGE_SIZE)
    if pages > 1:
        _pager(due.offset // PAGE_SIZE + 1, pages)


def _nobody_due(con: netzdb.Connection, waiting: int) -> None:
    if waiting:
        st.caption(t("due.nobody_yet_triage"))
    elif not care.contacts_with_cadence(con):
        st.info(t("due.nobody_has_cadence"), icon=":material/event_repeat:")
        st.page_link("views/contacts.py", label=t("due.set_tiers"), icon=":material/label_important:")
    else:
        st.success(t("today.nothing_due"))


def _due_row(item: care.DueContact, today: dt.date) -> None:
    contact_id = item.contact_id
    with st.container(border=True, key=f"due_row_{contact_id}", gap="small"):
        organization = f" ({md_escape(item.organization)})" if item.organization else ""
        hooks = f"  \n{t('today.hooks')}: {hooks_markdown(item.hooks)}" if item.hooks else ""
        st.markdown(f"{due_badge(item.due_state)} **{md_escape(item.full_name)}**{organization} · {item.tier} · "
                    f"{md_escape(care.due_reason(lang(), item))}{hooks}")
        logging = st.session_state.get(_LOGGING) == contact_id
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.button(t("due.log"), key=f"due_log_{contact_id}", icon=":material/edit_note:",
                      type="primary" if logging else "secondary", on_click=_toggle_log, args=(contact_id,))
            st.button(t("due.done"), key=f"due_done_{contact_id}", icon=":material/check:", help=t("due.done_help"),
                      on_click=act_on_click, args=(partial(_done, item, today),))
            st.menu_button(t("due.snooze"), list(SNOOZE_DAYS), key=f"due_snooze_{contact_id}", icon=":material/snooze:",
                           format_func=lambda d: t("due.snooze_for", count=d), on_click=act_on_click,
                           args=(partial(_snooze, item, today),))
            st.page_link("views/contacts.py", label=t("due.open"), icon=":material/person:",
                         query_params={"contact": contact_id})
        if logging:
            interaction_form(_FORM, contact_id, today, done=_close_log)


# Done and Snooze write in the click's callback, so the one run after it draws the list without the person (written
# in the page's own run, each took two runs).
def _done(item: care.DueContact, today: dt.date) -> None:
    with keeping_through_a_log_entry(item.contact_id):
        care.mark_in_touch(db(), item.contact_id, today, t("due.done_note"))
    notify_later(t("due.done_message", name=md_escape(item.full_name)))


def _snooze(item: care.DueContact, today: dt.date) -> None:
    days = st.session_state.get(f"due_snooze_{item.contact_id}")
    if not days:
        return
    until = today + dt.timedelta(days=int(days))
    with keeping_through_a_snooze():
        care.snooze(db(), item.contact_id, until, today)
    notify_later(t("due.snoozed", name=md_escape(item.full_name), date=date_text(until)))


def _toggle_log(contact_id: str) -> None:
    state = st.session_state
    state[_LOGGING] = None if state.get(_LOGGING) == contact_id else contact_id


def _close_log() -> None:
    st.session_state[_LOGGING] = None


def _go(page: int) -> None:
    st.session_state[_PAGE] = page
    st.session_state[_LOGGING] = None


def _pager(page: int, pages: int) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="today_pager"):
        st.button(t("due.previous"), key="due_previous", icon=":material/chevron_left:", disabled=page <= 1,
                  on_click=_go, args=(page - 1,))
        st.caption(t("due.page", page=page, pages=pages))
        st.button(t("due.next"), key="due_next", icon=":material/chevron_right:", icon_position="right",
                  disabled=page >= pages, on_click=_go, args=(page + 1,))

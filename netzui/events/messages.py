"""Step 3, messages: one draft per contact on the list, all on one screen, each with its copy button (top right of
the box), the notes for me beside it (hooks, never pasted into the text), the form of address to adjust, "mark as
asked", the status, and Remove (with undo)."""

from __future__ import annotations

import streamlit as st

from netzcore import events as core
from netzcore.db import Connection
from netzcore.profile import get_profile
from netzcore.user_error import UserError
from netzui import LANG_KEY, db, lang, md_escape, t
from netzui.events.common import bold, flash, labels, next_step, offer_undo, status_word, step_caption, words
from netzui.form_of_address import describe, form_fields, save_if_changed
from netzui.notice import notify, show_error

_LANGUAGES = ("de", "en")


def _status_changed(event_id: str, contact_id: str, name: str) -> None:
    status = str(st.session_state[f"ev_status_{contact_id}"])
    core.set_plan_status(db(), event_id, contact_id, status)
    flash(t("events.status_set", name=md_escape(name), status=status_word(status)))


def _restore(entry: core.RemovedEntry) -> str:
    core.restore_plan_entry(db(), entry)
    return t("events.restored", name=md_escape(entry.full_name))


def _controls() -> tuple[str, str]:
    channel_col, lang_col = st.columns([2, 1])
    channel = channel_col.segmented_control(
        t("events.draft_channel"), list(core.DRAFT_CHANNELS), default="email", required=True,
        format_func=words("common.channel", core.DRAFT_CHANNELS), key="ev_msg_channel")
    names = {code: t(f"events.draft_lang_{code}") for code in _LANGUAGES}
    chosen = lang_col.segmented_control(t("events.draft_lang"), list(_LANGUAGES),
                                        default=str(st.session_state.get(LANG_KEY, lang())), required=True,
                                        format_func=labels(names, str), key="ev_msg_lang")
    return str(channel or "email"), str(chosen or lang())


def _sender_prompt(name: str) -> None:
    if not name.strip():
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.warning(t("events.sender_missing"))
        right.page_link("views/settings.py", label=t("events.sender_link"), icon=":material/person:")


def _card(con: Connection, event: core.Event, entry: core.PlanEntry, channel: str, draft_lang: str) -> None:
    cid = entry.contact_id
    with st.container(border=True, key=f"ev_card_{cid}"):
        head, status_col, remove_col = st.columns([4.5, 2, 1.5], vertical_alignment="center")
        who = ", ".join(p for p in (entry.title, entry.organization) if p)
        slot = (f" · {core.weekday_date(entry.slot_start.date(), lang())} {entry.slot_start:%H:%M}"
                if entry.slot_start else "")
        head.markdown(bold(entry.full_name) + (f" · {md_escape(who)}" if who else "") + md_escape(slot))
        key = f"ev_status_{cid}"
        st.session_state[key] = entry.status  # the stored status wins: the schedule and debrief change it too
        statuses = list(core.PLAN_STATUSES)
        status_col.selectbox(t("events.col_status"), statuses, format_func=words("common.plan_status", statuses),
                             key=key, label_visibility="collapsed", on_change=_status_changed,
                             args=(event.id, cid, entry.full_name))
        if remove_col.button(t("events.remove"), key=f"ev_remove_{cid}", icon=":material/close:"):
            removed = core.remove_from_plan(con, event.id, cid)
            if removed is not None:
                offer_undo(t("events.removed", name=md_escape(entry.full_name)), _restore, removed)
        if entry.status not in core.OPEN_STATUSES:
            return
        text_col, notes_col = st.columns([3, 2])
        draft = core.coffee_request(event, entry, channel, draft_lang, get_profile(con))
        text_col.code(draft.text, language=None, wrap_lines=True)
        with notes_col:
            st.caption(t("events.notes_for_you"))
            for note in draft.notes:
                st.markdown(md_escape(note))
            if not draft.notes:
                st.caption(t("events.no_hooks"))
            form = entry.person.form
            if form.formal and not form.salutation and not form.title:
                st.caption(t("events.address_hint"))
            _address(con, entry)
            if entry.status == "to_ask" and st.button(t("events.mark_asked"), key=f"ev_mark_asked_{cid}",
                                                      type="primary", icon=":material/send:"):
                core.set_plan_status(con, event.id, cid, "asked")
                notify(t("events.marked_asked", name=md_escape(entry.full_name)))


def _address(con: Connection, entry: core.PlanEntry) -> None:
    """The form of address, changed on the spot (it is the contact's: every later message uses it)."""
    form = entry.person.form
    with st.popover(t("events.address", form=describe(form)), icon=":material/badge:"):
        chosen = form_fields(form, f"ev_addr_{entry.contact_id}")
        if st.button(t("common.save"), key=f"ev_addr_save_{entry.contact_id}"):
            try:
                changed = save_if_changed(con, entry.contact_id, form, chosen)
            except UserError as error:
                show_error(error)
                return
            if changed:
                notify(t("events.address_saved", name=md_escape(entry.full_name)))


def messages(con: Connection, event: core.Event) -> None:
    step_caption("messages")
    plan = core.list_plan(con, event.id)
    if not plan:
        st.info(t("events.plan_empty"))
        return
    counts = core.plan_counts(plan)
    st.caption(" · ".join(f"{status_word(s)}: {n}" for s, n in counts.items() if n))
    channel, draft_lang = _controls()
    _sender_prompt(get_profile(con).full_name)
    order = list(core.PLAN_STATUSES)
    for entry in sorted(plan, key=lambda e: (order.index(e.status), e.slot_start is None, e.slot_start or 0,
                                             e.full_name)):
        _card(con, event, entry, channel, draft_lang)
    next_step("debrief", enabled=any(e.status in ("confirmed", "met") for e in plan))


"""Step 2, schedule: netz proposes slots for everyone on the list (best first, hall by hall); the user accepts,
moves or drops rows and books them. Below, the agenda of booked slots, where one is moved, confirmed or dropped
by hand, and the downloads: the calendar file and the printable brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from netzcore import connections
from netzcore import events as core
from netzcore.db import Connection
from netzcore.i18n import format_date
from netzcore.user_error import UserError
from netzui import database_path, db, lang, md_escape, plain_text, t
from netzui.contact_widgets import date_input_format
from netzui.data_cache import cached, event_shares_if_known, keeping_through_an_outreach_write
from netzui.events.common import (
    as_date,
    digest,
    file_stem,
    labels,
    next_step,
    offer_undo,
    status_word,
    step_caption,
    today,
)
from netzui.notice import act_on_click, error_later, notify, notify_later, show_error
from netzui.sections import button_panel
from netzui.tables import table

_TAKE, _DAY, _FROM = "take", "day", "from"


def _day_label(day: dt.date) -> str:
    return core.weekday_date(day, lang())


def _settings(con: Connection, event: core.Event) -> core.ScheduleSettings:
    """When I am free: the days, hours, slot length, meetings a day and walking time, behind one button (six fields
    cost the browser some 25 ms on every run of this step, a booking included), and the settings in use in one line
    under it. The fields keep what the user chose while another step is open too; booking stores them for the
    event."""
    stored = cached(core.load_settings, con, event)
    key = f"ev_sched_{event.id}"
    box = button_panel(t("events.schedule_settings"), "ev_sched_open", ":material/schedule:")
    if box is not None:
        with box:
            day_names = {d.isoformat(): _day_label(d) for d in event.days}
            st.pills(t("events.schedule_days"), list(day_names), selection_mode="multi",
                     default=[d.isoformat() for d in stored.days], format_func=labels(day_names, str),
                     key=f"{key}_days", persist_state="session")
            from_col, to_col = st.columns(2)
            from_col.time_input(t("events.schedule_from"), stored.free_from, step=900, key=f"{key}_from",
                                persist_state="session")
            to_col.time_input(t("events.schedule_to"), stored.free_to, step=900, key=f"{key}_to",
                              persist_state="session")
            st.segmented_control(t("events.schedule_slot"), list(core.SLOT_MINUTES), default=stored.slot_minutes
                                 if stored.slot_minutes in core.SLOT_MINUTES else 30, key=f"{key}_slot",
                                 format_func=str, persist_state="session")
            max_col, walk_col = st.columns(2)
            max_col.number_input(t("events.schedule_per_day"), 1, 30, stored.max_per_day, key=f"{key}_max",
                                 persist_state="session")
            walk_col.number_input(t("events.schedule_walk"), 0, 60, stored.walk_minutes, step=5, key=f"{key}_walk",
                                  help=t("events.schedule_walk_help"), persist_state="session")
    state = st.session_state
    picked = state.get(f"{key}_days", [d.isoformat() for d in stored.days])
    chosen = core.ScheduleSettings(
        days=tuple(sorted(dt.date.fromisoformat(str(d)) for d in picked or ())),
        free_from=state.get(f"{key}_from") or stored.free_from, free_to=state.get(f"{key}_to") or stored.free_to,
        slot_minutes=int(state.get(f"{key}_slot") or stored.slot_minutes),
        max_per_day=int(state.get(f"{key}_max", stored.max_per_day)),
        walk_minutes=int(state.get(f"{key}_walk", stored.walk_minutes)))
    st.caption(t("events.schedule_in_use", days=len(chosen.days), start=f"{chosen.free_from:%H:%M}",
                 end=f"{chosen.free_to:%H:%M}", slot=chosen.slot_minutes, per_day=chosen.max_per_day,
                 walk=chosen.walk_minutes))
    return chosen


def _proposal_frame(proposal: core.Proposal) -> pd.DataFrame:
    return pd.DataFrame({
        _TAKE: [True] * len(proposal.slots),
        _DAY: [_day_label(s.start.date()) for s in proposal.slots],
        _FROM: [s.start.time() for s in proposal.slots],
        "name": [s.full_name for s in proposal.slots],
        "place": [s.place for s in proposal.slots],
        "score": [round(s.score) for s in proposal.slots],
        "status": [status_word(s.status) for s in proposal.slots],
    })


def _choices(event: core.Event, proposal: core.Proposal, edited: pd.DataFrame,
             settings: core.ScheduleSettings) -> list[core.SlotChoice]:
    """The rows the user kept, at the day and time they chose."""
    by_label = {_day_label(d): d for d in event.days}
    length = dt.timedelta(minutes=settings.slot_minutes)
    choices = []
    for slot, (_, row) in zip(proposal.slots, edited.iterrows(), strict=False):
        if not bool(row[_TAKE]):
            continue
        day = by_label.get(str(row[_DAY]), slot.start.date())
        start_time = row[_FROM] if isinstance(row[_FROM], dt.time) else slot.start.time()
        start = dt.datetime.combine(day, start_time)
        choices.append(core.SlotChoice(slot.contact_id, start, start + length, slot.place))
    return choices


def _booking_text(report: core.BookingReport) -> str:
    parts = [t("events.booked", count=len(report.booked))] if report.booked else []
    if report.unconfirmed:
        parts.append(t("events.booked_unconfirmed", names=", ".join(report.unconfirmed),
                       status=status_word("to_ask"), confirmed=status_word("confirmed")))
    return " ".join(parts)


def _book(event: core.Event, settings: core.ScheduleSettings, choices: list[core.SlotChoice]) -> None:
    con = db()
    with keeping_through_an_outreach_write():
        core.save_settings(con, event, settings)
        report = core.book_slots(con, event.id, choices)
    for name, problem in report.refused:
        error_later(f"{md_escape(name)}: {problem.message(lang(), inert=md_escape)}")
    if report.booked:
        notify_later(_booking_text(report))


def _scores(con: Connection, event: core.Event, ids: list[str]) -> dict[str, float]:
    """The outreach list's scores: read from the contacts' shares where the ranking has computed them on this data
    (about 12 instead of 40 ms on 20,000 contacts), else scored for these contacts alone."""
    shares = event_shares_if_known(event.id, today()) if ids else None
    if shares is None:
        return {cid: r.score for cid, r in cached(core.scores_for, con, event.id, today(), ids, lang()).items()}
    found = cached(core.whom_to_meet, con, event.id, today(), cached(core.load_weights, con), limit=len(ids),
                   lang=lang(), only=ids, features=shares)
    return {r.contact_id: r.score for r in found.contacts}


def _proposal(con: Connection, event: core.Event, settings: core.ScheduleSettings,
              plan: Sequence[core.PlanEntry]) -> None:
    try:
        # the scores by contact ids alone (sorted: a booking moves an entry up the list), kept through a booking
        ids = sorted(e.contact_id for e in plan if e.status in core.OPEN_STATUSES)
        scores = _scores(con, event, ids)
        proposal = cached(core.propose_schedule, con, event.id, today(), settings, lang(), plan, scores)
    except UserError as error:
        show_error(error)
        return
    open_plan = [e for e in plan if e.status in core.OPEN_STATUSES]
    if not open_plan:
        st.info(t("events.schedule_nobody"))
        return
    if not proposal.slots:
        st.info(t("events.schedule_all_booked") if not proposal.left_out else t("events.schedule_no_room"))
    else:
        # "Book" beside the proposal's name, above its table: below a long proposal it was out of sight. It is
        # drawn after the table, whose ticks and times it books.
        head = st.container(horizontal=True, vertical_alignment="center")
        head.markdown(f"**{md_escape(t('events.schedule_proposal', count=len(proposal.slots)))}**", width="content")
        book_spot = head.empty()
        st.caption(t("events.schedule_proposal_help"))
        day_options = [_day_label(d) for d in event.days]
        key = f"ev_prop_{digest([event.id, *(f'{s.contact_id}{s.start}' for s in proposal.slots)])}"
        edited = st.data_editor(
            _proposal_frame(proposal), key=key, hide_index=True, num_rows="fixed",
            disabled=["name", "place", "score", "status"],
            column_config={
                _TAKE: st.column_config.CheckboxColumn(t("events.col_take"), width="small"),
                _DAY: st.column_config.SelectboxColumn(t("events.col_day"), options=day_options, required=True),
                _FROM: st.column_config.TimeColumn(t("events.col_from"), format="HH:mm", step=300, required=True),
                "name": st.column_config.TextColumn(t("events.col_name")),
                "place": st.column_config.TextColumn(t("events.col_place")),
                "score": st.column_config.ProgressColumn(t("events.col_score"), min_value=0, max_value=100,
                                                         format="%d", width="small"),
                "status": st.column_config.TextColumn(t("events.col_status"), width="small"),
            })
        choices = _choices(event, proposal, edited, settings)
        book_spot.button(t("events.book_slots", count=len(choices)) if choices else t("events.book_none"),
                         key="ev_book", type="primary", disabled=not choices, icon=":material/event_available:",
                         on_click=act_on_click, args=(partial(_book, event, settings, choices),))
    if proposal.left_out:
        st.caption(t("events.schedule_left_out", names=", ".join(c.full_name for c in proposal.left_out)))


def _agenda(con: Connection, event: core.Event, plan: Sequence[core.PlanEntry]) -> None:
    """Every booked slot in one table, day by day (a table per day cost the browser some 35 ms each on every run
    of this step, a booking included)."""
    days = core.day_plan(plan)
    st.markdown(f"**{md_escape(t('events.day_plan'))}**")
    if not days:
        st.caption(t("events.day_plan_empty"))
        return
    booked = [(day, e) for day, entries in days.items() for e in entries]
    table(pd.DataFrame({
        t("events.col_day"): [_day_label(day) for day, _ in booked],
        t("events.col_time"): [f"{e.slot_start:%H:%M}–{e.slot_end:%H:%M}" for _, e in booked],
        t("events.col_place"): [e.place_in(lang()) for _, e in booked],
        t("events.col_name"): [e.full_name for _, e in booked],
        t("events.col_organization"): [e.organization for _, e in booked],
        t("events.col_status"): [status_word(e.status) for _, e in booked],
    }), key="ev_agenda")


def _restore_slot(event_id: str, entry: core.PlanEntry) -> str:
    if entry.slot_start and entry.slot_end:
        core.set_slot(db(), event_id, entry.contact_id, entry.slot_start, entry.slot_end, entry.place)
    return t("events.slot_restored", name=md_escape(entry.full_name))


def _slot_form(con: Connection, event: core.Event, plan: Sequence[core.PlanEntry]) -> None:
    """Book, move, confirm or drop one slot by hand; the form is drawn only while its section is open."""
    open_plan = [e for e in plan if e.status != "declined"]
    if not open_plan:
        return
    section = st.expander(t("events.slot_title"), icon=":material/edit_calendar:", key="ev_slot_open",
                          on_change="rerun")
    if not section.open:
        return
    with section:
        by_id = {e.contact_id: e for e in open_plan}
        chosen = st.selectbox(t("events.slot_contact"), list(by_id), key="ev_slot_contact",
                              format_func=labels(by_id, lambda e: e.full_name + (
                                  f" · {e.slot_start:%d.%m. %H:%M}" if e.slot_start else "")))
        entry = by_id.get(str(chosen))
        if entry is None:
            return
        suffix = entry.contact_id
        start_default = entry.slot_start or dt.datetime.combine(event.nearest_day(today()), dt.time(10, 0))
        end_default = entry.slot_end or start_default + dt.timedelta(minutes=30)
        day_col, start_col, end_col = st.columns(3)
        day = day_col.date_input(t("events.slot_day"), value=start_default.date(), min_value=event.starts_on,
                                 max_value=event.ends_on, key=f"ev_slot_day_{suffix}", format=date_input_format())
        start = start_col.time_input(t("events.slot_start"), value=start_default.time(), step=300,
                                     key=f"ev_slot_start_{suffix}")
        end = end_col.time_input(t("events.slot_end"), value=end_default.time(), step=300, key=f"ev_slot_end_{suffix}")
        place = st.text_input(t("events.slot_place"), value=entry.place or core.place_text(entry.hall, entry.stand,
                                                                                         lang()),
                              key=f"ev_slot_place_{suffix}", placeholder=t("events.slot_place_hint"))
        points = st.text_input(t("events.slot_talking_points"), value=entry.talking_points,
                               key=f"ev_slot_points_{suffix}")
        save_col, confirm_col, drop_col = st.columns(3)
        if save_col.button(t("events.slot_save"), key="ev_slot_save", type="primary"):
            when = as_date(day, event.starts_on)
            try:
                status = core.set_slot(con, event.id, entry.contact_id, dt.datetime.combine(when, start),
                                       dt.datetime.combine(when, end), place)
                core.set_talking_points(con, event.id, entry.contact_id, points)
            except UserError as error:
                show_error(error)
                return
            notify(t("events.slot_saved", name=md_escape(entry.full_name), day=format_date(when, lang()),
                     start=f"{start:%H:%M}", end=f"{end:%H:%M}", status=status_word(status)))
        if entry.status in core.UNCONFIRMED_STATUSES and confirm_col.button(
                t("events.slot_confirm"), key="ev_slot_confirm", icon=":material/check:"):
            core.set_plan_status(con, event.id, entry.contact_id, "confirmed")
            notify(t("events.status_set", name=md_escape(entry.full_name), status=status_word("confirmed")))
        if entry.booked and drop_col.button(t("events.slot_drop"), key="ev_slot_drop", icon=":material/event_busy:"):
            core.clear_slot(con, event.id, entry.contact_id)
            offer_undo(t("events.slot_dropped", name=md_escape(entry.full_name), status=status_word(entry.status)),
                       _restore_slot, event.id, entry)


def downloads(con: Connection, event: core.Event, plan: Sequence[core.PlanEntry], place: str) -> None:
    """The calendar file and the brief, written when a button is clicked (not on every run of the section); a
    download never leaves the section (no rerun). The preview is written only while it is open."""
    path, code, day = database_path(), lang(), today()

    def brief() -> core.Brief:   # runs on a thread of its own when a button is clicked: a cursor of its own
        return core.build_brief(connections.shared(path).cursor(), event.id, day, code, plan)

    def calendar() -> bytes:
        return core.event_calendar(connections.shared(path).cursor(), event.id, code, plan)

    ics_col, html_col, text_col = st.columns(3)
    ics_col.download_button(t("events.download_ics"), calendar,
                            file_name=f"{file_stem(event)}.ics", mime="text/calendar", key=f"ev_dl_ics_{place}",
                            on_click="ignore", icon=":material/calendar_month:")
    html_col.download_button(t("events.download_brief"), lambda: core.brief_html(brief(), code).encode("utf-8"),
                             file_name=f"{file_stem(event)}-brief.html", mime="text/html",
                             key=f"ev_dl_brief_{place}", on_click="ignore", icon=":material/print:",
                             type="primary", help=t("events.download_brief_help"))
    text_col.download_button(t("events.download_brief_text"), lambda: core.brief_text(brief(), code).encode("utf-8"),
                             file_name=f"{file_stem(event)}-brief.txt", mime="text/plain",
                             key=f"ev_dl_text_{place}", on_click="ignore", icon=":material/description:")
    preview = st.expander(t("events.brief_preview"), icon=":material/visibility:", key=f"ev_brief_preview_{place}",
                          on_change="rerun")
    if preview.open:
        with preview:
            st.text(plain_text(core.brief_text(brief(), code)))


def schedule(con: Connection, event: core.Event) -> None:
    step_caption("schedule")
    plan = cached(core.list_plan, con, event.id)
    settings = _settings(con, event)
    _proposal(con, event, settings, plan)
    _agenda(con, event, plan)
    _slot_form(con, event, plan)
    if any(e.booked for e in plan):
        downloads(con, event, plan, "schedule")
    next_step("messages", enabled=bool(plan))

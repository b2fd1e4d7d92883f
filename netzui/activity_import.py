"""Import & export: meetings and e-mails from calendar and mail files become interactions, after a preview.

Names, titles and addresses from the files are user data: they reach the page only through st.dataframe, st.text
or escaped labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from netzcore.contacts import TIERS
from netzcore.importers.activity import (
    ActivityFile,
    ActivityPlan,
    ActivityReport,
    apply_activity,
    find_files,
    plan_activity,
    report_lines,
    upload_file,
    upload_zip,
)
from netzcore.importers.records import Problem
from netzcore.profile import get_profile, save_profile
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, t
from netzui.contact_widgets import date_column, date_input_format, label_for
from netzui.notice import show_error
from netzui.sections import ACTION_FIELD_WIDTH, action_row
from netzui.tables import table

PLAN_KEY = "activity_plan"
REPORT_KEY = "activity_report"
FILES_KEY = "activity_files"


def activity_import_panel() -> None:
    st.subheader(t("activity.heading"))
    st.caption(t("activity.intro"))
    uploads = st.file_uploader(t("activity.upload"), type=["ics", "mbox", "eml", "emlx", "zip"],
                               accept_multiple_files=True, key="activity_uploads")
    path = st.text_input(t("activity.path_label"), key="activity_path", placeholder=t("activity.path_placeholder"))
    since = st.date_input(t("activity.since_label"), value=None, key="activity_since",
                          format=date_input_format())
    if st.button(t("activity.read_button"), key="activity_read", disabled=not uploads and not path.strip()):
        files: list[ActivityFile] = []
        refused: list[Problem] = []
        for upload in uploads or []:
            if upload.name.lower().endswith(".zip"):        # Google Calendar's export
                in_zip, refused_in_zip = upload_zip(upload.name, upload.getvalue())
                files += in_zip
                refused += refused_in_zip
                continue
            found = upload_file(upload.name, upload.getvalue())
            if found:
                files.append(found)
            else:
                refused.append(Problem(upload.name, 0, "not_activity"))
        if path.strip():
            from_path, refused_path = find_files([path.strip()])
            files += from_path
            refused += refused_path
        st.session_state[FILES_KEY] = (files, refused, since)
        _read()
    plan: ActivityPlan | None = st.session_state.get(PLAN_KEY)
    if plan is not None:
        _preview(plan)
    report: ActivityReport | None = st.session_state.get(REPORT_KEY)
    if report is not None:
        st.subheader(t("activity.report_heading"))
        if report.created:
            st.success(t("activity.done"))
        elif report.upcoming or report.off_today or report.unlogged:   # no "Logged." over "No interaction logged."
            st.success(t("activity.done_meetings_only"))
        st.text("\n".join(report_lines(report, lang())))


def _read() -> None:
    files, refused, since = st.session_state[FILES_KEY]
    with st.spinner(t("activity.reading")):
        st.session_state[PLAN_KEY] = plan_activity(db(), files, since=since, refused=refused)
    st.session_state.pop(REPORT_KEY, None)


def _own_addresses(plan: ActivityPlan) -> None:
    """No own addresses yet: offer the most frequent senders of the mailbox to choose from."""
    st.warning(t("activity.own_missing"))
    if not plan.top_senders:
        return
    st.markdown(f"**{t('activity.own_heading')}**")
    st.caption(t("activity.own_intro"))
    chosen = st.multiselect(t("activity.own_choose"), [email for email, _ in plan.top_senders], key="activity_own",
                            placeholder=t("activity.own_placeholder"), select_all=False)
    if st.button(t("activity.own_save"), key="activity_own_save", disabled=not chosen):
        con = db()
        try:
            save_profile(con, replace(get_profile(con), emails=tuple(chosen)))
        except UserError as error:
            show_error(error)
            return
        _read()
        st.rerun()


def _preview(plan: ActivityPlan) -> None:
    st.subheader(t("activity.preview_heading"))
    if plan.needs_own_addresses:
        _own_addresses(plan)
    subjects = st.toggle(t("activity.subjects_toggle"), key="activity_subjects", help=t("activity.subjects_help"))
    actions = action_row()
    confirmed: set[int] = set()
    if plan.name_suggestions:
        st.markdown(t("activity.suggestions_heading"))
        for suggestion in plan.name_suggestions:
            when = _date(suggestion.occurred_on)
            days = "_days" if suggestion.days > 1 else ""
            label = (t(f"activity.suggestion_checkbox{days}", found=md_escape(suggestion.found_as),
                       email=md_escape(suggestion.email), date=when, name=md_escape(suggestion.contact_name),
                       count=suggestion.days)
                     if suggestion.email else
                     t(f"activity.suggestion_title_checkbox{days}", found=md_escape(suggestion.found_as), date=when,
                       name=md_escape(suggestion.contact_name), count=suggestion.days))
            if st.checkbox(label, key=f"activity_suggestion_{suggestion.index}"):
                confirmed.add(suggestion.index)
    people: set[str] = set()
    if plan.people:
        st.markdown(t("activity.people_heading"))
        for number, person in enumerate(plan.people):
            label = t("activity.person_checkbox", name=md_escape(person.name), email=md_escape(person.email),
                      threads=person.threads, meetings=person.meetings, last=_date(person.last_on))
            if st.checkbox(label, key=f"activity_person_{number}"):
                people.add(person.email)
    preview = plan.preview(confirmed, people, subjects)
    st.text("\n".join(report_lines(preview, lang())))
    if preview.contacts:
        table(_contacts_frame(preview), key="activity_preview_table",
              column_config={t("activity.col_last"): date_column(t("activity.col_last"))})
    elif plan.empty:
        st.info(t("activity.nothing"))
    with actions:   # drawn last (the ticks above decide what is logged), shown under the heading
        tier = "D"
        if people:
            tier = str(st.selectbox(t("activity.tier_label"), TIERS, index=TIERS.index("D"), key="activity_tier",
                                    format_func=label_for("common.tier.", "_long"), width=ACTION_FIELD_WIDTH))
        if st.button(t("activity.apply_button"), key="activity_apply", type="primary",
                     disabled=not preview.created and not people and not plan.upcoming
                     and not plan.forgets_cancelled):
            st.session_state[REPORT_KEY] = apply_activity(db(), plan, confirmed, people, subjects, tier)
            st.session_state.pop(PLAN_KEY, None)
            st.rerun()
        if st.button(t("activity.discard_button"), key="activity_discard"):
            st.session_state.pop(PLAN_KEY, None)
            st.rerun()


def _date(value: dt.date) -> str:
    from netzcore.i18n import format_date

    return format_date(value, lang())


def _contacts_frame(report: ActivityReport) -> pd.DataFrame:
    return pd.DataFrame(
        [(c.name, c.meetings, c.mail_sent, c.mail_received, c.last_on) for c in report.contacts],
        columns=[t("activity.col_contact"), t("activity.col_meetings"), t("activity.col_sent"),
                 t("activity.col_received"), t("activity.col_last")],
    )

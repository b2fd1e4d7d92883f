"""Import & export page, export half: downloads of vCard, CSV and calendar, a one-click full backup, and the
restore of a backup into an empty database.

Downloads are generated when clicked (a callable for st.download_button), so drawing the page costs nothing
even with 20,000 contacts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from netzcore import db as netzdb
from netzcore.exporters import backup
from netzcore.exporters.calendar_feed import calendar_export
from netzcore.exporters.csv import contacts_csv, interactions_csv, spreadsheet_delimiter
from netzcore.exporters.selection import TIERS, ContactSelection, all_tags, count_contacts
from netzcore.exporters.vcard import vcard_export
from netzui import database_path, db, lang, md_escape, t
from netzui.contact_widgets import label_for
from netzui.data_cache import cached
from netzui.notice import notify, show_notice

RESTORE_CHECK_KEY = "export_restore_checked"


@dataclass(frozen=True, slots=True)
class Download:
    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def _data(make: Callable[[netzdb.Connection], bytes]) -> Callable[[], bytes]:
    """A callable for a download: its own cursor, because Streamlit runs it on another thread after the click."""
    cursor = db()
    return lambda: make(cursor)


def downloads(selection: ContactSelection, language: str) -> list[Download]:
    """The export downloads for the chosen contacts; the callables are what the buttons hand out."""
    delimiter = spreadsheet_delimiter(language)   # what Excel expects in German and in English locales
    return [
        Download("export_vcard3", t("export.download_vcard3"), "netz-contacts.vcf", "text/vcard",
                 _data(lambda con: vcard_export(con, selection, "3.0").data)),
        Download("export_vcard4", t("export.download_vcard4"), "netz-contacts-vcard4.vcf", "text/vcard",
                 _data(lambda con: vcard_export(con, selection, "4.0").data)),
        Download("export_contacts_csv", t("export.download_contacts_csv"), "netz-contacts.csv", "text/csv",
                 _data(lambda con: contacts_csv(con, selection, delimiter).data)),
        Download("export_interactions_csv", t("export.download_interactions_csv"), "netz-interactions.csv",
                 "text/csv", _data(lambda con: interactions_csv(con, selection, delimiter).data)),
        Download("export_calendar", t("export.download_calendar"), "netz-calendar.ics", "text/calendar",
                 _data(lambda con: calendar_export(con, language).data)),
        Download("export_backup", t("export.download_backup"), backup.backup_file_name(database_path()),
                 "application/json",
                 _data(backup.backup_bytes)),
    ]


def _selection() -> ContactSelection:
    con = db()
    left, middle, right = st.columns(3)
    any_tag = t("export.filter_any_tag")   # format_func may run outside the script run: no t() inside it
    tiers = left.multiselect(t("export.filter_tiers"), TIERS, key="export_tiers", format_func=label_for("common.tier.", "_long"),
                             placeholder=t("export.filter_all_tiers"), select_all=False)
    tag = middle.selectbox(t("export.filter_tag"), ["", *cached(all_tags, con)], key="export_tag",
                           format_func=lambda value: value or any_tag)
    archived = right.checkbox(t("export.filter_archived"), key="export_archived")
    selection = ContactSelection(tuple(tiers), tag or None, archived)
    st.caption(t("export.selected", count=cached(count_contacts, con, selection)))
    return selection


def _download_buttons(items: list[Download]) -> None:
    columns = st.columns(len(items))
    for column, item in zip(columns, items, strict=True):
        column.download_button(item.label, data=item.make, file_name=item.file_name, mime=item.mime, key=item.key,
                               on_click="ignore", icon=":material/download:")


def _checked_backup(file_id: str, data: bytes) -> backup.RestoreReport | str:
    """The dry run of an uploaded backup (its report, or why it is refused), once per uploaded file."""
    checked = st.session_state.get(RESTORE_CHECK_KEY)
    if checked and checked[0] == file_id:
        return checked[1]
    result: backup.RestoreReport | str
    try:
        result = backup.restore_bytes(db(), data, dry_run=True)
    except backup.BackupError as error:
        result = error.message(lang())
    st.session_state[RESTORE_CHECK_KEY] = (file_id, result)
    return result


def _restore_section() -> None:
    st.subheader(t("export.restore_title"))
    show_notice()
    con = db()
    if not cached(backup.is_empty, con):
        st.info(t("export.restore_needs_empty"))
        return
    st.caption(t("export.restore_intro"))
    upload = st.file_uploader(t("export.restore_upload"), type=["json"], key="export_restore_file")
    if upload is None:
        st.session_state.pop(RESTORE_CHECK_KEY, None)
        return
    report = _checked_backup(upload.file_id, upload.getvalue())
    if isinstance(report, str):
        st.error(t("export.restore_refused", file=md_escape(upload.name), reason=md_escape(report)))
        return
    st.info(t("export.restore_ready", created=md_escape(report.created_at),
              contacts=report.rows.get("contacts", 0), rows=report.total_rows))
    if st.button(t("export.restore_button"), key="export_restore_button", type="primary"):
        try:
            done = backup.restore_bytes(con, upload.getvalue())
        except backup.BackupError as error:
            st.error(t("export.restore_refused", file=md_escape(upload.name), reason=md_escape(error.message(lang()))))
            return
        st.session_state.pop(RESTORE_CHECK_KEY, None)
        st.cache_data.clear()
        notify(t("export.restore_done", rows=done.total_rows, contacts=done.rows.get("contacts", 0)))


def export_panel() -> None:
    st.caption(t("export.intro"))
    selection = _selection()
    items = downloads(selection, lang())
    _download_buttons(items[:5])
    st.subheader(t("export.backup_title"))
    st.caption(t("export.backup_intro"))
    _download_buttons(items[5:])
    _restore_section()

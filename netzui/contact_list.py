"""The contact list: search and filters (paged in SQL), a click on a row opens the person, ticked rows get bulk
actions (tier, tag, archive, merge two); and the form for a new contact, which warns of likely duplicates.

Filters keep their values while a contact or another page is open (persist_state="session"), so Back or a return
to the page shows the same list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from netzcore import care, contacts
from netzcore import db as netzdb
from netzcore.i18n import format_number
from netzcore.user_error import UserError
from netzui import db, lang, md_escape, t
from netzui.contact_detail import merge_summary, open_contact
from netzui.contact_widgets import date_column, label_for, split_list
from netzui.data_cache import cached
from netzui.notice import notify, notify_later, show_error
from netzui.sections import button_panel
from netzui.tables import table

PAGE_SIZE = 50
_VERSION = "contacts_table_version"   # a new table key after a bulk action: the old row selection is gone
_NEW_FIELDS = ("name", "tier", "organization", "title", "emails", "topics")
_DUPLICATES = "new_duplicates"
_VIEW_KEY = "contacts_view"
_MORE_FILTERS = {"contacts_due": "contacts.due_state", "contacts_levels": "contacts.level", "contacts_tag": "contacts.tag",
                 "contacts_takers": "contacts.only_takes_filter", "contacts_archived": "contacts.archived"}


def show_view(view: str) -> None:
    """Switch the Contacts page to one of its views (a callback: the URL follows, `?view=<name>`)."""
    st.session_state[_VIEW_KEY] = view
    _view_to_url()


def _view_to_url() -> None:
    view = st.session_state.get(_VIEW_KEY) or "list"
    if view == "list":
        st.query_params.pop("view", None)
    else:
        st.query_params["view"] = view


def view_switch(views: list[str]) -> str:
    """The switch between the Contacts page's views. The URL is the truth (`?view=triage`, none: the list), so
    links, bookmarks and the browser's Back and Forward choose the view; a click writes the URL. (Not
    `bind="query-params"`: it writes the translated label into the URL.)"""
    wanted = st.query_params.get("view")
    st.session_state[_VIEW_KEY] = wanted if wanted in views else views[0]
    chosen = st.segmented_control(t("contacts.view"), views, format_func=label_for("contacts.view_"), key=_VIEW_KEY,
                                  required=True, label_visibility="collapsed", on_change=_view_to_url)
    return str(chosen or views[0])


def _table_key() -> str:
    return f"contacts_table_{st.session_state.get(_VERSION, 0)}"


def _after_bulk(text: str) -> None:
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
    notify(text)


def contact_list(con: netzdb.Connection, today: dt.date) -> None:
    """Search, filters, one page of 50, and the bulk actions for the ticked rows."""
    # German fills the row at 1400 pixels: "Name | Stufe | Überfällig", the pills and "Weitere Filter" just fit
    search_col, tier_col, sort_col, more_col = st.columns([4.8, 2.1, 3.2, 2.1], vertical_alignment="bottom")
    query = search_col.text_input(t("contacts.search"), key="contacts_query", persist_state="session",
                                  placeholder=t("contacts.search_placeholder"))
    # the tiers as pills, one click each (and as on the ranking's filter): a drop-down took two and cost the browser
    # more on every switch to the list (13 against 9 ms per widget on a test app)
    tiers = tier_col.pills(t("contacts.tier"), contacts.TIERS, selection_mode="multi", key="contacts_tiers",
                           persist_state="session") or []
    # the three orders side by side, one click each (a drop-down took two and some 7 ms more of every switch here)
    sort = sort_col.segmented_control(t("contacts.sort"), contacts.SORTS, format_func=label_for("contacts.sort_"),
                                      key="contacts_sort", default=contacts.SORTS[0], required=True,
                                      persist_state="session")
    with more_col:
        flt = _more_filters(contacts.ContactFilter(query=query or "", tiers=tuple(tiers), sort=str(sort)))
    in_use = [t(label) for key, label in _MORE_FILTERS.items() if st.session_state.get(key)]
    if in_use:
        st.caption(t("contacts.more_filters_in_use", filters=", ".join(in_use)))
    page_number = int(st.session_state.get("contacts_page", 1))
    page = cached(contacts.search_contacts, con, flt, today, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
    pages = max(1, -(-page.total // PAGE_SIZE))
    if page_number > pages:  # the filter shrank the list: the query fell back to its first page
        st.session_state["contacts_page"] = 1

    if page.total == 0:  # nothing to click, page or open: say why and where contacts come from
        st.info(t("contacts.none_found"), icon=":material/search_off:")
        st.page_link("views/import_export.py", label=t("contacts.go_import"), icon=":material/upload:")
        return
    st.caption(t("contacts.found", total=page.total,
                 first=format_number(min(page.offset + 1, page.total), lang()),
                 last=format_number(page.offset + len(page.rows), lang())) + " · " + t("bulk.list_help"))
    selected: list[str] = []
    if page.rows:
        event = table(_frame(page.rows), key=_table_key(), on_select="rerun",
                      selection_mode=["multi-row", "single-cell"],
                      column_config={t("contacts.next_due"): date_column(t("contacts.next_due"))})
        selection = event["selection"]
        for cell in selection.get("cells", []):
            row = cell[0] if isinstance(cell, list | tuple) else cell.get("row")
            if isinstance(row, int) and 0 <= row < len(page.rows):
                # a new table key: after Back, the browser would otherwise report this click again
                st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
                open_contact(page.rows[row].id)
                st.rerun()
        selected = [page.rows[i].id for i in selection.get("rows", []) if 0 <= i < len(page.rows)]
    pick_col, page_col = st.columns([4, 1], vertical_alignment="bottom")
    page_col.number_input(t("contacts.page", pages=pages), min_value=1, max_value=pages, step=1, key="contacts_page",
                          persist_state="session")
    names = {r.id: r.full_name for r in page.rows}
    pick_col.selectbox(t("contacts.open"), ["", *names], format_func=lambda v: names.get(v, t("common.none")),
                       key="contacts_pick", on_change=_open_picked)
    if selected:
        bulk_actions(con, selected, {r.id: r.full_name for r in page.rows}, flt.archived)


def _more_filters(chosen: contacts.ContactFilter) -> contacts.ContactFilter:
    """Care state, level, tag, only takers and archived behind one button, drawn only while it is open: five
    fields cost the browser some 50 ms on every switch to the list; the ones in use are named under the filters."""
    state = st.session_state
    more = button_panel(t("contacts.more_filters"), "contacts_more_filters", ":material/filter_list:",
                        width="stretch")
    if more is not None:
        with more:
            st.multiselect(t("contacts.due_state"), contacts.DUE_STATES, format_func=label_for("common.due_state."),
                           key="contacts_due", persist_state="session", placeholder=t("contacts.any"), select_all=False)
            st.multiselect(t("contacts.level"), contacts.LEVELS, format_func=label_for("common.level."),
                           key="contacts_levels", persist_state="session", placeholder=t("contacts.any"),
                           select_all=False)
            st.text_input(t("contacts.tag"), key="contacts_tag", persist_state="session")
            st.checkbox(t("contacts.only_takes_filter"), key="contacts_takers", persist_state="session",
                        help=t("contacts.only_takes_filter_help"))
            st.checkbox(t("contacts.archived"), key="contacts_archived", persist_state="session")
    return dataclasses.replace(
        chosen, due_states=tuple(state.get("contacts_due") or ()), levels=tuple(state.get("contacts_levels") or ()),
        tag=state.get("contacts_tag") or "", only_takes=bool(state.get("contacts_takers")),
        archived=bool(state.get("contacts_archived")))


def _open_picked() -> None:
    picked = st.session_state.get("contacts_pick")
    st.session_state["contacts_pick"] = ""
    open_contact(picked or None)


def _frame(rows: Sequence[contacts.ContactRow]) -> pd.DataFrame:
    return pd.DataFrame({
        t("contacts.full_name"): [r.full_name for r in rows],
        t("contacts.organization"): [r.organization or "" for r in rows],
        t("contacts.title"): [r.title or "" for r in rows],
        t("contacts.tier"): [r.tier for r in rows],
        t("contacts.due_state"): [t(f"common.due_state.{r.due_state}") if r.due_state else "" for r in rows],
        t("contacts.next_due"): [r.due_on for r in rows],
        t("contacts.city"): [r.city or "" for r in rows],
        t("contacts.tags"): [", ".join(r.tags) for r in rows],
        t("contacts.topics"): [", ".join(r.topics) for r in rows],
    })


# --- bulk actions ------------------------------------------------------------------------------------------------


def bulk_actions(con: netzdb.Connection, ids: list[str], names: dict[str, str], archived: bool) -> None:
    """What to do with the ticked rows: one tier for all (with a reason for the history), a tag, archive or
    restore, and with exactly two: merge them."""
    with st.container(border=True, key="contacts_bulk"):
        st.markdown(f"**{t('bulk.selected', count=len(ids))}**")
        tier_col, reason_col, tier_go = st.columns([2, 4, 2], vertical_alignment="bottom")
        tier = tier_col.selectbox(t("bulk.tier"), contacts.TIERS, index=None, placeholder=t("bulk.tier_placeholder"),
                                  format_func=label_for("common.tier.", "_long"), key="bulk_tier")
        reason = reason_col.text_input(t("contacts.reason"), value=t("bulk.reason_default"), key="bulk_reason")
        if tier_go.button(t("bulk.tier_apply"), key="bulk_tier_apply", disabled=tier is None, width="stretch",
                          icon=":material/label_important:") and tier:
            _bulk(lambda: care.change_tiers(con, ids, str(tier), reason or ""),
                  lambda n: t("bulk.tier_done", count=len(ids), tier=str(tier)))
        tag_col, tag_go, archive_go = st.columns([4, 2, 2], vertical_alignment="bottom")
        tag = tag_col.text_input(t("bulk.tag"), key="bulk_tag", placeholder=t("bulk.tag_placeholder"))
        if tag_go.button(t("bulk.tag_apply"), key="bulk_tag_apply", width="stretch", icon=":material/sell:"):
            _bulk(lambda: contacts.add_tag(con, ids, tag or ""), lambda n: t("bulk.tag_done", count=n, tag=md_escape(tag)))
        label = t("bulk.restore") if archived else t("bulk.archive")
        if archive_go.button(label, key="bulk_archive", width="stretch",
                             icon=":material/unarchive:" if archived else ":material/archive:"):
            _bulk(lambda: contacts.archive_contacts(con, ids, not archived),
                  lambda n: t("bulk.restored" if archived else "bulk.archived", count=n))
        if len(ids) == 2:
            _merge_two(con, ids, names)
        else:
            st.caption(t("bulk.merge_hint"))


def _bulk(action: Callable[[], int], message: Callable[[int], str]) -> None:
    try:
        changed = action()
    except UserError as error:
        show_error(error)
        return
    _after_bulk(message(int(changed or 0)))


def _merge_two(con: netzdb.Connection, ids: list[str], names: dict[str, str]) -> None:
    st.markdown(f"**{t('bulk.merge_title')}**")
    keep = st.radio(t("bulk.merge_keep"), ids, format_func=lambda i: names.get(i, i), key="bulk_merge_keep",
                    horizontal=True)
    keep_id = str(keep) if keep in ids else ids[0]
    drop_id = next(i for i in ids if i != keep_id)
    moving = contacts.merge_preview(con, keep_id, drop_id)
    st.text(merge_summary(moving))
    confirmed = st.checkbox(t("contacts.merge_confirm"), key="bulk_merge_confirm")
    if st.button(t("contacts.merge"), key="bulk_merge_go", disabled=not confirmed, type="primary",
                 icon=":material/merge:"):
        try:
            contacts.merge_contacts(con, keep_id, drop_id)
        except UserError as error:
            show_error(error)
            return
        open_contact(keep_id)
        _after_bulk(t("bulk.merged", drop=md_escape(names.get(drop_id, "")), keep=md_escape(names.get(keep_id, "")),
                      what=md_escape(merge_summary(moving, done=True))))


# --- a new contact -----------------------------------------------------------------------------------------------


def new_contact_form(con: netzdb.Connection) -> None:
    """Name, tier, organisation, title, e-mails, topics; likely duplicates are shown before anything is created."""
    with st.form("contact_new"):
        left, right = st.columns(2)
        left.text_input(t("contacts.full_name"), key="new_name")
        right.selectbox(t("contacts.tier"), contacts.TIERS, index=3, format_func=label_for("common.tier.", "_long"),
                        key="new_tier")
        left.text_input(t("contacts.organization"), key="new_organization")
        right.text_input(t("contacts.title"), key="new_title")
        left.text_input(t("contacts.emails"), key="new_emails")
        right.text_input(t("contacts.topics"), key="new_topics")
        st.form_submit_button(t("contacts.create"), key="new_submit", type="primary", on_click=_create)
    duplicates: list[contacts.LikelyDuplicate] = st.session_state.get(_DUPLICATES) or []
    if duplicates:
        with st.container(border=True, key="new_duplicates_box"):
            st.warning(t("bulk.duplicates_found", count=len(duplicates)), icon=":material/content_copy:")
            for duplicate in duplicates:
                where = f" ({md_escape(duplicate.organization)})" if duplicate.organization else ""
                same = f" · {t('bulk.same_organization')}" if duplicate.same_organization else ""
                name_col, open_col = st.columns([4, 1], vertical_alignment="center")
                name_col.markdown(f"**{md_escape(duplicate.full_name)}**{where}{same}")
                open_col.button(t("bulk.open_duplicate"), key=f"new_open_{duplicate.contact_id}",
                                on_click=open_contact, args=(duplicate.contact_id,), icon=":material/person:")
            st.button(t("bulk.create_anyway"), key="new_create_anyway", on_click=_create, args=(True,))
    error = st.session_state.pop("new_error", None)
    if error:
        st.error(error)


def _create(force: bool = False) -> None:
    """The form's callback: warn of likely duplicates first (unless `force`), else create the contact, close the
    form and open the new contact."""
    state = st.session_state
    name = str(state.get("new_name") or "")
    organization = str(state.get("new_organization") or "")
    if not force and name.strip():
        found = contacts.likely_duplicates(db(), name, organization)
        if found:
            state[_DUPLICATES] = found
            return
    try:
        new_id = contacts.create_contact(
            db(), name, tier=str(state.get("new_tier") or "D"), organization=organization,
            title=str(state.get("new_title") or ""), emails=split_list(str(state.get("new_emails") or "")),
            topics=split_list(str(state.get("new_topics") or "")))
    except contacts.ContactError as error:
        state["new_error"] = error.message(lang(), inert=md_escape)
        return
    for field in _NEW_FIELDS:
        state.pop(f"new_{field}", None)
    state.pop(_DUPLICATES, None)
    show_view("list")
    notify_later(t("bulk.created", name=md_escape(name.strip())))
    open_contact(new_id)


"""Contacts: search and filter (paged in SQL), one person in detail, new contacts, and the tier review queue."""

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from netzcore import care, contacts, relationships
from netzcore.i18n import format_number
from netzui import db, lang, md_escape, t
from netzui.contact_detail import contact_detail, introduction_editor, open_contact, opened_contact
from netzui.contact_widgets import date_column, label_for, split_list
from netzui.duplicates import duplicates_review
from netzui.notice import show_error
from netzui.tables import table

PAGE_SIZE = 50

st.title(t("nav.contacts"))
con = db()
today = dt.date.today()
view = st.radio(t("contacts.view"), ["list", "review", "duplicates", "network", "new"],
                format_func=label_for("contacts.view_"),
                horizontal=True, key="contacts_view", label_visibility="collapsed")

if view == "review":
    st.caption(t("contacts.review_help"))
    queue = care.review_queue(con, today)
    if not queue:
        st.success(t("contacts.review_empty"))
    for item in queue:
        with st.container(border=True):
            text_col, accept_col, dismiss_col = st.columns([6, 1, 1])
            text_col.markdown(f"**{md_escape(item.full_name)}** · {item.tier} → **{item.suggested_tier}**  \n"
                              f"{md_escape(care.review_reason(lang(), item))}")
            if accept_col.button(t("contacts.review_accept"), key=f"review_accept_{item.rule}_{item.contact_id}"):
                care.accept_review(con, item, lang())
                st.rerun()
            if dismiss_col.button(t("contacts.review_dismiss"), key=f"review_dismiss_{item.rule}_{item.contact_id}"):
                care.dismiss_review(con, item)
                st.rerun()
    st.stop()

if view == "duplicates":
    duplicates_review(con)
    st.stop()

if view == "network":
    segments = relationships.segment_choices(con)
    if segments:
        names = {s.id: t("contacts.segment_choice", name=s.name, members=s.members) for s in segments}
        segment = st.selectbox(t("contacts.segment"), list(names), format_func=names.__getitem__,
                               key="network_segment")
        graph = relationships.segment_graph(con, str(segment))
        if graph.nodes:
            st.graphviz_chart(relationships.graph_dot(graph))
            st.caption(t("contacts.segment_graph_help", count=len(graph.nodes)))
    else:
        st.caption(t("contacts.no_segments"))
    st.subheader(t("contacts.open_introductions"))
    introductions = relationships.open_introductions(con, limit=30)
    if not introductions:
        st.caption(t("contacts.no_open_introductions"))
    for intro in introductions:
        introduction_editor(con, intro, f"{intro.name_a} ↔ {intro.name_b}")
    st.stop()

if view == "new":
    with st.form("contact_new", clear_on_submit=True):
        left, right = st.columns(2)
        name = left.text_input(t("contacts.full_name"), key="new_full_name")
        tier = right.selectbox(t("contacts.tier"), contacts.TIERS, index=3, format_func=label_for("common.tier.", "_long"),
                               key="new_tier")
        organization = left.text_input(t("contacts.organization"), key="new_organization")
        title = right.text_input(t("contacts.title"), key="new_title")
        emails = left.text_input(t("contacts.emails"), key="new_emails")
        topics = right.text_input(t("contacts.topics"), key="new_topics")
        submitted = st.form_submit_button(t("contacts.create"), key="new_submit", type="primary")
    if submitted:
        try:
            new_id = contacts.create_contact(con, name, tier=str(tier), organization=organization, title=title,
                                             emails=split_list(emails), topics=split_list(topics))
        except contacts.ContactError as error:
            show_error(error)
        else:
            open_contact(new_id)
            st.session_state["contacts_query"] = name
            st.session_state.pop("contacts_view", None)
            st.rerun()
    st.stop()

search_col, sort_col = st.columns([4, 1])
query = search_col.text_input(t("contacts.search"), key="contacts_query", placeholder=t("contacts.search_placeholder"))
sort = sort_col.selectbox(t("contacts.sort"), contacts.SORTS, format_func=label_for("contacts.sort_"),
                          key="contacts_sort")
tier_col, due_col, level_col, tag_col, archived_col = st.columns([2, 3, 3, 2, 2], vertical_alignment="bottom")
tiers = tier_col.multiselect(t("contacts.tier"), contacts.TIERS, key="contacts_tiers", placeholder=t("contacts.any"),
                             select_all=False)
due_states = due_col.multiselect(t("contacts.due_state"), contacts.DUE_STATES,
                                 format_func=label_for("common.due_state."), key="contacts_due",
                                 placeholder=t("contacts.any"), select_all=False)
levels = level_col.multiselect(t("contacts.level"), contacts.LEVELS, format_func=label_for("common.level."),
                               key="contacts_levels", placeholder=t("contacts.any"), select_all=False)
tag = tag_col.text_input(t("contacts.tag"), key="contacts_tag")
only_takes = archived_col.checkbox(t("contacts.only_takes_filter"), key="contacts_takers",
                                  help=t("contacts.only_takes_filter_help"))
archived = archived_col.checkbox(t("contacts.archived"), key="contacts_archived")

flt = contacts.ContactFilter(query=query, tiers=tuple(tiers), due_states=tuple(due_states), tag=tag,
                             levels=tuple(levels), archived=archived, only_takes=only_takes, sort=str(sort))
page_number = int(st.session_state.get("contacts_page", 1))
page = contacts.search_contacts(con, flt, today, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
pages = max(1, -(-page.total // PAGE_SIZE))
if page_number > pages:  # the filter shrank the list: the query fell back to its first page
    st.session_state["contacts_page"] = 1

st.caption(t("contacts.found", total=page.total,
             first=format_number(min(page.offset + 1, page.total), lang()),
             last=format_number(page.offset + len(page.rows), lang())))


def _row_opener(ids: list[str]) -> Callable[[], None]:
    """A click on a table row opens that contact (`ids`: the rows as shown when the user clicked)."""

    def open_selected() -> None:
        rows = st.session_state["contacts_table"].selection.rows
        if rows and rows[0] < len(ids):
            open_contact(ids[rows[0]])

    return open_selected


if page.rows:
    table(pd.DataFrame({
        t("contacts.full_name"): [r.full_name for r in page.rows],
        t("contacts.organization"): [r.organization or "" for r in page.rows],
        t("contacts.title"): [r.title or "" for r in page.rows],
        t("contacts.tier"): [r.tier for r in page.rows],
        t("contacts.due_state"): [t(f"common.due_state.{r.due_state}") if r.due_state else "" for r in page.rows],
        t("contacts.next_due"): [r.due_on for r in page.rows],
        t("contacts.city"): [r.city or "" for r in page.rows],
        t("contacts.tags"): [", ".join(r.tags) for r in page.rows],
        t("contacts.topics"): [", ".join(r.topics) for r in page.rows],
    }), key="contacts_table", on_select=_row_opener([r.id for r in page.rows]),
        selection_mode="single-row", column_config={t("contacts.next_due"): date_column(t("contacts.next_due"))})
pick_col, page_col = st.columns([4, 1])
page_col.number_input(t("contacts.page", pages=pages), min_value=1, max_value=pages, step=1, key="contacts_page")
names = {r.id: r.full_name for r in page.rows}
none = t("common.none")
current = opened_contact()
options = ["", *names]
if current and current not in names:
    options.append(current)
    names[current] = t("contacts.opened")
st.session_state["contacts_pick"] = current or ""
pick_col.selectbox(t("contacts.open"), options, format_func=lambda v: names.get(v, none), key="contacts_pick",
                   on_change=lambda: open_contact(st.session_state["contacts_pick"] or None))

if current:
    st.divider()
    contact_detail(con, current, today)

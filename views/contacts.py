"""Contacts: the list with bulk actions, one person in their own view (`?contact=<id>`), Who matters? (sorting new
contacts into tiers), the tier review, the network, and a new contact."""

import datetime as dt

import streamlit as st

from netzcore import care, relationships, triage
from netzui import db, lang, md_escape, t
from netzui.contact_detail import contact_detail, introduction_editor, open_contact, opened_contact
from netzui.contact_list import contact_list, new_contact_form, show_view, view_switch
from netzui.duplicates import duplicates_review
from netzui.network_graph import network_chart
from netzui.notice import show_notice
from netzui.triage_view import triage_view

# The views, in the order of the switch above the page; the URL holds the chosen one (?view=triage), so a link opens
# it and Back returns to it. "Possible duplicates" is drawn by its own module (netzui.duplicates).
VIEWS = ["list", "triage", "review", "duplicates", "network", "new"]

st.title(t("nav.contacts"))
con = db()
today = dt.date.today()
show_notice()

current = opened_contact()
if current:
    contact_detail(con, current, today)
    st.stop()

view = view_switch(VIEWS)

if view == "triage":
    triage_view(con, today)
elif view == "review":
    st.caption(t("contacts.review_help"))
    queue = care.review_queue(con, today)
    waiting = triage.untriaged_count(con)
    if waiting:
        with st.container(border=True, key="review_untriaged"):
            st.info(t("triage.review_first", count=waiting), icon=":material/how_to_reg:")
            st.button(t("triage.open"), key="review_to_triage", on_click=show_view, args=("triage",), type="primary",
                      icon=":material/how_to_reg:")
    elif not queue:
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
elif view == "duplicates":
    duplicates_review(con)
elif view == "network":
    segments = relationships.segment_choices(con)
    if segments:
        names = {s.id: t("contacts.segment_choice", name=s.name, members=s.members) for s in segments}
        segment = st.selectbox(t("contacts.segment"), list(names), format_func=names.__getitem__,
                               key="network_segment")
        graph = relationships.segment_graph(con, str(segment))
        if graph.nodes:
            st.caption(t("contacts.segment_graph_help", count=len(graph.nodes)))
            clicked = network_chart(graph, key=f"segment_graph_{segment}",
                                    alt=t("network.segment_alt", segment=names[str(segment)], count=len(graph.nodes)))
            if clicked:
                open_contact(clicked)
                st.rerun()
    else:
        st.caption(t("contacts.no_segments"))
    st.subheader(t("contacts.open_introductions"))
    introductions = relationships.open_introductions(con, limit=30)
    if not introductions:
        st.caption(t("contacts.no_open_introductions"))
    for intro in introductions:
        introduction_editor(con, intro, f"{intro.name_a} ↔ {intro.name_b}")
elif view == "new":
    new_contact_form(con)
else:
    contact_list(con, today)

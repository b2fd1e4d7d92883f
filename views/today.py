"""Today: whom to get in touch with and what to say; follow-ups, birthdays, job changes, introductions, health."""

import datetime as dt

import streamlit as st

from netzcore import care
from netzcore.contacts import ContactChoice
from netzcore.demo import is_empty
from netzcore.i18n import format_number
from netzcore.interactions import complete_follow_up, follow_ups_due
from netzcore.relationships import open_introductions
from netzui import db, lang, md_escape, plain_text, t
from netzui.contact_health import health_charts
from netzui.contact_widgets import contact_picker, date_text, due_badge, hooks_markdown, interaction_form
from netzui.onboarding import ways_in
from netzui.upcoming import upcoming_section

st.title(t("nav.today"))
con = db()
if is_empty(con):
    ways_in()
    st.stop()

today = dt.date.today()
due = care.due_list(con, today, limit=25)
main, side = st.columns([3, 2], gap="large")

with main:
    st.subheader(t("today.due_title"))
    if not due.items:
        st.success(t("today.nothing_due"))
    else:
        st.caption(t("today.due_count", shown=len(due.items), total=format_number(due.total, lang())))
        lines = []
        for item in due.items:
            organization = f" ({md_escape(item.organization)})" if item.organization else ""
            hooks = f"  \n  {t('today.hooks')}: {hooks_markdown(item.hooks)}" if item.hooks else ""
            lines.append(f"- {due_badge(item.due_state)} **{md_escape(item.full_name)}**{organization} · "
                         f"{item.tier} · {md_escape(care.due_reason(lang(), item))}{hooks}")
        st.markdown("\n".join(lines))

    st.subheader(t("today.quick_entry"))
    preset = [ContactChoice(item.contact_id, item.full_name) for item in due.items]
    picked = contact_picker(con, "today_log", t("today.quick_who"), preset=preset)
    if picked and st.button(t("today.open_contact"), key="today_open", icon=":material/person:"):
        st.switch_page("views/contacts.py", query_params={"contact": picked})
    if interaction_form(con, "today_log_form", picked, today):
        st.rerun()

with side:
    upcoming_section()
    st.subheader(t("today.follow_ups"))
    follow_ups = follow_ups_due(con, today, limit=15)
    if not follow_ups:
        st.caption(t("today.no_follow_ups"))
    for follow_up in follow_ups:
        text_col, button_col = st.columns([3, 2], vertical_alignment="center")
        late = follow_up.follow_up_on < today
        text_col.markdown(f"{':red-badge' if late else ':orange-badge'}[{date_text(follow_up.follow_up_on)}] "
                          f"**{md_escape(follow_up.full_name)}** {md_escape(follow_up.hooks or '')}")
        if button_col.button(t("today.done"), key=f"followup_done_{follow_up.interaction_id}",
                              icon=":material/check:", width="stretch"):
            complete_follow_up(con, follow_up.interaction_id)
            st.rerun()

    st.subheader(t("today.birthdays"))
    birthdays = care.upcoming_birthdays(con, today, within_days=30, limit=30)
    if not birthdays:
        st.caption(t("today.no_birthdays"))
    signature = care.greeting_signature(con) if birthdays else ""
    for birthday in birthdays:
        when = {0: t("today.birthday_today"), 1: t("today.birthday_tomorrow")}.get(
            birthday.days_until, t("today.birthday_in", days=birthday.days_until))
        age = t("today.birthday_turns", age=birthday.turns) if birthday.turns else ""
        st.markdown(f"**{md_escape(birthday.full_name)}** · {birthday.tier} · {date_text(birthday.on)} · {when} {age}")
        if birthday.greeted:
            st.caption(t("today.greeted_already"))
        elif birthday.greet_now:
            draft_col, button_col = st.columns([3, 2])
            with draft_col.expander(t("today.greeting_draft")):
                st.code(plain_text(care.greeting_draft(lang(), birthday, signature)), language=None, wrap_lines=True)
            if button_col.button(t("today.greeted"), key=f"greeted_{birthday.contact_id}", icon=":material/cake:",
                                 width="stretch"):
                care.log_greeting(con, birthday.contact_id, today)
                st.rerun()

    changes = care.job_changes(con, today)
    if changes:
        st.subheader(t("today.job_changes"))
        st.markdown("\n".join(
            f"- **{md_escape(c.full_name)}** ({c.tier}): {md_escape(c.old_title or '')} "
            f"{md_escape(c.old_organization or '')} → {md_escape(c.title or '')} {md_escape(c.organization or '')}"
            for c in changes))

    introductions = open_introductions(con, limit=10)
    if introductions:
        st.subheader(t("today.open_introductions"))
        st.markdown("\n".join(
            f"- {md_escape(i.name_a)} ↔ {md_escape(i.name_b)} · {date_text(i.introduced_on)}"
            + (f" · {md_escape(i.context)}" if i.context else "") for i in introductions))

st.divider()
st.subheader(t("today.health"))
health_charts(con, today)

"""Today: whom to get in touch with and what to say (and act on it: log, done, snooze, open); what comes next after
an import; follow-ups, birthdays, job changes, introductions, network health."""

import datetime as dt
from functools import partial

import streamlit as st

from netzcore import care
from netzcore.demo import is_empty
from netzcore.interactions import FollowUp, complete_follow_up, follow_ups_due
from netzcore.relationships import open_introductions
from netzui import db, lang, md_escape, plain_text, t
from netzui.contact_health import health_charts
from netzui.contact_widgets import contact_picker, date_text, interaction_form
from netzui.data_cache import cached, keeping_through_a_log_entry
from netzui.lists import first_and_more, markdown_list
from netzui.notice import act_on_click, show_notice
from netzui.onboarding import ways_in
from netzui.sections import tab_sections
from netzui.today_due import due_section
from netzui.triage_view import waiting_notice
from netzui.upcoming import upcoming_section


def _follow_up_done(interaction_id: str, contact_id: str) -> None:
    with keeping_through_a_log_entry(contact_id):
        complete_follow_up(db(), interaction_id)


def _greeted(contact_id: str, today: dt.date) -> None:
    with keeping_through_a_log_entry(contact_id):
        care.log_greeting(db(), contact_id, today)


st.title(t("nav.today"))
con = db()
if cached(is_empty, con):
    ways_in()
    st.stop()
show_notice()

today = dt.date.today()
waiting = waiting_notice(con, key="today_next_step")
main, side = st.columns([2, 1], gap="large")

with main:
    due_section(con, today, waiting)
    other = st.expander(t("today.quick_entry"), icon=":material/edit_note:", key="today_other",
                        on_change="rerun")
    if other.open:  # drawn only when opened: Today stays as quick as before with the actions on every row
        with other:
            picked = contact_picker(con, "today_log", t("today.quick_who"))
            interaction_form("today_log_form", picked, today)

def follow_ups_tab() -> None:
    follow_ups = cached(follow_ups_due, con, today, limit=15)
    if not follow_ups:
        st.caption(t("today.no_follow_ups"))

    def follow_up_row(follow_up: FollowUp) -> None:
        late = follow_up.follow_up_on < today
        # one row, the text beside the button (the row never wraps the button under the text)
        with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
            st.markdown(f"{':red-badge' if late else ':orange-badge'}[{date_text(follow_up.follow_up_on)}] "
                        f"**{md_escape(follow_up.full_name)}** {md_escape(follow_up.hooks or '')}", width="stretch")
            st.button(t("today.done"), key=f"followup_done_{follow_up.interaction_id}", icon=":material/check:",
                      on_click=act_on_click, args=(partial(_follow_up_done, follow_up.interaction_id, follow_up.contact_id),))

    first_and_more(follow_ups, follow_up_row, "today_more_follow_ups", "today.more_follow_ups")


def birthdays_tab(birthdays: list[care.Birthday]) -> None:
    if not birthdays:
        st.caption(t("today.no_birthdays"))
    signature = cached(care.greeting_signature, con) if birthdays else ""

    def birthday_row(birthday: care.Birthday) -> None:
        when = {0: t("today.birthday_today"), 1: t("today.birthday_tomorrow")}.get(
            birthday.days_until, t("today.birthday_in", days=birthday.days_until))
        age = t("today.birthday_turns", age=birthday.turns) if birthday.turns else ""
        st.markdown(f"**{md_escape(birthday.full_name)}** · {birthday.tier} · {date_text(birthday.on)} · {when} {age}")
        if birthday.greeted:
            st.caption(t("today.greeted_already"))
        elif birthday.greet_now:
            # one below the other: side by side, the narrow column cut "Gratuliert" to "Gratuli…"; the draft is
            # written only while its section is open
            draft = st.expander(t("today.greeting_draft"), key=f"greeting_{birthday.contact_id}", on_change="rerun")
            if draft.open:
                with draft:
                    st.code(plain_text(care.greeting_draft(lang(), birthday, signature)), language=None,
                            wrap_lines=True)
            st.button(t("today.greeted"), key=f"greeted_{birthday.contact_id}", icon=":material/cake:",
                      on_click=act_on_click, args=(partial(_greeted, birthday.contact_id, today),))

    first_and_more(birthdays, birthday_row, "today_more_birthdays", "today.more_birthdays")


def news_tab() -> None:
    changes = cached(care.job_changes, con, today)
    introductions = cached(open_introductions, con, limit=10)
    if not changes and not introductions:
        st.caption(t("today.no_news"))
    if changes:
        st.markdown(f"**{t('today.job_changes')}**")
        markdown_list([
            f"**{md_escape(c.full_name)}** ({c.tier}): {md_escape(c.old_title or '')} "
            f"{md_escape(c.old_organization or '')} → {md_escape(c.title or '')} {md_escape(c.organization or '')}"
            for c in changes], "today_more_job_changes", "today.more_job_changes")
    if introductions:
        st.markdown(f"**{t('today.open_introductions')}**")
        markdown_list([
            f"{md_escape(i.name_a)} ↔ {md_escape(i.name_b)} · {date_text(i.introduced_on)}"
            + (f" · {md_escape(i.context)}" if i.context else "") for i in introductions],
            "today_more_introductions", "today.more_introductions")


with side:
    upcoming_section()  # issue 16 (calendar): upcoming meetings, drawn by its own module
    birthdays = cached(care.upcoming_birthdays, con, today, within_days=30, limit=30)
    # the side lists as tabs, only the open one drawn; a birthday today is named above them whichever is open
    if born_today := [md_escape(b.full_name) for b in birthdays if b.days_until == 0 and not b.greeted]:
        names = ", ".join(born_today[:3]) + (" …" if len(born_today) > 3 else "")
        st.caption(t("today.birthdays_today", count=len(born_today), names=names))
    tab_sections([(t("today.follow_ups"), follow_ups_tab), (t("today.birthdays"), partial(birthdays_tab, birthdays)),
                  (t("today.news"), news_tab)], key="today_side_tab")

st.divider()
# four charts cost the browser more than the rest of the page: drawn while the user keeps them open
health = st.expander(t("today.health"), icon=":material/monitoring:", key="today_health", on_change="rerun")
if health.open:
    with health:
        health_charts(con, today)

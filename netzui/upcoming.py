"""Today: the upcoming meetings with contacts from the calendar import, each with the hooks of the last talk."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from netzcore.i18n import format_date
from netzcore.upcoming import meetings_ahead, upcoming
from netzui import db, lang, md_escape, t
from netzui.contact_widgets import hooks_markdown
from netzui.data_cache import cached


def upcoming_section(now: dt.datetime | None = None) -> None:
    """Nothing at all when no meeting is coming up (most users never import a calendar)."""
    now = now or dt.datetime.now()
    meetings = upcoming(cached(meetings_ahead, db(), now.date()), now)   # one answer a day, kept through writes
    if not meetings:
        return
    st.subheader(t("activity.upcoming_section.title"))
    lines = []
    for meeting in meetings:
        day = meeting.starts_at.date()
        when = {0: t("activity.upcoming_section.today"), 1: t("activity.upcoming_section.tomorrow")}.get(
            (day - now.date()).days, format_date(day, lang()))
        if not meeting.all_day:
            when += f" {meeting.starts_at:%H:%M}"
        channel = t(f"common.channel.{meeting.channel}")
        title = f" · {md_escape(meeting.title)}" if meeting.title else ""
        hooks = hooks_markdown(list(meeting.hooks)) if meeting.hooks else t("activity.upcoming_section.no_hooks")
        lines.append(f"- **{md_escape(meeting.full_name)}** · {when} · {channel}{title}  \n"
                     f"  {t('activity.upcoming_section.hooks')}: {hooks}")
    st.markdown("\n".join(lines))

"""What the user is told after an action: a success that survives the rerun after a write (`notify`, shown once
by `show_notice`), or the mistake to correct (`show_error`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netzcore.user_error import ChangedMeanwhile, UserError
from netzui import lang, md_escape, t

_NOTICE_KEY = "netz_notice"


def notify(text: str) -> None:
    """Run the page again on the changed data, with `text` on top. Escape user data in `text` (md_escape)."""
    st.session_state[_NOTICE_KEY] = text
    st.rerun()


def notify_later(text: str) -> None:
    """The same from a widget callback, where the rerun follows anyway."""
    st.session_state[_NOTICE_KEY] = text


def show_notice() -> None:
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.success(notice)


def show_error(error: UserError, reload: Callable[[], None] | None = None, key: str = "") -> None:
    """Any area's UserError, one way: the message in the user's language, user data in it kept as text. A save
    refused because the row changed meanwhile gets a Reload button (`reload`, netzui.versions.reloader)."""
    st.error(error.message(lang(), inert=md_escape))
    if isinstance(error, ChangedMeanwhile) and reload is not None:
        st.button(t("common.reload"), key=f"{key}_reload", on_click=reload, icon=":material/refresh:")

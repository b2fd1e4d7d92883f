"""What the user is told after an action: a success that survives the rerun after a write (`notify`, shown once
by `show_notice`), or the mistake to correct (`show_error`)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import streamlit as st

from netzcore.user_error import ChangedMeanwhile, UserError
from netzui import database_error_text, lang, md_escape, storage_problem, t

_NOTICE_KEY = "netz_notice"
_ERRORS_KEY = "netz_errors"


def notify(text: str) -> None:
    """Run the page again on the changed data, with `text` on top. Escape user data in `text` (md_escape)."""
    st.session_state[_NOTICE_KEY] = text
    st.rerun()


def notify_later(text: str) -> None:
    """The same from a widget callback, where the rerun follows anyway."""
    st.session_state[_NOTICE_KEY] = text


def act(change: Callable[[], object], success: str | None = None) -> None:
    """Run one change in the page's run; show the user's mistake, or run the page again on the changed data (with
    `success` on top)."""
    try:
        change()
    except UserError as error:
        show_error(error)
        return
    if success:
        notify(success)
    st.rerun()


def error_later(text: str) -> None:
    """A problem found in a widget callback, shown on top of the run that follows. Escape user data in `text`."""
    st.session_state.setdefault(_ERRORS_KEY, []).append(text)


def act_on_click(change: Callable[[], object]) -> None:
    """A button's callback that writes. It runs before the page's next run, so that one run draws the changed data
    (a write in the page's own run needs a second run to show it: an action took two). The change tells its
    outcome with `notify_later` / `error_later`; the user's mistake or a storage problem (disk full) is shown on
    top of the page instead of a traceback."""
    try:
        change()
    except UserError as error:
        error_later(error.message(lang(), inert=md_escape))
    except (duckdb.Error, OSError) as error:
        problem = storage_problem(error)
        if problem is None:
            raise
        error_later(database_error_text(problem))


def show_notice() -> None:
    for text in st.session_state.pop(_ERRORS_KEY, []):
        st.error(text)
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.success(notice)


def show_error(error: UserError, reload: Callable[[], None] | None = None, key: str = "") -> None:
    """Any area's UserError, one way: the message in the user's language, user data in it kept as text. A save
    refused because the row changed meanwhile gets a Reload button (`reload`, netzui.versions.reloader)."""
    st.error(error.message(lang(), inert=md_escape))
    if isinstance(error, ChangedMeanwhile) and reload is not None:
        st.button(t("common.reload"), key=f"{key}_reload", on_click=reload, icon=":material/refresh:")

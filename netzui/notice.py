"""A success message that survives the rerun after a write: set by `notify`, shown once by `show_notice`."""

from __future__ import annotations

import streamlit as st

_NOTICE_KEY = "netz_notice"


def notify(text: str) -> None:
    """Run the page again on the changed data, with `text` on top. Escape user data in `text` (md_escape)."""
    st.session_state[_NOTICE_KEY] = text
    st.rerun()


def show_notice() -> None:
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.success(notice)

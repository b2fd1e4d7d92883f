"""The empty app's two ways in: load the demo network, or import contacts."""

from __future__ import annotations

import streamlit as st

from netzcore.demo import DatabaseNotEmpty, load_demo
from netzui import db, t

LOAD_DEMO_KEY = "onboarding_load_demo"
_REFUSED_KEY = "onboarding_demo_refused"


def ways_in() -> None:
    """Shown by the Today page while the database has no contacts (`netzcore.demo.is_empty`)."""
    st.info(t("onboarding.empty"))
    demo, own = st.columns(2)
    with demo:
        st.markdown(f"**{t('onboarding.demo_title')}**")
        st.caption(t("onboarding.demo_help"))
        st.button(t("onboarding.load_demo"), key=LOAD_DEMO_KEY, type="primary", icon=":material/science:",
                  on_click=_load_demo)
        if st.session_state.pop(_REFUSED_KEY, False):
            st.error(t("onboarding.not_empty"))
    with own:
        st.markdown(f"**{t('onboarding.import_title')}**")
        st.caption(t("onboarding.import_help"))
        st.page_link("views/import_export.py", label=t("onboarding.import"), icon=":material/upload:")


def _load_demo() -> None:
    """Runs before the rerun the click starts, so the page that follows already shows the network."""
    try:
        with st.spinner(t("onboarding.loading")):
            summary = load_demo(db())
    except DatabaseNotEmpty:
        st.session_state[_REFUSED_KEY] = True
        return
    st.toast(t("onboarding.loaded", contacts=summary.contacts, interactions=summary.interactions),
             icon=":material/check_circle:")

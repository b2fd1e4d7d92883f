"""The empty app's two ways in: import your own contacts (the main action), or look around in the demo network,
which lives in a file of its own (`demo.duckdb` beside your database) and never in your database."""

from __future__ import annotations

import streamlit as st

from netzcore import db as netzdb
from netzcore.demo import DatabaseNotEmpty, is_empty, load_demo
from netzui import database_error_text, db, demo_database, t, use_database

LOAD_DEMO_KEY = "onboarding_load_demo"
IMPORT_KEY = "onboarding_import"
_FAILED_KEY = "onboarding_demo_failed"


def ways_in() -> None:
    """Shown by the Today page while the database has no contacts (`netzcore.demo.is_empty`)."""
    st.info(t("onboarding.empty"))
    own, demo = st.columns(2)
    with own, st.container(border=True):
        st.markdown(f"**{t('onboarding.import_title')}**")
        st.caption(t("onboarding.import_help"))
        if st.button(t("onboarding.import"), key=IMPORT_KEY, type="primary", icon=":material/upload:"):
            st.switch_page("views/import_export.py")
    with demo, st.container(border=True):
        st.markdown(f"**{t('onboarding.demo_title')}**")
        st.caption(t("onboarding.demo_help", path=str(demo_database())))
        st.button(t("onboarding.load_demo"), key=LOAD_DEMO_KEY, icon=":material/science:", on_click=_open_demo)
        failed = st.session_state.pop(_FAILED_KEY, None)
        if failed:
            st.error(failed)


def _open_demo() -> None:
    """Switch this session to the demo file, filling it first if it is new; the page that follows shows the
    network. Runs before the rerun the click starts."""
    use_database(demo_database())
    try:
        con = db()
        if is_empty(con):
            with st.spinner(t("onboarding.loading")):
                summary = load_demo(con)
            st.toast(t("onboarding.loaded", contacts=summary.contacts, interactions=summary.interactions),
                     icon=":material/check_circle:")
    except DatabaseNotEmpty:
        use_database(None)
        st.session_state[_FAILED_KEY] = t("onboarding.not_empty", path=str(demo_database()))
        return
    except netzdb.NetzDBError as error:
        use_database(None)
        st.session_state[_FAILED_KEY] = database_error_text(error)
        return
    st.toast(t("onboarding.demo_opened", path=str(demo_database())), icon=":material/science:")

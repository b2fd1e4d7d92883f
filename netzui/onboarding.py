"""The empty app's two ways in: load the demo network, or import contacts."""

from __future__ import annotations

import streamlit as st

from netzui import t


def ways_in() -> None:
    st.info(t("onboarding.empty"))
    st.page_link("pages/import_export.py", label=t("onboarding.import"), icon=":material/upload:")

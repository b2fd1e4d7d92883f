"""target_map page (placeholder until its issue lands)."""

import streamlit as st

from netzui import t

st.title(t("nav.target_map"))

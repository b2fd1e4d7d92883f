"""today page (placeholder until its issue lands)."""

import streamlit as st

from netzui import t

st.title(t("nav.today"))

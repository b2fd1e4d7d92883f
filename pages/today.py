"""today page (placeholder until its issue lands)."""

import streamlit as st

from netzcore.demo import is_empty
from netzui import db, t
from netzui.onboarding import ways_in

st.title(t("nav.today"))
if is_empty(db()):
    ways_in()
    st.stop()

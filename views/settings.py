"""Settings: my profile, care cadences per tier, the database file."""

import streamlit as st

from netzui import t
from netzui.settings_care import cadence_settings
from netzui.settings_feed import feed_settings
from netzui.settings_profile import profile_settings

st.title(t("nav.settings"))
profile_settings()
cadence_settings()
feed_settings()

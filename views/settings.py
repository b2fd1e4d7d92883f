"""Settings: my profile, care cadences per tier, the calendar subscription, each in a tab of its own."""

import streamlit as st

from netzui import t
from netzui.sections import tab_sections
from netzui.settings_care import cadence_settings
from netzui.settings_feed import feed_settings
from netzui.settings_profile import profile_settings

st.title(t("nav.settings"))
tab_sections([(t("profile.title"), profile_settings), (t("care.settings_title"), cadence_settings),
              (t("activity.feed.tab"), feed_settings)], key="settings_tab")

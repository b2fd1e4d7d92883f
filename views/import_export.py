"""Import & export: bring contacts in, take everything out."""

import streamlit as st

from netzui import t
from netzui.activity_import import activity_import_panel
from netzui.export_panel import export_panel
from netzui.import_panel import import_panel

st.title(t("nav.import_export"))
import_panel()
activity_import_panel()
export_panel()

"""Import & export: bring contacts in (the first tab), log the calendar and the mailbox, take everything out."""

import streamlit as st

from netzui import t
from netzui.activity_import import activity_import_panel
from netzui.export_panel import export_panel
from netzui.import_panel import import_panel
from netzui.sections import tab_sections

st.title(t("nav.import_export"))
tab_sections([(t("import.heading"), import_panel), (t("activity.tab"), activity_import_panel),
              (t("export.title"), export_panel)], key="import_export_tab")

"""netz: the server. `streamlit run app.py [-- --db PATH]` serves `shell.py` (sidebar, navigation, pages) as an
ASGI app whose WebSocket and routes answer only the app's own page (netzui.origin)."""

import streamlit as st
from starlette.middleware import Middleware

from netzui.origin import OriginGuard

app = st.App("shell.py", middleware=[Middleware(OriginGuard)])

"""netz: the server. `streamlit run app.py [-- --db PATH]` serves `shell.py` (sidebar, navigation, pages) as an
ASGI app whose WebSocket and routes answer only the app's own page (netzui.origin), and the calendar feed
(`/feed/<token>.ics`, netzui.feed_route) that calendar apps subscribe to."""

import streamlit as st
from starlette.middleware import Middleware

from netzui.feed_route import ROUTES
from netzui.origin import OriginGuard

app = st.App("shell.py", middleware=[Middleware(OriginGuard)], routes=ROUTES)

"""Settings: the address of the netz calendar that calendar apps subscribe to, and a button for a new one."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from netzcore.feed import ensure_feed_token, feed_path, feed_token, renew_feed_token
from netzui import db, lang, t
from netzui.data_cache import cached


def _origin() -> str:
    """Where the browser reached the app (http://127.0.0.1:8501), so the address works from this computer."""
    url = st.context.url or ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    host = st.context.headers.get("Host") or "127.0.0.1:8501"
    return f"http://{host}"


def feed_settings() -> None:
    st.caption(t("activity.feed.intro"))
    con = db()
    if st.button(t("activity.feed.renew_button"), key="feed_renew", icon=":material/autorenew:"):
        renew_feed_token(con)
        st.success(t("activity.feed.renewed"))
    token = cached(feed_token, con) or ensure_feed_token(con)
    st.code(f"{_origin()}{feed_path(token)}?lang={lang()}", language=None)
    st.caption(t("activity.feed.url_label"))

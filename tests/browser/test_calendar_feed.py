"""The calendar to subscribe to, fetched from a real `streamlit run app.py` like a calendar app does it: the right
token gives the netz calendar, a wrong one 404, a foreign Origin is still refused, and a new token made in
Settings (in Chromium) retires the old address."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.feed import ensure_feed_token
from tests.browser import seed
from tests.browser.conftest import Browse
from tests.browser.server import open_page, start_server, wait_for_run

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def fetch(url: str, origin: str | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"Origin": origin} if origin else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def test_feed_answers_the_right_token_only(tmp_path: Path, browse: Browse) -> None:
    path = tmp_path / "feed.duckdb"
    con = netzdb.connect(path)
    try:
        seed.seed_network(con)
        token = ensure_feed_token(con)
    finally:
        con.close()
    server = start_server("feed", path, tmp_path)
    try:
        status, body, kind = fetch(f"{server.url}/feed/{token}.ics?lang=en")
        assert status == 200 and kind.startswith("text/calendar")
        text = body.decode("utf-8")
        assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
        assert text.count("BEGIN:VEVENT") > 5 and "Birthday" in text
        assert fetch(f"{server.url}/feed/{token[:-1]}x.ics")[0] == 404
        assert fetch(f"{server.url}/feed/abc.ics")[0] == 404
        assert fetch(f"{server.url}/feed/{token}.ics", origin="http://localhost:3000")[0] == 403  # OriginGuard
        # the app's pages and the feed share the one connection: open Settings, make a new address there
        page, _ = browse("en")
        open_page(page, server, "settings", "en")
        page.get_by_role("tab", name="Calendar subscription").click()
        wait_for_run(page)
        page.get_by_role("button", name=re.compile("New address")).click()
        wait_for_run(page)
        shown = page.get_by_text(re.compile(r"/feed/[\w-]+\.ics")).first.inner_text()
        new_token = re.search(r"/feed/([\w-]+)\.ics", shown).group(1)  # type: ignore[union-attr]
        assert new_token != token
        assert fetch(f"{server.url}/feed/{token}.ics")[0] == 404
        assert fetch(f"{server.url}/feed/{new_token}.ics")[0] == 200
    finally:
        server.stop()

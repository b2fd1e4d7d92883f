"""What a hostile contact file or a neighbour on the network could do, tried in a real browser and socket."""

from __future__ import annotations

import re
import socket
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import Page

from netzcore import db as netzdb
from netzcore.i18n import translate
from tests.browser import seed
from tests.browser.conftest import Browse
from tests.browser.server import (
    PAGE_URLS,
    ROOT,
    RUN_TIMEOUT_MS,
    NetzServer,
    choose,
    exceptions,
    listening_sockets,
    main_text,
    open_page,
    outside_addresses,
    start_server,
    wait_for_run,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LOOPBACK = {"127.0.0.1", "::1"}

# What a page shows of the hostile data as soon as it opens: it must appear as literal text.
SHOWN_LITERALLY = {"today": seed.HOSTILE_NAME, "goals": seed.HOSTILE_GOAL}
# Pages where the hostile item is chosen first: (page, selectbox key, option, text shown then); the target map's
# request drafts name the segment's organisations (never the segment's own label) to a stranger.
SHOWN_AFTER = {"target_map": seed.HOSTILE_ORG}
CHOSEN = [
    ("target_map", "map_cell", re.compile(re.escape(seed.HOSTILE_SEGMENT)), seed.HOSTILE_SEGMENT),
    ("events", "ev_pick", re.compile(re.escape(seed.HOSTILE_EVENT)), seed.HOSTILE_EVENT),
    # the name's "www." holds an invisible word joiner on the page: wait for the part before it
    ("contacts", "contacts_pick", seed.HOSTILE_NAME, seed.HOSTILE_NAME.split(" www.")[0]),
]

INJECTED = """() => {
    // the page and every open shadow root in it (a component's own elements, netzui.target_heatmap)
    const all = (selector) => {
        const found = [];
        const visit = (root) => {
            found.push(...root.querySelectorAll(selector));
            for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
        };
        visit(document);
        return found;
    };
    return {
        images: all('img[src="x"], img[onerror]').length,
        scripts: all('script').filter(s => s.textContent.includes('alert(1)')).length,
        handlers: all('*').filter(e => e.hasAttribute('onerror')).length,
        links: all('a').filter(
            a => (a.getAttribute('href') || '').includes('evil.example') || a.textContent.includes('evil.example')).length,
        headings: all('h1, h2, h3, h4, h5, h6').filter(h => h.textContent.includes('heading from')).length,
        lists: all('li').filter(li => li.textContent.trim() === 'a list item').length,
        decoded: all('b, strong').filter(b => b.textContent.trim() === 'bold').length,
        overrides: document.body.innerText.includes('\\u202e') ? 1 : 0,
    };
}"""
# On Today the hostile contact's last hook is shown as the user typed it, one line: nothing of it became markup.
HOOK_SHOWN = [f"# {seed.HOOK_HEADING} - a list item {seed.URL} {seed.WWW} {seed.MAIL} {seed.ENTITY} {seed.RLO_ENTITY} "
              "desrever"]


def visible_text(page: Page) -> str:
    """What the page shows as text; md_escape's invisible word joiners (they keep www. and e-mail addresses from
    becoming links) left out, as a reader does not see them."""
    return main_text(page).replace("\u2060", "")


def test_hostile_contact_fields_are_shown_as_text_and_never_run(
    network_server: NetzServer, browse: Browse
) -> None:
    page, watch = browse("en")
    page.add_init_script("window.__netzAlerts = []; window.alert = (m) => window.__netzAlerts.push(String(m));")
    injected: dict[str, object] = {}
    missing: list[str] = []
    for name in PAGE_URLS:
        open_page(page, network_server, name, "en")
        assert exceptions(page) == [], (name, network_server.log())
        counts = page.evaluate(INJECTED)
        if any(counts.values()):
            injected[name] = counts
        if SHOWN_LITERALLY.get(name, "") not in visible_text(page):
            missing.append(name)
        if name == "today":
            missing += [f"today: {text}" for text in HOOK_SHOWN if text not in visible_text(page)]
        if name == "target_map":  # the map's rows name their segments, in the map's own elements
            rows = page.locator(".st-key-map_chart th").all_inner_texts()
            if seed.HOSTILE_SEGMENT not in rows:
                missing.append(f"target map rows: {rows}")
    for name, key, option, text in CHOSEN:
        open_page(page, network_server, name, "en")
        if name == "contacts":
            search = page.locator(".st-key-contacts_query input")
            search.fill("Eve")
            search.press("Enter")
            wait_for_run(page)
        choose(page, key, option, search=text[:12])
        if name == "target_map":  # the way in, whose drafts name the organisations, is the cell's second tab
            page.get_by_role("tab", name=translate("en", "target_map.way_in")).click()
            wait_for_run(page)
        page.get_by_text(SHOWN_AFTER.get(name, text)).filter(visible=True).first.wait_for(timeout=RUN_TIMEOUT_MS)
        for tab in page.get_by_role("tab").all():  # every tab of the chosen item
            tab.click()
            wait_for_run(page)  # a contact's tabs run only when opened
            graph = page.locator('[class*="st-key-contact_graph_"]')
            if graph.count():  # ECharts draws a moment after its frame appears
                graph.locator("svg text").first.wait_for(timeout=RUN_TIMEOUT_MS)
            for label in graph.locator("svg text").all():
                label.hover()  # the graph's tooltips show names too
            counts = page.evaluate(INJECTED)
            if any(counts.values()):
                injected[f"{name}, {text}, tab {tab.inner_text()}"] = counts
    assert injected == {}, "hostile HTML or markdown from a contact became DOM elements (or a bidi override stayed)"
    assert page.evaluate("window.__netzAlerts") == []
    assert watch.dialogs == []
    assert missing == [], "these pages do not show the hostile text literally"


def test_the_app_listens_on_localhost_only(network_server: NetzServer) -> None:
    sockets = listening_sockets(network_server.process.pid)
    assert sockets, "the server process has no listening socket"
    assert {address for address, _ in sockets} <= LOOPBACK, sockets
    assert network_server.port in {port for _, port in sockets}
    for address in outside_addresses():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, network_server.port)) != 0, f"reachable on {address}"


def test_the_shipped_configuration_listens_on_localhost_only(tmp_path: Path) -> None:
    """Without --server.address on the command line, .streamlit/config.toml alone keeps the app local."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    path = tmp_path / "netz.duckdb"
    netzdb.connect(path).close()
    server = start_server("config", path, tmp_path, address_flag=False)
    try:
        sockets = listening_sockets(server.process.pid)
    finally:
        server.stop()
    assert sockets and {address for address, _ in sockets} <= LOOPBACK, sockets


FOREIGN_PAGE = """<!doctype html><title>another local tool</title><script>
window.result = new Promise((done) => {
  const socket = new WebSocket("ws://127.0.0.1:%(port)d/_stcore/stream", ["streamlit"]);
  socket.onopen = () => done("open");
  socket.onerror = () => done("refused");
});
window.health = fetch("http://127.0.0.1:%(port)d/_stcore/health").then((r) => "status " + r.status, () => "blocked");
</script>"""


def test_a_page_on_another_local_port_cannot_open_the_apps_websocket(
    empty_server: NetzServer, browse: Browse, tmp_path: Path
) -> None:
    """A real page served by another program on 127.0.0.1 tries to drive netz: the handshake is refused (403)
    before Streamlit sees it, and a cross-origin request is refused too. The app's own page still connects."""
    import http.server
    import threading

    (tmp_path / "index.html").write_text(FOREIGN_PAGE % {"port": empty_server.port}, encoding="utf-8")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    foreign = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=foreign.serve_forever, daemon=True).start()
    try:
        page, _ = browse("en")
        page.goto(f"http://127.0.0.1:{foreign.server_address[1]}/index.html")
        assert page.evaluate("window.result") == "refused"
        assert page.evaluate("window.health") == "blocked"
    finally:
        foreign.shutdown()
    own, _ = browse("en")
    own.goto(f"{empty_server.url}/")
    wait_for_run(own)
    assert own.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').count() == 1


@pytest.mark.parametrize("origin", ["http://127.0.0.1:1", "http://localhost:3000", "null", None])
def test_websocket_handshakes_from_other_origins_are_refused(empty_server: NetzServer, origin: str | None) -> None:
    """The same refusal at the socket level, for origins a browser page could carry and for none at all."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(f"ws://127.0.0.1:{empty_server.port}/_stcore/stream", origin=origin,  # type: ignore[arg-type]
                     subprotocols=["streamlit"], open_timeout=10):  # type: ignore[list-item]
            outcome = "open"
    except InvalidStatus as refused:
        outcome = f"HTTP {refused.response.status_code}"
    assert outcome == "HTTP 403"


def test_a_foreign_host_name_is_refused(empty_server: NetzServer) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host header."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(f"{empty_server.url}/", headers={"Host": f"evil.example:{empty_server.port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403

"""Start netz like `make run` does and drive it: shared by the browser tests and the benchmarks (bench/).

No pytest in here, so `python -m bench` can use it too.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from netzcore.i18n import translate

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 90.0
RUN_TIMEOUT_MS = 60_000


@dataclass(frozen=True, slots=True)
class AppPage:
    script: str    # as st.Page names it, e.g. "views/contacts.py" (AppTest's switch_page takes this)
    url_path: str  # "" for the default page


def app_pages() -> dict[str, AppPage]:
    """Every page shell.py lists, by script name ("contacts"), read from shell.py so a moved folder moves here too."""
    source = (ROOT / "shell.py").read_text(encoding="utf-8")
    found = {}
    for call in re.finditer(r"st\.Page\((.*?)\)(?=,\s*(?:st\.Page|\]))", source, re.DOTALL):
        script = re.match(r'\s*"([^"]+\.py)"', call.group(1))
        url = re.search(r'url_path="([^"]*)"', call.group(1))
        if script:
            default = "default=True" in call.group(1)
            stem = Path(script.group(1)).stem
            found[stem] = AppPage(script.group(1), "" if default else url.group(1) if url else stem)
    return found


PAGE_URLS = {name: page.url_path for name, page in app_pages().items()}


def find_chromium() -> str | None:
    """NETZ_CHROMIUM, else Debian's chromium; never a browser Playwright downloaded."""
    chosen = os.environ.get("NETZ_CHROMIUM")
    candidates = [chosen] if chosen else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class NetzServer:
    """A running `streamlit run app.py` on one database file."""

    name: str
    db_path: Path
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_server(name: str, db_path: Path, workdir: Path, address_flag: bool = True,
                 script: Path = ROOT / "app.py") -> NetzServer:
    """Start the app like `make run` does, on a free port, and wait until /_stcore/health answers.
    `script` serves another Streamlit app the same way (the benchmark's empty reference app)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    if address_flag:
        command += ["--server.address", "127.0.0.1"]
    env = {**os.environ, "NETZ_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    log_path = workdir / f"{name}-server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = NetzServer(name, db_path, port, process, log_path)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT:.0f} s:\n"
                       f"{server.log()}")


def wait_for_run(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script run has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout_ms)
    with contextlib.suppress(PlaywrightTimeout):  # a rerun just triggered may not have started yet (or be done)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=500)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=timeout_ms)


ROW_HEIGHT = 35  # st.dataframe's default row (and header) height in pixels


def click_row(table: Locator, row: int, x: float = 16, shift: bool = False) -> None:
    """Click row `row` of an st.dataframe (a canvas: by position) at `x` pixels from its left edge: x=16 ticks the
    row's box. Playwright takes the place when the table has stopped moving and is in view (a notice drawn above
    it after an action pushes it down; a place measured before that lands on another row)."""
    table.first.click(position={"x": x, "y": ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2},
                      modifiers=["Shift"] if shift else None, timeout=RUN_TIMEOUT_MS)
    wait_for_run(table.page)


def choose(page: Page, key: str, option: str | re.Pattern[str], search: str = "") -> None:
    """Pick an option of the selectbox with widget key `key` (a react-aria combobox in Streamlit 1.67); long
    option lists only draw what is in view, so `search` types a filter first."""
    box = page.locator(f".st-key-{key} [role=combobox]")
    box.click()
    if search:
        box.fill(search)
    page.get_by_role("option", name=option, exact=isinstance(option, str)).first.click()
    wait_for_run(page)


def choose_tier(page: Page, lang: str, tier: str, reason: str) -> None:
    """In an open contact's tier tab: pick `tier` and write the reason; the click on "Change tier" is the caller's
    (the benchmark times it). The key of the box holds the stored tier, hence the match on its start."""
    label = translate(lang, f"common.tier.{tier}_long")
    box = page.locator("[class*='st-key-contact_tier'] [role=combobox]").first
    box.scroll_into_view_if_needed()
    box.click()
    box.fill(label)                     # the list is filtered to the one option, as choose() does
    page.get_by_role("option", name=label, exact=True).first.click()
    page.locator(".st-key-contact_tier_reason input").fill(reason)


def keep_language(page: Page, lang: str) -> None:
    """Switch the sidebar's language control to `lang` if the app shows the other language."""
    name = translate(lang, "app.language_name")
    button = page.locator(".st-key-lang").get_by_role("radio", name=name, exact=True)
    if button.get_attribute("aria-checked") != "true":
        button.click()
        wait_for_run(page)


def open_app(page: Page, server: NetzServer, lang: str) -> None:
    """Load the app at its root, as `make run` opens it, in the given language."""
    page.goto(f"{server.url}/")
    page.locator(".st-key-lang button").first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    keep_language(page, lang)
    page.locator("h1").filter(has_text=title_of("today", lang)).first.wait_for(timeout=RUN_TIMEOUT_MS)


def open_page(page: Page, server: NetzServer, name: str, lang: str) -> None:
    """Go to a page the way a user does: open the app if needed, then click the page in the sidebar."""
    if not page.url.startswith(server.url):
        open_app(page, server, lang)
    keep_language(page, lang)
    title = title_of(name, lang)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    links.filter(has=page.get_by_text(title, exact=True)).first.click()
    wait_for_run(page)
    keep_language(page, lang)  # the first session after a start may fall back to German (see test_pages)
    page.locator("h1").filter(has_text=title).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)


def sidebar_text(page: Page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def modal_dialogs(page: Page) -> list[str]:
    """Open Streamlit dialogs, e.g. "Page not found" for a URL the app does not know."""
    return [text.strip()[:200] for text in page.locator('[role="dialog"]').all_inner_texts()]


def exceptions(page: Page) -> list[str]:
    return [text.strip()[:500] for text in page.locator('[data-testid="stException"]').all_inner_texts()]


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def screenshot(page: Page, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def title_of(name: str, lang: str) -> str:
    return translate(lang, f"nav.{name}")


def _decode_address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_sockets(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket the process listens on, read from /proc like `ss -ltnp` does."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    found = []
    for table in ("tcp", "tcp6"):
        table_path = Path(f"/proc/{pid}/net/{table}")
        if not table_path.exists():
            continue
        for line in table_path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A = LISTEN
                address, port = local.rsplit(":", 1)
                found.append((_decode_address(address), int(port, 16)))
    return found


def outside_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (the ones a neighbour on the network would use)."""
    fib = Path("/proc/net/fib_trie")
    if not fib.exists():
        return []
    lines = fib.read_text().splitlines()
    local = {lines[i - 1].split()[-1] for i, line in enumerate(lines) if i and "/32 host LOCAL" in line}
    return sorted(address for address in local if not address.startswith("127."))

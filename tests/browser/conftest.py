"""Real-browser harness: `streamlit run app.py` as a subprocess on a temporary database, driven by Chromium.

One server per database for the whole session (all browser tests share one xdist group, so one worker runs
them and starts each server once). Chromium is Debian's (/usr/bin/chromium), never a Playwright download.
Without a Chromium the tests skip, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from netzcore import db as netzdb
from netzcore.i18n import translate
from tests.browser import seed

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

# url path of every page (app.py) and the catalog key of its title
PAGE_URLS = {
    "today": "today",
    "goals": "goals",
    "target_map": "target-map",
    "contacts": "contacts",
    "events": "events",
    "import_export": "import-export",
    "settings": "settings",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    """NETZ_CHROMIUM, else Debian's chromium; never a browser Playwright downloaded."""
    chosen = os.environ.get("NETZ_CHROMIUM")
    candidates = [chosen] if chosen else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


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


def start_server(name: str, db_path: Path, workdir: Path, address_flag: bool = True) -> NetzServer:
    """Start the app like `make run` does, on a free port, and wait until /_stcore/health answers."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
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


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        skip_or_fail("no Chromium found (/usr/bin/chromium; `apt-get install chromium`)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def empty_server(chromium: str, workdir: Path) -> Iterator[NetzServer]:
    """The app on a migrated, empty database: what a new user sees first."""
    path = workdir / "empty.duckdb"
    netzdb.connect(path).close()
    server = start_server("empty", path, workdir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def network_server(chromium: str, workdir: Path) -> Iterator[NetzServer]:
    """The app on a database with the demo network (when the demo exists) and hostile contacts."""
    path = workdir / "network.duckdb"
    con = netzdb.connect(path)
    try:
        seed.seed_network(con)
    finally:
        con.close()
    server = start_server("network", path, workdir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_driver(chromium: str) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def contexts(playwright_driver: Playwright, chromium: str) -> Iterator[Callable[[str], BrowserContext]]:
    """A Chromium profile per language (fresh user-data dir each), so the app picks its language up itself."""
    opened: dict[str, BrowserContext] = {}
    profiles: list[tempfile.TemporaryDirectory[str]] = []

    def for_language(lang: str) -> BrowserContext:
        if lang not in opened:
            profile = tempfile.TemporaryDirectory(prefix=f"netz-chromium-{lang}-")
            profiles.append(profile)
            opened[lang] = playwright_driver.chromium.launch_persistent_context(
                profile.name,
                executable_path=chromium,
                headless=True,
                args=CHROMIUM_ARGS,
                locale={"de": "de-DE", "en": "en-US"}[lang],
                viewport={"width": 1400, "height": 1000},
                accept_downloads=True,
            )
            opened[lang].set_default_timeout(RUN_TIMEOUT_MS)
        return opened[lang]

    yield for_language
    for context in opened.values():
        context.close()
    for profile in profiles:
        profile.cleanup()


@dataclass
class Watch:
    """What a page did that a user must never see: JavaScript dialogs, uncaught errors."""

    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


Browse = Callable[..., tuple[Page, Watch]]


@pytest.fixture
def browse(contexts: Callable[[str], BrowserContext]) -> Iterator[Browse]:
    """Open a new tab in the language's profile; after the test, no dialog may have fired in any tab."""
    opened: list[tuple[Page, Watch]] = []

    def new_tab(lang: str = "en") -> tuple[Page, Watch]:
        page = contexts(lang).new_page()
        watch = Watch()

        def on_dialog(dialog: Dialog) -> None:
            watch.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        opened.append((page, watch))
        return page, watch

    yield new_tab
    fired = [d for _, watch in opened for d in watch.dialogs]
    for page, _ in opened:
        page.close()
    assert fired == [], f"a JavaScript dialog fired: {fired}"


def wait_for_run(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script run has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout_ms)
    with contextlib.suppress(PlaywrightTimeout):  # a rerun just triggered may not have started yet (or be done)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=500)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=timeout_ms)


def open_page(page: Page, server: NetzServer, name: str, lang: str) -> None:
    """Load a page by its URL and wait until its own title is drawn (the first paint is the page list alone)."""
    page.goto(f"{server.url}/{PAGE_URLS[name]}")
    page.locator("h1").filter(has_text=title_of(name, lang)).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)


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

"""Real-browser harness: `streamlit run app.py` as a subprocess on a temporary database, driven by Chromium.

One server per database for the whole session (all browser tests share one xdist group, so one worker runs
them and starts each server once). Chromium is Debian's (/usr/bin/chromium), never a Playwright download.
Without a Chromium the tests skip, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, Playwright, sync_playwright

from netzcore import db as netzdb
from tests.browser import seed
from tests.browser.server import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    RUN_TIMEOUT_MS,
    NetzServer,
    find_chromium,
    start_server,
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


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


@contextmanager
def serving(name: str, folder: Path, seeded: bool) -> Iterator[NetzServer]:
    """The app on a new database file in `folder`, empty or with the seeded network, stopped afterwards."""
    path = folder / f"{name}.duckdb"
    con = netzdb.connect(path)
    try:
        if seeded:
            seed.seed_network(con)
    finally:
        con.close()
    server = start_server(name, path, folder)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def empty_server(workdir: Path) -> Iterator[NetzServer]:
    """The app on a migrated, empty database: what a new user sees first."""
    with serving("empty", workdir, seeded=False) as server:
        yield server


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[NetzServer]:
    """A server on an empty database that nobody has visited yet: the state right after `make run`."""
    with serving("fresh", tmp_path, seeded=False) as server:
        yield server


@pytest.fixture(scope="session")
def network_server(workdir: Path) -> Iterator[NetzServer]:
    """The app on the demo network (when the demo exists) plus hostile contacts; tests only look at it."""
    with serving("network", workdir, seeded=True) as server:
        yield server


@pytest.fixture(scope="session")
def scenario_server(workdir: Path) -> Iterator[NetzServer]:
    """The same network for the scenarios that change data, so the read-only tests see it untouched."""
    with serving("scenario", workdir, seeded=True) as server:
        yield server


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item, so fixtures can tell a failed test at teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browse(
    contexts: Callable[[str], BrowserContext], request: pytest.FixtureRequest, artifacts: Path
) -> Iterator[Browse]:
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
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # what the user would have seen when it failed
        for number, (page, _) in enumerate(opened):
            page.screenshot(path=str(artifacts / f"FAILED-{request.node.name}-{number}.png"), full_page=True)
    fired = [d for _, watch in opened for d in watch.dialogs]
    for page, _ in opened:
        page.close()
    assert fired == [], f"a JavaScript dialog fired: {fired}"

"""Fast as the user feels it: page switches, the main actions (bench/browser_actions.py) and the first load in a
real Chromium, netz against an empty three-page Streamlit app (bench/empty_app) served beside it in the same run.

Every measure is a median over rounds that interleave the reference and netz, so a busy machine slows both
sides; targets are ratios to the empty app's page switch (or its first load). Page switches are measured three
times: while the user looks around (the data stays the same, as between two writes); right after a round of the six
actions, when every page runs its queries on the changed data; and after a logged interaction whose "Logged." the
user reads for a moment (PAUSE_SECONDS), the pace of a person, in which netz asks the pages' queries again in the
background (netzui.data_cache.Refresher).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.browser_actions import ACTIONS, Actions, subjects, wait_until_drawn
from bench.harness import Row, at_most, skipped
from tests.browser.server import (
    CHROMIUM_ARGS,
    PAGE_URLS,
    NetzServer,
    find_chromium,
    open_app,
    start_server,
    title_of,
)

EMPTY_APP = Path(__file__).resolve().parent / "empty_app" / "app.py"
EMPTY_PAGES = ("One", "Two", "Three")
SWITCH_FACTOR = 2.5
ACTION_FACTOR = 3.0
FIRST_LOAD_FACTOR = 1.5
PAUSE_SECONDS = 1.5
LANG = "en"


def _done(page: object, title: str) -> None:
    """The run that draws `title` as the page heading has finished."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    wait_until_drawn(page, page.locator("h1").filter(has_text=title))


def _switch(page: object, title: str) -> float:
    """Seconds from the click on a page's sidebar link until that page's run has finished."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.bring_to_front()   # a tab in the background is throttled by Chromium
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(has=page.get_by_text(title, exact=True)).first
    start = time.perf_counter()
    link.click()
    _done(page, title)
    return time.perf_counter() - start


def _first_load(context: object, url: str, title: str, ready: Callable[[object], None] | None = None) -> float:
    """Seconds from opening a new tab at `url` until the default page's run has finished."""
    from playwright.sync_api import BrowserContext

    assert isinstance(context, BrowserContext)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        _done(page, title)
        seconds = time.perf_counter() - start
        if ready:
            ready(page)
        return seconds
    finally:
        page.close()


def measure(db_path: Path, repeat: int) -> list[Row]:
    chromium = find_chromium()
    if chromium is None:
        return [skipped("browser page switches", "no Chromium found")]
    from playwright.sync_api import sync_playwright

    switches: dict[str, list[float]] = {name: [] for name in ("empty", *PAGE_URLS)}
    loads: dict[str, list[float]] = {"empty": [], "netz": []}
    acted: dict[str, list[float]] = {name: [] for name in ACTIONS}
    after_write: dict[str, list[float]] = {name: [] for name in PAGE_URLS}
    after_pause: dict[str, list[float]] = {name: [] for name in PAGE_URLS}
    chosen = subjects(db_path)          # read before the server holds the file
    with tempfile.TemporaryDirectory(prefix="netz-bench-browser-") as work:
        netz = start_server("bench-netz", db_path, Path(work))
        empty: NetzServer | None = None
        try:
            empty = start_server("bench-empty", db_path, Path(work), script=EMPTY_APP)
            with sync_playwright() as driver:
                context = driver.chromium.launch_persistent_context(
                    str(Path(work) / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                    locale="en-US", viewport={"width": 1400, "height": 900},
                )
                try:
                    netz_page, empty_page, action_page = context.new_page(), context.new_page(), context.new_page()
                    open_app(netz_page, netz, LANG)
                    open_app(action_page, netz, LANG)
                    actions = Actions(action_page, netz, LANG, chosen)
                    empty_page.goto(empty.url)
                    _done(empty_page, EMPTY_PAGES[0])
                    netz_titles = {name: title_of(name, LANG) for name in PAGE_URLS}
                    order = [*list(PAGE_URLS)[1:], list(PAGE_URLS)[0]]   # start on Today; end back on it
                    for name in order:                                   # warm-up: imports, caches, connection
                        _switch(netz_page, netz_titles[name])
                    for title in (*EMPTY_PAGES[1:], EMPTY_PAGES[0]):
                        _switch(empty_page, title)
                    actions.run_round()
                    for _ in range(repeat):                              # looking around: the data stays
                        for title in (*EMPTY_PAGES[1:], EMPTY_PAGES[0]):
                            switches["empty"].append(_switch(empty_page, title))
                        for name in order:
                            switches[name].append(_switch(netz_page, netz_titles[name]))
                        loads["empty"].append(_first_load(context, empty.url, EMPTY_PAGES[0]))
                        loads["netz"].append(_first_load(context, netz.url, netz_titles["today"]))
                    for _ in range(repeat):                              # working: every page after writes
                        for name, seconds in actions.run_round().items():
                            acted[name].append(seconds)
                        for title in (*EMPTY_PAGES[1:], EMPTY_PAGES[0]):
                            switches["empty"].append(_switch(empty_page, title))
                        for name in order:
                            after_write[name].append(_switch(netz_page, netz_titles[name]))
                    for _ in range(repeat):                              # working at a person's pace
                        actions.log_interaction()
                        time.sleep(PAUSE_SECONDS)
                        for name in order:
                            after_pause[name].append(_switch(netz_page, netz_titles[name]))
                finally:
                    context.close()
        finally:
            netz.stop()
            if empty is not None:
                empty.stop()
    return _rows({name: statistics.median(v) for name, v in switches.items()},
                 {name: statistics.median(v) for name, v in loads.items()},
                 {name: statistics.median(v) for name, v in acted.items()},
                 {name: statistics.median(v) for name, v in after_write.items()},
                 {name: statistics.median(v) for name, v in after_pause.items()})


def _rows(switch: dict[str, float], load: dict[str, float], acted: dict[str, float],
          after_write: dict[str, float], after_pause: dict[str, float]) -> list[Row]:
    reference = switch["empty"]
    limit = reference * SWITCH_FACTOR
    rows = [Row("empty 3-page app: page switch (Chromium)", reference, "s", note="reference")]
    for name in PAGE_URLS:
        value = switch[name]
        rows.append(at_most(f"switch to {name} (Chromium)", value, "s", limit,
                            f"≤ {SWITCH_FACTOR}x empty = {limit:.3f} s", note=f"{value / reference:.1f}x empty"))
    for name in PAGE_URLS:
        value = after_write[name]
        rows.append(at_most(f"switch to {name} after a write (Chromium)", value, "s", limit,
                            f"≤ {SWITCH_FACTOR}x empty = {limit:.3f} s", note=f"{value / reference:.1f}x empty"))
    for name in PAGE_URLS:
        value = after_pause[name]
        rows.append(at_most(f"switch to {name} after a write and a {PAUSE_SECONDS:g} s pause (Chromium)", value, "s",
                            limit, f"≤ {SWITCH_FACTOR}x empty = {limit:.3f} s",
                            note=f"{value / reference:.1f}x empty"))
    action_limit = reference * ACTION_FACTOR
    for name, value in acted.items():
        rows.append(at_most(f"{name} (Chromium)", value, "s", action_limit,
                            f"≤ {ACTION_FACTOR}x empty switch = {action_limit:.3f} s",
                            note=f"{value / reference:.1f}x empty"))
    rows.append(Row("empty 3-page app: first load (Chromium)", load["empty"], "s", note="reference"))
    first_limit = load["empty"] * FIRST_LOAD_FACTOR
    rows.append(at_most("netz first load, Today (Chromium)", load["netz"], "s", first_limit,
                        f"≤ {FIRST_LOAD_FACTOR}x empty = {first_limit:.3f} s",
                        note=f"{load['netz'] / load['empty']:.1f}x empty"))
    return rows

"""Each page's script run with AppTest on the large database, next to an empty Streamlit page in the same run."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.harness import Row, at_most
from tests.browser.server import app_pages

ROOT = Path(__file__).resolve().parent.parent
PAGES = app_pages()
EMPTY_PAGE = "import streamlit as st\n\nst.title('netz')\n"
LIMIT_FACTOR = 5.0
TIMEOUT = 120.0


def open_empty_page() -> None:
    """A fresh session running a page that only draws a title: the floor every page is compared with."""
    AppTest.from_string(EMPTY_PAGE, default_timeout=TIMEOUT).run()


def page_opener(db_path: Path, page: str, lang: str = "en") -> Callable[[], None]:
    """A fresh session opening one page of the whole app (sidebar and navigation included)."""

    def open_page() -> None:
        os.environ["NETZ_DB"] = str(db_path)
        at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.switch_page(PAGES[page].script)
        at.run()
        if at.exception:
            raise RuntimeError(f"page {page} raised: {at.exception[0].message}")

    return open_page


def measure(db_path: Path, repeat: int) -> list[Row]:
    """Medians over `repeat` rounds; each round opens the empty page and then every page, so load on the
    machine affects the reference and the pages alike."""
    previous_dir = Path.cwd()
    os.chdir(ROOT)
    try:
        openers = {"empty": open_empty_page} | {page: page_opener(db_path, page) for page in PAGES}
        times: dict[str, list[float]] = {name: [] for name in openers}
        for opener in openers.values():
            opener()  # warm-up: imports, caches, the database connection
        for _ in range(repeat):
            for name, opener in openers.items():
                start = time.perf_counter()
                opener()
                times[name].append(time.perf_counter() - start)
    finally:
        os.chdir(previous_dir)
    seconds = {name: statistics.median(values) for name, values in times.items()}
    empty = seconds["empty"]
    limit = empty * LIMIT_FACTOR
    rows = [Row("empty Streamlit page (AppTest, fresh session)", empty, "s", note="reference")]
    for page in PAGES:
        value = seconds[page]
        rows.append(at_most(f"page {page} (AppTest, fresh session)", value, "s", limit,
                            f"≤ {LIMIT_FACTOR:.0f}x empty = {limit:.3f} s",
                            note=f"{value / empty:.1f}x empty"))
    return rows

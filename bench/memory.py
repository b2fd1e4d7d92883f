"""Peak memory of a real `streamlit run app.py` on the large database after a browser opened every page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import Row, at_most, skipped
from tests.browser.server import CHROMIUM_ARGS, PAGE_URLS, find_chromium, open_page, start_server

LIMIT_MB = 400.0


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the largest resident set the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def measure(db_path: Path) -> list[Row]:
    chromium = find_chromium()
    if chromium is None:
        return [skipped("app process peak memory", "no Chromium found")]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="netz-bench-") as work:
        server = start_server("bench", db_path, Path(work))
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch_persistent_context(
                    str(Path(work) / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                    locale="en-US", viewport={"width": 1400, "height": 1000},
                )
                try:
                    page = browser.new_page()
                    for name in PAGE_URLS:
                        open_page(page, server, name, "en")
                finally:
                    browser.close()
            peak = peak_rss_mb(server.process.pid)
        finally:
            server.stop()
    return [at_most("app process peak memory (RSS, every page opened)", peak, "MB", LIMIT_MB,
                    f"< {LIMIT_MB:.0f} MB")]

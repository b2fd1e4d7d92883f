"""Every page in a real Chromium, in German and English, on an empty and on a full database."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import Browse
from tests.browser.server import (
    PAGE_URLS,
    NetzServer,
    exceptions,
    open_page,
    screenshot,
    title_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("database", ["empty", "network"])
def test_every_page_opens_without_an_error(
    request: pytest.FixtureRequest, browse: Browse, artifacts: Path, database: str, lang: str
) -> None:
    server: NetzServer = request.getfixturevalue(f"{database}_server")
    page, watch = browse(lang)
    problems: dict[str, object] = {}
    for name in PAGE_URLS:
        try:
            open_page(page, server, name, lang)
        except PlaywrightError as error:
            problems[name] = f"no title {title_of(name, lang)!r}: {error.message.splitlines()[0]}"
        screenshot(page, artifacts, f"{database}-{name}-{lang}")
        if exceptions(page):
            problems[name] = exceptions(page)
    assert problems == {}, f"server log:\n{server.log()}"
    assert watch.page_errors == []

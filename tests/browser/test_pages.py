"""Every page in a real Chromium, in German and English, on an empty and on a full database."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from netzcore.i18n import translate
from tests.browser.conftest import Browse
from tests.browser.server import (
    PAGE_URLS,
    RUN_TIMEOUT_MS,
    NetzServer,
    exceptions,
    modal_dialogs,
    open_page,
    screenshot,
    sidebar_text,
    title_of,
    wait_for_run,
)
from tests.conftest import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("database", ["empty", "network"])
def test_every_page_opens_without_an_error(
    request: pytest.FixtureRequest, browse: Browse, artifacts: Path, database: str, lang: str
) -> None:
    assert sorted(PAGE_URLS) == sorted(PAGES), "the pages read from shell.py are not the app's pages"
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
        elif modal_dialogs(page):
            problems[name] = modal_dialogs(page)
        elif translate(lang, "app.language") not in sidebar_text(page):
            problems[name] = "the sidebar lost the language switch"
    assert problems == {}, f"server log:\n{server.log()}"
    assert watch.page_errors == []


def test_a_bookmarked_page_shows_the_apps_sidebar(
    chromium: str, fresh_server: NetzServer, browse: Browse, artifacts: Path
) -> None:
    """The user restarts `make run` with /contacts still open in a tab: the tab reloads straight into it."""
    page, _ = browse("en")
    page.goto(f"{fresh_server.url}/{PAGE_URLS['contacts']}")
    page.locator("h1").filter(has_text=title_of("contacts", "en")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    screenshot(page, artifacts, "bookmark-contacts-en")
    sidebar = sidebar_text(page)
    assert translate("en", "app.language") in sidebar
    assert title_of("today", "en") in sidebar


def test_the_first_visitor_keeps_the_browsers_language(
    chromium: str, fresh_server: NetzServer, browse: Browse
) -> None:
    """An English browser opens the app just started and goes to Contacts: it must stay English."""
    page, _ = browse("en")
    page.goto(f"{fresh_server.url}/")
    page.locator("h1").filter(has_text=title_of("today", "en")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.locator('[data-testid="stSidebarNavLink"]').filter(
        has=page.get_by_text(title_of("contacts", "en"), exact=True)).first.click()
    page.locator("h1").filter(has_text=title_of("contacts", "en")).or_(
        page.locator("h1").filter(has_text=title_of("contacts", "de"))).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert page.locator("h1").first.inner_text() == title_of("contacts", "en")



# how far each control of the contact list's top row runs past its column: buttons and pills by their right edge,
# the search field by its placeholder's width against the room inside the field
_OVERRUN = """() => {
  const past = {};
  for (const key of ['contacts_tiers', 'contacts_sort', 'contacts_more_filters']) {
    const column = document.querySelector('.st-key-' + key);
    if (!column) { past[key] = 'missing'; continue; }
    const right = column.getBoundingClientRect().right;
    for (const button of column.querySelectorAll('button')) {
      const over = button.getBoundingClientRect().right - right;
      const clipped = [...button.querySelectorAll('p, div')].some(e => e.scrollWidth > e.clientWidth + 1);
      if (over > 1 || clipped) past[key + ': ' + button.innerText.trim()] = over;
    }
  }
  const field = document.querySelector('.st-key-contacts_query input');
  const style = getComputedStyle(field);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const text = context.measureText(field.placeholder).width;
  if (text > room) past['contacts_query: ' + field.placeholder] = text - room;
  return past;
}"""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_contact_lists_top_row_fits_its_columns(
    network_server: NetzServer, browse: Browse, artifacts: Path, lang: str
) -> None:
    """At 1400 pixels German's sort choices ran out of their column ("Überfällig" cut off at the right); giving
    them room must not cut the tier pills, "Weitere Filter" or the search field's hint instead."""
    page, _ = browse(lang)
    open_page(page, network_server, "contacts", lang)
    page.locator(".st-key-contacts_sort button").first.wait_for()
    screenshot(page, artifacts, f"contacts-top-row-{lang}")
    assert page.evaluate(_OVERRUN) == {}

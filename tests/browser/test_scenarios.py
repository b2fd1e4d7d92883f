"""What a user does in a real browser: care for a contact, plan a trade fair, get started, import a phone export.

Each scenario needs its feature; until that feature has landed its scenario is skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from netzcore.i18n import translate
from tests.browser import seed
from tests.browser.conftest import Browse
from tests.browser.server import (
    RUN_TIMEOUT_MS,
    NetzServer,
    choose,
    exceptions,
    main_text,
    open_page,
    screenshot,
    wait_for_run,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def catalog_pattern(lang: str, key: str) -> re.Pattern[str]:
    """The catalog text with every {placeholder} matching any value."""
    parts = re.split(r"\{\w+\}", translate(lang, key))
    return re.compile(".+?".join(re.escape(part) for part in parts))


def needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} has not landed yet")


def test_open_a_contact_and_log_an_interaction(scenario_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    needs("netzcore.care")
    page, watch = browse("en")
    open_page(page, scenario_server, "contacts", "en")
    search = page.locator(".st-key-contacts_query input")
    search.fill("Kaffee")
    search.press("Enter")
    wait_for_run(page)
    choose(page, "contacts_pick", seed.FRIEND_NAME)
    page.locator("h3").filter(has_text=seed.FRIEND_NAME).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert "her daughter starts university" in main_text(page), "the last hooks are not shown with the contact"

    page.get_by_role("tab", name=translate("en", "contacts.tab_log")).click()
    page.locator(".st-key-contact_log_form_topics input").fill("hydrogen, Hannover Messe")
    page.locator(".st-key-contact_log_form_hooks textarea").fill("Send her the electrolyser study")
    page.locator(".st-key-contact_log_form_gave input").fill("an introduction to the Stadtwerke")
    page.locator(".st-key-contact_log_form_submit button").click()
    page.get_by_text("Send her the electrolyser study").first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    screenshot(page, artifacts, "scenario-contact-logged-en")
    assert exceptions(page) == []
    assert watch.page_errors == []


def test_plan_an_event_and_see_the_ranked_list(scenario_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    needs("netzcore.events")
    page, _ = browse("en")
    open_page(page, scenario_server, "events", "en")
    page.get_by_text(translate("en", "events.new"), exact=True).click()
    page.locator(".st-key-ev_new_name input").fill("Browser Fair")
    page.locator(".st-key-ev_new_city input").fill("Hannover")
    page.locator(".st-key-ev_new_topics input").fill("hydrogen")
    page.locator(".st-key-ev_new_topics input").press("Tab")
    wait_for_run(page)
    page.locator(".st-key-ev_create button").click()
    page.locator("h3").filter(has_text="Browser Fair").first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.get_by_text(catalog_pattern("en", "events.rank_caption")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert page.locator('[data-testid="stDataFrame"]').first.is_visible(), "no ranked list"

    page.locator(".st-key-ev_add_pick [role=combobox]").click()
    page.get_by_role("option", name=seed.FRIEND_NAME).click()
    page.keyboard.press("Escape")
    wait_for_run(page)
    page.locator(".st-key-ev_add_plan button").click()
    page.get_by_text(translate("en", "events.added_to_plan", count=1)).first.wait_for(timeout=RUN_TIMEOUT_MS)
    page.get_by_role("tab", name=translate("en", "events.tab_pipeline")).click()
    page.get_by_text(seed.FRIEND_NAME).filter(visible=True).first.wait_for(timeout=RUN_TIMEOUT_MS)
    screenshot(page, artifacts, "scenario-event-planned-en")
    assert exceptions(page) == []

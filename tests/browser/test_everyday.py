"""Every day in netz, in a real browser: start with an import, decide who matters in a few clicks, act on Today,
open a contact by its URL and come back with the browser's Back, click through the network graph, and try the
demo without touching your own database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from netzcore.i18n import translate
from tests.browser.conftest import Browse, serving
from tests.browser.server import (
    RUN_TIMEOUT_MS,
    NetzServer,
    click_row,
    exceptions,
    main_text,
    open_app,
    open_page,
    sidebar_text,
    wait_for_run,
)
from tests.browser.test_scenarios import catalog_pattern
from tests.conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE_EXPORT = FIXTURES / "everyday" / "phone-export-20-new-people-all-tier-d.vcf"


@pytest.fixture
def everyday_server(tmp_path: Path) -> Iterator[NetzServer]:
    """The demo network (plus the browser seed's contacts) on a server of its own: these tests change it."""
    with serving("everyday", tmp_path, seeded=True) as server:
        yield server


def shoot(page: Page, artifacts: Path, name: str) -> None:
    """A screenshot at 1400x900, what a user sees without scrolling."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(artifacts / f"{name}.png"))


class Counter:
    """Counts what the user does: each click, shifted click, fill or key press is one interaction."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def click(self, selector: str) -> None:
        self.count += 1
        self.page.locator(selector).first.click()
        wait_for_run(self.page)

    def click_row(self, table: str, row: int, shift: bool = False) -> None:
        """Tick a row's checkbox in a dataframe."""
        self.count += 1
        click_row(self.page.locator(table), row, shift=shift)


def import_phone_export(page: Page, server: NetzServer, lang: str) -> None:
    """From the empty app: the main button leads to the import; read the file, import it."""
    open_app(page, server, lang)
    primary = page.locator(".st-key-onboarding_import button")
    assert primary.get_attribute("data-testid") == "stBaseButton-primary", "Import is not the main action"
    assert page.locator(".st-key-onboarding_load_demo button").get_attribute("data-testid") != "stBaseButton-primary"
    primary.click()
    wait_for_run(page)
    page.locator(".st-key-import_files input[type=file]").set_input_files(str(PHONE_EXPORT))
    wait_for_run(page)
    page.locator(".st-key-import_read button:enabled").click()  # enabled once the file is uploaded
    page.get_by_text(translate(lang, "import.preview_heading"), exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.set_viewport_size({"width": 1400, "height": 900})
    apply = page.locator(".st-key-import_apply button")
    assert in_sight(apply), "Import is below the report and the table of rows, out of sight"
    apply.click()
    page.get_by_text(translate(lang, "import.done")).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert in_sight(page.get_by_text(translate(lang, "triage.open")).first), "the next step is below the report"


def in_sight(target: Locator) -> bool:
    """Whether `target` is on the screen as it is, without scrolling (the app scrolls inside its main section)."""
    box = target.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900


def test_import_decide_who_matters_in_ten_interactions_and_see_who_is_due(
    fresh_server: NetzServer, browse: Browse, artifacts: Path
) -> None:
    page, watch = browse("en")
    import_phone_export(page, fresh_server, "en")
    assert translate("en", "triage.next", count=20) in main_text(page), "the import report says nothing of what next"

    page.get_by_text(translate("en", "triage.open")).first.click()  # the way from the report to the triage
    wait_for_run(page)
    page.get_by_text(translate("en", "triage.waiting", count=20).replace("**", "")).first.wait_for(
        timeout=RUN_TIMEOUT_MS)
    shoot(page, artifacts, "everyday-triage-before-en")

    user = Counter(page)
    for version, (tier, rows) in enumerate((("A", 3), ("B", 5), ("C", 5))):
        table = f".st-key-triage_table_{version}"  # each sorting draws a new table (the old ticks are gone)
        user.click_row(table, 0)
        user.click_row(table, rows - 1, shift=True)
        page.get_by_text(translate("en", "triage.selected", count=rows, names="x").split(":")[0]).first.wait_for()
        if tier == "A":  # the most promising come first: executives known from two sources
            chosen = page.locator(".st-key-triage_actions").inner_text()
            assert "Andreas Lang" in chosen and "Sabine Keller" in chosen and "Daniel Weber" not in chosen, chosen
        user.click(f".st-key-triage_tier_{tier} button")
        page.get_by_text(translate("en", "triage.sorted", count=rows, tier=tier)).first.wait_for(
            timeout=RUN_TIMEOUT_MS)
        wait_for_run(page)
    user.click(".st-key-triage_keep_rest button")
    page.get_by_text(translate("en", "triage.all_sorted")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert user.count <= 10, f"sorting 20 contacts took {user.count} interactions"
    shoot(page, artifacts, "everyday-triage-done-en")

    open_page(page, fresh_server, "today", "en")
    page.get_by_text(catalog_pattern("en", "due.count")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    today = main_text(page)
    assert re.search(r"1–10 of 13 people overdue or due this week", today), today[:600]
    first = page.locator('[class*="st-key-due_row_"]').first.inner_text()
    assert "Andreas Lang" in first and " · A · " in first, first
    assert translate("en", "today.nothing_due") not in today
    shoot(page, artifacts, "fresh-import-today-en")
    open_page(page, fresh_server, "contacts", "en")
    shoot(page, artifacts, "fresh-import-contacts-en")
    assert exceptions(page) == [] and watch.page_errors == []


def test_a_fresh_import_in_german(fresh_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    page, _ = browse("de")
    import_phone_export(page, fresh_server, "de")
    open_page(page, fresh_server, "today", "de")
    text = main_text(page)
    assert translate("de", "triage.next", count=20) in text
    assert translate("de", "today.nothing_due") not in text, "Today says all is well while 20 contacts wait"
    shoot(page, artifacts, "fresh-import-today-de")
    page.get_by_text(translate("de", "triage.open")).first.click()
    wait_for_run(page)
    shoot(page, artifacts, "fresh-import-triage-de")
    open_page(page, fresh_server, "contacts", "de")
    shoot(page, artifacts, "fresh-import-contacts-de")
    assert exceptions(page) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_today_acts_on_the_demo_network(everyday_server: NetzServer, browse: Browse, artifacts: Path,
                                        lang: str) -> None:
    page, watch = browse(lang)
    open_app(page, everyday_server, lang)
    shoot(page, artifacts, f"demo-today-{lang}")
    rows = page.locator('[class*="st-key-due_row_"]')
    caption = page.get_by_text(catalog_pattern(lang, "due.count")).first.inner_text()
    total = int(re.sub(r"\D", "", caption.split()[2]))
    assert total > 10 and rows.count() == 3, caption
    page.locator(".st-key-today_due_more summary").click()  # the rest of the page, drawn once opened (stays open)
    wait_for_run(page)
    page.locator('[class*="st-key-due_row_"]').nth(9).wait_for(timeout=RUN_TIMEOUT_MS)

    # Log, inline, prefilled: the form opens under the person with their channel
    first_name = rows.first.locator("strong").first.inner_text()
    rows.first.locator('[class*="st-key-due_log_"] button').first.click()
    wait_for_run(page)
    form = page.locator(".st-key-due_form")
    form.wait_for(timeout=RUN_TIMEOUT_MS)
    form.locator(".st-key-due_form_hooks textarea").fill("Ask about the new plant in Lingen")
    form.locator(".st-key-due_form_submit button").click()
    wait_for_run(page)
    page.get_by_text(translate(lang, "care.logged")).first.wait_for(timeout=RUN_TIMEOUT_MS)  # the notice on top
    wait_for_run(page)
    assert first_name not in page.locator('[class*="st-key-due_row_"]').first.inner_text()

    # Done and Snooze: the person leaves the list
    done_name = rows.first.locator("strong").first.inner_text()
    rows.first.locator('[class*="st-key-due_done_"] button').first.click()
    page.get_by_text(translate(lang, "due.done_message", name=done_name)).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)  # the notice comes first, the list after it
    snooze_name = rows.first.locator("strong").first.inner_text()
    rows.first.locator('[class*="st-key-due_snooze_"] button').first.click()
    page.get_by_role("menuitem", name=translate(lang, "due.snooze_for", count=7)).click()
    wait_for_run(page)
    page.get_by_text(re.compile(re.escape(translate(lang, "due.snoozed", name=snooze_name, date="§")
                                          .split("§")[0]))).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    listed = page.locator('[class*="st-key-due_row_"]').all_inner_texts()
    assert not any(snooze_name in row or done_name in row for row in listed)

    # every due person is reachable: the next page
    page.locator(".st-key-due_next button").click()
    wait_for_run(page)
    assert re.search(r"11–20", page.get_by_text(catalog_pattern(lang, "due.count")).first.inner_text())

    # Open: the contact's own view; Back returns to Today
    open_name = rows.first.locator("strong").first.inner_text()
    rows.first.get_by_text(translate(lang, "due.open")).click()
    wait_for_run(page)
    page.locator("h3").filter(has_text=open_name).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert "contact=" in page.url
    page.go_back()
    wait_for_run(page)
    page.locator("h1").filter(has_text=translate(lang, "nav.today")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert exceptions(page) == [] and watch.page_errors == []


def test_a_contact_is_a_url_and_back_returns_to_the_same_list(
    everyday_server: NetzServer, browse: Browse, artifacts: Path
) -> None:
    page, _ = browse("en")
    open_page(page, everyday_server, "contacts", "en")
    shoot(page, artifacts, "demo-contacts-en")
    search = page.locator(".st-key-contacts_query input")
    search.fill("Kaffee")
    search.press("Enter")
    wait_for_run(page)
    click_row(page.locator('[data-testid="stDataFrame"]'), 0, x=120)  # the first row's name: open the person
    page.locator("h3").filter(has_text="Clara Kaffeetrinker").first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert "contact=" in page.url
    shoot(page, artifacts, "demo-contact-detail-en")
    link = page.url

    page.get_by_role("tab", name=translate("en", "contacts.tab_tier")).click()
    wait_for_run(page)
    page.locator(".st-key-contact_tier_reason input").fill("Key for the Hannover fair")
    page.locator(".st-key-contact_tier_B").click()
    page.get_by_role("option", name=translate("en", "common.tier.A_long")).click()
    page.locator(".st-key-contact_tier_submit button").click()
    wait_for_run(page)
    page.get_by_text(translate("en", "contacts.tier_changed", tier="A")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert "Tier: A" in main_text(page)
    # the rerun that shows the message draws the form further down a moment later: wait for it, then count
    page.locator(".st-key-contact_tier_A").wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert page.locator(".st-key-contact_tier_A").count() == 1, "the tier form does not show the stored tier"
    assert page.locator(".st-key-contact_tier_B").count() == 0, "the tier form still shows the old tier"

    page.go_back()
    wait_for_run(page)
    page.locator(".st-key-contacts_query input").wait_for(timeout=RUN_TIMEOUT_MS)
    assert page.locator(".st-key-contacts_query input").input_value() == "Kaffee", "the list lost its search"
    assert "contact=" not in page.url

    fresh, _ = browse("en")
    fresh.goto(link)  # a link opens the contact
    wait_for_run(fresh)
    fresh.locator("h3").filter(has_text="Clara Kaffeetrinker").first.wait_for(timeout=RUN_TIMEOUT_MS)


def test_the_network_graph_is_readable_and_a_click_opens_the_person(
    everyday_server: NetzServer, browse: Browse, artifacts: Path
) -> None:
    page, watch = browse("en")
    open_page(page, everyday_server, "contacts", "en")
    page.goto(f"{everyday_server.url}/contacts?view=network")
    wait_for_run(page)
    chart = page.locator('[class*="st-key-segment_graph_"]').first
    chart.wait_for(timeout=RUN_TIMEOUT_MS)
    box = chart.bounding_box()
    assert box is not None and box["height"] >= 320, box
    labels = chart.locator("svg text")
    # the chart's frame comes before ECharts has drawn into it (its code loads on first use): wait for the drawing
    labels.nth(4).wait_for(timeout=RUN_TIMEOUT_MS)
    legend = [text for text in labels.all_text_contents() if text.startswith("Tier ")]
    assert legend == ["Tier A", "Tier B", "Tier C", "Tier D"], legend
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(artifacts / "demo-segment-graph-en.png"))
    before = page.url
    name = next(text for text in labels.all_text_contents()[4:] if text.strip())
    chart.locator("svg text", has_text=name).first.click()
    wait_for_run(page)
    page.locator("h3").filter(has_text=name).first.wait_for(timeout=RUN_TIMEOUT_MS)
    page.go_back()
    wait_for_run(page)
    assert page.url == before
    assert exceptions(page) == [] and watch.page_errors == []


def test_the_demo_opens_in_its_own_file_and_the_way_back(fresh_server: NetzServer, browse: Browse,
                                                        artifacts: Path) -> None:
    page, _ = browse("en")
    open_app(page, fresh_server, "en")
    page.locator(".st-key-onboarding_load_demo button").click()
    page.get_by_text(catalog_pattern("en", "onboarding.loaded")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    demo_file = fresh_server.db_path.with_name("demo.duckdb")
    assert str(demo_file) in sidebar_text(page)
    assert translate("en", "database.demo_open", path="x").split("**")[1] in sidebar_text(page)
    shoot(page, artifacts, "demo-opened-en")
    page.locator(".st-key-database_back_home button").first.click()
    wait_for_run(page)
    page.get_by_text(translate("en", "onboarding.empty")).wait_for(timeout=RUN_TIMEOUT_MS)
    assert str(fresh_server.db_path) in sidebar_text(page), "the sidebar does not say which file is open"

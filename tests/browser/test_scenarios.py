"""What a user does in a real browser: care for a contact, plan a trade fair, get started, import a phone export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from netzcore.i18n import catalog, translate
from tests.browser import seed
from tests.browser.conftest import Browse
from tests.browser.server import (
    RUN_TIMEOUT_MS,
    NetzServer,
    choose,
    choose_tier,
    click_row,
    exceptions,
    main_text,
    open_app,
    open_page,
    screenshot,
    wait_for_run,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def catalog_pattern(lang: str, key: str) -> re.Pattern[str]:
    """The catalog text with every {placeholder} and plural block matching any value."""
    texts = catalog(lang)
    parts = re.split(r"\{\w+, plural,(?:[^{}]|\{[^{}]*\})*\}|\{\w+\}", texts.get(key) or texts[f"{key}.other"])
    return re.compile(".+?".join(re.escape(part) for part in parts))


def test_open_a_contact_and_log_an_interaction(scenario_server: NetzServer, browse: Browse, artifacts: Path) -> None:
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
    page.get_by_text(catalog_pattern("en", "events.rank_pick_help")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    table = page.locator(".st-key-ev_in_rank [data-testid='stDataFrame']").first
    assert table.is_visible(), "no ranked list"

    click_row(table, 0)
    details = page.get_by_text(re.compile(r" — \d+ of 100: ")).first
    details.wait_for(timeout=RUN_TIMEOUT_MS)
    name = details.inner_text().split(" — ")[0].strip()
    page.locator(".st-key-ev_ask button").click()
    page.get_by_text(translate("en", "events.asked_added", count=1)).first.wait_for(timeout=RUN_TIMEOUT_MS)
    page.get_by_role("tab", name=re.compile("3 · Messages")).click()
    wait_for_run(page)
    page.locator(".st-key-ev_in_messages").get_by_text(name).first.wait_for(timeout=RUN_TIMEOUT_MS)
    screenshot(page, artifacts, "scenario-event-planned-en")
    assert exceptions(page) == []


def _ranked_rows(page: Page) -> list[tuple[str, int]]:
    """Name and score of each row the event's ranking shows, read from the grid's accessible table."""
    table = page.locator(".st-key-ev_in_rank [data-testid='stDataFrame']").first
    table.wait_for(timeout=RUN_TIMEOUT_MS)
    rows = table.locator("table [role=row]")
    rows.nth(1).locator("[role=gridcell]").first.wait_for(state="attached", timeout=RUN_TIMEOUT_MS)  # filled later
    found = []
    for i in range(1, rows.count()):
        cells = rows.nth(i).locator("[role=gridcell]").all_inner_texts()
        if len(cells) > 1 and cells[1].strip().isdigit():
            found.append((cells[0].strip(), int(cells[1])))
    return found


def test_a_new_tier_moves_the_contact_in_the_events_ranking_at_once(scenario_server: NetzServer, browse: Browse,
                                                                      artifacts: Path) -> None:
    """The ranking after a tier change is the kept one with that contact scored again: the page must show the new
    score, in order, not the ranking as it was."""
    page, watch = browse("en")
    open_page(page, scenario_server, "events", "en")
    before = _ranked_rows(page)
    assert len(before) >= 3, before
    name, score = before[0]
    open_page(page, scenario_server, "contacts", "en")
    search = page.locator(".st-key-contacts_query input")
    search.fill(name)
    search.press("Enter")
    wait_for_run(page)
    choose(page, "contacts_pick", name)
    page.get_by_role("tab", name=translate("en", "contacts.tab_tier"), exact=True).click()
    wait_for_run(page)
    choose_tier(page, "en", "D", "no longer my field")
    page.locator(".st-key-contact_tier_submit button").click()
    page.get_by_text(translate("en", "contacts.tier_changed", tier="D")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    open_page(page, scenario_server, "events", "en")
    after = _ranked_rows(page)
    screenshot(page, artifacts, "scenario-ranking-after-a-tier-change-en")
    assert [s for _, s in after] == sorted((s for _, s in after), reverse=True), after
    moved = [s for n, s in after if n == name]
    assert not moved or moved[0] < score, (name, score, after)
    assert after[0] != before[0], "the ranking still shows the contact's old score first"
    assert exceptions(page) == [] and watch.page_errors == []


def test_load_the_demo_network_from_the_empty_app(fresh_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    page, _ = browse("en")
    open_app(page, fresh_server, "en")
    page.get_by_text(translate("en", "onboarding.empty")).wait_for(timeout=RUN_TIMEOUT_MS)
    page.locator(".st-key-onboarding_load_demo button").click()
    page.get_by_text(catalog_pattern("en", "onboarding.loaded")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    screenshot(page, artifacts, "scenario-demo-loaded-en")
    assert page.get_by_text(translate("en", "onboarding.empty")).count() == 0, "still offers the ways in"
    open_page(page, fresh_server, "contacts", "en")
    found = page.get_by_text(catalog_pattern("en", "contacts.found")).first.inner_text()
    assert int(re.sub(r"\D", "", found.split()[0])) >= 100, found
    assert exceptions(page) == []


PHONE_EXPORT = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sommer;Lena;;;\r\nFN:Lena Sommer\r\nORG:Stadtwerke Lüneburg;Vertrieb\r\n"
    "TITLE:Leiterin Vertrieb\r\nitem1.EMAIL;type=INTERNET:lena.sommer@example.org\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
    "TEL;type=CELL:0171 2345678\r\nBDAY:--0415\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:<img src=x onerror=alert(1)> Mallory\r\n"
    "NOTE:<script>alert(1)</script>\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Card\r\nBDAY:1975-02-30\r\n"
)


def test_upload_a_vcard_file_and_see_the_report(
    scenario_server: NetzServer, browse: Browse, artifacts: Path, tmp_path: Path
) -> None:
    export = tmp_path / "iPhone Kontakte.vcf"
    export.write_text(PHONE_EXPORT, encoding="utf-8")
    page, watch = browse("en")
    open_page(page, scenario_server, "import_export", "en")
    page.locator(".st-key-import_files input[type=file]").set_input_files(str(export))
    page.get_by_text(export.name).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.locator(".st-key-import_read button").click()
    page.get_by_text(translate("en", "import.preview_heading"), exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.locator(".st-key-import_apply button").click()
    page.get_by_text(translate("en", "import.done")).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    screenshot(page, artifacts, "scenario-import-report-en")
    report = main_text(page)
    summary = re.search(r"Read (\d+): (\d+) new, (\d+) merged, (\d+) unchanged, (\d+) not imported", report)
    assert summary is not None, report
    read, *outcomes = (int(n) for n in summary.groups())
    assert read == 4 and sum(outcomes) == 4, summary.group(0)  # every card accounted for
    assert translate("en", "import.card", file=export.name, position=4) in report, "the broken card is not named"
    assert exceptions(page) == []
    assert watch.dialogs == []

"""Goals, the target map, Today's charts and Streamlit's own texts in a real Chromium (issue 13).

Screenshots at 1400x900 of Goals, Target map and Today in German and English, on the demo network and on a fresh
phone import, land in tests/artifacts/ (goals-*.png) for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from netzcore import db as netzdb
from netzcore import goals
from netzcore.i18n import translate
from netzcore.importers.files import import_paths
from tests.browser.conftest import Browse
from tests.browser.server import NetzServer, choose, exceptions, open_page, start_server, wait_for_run
from tests.conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

VIEWPORT = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetzServer]:
    """The app right after a new user imported a phone export (contacts, all tier D, no interaction) and named a
    first goal with one segment, "Stadtwerke Süddeutschland", the way issue 13 did."""
    folder = tmp_path_factory.mktemp("phone")
    path = folder / "phone.duckdb"
    con = netzdb.connect(path)
    try:
        import_paths(con, sorted(str(p) for p in (FIXTURES / "import").glob("*.vcf")))
        segment = goals.save_segment(con, goals.Segment(
            name="Stadtwerke Süddeutschland", organization_names=("Stadtwerke München", "Stadtwerke Ulm"),
            topics=("Wasserstoff",), levels=("executive", "head")))
        goals.save_goal(con, goals.Goal(title="Wasserstoff bei Stadtwerken", target_count=5,
                                        segment_ids=(segment,)))
    finally:
        con.close()
    server = start_server("phone", path, folder)
    try:
        yield server
    finally:
        server.stop()


def shoot(page: Page, artifacts: Path, name: str) -> None:
    """Screenshots of the page as a user scrolls it, one per 900 px screen."""
    main = page.locator('[data-testid="stMain"]')
    height = int(main.evaluate("e => e.scrollHeight"))
    for number, top in enumerate(range(0, min(height, 9000), 820)):
        main.evaluate(f"e => e.scrollTo(0, {top})")
        page.wait_for_timeout(200)
        page.screenshot(path=str(artifacts / f"{name}-{number}.png"))
    main.evaluate("e => e.scrollTo(0, 0)")


def after_content(page: Page, selector: str) -> str:
    """What a style's ::after draws in the first element matching `selector`."""
    return str(page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content"))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("database", ["network", "phone"])
def test_goals_map_and_today_charts_render_in_both_languages(
        request: pytest.FixtureRequest, browse: Browse, artifacts: Path, database: str, lang: str) -> None:
    server: NetzServer = request.getfixturevalue(f"{database}_server")
    page, watch = browse(lang)
    page.set_viewport_size(VIEWPORT)
    for name in ("goals", "target_map", "today"):
        open_page(page, server, name, lang)
        if name == "goals":
            summaries = page.locator("summary").filter(has_text=translate(lang, "goals.chart_title"))
            for i in range(summaries.count()):   # each opened chart is drawn in the run its click starts
                summaries.nth(i).click()
                wait_for_run(page)
        if name == "today":  # the network health section, drawn in the run its click starts
            page.locator("summary").filter(has_text=translate(lang, "today.health")).first.click()
            wait_for_run(page)
        page.wait_for_timeout(800)
        assert exceptions(page) == [], name
        shoot(page, artifacts, f"goals-{database}-{name}-{lang}")
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "0.000000" not in text and "NaN" not in text
    if database == "phone":  # nobody due, no interaction yet: sentences, not empty axes
        for key in ("chart_overdue_empty", "chart_in_person_empty", "chart_months_empty"):
            assert translate(lang, f"today.{key}") in text
        open_page(page, server, "goals", lang)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert translate(lang, "goals.progress_contacts", reached=0, target=5) in text  # nobody is A or B yet
        page.locator("summary").filter(has_text=translate(lang, "goals.chart_title")).first.click()
        wait_for_run(page)
        page.get_by_text(translate(lang, "goals.chart_too_early")).wait_for()
    assert watch.page_errors == []


def test_a_click_on_the_map_chooses_outlines_and_lists_that_cell(network_server: NetzServer, browse: Browse,
                                                                  artifacts: Path) -> None:
    """Click a cell of the map other than the chosen one: the cell chooser, the heading of the one contacts table
    and the outline follow the click; every cell names its segment, level and tiers to a screen reader."""
    page, _ = browse("en")
    page.set_viewport_size(VIEWPORT)
    open_page(page, network_server, "target_map", "en")
    cells = page.locator(".st-key-map_chart button")
    chosen = page.locator('.st-key-map_chart button[aria-pressed="true"]')
    assert chosen.count() == 1
    before = chosen.get_attribute("aria-label")
    labels = [cells.nth(i).get_attribute("aria-label") or "" for i in range(cells.count())]
    target = next(i for i, label in enumerate(labels) if label != before and "Contacts: 0" not in label)
    found = re.search(r"Segment: (.+)\nLevel: (.+)\nContacts: \d+\nContacts by tier: A \d+ · B \d+ · C \d+ · D \d+",
                      labels[target])
    assert found, labels[target]
    segment, level = found.group(1), found.group(2)
    cells.nth(target).click()
    wait_for_run(page)
    page.locator("h3").filter(has_text=f"{segment} · {level}").first.wait_for()
    value = page.locator('.st-key-map_cell [role="combobox"], .st-key-map_cell input').first.input_value()
    assert value.startswith(f"{segment} · {level}")
    assert chosen.count() == 1 and chosen.get_attribute("aria-label") == labels[target]
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    shoot(page, artifacts, "goals-map-clicked-en")


def test_saving_a_segment_stays_in_its_tab(scenario_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    page, _ = browse("de")
    page.set_viewport_size(VIEWPORT)
    open_page(page, scenario_server, "goals", "de")
    page.get_by_role("tab", name=translate("de", "goals.tab_segments")).click()
    wait_for_run(page)
    page.locator(".st-key-segment_name_new input").fill("Stadtwerke Süddeutschland")
    page.locator(".st-key-segment_orgs_new textarea").fill("Stadtwerke München\nStadtwerke Ulm")
    page.locator(".st-key-segment_save_new button").click()
    wait_for_run(page)
    page.get_by_text(translate("de", "goals.segment_saved")).wait_for()
    selected = page.get_by_role("tab", selected=True)
    assert selected.inner_text().strip() == translate("de", "goals.tab_segments")
    # the saved segment is chosen: "Neues Segment" over the values just saved made a second Save a duplicate
    assert page.locator(".st-key-segment_choice [role=combobox]").input_value() == "Stadtwerke Süddeutschland"
    assert page.locator(".st-key-segment_name_new").count() == 0
    choose(page, "segment_choice", "Stadtwerke Süddeutschland", search="Stadtwerke")
    selected = page.get_by_role("tab", selected=True)
    assert selected.inner_text().strip() == translate("de", "goals.tab_segments")
    orgs = page.locator('[class*="st-key-segment_orgs_"]:not(.st-key-segment_orgs_new) textarea').first
    assert "Stadtwerke Ulm" in orgs.input_value()
    shoot(page, artifacts, "goals-segment-saved-de")


def test_streamlits_own_texts_are_german(network_server: NetzServer, browse: Browse, artifacts: Path) -> None:
    """The file uploader's button and size line and the Enter hint under a text field, drawn by netz's style."""
    page, _ = browse("de")
    page.set_viewport_size(VIEWPORT)
    open_page(page, network_server, "import_export", "de")
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    assert after_content(page, button) == '"Dateien wählen"'
    assert after_content(page, '[data-testid="stFileUploaderDropzoneInstructions"] span') == (
        '"höchstens 256 MB je Datei"')
    assert page.locator(button).first.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    open_page(page, network_server, "contacts", "de")
    page.locator(".st-key-contacts_query input").fill("Mül")
    hint = page.locator('[data-testid="InputInstructions"] > span').first
    hint.wait_for(state="attached")  # its own English text is drawn at size 0: "hidden" to Playwright
    assert after_content(page, '[data-testid="InputInstructions"] > span') == '"Enter übernimmt"'
    shoot(page, artifacts, "goals-enter-hint-de")

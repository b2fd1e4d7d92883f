"""Two people on one landline in a real browser: the import keeps both, Contacts → Possible duplicates shows them
side by side, and Keep apart is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from netzcore.i18n import translate
from tests.browser.conftest import Browse
from tests.browser.server import (
    RUN_TIMEOUT_MS,
    NetzServer,
    exceptions,
    main_text,
    open_page,
    screenshot,
    wait_for_run,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HOUSEHOLD = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "identity" / "household_of_two_landline.vcf"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_import_two_people_on_one_landline_and_keep_them_apart(fresh_server: NetzServer, browse: Browse,
                                                               artifacts: Path, tmp_path: Path, lang: str) -> None:
    export = tmp_path / "telefon.vcf"         # the uploader shortens long file names
    export.write_bytes(HOUSEHOLD.read_bytes())
    page, watch = browse(lang)
    open_page(page, fresh_server, "import_export", lang)
    page.locator(".st-key-import_files input[type=file]").set_input_files(str(export))
    page.get_by_text(export.name).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.locator(".st-key-import_read button").click()
    page.get_by_text(translate(lang, "import.preview_heading"), exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.locator(".st-key-import_apply button").click()
    page.get_by_text(translate(lang, "import.done")).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert translate(lang, "import.duplicates_count", count=1) in main_text(page)

    open_page(page, fresh_server, "contacts", lang)
    page.locator(".st-key-contacts_view").get_by_text(translate(lang, "contacts.view_duplicates"), exact=True).click()
    wait_for_run(page)
    shown = main_text(page)
    assert "Jan Müller" in shown and "Jana Müller" in shown and "+49897654321" in shown
    screenshot(page, artifacts, f"duplicates-review-{lang}")
    page.get_by_role("button", name=translate(lang, "duplicates.keep_apart")).click()
    page.get_by_text(translate(lang, "duplicates.kept")).wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert translate(lang, "duplicates.empty") in main_text(page)
    assert exceptions(page) == [] and watch.page_errors == []

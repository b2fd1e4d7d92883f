from pathlib import Path

import pytest

from tests.conftest import PAGES, AppFactory


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(app: AppFactory, db_path: Path, page: str, lang: str) -> None:
    at = app(db_path, page=page, lang=lang)
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


def test_language_switch_changes_the_page(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, lang="de")
    assert at.title[0].value == "Heute"
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Today"

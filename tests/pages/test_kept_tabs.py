"""Tabs open again on the tab the user had open: after a look at another page, and after a switch of language (the
tabs' own state is dropped with the page, and their labels change with the language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netzcore.i18n import translate
from tests.conftest import AppFactory

# page, the tabs' state key, the catalog key of a tab past the first
TABS = [
    ("today", "today_side_tab", "today.birthdays"),
    ("goals", "goals_tab", "goals.tab_segments"),
    ("target_map", "map_cell_tab", "target_map.way_in"),
    ("import_export", "import_export_tab", "export.title"),
    ("settings", "settings_tab", "care.settings_title"),
]


@pytest.mark.parametrize(("page", "key", "label"), TABS, ids=[page for page, _, _ in TABS])
def test_the_open_tab_stays_open_across_another_page_and_a_language_switch(
        app: AppFactory, demo_db: Path, page: str, key: str, label: str) -> None:
    at = app(demo_db, page=page)
    at.session_state[key] = translate("en", label)   # the user opens the tab
    at.run()
    away = "contacts" if page != "contacts" else "today"
    at.switch_page(f"views/{away}.py").run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    assert at.session_state[key] == translate("en", label)
    assert [tab.label for tab in at.tabs if tab.label == translate("en", label)], "the tab is not drawn"
    at.session_state["lang"] = "de"
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[key] == translate("de", label)

"""Fixtures shared by all tests: every test gets its own real DuckDB file built through the migrations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = ("today", "goals", "target_map", "contacts", "events", "import_export", "settings")
# The tabs past the first of pages split into tabs (netzui.sections): (state key, catalog key of the label). A test
# of every page opens them too (`other_tabs`), since a closed tab is not drawn.
OTHER_TABS: dict[str, tuple[tuple[str, str], ...]] = {
    "today": (("today_side_tab", "today.birthdays"), ("today_side_tab", "today.news")),
    "import_export": (("import_export_tab", "activity.tab"), ("import_export_tab", "export.title")),
    "settings": (("settings_tab", "care.settings_title"), ("settings_tab", "activity.feed.tab")),
}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A migrated, closed database file."""
    path = tmp_path / "netz.duckdb"
    netzdb.connect(path).close()
    return path


@pytest.fixture
def con(db_path: Path) -> Iterator[netzdb.Connection]:
    """An open connection to a fresh database file."""
    connection = netzdb.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside the project ({CORPUS})")
    return CORPUS


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """AppTest of the whole app on a given database, language and page.

    The app caches one connection per file for the whole test process, like a real server does.
    """
    monkeypatch.chdir(ROOT)

    def make(db: Path, page: str = "today", lang: str = "en", timeout: float = 30) -> AppTest:
        monkeypatch.setenv("NETZ_DB", str(db))
        at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=timeout)
        at.session_state["lang"] = lang
        at.run()
        if page != "today":
            at.switch_page(f"views/{page}.py")
            at.run()
        return at

    return make


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """The user opens the tab `label` of the page's stateful tabs `key` (netzui.sections): the page runs again."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, at.exception
    return at


def other_tabs(at: AppTest, page: str) -> Iterator[str]:
    """Open each of the page's other tabs in turn (the page runs again for each); yields the tab's label."""
    from netzcore.i18n import translate

    for key, label_key in OTHER_TABS.get(page, ()):
        label = translate(str(at.session_state["lang"]), label_key)
        open_tab(at, key, label)
        yield label


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("NETZ_LANG", "en")


# --- the demo network (appended by the demo issue) -------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network in a closed file, built once per test process (each xdist worker has its own base temp).

    Never open it: use `demo_db`, which gives every test its own copy.
    """
    from netzcore.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    connection = netzdb.connect(path)
    load_demo(connection)
    connection.close()
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    """A database file of its own holding the demo network (300 contacts, seed 42, dates relative to today)."""
    import shutil

    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_master, path)
    return path


def select_rows(at: AppTest, key_prefix: str, rows: Sequence[int]) -> AppTest:
    """Tick `rows` in the page's table whose key starts with `key_prefix` (st.dataframe's row selection), run."""
    key = next(str(df.key) for df in at.dataframe if str(df.key or "").startswith(key_prefix))
    at.session_state[key] = {"selection": {"rows": list(rows), "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    return at

"""Fixtures shared by all tests: every test gets its own real DuckDB file built through the migrations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = ("today", "goals", "target_map", "contacts", "events", "import_export", "settings")


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
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at.session_state["lang"] = lang
        at.run()
        if page != "today":
            at.switch_page(f"pages/{page}.py")
            at.run()
        return at

    return make


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("NETZ_LANG", "en")

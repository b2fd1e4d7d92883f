"""The whole app on the demo network, the empty app's two ways in, and a database held by another process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from netzcore import db as netzdb
from tests.conftest import PAGES, AppFactory, other_tabs
from tests.holder import held_by_another_process


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_network(app: AppFactory, demo_db: Path, page: str, lang: str) -> None:
    at = app(demo_db, page=page, lang=lang)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, f"{page} shows no title"
    for tab in other_tabs(at, page):
        assert not at.error, (tab, [e.value for e in at.error])


@pytest.mark.parametrize(("lang", "demo", "own"), [("en", "Try the demo network", "Import contacts"),
                                                   ("de", "Demo-Netzwerk ansehen", "Kontakte importieren")])
def test_the_empty_app_makes_import_the_main_action(app: AppFactory, db_path: Path, lang: str, demo: str,
                                                    own: str) -> None:
    at = app(db_path, lang=lang)
    assert at.button(key="onboarding_import").label == own
    assert at.button(key="onboarding_import").proto.type == "primary"
    assert at.button(key="onboarding_load_demo").label == demo
    assert at.button(key="onboarding_load_demo").proto.type != "primary"
    at.button(key="onboarding_import").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == ("Import & export" if lang == "en" else "Import & Export")


def test_the_demo_goes_into_its_own_file_and_the_session_switches_to_it(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, lang="de", timeout=60)
    at.button(key="onboarding_load_demo").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "300 Kontakte" in at.toast[0].value
    assert not [b for b in at.button if b.key == "onboarding_load_demo"], "the ways in are gone once it is filled"
    demo = db_path.with_name("demo.duckdb")
    assert any(str(demo) in re.sub(r"\\(.)", r"\1", m.value).replace("\u2060", "")  # as read, escapes resolved
               for m in at.sidebar.markdown), "the sidebar does not say the demo file is open"
    con = netzdb.connect(db_path)  # the user's own database: untouched
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    con.close()
    at.button(key="database_back_home").click().run()
    assert not at.exception, at.exception
    assert any("leer" in info.value for info in at.info), "not back in the user's (empty) database"
    assert any(str(db_path) in c.value for c in at.sidebar.caption)
    at.button(key="onboarding_load_demo").click().run()  # the demo file is there already: just open it
    assert not [b for b in at.button if b.key == "onboarding_load_demo"]


def test_the_demo_leaves_a_database_with_goals_alone(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO goals (title) VALUES ('Eigenes Ziel')")
    con.close()
    at = app(db_path, lang="en", timeout=60)
    at.button(key="onboarding_load_demo").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    assert con.execute("SELECT title FROM goals").fetchall() == [("Eigenes Ziel",)]


@pytest.fixture
def held(db_path: Path) -> Iterator[Path]:
    """The database file, held open by another real process for as long as the test runs."""
    with held_by_another_process(db_path):
        yield db_path


@pytest.mark.parametrize(("lang", "words"), [("en", "is in use by another process"),
                                             ("de", "wird von einem anderen Prozess")])
def test_a_held_database_gives_a_clear_message(app: AppFactory, held: Path, lang: str, words: str) -> None:
    at = app(held, lang=lang)
    assert not at.exception, at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert str(held) in message and words in message
    assert not at.button, "nothing else is drawn while the file cannot be opened"

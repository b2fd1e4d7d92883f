"""The whole app on the demo network, the empty app's two ways in, and a database held by another process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netzcore import db as netzdb
from tests.conftest import PAGES, AppFactory
from tests.holder import held_by_another_process


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_network(app: AppFactory, demo_db: Path, page: str, lang: str) -> None:
    at = app(demo_db, page=page, lang=lang)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, f"{page} shows no title"


@pytest.mark.parametrize(("lang", "demo", "own"), [("en", "Load the demo network", "Import contacts"),
                                                   ("de", "Demo-Netzwerk laden", "Kontakte importieren")])
def test_the_empty_app_offers_two_ways_in(app: AppFactory, db_path: Path, lang: str, demo: str, own: str) -> None:
    at = app(db_path, lang=lang)
    assert at.button(key="onboarding_load_demo").label == demo
    assert [(link.value, link.proto.page) for link in at.page_link] == [(own, "import_export")]


def test_the_demo_button_fills_the_network(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, lang="de", timeout=60)
    at.button(key="onboarding_load_demo").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "300 Kontakte" in at.toast[0].value
    assert not [b for b in at.button if b.key == "onboarding_load_demo"], "the ways in are gone once it is filled"
    con = netzdb.connect(db_path)  # the same open database the app holds in this process
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (300,)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (3,)


def test_the_demo_button_refuses_a_database_with_goals(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO goals (title) VALUES ('Eigenes Ziel')")
    con.close()
    at = app(db_path, lang="en")
    at.button(key="onboarding_load_demo").click().run()
    assert not at.exception, at.exception
    assert "only goes into an empty database" in at.error[0].value
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


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

"""The message after a write survives the rerun, once, with the user's own words kept as text."""

from __future__ import annotations

from pathlib import Path

from netzui import md_escape
from tests.conftest import AppFactory


def test_a_created_event_is_announced_once_with_its_name_as_text(app: AppFactory, db_path: Path) -> None:
    name = "**Bauma** [x](y)"
    at = app(db_path, page="events")
    at.text_input(key="ev_new_name").input(name)
    at.button(key="ev_create").click().run()
    assert not at.exception, at.exception
    assert len(at.success) == 1
    assert at.success[0].value.startswith(f"Event “{md_escape(name)}” created. Next: ")
    at.run()
    assert not at.success, "the notice is shown once"

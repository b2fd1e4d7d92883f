"""Missing values read as empty cells, never as the word "None", on the demo network."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import AppFactory


@pytest.mark.parametrize("page", ["contacts", "target_map", "events", "goals"])
def test_every_table_shows_a_missing_value_as_an_empty_cell(app: AppFactory, demo_db: Path, page: str) -> None:
    at = app(demo_db, page=page)
    if page == "goals":  # the segment table is in the second (lazy) tab
        at.session_state["goals_tab"] = "Target segments"
        at.run()
    assert not at.exception, at.exception
    assert at.dataframe
    for frame in at.dataframe:
        assert frame.proto.HasField("placeholder") and frame.proto.placeholder == ""


def test_contacts_without_a_cadence_have_an_empty_next_due(app: AppFactory, demo_db: Path) -> None:
    at = app(demo_db, page="contacts")
    listed = at.dataframe[0].value
    assert listed["Next due"].isna().any(), "the demo has contacts without a cadence on the first page"
    assert not listed.astype(str).isin(["None", "nan", "NaT"]).any().any()

import json
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore import goals as g
from netzcore.profile import Profile, save_profile
from tests.conftest import AppFactory
from tests.core.test_goals import add_contact, relate


def prepare(db_path: Path) -> dict[str, str]:
    """Utilities want executives and heads; the head level is a gap (only a D contact there)."""
    con = netzdb.connect(db_path)
    utilities = g.save_segment(con, g.Segment(
        name="Hydrogen utilities", organization_names=("Uniper SE",), topics=("hydrogen",),
        levels=("executive", "head"), channels=("linkedin", "private")))
    research = g.save_segment(con, g.Segment(name="Research", kind="institution", priority=3,
                                             organization_names=("Fraunhofer ISE",), levels=("specialist",)))
    g.save_goal(con, g.Goal(title="Pilots", expected_value="two pilot customers for our electrolysers",
                            segment_ids=(utilities,)))
    add_contact(con, "Erika Exec", "Uniper", "executive", "A")
    weak_head = add_contact(con, "Carl Cord", "Uniper", "head", "D")
    friend = add_contact(con, "Fritz Freund", "Golfclub Isartal", None, "B")
    relate(con, friend, weak_head)
    add_contact(con, "Rita Research", "Fraunhofer ISE", "specialist", "A")
    save_profile(con, Profile(full_name="Petra Plan", activity="project engineer for hydrogen plants",
                              elevator_pitch="I bring electrolyser projects from the idea into operation."))
    con.close()
    return {"utilities": utilities, "research": research}


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if column in df.value.columns)


def heatmap(at: AppTest) -> tuple[dict[str, Any], pd.DataFrame]:
    """What the target map's heatmap draws, and its cells (one row each, with its segment and level)."""
    drawn = json.loads(next(e for e in at.get("bidi_component") if e.key == "map_chart").proto.json)
    cells = [{**cell, "segment": row["segment"], "level": level}
             for row in drawn["rows"] for level, cell in zip(drawn["levels"], row["cells"], strict=True) if cell]
    return drawn, pd.DataFrame(cells)


def test_heatmap_gaps_first_readable_cells_and_the_way_into_a_gap(app: AppFactory, db_path: Path) -> None:
    ids = prepare(db_path)
    at = app(db_path, page="target_map")
    assert not at.exception, at.exception
    assert "1 gap among 3 wanted cells" in [x.value for x in at.text]

    drawn, cells = heatmap(at)
    rows = {(r["segment"], r["level"]): r for _, r in cells.iterrows()}
    # cells read "A 1", not "A1 B0 C0 D0"; the tooltip keeps every tier; an empty cell says nothing
    assert rows[("Hydrogen utilities", "Executive")]["text"] == "A 1"
    assert rows[("Hydrogen utilities", "Head")]["text"] == "D 1"
    assert rows[("Hydrogen utilities", "Head")]["description"] == (
        "Segment: Hydrogen utilities\nLevel: Head\nContacts: 1\nContacts by tier: A 0 · B 0 · C 0 · D 1\ngap")
    assert rows[("Research", "Head")]["text"] == ""
    # no "Level unknown" column while nobody is there (Fritz, level unknown, is in no segment)
    assert drawn["levels"] == ["Executive", "Head", "Specialist"]
    # the gap framed red, the other wanted cell blue, the rest unframed
    assert [(bool(rows[cell]["framed"]), bool(rows[cell]["gap"])) for cell in (
        ("Hydrogen utilities", "Head"), ("Hydrogen utilities", "Executive"), ("Research", "Executive"))] == [
        (True, True), (True, False), (False, False)]
    # the colour starts at no A/B contact and reaches at least 3: a map without any is pale, not a mid green; the
    # legend names every whole count; labels white on the darker half of that scale, black on the lighter
    assert drawn["legend"]["title"] == "A/B contacts"
    assert [s["label"] for s in drawn["legend"]["steps"]] == ["0", "1", "2", "3"]
    assert [s["ink"] for s in drawn["legend"]["steps"]] == ["black", "black", "white", "white"]
    assert rows[("Research", "Head")]["fill"] == drawn["legend"]["steps"][0]["fill"]
    # the chosen cell is outlined: the first offered is the gap
    assert at.selectbox(key="map_cell").value == f"{ids['utilities']}|head"
    assert list(cells[cells["chosen"]]["id"]) == [f"{ids['utilities']}|head"]

    # under the map the chosen cell: its contacts in one table (no second copy of the map as a table); the way in
    # waits in the other tab, not drawn
    assert "Hydrogen utilities · Head" in [h.value for h in at.subheader]
    assert len([df for df in at.dataframe if "Matched by" in df.value.columns]) == 1
    assert not [df for df in at.dataframe if "Gap" in df.value.columns]
    assert list(frame_with(at, "Matched by")["Name"]) == ["Carl Cord"]
    assert not at.code, "the way in is drawn while its tab is closed"

    at.session_state["map_cell_tab"] = "The way in"
    at.run()
    bridges = frame_with(at, "Why")
    assert list(bridges["Name"]) == ["Erika Exec", "Fritz Freund"]
    assert list(bridges["Why"]) == ["works there (Executive)", "knows Carl Cord"]
    drafts = [c.value for c in at.code]
    assert len(drafts) == 2
    # who I am and why I write, never my goal's own words to a stranger (issue 12)
    assert "two pilot customers" not in drafts[0] and "I am Petra Plan" in drafts[0]
    assert "I would like to get to know people at Uniper SE." in drafts[0]
    assert drafts[1].startswith("Dear Erika Exec,") and "someone at Uniper SE (Head)" in drafts[1]
    assert "I bring electrolyser projects from the idea into operation." in [x.value for x in at.text]

    # another cell: the way in stays open, for that cell
    at.selectbox(key="map_cell").select(f"{ids['research']}|specialist").run()
    assert not at.exception, at.exception
    assert at.session_state["map_cell_tab"] == "The way in" and at.code
    assert not [df for df in at.dataframe if "Matched by" in df.value.columns]
    at.session_state["map_cell_tab"] = "Contacts in this cell"
    at.run()
    assert list(frame_with(at, "Matched by")["Name"]) == ["Rita Research"]
    _, cells = heatmap(at)
    assert list(cells[cells["chosen"]]["id"]) == [f"{ids['research']}|specialist"]


def test_the_chosen_cell_stays_chosen_across_a_visit_to_the_contacts(app: AppFactory, db_path: Path) -> None:
    ids = prepare(db_path)
    at = app(db_path, page="target_map")
    research = f"{ids['research']}|specialist"
    at.selectbox(key="map_cell").select(research).run()
    at.switch_page("views/contacts.py").run()
    assert not at.exception, at.exception
    at.switch_page("views/target_map.py").run()
    assert at.selectbox(key="map_cell").value == research
    assert list(frame_with(at, "Matched by")["Name"]) == ["Rita Research"]
    _, cells = heatmap(at)
    assert list(cells[cells["chosen"]]["id"]) == [research]


def test_a_contact_of_unknown_level_opens_that_column_and_long_names_stay_whole(
        app: AppFactory, db_path: Path) -> None:
    prepare(db_path)
    con = netzdb.connect(db_path)
    g.save_segment(con, g.Segment(name="Automobilzulieferer mit Brennstoffzelle und Wasserstoffantrieb",
                                  organization_names=("Uniper SE",)))
    add_contact(con, "Nora Nolevel", "Uniper", None, "C")
    con.close()
    at = app(db_path, page="target_map", lang="de")
    assert not at.exception, at.exception
    drawn, cells = heatmap(at)
    assert drawn["levels"][-1] == "Ebene unbekannt"
    assert "Automobilzulieferer mit Brennstoffzelle und Wasserstoffantrieb" in set(cells["segment"])
    unknown = cells[(cells["segment"] == "Hydrogen utilities") & (cells["level"] == "Ebene unbekannt")]
    assert list(unknown["text"]) == ["C 1"]
    assert list(unknown["description"]) == [
        "Segment: Hydrogen utilities\nEbene: Ebene unbekannt\nKontakte: 1\nKontakte je Stufe: A 0 · B 0 · C 1 · D 0"]


def test_segments_without_members_say_so_above_the_map(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    g.save_segment(con, g.Segment(name="Stadtwerke", organization_names=("Stadtwerke Ulm",)))
    add_contact(con, "Bernd Berater", "Brandt & Partner", "head", "A", topics=("Förderprogramme",))
    con.close()
    at = app(db_path, page="target_map", lang="de")
    assert not at.exception, at.exception
    assert [i.value for i in at.info][0].startswith("Noch ist keiner Ihrer Kontakte in einem Zielsegment.")
    assert "Noch keine Kontakte in dieser Zelle." in [c.value for c in at.caption]


def test_empty_target_map_points_to_the_goals_page_in_german(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="target_map", lang="de")
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == ["Die Zielkarte braucht Zielsegmente. Legen Sie sie auf der Seite Ziele an."]


def test_the_maps_colour_scale_writes_large_counts_in_the_pages_language() -> None:
    """With 1,500 A and B contacts in one cell the scale's steps read '1.500' on a German page, not '1500'."""
    from netzcore.i18n import format_number
    from netzui.target_heatmap import legend_steps

    assert [s["label"] for s in legend_steps(1500, lambda n: format_number(n, "de"))] == [
        "0", "375", "750", "1.125", "1.500"]
    assert [s["label"] for s in legend_steps(1500, lambda n: format_number(n, "en"))][-1] == "1,500"

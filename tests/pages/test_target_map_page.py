import json
from pathlib import Path

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


def test_heatmap_data_gaps_first_and_the_way_into_a_gap(app: AppFactory, db_path: Path) -> None:
    ids = prepare(db_path)
    at = app(db_path, page="target_map")
    assert not at.exception, at.exception
    assert "1 gap among 3 wanted cells" in [x.value for x in at.text]

    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][0]["encoding"]["stroke"]["field"] == "frame"
    table = frame_with(at, "Gap")
    first = table.iloc[0]
    assert (first["Segment"], first["Level"], first["D"], first["Gap"]) == ("Hydrogen utilities", "Head", 1, True)
    rows = {(r["Segment"], r["Level"]): r for _, r in table.iterrows()}
    assert rows[("Hydrogen utilities", "Executive")]["A"] == 1 and not rows[("Hydrogen utilities", "Executive")]["Gap"]
    assert rows[("Research", "Specialist")]["A"] == 1 and not rows[("Research", "Specialist")]["Gap"]
    assert ("Research", "Head") not in rows     # neither wanted nor anybody there

    # the first cell offered is the gap; it lists its contact and the bridges into it
    assert at.selectbox(key="map_cell").value == f"{ids['utilities']}|head"
    assert list(frame_with(at, "Matched by")["Name"]) == ["Carl Cord"]
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

    at.selectbox(key="map_cell").select(f"{ids['research']}|specialist").run()
    assert not at.exception, at.exception
    assert list(frame_with(at, "Matched by")["Name"]) == ["Rita Research"]


def test_empty_target_map_points_to_the_goals_page_in_german(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="target_map", lang="de")
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == ["Die Zielkarte braucht Zielsegmente. Legen Sie sie auf der Seite Ziele an."]

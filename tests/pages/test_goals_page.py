from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore import goals as g
from netzcore.i18n import translate
from tests.conftest import AppFactory
from tests.core.test_goals import add_contact

T = TypeVar("T")


def prepare(db_path: Path) -> dict[str, str]:
    con = netzdb.connect(db_path)
    ids = {
        "anna": add_contact(con, "Anna Alt", "Stadtwerke München GmbH", "head", "B"),
        "bernd": add_contact(con, "Bernd Berg", "Uniper SE", "head", "C"),
        "clara": add_contact(con, "Clara Chen", "Fraunhofer ISE", "head", "A", topics=("Hydrogen",)),
        "dora": add_contact(con, "Dora Dietz", "Dietz Consulting", "head", "A"),
    }
    con.close()
    return ids


def read(db_path: Path, query: Callable[[netzdb.Connection], T]) -> T:
    """Look into the database the app has open (same process: same database)."""
    con = netzdb.connect(db_path)
    try:
        return query(con)
    finally:
        con.close()


def progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def open_tab(at: AppTest, tab: str) -> None:
    """Click a tab of the Goals page (stateful tabs: the label in the session state is the open tab)."""
    at.session_state["goals_tab"] = translate(at.session_state["lang"], f"goals.tab_{tab}")
    at.run()
    assert not at.exception, at.exception


def open_tab_label(at: AppTest) -> str:
    return str(at.session_state["goals_tab"])


def create_segment(at: AppTest, name: str, kind: str, orgs: str = "", topics: str = "") -> None:
    at.selectbox(key="segment_choice").select("new").run()     # after a save, the saved segment is chosen
    at.text_input(key="segment_name_new").input(name)
    at.selectbox(key="segment_kind_new").select(kind)
    at.text_area(key="segment_orgs_new").input(orgs)
    at.text_input(key="segment_topics_new").input(topics)
    at.multiselect(key="segment_channels_new").select("linkedin").select("event")
    at.button(key="segment_save_new").click().run()
    assert not at.exception, at.exception


def test_goal_with_two_segments_shows_progress_that_changes_with_assignments(app: AppFactory,
                                                                            db_path: Path) -> None:
    ids = prepare(db_path)
    at = app(db_path, page="goals")
    assert not at.exception, at.exception
    assert "No goals yet" in " ".join(i.value for i in at.info)

    open_tab(at, "segments")
    create_segment(at, "Utilities", "company", orgs="Stadtwerke München\nUniper AG", topics="Hydrogen")
    assert open_tab_label(at) == "Target segments"          # saving stays in the segments tab
    assert "Segment saved." in [s.value for s in at.success]
    # ... with the saved segment in its form: the browser keeps what was typed into a form drawn again, so "New"
    # over the saved values made a second Save a second "Utilities"
    utilities = read(db_path, g.list_segments)[0]
    assert at.selectbox(key="segment_choice").value == utilities.id
    assert at.text_input(key=f"segment_name_{utilities.id}").value == "Utilities"
    at.button(key=f"segment_save_{utilities.id}").click().run()
    assert [s.name for s in read(db_path, g.list_segments)] == ["Utilities"]
    create_segment(at, "Hydrogen research", "topic", topics="hydrogen, fuel cells")
    assert open_tab_label(at) == "Target segments"
    segments = {s.name: s for s in read(db_path, g.list_segments)}
    assert segments["Utilities"].organization_keys == ("stadtwerke munchen", "uniper")
    assert segments["Hydrogen research"].topics == ("hydrogen", "fuel cells")
    table = at.dataframe[0].value
    # Clara (Fraunhofer, topic Hydrogen) is in the topic segment only: a company segment takes who works there
    assert dict(zip(table["Name"], table["Contacts"], strict=True)) == {"Utilities": 2, "Hydrogen research": 1}

    open_tab(at, "goals")
    at.text_input(key="goal_title_new").input("Hydrogen pilot customers")
    at.text_input(key="goal_criterion_new").input("3 A/B contacts at head level by June")
    at.number_input(key="goal_count_new").set_value(3)
    at.multiselect(key="goal_levels_new").select("head")
    at.multiselect(key="goal_segments_new").select(segments["Utilities"].id)
    at.button(key="goal_save_new").click().run()
    assert not at.exception, at.exception
    assert "Goal saved." in [s.value for s in at.success]
    assert at.session_state["goal_choice"] == read(db_path, g.list_goals)[0].id   # the saved goal, not "New"
    assert any(m.value == "**Hydrogen pilot customers**" for m in at.markdown)
    assert "Contacts reached: 1 of 3" in progress_texts(at)   # Anna (B, Stadtwerke); Bernd is C: not counted
    assert "Contacts in its segments: 2" in [c.value for c in at.caption]
    # a goal started today has no month to compare with: a sentence, not a chart with one point
    for goal in read(db_path, g.list_goals):
        at.session_state[f"goal_chart_open_{goal.id}"] = True
    at.run()
    assert at.get("vega_lite_chart") == []
    assert translate("en", "goals.chart_too_early") in [c.value for c in at.caption]

    open_tab(at, "assign")
    at.selectbox(key="assign_segment").select(segments["Utilities"].id).run()
    at.text_input(key="assign_search").input("dietz").run()
    at.multiselect(key="assign_contacts").select(ids["dora"]).run()
    at.button(key="assign_include").click().run()
    assert not at.exception, at.exception
    assert open_tab_label(at) == "Assign contacts"
    assert "1 contact added to the segment." in [s.value for s in at.success]
    at.multiselect(key="assign_contacts").unselect(ids["dora"]).run()
    at.text_input(key="assign_search").input("Anna").run()
    at.multiselect(key="assign_contacts").select(ids["anna"]).run()
    at.button(key="assign_exclude").click().run()
    assert [o for o in at.multiselect(key="assign_back").options] == ["Dora Dietz (added)", "Anna Alt (kept out)"]

    open_tab(at, "goals")
    assert "Contacts reached: 1 of 3" in progress_texts(at)   # Dora (A) in, Anna (B) out


def test_goal_form_refuses_an_empty_title_in_german(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="goals", lang="de")
    at.button(key="goal_save_new").click().run()
    assert [e.value for e in at.error] == ["Bitte geben Sie dem Ziel einen Titel."]
    assert read(db_path, g.list_goals) == []


def test_goal_is_edited_and_deleted(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    goal_id = g.save_goal(con, g.Goal(title="New employer", purpose="employer"))
    con.close()
    at = app(db_path, page="goals")
    assert "goal_choice" not in [w.key for w in at.selectbox], "the goal form is drawn while its panel is closed"
    at.session_state["goals_edit_open"] = True  # the user opens "Edit goals"
    at.run()
    at.selectbox(key="goal_choice").select(goal_id).run()
    assert at.text_input(key=f"goal_title_{goal_id}").value == "New employer"
    at.selectbox(key=f"goal_status_{goal_id}").select("paused")
    at.button(key=f"goal_save_{goal_id}").click().run()
    assert not at.exception, at.exception
    assert [goal.status for goal in read(db_path, g.list_goals)] == ["paused"]
    assert any("paused" in c.value for c in at.caption)
    at.button(key=f"goal_delete_{goal_id}").click().run()
    assert read(db_path, g.list_goals) == []
    assert "No goals yet" in " ".join(i.value for i in at.info)

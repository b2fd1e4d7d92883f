"""How the charts of Today, Goals and the target map read: a sentence instead of empty axes after a fresh phone
import, whole numbers on count axes, "40 %" in German and "40%" in English, months on a month time axis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore import goals as g
from netzcore.i18n import translate
from netzcore.importers.files import import_paths
from tests.conftest import FIXTURES, AppFactory

PHONE_EXPORTS = sorted(str(p) for p in (FIXTURES / "import").glob("*.vcf"))


@pytest.fixture
def phone_db(db_path: Path) -> Path:
    """What a new user has after importing a phone export: contacts, all tier D, no interaction yet."""
    con = netzdb.connect(db_path)
    report = import_paths(con, PHONE_EXPORTS)
    con.close()
    assert report.created >= 10
    return db_path


def specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def open_health(at: AppTest) -> AppTest:
    """Today with its network health section opened (its charts are drawn only while it is open)."""
    at.session_state["today_health"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def encodings(spec: dict[str, Any]) -> list[dict[str, Any]]:
    layers = spec.get("layer", [spec])
    return [layer.get("encoding", {}) for layer in layers]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_health_charts_after_a_phone_import_say_what_is_missing(app: AppFactory, phone_db: Path,
                                                               lang: str) -> None:
    at = open_health(app(phone_db, lang=lang))
    captions = [c.value for c in at.caption]
    for key in ("chart_overdue_empty", "chart_in_person_empty", "chart_months_empty"):
        assert translate(lang, f"today.{key}") in captions
    # only the tier chart has something to draw (everyone is D): one chart, with whole numbers on its axis
    [spec] = specs(at)
    axis = encodings(spec)[0]["y"]["axis"]
    assert (axis["format"], axis["tickMinStep"]) == (",d", 1)


@pytest.mark.parametrize(("lang", "percent", "decimal"), [("de", "\u202f%", ","), ("en", "%", ".")])
def test_health_charts_on_the_demo_network_format_shares_and_months(app: AppFactory, demo_db: Path, lang: str,
                                                                    percent: str, decimal: str) -> None:
    at = open_health(app(demo_db, lang=lang))
    charts = {spec["encoding"]["y"]["axis"]["title"]: spec for spec in specs(at)}
    assert set(charts) == {translate(lang, f"today.axis_{k}") for k in
                           ("contacts", "share_overdue", "share_in_person", "interactions")}
    for spec in charts.values():
        assert spec["config"]["locale"]["number"]["percent"] == percent
        assert spec["config"]["locale"]["number"]["decimal"] == decimal
    overdue = charts[translate(lang, "today.axis_share_overdue")]["encoding"]["y"]["axis"]
    assert overdue["format"] == ".0%"
    months = charts[translate(lang, "today.axis_interactions")]["encoding"]["x"]
    assert (months["timeUnit"], months["type"]) == ("yearmonth", "temporal")
    assert len(months["axis"]["values"]) == 12     # one label per month, never two for the same month
    if lang == "de":
        assert "Mär" in charts[translate(lang, "today.axis_interactions")]["config"]["locale"]["time"]["shortMonths"]


def test_goal_charts_show_each_month_once_from_the_goals_start(app: AppFactory, demo_db: Path) -> None:
    """Issue 13: the progress chart repeated "05/2026 05/2026 ..." and started before the goal: now one label
    per month from the start month, bars of the meetings in each month and the contacts reached at its end."""

    con = netzdb.connect(demo_db)
    goals = {goal.id: goal for goal in g.list_goals(con)}
    history = g.progress_history(con)
    con.close()
    at = app(demo_db, page="goals", lang="de")
    assert not at.exception, at.exception
    assert at.get("vega_lite_chart") == []          # every chart waits until its expander is opened
    for goal_id in goals:
        at.session_state[f"goal_chart_open_{goal_id}"] = True
    at.run()
    charts = at.get("vega_lite_chart")
    drawn = [goal_id for goal_id, points in history.items() if len(points) > 1]
    assert len(charts) == len(drawn) >= 3
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        x = encodings(spec)[0]["x"]
        assert (x["timeUnit"], x["type"], x["axis"]["format"]) == ("yearmonth", "temporal", "%b %Y")
        ticks = [(v["year"], v["month"]) for v in x["axis"]["values"]]
        assert len(ticks) == len(set(ticks))
        [data] = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets
                  if "measure" in convert_arrow_bytes_to_pandas_df(d.data.data).columns]
        goal_id = next(gid for gid in drawn if len(history[gid]) == len(ticks)
                       and [(p.month.year, p.month.month) for p in history[gid]] == ticks)
        start = goals[goal_id].starts_on
        assert start and (ticks[0][0], ticks[0][1]) == (start.year, start.month)
        meetings = data[data["measure"] == translate("de", "goals.chart_meetings_in_month")]
        assert list(meetings["value"]) == [p.met_in_month for p in history[goal_id]]

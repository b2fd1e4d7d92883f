import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from tests.care_seed import TODAY, Network, seed_network
from tests.conftest import AppFactory


def _seeded(db_path: Path) -> Network:
    con = netzdb.connect(db_path)
    network = seed_network(con)
    con.close()
    return network


def _due_markdown(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "Anna Müller" in m.value)


def test_empty_database_shows_the_ways_in(app: AppFactory, db_path: Path) -> None:
    at = app(db_path)
    assert not at.exception
    assert any("empty" in info.value for info in at.info)
    assert not at.subheader


def test_due_contacts_ranked_by_tier_then_how_overdue_in_two_colours(app: AppFactory, db_path: Path) -> None:
    _seeded(db_path)
    at = app(db_path)
    assert not at.exception, at.exception
    lines = _due_markdown(at).splitlines()
    entries = [line for line in lines if line.startswith("- ")]
    names = [next(n for n in ("Anna", "Bert", "Clara", "Frieda") if n in line) for line in entries]
    assert names == ["Anna", "Bert", "Clara", "Frieda"]
    assert entries[0].startswith("- :red-badge[overdue]") and "overdue by 40 days" in entries[0]
    assert entries[1].startswith("- :orange-badge[due]")
    assert "Ask about the hydrogen pilot in Emden" in _due_markdown(at)
    assert "Dora" not in _due_markdown(at) and "Emil" not in _due_markdown(at)


def test_quick_entry_logs_an_interaction_and_restarts_the_clock(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path)
    at.text_input(key="today_log_query").input("Clara").run()
    assert at.selectbox(key="today_log_id").value == network.clara
    at.selectbox(key="today_log_form_channel").set_value("lunch")
    at.text_area(key="today_log_form_hooks").input("Her new job in Bonn")
    at.text_input(key="today_log_form_gave").input("Contact to the city council")
    at.button(key="today_log_form_submit").click().run()
    assert not at.exception, at.exception

    con = netzdb.connect(db_path)
    row = con.execute("SELECT occurred_on, channel, in_person, hooks, gave FROM interactions "
                      "WHERE contact_id = ? ORDER BY created_at DESC LIMIT 1", [network.clara]).fetchone()
    assert row == (TODAY, "lunch", True, "Her new job in Bonn", "Contact to the city council")
    assert "Clara" not in _due_markdown(at)


def test_birthday_greeting_in_lead_time_is_logged_with_one_click(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE tier_cadence SET birthday_lead_days = 7 WHERE tier = 'D'")
    con.execute("UPDATE profile SET full_name = 'Paula Profil'")
    con.close()
    at = app(db_path, lang="de")
    draft = next(code.value for code in at.code if "Emil" in code.value)
    assert "herzlichen Glückwunsch" in draft and "Paula Profil" in draft
    at.button(key=f"greeted_{network.emil}").click().run()
    assert not at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT channel FROM interactions WHERE contact_id = ?", [network.emil]).fetchall() == [
        ("birthday_greeting",)]
    assert any("Gratuliert ✓" in caption.value for caption in at.caption)


def test_follow_up_done_leaves_the_list(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    follow_up = con.execute(
        "INSERT INTO interactions (contact_id, occurred_on, channel, hooks, follow_up_on) "
        "VALUES (?, ?, 'call', 'Send the offer', ?) RETURNING id",
        [network.dora, TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=1)],
    ).fetchone()
    con.close()
    assert follow_up is not None
    at = app(db_path)
    assert any("Send the offer" in m.value for m in at.markdown)
    at.button(key=f"followup_done_{follow_up[0]}").click().run()
    assert not any("Send the offer" in m.value for m in at.markdown)


def test_today_in_german_with_charts(app: AppFactory, db_path: Path) -> None:
    _seeded(db_path)
    at = app(db_path, lang="de")
    assert not at.exception, at.exception
    assert "seit 40 Tagen überfällig" in _due_markdown(at)
    assert [s.value for s in at.subheader][-1] == "Zustand des Netzwerks"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4


def test_cadence_settings_change_who_is_due(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path, page="settings")
    at.number_input(key="cadence_A").set_value(120)
    at.number_input(key="birthday_lead_D").set_value(5)
    at.button(key="cadence_save").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT cadence_days, birthday_lead_days FROM tier_cadence WHERE tier IN ('A', 'D') "
                       "ORDER BY tier").fetchall() == [(120, 7), (None, 5)]
    at.switch_page("views/today.py").run()
    assert "Anna Müller" not in "".join(m.value for m in at.markdown if "Clara" in m.value)
    assert any(f"greeted_{network.emil}" == b.key for b in at.button)


def test_open_a_due_contact_from_today(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path)
    at.text_input(key="today_log_query").input("Bert").run()
    at.button(key="today_open").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Contacts"
    assert at.subheader[-1].value == "Bert Becker"
    assert at.query_params["contact"] == network.bert

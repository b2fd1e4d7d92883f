import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from tests.care_seed import TODAY, Network, met, seed_network
from tests.conftest import AppFactory


def _seeded(db_path: Path) -> Network:
    con = netzdb.connect(db_path)
    network = seed_network(con)
    con.close()
    return network


def _due_markdown(at: AppTest) -> str:
    """The due list as shown: one markdown line per person, top to bottom."""
    return "\n".join(m.value for m in at.markdown if "-badge[" in m.value and " · " in m.value)


def test_empty_database_shows_the_ways_in(app: AppFactory, db_path: Path) -> None:
    at = app(db_path)
    assert not at.exception
    assert any("empty" in info.value for info in at.info)
    assert not at.subheader


def test_due_contacts_ranked_by_tier_then_how_overdue_in_two_colours(app: AppFactory, db_path: Path) -> None:
    _seeded(db_path)
    at = app(db_path)
    assert not at.exception, at.exception
    entries = _due_markdown(at).splitlines()
    entries = [line for line in entries if line.startswith(":")]
    names = [next(n for n in ("Anna", "Bert", "Clara", "Frieda") if n in line) for line in entries]
    assert names == ["Anna", "Bert", "Clara", "Frieda"]
    assert entries[0].startswith(":red-badge[overdue]") and "overdue by 40 days" in entries[0]
    assert entries[1].startswith(":orange-badge[due]")
    assert "Ask about the hydrogen pilot in Emden" in _due_markdown(at)
    assert "Dora" not in _due_markdown(at) and "Emil" not in _due_markdown(at)
    assert any("1–4 of 4 people overdue or due this week" in c.value for c in at.caption)


def test_quick_entry_logs_an_interaction_and_restarts_the_clock(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path)
    at.session_state["today_other"] = True  # open "Log an interaction with someone else"
    at.run()
    at.text_input(key="today_log_query").input("Clara").run()
    assert at.selectbox(key="today_log_id").value == network.clara
    assert at.selectbox(key="today_log_form_channel").value == "email", "not the channel last used with Clara"
    assert at.checkbox(key="today_log_form_in_person").value is False
    at.selectbox(key="today_log_form_channel").set_value("lunch").run()
    assert at.checkbox(key="today_log_form_in_person").value is True, "lunch is in person"
    at.text_area(key="today_log_form_hooks").input("Her new job in Bonn")
    at.text_input(key="today_log_form_gave").input("Contact to the city council")
    at.button(key="today_log_form_submit").click().run()
    assert not at.exception, at.exception

    con = netzdb.connect(db_path)
    row = con.execute("SELECT occurred_on, channel, in_person, hooks, gave FROM interactions "
                      "WHERE contact_id = ? ORDER BY created_at DESC LIMIT 1", [network.clara]).fetchone()
    assert row == (TODAY, "lunch", True, "Her new job in Bonn", "Contact to the city council")
    assert "Clara" not in _due_markdown(at)
    assert at.text_area(key="today_log_form_hooks").value == "", "the form keeps what was logged"


def test_each_due_person_logs_inline_with_their_own_channel(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE contacts SET preferred_channel = 'lunch' WHERE id = ?", [network.bert])
    con.close()
    at = app(db_path)
    at.button(key=f"due_log_{network.bert}").click().run()
    assert at.selectbox(key="due_form_channel").value == "lunch", "not the preferred channel"
    assert at.checkbox(key="due_form_in_person").value is True, "lunch without in person"
    at.selectbox(key="due_form_channel").set_value("call").run()
    assert at.checkbox(key="due_form_in_person").value is False
    at.text_area(key="due_form_hooks").input("Ask about the tender")
    at.button(key="due_form_submit").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT channel, in_person, hooks FROM interactions WHERE contact_id = ? "
                       "ORDER BY created_at DESC LIMIT 1", [network.bert]).fetchone() == (
        "call", False, "Ask about the tender")
    assert "Bert" not in _due_markdown(at)
    assert not [b for b in at.button if b.key == "due_form_submit"], "the inline form stays open"
    assert any("Interaction logged" in s.value for s in at.success)


def test_done_logs_that_i_was_in_touch(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path)
    at.button(key=f"due_done_{network.clara}").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT occurred_on, channel, in_person, hooks FROM interactions WHERE contact_id = ? "
                       "ORDER BY created_at DESC LIMIT 1", [network.clara]).fetchone() == (TODAY, "other", False, None)
    assert "Clara" not in _due_markdown(at)
    assert any("Clara Schmidt: marked as in touch today" in s.value for s in at.success)


def test_snooze_hides_a_person_until_the_day_chosen(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path, lang="de")
    at.menu_button(key=f"due_snooze_{network.anna}").click(14).run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT snoozed_until FROM contacts WHERE id = ?", [network.anna]).fetchone() == (
        TODAY + dt.timedelta(days=14),)
    assert "Anna" not in _due_markdown(at)
    assert any("zurückgestellt bis" in s.value for s in at.success)
    at.switch_page("views/contacts.py")
    at.query_params["contact"] = network.anna
    at.run()
    assert any("Zurückgestellt bis" in i.value for i in at.info)
    at.button(key="contact_unsnooze").click().run()
    at.switch_page("views/today.py").run()
    assert "Anna" in _due_markdown(at)


def test_every_due_person_is_reachable_page_by_page(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    for number in range(23):
        contact_id = create_contact(con, f"Person {number:02d}", tier="B")
        met(con, contact_id, 100 + number, "call")
    con.close()
    at = app(db_path)
    # the first three of a page at once, the other seven behind a section the user opens once (it stays open)
    assert len([line for line in _due_markdown(at).splitlines() if line.startswith(":")]) == 3
    assert [e.label for e in at.expander if e.label.startswith("7 more")] == ["7 more people on this page"]
    at.session_state["today_due_more"] = True
    at.run()
    seen: list[str] = []
    for page in range(3):
        seen += [line.split("**")[1] for line in _due_markdown(at).splitlines() if line.startswith(":")]
        if page < 2:
            at.button(key="due_next").click().run()
    assert sorted(seen) == [f"Person {n:02d}" for n in range(23)]
    assert any("21–23 of 23 people" in c.value for c in at.caption)
    assert at.button(key="due_next").disabled
    at.button(key="due_previous").click().run()
    assert any("11–20 of 23 people" in c.value for c in at.caption)


def test_after_an_import_today_says_what_comes_next(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO contacts (full_name, sources) SELECT 'Imported ' || i, ['vcard'] FROM range(12) t(i)")
    con.close()
    at = app(db_path)
    assert not at.exception, at.exception
    assert not any("Well kept" in s.value for s in at.success), "all is well while 12 contacts wait to be sorted"
    assert any("12 new contacts are not sorted yet" in i.value for i in at.info)
    link = next(link for link in at.page_link if link.proto.page == "contacts")
    assert "view=triage" in link.proto.query_string
    assert any("sort the new contacts first" in c.value for c in at.caption)


def test_nobody_due_because_nobody_has_a_care_rhythm(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    create_contact(con, "Only D", tier="D")
    con.close()
    at = app(db_path)
    assert not any("Well kept" in s.value for s in at.success)
    assert any("nobody has a care rhythm" in i.value for i in at.info)


def test_birthday_greeting_in_lead_time_is_logged_with_one_click(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE tier_cadence SET birthday_lead_days = 7 WHERE tier = 'D'")
    con.execute("UPDATE profile SET full_name = 'Paula Profil'")
    con.close()
    at = app(db_path, lang="de")
    assert not any(b.key == f"greeted_{network.emil}" for b in at.button), "birthdays drawn while their tab is closed"
    at.session_state["today_side_tab"] = "Geburtstage"  # the user opens the tab
    at.run()
    assert not at.code, "the greeting draft is written while its section is closed"
    at.session_state[f"greeting_{network.emil}"] = True  # the user opens "Entwurf für den Glückwunsch"
    at.run()
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
    assert at.expander[-1].label == "Zustand des Netzwerks"
    assert not at.get("vega_lite_chart"), "the charts are drawn while their section is closed"
    at.session_state["today_health"] = True  # the user opens "Zustand des Netzwerks"
    at.run()
    assert len(at.get("vega_lite_chart")) == 4


def test_cadence_settings_change_who_is_due(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path, page="settings")
    at.session_state["settings_tab"] = "Care cadence"  # the user opens the tab
    at.run()
    at.number_input(key="cadence_A").set_value(120)
    at.number_input(key="birthday_lead_D").set_value(5)
    at.button(key="cadence_save").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT cadence_days, birthday_lead_days FROM tier_cadence WHERE tier IN ('A', 'D') "
                       "ORDER BY tier").fetchall() == [(120, 7), (None, 5)]
    at.switch_page("views/today.py").run()
    assert "Anna Müller" not in "".join(m.value for m in at.markdown if "Clara" in m.value)
    at.session_state["today_side_tab"] = "Birthdays"
    at.run()
    assert any(f"greeted_{network.emil}" == b.key for b in at.button)


def test_open_a_due_contact_from_today(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path)
    links = [link for link in at.page_link if link.proto.page == "contacts" and network.bert in link.proto.query_string]
    assert [link.value for link in links] == ["Open"]
    at.switch_page("views/contacts.py")
    at.query_params["contact"] = network.bert
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Contacts"
    assert at.subheader[0].value == "Bert Becker"
    assert not at.dataframe or "Organisation" not in at.dataframe[0].value.columns, "the list shows under the contact"


def test_seven_follow_ups_show_five_and_the_rest_one_click_away(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    for n in range(7):
        con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, hooks, follow_up_on) "
                    "VALUES (?, ?, 'call', ?, ?)",
                    [network.dora, TODAY - dt.timedelta(days=10), f"Send offer {n + 1}", TODAY + dt.timedelta(days=n % 3)])
    con.close()
    at = app(db_path)
    offers = [m.value for m in at.markdown if "Send offer" in m.value]
    assert len(offers) == 5
    assert [e.label for e in at.expander if "more follow-up" in e.label] == ["2 more follow-ups"]
    at.session_state["today_more_follow_ups"] = True  # the user opens "2 more follow-ups"
    at.run()
    assert len([m.value for m in at.markdown if "Send offer" in m.value]) == 7


def test_a_birthday_today_is_named_above_the_side_tabs_whichever_is_open(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE contacts SET birthday_month = ?, birthday_day = ? WHERE id = ?",
                [TODAY.month, TODAY.day, network.emil])
    con.close()
    at = app(db_path)
    assert [tab.label for tab in at.tabs] == ["Follow-ups", "Birthdays", "News"]
    assert any(c.value.endswith("Birthday today: Emil Ernst") for c in at.caption), [c.value for c in at.caption]
    assert not any(b.key == f"greeted_{network.emil}" for b in at.button), "the birthdays tab is drawn while closed"
    at.session_state["today_side_tab"] = "Birthdays"
    at.run()
    at.button(key=f"greeted_{network.emil}").click().run()
    assert not any("Birthday today" in c.value for c in at.caption), "a greeted birthday is still announced"
    assert at.session_state["today_side_tab"] == "Birthdays", "the tab jumped back after the action"

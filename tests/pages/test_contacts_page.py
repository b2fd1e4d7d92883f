import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.interactions import NewInteraction, log_interaction
from netzcore.relationships import add_relationship, log_introduction
from netzui import data_cache
from tests.care_seed import TODAY, Network, met, seed_network
from tests.conftest import AppFactory, select_rows


def _seeded(db_path: Path) -> Network:
    con = netzdb.connect(db_path)
    network = seed_network(con)
    con.close()
    return network


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table showing this column (AppTest finds tables by position, not by key)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _listed_names(at: AppTest) -> list[str]:
    return list(_frame(at, "Organisation")["Name"])


def _as_read(markdown: str) -> str:
    """What the user reads of escaped Markdown: without the backslashes and the invisible word joiners."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _open(at: AppTest, contact_id: str) -> AppTest:
    at.selectbox(key="contacts_pick").set_value(contact_id).run()
    assert not at.exception, at.exception
    assert at.query_params["contact"] == contact_id
    return at


def _tab(at: AppTest, label: str) -> AppTest:
    """Open one of the contact's tabs (only the open one runs)."""
    at.session_state["contact_tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def _view(at: AppTest, view: str) -> AppTest:
    at.segmented_control(key="contacts_view").set_value(view).run()
    assert not at.exception, at.exception
    return at


def _graph(at: AppTest, index: int = 0) -> dict[str, Any]:
    return json.loads(at.get("echarts_chart")[index].proto.spec)


def test_search_ignores_case_and_accents_and_filters_by_tier(app: AppFactory, db_path: Path) -> None:
    _seeded(db_path)
    at = app(db_path, page="contacts")
    assert _listed_names(at)[0] == "Anna Müller" and len(_listed_names(at)) == 6
    at.text_input(key="contacts_query").input("koln").run()
    assert _listed_names(at) == ["Clara Schmidt"]
    at.text_input(key="contacts_query").input("hydrogen").run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    at.pills(key="contacts_tiers").set_value(["A"]).run()
    at.text_input(key="contacts_query").input("").run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    assert not [box for box in at.multiselect if box.key == "contacts_due"], "a closed popover is drawn"
    at.session_state["contacts_more_filters"] = True  # the user opens "More filters"
    at.run()
    at.multiselect(key="contacts_due").set_value(["overdue"]).run()
    assert _listed_names(at) == ["Anna Müller"]
    at.session_state["contacts_more_filters"] = False  # and closes it: the filter stays, the button counts it
    at.run()
    assert _listed_names(at) == ["Anna Müller"]
    assert not [box for box in at.multiselect if box.key == "contacts_due"]
    assert "Also filtered by: Care state" in [c.value for c in at.caption][0], "a filter in use is not named"
    # a look at Today and back: the same list, with the filter behind the closed button still in use
    at.switch_page("views/today.py").run()
    at.switch_page("views/contacts.py").run()
    assert not at.exception, at.exception
    assert _listed_names(at) == ["Anna Müller"]
    assert at.pills(key="contacts_tiers").value == ["A"]


def test_the_list_sorts_by_name_tier_or_the_most_overdue_with_one_click(app: AppFactory, db_path: Path) -> None:
    """The three orders sit side by side (one click each, no drop-down); "Overdue" puts the longest overdue first."""
    _seeded(db_path)
    at = app(db_path, page="contacts")
    sort = at.segmented_control(key="contacts_sort")
    assert sort.value == "name" and sort.options == ["Name", "Tier", "Overdue"]
    assert _listed_names(at)[:2] == ["Anna Müller", "Bert Becker"]
    sort.set_value("due").run()
    overdue = _frame(at, "Organisation")
    assert list(overdue["Name"][:3]) == ["Clara Schmidt", "Anna Müller", "Bert Becker"]
    assert list(overdue["Care state"][:2]) == ["overdue", "overdue"]
    at.segmented_control(key="contacts_sort").set_value("tier").run()
    assert list(_frame(at, "Organisation")["Tier"]) == ["A", "A", "B", "B", "C", "D"]


def test_a_search_that_finds_nobody_says_so_and_points_to_the_import(app: AppFactory, db_path: Path) -> None:
    """It said "0 contacts, showing 0–0 · click a row ..." above an empty chooser and a page field."""
    _seeded(db_path)
    at = app(db_path, page="contacts", lang="de")
    at.text_input(key="contacts_query").input("nobody by this name").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == ["Kein Kontakt passt zu Suche und Filtern. Setzen Sie sie zurück oder holen "
                                          "Sie Ihre Kontakte herein."]
    assert [link.proto.label for link in at.get("page_link")] == ["Kontakte importieren"]
    assert not [box for box in at.selectbox if box.key == "contacts_pick"]
    assert not any("0–0" in caption.value for caption in at.caption)
    at.text_input(key="contacts_query").input("").run()
    assert len(_listed_names(at)) == 6


def test_detail_shows_last_hooks_and_a_tier_change_keeps_history(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.anna)
    assert any("Ask about the hydrogen pilot in Emden" in info.value for info in at.info)
    _tab(at, "Tier")
    assert at.selectbox(key="contact_tier_A").value == "A"
    at.selectbox(key="contact_tier_A").set_value("B")
    at.text_input(key="contact_tier_reason").input("Moved to a side project")
    at.button(key="contact_tier_submit").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="contact_tier_B").value == "B", "the tier form does not show the stored tier"
    assert any("Tier: B" in m.value for m in at.markdown)
    assert any("Tier changed to B" in s.value for s in at.success)

    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id = ?", [network.anna]).fetchone() == ("B",)
    history = con.execute("SELECT old_tier, new_tier, reason FROM tier_history WHERE contact_id = ? "
                          "ORDER BY changed_at", [network.anna]).fetchall()
    assert history == [(None, "A", "created"), ("A", "B", "Moved to a side project")]
    _tab(at, "Timeline")
    shown = _frame(at, "Reason")
    assert list(shown["Reason"])[0] == "Moved to a side project"


def test_a_contact_shows_what_another_window_wrote_at_the_next_run(app: AppFactory, db_path: Path) -> None:
    """The contact's summary and timeline are kept while the data stays the same (a tab of the contact opened,
    another closed), and a write from anywhere else (another browser tab, the command line) shows at the next run:
    the new title, the gift in the balance, the meeting in the timeline."""
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.anna)
    _tab(at, "Timeline")
    rows_before = len(_frame(at, "Channel"))
    gave_before = next(int(m.value) for m in at.metric if m.label == "I gave")
    con = netzdb.connect(db_path)
    try:
        con.execute("UPDATE contacts SET title = 'Chief Hydrogen Officer' WHERE id = ?", [network.anna])
        log_interaction(con, NewInteraction(contact_id=network.anna, occurred_on=TODAY, channel="call",
                                            in_person=False, gave="an introduction to the port authority"))
    finally:
        con.close()
    at.run()
    assert not at.exception, at.exception
    assert any("Chief Hydrogen Officer" in text.value for text in at.text)
    assert next(int(m.value) for m in at.metric if m.label == "I gave") == gave_before + 1
    assert len(_frame(at, "Channel")) == rows_before + 1


def test_the_detail_is_its_own_view_and_the_list_agrees_after_a_tier_change(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path, page="contacts")
    at.pills(key="contacts_tiers").set_value(["A"]).run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    _open(at, network.bert)
    assert [s.value for s in at.subheader] == ["Bert Becker"]
    assert not any("Next due" in df.value.columns for df in at.dataframe), "the list shows under the detail"
    _tab(at, "Tier")
    at.selectbox(key="contact_tier_A").set_value("C")
    at.text_input(key="contact_tier_reason").input("Retired")
    at.button(key="contact_tier_submit").click().run()
    assert any("Tier: C" in m.value for m in at.markdown)
    at.button(key="contact_back").click().run()
    assert not at.exception, at.exception
    assert "contact" not in at.query_params
    assert at.pills(key="contacts_tiers").value == ["A"], "the list lost its filter"
    assert _listed_names(at) == ["Anna Müller"], "the filtered list still shows the contact at its old tier"


def test_a_list_asked_again_in_the_background_shows_the_new_tier(app: AppFactory, db_path: Path) -> None:
    """While the user reads the tier change, netz asks the hidden list's query again on the new data; the list they
    go back to shows the contact at the new tier, never the list from before the change."""
    network = _seeded(db_path)
    at = app(db_path, page="contacts")
    at.pills(key="contacts_tiers").set_value(["A"]).run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    _open(at, network.bert)
    _tab(at, "Tier")
    at.selectbox(key="contact_tier_A").set_value("C")
    at.text_input(key="contact_tier_reason").input("Retired")
    at.button(key="contact_tier_submit").click().run()
    assert any("Tier: C" in m.value for m in at.markdown)
    assert data_cache.refresher.idle(60), "the background refresh did not finish"
    at.button(key="contact_back").click().run()
    assert not at.exception, at.exception
    assert _listed_names(at) == ["Anna Müller"], "the list asked again in the background shows the old tier"


def test_a_click_on_a_row_opens_the_person(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = app(db_path, page="contacts")
    key = next(df.key for df in at.dataframe if df.key and df.key.startswith("contacts_table"))
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [[2, "Name"]]}}
    at.run()
    assert not at.exception, at.exception
    assert at.query_params["contact"] == network.clara
    assert [s.value for s in at.subheader] == ["Clara Schmidt"]


def test_tier_change_without_reason_is_refused(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _tab(_open(app(db_path, page="contacts"), network.bert), "Tier")
    at.selectbox(key="contact_tier_A").set_value("C")
    at.button(key="contact_tier_submit").click().run()
    assert any("reason" in error.value for error in at.error)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id = ?", [network.bert]).fetchone() == ("A",)


def test_log_an_interaction_from_the_contact(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _tab(_open(app(db_path, page="contacts"), network.clara), "Log interaction")
    assert at.selectbox(key="contact_log_form_channel").value == "email", "not the channel last used"
    at.selectbox(key="contact_log_form_channel").set_value("call")
    at.text_input(key="contact_log_form_topics").input("tenders, hydrogen")
    at.text_area(key="contact_log_form_hooks").input("Ask how the tender went")
    at.text_input(key="contact_log_form_received").input("Tender date")
    at.button(key="contact_log_form_submit").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    rows = con.execute("SELECT channel, in_person, topics, hooks FROM interactions WHERE contact_id = ? "
                       "AND occurred_on = ?", [network.clara, TODAY]).fetchall()
    assert rows == [("call", False, ["tenders", "hydrogen"], "Ask how the tender went")]
    assert any("Ask how the tender went" in info.value for info in at.info)
    _tab(at, "Timeline")
    assert list(_frame(at, "Hooks for next time")["Hooks for next time"])[0] == "Ask how the tender went"


def test_merge_two_contacts_moves_everything(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    duplicate = create_contact(con, "A. Müller", tier="C", emails=["anna.private@example.com", "ANNA@example.com"],
                               tags=["golf"], notes="Met at the golf club")
    con.execute("INSERT INTO contact_identities (contact_id, kind, value) VALUES (?, 'email', 'anna@example.com'), "
                "(?, 'email', 'anna@example.com'), (?, 'email', 'anna.private@example.com')",
                [network.anna, duplicate, duplicate])
    met(con, duplicate, 5, "sports", hooks="Golf tournament in May")
    add_relationship(con, duplicate, network.dora, "golf club")
    add_relationship(con, duplicate, network.anna, "same person")
    log_introduction(con, duplicate, network.bert, TODAY, "hydrogen")
    con.close()

    at = _tab(_open(app(db_path, page="contacts"), network.anna), "Merge")
    at.text_input(key="merge_other_query").input("A. Mü").run()
    assert at.selectbox(key="merge_other_id").value == duplicate
    preview = next(text.value for text in at.text if text.value.startswith("Moves here"))
    assert preview == ("Moves here: 1 interaction; 1 matching key (e-mail, phone, LinkedIn or card ID); "
                       "1 relationship; 1 introduction; 1 e-mail address (anna.private@example.com); "
                       "1 tag (golf); fills in Notes.")
    at.checkbox(key="merge_confirm").check().run()
    at.button(key="merge_go").click().run()
    assert not at.exception, at.exception
    assert [_as_read(s.value) for s in at.success] == [
        "Merged A. Müller into Anna Müller; moved: 1 interaction; 1 matching key (e-mail, phone, LinkedIn or card ID); "
        "1 relationship; 1 introduction; 1 e-mail address (anna.private@example.com); 1 tag (golf); fills in Notes."]

    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts WHERE id = ?", [duplicate]).fetchone() == (0,)
    assert con.execute("SELECT emails, tags, notes, tier FROM contacts WHERE id = ?", [network.anna]).fetchone() == (
        ["anna@example.com", "anna.private@example.com"], ["energy", "golf"], "Met at the golf club", "A")
    assert sorted(con.execute("SELECT value FROM contact_identities WHERE contact_id = ?",
                              [network.anna]).fetchall()) == [("anna.private@example.com",), ("anna@example.com",)]
    assert con.execute("SELECT count(*) FROM interactions WHERE contact_id = ?", [network.anna]).fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM relationships").fetchone() == (1,)
    assert con.execute("SELECT contact_a, contact_b FROM introductions").fetchone() == (network.anna, network.bert)
    for table in ("interactions", "tier_history", "contact_identities"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE contact_id = ?", [duplicate]).fetchone() == (0,)  # noqa: S608
    assert any("Golf tournament in May" in info.value for info in at.info)


def test_merge_preview_counts_an_email_that_moves_without_an_identity(app: AppFactory, db_path: Path) -> None:
    """The bug: "Moves 0 identities" while an e-mail did move (hand-made contacts have no identity rows)."""
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    create_contact(con, "Anna M.", emails=["anna.m@example.org"])
    con.close()
    at = _tab(_open(app(db_path, page="contacts"), network.anna), "Merge")
    at.text_input(key="merge_other_query").input("Anna M.").run()
    preview = next(text.value for text in at.text if text.value.startswith("Moves here"))
    assert preview == "Moves here: 1 e-mail address (anna.m@example.org)."


def test_create_a_contact_opens_it_and_closes_the_form(app: AppFactory, db_path: Path) -> None:
    at = _view(app(db_path, page="contacts"), "new")
    at.text_input(key="new_name").input("Zoe Zander")
    at.text_input(key="new_organization").input("Zander AG")
    at.selectbox(key="new_tier").set_value("B")
    at.button(key="new_submit").click().run()
    assert not at.exception, at.exception

    con = netzdb.connect(db_path)
    row = con.execute("SELECT id, tier FROM contacts").fetchone()
    assert row is not None and row[1] == "B"
    contact_id = row[0]
    assert at.query_params["contact"] == contact_id, "the new contact does not open"
    assert [s.value for s in at.subheader] == ["Zoe Zander"]
    assert any("Contact Zoe Zander created" in s.value for s in at.success)
    _tab(at, "Edit")
    at.text_input(key=f"edit_{contact_id}_title").input("Head of Procurement")
    at.selectbox(key=f"edit_{contact_id}_level").set_value("head")
    at.button(key=f"edit_{contact_id}_submit").click().run()
    assert not at.exception, at.exception
    assert con.execute("SELECT title, hierarchy_level, list_sort(edited_fields) FROM contacts").fetchone() == (
        "Head of Procurement", "head", ["hierarchy_level", "title"])
    at.button(key="contact_back").click().run()
    assert at.segmented_control(key="contacts_view").value == "list", "the form is still open after Back"
    assert _listed_names(at) == ["Zoe Zander"]


def test_a_new_contact_warns_of_a_likely_duplicate(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    schulz = create_contact(con, "Günter Schulz", organization="Landratsamt Esslingen")
    con.close()
    at = _view(app(db_path, page="contacts"), "new")
    at.text_input(key="new_name").input("G. Schulz")
    at.text_input(key="new_organization").input("Landratsamt Esslingen")
    at.button(key="new_submit").click().run()
    assert not at.exception, at.exception
    assert any("may be someone you already have" in w.value for w in at.warning)
    assert any("Günter Schulz" in m.value and "same organisation" in m.value for m in at.markdown)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (1,), "created despite the warning"
    con.close()
    at.button(key=f"new_open_{schulz}").click().run()
    assert at.query_params["contact"] == schulz and [s.value for s in at.subheader] == ["Günter Schulz"]

    at = _view(app(db_path, page="contacts"), "new")
    at.text_input(key="new_name").input("G. Schulz")
    at.text_input(key="new_organization").input("Landratsamt Esslingen")
    at.button(key="new_submit").click().run()
    at.button(key="new_create_anyway").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (2,)


def test_bulk_tier_tag_and_archive_on_selected_rows(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = select_rows(app(db_path, page="contacts"), "contacts_table", [2, 3])  # Clara, Dora (sorted by name)
    assert any("2 contacts selected" in m.value for m in at.markdown)
    at.selectbox(key="bulk_tier").set_value("A").run()
    at.button(key="bulk_tier_apply").click().run()
    assert any("2 contacts are now tier A" in s.value for s in at.success)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id IN (?, ?)", [network.clara, network.dora]).fetchall() == [
        ("A",), ("A",)]
    assert con.execute("SELECT reason FROM tier_history WHERE contact_id = ? AND new_tier = 'A'",
                       [network.dora]).fetchone() == ("Set for several contacts at once",)
    con.close()
    at = select_rows(at, "contacts_table", [0, 1])
    at.text_input(key="bulk_tag").input("Hannover 2027")
    at.button(key="bulk_tag_apply").click().run()
    at = select_rows(at, "contacts_table", [5])
    at.button(key="bulk_archive").click().run()
    assert any("1 contact archived" in s.value for s in at.success)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT full_name FROM contacts WHERE list_contains(tags, 'Hannover 2027') "
                       "ORDER BY full_name").fetchall() == [("Anna Müller",), ("Bert Becker",)]
    assert con.execute("SELECT archived FROM contacts WHERE id = ?", [network.frieda]).fetchone() == (True,)
    assert "Frieda Fuchs" not in _listed_names(at)


def test_merge_two_selected_rows_says_what_moved(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    from netzcore.contacts import create_contact

    create_contact(con, "Anna Mueller", emails=["a.mueller@example.org"], phones=["+4917000000"])
    con.close()
    at = select_rows(app(db_path, page="contacts"), "contacts_table", [0, 1])  # Anna Mueller, Anna Müller
    at.radio(key="bulk_merge_keep").set_value(network.anna).run()
    preview = next(text.value for text in at.text if text.value.startswith("Moves here"))
    assert preview == "Moves here: 1 e-mail address (a.mueller@example.org); 1 phone number (+4917000000)."
    at.checkbox(key="bulk_merge_confirm").check().run()
    at.button(key="bulk_merge_go").click().run()
    assert not at.exception, at.exception
    assert at.query_params["contact"] == network.anna
    assert any(s.value.startswith("Merged Anna Mueller into Anna Müller; moved\\: 1 e\\-mail address") for s in at.success)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT emails, phones FROM contacts WHERE id = ?", [network.anna]).fetchone() == (
        ["anna@example.com", "a.mueller@example.org"], ["+4917000000"])


def test_review_queue_accept_changes_the_tier_with_the_reason(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    for days in (20, 50, 90):
        met(con, network.emil, days, "meeting")
    con.close()
    at = _view(app(db_path, page="contacts"), "review")
    assert any("met 3 times" in m.value for m in at.markdown)
    at.button(key=f"review_accept_d_met_often_{network.emil}").click().run()
    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id = ?", [network.emil]).fetchone() == ("C",)
    assert con.execute("SELECT reason FROM tier_history WHERE contact_id = ? AND new_tier = 'C'",
                       [network.emil]).fetchone() == ("D contact met 3 times in the last 12 months",)


def test_network_view_draws_a_segment_and_updates_introductions(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO segments (kind, name, topics) VALUES ('topic', 'Hydrogen', ['hydrogen'])")
    add_relationship(con, network.anna, network.clara, 'says "hello"')
    intro = log_introduction(con, network.bert, network.dora, TODAY, "Both build electrolysers")
    con.close()
    at = _view(app(db_path, page="contacts"), "network")
    spec = _graph(at)
    nodes = {node["name"]: node for node in spec["series"][0]["data"]}
    assert set(nodes) == {"Anna Müller", "Bert Becker", "Clara Schmidt"}
    assert [link["value"] for link in spec["series"][0]["links"]] == ['says "hello"']
    assert spec["legend"]["data"] == ["Tier A", "Tier B", "Tier C", "Tier D"]
    assert nodes["Clara Schmidt"]["category"] == 1 and nodes["Anna Müller"]["category"] == 0
    at.selectbox(key=f"intro_status_{intro}").set_value("met")
    at.text_input(key=f"intro_outcome_{intro}").input("Pilot together")
    at.button(key=f"intro_save_{intro}").click().run()
    con = netzdb.connect(db_path)
    assert con.execute("SELECT status, outcome FROM introductions").fetchone() == ("met", "Pilot together")
    assert any("No open introductions" in c.value for c in at.caption)


def test_a_click_on_a_person_in_the_graph_opens_them(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    add_relationship(con, network.anna, network.bert, "colleagues")
    add_relationship(con, network.bert, network.dora, "club")
    con.close()
    at = _tab(_open(app(db_path, page="contacts"), network.anna), "Network")
    spec = _graph(at)
    names = [node["name"] for node in spec["series"][0]["data"]]
    assert names[0] == "Anna Müller" and spec["series"][0]["data"][0]["x"] == 0 == spec["series"][0]["data"][0]["y"]
    chart_key = at.get("echarts_chart")[0].proto.id.split("-", 2)[-1]
    at.session_state[chart_key] = {"selection": {"selected": [
        {"series_index": 0, "series_id": None, "series_name": None, "data_type": "node",
         "data_indices": [names.index("Dora Düsentrieb")]}], "areas": []}}
    at.run()
    assert not at.exception, at.exception
    assert at.query_params["contact"] == network.dora
    assert [s.value for s in at.subheader] == ["Dora Düsentrieb"]


def test_relationship_and_introduction_from_the_contact(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _tab(_open(app(db_path, page="contacts"), network.anna), "Network")
    at.text_input(key="rel_other_query").input("Dora").run()
    assert at.selectbox(key="rel_other_id").value == network.dora
    at.text_input(key="rel_how").input("former colleagues")
    at.button(key="rel_add").click().run()
    assert not at.exception, at.exception
    assert [link["value"] for link in _graph(at)["series"][0]["links"]] == ["former colleagues"]

    at.text_input(key="intro_other_query").input("Schmidt").run()
    at.text_input(key="intro_context").input("Both plan hydrogen tenders")
    at.button(key="intro_add").click().run()
    assert not at.exception, at.exception
    con = netzdb.connect(db_path)
    assert con.execute("SELECT contact_a, contact_b, how FROM relationships").fetchall() == [
        (min(network.anna, network.dora), max(network.anna, network.dora), "former colleagues")]
    assert con.execute("SELECT contact_a, contact_b, context, status FROM introductions").fetchall() == [
        (network.anna, network.clara, "Both plan hydrogen tenders", "open")]
    assert any("Clara Schmidt · " in text.value for text in at.text)


def test_user_text_never_becomes_markup(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    con.execute("UPDATE contacts SET full_name = '**Bold** <b>x</b> [link](http://evil)' WHERE id = ?",
                [network.anna])
    met(con, network.anna, 1, hooks="<script>alert(1)</script> _x_")
    con.close()
    at = _open(app(db_path, page="contacts"), network.anna)
    shown = at.subheader[0].value
    assert shown.startswith("\\*\\*Bold\\*\\* \\<b\\>x\\<\\/b\\> \\[link\\]\\(http\\:")   # every special escaped
    assert _as_read(shown) == "**Bold** <b>x</b> [link](http://evil)"
    assert any("\\<script\\>" in info.value for info in at.info)


def test_the_next_due_column_is_as_wide_as_a_date(app: AppFactory, db_path: Path) -> None:
    """Sized by itself, the short English header "Next due" cut "3 Feb 2027" to "3 Feb 202"; the German header
    "Nächste Fälligkeit" is not cut either."""
    _seeded(db_path)
    for lang, label in (("en", "Next due"), ("de", "Nächste Fälligkeit")):
        at = app(db_path, page="contacts", lang=lang)
        shown = next(df for df in at.dataframe if label in df.value.columns)
        width = json.loads(shown.proto.columns)[label]["width"]
        assert width >= 105 and width >= 8 * len(label), (lang, width)

import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.relationships import add_relationship, log_introduction
from tests.care_seed import TODAY, Network, met, seed_network
from tests.conftest import AppFactory


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


def _open(at: AppTest, contact_id: str) -> AppTest:
    at.selectbox(key="contacts_pick").set_value(contact_id).run()
    assert not at.exception, at.exception
    return at


def test_search_ignores_case_and_accents_and_filters_by_tier(app: AppFactory, db_path: Path) -> None:
    _seeded(db_path)
    at = app(db_path, page="contacts")
    assert _listed_names(at)[0] == "Anna Müller" and len(_listed_names(at)) == 6
    at.text_input(key="contacts_query").input("koln").run()
    assert _listed_names(at) == ["Clara Schmidt"]
    at.text_input(key="contacts_query").input("hydrogen").run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    at.multiselect(key="contacts_tiers").set_value(["A"]).run()
    at.text_input(key="contacts_query").input("").run()
    assert _listed_names(at) == ["Anna Müller", "Bert Becker"]
    at.multiselect(key="contacts_due").set_value(["overdue"]).run()
    assert _listed_names(at) == ["Anna Müller"]


def test_detail_shows_last_hooks_and_a_tier_change_keeps_history(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.anna)
    assert any("Ask about the hydrogen pilot in Emden" in info.value for info in at.info)
    at.selectbox(key="contact_tier").set_value("B")
    at.text_input(key="contact_tier_reason").input("Moved to a side project")
    at.button(key="contact_tier_submit").click().run()
    assert not at.exception, at.exception

    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id = ?", [network.anna]).fetchone() == ("B",)
    history = con.execute("SELECT old_tier, new_tier, reason FROM tier_history WHERE contact_id = ? "
                          "ORDER BY changed_at", [network.anna]).fetchall()
    assert history == [(None, "A", "created"), ("A", "B", "Moved to a side project")]
    shown = _frame(at, "Reason")
    assert list(shown["Reason"])[0] == "Moved to a side project"


def test_tier_change_without_reason_is_refused(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.bert)
    at.selectbox(key="contact_tier").set_value("C")
    at.button(key="contact_tier_submit").click().run()
    assert any("reason" in error.value for error in at.error)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT tier FROM contacts WHERE id = ?", [network.bert]).fetchone() == ("A",)


def test_log_an_interaction_from_the_contact(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.clara)
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

    at = _open(app(db_path, page="contacts"), network.anna)
    at.text_input(key="merge_other_query").input("A. Mü").run()
    assert at.selectbox(key="merge_other_id").value == duplicate
    assert any("1 interaction," in text.value for text in at.text)  # one, not "1 interactions"
    at.checkbox(key="merge_confirm").check().run()
    at.button(key="merge_go").click().run()
    assert not at.exception, at.exception

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


def test_create_a_contact_and_edit_it(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="contacts")
    at.radio(key="contacts_view").set_value("new").run()
    at.text_input(key="new_full_name").input("Zoe Zander")
    at.text_input(key="new_organization").input("Zander AG")
    at.selectbox(key="new_tier").set_value("B")
    at.button(key="new_submit").click().run()
    assert not at.exception, at.exception
    assert _listed_names(at) == ["Zoe Zander"]

    con = netzdb.connect(db_path)
    row = con.execute("SELECT id, tier FROM contacts").fetchone()
    assert row is not None and row[1] == "B"
    contact_id = row[0]
    at.text_input(key=f"edit_{contact_id}_title").input("Head of Procurement")
    at.selectbox(key=f"edit_{contact_id}_level").set_value("head")
    at.button(key=f"edit_{contact_id}_submit").click().run()
    assert not at.exception, at.exception
    assert con.execute("SELECT title, hierarchy_level, list_sort(edited_fields) FROM contacts").fetchone() == (
        "Head of Procurement", "head", ["hierarchy_level", "title"])


def test_review_queue_accept_changes_the_tier_with_the_reason(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    con = netzdb.connect(db_path)
    for days in (20, 50, 90):
        met(con, network.emil, days, "meeting")
    con.close()
    at = app(db_path, page="contacts")
    at.radio(key="contacts_view").set_value("review").run()
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
    at = app(db_path, page="contacts")
    at.radio(key="contacts_view").set_value("network").run()
    assert not at.exception, at.exception
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"Anna Müller (A)"' in dot and '"Clara Schmidt (B)"' in dot and 'label="says \\"hello\\""' in dot
    at.selectbox(key=f"intro_status_{intro}").set_value("met")
    at.text_input(key=f"intro_outcome_{intro}").input("Pilot together")
    at.button(key=f"intro_save_{intro}").click().run()
    con = netzdb.connect(db_path)
    assert con.execute("SELECT status, outcome FROM introductions").fetchone() == ("met", "Pilot together")
    assert any("No open introductions" in c.value for c in at.caption)


def test_relationship_and_introduction_from_the_contact(app: AppFactory, db_path: Path) -> None:
    network = _seeded(db_path)
    at = _open(app(db_path, page="contacts"), network.anna)
    at.text_input(key="rel_other_query").input("Dora").run()
    assert at.selectbox(key="rel_other_id").value == network.dora
    at.text_input(key="rel_how").input("former colleagues")
    at.button(key="rel_add").click().run()
    assert not at.exception, at.exception
    assert any('label="former colleagues"' in g.proto.spec for g in at.get("graphviz_chart"))

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
    shown = at.subheader[-1].value
    assert shown.startswith("\\*\\*Bold\\*\\* \\<b\\>x\\<\\/b\\> \\[link\\]\\(http\\:")   # every special escaped
    assert re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "") == "**Bold** <b>x</b> [link](http://evil)"
    assert any("\\<script\\>" in info.value for info in at.info)

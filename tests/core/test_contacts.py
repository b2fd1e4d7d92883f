import datetime as dt
from dataclasses import replace

import pytest

from netzcore import contacts
from netzcore import db as netzdb
from netzcore.care import due_list, tier_history
from netzcore.contacts import DUE_STATES, ContactFilter, search_contacts
from netzcore.demo import load_demo
from netzcore.interactions import timeline
from netzcore.relationships import add_relationship, introductions_of, log_introduction, relationships_of
from tests.care_seed import TODAY, met, seed_network


def _names(page: contacts.ContactPage) -> list[str]:
    return [row.full_name for row in page.rows]


def test_search_matches_words_across_fields_without_accents_or_case(con: netzdb.Connection) -> None:
    seed_network(con)
    search = lambda **kw: _names(contacts.search_contacts(con, contacts.ContactFilter(**kw), TODAY))  # noqa: E731
    assert search(query="muller") == ["Anna Müller"]
    assert search(query="SIEMENS sales") == ["Anna Müller"]
    assert search(query="dusentrieb") == ["Dora Düsentrieb"]
    assert search(query="hydrogen") == ["Anna Müller", "Bert Becker"]
    assert search(tag="ENERGY") == ["Anna Müller"]
    assert search(tiers=("B",)) == ["Clara Schmidt", "Frieda Fuchs"]
    assert search(due_states=("overdue",), sort="due") == ["Clara Schmidt", "Anna Müller"]
    assert search(sort="tier")[:2] == ["Anna Müller", "Bert Becker"]


def test_paging_happens_in_sql_with_the_total(con: netzdb.Connection) -> None:
    con.execute("INSERT INTO contacts (full_name) SELECT 'Person ' || lpad(CAST(i AS VARCHAR), 3, '0') "
                "FROM range(120) t(i)")
    page = contacts.search_contacts(con, contacts.ContactFilter(), TODAY, limit=50, offset=100)
    assert page.total == 120 and _names(page)[0] == "Person 100" and len(page.rows) == 20
    beyond = contacts.search_contacts(con, contacts.ContactFilter(), TODAY, limit=50, offset=500)
    assert beyond.offset == 0 and _names(beyond)[0] == "Person 000"


def test_archived_contacts_leave_the_list_and_the_care(con: netzdb.Connection) -> None:
    network = seed_network(con)
    contacts.archive_contact(con, network.clara)
    assert "Clara Schmidt" not in _names(contacts.search_contacts(con, contacts.ContactFilter(), TODAY))
    assert _names(contacts.search_contacts(con, contacts.ContactFilter(archived=True), TODAY)) == ["Clara Schmidt"]
    assert network.clara not in [i.contact_id for i in due_list(con, TODAY).items]
    contacts.archive_contact(con, network.clara, archived=False)
    assert contacts.search_contacts(con, contacts.ContactFilter(), TODAY).total == 6


def test_edit_records_edited_fields_and_career_steps(con: netzdb.Connection) -> None:
    network = seed_network(con)
    changed = contacts.update_contact(con, network.anna, {
        "full_name": "Anna Müller", "title": "CEO", "organization": "Siemens Energy AG", "emails": ["ANNA@example.com"],
        "phones": ["+49 170 1234567"]})
    assert changed == ["phones", "title"]
    contact = contacts.get_contact(con, network.anna)
    assert contact is not None and contact.title == "CEO" and contact.phones == ("+49 170 1234567",)
    assert set(contact.edited_fields) == {"phones", "title"}
    assert [(s.organization, s.title) for s in contacts.career_history(con, network.anna)][0] == (
        "Siemens Energy AG", "CEO")
    assert contacts.update_contact(con, network.anna, {"title": "CEO"}) == []


@pytest.mark.parametrize("fields, key", [
    ({"full_name": " "}, "contacts.error_name_required"),
    ({"birthday_month": 2, "birthday_day": 30}, "contacts.error_birthday"),
    ({"birthday_day": 3}, "contacts.error_birthday"),
    ({"hierarchy_level": "boss"}, "contacts.error_level"),
])
def test_invalid_edits_are_refused_with_a_message(con: netzdb.Connection, fields: dict[str, object],
                                                  key: str) -> None:
    network = seed_network(con)
    with pytest.raises(contacts.ContactError) as error:
        contacts.update_contact(con, network.bert, fields)
    assert error.value.key == key


def test_merge_moves_everything_and_unites_lists(con: netzdb.Connection) -> None:
    network = seed_network(con)
    twin = contacts.create_contact(con, "Anna M.", tier="B", emails=["anna.m@home.de"], topics=["ai", "Golf"],
                                   city="Berlin", notes="Private contact", birthday_month=3, birthday_day=4)
    con.execute("UPDATE contacts SET birthday_year = 1980 WHERE id = ?", [twin])
    con.execute("INSERT INTO contact_identities (contact_id, kind, value) VALUES (?, 'email', 'anna.m@home.de')",
                [twin])
    met(con, twin, 3, "sports", hooks="Golf in May", gave="tickets")
    add_relationship(con, twin, network.dora, "golf club", 3)
    add_relationship(con, twin, network.anna, "same person?")
    log_introduction(con, twin, network.bert, TODAY, "hydrogen")
    event = con.execute("INSERT INTO events (name, starts_on, ends_on) VALUES ('Hannover Messe', ?, ?) RETURNING id",
                        [TODAY, TODAY]).fetchone()
    segment = con.execute("INSERT INTO segments (kind, name) VALUES ('topic', 'Golf') RETURNING id").fetchone()
    assert event is not None and segment is not None
    con.execute("INSERT INTO event_plans (event_id, contact_id, talking_points) VALUES (?, ?, 'golf')",
                [event[0], twin])
    con.execute("INSERT INTO segment_assignments (segment_id, contact_id) VALUES (?, ?)", [segment[0], twin])
    con.execute("INSERT INTO review_dismissals (contact_id, rule) VALUES (?, 'a_untouched')", [twin])

    contacts.merge_contacts(con, network.anna, twin)

    assert contacts.get_contact(con, twin) is None
    anna = contacts.get_contact(con, network.anna)
    assert anna is not None
    assert anna.emails == ("anna@example.com", "anna.m@home.de")
    assert anna.topics == ("Hydrogen", "AI", "Golf")
    assert anna.city == "München" and anna.tier == "A" and anna.notes == "Private contact"
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (1980, 3, 4)
    assert [i.hooks for i in timeline(con, network.anna)] == ["Golf in May", "Ask about the hydrogen pilot in Emden"]
    assert [(r.other_name, r.how, r.strength) for r in relationships_of(con, network.anna)] == [
        ("Dora Düsentrieb", "golf club", 3)]
    assert [(i.name_a, i.name_b) for i in introductions_of(con, network.anna)] == [("Anna Müller", "Bert Becker")]
    for table in ("contact_identities", "event_plans", "segment_assignments", "review_dismissals", "interactions",
                  "tier_history"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE contact_id = ?", [twin]).fetchone() == (0,)  # noqa: S608
        assert con.execute(f"SELECT count(*) > 0 FROM {table} WHERE contact_id = ?",  # noqa: S608
                           [network.anna]).fetchone() == (True,)


def test_merge_takes_the_better_tier_with_history(con: netzdb.Connection) -> None:
    network = seed_network(con)
    contacts.merge_contacts(con, network.emil, network.bert)
    merged = contacts.get_contact(con, network.emil)
    assert merged is not None and merged.tier == "A"
    assert tier_history(con, network.emil)[0].reason == "merge"
    with pytest.raises(contacts.ContactError):
        contacts.merge_contacts(con, network.emil, network.emil)


def test_find_contacts_for_pickers(con: netzdb.Connection) -> None:
    network = seed_network(con)
    found = contacts.find_contacts(con, "siemens", exclude=[network.bert])
    assert [c.label for c in found] == ["Anna Müller (Siemens Energy AG)"]
    assert contacts.find_contacts(con, "anna", exclude=[network.anna]) == []
    assert contacts.find_contacts(con, "  ") == []


def test_create_contact_records_source_tier_and_position(con: netzdb.Connection) -> None:
    contact_id = contacts.create_contact(con, "  Neu Kontakt ", tier="C", organization="Gamma GmbH", title="CFO",
                                         emails=["X@Y.de", "x@y.de"], birthday_month=12, birthday_day=24)
    contact = contacts.get_contact(con, contact_id)
    assert contact is not None
    assert (contact.full_name, contact.tier, contact.organization, contact.emails, contact.sources) == (
        "Neu Kontakt", "C", "Gamma GmbH", ("x@y.de",), ("manual",))
    assert contact.created_at.date() == dt.date.today()
    assert [(s.organization, s.title) for s in contacts.career_history(con, contact_id)] == [("Gamma GmbH", "CFO")]


@pytest.mark.parametrize("flt", [
    ContactFilter(), ContactFilter(sort="tier"), ContactFilter(query="gmbh"), ContactFilter(tiers=("A", "B")),
    ContactFilter(levels=("head",), sort="tier"), ContactFilter(only_takes=True), ContactFilter(query="zz-nobody"),
])
def test_a_page_chosen_before_its_care_clock_is_the_page_with_the_clock_of_all(con: netzdb.Connection,
                                                                           flt: ContactFilter) -> None:
    """Without a due filter or order the page is chosen first and the clock read for its rows only: the same rows,
    due states, next due dates and total as with the clock of every contact (all due states asked for)."""
    load_demo(con, contacts=300, today=TODAY)
    everybody = replace(flt, due_states=DUE_STATES)
    for offset in (0, 40, 280):
        assert search_contacts(con, flt, TODAY, limit=20, offset=offset) \
            == search_contacts(con, everybody, TODAY, limit=20, offset=offset)

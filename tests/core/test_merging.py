"""A merge can be undone: "Split again" gives back both contacts as they were, with everything that was theirs."""

from __future__ import annotations

from typing import Any

import pytest

from netzcore import contacts
from netzcore import db as netzdb
from netzcore.merging import NOT_MOVED, REFERENCES, can_split, merges_of, split_merge
from netzcore.relationships import add_relationship, log_introduction
from tests.care_seed import TODAY, met, seed_network

CONTACT_COLUMNS = {"contact_id", "contact_a", "contact_b"}
# Changed by the merge and the split themselves, not part of what the user sees as "as it was".
BOOKKEEPING = {"merge_log", "duplicate_pairs"}


def state(con: netzdb.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (updated_at left out), to compare a database before and after."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "AND table_name NOT IN ('schema_migrations') ORDER BY 1").fetchall()]
    out = {}
    for table in tables:
        if table in BOOKKEEPING:
            continue
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_name <> 'updated_at' "
            "ORDER BY ordinal_position", [table]).fetchall()]
        out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(),  # noqa: S608
                            key=repr)
    return out


def twin_of_anna(con: netzdb.Connection) -> tuple[Any, str]:
    network = seed_network(con)
    twin = contacts.create_contact(con, "Anna M.", tier="B", emails=["anna.m@home.de"], topics=["ai", "Golf"],
                                   city="Berlin", notes="Private contact", birthday_month=3, birthday_day=4)
    con.execute("UPDATE contacts SET birthday_year = 1980, photo = 'jpeg'::BLOB WHERE id = ?", [twin])
    con.execute("INSERT INTO contact_identities (contact_id, kind, value) VALUES (?, 'email', 'anna.m@home.de'), "
                "(?, 'email', 'anna@example.com')", [twin, twin])
    con.execute("INSERT INTO contact_identities (contact_id, kind, value) VALUES (?, 'email', 'anna@example.com')",
                [network.anna])
    met(con, twin, 3, "sports", hooks="Golf in May", gave="tickets")
    add_relationship(con, twin, network.dora, "golf club", 3)
    add_relationship(con, twin, network.anna, "same person?")
    add_relationship(con, network.anna, network.dora, "colleagues", 2)
    log_introduction(con, twin, network.bert, TODAY, "hydrogen")
    log_introduction(con, twin, network.anna, TODAY, "themselves")
    event = con.execute("INSERT INTO events (name, starts_on, ends_on) VALUES ('Hannover Messe', ?, ?) RETURNING id",
                        [TODAY, TODAY]).fetchone()
    segment = con.execute("INSERT INTO segments (kind, name) VALUES ('topic', 'Golf') RETURNING id").fetchone()
    assert event is not None and segment is not None
    con.execute("INSERT INTO event_plans (event_id, contact_id, talking_points) VALUES (?, ?, 'golf'), (?, ?, 'h2')",
                [event[0], twin, event[0], network.anna])
    con.execute("INSERT INTO segment_assignments (segment_id, contact_id) VALUES (?, ?)", [segment[0], twin])
    con.execute("INSERT INTO review_dismissals (contact_id, rule) VALUES (?, 'a_untouched')", [twin])
    con.execute("INSERT INTO career_history (contact_id, organization, title, observed_on) "
                "VALUES (?, 'Golfclub', 'Kassenwart', ?)", [twin, TODAY])
    con.execute("INSERT INTO contact_names (contact_id, name) VALUES (?, 'Anna M.')", [twin])
    return network, twin


def test_split_again_gives_back_both_contacts_exactly_as_they_were(con: netzdb.Connection) -> None:
    network, twin = twin_of_anna(con)
    before = state(con)
    log_id = contacts.merge_contacts(con, network.anna, twin)
    assert contacts.get_contact(con, twin) is None
    merged = contacts.get_contact(con, network.anna)
    assert merged is not None and merged.tier == "A" and "anna.m@home.de" in merged.emails
    assert [m.absorbed_name for m in merges_of(con, network.anna)] == ["Anna M."]
    assert can_split(con, log_id)

    assert split_merge(con, log_id) == twin
    assert state(con) == before
    assert not can_split(con, log_id)
    assert con.execute("SELECT status FROM duplicate_pairs WHERE ? IN (contact_a, contact_b) "
                       "AND ? IN (contact_a, contact_b)", [twin, network.anna]).fetchall() == [("kept_apart",)]


def test_what_changed_after_the_merge_stays(con: netzdb.Connection) -> None:
    network, twin = twin_of_anna(con)
    log_id = contacts.merge_contacts(con, network.anna, twin)
    contacts.update_contact(con, network.anna, {"city": "Hamburg", "tags": ["golf", "energy"]})
    met(con, network.anna, 1, "call", hooks="after the merge")
    split_merge(con, log_id)
    anna, split = contacts.get_contact(con, network.anna), contacts.get_contact(con, twin)
    assert anna is not None and split is not None
    assert anna.city == "Hamburg" and anna.tags == ("golf", "energy")     # edited since: stays
    assert anna.tier == "A" and "anna.m@home.de" not in anna.emails        # brought by the merge: back
    assert split.full_name == "Anna M." and split.tier == "B" and split.birthday_year == 1980
    hooks = con.execute("SELECT contact_id, hooks FROM interactions WHERE hooks IN ('Golf in May', 'after the merge')"
                        ).fetchall()
    assert sorted(hooks) == sorted([(network.anna, "after the merge"), (twin, "Golf in May")])


def test_a_merge_into_a_contact_merged_away_since_is_split_after_that_one(con: netzdb.Connection) -> None:
    network, twin = twin_of_anna(con)
    first = contacts.merge_contacts(con, network.anna, twin)
    second = contacts.merge_contacts(con, network.bert, network.anna)
    assert not can_split(con, first)
    with pytest.raises(contacts.ContactError):
        split_merge(con, first)
    split_merge(con, second)
    split_merge(con, first)
    assert {c.full_name for c in map(lambda i: contacts.get_contact(con, i), (network.anna, twin, network.bert))
            if c} == {"Anna Müller", "Anna M.", "Bert Becker"}


def test_every_table_that_refers_to_contacts_is_handled_by_merge_and_split(con: netzdb.Connection) -> None:
    referring = {(table, column) for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND (column_name IN ('contact_id', 'contact_a', 'contact_b') OR column_name LIKE '%contact_id' "
        "OR column_name LIKE 'contact\\_%' ESCAPE '\\' AND data_type = 'VARCHAR')").fetchall()}
    handled = {(ref.table, column) for ref in REFERENCES for column in ref.columns}
    handled |= {(table, column) for table, columns in NOT_MOVED.items() for column in columns}
    assert referring - handled == set(), "add the table to netzcore.merging.REFERENCES"
    assert {c for _, c in referring} >= CONTACT_COLUMNS

"""Acting on the due list: pages of it, snooze, "in touch", and the channel the log form starts with."""

from __future__ import annotations

import datetime as dt

import pytest

from netzcore import care
from netzcore import db as netzdb
from netzcore.contacts import create_contact
from netzcore.interactions import default_channel
from tests.care_seed import TODAY, met, seed_network


def _due_ids(con: netzdb.Connection, today: dt.date = TODAY) -> list[str]:
    return [item.contact_id for item in care.due_list(con, today, limit=100).items]


def test_the_due_list_pages_in_sql_and_every_person_is_reachable(con: netzdb.Connection) -> None:
    ids = []
    for number in range(25):
        contact_id = create_contact(con, f"P{number:02d}", tier="B")
        met(con, contact_id, 100 + number, "call")
        ids.append(contact_id)
    pages = [care.due_list(con, TODAY, limit=10, offset=offset) for offset in (0, 10, 20)]
    assert [len(p.items) for p in pages] == [10, 10, 5] and {p.total for p in pages} == {25}
    assert sorted(item.contact_id for p in pages for item in p.items) == sorted(ids)
    assert care.due_count(con, TODAY) == 25
    beyond = care.due_list(con, TODAY, limit=10, offset=40)  # the list shrank under the page: its last page
    assert (beyond.offset, len(beyond.items)) == (20, 5)


def test_snooze_until_a_day_and_back_on_that_day(con: netzdb.Connection) -> None:
    network = seed_network(con)
    until = TODAY + dt.timedelta(days=7)
    care.snooze(con, network.anna, until, TODAY)
    assert network.anna not in _due_ids(con)
    assert network.anna not in [i.contact_id for i in care.daily_digest(con, TODAY).due.items], "netz due still lists"
    assert network.anna not in _due_ids(con, until - dt.timedelta(days=1))
    assert network.anna in _due_ids(con, until)
    assert care.snoozed_until(con, network.anna, TODAY) == until
    care.unsnooze(con, network.anna)
    assert network.anna in _due_ids(con)
    with pytest.raises(care.CareError):
        care.snooze(con, network.anna, TODAY, TODAY)


def test_in_touch_restarts_the_clock_without_counting_as_a_meeting(con: netzdb.Connection) -> None:
    network = seed_network(con)
    care.mark_in_touch(con, network.clara, TODAY, "In touch (Done on Today)")
    assert network.clara not in _due_ids(con)
    assert con.execute("SELECT channel, in_person, notes FROM interactions WHERE contact_id = ? AND occurred_on = ?",
                       [network.clara, TODAY]).fetchall() == [("other", False, "In touch (Done on Today)")]


def test_the_log_form_starts_with_the_contacts_own_channel(con: netzdb.Connection) -> None:
    network = seed_network(con)
    assert default_channel(con, network.clara) == "email"          # the last one used
    con.execute("UPDATE contacts SET preferred_channel = 'lunch' WHERE id = ?", [network.clara])
    assert default_channel(con, network.clara) == "lunch"          # the preferred one wins
    assert default_channel(con, network.emil) == "call"            # nothing known yet
    care.log_greeting(con, network.emil, TODAY)
    assert default_channel(con, network.emil) == "call", "a birthday greeting is not how we talk"


def test_nobody_has_a_rhythm_when_everybody_is_d(con: netzdb.Connection) -> None:
    create_contact(con, "Only D", tier="D")
    assert care.contacts_with_cadence(con) == 0
    create_contact(con, "Own rhythm", tier="D", cadence_days=30)
    assert care.contacts_with_cadence(con) == 1


def test_tiers_for_many_at_once(con: netzdb.Connection) -> None:
    network = seed_network(con)
    assert care.change_tiers(con, [network.anna, network.dora, network.emil], "C", "bulk") == 2
    assert con.execute("SELECT count(*) FROM tier_history WHERE reason = 'bulk'").fetchone() == (2,)
    with pytest.raises(care.CareError):
        care.change_tiers(con, [network.anna], "C", " ")
    with pytest.raises(care.CareError):
        care.change_tiers(con, [network.anna], "E", "why")

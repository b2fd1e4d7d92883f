import datetime as dt
from typing import Any

import pytest

from netzcore import db as netzdb
from netzcore import interactions as ix
from netzcore.contacts import ContactFilter, search_contacts
from tests.care_seed import TODAY, days_ago, met, seed_network


def test_log_interaction_with_everything_the_quick_entry_asks(con: netzdb.Connection) -> None:
    network = seed_network(con)
    new_id = ix.log_interaction(con, ix.NewInteraction(
        network.dora, TODAY, "video_call", topics=ix.split_topics("AI; hiring, AI"), hooks=" New team lead ",
        gave="Two CVs", received="", follow_up_on=TODAY + dt.timedelta(days=14)))
    entry = ix.timeline(con, network.dora)[0]
    assert entry.id == new_id
    assert (entry.channel, entry.in_person, entry.topics, entry.hooks, entry.gave, entry.received) == (
        "video_call", False, ("AI", "hiring"), "New team lead", "Two CVs", None)
    assert entry.follow_up_on == TODAY + dt.timedelta(days=14)


def test_in_person_follows_the_channel_unless_given(con: netzdb.Connection) -> None:
    network = seed_network(con)
    ix.log_interaction(con, ix.NewInteraction(network.emil, TODAY, "lunch"))
    ix.log_interaction(con, ix.NewInteraction(network.emil, TODAY, "call", in_person=True))
    ix.log_interaction(con, ix.NewInteraction(network.emil, TODAY, "meeting", in_person=False))
    assert sorted((e.channel, e.in_person) for e in ix.timeline(con, network.emil)) == [
        ("call", True), ("lunch", True), ("meeting", False)]


@pytest.mark.parametrize("entry_change, key", [
    ({"channel": "carrier_pigeon"}, "care.error_channel"),
    ({"follow_up_on": TODAY - dt.timedelta(days=1)}, "care.error_follow_up_before"),
    ({"contact_id": "nobody"}, "care.error_no_contact"),
])
def test_invalid_interactions_are_refused(con: netzdb.Connection, entry_change: dict[str, object], key: str) -> None:
    network = seed_network(con)
    values: dict[str, Any] = {"contact_id": network.dora, "occurred_on": TODAY, "channel": "call", **entry_change}
    with pytest.raises(ix.InteractionError) as error:
        ix.log_interaction(con, ix.NewInteraction(**values))
    assert error.value.key == key


def test_last_hooks_newest_first_skipping_empty_ones(con: netzdb.Connection) -> None:
    network = seed_network(con)
    met(con, network.anna, 30, hooks="Kids: Lena starts school")
    met(con, network.anna, 20, hooks="")
    met(con, network.anna, 10, hooks="Marathon in Berlin")
    assert [h.hooks for h in ix.last_hooks(con, network.anna, 2)] == ["Marathon in Berlin", "Kids: Lena starts school"]
    assert ix.hooks_for(con, [network.anna, network.emil], 1) == {network.anna: ["Marathon in Berlin"]}
    met(con, network.anna, 5, hooks="Kids: Lena starts school")
    assert ix.hooks_for(con, [network.anna], 3) == {network.anna: [
        "Kids: Lena starts school", "Marathon in Berlin", "Ask about the hydrogen pilot in Emden"]}


def test_give_and_take_balance_and_only_takes_flag(con: netzdb.Connection) -> None:
    network = seed_network(con)
    met(con, network.clara, 50, "call", received="Contact at the ministry")
    balance = ix.give_and_take(con, network.clara, TODAY)
    assert (balance.gave, balance.received, balance.last_received_on) == (0, 2, days_ago(50))
    assert balance.only_takes
    met(con, network.clara, 5, "email", gave="Article on tenders")
    balance = ix.give_and_take(con, network.clara, TODAY)
    assert (balance.gave, balance.last_gave_on, balance.only_takes) == (1, days_ago(5), False)
    assert not ix.give_and_take(con, network.anna, TODAY).only_takes


def test_the_list_finds_contacts_i_only_take_from(con: netzdb.Connection) -> None:
    network = seed_network(con)
    met(con, network.clara, 50, "call", received="Contact at the ministry")
    met(con, network.dora, 40, "call", received="A tip")
    met(con, network.dora, 30, "call", received="Another tip")
    met(con, network.dora, 800, "call", gave="Long ago")   # outside the two years: does not count
    takers = search_contacts(con, ContactFilter(only_takes=True), TODAY)
    assert [row.full_name for row in takers.rows] == ["Clara Schmidt", "Dora Düsentrieb"]


def test_follow_ups_due_and_done(con: netzdb.Connection) -> None:
    network = seed_network(con)
    late = ix.log_interaction(con, ix.NewInteraction(network.bert, days_ago(10), "call", hooks="Offer",
                                                     follow_up_on=days_ago(2)))
    ix.log_interaction(con, ix.NewInteraction(network.dora, TODAY, "call", follow_up_on=TODAY + dt.timedelta(days=30)))
    assert [(f.interaction_id, f.full_name) for f in ix.follow_ups_due(con, TODAY)] == [(late, "Bert Becker")]
    ix.complete_follow_up(con, late)
    assert ix.follow_ups_due(con, TODAY) == []

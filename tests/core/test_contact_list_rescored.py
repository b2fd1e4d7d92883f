"""After a logged interaction or a tier change, the contact list's page the cache keeps is brought up to date by
reading the changed contacts' rows again (contacts.page_rescored): what the list shows must be exactly what asking
anew shows, under every filter and order and on any page, wherever the contact stood."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from netzcore import care, connections, contacts, demo, interactions
from netzcore import db as netzdb
from netzui import data_cache

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, netzdb.Connection]]:
    path = tmp_path_factory.mktemp("list_rescored") / "netz.duckdb"
    con = netzdb.connect(path)
    demo.load_demo(con, contacts=300, today=TODAY)
    yield path, con
    con.close()
    connections.reset(path)


def _filters(con: netzdb.Connection) -> list[contacts.ContactFilter]:
    (tag,), = con.execute("SELECT tags[1] FROM contacts WHERE len(tags) > 0 LIMIT 1").fetchall()
    return [contacts.ContactFilter(), contacts.ContactFilter(query="a"), contacts.ContactFilter(tag=str(tag)),
            contacts.ContactFilter(levels=("management",)), contacts.ContactFilter(tiers=("A", "B")),
            contacts.ContactFilter(due_states=("overdue", "due")), contacts.ContactFilter(sort="due"),
            contacts.ContactFilter(sort="tier"), contacts.ContactFilter(only_takes=True)]


def _write(con: netzdb.Connection, path: Path, rnd: random.Random, contact_id: str) -> None:
    """A logged interaction (sometimes with something received) or a new tier, as the pages write them."""
    if rnd.random() < 0.5:
        (stored,), = con.execute("SELECT tier FROM contacts WHERE id = ?", [contact_id]).fetchall()
        with data_cache.keeping_through_a_tier_change(contact_id, path):
            care.change_tier(con, contact_id, rnd.choice([t for t in "ABCD" if t != stored]), "rescored test")
        return
    with data_cache.keeping_through_a_log_entry(contact_id, path):
        interactions.log_interaction(con, interactions.NewInteraction(
            contact_id=contact_id, occurred_on=TODAY - dt.timedelta(days=rnd.randrange(0, 200)), channel="call",
            in_person=False, received=rnd.choice(["", "an intro"])))


def test_the_list_after_log_entries_and_tier_changes_is_the_list_asked_anew(
        database: tuple[Path, netzdb.Connection]) -> None:
    path, con = database
    rnd = random.Random(14)
    asked = [(flt, offset) for flt in _filters(con) for offset in (0, 50)]
    for _ in range(24):
        pages = {(flt, offset): data_cache.cached_on(path, contacts.search_contacts, con, flt, TODAY, limit=50,
                                                     offset=offset) for flt, offset in asked}
        shown = [row.id for page in pages.values() for row in page.rows]
        everyone = [str(r[0]) for r in con.execute("SELECT id FROM contacts WHERE NOT archived").fetchall()]
        _write(con, path, rnd, rnd.choice(shown if rnd.random() < 0.7 else everyone))
        for flt, offset in asked:
            kept = data_cache.cached_on(path, contacts.search_contacts, con, flt, TODAY, limit=50, offset=offset)
            assert kept == contacts.search_contacts(con, flt, TODAY, limit=50, offset=offset), (flt, offset)


def test_a_logged_interaction_shows_on_the_kept_list_and_a_page_without_the_contact_is_not_asked_again(
        database: tuple[Path, netzdb.Connection]) -> None:
    path, con = database
    first = data_cache.cached_on(path, contacts.search_contacts, con, contacts.ContactFilter(), TODAY, limit=50)
    second = data_cache.cached_on(path, contacts.search_contacts, con, contacts.ContactFilter(), TODAY, limit=50,
                                  offset=50)
    overdue = next((row for row in first.rows if row.due_state == "overdue"), None)
    assert overdue is not None, "the demo's first page holds an overdue contact"
    with data_cache.keeping_through_a_log_entry(overdue.id, path):
        interactions.log_interaction(con, interactions.NewInteraction(
            contact_id=overdue.id, occurred_on=TODAY, channel="lunch", in_person=True))
    again = data_cache.cached_on(path, contacts.search_contacts, con, contacts.ContactFilter(), TODAY, limit=50)
    row = next(row for row in again.rows if row.id == overdue.id)
    assert row.due_state == "ok" and row.due_on is not None and row.due_on > TODAY
    assert [r.id for r in again.rows] == [r.id for r in first.rows] and again.total == first.total
    # the second page does not hold the contact: the page kept is the page shown, nothing asked again
    assert data_cache.cached_on(path, contacts.search_contacts, con, contacts.ContactFilter(), TODAY, limit=50,
                                offset=50) is second

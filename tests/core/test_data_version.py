"""Cached query results follow the data: a write, from any caller, makes the next read ask DuckDB again; reads and
temporary tables leave the cached result in use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netzcore import care, connections, contacts, events
from netzcore import db as netzdb
from netzui import data_cache


def _names(con: netzdb.Connection) -> list[str]:
    return [str(r[0]) for r in con.execute("SELECT full_name FROM contacts ORDER BY full_name").fetchall()]


def test_a_new_contact_shows_at_once_on_a_cached_list(tmp_path: Path) -> None:
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    try:
        data_cache.clear()
        contacts.create_contact(con, "Anna Berg")
        assert data_cache.cached_on(path, _names, con) == ["Anna Berg"]
        contacts.create_contact(con, "Bernd Christ")
        assert data_cache.cached_on(path, _names, con) == ["Anna Berg", "Bernd Christ"]
        con.execute("CHECKPOINT")
        con.execute("UPDATE contacts SET full_name = 'Anna Dorn' WHERE full_name = 'Anna Berg'")
        assert data_cache.cached_on(path, _names, con) == ["Anna Dorn", "Bernd Christ"]
    finally:
        con.close()


def test_reads_and_temporary_tables_keep_the_version(tmp_path: Path) -> None:
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    try:
        contacts.create_contact(con, "Anna Berg")
        before = connections.data_version(path)
        _names(con)
        con.execute("CREATE TEMP TABLE seen AS SELECT * FROM contacts")
        con.execute("DROP TABLE seen")
        assert connections.data_version(path) == before
        contacts.create_contact(con, "Bernd Christ")
        assert connections.data_version(path) != before
    finally:
        con.close()


def test_a_cached_result_is_served_again_while_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    calls: list[int] = []

    def counted(c: netzdb.Connection) -> list[str]:
        calls.append(1)
        return _names(c)

    try:
        data_cache.clear()
        contacts.create_contact(con, "Anna Berg")
        data_cache.cached_on(path, counted, con)
        data_cache.cached_on(path, counted, con)
        assert len(calls) == 1
        contacts.create_contact(con, "Bernd Christ")
        assert data_cache.cached_on(path, counted, con) == ["Anna Berg", "Bernd Christ"]
        assert len(calls) == 2
    finally:
        con.close()


def test_a_ranking_kept_through_an_outreach_write_but_not_through_a_tier_change(tmp_path: Path) -> None:
    """Asking someone for a coffee leaves the event's ranking as it was (it does not read the outreach list), so the
    page keeps it; a tier change moves the ranking and is shown at once."""
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    today = dt.date.today()
    calls: list[int] = []

    def ranking(c: netzdb.Connection, event_id: str) -> list[str]:
        calls.append(1)
        return [r.full_name for r in events.rank_contacts_for_event(c, event_id, today)]

    try:
        data_cache.clear()
        anna = contacts.create_contact(con, "Anna Berg", tier="B")
        contacts.create_contact(con, "Bernd Christ", tier="A")
        fair = events.create_event(con, events.EventDraft(name="Fair", kind="trade_fair", starts_on=today, ends_on=today))
        assert data_cache.cached_on(path, ranking, con, fair) == ["Bernd Christ", "Anna Berg"]
        with data_cache.keeping(ranking, path=path):
            events.add_to_plan(con, fair, [anna])
        assert data_cache.cached_on(path, ranking, con, fair) == ["Bernd Christ", "Anna Berg"]
        assert len(calls) == 1
        care.change_tier(con, anna, "A", "met at the fair")
        assert data_cache.cached_on(path, ranking, con, fair) == ["Anna Berg", "Bernd Christ"]
        assert len(calls) == 2
    finally:
        con.close()

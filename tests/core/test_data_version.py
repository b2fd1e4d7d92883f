"""Cached query results follow the data: a write, from any caller, makes the next read ask DuckDB again; reads and
temporary tables leave the cached result in use."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest

from netzcore import (
    care,
    connections,
    contacts,
    demo,
    events,
    goals,
    interactions,
    membership,
    profile,
    relationships,
    triage,
    upcoming,
)
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


def _rows(found: membership.Membership) -> list[tuple[object, ...]]:
    return sorted(found.table.to_pylist(), key=repr)


def test_membership_and_the_map_stay_through_a_log_entry_and_membership_through_a_tier_change(tmp_path: Path) -> None:
    """Logging an interaction made the goals page and the target map match every segment again (the costliest
    part of both); membership reads neither the log nor tiers, and the map counts tiers, not meetings. What is
    kept must be what a fresh computation finds."""
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    try:
        data_cache.clear()
        demo.load_demo(con, contacts=120)
        members = data_cache.cached_on(path, membership.members, con)
        cells = data_cache.cached_on(path, goals.target_map, con, shared=members)
        member = str(members.table.column("contact_id")[0])
        with data_cache.keeping_through_a_log_entry(member, path):
            interactions.log_interaction(con, interactions.NewInteraction(
                contact_id=member, occurred_on=dt.date.today(), channel="call", in_person=False))
        assert data_cache.cached_on(path, membership.members, con) is members
        assert _rows(membership.members(con)) == _rows(members)
        assert data_cache.cached_on(path, goals.target_map, con, shared=members) is cells
        assert goals.target_map(con, shared=members) == cells
        tier = "A" if contacts.get_contact(con, member).tier != "A" else "B"  # type: ignore[union-attr]
        with data_cache.keeping_through_a_tier_change(member, path):
            care.change_tier(con, member, tier, "met at the fair")
        assert data_cache.cached_on(path, membership.members, con) is members
        assert _rows(membership.members(con)) == _rows(members)
        moved = data_cache.cached_on(path, goals.target_map, con, shared=members)
        assert moved != cells and moved == goals.target_map(con, shared=members)   # the map is asked again
    finally:
        con.close()


class _AskingNothing:
    """A connection for reading a result the cache must already hold: asking DuckDB through it fails."""

    def execute(self, *_: object) -> None:
        raise AssertionError("asked DuckDB for a result that should have been kept")


def _kept(path: Path, query: Callable[..., object], *args: object) -> object:
    """The result the cache holds for `query(*args)` on the data as it is; fails if it has to ask DuckDB."""
    return data_cache.cached_on(path, query, cast(netzdb.Connection, _AskingNothing()), *args)


def test_todays_frame_stays_through_a_log_entry_and_a_tier_change_and_follows_the_sorting(tmp_path: Path) -> None:
    """Today opens with whether there are contacts at all, how many wait to be sorted and the meetings ahead, and
    signs greetings with the user's name; right after a logged interaction or a new tier these were asked again
    (6-11 ms of Today's run on 20,000 contacts).
    A log entry changes none of them; a tier sorts the contact, so the count waiting is asked again, and it is
    what the query answers."""
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    today = dt.date.today()
    try:
        data_cache.clear()
        demo.load_demo(con, contacts=60)
        (waiting,), = con.execute("SELECT id FROM contacts ORDER BY full_name LIMIT 1").fetchall()
        con.execute("UPDATE contacts SET triaged_at = NULL, sources = ['vcard'] WHERE id = ?", [waiting])
        con.execute("INSERT INTO calendar_meetings (uid, occurrence, contact_id, starts_at, channel, title) "
                    "VALUES ('u1', 'u1', ?, ?, 'meeting', 'Werksbesuch')",
                    [waiting, dt.datetime.combine(today + dt.timedelta(days=2), dt.time(10))])
        profile.save_profile(con, profile.Profile(full_name="Mara Vogt"))
        frame: list[tuple[Callable[..., object], tuple[object, ...]]] = [
            (demo.is_empty, ()), (triage.untriaged_count, ()), (upcoming.meetings_ahead, (today,)),
            (care.greeting_signature, ())]
        before = [data_cache.cached_on(path, query, con, *args) for query, args in frame]
        assert before[1] == 1 and [m.title for m in before[2]] == ["Werksbesuch"]  # type: ignore[attr-defined]
        with data_cache.keeping_through_a_log_entry(str(waiting), path):
            interactions.log_interaction(con, interactions.NewInteraction(
                contact_id=str(waiting), occurred_on=today, channel="call", in_person=False))
        for (query, args), kept in zip(frame, before, strict=True):
            if query is not upcoming.meetings_ahead:
                assert _kept(path, query, *args) == kept, query
                assert query(con, *args) == kept, query
        meetings = data_cache.cached_on(path, upcoming.meetings_ahead, con, today)
        assert meetings is not before[2]               # the meeting shows the hooks of the last talk: asked again
        with data_cache.keeping_through_a_tier_change(str(waiting), path):
            care.change_tier(con, str(waiting), "B", "met at the fair")
        assert _kept(path, demo.is_empty) is False
        assert _kept(path, care.greeting_signature) == "Mara Vogt"
        assert _kept(path, upcoming.meetings_ahead, today) is meetings
        assert upcoming.meetings_ahead(con, today) == meetings
        assert data_cache.cached_on(path, triage.untriaged_count, con) == triage.untriaged_count(con) == 0
    finally:
        con.close()


def test_a_snooze_asks_only_the_due_list_again(tmp_path: Path) -> None:
    """Snoozing from Today changes when one contact is due, nothing else: the next run finds the rest of Today, the
    membership and the target map as they were, and the due list without the contact."""
    path = tmp_path / "netz.duckdb"
    con = netzdb.connect(path)
    today = dt.date.today()
    try:
        data_cache.clear()
        demo.load_demo(con, contacts=120)
        due = data_cache.cached_on(path, care.due_list, con, today, limit=10)
        first = due.items[0].contact_id
        members = data_cache.cached_on(path, membership.members, con)
        kept = [(query, args, data_cache.cached_on(path, query, con, *args)) for query, args in (
            (interactions.follow_ups_due, (today,)), (care.upcoming_birthdays, (today,)), (demo.is_empty, ()),
            (goals.target_map, (members,)))]
        with data_cache.keeping_through_a_snooze(path):
            care.snooze(con, first, today + dt.timedelta(days=7), today)
        for query, args, before in kept:
            assert _kept(path, query, *args) == before == query(con, *args), query
        assert _kept(path, membership.members) is members
        after = data_cache.cached_on(path, care.due_list, con, today, limit=10)
        assert first not in {item.contact_id for item in after.items} and after.total == due.total - 1
    finally:
        con.close()


def _demo_with_a_fair(path: Path) -> tuple[netzdb.Connection, str]:
    """A demo network of 120 in the app's connection to `path`, nothing cached: a cursor and the next event."""
    con = connections.shared(path).cursor()
    data_cache.clear()
    demo.load_demo(con, contacts=120)
    (fair,), = con.execute("SELECT id FROM events WHERE starts_on >= current_date ORDER BY starts_on "
                           "LIMIT 1").fetchall()
    return con, str(fair)


def _sorted_rows(features: events.RankingFeatures) -> list[dict[str, object]]:
    return sorted(features.table.to_pylist(), key=lambda row: str(row["contact_id"]))


def test_a_ranking_follows_a_log_entry_and_a_tier_change_by_scoring_the_contact_again(tmp_path: Path) -> None:
    """After a logged interaction or a new tier, the event's ranking shown next is the ranking anew: the contacts'
    shares kept by the page are brought up to date by computing the contact's again, on the page and in the
    background, and a change of weights reads them too."""
    path = tmp_path / "netz.duckdb"
    today = dt.date.today()
    try:
        con, fair = _demo_with_a_fair(path)
        shared = data_cache.cached_on(path, membership.members, con)

        def features() -> events.RankingFeatures:
            return data_cache.cached_on(path, events.ranking_features, con, fair, today, shared=shared)

        def shown(weights: dict[str, float] | None = None) -> events.Ranking:
            return data_cache.cached_on(path, events.whom_to_meet, con, fair, today, weights, limit=10,
                                        features=features())

        first = shown()
        member = first.contacts[0].contact_id
        events.add_to_plan(con, fair, [member])
        setup = [(query, (fair,) if query in (events.event_goals, events.event_halls) else ())
                 for query in data_cache.EVENT_SETUP]
        kept = {query: data_cache.cached_on(path, query, con, *args) for query, args in setup}
        listed = data_cache.cached_on(path, events.list_plan, con, fair)
        with data_cache.keeping_through_a_log_entry(member, path):
            interactions.log_interaction(con, interactions.NewInteraction(
                contact_id=member, occurred_on=today, channel="call", in_person=False, received="an intro"))
        assert shown().contacts == events.whom_to_meet(con, fair, today, limit=10).contacts
        assert _sorted_rows(features()) == _sorted_rows(events.ranking_features(con, fair, today))
        for query, args in setup:     # an event's setup reads no contact, log or tier: kept, and still right
            assert data_cache.cached_on(path, query, con, *args) is kept[query]
            assert query(con, *args) == kept[query]
        plan = data_cache.cached_on(path, events.list_plan, con, fair)
        assert plan is not listed and plan == events.list_plan(con, fair)    # it reads the log: asked again
        with data_cache.keeping_through_a_tier_change(member, path):
            care.change_tier(con, member, "D", "met at the fair")
        assert data_cache.cached_on(path, events.list_plan, con, fair) is plan      # it reads no tier
        assert events.list_plan(con, fair) == plan
        waiting = data_cache._results[data_cache._key(path, events.ranking_features, (fair, today),
                                                      {"shared": shared})]
        assert isinstance(waiting, data_cache._Rescore) and waiting.contacts == {member}
        _after_a_run()                                   # computed again in the background
        ready = shown()
        assert not isinstance(features(), data_cache._Rescore)
        assert ready.contacts == events.whom_to_meet(con, fair, today, limit=10).contacts
        assert ready.contacts != first.contacts
        tried = {**events.DEFAULT_WEIGHTS, "tier": 0.0, "exhibitor": 80.0}
        assert shown(tried).contacts == events.whom_to_meet(con, fair, today, tried, limit=10).contacts
    finally:
        connections.reset(path)


def test_a_day_of_log_entries_keeps_only_the_latest_tables(tmp_path: Path) -> None:
    """Every log entry makes the event's shares anew (a new table of every contact); the cache keeps only the latest
    few tables and nothing computed from an older one, and the background refresh keeps no keys of older data (they
    hold the tables they were asked with), so memory does not grow with the day's work; the page still shows the
    ranking anew."""
    path = tmp_path / "netz.duckdb"
    today = dt.date.today()
    try:
        con, fair = _demo_with_a_fair(path)

        def shown() -> events.Ranking:
            shared = data_cache.cached_on(path, membership.members, con)
            features = data_cache.cached_on(path, events.ranking_features, con, fair, today, shared=shared)
            return data_cache.cached_on(path, events.whom_to_meet, con, fair, today, limit=10, features=features)

        for day in range(data_cache.MAX_TABLES + 4):
            member = shown().contacts[day % 3].contact_id
            with data_cache.keeping_through_a_log_entry(member, path):
                interactions.log_interaction(con, interactions.NewInteraction(
                    contact_id=member, occurred_on=today, channel="call", in_person=False, gave=f"tip {day}"))
            _after_a_run()
        assert shown().contacts == events.whom_to_meet(con, fair, today, limit=10).contacts
        version = connections.data_version(path)
        assert all(key[2] == version for key in data_cache.refresher._tried)
        tables = [table for table in map(data_cache._table, data_cache._results.values()) if table is not None]
        kept = {id(table) for table in tables}
        assert 2 <= len(kept) <= data_cache.MAX_TABLES
        for call in data_cache._calls.values():      # nothing computed from a table that went
            used = [*call.args, *call.kwargs.values()]
            assert all(id(value) in kept for value in used
                       if isinstance(value, membership.Membership | events.RankingFeatures))
    finally:
        connections.reset(path)


def test_today_and_the_contact_list_stay_through_asking_booking_and_a_segment_save(tmp_path: Path) -> None:
    """Asking for a coffee, booking the slot and saving a segment with new rules touch nothing Today or the contact
    list show: their results stay in use and are still what the queries answer; the outreach list is asked again."""
    path = tmp_path / "netz.duckdb"
    today = dt.date.today()
    try:
        con, fair = _demo_with_a_fair(path)
        event = events.get_event(con, fair)
        assert event is not None
        calls: list[tuple[Callable[..., object], tuple[object, ...], dict[str, object]]] = [
            (care.due_list, (today,), {"limit": 10}),
            (care.upcoming_birthdays, (today,), {"within_days": 30, "limit": 30}),
            (interactions.follow_ups_due, (today,), {"limit": 15}),
            (care.job_changes, (today,), {}),
            (relationships.open_introductions, (), {"limit": 10}),
            (contacts.search_contacts, (contacts.ContactFilter(), today), {"limit": 50}),
            (demo.is_empty, (), {}), (triage.untriaged_count, (), {}), (upcoming.meetings_ahead, (today,), {}),
            (profile.get_profile, (), {}), (care.greeting_signature, (), {})]
        assert [query for query, _, _ in calls] == list(data_cache.PEOPLE_PAGES)
        kept: list[object] = [data_cache.cached_on(path, query, con, *args, **kwargs) for query, args, kwargs in calls]
        listed = data_cache.cached_on(path, events.list_plan, con, fair)
        asked = events.whom_to_meet(con, fair, today, limit=1).contacts[0].contact_id
        with data_cache.keeping_through_an_outreach_write(path):
            events.add_to_plan(con, fair, [asked])
        start = dt.datetime.combine(event.starts_on, dt.time(10))
        with data_cache.keeping_through_an_outreach_write(path):
            events.save_settings(con, event, events.ScheduleSettings(days=(event.starts_on,)))
            report = events.book_slots(con, fair, [events.SlotChoice(asked, start, start + dt.timedelta(minutes=30))])
        assert report.booked
        segment = goals.list_segments(con)[0]
        with data_cache.keeping(*data_cache.PEOPLE_PAGES, path=path):
            goals.save_segment(con, replace(segment, keywords=(*segment.keywords, "vorstand")))
        for (query, args, kwargs), before in zip(calls, kept, strict=True):
            assert data_cache.cached_on(path, query, con, *args, **kwargs) is before, query
            assert query(con, *args, **kwargs) == before, query
        plan = data_cache.cached_on(path, events.list_plan, con, fair)
        assert plan is not listed and {e.contact_id for e in plan} == {e.contact_id for e in listed} | {asked}
    finally:
        connections.reset(path)


def _after_a_run() -> None:
    """What the app does around every script run: the refresher waits during it and goes on after it."""
    with data_cache.refresher.script_run():
        pass
    assert data_cache.refresher.idle(60), "the background refresh did not finish"


def test_after_a_write_the_next_page_finds_its_results_ready(tmp_path: Path) -> None:
    """After a write and a pause, the queries the pages asked before are answered on the new data without asking
    DuckDB while the page runs; a result built on another result (the shared membership) is built on the new one."""
    path = tmp_path / "netz.duckdb"
    con = connections.shared(path).cursor()
    calls: list[str] = []

    def names(c: netzdb.Connection) -> list[str]:
        calls.append("names")
        return _names(c)

    def members_of(c: netzdb.Connection, shared: membership.Membership) -> int:
        calls.append("members_of")
        return shared.table.num_rows + len(_names(c))

    try:
        data_cache.clear()
        contacts.create_contact(con, "Anna Berg")
        shared = data_cache.cached_on(path, membership.members, con)
        assert data_cache.cached_on(path, members_of, con, shared) == shared.table.num_rows + 1
        assert data_cache.cached_on(path, names, con) == ["Anna Berg"]
        contacts.create_contact(con, "Bernd Christ")
        calls.clear()
        _after_a_run()
        assert sorted(calls) == ["members_of", "names"]        # asked again in the background
        calls.clear()
        assert data_cache.cached_on(path, names, con) == ["Anna Berg", "Bernd Christ"]
        new_shared = data_cache.cached_on(path, membership.members, con)
        assert new_shared is not shared
        assert data_cache.cached_on(path, members_of, con, new_shared) == new_shared.table.num_rows + 2
        assert calls == []                                      # the page asked DuckDB nothing
    finally:
        connections.reset(path)


def test_a_script_run_does_not_wait_for_the_background_query(tmp_path: Path) -> None:
    """A run that starts while the refresher asks a long query stops that query: the run goes on at once. After
    the run the query is asked again, and the next page finds its result."""
    path = tmp_path / "netz.duckdb"
    con = connections.shared(path).cursor()
    started = threading.Event()
    calls: list[int] = []

    def long_on_two(c: netzdb.Connection) -> int:
        calls.append(1)
        count = len(_names(c))
        if count > 1 and not started.is_set():
            started.set()
            c.execute("SELECT count(*) FROM range(1000000000000) a").fetchall()   # hours, unless stopped
        return count

    try:
        data_cache.clear()
        contacts.create_contact(con, "Anna Berg")
        assert data_cache.cached_on(path, long_on_two, con) == 1
        contacts.create_contact(con, "Bernd Christ")
        data_cache.refresher.run_started()
        data_cache.refresher.run_ended()
        assert started.wait(60), "the refresher did not ask the query again"
        begun = time.monotonic()
        data_cache.refresher.run_started()          # the query is stopped, not waited for
        held = time.monotonic() - begun
        data_cache.refresher.run_ended()
        assert held < 30, f"a script run waited {held:.0f} s for the background query"
        assert data_cache.refresher.idle(60)
        assert len(calls) == 3                      # the page's, the one stopped, the one asked again after the run
        assert data_cache.cached_on(path, long_on_two, con) == 2
        assert len(calls) == 3                      # the page found it ready
    finally:
        connections.reset(path)


def test_a_file_let_go_is_not_opened_again_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "netz.duckdb"
    con = connections.shared(path).cursor()
    data_cache.clear()
    contacts.create_contact(con, "Anna Berg")
    data_cache.cached_on(path, _names, con)
    contacts.create_contact(con, "Bernd Christ")
    connections.reset(path)
    _after_a_run()
    assert path not in [p for p, _ in connections.open_files()]


def test_two_sessions_starting_a_run_at_once_never_find_the_connection_busy(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every script run first asks the shared connection whether it still works. Asked on the connection itself,
    two runs starting at once (two tabs of the app) made DuckDB refuse one with
    "connection is busy", and the user saw Streamlit's error page."""
    import netzui

    monkeypatch.setenv("NETZ_DB", str(tmp_path / "netz.duckdb"))
    failures: list[BaseException] = []

    def runs() -> None:
        for _ in range(3_000):
            try:
                netzui.open_database()
            except BaseException as error:  # noqa: BLE001 (collected: the assertion names them)
                failures.append(error)

    try:
        threads = [threading.Thread(target=runs) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
    finally:
        connections.reset(tmp_path / "netz.duckdb")


_EXIT_DURING_A_REFRESH = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from netzcore import connections
    from netzui import data_cache

    path = Path(sys.argv[1])
    con = connections.shared(path).cursor()
    con.execute("CREATE TABLE size AS SELECT 0 AS n")

    def counted(c):   # instant on n = 0, minutes on n = 1
        return c.execute("SELECT count(*) FROM range((SELECT n FROM size) * 10000000000)").fetchall()

    data_cache.cached_on(path, counted, con)
    con.execute("UPDATE size SET n = 1")
    with data_cache.refresher.script_run():
        pass
    time.sleep(data_cache.QUIET_SECONDS + 1.0)   # the refresher is inside DuckDB now
    print("leaving", flush=True)
""")


def test_the_app_exits_cleanly_while_a_query_is_asked_again_in_the_background(tmp_path: Path) -> None:
    """Stopping the app (Ctrl+C) while the background refresh runs a query ends the process normally: Python
    stops a daemon thread inside DuckDB at exit by unwinding it, which aborted the process ("terminate called")."""
    done = subprocess.run([sys.executable, "-c", _EXIT_DURING_A_REFRESH, str(tmp_path / "netz.duckdb")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip() == "leaving", done.stderr
    assert done.returncode == 0, done.stderr
    assert "terminate called" not in done.stderr


def test_a_run_starting_while_the_background_query_s_file_is_already_closed_raises_nothing(tmp_path: Path) -> None:
    """At exit the refresher's stop (registered with atexit) met a connection closed before it and printed
    "Exception ignored in atexit callback ... Connection already closed"; a closed file has nothing to stop."""
    con = netzdb.connect(tmp_path / "netz.duckdb")
    cursor = con.cursor()
    con.close()
    refresher = data_cache.Refresher()
    refresher._cursor, refresher._working = cursor, True   # the query's cursor, as the loop holds it

    def query_ends() -> None:
        time.sleep(0.05)
        with refresher._state:
            refresher._working = False
            refresher._state.notify_all()

    ending = threading.Thread(target=query_ends)
    ending.start()
    refresher.run_started()
    ending.join()
    assert refresher._runs == 1

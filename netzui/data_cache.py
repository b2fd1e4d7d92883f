"""Query results kept while the data stays the same: a page switch or a rerun that changed nothing reads them
again instead of asking DuckDB.

The key is the query, its arguments and the database's data version (`netzcore.connections.data_version`): any
write, wherever it comes from, starts a new version, and so does a new day, so a cached result is never older than
the data. A write that names the queries it cannot change (`keeping`) carries their results over to the new version;
a write that changes only some contacts' own rows carries the contacts' shares of an event's ranking and the contact
list's page over with those contacts to compute again when next asked (`_Rescore`), a fraction of computing everyone's.
The results are the core's frozen records; pages only read them. One process serves one user, so the cache is shared
by the sessions of the process and holds the last few results only.

After a write, the results the pages asked for lately are asked again in the background while no script run is
going on (`Refresher`): the next page the user opens finds its data ready instead of computing it. A run that starts
stops the background query at once (DuckDB's interrupt) and has the machine to itself; the query stopped is asked
again after it.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

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

R = TypeVar("R")
MAX_ENTRIES = 96      # the results of every page twice over: the data as it was and as the refresher made it again
# Results holding a table of every contact (segment membership, an event's ranking shares: 5-7 MB each on 20,000
# contacts) are kept for the data as it is and as it was before the last write, for two events: the latest few only.
MAX_TABLES = 6

QUIET_SECONDS = 0.5   # the refresher starts once the user has paused this long after a script run
INTERRUPTED_RETRIES = 3   # a query stopped by runs this often waits for the next write (or the page asks for it)
Key = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class _Rescore:
    """A result from before writes that changed only these contacts' own rows, to be brought up to date with
    `again(con, before, contacts, *args, **kwargs)` when asked (None from it: ask the query itself)."""

    before: Any
    contacts: frozenset[str]
    again: Callable[..., Any]


def _name(query: Callable[..., object]) -> tuple[str, str]:
    """How a query is known in a cache key."""
    return query.__module__, query.__qualname__


# The queries whose results can be brought up to date contact by contact, and how.
_RESCORED: dict[Hashable, Callable[..., Any]] = {
    _name(events.ranking_features): events.features_rescored,
    _name(events.scores_for): events.scores_rescored,
    _name(contacts.search_contacts): contacts.page_rescored,
}


@dataclass(frozen=True, slots=True)
class _Call:
    """How a cached result was asked for, to ask it again on newer data."""

    query: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


_lock = threading.Lock()
_results: OrderedDict[Key, Any] = OrderedDict()
_calls: dict[Key, _Call] = {}
_log = logging.getLogger(__name__)


def _hashable(value: object) -> Hashable:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted((_hashable(v) for v in value), key=repr))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def cached(query: Callable[..., R], con: netzdb.Connection, *args: Any, **kwargs: Any) -> R:
    """`query(con, *args, **kwargs)` on the page's database, or its result from an earlier call on the same data."""
    from netzui import database_path  # netzui's pages import this module; resolved at call time

    return cached_on(database_path(), query, con, *args, **kwargs)


def _key(path: Path, query: Callable[..., object], args: tuple[Any, ...],
         kwargs: Mapping[str, Any]) -> Key:
    return _key_of(_Call(query, args, kwargs), connections.data_version(path), dt.date.today())


def _key_of(call: _Call, version: tuple[object, ...], today: dt.date) -> Key:
    # today's date too: a query that reads the clock itself (an overdue contact, an active goal) changes at midnight
    return (*_name(call.query), version, today, _hashable(call.args), _hashable(call.kwargs))


def cached_on(path: Path, query: Callable[..., R], con: netzdb.Connection, *args: Any, **kwargs: Any) -> R:
    """`query(con, *args, **kwargs)`, `con` being a cursor on the database at `path`, or its earlier result."""
    key = _key(path, query, args, kwargs)
    found = None
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            found = _results[key]
            if not isinstance(found, _Rescore):
                return found
    call = _Call(query, args, dict(kwargs))
    result = _answer(con, call, found)
    _store(key, result, call)
    return result


def _answer(con: netzdb.Connection, call: _Call, found: object) -> Any:
    """The call's result, from a result waiting to be scored again where there is one."""
    if isinstance(found, _Rescore):
        again = found.again(con, found.before, found.contacts, *call.args, **call.kwargs)
        if again is not None:
            return again
    return call.query(con, *call.args, **call.kwargs)


def _store(key: Key, result: object, call: _Call) -> None:
    with _lock:
        _results[key] = result
        _calls[key] = call
        while len(_results) > MAX_ENTRIES:
            old, _ = _results.popitem(last=False)
            _calls.pop(old, None)
        _forget_old_tables()


def _table(result: object) -> object | None:
    """The table of every contact a result is or waits to bring up to date, else None."""
    found = result.before if isinstance(result, _Rescore) else result
    return found if isinstance(found, membership.Membership | events.RankingFeatures) else None


def _forget_old_tables() -> None:
    """Only the MAX_TABLES most recently used tables stay (under _lock), and with an older table go the results
    computed from it: a page asks them again with the table of its data. Each write makes new tables (the shares
    of a contact computed again are a new table), and without this a day's work would keep hundreds of MB."""
    tables: list[object] = []
    for result in reversed(_results.values()):
        table = _table(result)
        if table is not None and not any(table is kept for kept in tables):
            tables.append(table)
    gone = {id(table) for table in tables[MAX_TABLES:]}
    if not gone:
        return
    for key in list(_results):
        call = _calls.get(key)
        used = (*call.args, *call.kwargs.values()) if call else ()
        table = _table(_results[key])
        if (table is not None and id(table) in gone) or any(id(value) in gone for value in used):
            del _results[key]
            _calls.pop(key, None)


def shared_members(con: netzdb.Connection) -> membership.Membership:
    """Segment membership of the data as it is: computed once for the goals page, the target map and the way in."""
    return cached(membership.members, con)


def _known(query: Callable[..., object], *args: Any, **kwargs: Any) -> object | None:
    """What `cached(query, con, *args, **kwargs)` holds for the page's data as it is, else None; never computed."""
    from netzui import database_path

    key = _key(database_path(), query, args, kwargs)
    with _lock:
        return _results.get(key)


def members_if_known() -> membership.Membership | None:
    """The membership a page has computed for the data as it is, else None: for a query that needs less than all of
    it (the event ranking matches only its goals' segments; the segment list only counts)."""
    found = _known(membership.members)
    return found if isinstance(found, membership.Membership) else None


def event_shares(con: netzdb.Connection, event_id: str, today: dt.date) -> events.RankingFeatures:
    """The contacts' shares of the event's ranking on the data as it is, matched with the membership a page has
    computed where there is one."""
    return cached(events.ranking_features, con, event_id, today, shared=members_if_known())


def event_shares_if_known(event_id: str, today: dt.date) -> events.RankingFeatures | None:
    """The shares `event_shares` has computed for the data as it is, else None (not asked, or some contacts' still
    to compute again): what reads a few contacts' scores computes them itself then, rather than everyone's."""
    found = _known(events.ranking_features, event_id, today, shared=members_if_known())
    return found if isinstance(found, events.RankingFeatures) else None


@contextlib.contextmanager
def keeping(*queries: Callable[..., object], path: Path | None = None,
            rescoring: Collection[str] = ()) -> Iterator[None]:
    """Around a write that touches no table these queries read (an outreach list, a booked slot: the event's
    ranking reads neither): their results cached before the write stay valid under the data version after it,
    so the run after the action does not compute them again. `rescoring`: the contacts whose own rows the write
    changes and nothing else; the results of the `_RESCORED` queries are carried over with them, to be scored again
    when asked. `path`: the page's database unless given."""
    from netzui import database_path

    path = path or database_path()
    before = connections.data_version(path)
    yield
    after = connections.data_version(path)
    names = {_name(query) for query in queries}
    again: Mapping[Hashable, Callable[..., Any]] = _RESCORED if rescoring else {}
    with _lock:
        for key in [k for k in _results if k[2] == before and (k[:2] in names or k[:2] in again)]:
            result = _results[key]
            if key[:2] not in names:
                result = (_Rescore(result.before, result.contacts | frozenset(rescoring), result.again)
                          if isinstance(result, _Rescore) else _Rescore(result, frozenset(rescoring), again[key[:2]]))
            kept = (*key[:2], after, *key[3:])
            _results[kept] = result
            _calls[kept] = _calls[key]


# Segment membership reads organisations, titles, departments, tags, topics, the archived flag and manual assignments,
# never the log or a tier; the target map counts tiers, never meetings (tests/core/test_data_version.py holds them to it).
_BESIDE_THE_LOG_AND_TIERS = (membership.members, goals.segment_member_counts, goals.list_goals, goals.list_segments)
# An event's own setup (the events with their goals, the goals it serves, its halls, the ranking weights) reads no
# contact, log, tier, segment or outreach list; the outreach list reads contacts' names and the log, never a tier.
EVENT_SETUP = (events.list_events, events.event_goals, events.event_halls, events.load_weights)
# An event's ranking (the contacts' shares, the ranked page, the outreach list's scores) reads no outreach list, no
# schedule and of a segment only its rules.
EVENT_RANKING = (events.ranking_features, events.whom_to_meet, events.scores_for)
# Whether there are contacts at all, and how many wait to be sorted: an import, the demo, a merge or a deleted contact
# changes either, and sorting (a tier) the second; never the log.
_THE_NETWORK_AT_ALL = (demo.is_empty, triage.untriaged_count)
# The user's own profile (Settings, the greetings' signature): written on Settings alone.
_THE_USER = (profile.get_profile, care.greeting_signature)
# Today and the contact list read contacts, the log, tiers, careers, introductions, the calendar's meetings and the
# user's profile: never an event, its outreach list, a schedule's settings or a segment.
PEOPLE_PAGES = (care.due_list, care.upcoming_birthdays, interactions.follow_ups_due, care.job_changes,
                relationships.open_introductions, contacts.search_contacts, *_THE_NETWORK_AT_ALL,
                upcoming.meetings_ahead, *_THE_USER)
# The goals page and the target map read goals, segments, contacts, tiers and the log: never an event's list.
_GOALS_PAGES = (*_BESIDE_THE_LOG_AND_TIERS, goals.goal_progress, goals.progress_history, goals.target_map,
                goals.cell_contacts)


def keeping_through_a_log_entry(contact_id: str, path: Path | None = None) -> contextlib.AbstractContextManager[None]:
    """Around logging an interaction: the goals page and the target map keep their membership and map, and the
    event rankings' shares are computed again for the contact."""
    return keeping(*_BESIDE_THE_LOG_AND_TIERS, *EVENT_SETUP, goals.target_map, *_THE_NETWORK_AT_ALL, *_THE_USER,
                   path=path, rescoring=(contact_id,))


def keeping_through_an_outreach_write(path: Path | None = None) -> contextlib.AbstractContextManager[None]:
    """Around a write to an event's outreach list or its schedule's settings alone (asking, booking): only the
    list itself and what reads it (the event's steps after the ranking, its agenda) are asked again."""
    return keeping(*EVENT_SETUP, *EVENT_RANKING, *PEOPLE_PAGES, *_GOALS_PAGES, path=path)


def keeping_through_a_tier_change(contact_id: str,
                                  path: Path | None = None) -> contextlib.AbstractContextManager[None]:
    """Around a contact's new tier: segment membership (the costly part of goals, map and ranking) stays, and the
    event rankings' shares are computed again for the contact."""
    return keeping(*_BESIDE_THE_LOG_AND_TIERS, *EVENT_SETUP, events.list_plan, demo.is_empty, upcoming.meetings_ahead,
                   *_THE_USER, path=path, rescoring=(contact_id,))


def keeping_through_a_snooze(path: Path | None = None) -> contextlib.AbstractContextManager[None]:
    """Around snoozing a contact: only the due list reads `contacts.snoozed_until`."""
    return keeping(*EVENT_SETUP, *EVENT_RANKING, events.list_plan, *_GOALS_PAGES,
                   *(query for query in PEOPLE_PAGES if query is not care.due_list), path=path)


def clear() -> None:
    with _lock:
        _results.clear()
        _calls.clear()
    refresher.forget()          # not under _lock: the refresher takes its own lock first, then _lock


# --- asked again after a write ----------------------------------------------------------------------------------


def _same_call(key: Key) -> Key:
    """The key without its data version: the same query with the same arguments on the same file (the version's
    first part is the file's path) and day."""
    version = key[2]
    assert isinstance(version, tuple)
    return (*key[:2], version[0], *key[3:])


def _with_version(key: Key, version: tuple[object, ...]) -> Key:
    return (*key[:2], version, *key[3:])


@dataclass(frozen=True, slots=True)
class _Refresh:
    key: Key                  # where the result is stored: the call with its new arguments on the new data
    stale: Key                # the call as it was asked, on the new data: asked again once per version
    path: Path
    call: _Call


def _traceable(value: object) -> bool:
    """Whether an argument can be recognised as an earlier result by its identity (None, numbers, strings and
    empty collections are shared objects that any call may pass)."""
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return False
    try:
        return len(value) > 0  # type: ignore[arg-type]
    except TypeError:
        return True


def _next_refresh(tried: set[Key]) -> _Refresh | None:
    """The most recently used result whose data has changed since, with its arguments on the new data; None when
    every result is current. An argument that was itself a cached result (the shared membership, an event's
    outreach list) is taken from the new data, asked first when it is not there yet."""
    today = dt.date.today()
    files = {str(path): path for path, _ in connections.open_files()}
    versions = {text: connections.data_version(path) for text, path in files.items()}
    with _lock:
        newest: dict[Key, Key] = {}
        for key in reversed(_results):
            newest.setdefault(_same_call(key), key)
        made_by = {id(result): key for key, result in _results.items() if _traceable(result)}
        asked: set[Key] = set()
        for same, key in newest.items():
            path_text = str(same[2])
            if key[3] != today or path_text not in files or same[:3] in asked:
                continue
            asked.add(same[:3])       # the latest call of each query only: older ones showed older states
            current = versions[path_text]
            stale = _with_version(key, current)
            if key[2] == current:                # up to date, unless some contacts are still to be scored again
                if isinstance(_results[key], _Rescore) and key not in tried:
                    return _Refresh(key, key, files[path_text], _calls[key])
                continue
            if stale in tried:
                continue
            swapped = _swap_results(_calls[key], made_by, newest, current)
            if isinstance(swapped, _Call):
                fresh = _key_of(swapped, current, today)
                if fresh in _results:
                    tried.add(stale)
                    continue
                return _Refresh(fresh, stale, files[path_text], swapped)
            missing = swapped
            if missing is not None and missing not in tried:  # an argument's own query first, as it was asked
                return _Refresh(missing, missing, files[path_text], _calls[newest[_same_call(missing)]])
            tried.add(stale)                                   # an argument that cannot be had on the new data
    return None


def _swap_results(call: _Call, made_by: Mapping[int, Key], newest: Mapping[Key, Key],
                  current: tuple[object, ...]) -> _Call | Key | None:
    """`call` with every argument that was a cached result replaced by that query's result on the current data;
    the key still to compute when one is missing, None when the argument's query is no longer known."""

    def fresh(value: Any) -> tuple[bool, Any]:
        key = made_by.get(id(value)) if _traceable(value) else None
        if key is None or key[2] == current:
            return True, value
        if _same_call(key) not in newest:
            return False, None
        wanted = _with_version(key, current)
        if wanted in _results:
            return True, _results[wanted]
        return False, wanted

    args = []
    for value in call.args:
        found, new = fresh(value)
        if not found:
            return new
        args.append(new)
    kwargs = {}
    for name, value in call.kwargs.items():
        found, new = fresh(value)
        if not found:
            return new
        kwargs[name] = new
    return _Call(call.query, tuple(args), kwargs)


class Refresher:
    """Asks the pages' recent queries again on the new data while no script run is going on. `run_started` stops
    a background query at once and waits until the refresher has let go; `run_ended` lets it go on."""

    def __init__(self) -> None:
        self._state = threading.Condition()
        self._runs = 0
        self._ended = 0.0
        self._wanted = False
        self._cursor: netzdb.Connection | None = None
        self._working = False
        self._tried: set[Key] = set()
        self._interrupted: dict[Key, int] = {}
        self._thread: threading.Thread | None = None

    def run_started(self) -> None:
        with self._state:
            self._runs += 1
            while self._working:      # a query function may run several statements: each one is stopped
                if self._cursor is not None:
                    with contextlib.suppress(duckdb.Error):   # its connection closed (at exit): nothing runs on it
                        self._cursor.interrupt()
                self._state.wait(0.005)

    @contextlib.contextmanager
    def script_run(self) -> Iterator[None]:
        """Around a page's script run: the refresher waits for it to end."""
        self.run_started()
        try:
            yield
        finally:
            self.run_ended()

    def run_ended(self) -> None:
        with self._state:
            self._runs = max(0, self._runs - 1)
            self._ended = time.monotonic()
            self._wanted = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="netz-refresh", daemon=True)
                self._thread.start()
                # at exit, the query in progress is stopped and no other started, as for a run: Python stops a
                # daemon thread inside DuckDB's C++ at exit by unwinding it, which aborts the process
                atexit.register(self.run_started)
            self._state.notify_all()

    def forget(self) -> None:
        with self._state:
            self._tried.clear()
            self._interrupted.clear()

    def _forget_older_tries(self) -> None:
        """Tries on data that has changed since are of no use again (under _state), and their keys hold what they
        were asked with, such as a table of every contact that the cache itself has let go."""
        versions: dict[object, tuple[object, ...]] = {}

        def current(key: Key) -> bool:
            version = key[2]
            assert isinstance(version, tuple)
            if version[0] not in versions:
                versions[version[0]] = connections.data_version(Path(str(version[0])))
            return version == versions[version[0]]

        self._tried = {key for key in self._tried if current(key)}
        self._interrupted = {key: times for key, times in self._interrupted.items() if current(key)}

    def idle(self, timeout: float) -> bool:
        """Wait until nothing is left to ask again (for tests); False if still working after `timeout` seconds."""
        with self._state:
            return self._state.wait_for(lambda: not self._wanted and not self._working, timeout)

    def _loop(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: self._wanted and not self._runs)
                quiet = self._ended + QUIET_SECONDS - time.monotonic()
                if quiet > 0:         # a click often brings a second run: the refresher starts after both
                    self._state.wait(quiet)
                    continue
                self._forget_older_tries()
                try:
                    refresh = _next_refresh(self._tried)
                except Exception:  # noqa: BLE001 (a file let go while looked at: the pages ask for themselves)
                    _log.debug("nothing asked again", exc_info=True)
                    refresh = None
                if refresh is None:
                    self._wanted = False
                    self._state.notify_all()
                    continue
                self._tried.add(refresh.stale)
                root = dict(connections.open_files()).get(refresh.path)
                if root is None:
                    continue
                cursor = self._cursor = root.cursor()
                self._working = True
            interrupted = False
            try:
                interrupted = self._ask(refresh, cursor)
            finally:
                with contextlib.suppress(duckdb.Error):
                    cursor.close()        # still working: nothing of DuckDB's runs here once a run may start
                with self._state:
                    self._cursor = None
                    self._working = False
                    if interrupted:       # stopped for a run: asked again after it, a few times at most
                        times = self._interrupted[refresh.stale] = self._interrupted.get(refresh.stale, 0) + 1
                        if times < INTERRUPTED_RETRIES:
                            self._tried.discard(refresh.stale)
                    self._state.notify_all()

    @staticmethod
    def _ask(refresh: _Refresh, cursor: netzdb.Connection) -> bool:
        """Ask one query again and keep its result; True when a run stopped it."""
        before = connections.data_version(refresh.path)
        if refresh.stale[2] != before:
            return False                   # written again since: the next round asks on the newer data
        with _lock:
            found = _results.get(refresh.key)
        try:
            result = _answer(cursor, refresh.call, found)
        except duckdb.InterruptException:
            return True
        except Exception:  # noqa: BLE001 (the file went away, or the query failed: the page asks itself)
            _log.debug("not asked again: %s", refresh.call.query, exc_info=True)
            return False
        if connections.data_version(refresh.path) == before:
            _store(refresh.key, result, refresh.call)
        return False


refresher = Refresher()

"""Query results kept while the data stays the same: a page switch or a rerun that changed nothing reads them
again instead of asking DuckDB.

The key is the query, its arguments and the database's data version (`netzcore.connections.data_version`): any
write, wherever it comes from, starts a new version, and so does a new day, so a cached result is never older than
the data. A write that names the queries it cannot change (`keeping`) carries their results over to the new version.
The results are the core's frozen records; pages only read them. One process serves one user, so the cache is shared
by the sessions of the process and holds the last few results only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from netzcore import connections, membership
from netzcore import db as netzdb

R = TypeVar("R")
MAX_ENTRIES = 64

_lock = threading.Lock()
_results: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()


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
         kwargs: Mapping[str, Any]) -> tuple[Hashable, ...]:
    version = connections.data_version(path)
    # today's date too: a query that reads the clock itself (an overdue contact, an active goal) changes at midnight
    return query.__module__, query.__qualname__, version, dt.date.today(), _hashable(args), _hashable(kwargs)


def cached_on(path: Path, query: Callable[..., R], con: netzdb.Connection, *args: Any, **kwargs: Any) -> R:
    """`query(con, *args, **kwargs)`, `con` being a cursor on the database at `path`, or its earlier result."""
    key = _key(path, query, args, kwargs)
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key]
    result = query(con, *args, **kwargs)
    with _lock:
        _results[key] = result
        while len(_results) > MAX_ENTRIES:
            _results.popitem(last=False)
    return result


def shared_members(con: netzdb.Connection) -> membership.Membership:
    """Segment membership of the data as it is: computed once for the goals page, the target map and the way in."""
    return cached(membership.members, con)


def members_if_known() -> membership.Membership | None:
    """The membership a page has computed for the data as it is, else None: for a query that needs less than all of
    it (the event ranking matches only its goals' segments; the segment list only counts)."""
    from netzui import database_path

    with _lock:
        return _results.get(_key(database_path(), membership.members, (), {}))


@contextlib.contextmanager
def keeping(*queries: Callable[..., object], path: Path | None = None) -> Iterator[None]:
    """Around a write that touches no table these queries read (an outreach list, a booked slot: the event's
    ranking reads neither): their results cached before the write stay valid under the data version after it,
    so the run after the action does not compute them again. `path`: the page's database unless given."""
    from netzui import database_path

    path = path or database_path()
    before = connections.data_version(path)
    yield
    after = connections.data_version(path)
    names = {(query.__module__, query.__qualname__) for query in queries}
    with _lock:
        for key in [k for k in _results if k[2] == before and k[:2] in names]:
            _results[(*key[:2], after, *key[3:])] = _results[key]


def clear() -> None:
    with _lock:
        _results.clear()

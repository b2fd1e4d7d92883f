"""One DuckDB connection per database file and process, shared by everything in the process that needs it.

DuckDB lets one process hold a file. The app's pages (through netzui's `db()`) and the app's own HTTP routes (the
calendar feed) therefore take their cursors from this registry instead of opening the file themselves. Each
caller works on its own `cursor()`: cursors may run on different threads, the connection itself is shared.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

import duckdb

from netzcore import db as netzdb

MAX_OPEN = 4          # files held open at once (tests open many); the least recently used one is let go

_lock = threading.Lock()
_open: OrderedDict[Path, netzdb.Connection] = OrderedDict()


def shared(path: str | os.PathLike[str] | None = None) -> netzdb.Connection:
    """The process-wide connection to the file (opened and migrated on first use)."""
    resolved = netzdb.resolve_path(path)
    with _lock:
        con = _open.get(resolved)
        if con is None:
            con = netzdb.connect(resolved, full_check=True)   # a damaged file is refused before DuckDB writes
            _open[resolved] = con
            while len(_open) > MAX_OPEN:
                _open.popitem(last=False)     # dropped, not closed: a page may still hold a cursor on it
        _open.move_to_end(resolved)
        return con


def open_files() -> list[tuple[Path, netzdb.Connection]]:
    """The files this process holds, most recently used first."""
    with _lock:
        return list(reversed(_open.items()))


def reset(path: str | os.PathLike[str] | None = None) -> None:
    """Close and forget the file's connection (DuckDB invalidated it after a fatal error, a full disk during a
    checkpoint): the next `shared` opens the file anew and replays its journal."""
    resolved = netzdb.resolve_path(path)
    with _lock:
        con = _open.pop(resolved, None)
    if con is not None:
        with contextlib.suppress(duckdb.Error):
            con.close()

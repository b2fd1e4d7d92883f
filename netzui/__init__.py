"""Streamlit glue shared by the pages: the database handle, the language, and `t()`.

Pages draw; netzcore decides. Nothing here computes a business rule.
"""

from __future__ import annotations

import contextlib
import os
import re
import string
import sys
import threading
import weakref
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from netzcore import connections
from netzcore import db as netzdb
from netzcore.i18n import LANGUAGES, normalize_language, translate
from netzcore.plain_text import terminal_text

LANG_KEY = "lang"
DB_PATH_KEY = "db_path"
DEMO_FILE = "demo.duckdb"


def _db_argument() -> str | None:
    """`streamlit run app.py -- --db PATH` chooses the file too."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def home_database() -> Path:
    """The user's own database: `--db`, else NETZ_DB, else data/netz.duckdb."""
    return _resolved(_db_argument() or os.environ.get("NETZ_DB"))


def demo_database() -> Path:
    """Where the demo network lives: `demo.duckdb` beside the user's database (data/demo.duckdb by default), never
    the user's database itself."""
    return home_database().with_name(DEMO_FILE)


def database_path() -> Path:
    """The file this session works on: the user's database, or the demo after "Try the demo network"."""
    chosen = st.session_state.get(DB_PATH_KEY)
    return _resolved(chosen) if chosen else home_database()


def use_database(path: Path | None) -> None:
    """Switch this session to another file (None: back to the user's own database)."""
    if path is None or path == home_database():
        st.session_state.pop(DB_PATH_KEY, None)
    else:
        st.session_state[DB_PATH_KEY] = str(path)


def demo_is_open() -> bool:
    """This session works on the demo file instead of the user's database."""
    return database_path() != home_database()


@lru_cache(maxsize=16)
def _resolved(chosen: str | None) -> Path:
    """The chosen file resolved once: resolving walks the path on disk, and a script run asks for it often."""
    return netzdb.resolve_path(chosen)


def _root(path: Path) -> netzdb.Connection:
    """One connection per process and file, shared with the app's routes (netzcore.connections); every script
    run works on its own cursor. The file is verified block by block when it is opened: a damaged one is refused
    before DuckDB writes to it."""
    return connections.shared(path)


_run = threading.local()   # the cursors `db()` has handed out in this thread's script run (weak references)


def db() -> netzdb.Connection:
    """A fresh cursor on the process-wide connection."""
    cursor = _root(database_path()).cursor()
    handed = getattr(_run, "cursors", None)
    if handed is not None:
        handed.append(weakref.ref(cursor))
    return cursor


@contextlib.contextmanager
def cursors_finished() -> Iterator[None]:
    """Around a script run: a cursor of the run still held after it (a page's module lives on in the callbacks its
    widgets keep) has its last result run to its end (`complete`, as `netzdb.registered` does). A result read only
    in part (`fetchone`) holds its transaction open, and after the next write DuckDB refuses to checkpoint the
    journal into the file while it is."""
    _run.cursors = []
    try:
        yield
    finally:
        handed, _run.cursors = _run.cursors, None
        for ref in handed:
            cursor = ref()
            if cursor is not None:
                with contextlib.suppress(duckdb.Error):   # a connection DuckDB stopped: the next run reopens it
                    cursor.complete()


def open_database() -> None:
    """At the start of every script run: the process-wide connection, reopened when DuckDB invalidated it after a
    fatal error (a full disk during a checkpoint): the app recovers without a restart. Raises NetzDBError."""
    root = _root(database_path())
    try:
        # on a cursor of its own: two sessions' runs starting at once on the shared connection itself made one of
        # them fail with "connection is busy" (the error page instead of the page)
        check = root.cursor()
        try:
            check.execute("SELECT 1").fetchall()
        finally:
            check.close()
    except duckdb.Error as error:
        if not netzdb.is_invalidated(error):
            raise
        reset_database()
        _root(database_path())


def reset_database() -> None:
    """Close the process-wide connection; the next db() opens the file anew (and replays its journal)."""
    connections.reset(database_path())


def storage_problem(error: BaseException) -> netzdb.NetzDBError | None:
    """An error of the database file (disk full, read-only, damaged, stopped) as the user's message; a stopped
    connection is closed so the next run reopens it. None for any other error."""
    problem = netzdb.storage_error(error, database_path())
    if problem is not None and (netzdb.is_invalidated(error) or isinstance(problem, netzdb.DatabaseStopped)):
        reset_database()
    return problem


def lang() -> str:
    """The chosen language (one session-state lookup: `t()` calls this hundreds of times per run)."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen is None:
        chosen = st.session_state[LANG_KEY] = normalize_language(st.context.locale)
    return str(chosen)


def t(key: str, **values: Any) -> str:
    return translate(lang(), key, **values)


def language_names() -> dict[str, str]:
    return {code: translate(code, "app.language_name") for code in LANGUAGES}


def database_error_text(error: netzdb.NetzDBError) -> str:
    """The user's message for a database that cannot be opened or written, in the chosen language (the path is
    the one the user chose to start netz with, shown as it is)."""
    return error.message(lang())


# Every ASCII punctuation character: CommonMark lets each be escaped with a backslash, and an escaped one is
# always the character itself (no emphasis, link, heading, list, table, entity, HTML, autolink, :icon:, $math$).
_MARKDOWN_SPECIALS = frozenset(string.punctuation)
# Line breaks and other whitespace become one space: a newline in a hook must not start a heading or a list,
# and four leading spaces must not start a code block.
_WHITESPACE = re.compile("[ \t\r\n\x0b\x0c\x85\u2028\u2029]+")
# Streamlit's markdown also links bare www., http(s):// and e-mail addresses by searching the text after the
# escapes are resolved; an invisible WORD JOINER (U+2060) inside each such pattern keeps it text.
_WORD_JOINER = "\u2060"
_AUTOLINK_SPOTS = re.compile(r"(?i)(?<=www)(?=\.)|(?=@)|(?<=:)(?=/)")


def md_escape(text: object) -> str:
    """User data made inert for st.markdown / captions / labels / help / options: shown exactly as the user
    wrote it. Every markdown and HTML character is escaped (so `&lt;b&gt;` stays `&lt;b&gt;`, `&#x202E;` is never
    decoded, `www.x.de`, `https://...` and e-mail addresses are no links: an invisible word joiner sits inside
    them), line breaks are shown as a space, and control characters and bidi overrides (U+202A-U+202E,
    U+2066-U+2069) are dropped."""
    flat = _AUTOLINK_SPOTS.sub(_WORD_JOINER, terminal_text(_WHITESPACE.sub(" ", str(text))))
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in flat)


def plain_text(text: object) -> str:
    """User data for places that show plain text (st.text, st.code, tables): line breaks and tabs kept, other
    control characters and the bidi overrides that reorder what follows (U+202A-U+202E, U+2066-U+2069) dropped."""
    return terminal_text(str(text).replace("\r\n", "\n").replace("\r", "\n"))

"""Streamlit glue shared by the pages: the database handle, the language, and `t()`.

Pages draw; netzcore decides. Nothing here computes a business rule.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import streamlit as st

from netzcore import connections
from netzcore import db as netzdb
from netzcore.i18n import LANGUAGES, normalize_language, translate

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
    return netzdb.resolve_path(_db_argument())


def demo_database() -> Path:
    """Where the demo network lives: `demo.duckdb` beside the user's database (data/demo.duckdb by default), never
    the user's database itself."""
    return home_database().with_name(DEMO_FILE)


def database_path() -> Path:
    """The file this session works on: the user's database, or the demo after "Try the demo network"."""
    chosen = st.session_state.get(DB_PATH_KEY)
    return netzdb.resolve_path(chosen) if chosen else home_database()


def use_database(path: Path | None) -> None:
    """Switch this session to another file (None: back to the user's own database)."""
    if path is None or path == home_database():
        st.session_state.pop(DB_PATH_KEY, None)
    else:
        st.session_state[DB_PATH_KEY] = str(path)


def demo_is_open() -> bool:
    """This session works on the demo file instead of the user's database."""
    return database_path() != home_database()


def _root(path: str) -> netzdb.Connection:
    """One connection per process and file, shared with the app's routes (netzcore.connections); every script
    run works on its own cursor."""
    return connections.shared(path)


def db() -> netzdb.Connection:
    """A fresh cursor on the process-wide connection."""
    return _root(str(database_path())).cursor()


def lang() -> str:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalize_language(st.context.locale)
    return str(st.session_state[LANG_KEY])


def t(key: str, **values: Any) -> str:
    return translate(lang(), key, **values)


def language_names() -> dict[str, str]:
    return {code: translate(code, "app.language_name") for code in LANGUAGES}


def database_error_text(error: netzdb.NetzDBError) -> str:
    """The user's message for a database that cannot be opened, in the chosen language."""
    if isinstance(error, netzdb.DatabaseLocked):
        return t("app.db_locked", path=str(error.path), holder=error.holder or "?")
    if isinstance(error, netzdb.DatabaseTooNew):
        return t("app.db_too_new", path=str(error.path), found=error.found, known=error.known)
    if isinstance(error, netzdb.NotADatabase):
        return t("app.db_not_netz", path=str(error.path), reason=str(error))
    return str(error)


_MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$:"


def md_escape(text: object) -> str:
    """User data made inert for st.markdown / labels: every markdown and HTML character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))

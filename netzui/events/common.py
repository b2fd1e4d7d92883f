"""What every section of the event page shares: the sections themselves (which one is open survives every
rerun), the step captions and "next" buttons, the success line with an undo, and small label helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import streamlit as st

from netzcore import events as core
from netzui import md_escape, t

SECTION_KEY = "ev_section"
_NEXT_SECTION_KEY = "ev_section_next"
_FLASH_KEY = "ev_flash"
_UNDO_KEY = "ev_undo_offer"
# The workflow's steps first, then the lists and the event itself.
STEPS = ("rank", "schedule", "messages", "debrief")
SECTIONS = (*STEPS, "exhibitors", "get_to_know", "edit")
T = TypeVar("T")


def today() -> dt.date:
    return dt.date.today()


def section_label(section: str) -> str:
    if section in STEPS:
        return t("events.step_label", number=STEPS.index(section) + 1, name=t(f"events.section_{section}"))
    return t(f"events.section_{section}")


def open_section(section: str) -> None:
    """Open `section` on the next run (from a button's `if` body, before st.rerun or notify)."""
    st.session_state[_NEXT_SECTION_KEY] = section


def _go(section: str) -> None:
    st.session_state[SECTION_KEY] = section_label(section)


def apply_pending_section() -> None:
    """Before the tabs are drawn: a section asked for in the last run becomes the open one."""
    pending = st.session_state.pop(_NEXT_SECTION_KEY, None)
    if pending in SECTIONS:
        st.session_state[SECTION_KEY] = section_label(pending)


def step_caption(section: str) -> None:
    """"Step 2 of 4: ..." on top of a step: what to do here."""
    st.caption(t("events.step_of", number=STEPS.index(section) + 1, count=len(STEPS),
                 text=t(f"events.step_{section}")))


def next_step(section: str, enabled: bool = True, help_key: str | None = None) -> None:
    """The button to the following step, with what it is for."""
    st.button(t("events.next", step=section_label(section)), key=f"ev_next_{section}", on_click=_go,
              args=(section,), disabled=not enabled, icon=":material/arrow_forward:",
              help=t(help_key) if help_key else None)


# --- what happened, and undo ------------------------------------------------------------------------------------

def flash(text: str) -> None:
    """A success line for the next run that a callback can set (callbacks cannot rerun)."""
    st.session_state[_FLASH_KEY] = text


def offer_undo(text: str, undo: Callable[..., str], *args: Any) -> None:
    """After a destructive action: `text` with an Undo button; `undo(*args)` returns what to say when used."""
    st.session_state[_UNDO_KEY] = (text, undo, args)
    st.rerun()


def _undo(undo: Callable[..., str], args: tuple[Any, ...]) -> None:
    flash(undo(*args))


def show_flash() -> None:
    """The success line of a callback or an undo offer, once."""
    text = st.session_state.pop(_FLASH_KEY, None)
    if text:
        st.success(text)
    offer = st.session_state.pop(_UNDO_KEY, None)
    if offer:
        message, undo, args = offer
        left, right = st.columns([6, 1], vertical_alignment="center")
        left.success(message)
        right.button(t("events.undo"), key="ev_undo", on_click=_undo, args=(undo, args), icon=":material/undo:")


# --- labels -----------------------------------------------------------------------------------------------------

def words(area: str, keys: Iterable[str], joiner: str = ".") -> Callable[[object], str]:
    """A format_func over words translated now: AppTest calls format_func outside the script run."""
    return labels({k: k for k in keys}, lambda k: t(f"{area}{joiner}{k}"))


def labels(items: Mapping[str, T], label: Callable[[T], str]) -> Callable[[object], str]:
    texts = {key: label(item) for key, item in items.items()}
    return lambda key: texts.get(str(key), str(key))


def bold(text: str) -> str:
    return f"**{md_escape(text)}**"


def digest(values: Iterable[object]) -> str:
    """A short stable key for a list: a table whose rows change gets a fresh selection."""
    return hashlib.sha1("\x1f".join(str(v) for v in values).encode()).hexdigest()[:10]  # noqa: S324 (not security)


def selection_on(key: str, rows: Iterable[object]) -> None:
    """Before the table `key` is drawn: when its rows are others than those shown last (a contact scored again moved,
    a filter changed), its selection is cleared, so a tick never passes to another contact. The table keeps its key,
    so the browser updates it instead of building it anew (on a test app a rerun with a changed 50-row table took 159 ms
    with one key and 178 ms with a new key)."""
    shown = digest(rows)
    if st.session_state.get(f"{key}_rows") != shown:
        st.session_state[f"{key}_rows"] = shown
        clear_selection(key)


def clear_selection(key: str) -> None:
    """No row of the table `key` ticked when it is drawn next (its key, and so the table in the browser, stay)."""
    st.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": []}}


def as_date(value: object, fallback: dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else fallback


def status_word(status: str | None) -> str:
    return t(f"common.plan_status.{status}") if status else ""


def file_stem(event: core.Event) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in event.name.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return f"{stem[:60] or 'event'}-{event.starts_on.isoformat()}"

"""Forms that remember the version of the row they were filled from, so a save never overwrites a change made
in the meantime (issue 15, item 8).

A keyed Streamlit input keeps what it showed first for as long as it is drawn, whatever the row holds by then.
So the version (the row's updated_at) is taken when a form's inputs are first drawn and kept while they live;
the save hands it to netzcore, which refuses it (ChangedMeanwhile) when the row changed since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def _slot(form: str) -> str:
    return f"{form}__read_version"


def read_version(form: str, probe: str, current: T) -> T:
    """The version the inputs of `form` were filled from. Call it before drawing them; `probe` is the key of one
    of its inputs (absent when the inputs are drawn afresh), `current` the version of the row as read now."""
    slot = _slot(form)
    if probe not in st.session_state or slot not in st.session_state:
        st.session_state[slot] = current
    return st.session_state[slot]


def forget_version(form: str) -> None:
    """After a save: the form's next reading starts from the row as saved."""
    st.session_state.pop(_slot(form), None)


def reloader(form: str, keys: Callable[[], Iterable[str]]) -> Callable[[], None]:
    """A callback that drops the form's inputs and version: it is drawn again from the row as it is now."""
    def reload() -> None:
        for key in [*keys(), _slot(form)]:
            st.session_state.pop(key, None)
    return reload


def keys_with_prefix(prefix: str) -> Callable[[], list[str]]:
    return lambda: [str(k) for k in st.session_state if str(k).startswith(prefix)]

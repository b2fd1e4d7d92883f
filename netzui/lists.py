"""Lists on a page that can grow long: the first few drawn, the rest behind an expander that runs only when open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

from netzui import t

T = TypeVar("T")
SHOWN = 5


def first_and_more(items: Sequence[T], draw: Callable[[T], None], key: str, more_key: str,
                   shown: int = SHOWN) -> None:
    """Draw the first `shown` items, then "N more" (catalog text `more_key` with {count}) as a stateful
    expander whose items are drawn only while it is open: every element costs the browser time on each run, and a
    side column of 45 rows with buttons took Today from one to three times an empty page's switch."""
    for item in items[:shown]:
        draw(item)
    more = _more(len(items) - shown, key, more_key)
    if more is not None:
        with more:
            for item in items[shown:]:
                draw(item)


def markdown_list(lines: Sequence[str], key: str, more_key: str, shown: int = SHOWN) -> None:
    """A Markdown list of `lines` (escaped by the caller), the first `shown` at once and the rest as above."""
    st.markdown("\n".join(f"- {line}" for line in lines[:shown]))
    more = _more(len(lines) - shown, key, more_key)
    if more is not None:
        with more:
            st.markdown("\n".join(f"- {line}" for line in lines[shown:]))


def _more(count: int, key: str, more_key: str) -> ExpanderContainer | None:
    """The "N more" expander, or None when nothing is left or it is closed."""
    if count <= 0:
        return None
    more = st.expander(t(more_key, count=count), key=key, on_change="rerun")
    return more if more.open else None

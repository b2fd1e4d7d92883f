"""Lists on a page that can grow long: the first few drawn, the rest behind an expander that runs only when open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

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
    rest = items[shown:]
    if not rest:
        return
    more = st.expander(t(more_key, count=len(rest)), key=key, on_change="rerun")
    if more.open:
        with more:
            for item in rest:
                draw(item)

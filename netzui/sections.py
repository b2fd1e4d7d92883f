"""A page in parts: stateful tabs of which only the open one runs and is drawn.

Every element costs the browser time on each run of a page (a text field some 3 ms, a line of text 1 ms on a
two-core machine), so a page whose parts are used one at a time draws one at a time. The open tab is kept by its
label across runs, so an action inside it never jumps back to the first one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def tab_sections(sections: Sequence[tuple[str, Callable[[], None]]], key: str) -> None:
    """One tab per (label, draw) pair; only the open tab's `draw` runs. Labels must not change from run to run
    (a count in a label would close the tab the user had open when the count changes)."""
    tabs = st.tabs([label for label, _ in sections], key=key, on_change="rerun")
    for (_, draw), tab in zip(sections, tabs, strict=True):
        if tab.open:
            with tab:
                draw()

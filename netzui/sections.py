"""A page in parts: stateful tabs of which only the open one runs and is drawn, and buttons whose panel is drawn
only while it is open.

Every element costs the browser time on each run of a page (a text field some 3 ms, a line of text 1 ms on a
two-core machine), so a page whose parts are used one at a time draws one at a time. The open tab is kept by its
label across runs, so an action inside it never jumps back to the first one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.elements.lib.mutable_popover_container import PopoverContainer


def tab_sections(sections: Sequence[tuple[str, Callable[[], None]]], key: str) -> None:
    """One tab per (label, draw) pair; only the open tab's `draw` runs. Labels must not change from run to run
    (a count in a label would close the tab the user had open when the count changes)."""
    tabs = st.tabs([label for label, _ in sections], key=key, on_change="rerun")
    for (_, draw), tab in zip(sections, tabs, strict=True):
        if tab.open:
            with tab:
                draw()


def button_panel(label: str, key: str, icon: str, **options: Any) -> PopoverContainer | None:
    """A button whose panel (fields used now and then) runs and is drawn only while it is open; None while closed.
    The button must look the same on every run: the browser draws a popover whose label or colour changed anew, and
    closed, so it would close after every change made in it. Fields inside keep their values while it is closed
    with persist_state="session"; the caller says under the button which ones are in use. `options` pass to
    st.popover."""
    panel = st.popover(label, key=key, on_change="rerun", icon=icon, **options)
    return panel if panel.open else None

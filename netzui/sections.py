"""A page in parts: stateful tabs of which only the open one runs and is drawn, and buttons whose panel is drawn
only while it is open.

Every element costs the browser time on each run of a page (a text field some 3 ms, a line of text 1 ms on a
two-core machine), so a page whose parts are used one at a time draws one at a time. The open tab is kept by its
label across runs, so an action inside it never jumps back to the first one, and by its place across a visit to
another page and a switch of language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.mutable_popover_container import PopoverContainer
from streamlit.elements.lib.mutable_tab_container import TabContainer


def kept_tabs(labels: Sequence[str], key: str) -> Sequence[TabContainer]:
    """Stateful tabs (only the open one runs) that open again on the tab the user had open: a switch to another page
    drops the tabs' own state and a switch of language their labels, so the open tab is kept by its place too."""
    state = st.session_state
    place_key = f"{key}_open_place"
    place = state.get(place_key)
    if state.get(key) not in labels and isinstance(place, int) and 0 <= place < len(labels):
        state[key] = labels[place]
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    state[place_key] = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    return tabs


def tab_sections(sections: Sequence[tuple[str, Callable[[], None]]], key: str) -> None:
    """One tab per (label, draw) pair; only the open tab's `draw` runs. Labels must not change from run to run
    (a count in a label would close the tab the user had open when the count changes)."""
    tabs = kept_tabs([label for label, _ in sections], key)
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


ACTION_FIELD_WIDTH = 320   # a field beside the buttons of an action row (the tier new contacts go to)


def action_row() -> DeltaGenerator:
    """A row for a preview's buttons right under its heading, filled after the choices below it are drawn: under
    a long report and table the Import button was out of sight. Its buttons act on what the choices say when
    clicked, wherever they stand."""
    return st.container(horizontal=True, vertical_alignment="bottom")

"""The target map's heatmap: segments x hierarchy levels as a table of cells, each a button coloured by its strong
(A and B) contacts, wanted cells framed (red: a gap), the chosen cell outlined; a click chooses the cell.

Drawn by a small component of its own rather than a chart library: the same map as a Vega-Lite chart (four layers
over 200 cells) cost the browser ~110 ms of every switch to the page (compile, parse, draw), this table ~50 ms
(docs/performance.md). Every text arrives as data and is set as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import streamlit as st

# ColorBrewer's nine greens, pale to dark: the scheme the map used as a chart
GREENS = ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b")
MIN_TOP = 3  # the scale reaches at least 3 strong contacts: a map without any is pale, not a mid green

_HTML = '<div class="map"></div>'

_CSS = """
.map table { width: 100%; border-collapse: separate; border-spacing: 4px; table-layout: fixed;
             font-size: 0.875rem; color: var(--st-text-color); }
.map th { font-weight: 400; overflow-wrap: anywhere; }
.map thead th { text-align: center; padding-bottom: 2px; }
.map tbody th { text-align: left; padding-right: 8px; width: 40%; }
.map button { width: 100%; min-height: 2.1rem; padding: 2px 4px; border: 3px solid transparent;
              border-radius: 4px; font: inherit; cursor: pointer; }
.map button.gap { border-color: #d62728; }
.map button.wanted { border-color: #1f77b4; }
.map button.chosen { outline: 3px solid var(--st-text-color); outline-offset: 1px; }
.map button:focus-visible { outline: 3px solid var(--st-primary-color); outline-offset: 1px; }
.map .legend { display: flex; align-items: center; gap: 4px; margin: 6px 4px 0; font-size: 0.8rem; }
.map .legend span.step { display: inline-block; min-width: 1.6rem; padding: 1px 4px; border-radius: 3px;
                         text-align: center; }
"""

_JS = """
export default function ({ parentElement, data, setTriggerValue }) {
  const root = parentElement.querySelector(".map");
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement("td"));
  for (const level of data.levels) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = level;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const buttons = [];
  for (const row of data.rows) {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = row.segment;
    tr.appendChild(th);
    for (const cell of row.cells) {
      const td = tr.insertCell();
      if (!cell) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = cell.text;
      button.title = cell.description;
      button.setAttribute("aria-label", cell.description);
      button.setAttribute("aria-pressed", String(cell.chosen));
      button.classList.toggle("wanted", cell.framed && !cell.gap);
      button.classList.toggle("gap", cell.gap);
      button.classList.toggle("chosen", cell.chosen);
      button.style.background = cell.fill;
      button.style.color = cell.ink;
      button.onclick = () => {
        for (const other of buttons) {
          other.classList.remove("chosen");
          other.setAttribute("aria-pressed", "false");
        }
        button.classList.add("chosen");
        button.setAttribute("aria-pressed", "true");
        setTriggerValue("clicked", cell.id);
      };
      buttons.push(button);
      td.appendChild(button);
    }
  }
  const legend = document.createElement("div");
  legend.className = "legend";
  legend.append(data.legend.title);
  for (const step of data.legend.steps) {
    const span = document.createElement("span");
    span.className = "step";
    span.textContent = step.label;
    span.style.background = step.fill;
    span.style.color = step.ink;
    legend.appendChild(span);
  }
  root.replaceChildren(table, legend);
}
"""

_COMPONENT = st.components.v2.component("netz_target_heatmap", html=_HTML, css=_CSS, js=_JS)


@dataclass(frozen=True, slots=True)
class HeatCell:
    id: str
    text: str            # on the cell: the tiers present ("A 1 · C 2"), nothing for an empty cell
    description: str     # the tooltip and what a screen reader says: segment, level, count, every tier, state
    strong: int          # A and B contacts: the colour
    framed: bool         # a wanted cell: the segment or a goal wants this level
    gap: bool            # framed red: wanted, and no A or B contact there
    chosen: bool


@dataclass(frozen=True, slots=True)
class HeatRow:
    segment: str
    cells: tuple[HeatCell | None, ...]   # one per level, in the levels' order; None where the map has no cell


def scale_top(strong: Sequence[int]) -> int:
    """The strongest count the colours reach."""
    return max(MIN_TOP, *strong) if strong else MIN_TOP


def fill(strong: int, top: int) -> str:
    return GREENS[round(min(max(strong, 0), top) / top * (len(GREENS) - 1))]


def ink(strong: int, top: int) -> str:
    """White on the darker half of the scale, black on the lighter (white on pale green was unreadable)."""
    return "white" if strong >= top / 2 else "black"


def legend_steps(top: int, number: Callable[[int], str] = str) -> list[dict[str, str]]:
    """The colour scale as labelled swatches: every count up to 8, else five even steps; `number` writes a count
    in the page's language ('1.500' in German)."""
    counts = list(range(top + 1)) if top <= 8 else sorted({round(top * i / 4) for i in range(5)})
    return [{"label": number(n), "fill": fill(n, top), "ink": ink(n, top)} for n in counts]


def heatmap_data(levels: Sequence[str], rows: Sequence[HeatRow], legend_title: str,
                 number: Callable[[int], str] = str) -> dict[str, object]:
    """What the component draws, as plain data."""
    top = scale_top([c.strong for row in rows for c in row.cells if c])
    return {
        "levels": list(levels),
        "rows": [{"segment": row.segment, "cells": [
            None if c is None else {**asdict(c), "fill": fill(c.strong, top), "ink": ink(c.strong, top)}
            for c in row.cells]} for row in rows],
        "legend": {"title": legend_title, "steps": legend_steps(top, number)},
    }


def show_heatmap(data: dict[str, object], key: str, on_click: Callable[[], None]) -> None:
    """Draw the map; a click on a cell calls `on_click` before the page runs again, with the cell's id in
    `clicked_cell(key)`."""
    _COMPONENT(data=data, key=key, on_clicked_change=on_click)


def clicked_cell(key: str) -> str | None:
    """The cell just clicked on the map drawn with `key` (in its `on_click`)."""
    state = st.session_state.get(key)
    value = state.get("clicked") if isinstance(state, dict) else None
    return str(value) if value else None

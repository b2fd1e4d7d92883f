"""Who knows whom, drawn with ECharts: the contact (or a segment's members) in the centre, each further step on a
ring around it, tiers coloured with a legend, and a click on a person opening that person.

Names reach ECharts as plain data (it draws them as text, never as HTML); node ids stay in Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import streamlit as st

from netzcore.contacts import TIERS
from netzcore.relationships import Graph, GraphNode
from netzui import t

TIER_COLOURS = {"A": "#1b5e20", "B": "#43a047", "C": "#9ccc65", "D": "#b0bec5"}
NODE_SIZES = {"A": 30, "B": 26, "C": 22, "D": 18}
CENTRE_SIZE = 44
MIN_HEIGHT = 320
MAX_HEIGHT = 760
RING_GAP = 1.0          # distance between rings, in layout units
NODE_SPACING = 0.42     # least distance between neighbours on a ring, in layout units
WIDE = 1.8              # rings are drawn this much wider than high, to use a wide page
_VERSION = "network_chart_version"


def chart_height(nodes: int) -> int:
    """Pixels for a graph of this many people: a few people get a small chart, 60 or more get a tall one."""
    return max(MIN_HEIGHT, min(MAX_HEIGHT, 260 + 8 * nodes))


def radial_layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """x, y per node: the centre at the origin (several centres on a small ring), every step on a ring further out,
    each node placed near the person it is reached through, so lines stay short."""
    neighbours: dict[str, list[str]] = {node.id: [] for node in graph.nodes}
    for edge in graph.edges:
        if edge.a in neighbours and edge.b in neighbours:
            neighbours[edge.a].append(edge.b)
            neighbours[edge.b].append(edge.a)
    rings: dict[int, list[GraphNode]] = {}
    for node in graph.nodes:
        rings.setdefault(node.step, []).append(node)
    angle: dict[str, float] = {}
    position: dict[str, tuple[float, float]] = {}
    radius = 0.0
    for step in sorted(rings):
        ring = rings[step]
        if step == 0 and len(ring) == 1:
            position[ring[0].id] = (0.0, 0.0)
            angle[ring[0].id] = 0.0
            continue
        parent_angle = {n.id: _mean_angle([angle[p] for p in neighbours[n.id] if p in angle]) for n in ring}
        ring.sort(key=lambda n: (parent_angle[n.id], n.tier, n.name.casefold()))
        radius = max(radius + RING_GAP, len(ring) * NODE_SPACING / (2 * math.pi))
        start = parent_angle[ring[0].id] if step else 0.0
        for index, node in enumerate(ring):
            a = start + 2 * math.pi * index / len(ring)
            angle[node.id] = a % (2 * math.pi)
            position[node.id] = (round(WIDE * radius * math.cos(a), 4), round(radius * math.sin(a), 4))
    return position


def _mean_angle(angles: list[float]) -> float:
    if not angles:
        return 0.0
    x = sum(math.cos(a) for a in angles)
    y = sum(math.sin(a) for a in angles)
    return math.atan2(y, x) % (2 * math.pi) if (x or y) else angles[0]


def graph_spec(graph: Graph, tier_names: Mapping[str, str]) -> dict[str, Any]:
    """The ECharts option: one graph series with fixed positions, a category (and legend entry) per tier."""
    position = radial_layout(graph)
    index = {node.id: i for i, node in enumerate(graph.nodes)}
    one_centre = sum(node.centre for node in graph.nodes) == 1
    data = []
    for node in graph.nodes:
        x, y = position[node.id]
        item: dict[str, Any] = {
            "name": node.name, "x": x, "y": y, "category": TIERS.index(node.tier) if node.tier in TIERS else 3,
            "symbolSize": CENTRE_SIZE if node.centre and one_centre else NODE_SIZES.get(node.tier, 18),
            "value": tier_names.get(node.tier, node.tier),
        }
        if node.centre:
            item["itemStyle"] = {"borderColor": "#212121", "borderWidth": 3}
            item["label"] = {"fontWeight": "bold"}
        data.append(item)
    links = [{"source": index[e.a], "target": index[e.b], "value": e.how or "",
              "lineStyle": {"width": 1 + e.strength}} for e in graph.edges if e.a in index and e.b in index]
    return {
        "color": [TIER_COLOURS[tier] for tier in TIERS],
        "legend": {"data": [tier_names[tier] for tier in TIERS], "top": 0},
        "tooltip": {"show": True},
        "animation": False,
        "series": [{
            "type": "graph", "layout": "none", "roam": True, "selectedMode": "single", "draggable": False,
            # the picture keeps its proportions inside the chart's box (ECharts would stretch it otherwise, and
            # squeeze the nodes into ellipses); the layout itself is drawn wider than high for a wide page
            "top": 44, "bottom": 24, "left": 24, "right": 130, "preserveAspect": "contain",
            "categories": [{"name": tier_names[tier], "itemStyle": {"color": TIER_COLOURS[tier]}} for tier in TIERS],
            "data": data, "links": links,
            "label": {"show": True, "position": "right", "fontSize": 12},
            "labelLayout": {"hideOverlap": True},
            "lineStyle": {"color": "#9e9e9e", "opacity": 0.8, "curveness": 0.1},
            "emphasis": {"focus": "adjacency", "label": {"show": True}},
            "select": {"itemStyle": {"borderColor": "#d32f2f", "borderWidth": 3}},
        }],
    }


def network_chart(graph: Graph, key: str, alt: str, shown: str | None = None) -> str | None:
    """Draw the graph; returns the id of the person the user clicked, or None (also for `shown`, the contact
    whose own view shows the graph).

    The chart's key changes after each click that opens someone: the browser keeps a chart's selection, so after
    Back the same chart would otherwise report the old click again and open that person once more."""
    version = int(st.session_state.get(_VERSION, 0))
    names = {tier: t("network.legend_tier", tier=tier) for tier in TIERS}
    state = st.echarts_chart(graph_spec(graph, names), height=chart_height(len(graph.nodes)), key=f"{key}_{version}",
                             on_select="rerun", renderer="svg", alt=alt)
    for group in state["selection"]["selected"]:
        if group.get("data_type") in ("node", "main"):
            for position in group.get("data_indices", []):
                if 0 <= position < len(graph.nodes) and graph.nodes[position].id != shown:
                    st.session_state[_VERSION] = version + 1
                    return graph.nodes[position].id
    return None

"""The network graph's drawing: the contact in the centre, rings further out, a height that grows with the people
shown (never 61 people in a 100 px strip), tiers as categories with a legend."""

from __future__ import annotations

import math

from netzcore.relationships import Graph, GraphEdge, GraphNode
from netzui.network_graph import MAX_HEIGHT, MIN_HEIGHT, chart_height, graph_spec, radial_layout

TIERS = {"A": "Tier A", "B": "Tier B", "C": "Tier C", "D": "Tier D"}


def _star(first: int, second: int) -> Graph:
    """A centre, `first` people it knows, and `second` people known through the first of them."""
    nodes = [GraphNode("c", "Centre", "A", 0)]
    nodes += [GraphNode(f"f{i}", f"First {i}", "B", 1) for i in range(first)]
    nodes += [GraphNode(f"s{i}", f"Second {i}", "D", 2) for i in range(second)]
    edges = [GraphEdge("c", f"f{i}", None, 2) for i in range(first)]
    edges += [GraphEdge("f0", f"s{i}", "club", 1) for i in range(second)]
    return Graph(nodes, edges, False)


def test_the_contact_sits_in_the_centre_and_each_step_on_a_ring_further_out() -> None:
    layout = radial_layout(_star(6, 5))
    assert layout["c"] == (0.0, 0.0)

    def radius(node: str) -> float:
        x, y = layout[node]
        return math.hypot(x / 1.8, y)  # rings are drawn wider than high

    first = {round(radius(f"f{i}"), 3) for i in range(6)}
    second = {round(radius(f"s{i}"), 3) for i in range(5)}
    assert len(first) == 1 and len(second) == 1 and min(second) > max(first) > 0


def test_people_sit_beside_the_one_they_are_reached_through() -> None:
    nodes = [GraphNode("c", "Centre", "A", 0)]
    nodes += [GraphNode(f"f{i}", f"First {i}", "B", 1) for i in range(4)]
    nodes += [GraphNode(f"s{i}", f"Second {i}", "D", 2) for i in range(4)]
    edges = [GraphEdge("c", f"f{i}", None, 2) for i in range(4)] + [GraphEdge(f"f{i}", f"s{i}", None, 1)
                                                                   for i in range(4)]
    layout = radial_layout(Graph(nodes, edges, False))

    def angle(node: str) -> float:
        return math.atan2(layout[node][1], layout[node][0] / 1.8)

    for i in range(4):
        nearest = min(range(4), key=lambda j: abs(math.remainder(angle(f"s{i}") - angle(f"f{j}"), 2 * math.pi)))
        assert nearest == i, f"Second {i} is drawn beside First {nearest}"


def test_the_height_follows_the_number_of_people() -> None:
    assert chart_height(2) == MIN_HEIGHT
    assert chart_height(61) >= 600, "61 people squeezed into a small strip"
    assert chart_height(500) == MAX_HEIGHT


def test_the_spec_colours_tiers_names_a_legend_and_lets_a_click_select() -> None:
    graph = _star(2, 1)
    spec = graph_spec(graph, TIERS)
    series = spec["series"][0]
    assert spec["legend"]["data"] == list(TIERS.values())
    assert [c["name"] for c in series["categories"]] == list(TIERS.values())
    assert [(d["name"], d["category"]) for d in series["data"]] == [
        ("Centre", 0), ("First 0", 1), ("First 1", 1), ("Second 0", 3)]
    assert series["data"][0]["symbolSize"] > series["data"][1]["symbolSize"], "the centre does not stand out"
    assert series["selectedMode"] == "single" and series["layout"] == "none"
    assert {(link["source"], link["target"]) for link in series["links"]} == {(0, 1), (0, 2), (1, 3)}
    assert not any(f"'{node.id}'" in str(spec) for node in graph.nodes), "contact ids reach the browser"

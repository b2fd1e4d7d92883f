"""The faster paths give what the plain ones give: the members of chosen segments (event ranking), and every view
given the membership a page computed once (netzcore.membership), on the demo network with rules of every kind,
aliases, hand assignments and an archived member."""

import datetime as dt
from dataclasses import replace

import pytest

from netzcore import events, membership
from netzcore import goals as g
from netzcore.db import Connection
from netzcore.demo import load_demo

TODAY = dt.date(2026, 11, 24)
MEMBERS = "SELECT segment_id, contact_id, matched_by FROM {} ORDER BY ALL"


@pytest.fixture
def network(con: Connection) -> list[str]:
    """The demo network plus segments by keyword (one blank), by padded topic and by an organisation alias,
    with contacts put in and kept out by hand and one member archived; returns every segment id."""
    load_demo(con, contacts=300, today=TODAY)
    org, org_id = con.execute("SELECT name, id FROM organizations ORDER BY name LIMIT 1").fetchone() or ("", "")
    con.execute("UPDATE organizations SET aliases = ['  Alias Works '] WHERE id = ?", [org_id])
    g.save_segment(con, g.Segment(name="By keyword", keywords=("lead", " ")))
    g.save_segment(con, g.Segment(name="By topic", kind="topic", topics=(" Wasserstoff ",)))
    g.save_segment(con, g.Segment(name="Company with a topic", topics=("Wasserstoff",)))  # topic finds no one
    g.save_segment(con, g.Segment(name="By alias", organization_names=("alias works", org)))
    segments = [s.id or "" for s in g.list_segments(con)]
    contacts = [str(r[0]) for r in con.execute("SELECT id FROM contacts ORDER BY id LIMIT 40").fetchall()]
    g.assign_contacts(con, segments[0], contacts[:10], included=False)
    g.assign_contacts(con, segments[-1], contacts[10:20])
    con.execute("UPDATE contacts SET archived = true WHERE id = ?", [contacts[15]])
    return segments


def test_members_of_chosen_segments_are_those_of_all_segments(con: Connection, network: list[str]) -> None:
    everyone = con.execute(MEMBERS.format("segment_members()")).fetchall()
    assert len({row[2] for row in everyone}) == 4  # organisation, keyword, topic and manual all present
    for chosen in ([], network[:1], network[-3:], network[::2], network):
        found = con.execute(MEMBERS.format("segment_members_in(?)"), [chosen]).fetchall()
        assert found == [row for row in everyone if row[0] in chosen]


def test_goal_progress_and_history_on_the_shared_membership_show_what_the_rules_show(
        con: Connection, network: list[str]) -> None:
    assert g.list_goals(con), "the demo network has goals"
    shared = membership.members(con)
    for _ in range(2):  # the working table is gone after each call
        progress = g.goal_progress(con, TODAY, shared)
        assert progress == g.goal_progress(con, TODAY)
        assert g.progress_history(con, TODAY, shared) == g.progress_history(con, TODAY)
    assert any(p.members for p in progress.values())
    assert not con.execute("SELECT * FROM duckdb_tables() WHERE temporary").fetchall()


def test_every_view_given_the_shared_membership_shows_what_the_rules_show(con: Connection,
                                                                          network: list[str]) -> None:
    shared = membership.members(con)
    assert shared.table.num_rows == con.execute("SELECT count(*) FROM segment_members()").fetchone()[0]
    assert g.target_map(con, shared) == g.target_map(con)
    assert g.segment_member_counts(con, shared) == g.segment_member_counts(con)
    cells = [(c.segment_id, c.level) for c in g.target_map(con) if c.total][:6]
    assert cells, "the demo network fills some cells"
    for segment_id, level in cells:
        assert g.cell_contacts(con, segment_id, level, shared=shared) == g.cell_contacts(con, segment_id, level)
        assert g.way_in(con, "de", segment_id, level, TODAY, shared) == g.way_in(con, "de", segment_id, level, TODAY)
    for event in events.list_events(con):
        for goal_id in [None, *(goal for goal, _ in events.event_goals(con, event.id))]:
            chosen = events.RankFilter(goal_id=goal_id)
            assert events.whom_to_meet(con, event.id, TODAY, limit=200, filters=chosen, shared=shared) \
                == events.whom_to_meet(con, event.id, TODAY, limit=200, filters=chosen)
    assert not con.execute("SELECT * FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'shared%'").fetchall()


def test_the_scores_of_an_outreach_list_are_its_rows_of_the_whole_ranking(con: Connection, network: list[str]) -> None:
    """scores_for reads only the listed contacts' interactions, career, topics and goal segments: the same rows."""
    for event in events.list_events(con):
        whole = events.whom_to_meet(con, event.id, TODAY, events.load_weights(con), limit=500).contacts
        listed = [row.contact_id for row in whole[::7]][:12]
        assert listed, "the demo network ranks contacts for every event"
        assert events.scores_for(con, event.id, TODAY, listed) \
            == {row.contact_id: row for row in whole if row.contact_id in listed}


def test_a_segment_saved_with_the_same_rules_keeps_its_members(con: Connection, network: list[str]) -> None:
    """The Goals page keeps the membership and the events' rankings through such a save, and the goals through any
    save of a segment (views/goals.py): they must really be the same."""
    before = membership.members(con).table

    def rankings() -> dict[str, list[events.RankedContact]]:
        return {e.id: events.whom_to_meet(con, e.id, TODAY, limit=500).contacts for e in events.list_events(con)}

    ranked = rankings()
    listed = g.list_goals(con)
    counts = g.segment_member_counts(con)
    segment = next(s for s in g.list_segments(con) if s.keywords and counts.get(s.id or ""))
    renamed = replace(segment, name="Renamed", approach_note="Call in spring", priority=1, levels=("head",),
                      keywords=tuple(f" {k.upper()} " for k in segment.keywords))
    assert g.same_members(segment, renamed)
    g.save_segment(con, renamed)
    assert membership.members(con).table.sort_by([("segment_id", "ascending"), ("contact_id", "ascending")]) \
        == before.sort_by([("segment_id", "ascending"), ("contact_id", "ascending")])
    assert rankings() == ranked
    assert not g.same_map_row(segment, renamed)
    cells = g.target_map(con)
    cell = next(c for c in cells if c.segment_id == segment.id and sum(c.tier_counts.values()))
    in_cell = g.cell_contacts(con, cell.segment_id, cell.level)
    noted = replace(renamed, approach_note="Call in autumn", channels=("event",), levels=renamed.levels[::-1])
    assert g.same_members(renamed, noted) and g.same_map_row(renamed, noted)
    g.save_segment(con, replace(noted, updated_at=g.get_segment(con, segment.id or "").updated_at))  # type: ignore[union-attr]
    assert g.target_map(con) == cells
    assert g.cell_contacts(con, cell.segment_id, cell.level) == in_cell
    g.save_segment(con, replace(segment, id=None, name="New", keywords=("einkauf",), updated_at=None))
    assert g.list_goals(con) == listed      # kept through every save of a segment, whatever its rules
    assert not g.same_members(segment, replace(segment, keywords=(*segment.keywords, "einkauf")))
    assert not g.same_members(segment, replace(segment, kind="topic"))
    assert not g.same_members(segment, replace(segment, organization_names=("Andere AG",)))

import pytest

from netzcore import db as netzdb
from netzcore import relationships as rel
from tests.care_seed import TODAY, met, seed_network


def test_relationships_are_undirected_and_updated_not_duplicated(con: netzdb.Connection) -> None:
    network = seed_network(con)
    rel.add_relationship(con, network.bert, network.anna, "colleagues", 2)
    rel.add_relationship(con, network.anna, network.bert, "former colleagues", 3)
    assert [(r.other_id, r.how, r.strength) for r in rel.relationships_of(con, network.bert)] == [
        (network.anna, "former colleagues", 3)]
    assert [r.other_id for r in rel.relationships_of(con, network.anna)] == [network.bert]
    with pytest.raises(rel.RelationshipError):
        rel.add_relationship(con, network.anna, network.anna)


def test_graph_around_a_contact_two_steps_deep(con: netzdb.Connection) -> None:
    network = seed_network(con)
    rel.add_relationship(con, network.anna, network.bert, "colleagues")
    rel.add_relationship(con, network.bert, network.dora, 'says "hi"')
    rel.add_relationship(con, network.dora, network.emil, "club")
    graph = rel.contact_graph(con, network.anna, depth=2)
    assert {n.id: n.step for n in graph.nodes} == {network.anna: 0, network.bert: 1, network.dora: 2}
    assert [n.centre for n in graph.nodes if n.id == network.anna] == [True]
    assert len(graph.edges) == 2
    assert rel.contact_graph(con, network.anna, depth=2, limit=2).truncated


def test_graph_around_a_segment(con: netzdb.Connection) -> None:
    network = seed_network(con)
    segment = con.execute("INSERT INTO segments (kind, name, topics) VALUES ('topic', 'H2', ['hydrogen']) "
                          "RETURNING id").fetchone()
    assert segment is not None
    rel.add_relationship(con, network.bert, network.clara, "association")
    graph = rel.segment_graph(con, segment[0])
    assert {n.id for n in graph.nodes if n.centre} == {network.anna, network.bert}
    assert network.clara in {n.id for n in graph.nodes}


def test_introductions_log_status_and_outcome(con: netzdb.Connection) -> None:
    network = seed_network(con)
    intro = rel.log_introduction(con, network.anna, network.dora, TODAY, "Both work on hydrogen")
    assert [i.id for i in rel.open_introductions(con)] == [intro]
    rel.update_introduction(con, intro, "met", "Joint pilot planned")
    assert rel.open_introductions(con) == []
    done = rel.introductions_of(con, network.dora)[0]
    assert (done.status, done.outcome, done.context) == ("met", "Joint pilot planned", "Both work on hydrogen")
    assert [r.other_id for r in rel.relationships_of(con, network.anna)] == [network.dora]
    with pytest.raises(rel.RelationshipError):
        rel.update_introduction(con, intro, "married")


def test_suggestions_share_topics_are_unconnected_and_in_good_standing(con: netzdb.Connection) -> None:
    network = seed_network(con)
    for contact in (network.anna, network.bert, network.clara):
        met(con, contact, 1)
    con.execute("UPDATE contacts SET topics = ['Hydrogen', 'Tenders'] WHERE id = ?", [network.clara])
    found = rel.introduction_suggestions(con, TODAY, network.anna)
    assert [(s.contact_id, s.shared_topics) for s in found] == [
        (network.bert, ("Hydrogen",)), (network.clara, ("Hydrogen",))]   # A before B
    rel.add_relationship(con, network.anna, network.bert)
    rel.log_introduction(con, network.clara, network.anna, TODAY)
    assert rel.introduction_suggestions(con, TODAY, network.anna) == []
    # Dora shares a topic now; Emil (D, birthday only) is never in good standing
    con.execute("UPDATE contacts SET topics = ['hydrogen'] WHERE id IN (?, ?)", [network.dora, network.emil])
    assert {s.full_name for s in rel.introduction_suggestions(con, TODAY, network.bert)} == {
        "Clara Schmidt", "Dora Düsentrieb"}
    # nor does Emil get suggestions himself, though he shares the topic
    assert rel.introduction_suggestions(con, TODAY, network.emil) == []


def test_suggestions_by_shared_field_in_another_organisation(con: netzdb.Connection) -> None:
    network = seed_network(con)
    for contact in (network.anna, network.bert, network.dora):
        met(con, contact, 1)
    con.execute("UPDATE organizations SET field = 'Energy'")
    con.execute("UPDATE contacts SET topics = [] WHERE id IN (?, ?)", [network.anna, network.bert])
    found = rel.introduction_suggestions(con, TODAY, network.anna)
    assert [(s.full_name, s.shared_topics, s.shared_field) for s in found] == [("Bert Becker", (), "Energy")]

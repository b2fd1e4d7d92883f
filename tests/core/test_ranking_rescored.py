"""After a logged interaction or a tier change, the contacts' shares the page keeps for an event are brought up to
date by computing the changed contacts' again (events.features_rescored): what the page shows from them must be
exactly what ranking everyone anew shows, whatever the weights, the filters, the page and wherever the contact stood;
so must a ranking read from shares kept on unchanged data."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest

from netzcore import care, demo, events, interactions
from netzcore import db as netzdb
from netzcore.membership import members

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[netzdb.Connection]:
    connection = netzdb.connect(tmp_path_factory.mktemp("rescored") / "netz.duckdb")
    demo.load_demo(connection, contacts=300, today=TODAY)
    yield connection
    connection.close()


def _fair(con: netzdb.Connection) -> str:
    rows = con.execute("SELECT id FROM events WHERE kind = 'trade_fair' AND starts_on >= ? ORDER BY starts_on LIMIT 1",
                       [TODAY]).fetchall()
    assert rows, "the demo has an upcoming trade fair"
    return str(rows[0][0])


def _shown(ranking: events.Ranking) -> tuple[list[tuple[str, float, str]], bool]:
    """What the page shows: names, scores and reasons in order, and whether "more" is offered."""
    return [(r.full_name, round(r.score, 6), " · ".join(r.reasons)) for r in ranking.contacts], ranking.more


def _write(con: netzdb.Connection, rnd: random.Random, contact_id: str) -> None:
    """A logged interaction (with something given or received, sometimes a follow-up) or a new tier."""
    if rnd.random() < 0.5:
        (stored,), = con.execute("SELECT tier FROM contacts WHERE id = ?", [contact_id]).fetchall()
        tier = rnd.choice([t for t in "ABCD" if t != stored])
        care.change_tier(con, contact_id, tier, "rescored test")
        return
    interactions.log_interaction(con, interactions.NewInteraction(
        contact_id=contact_id, occurred_on=TODAY - dt.timedelta(days=rnd.randrange(0, 400)),
        channel="call", in_person=False, received=rnd.choice(["", "an intro"]), gave=rnd.choice(["", "a tip"]),
        follow_up_on=TODAY + dt.timedelta(days=7) if rnd.random() < 0.3 else None))


def _filters(con: netzdb.Connection, event_id: str) -> list[events.RankFilter]:
    goals = con.execute("SELECT goal_id FROM event_goals WHERE event_id = ? ORDER BY goal_id", [event_id]).fetchall()
    halls = events.event_halls(con, event_id)
    assert goals and halls, "the demo's fair serves a goal and has halls"
    return [events.RankFilter(), events.RankFilter(tiers=("A", "B")), events.RankFilter(goal_id=str(goals[0][0])),
            events.RankFilter(hall=halls[0])]


@pytest.mark.parametrize("limit", [5, 25])
def test_a_ranking_from_shares_computed_again_for_the_changed_contact_is_the_ranking_anew(
        con: netzdb.Connection, limit: int) -> None:
    event_id = _fair(con)
    shared = members(con)
    everyone = [str(r[0]) for r in con.execute("SELECT id FROM contacts WHERE NOT archived ORDER BY id").fetchall()]
    rnd = random.Random(limit)
    kept = events.ranking_features(con, event_id, TODAY, shared=shared)
    for filters in _filters(con, event_id):
        shown = events.whom_to_meet(con, event_id, TODAY, limit=limit, filters=filters, features=kept)
        for _ in range(6):
            near = [r.contact_id for r in shown.contacts]
            contact_id = rnd.choice(near) if near and rnd.random() < 0.7 else rnd.choice(everyone)
            _write(con, rnd, contact_id)
            kept = events.features_rescored(con, kept, [contact_id], event_id, TODAY, shared=shared)
            shown = events.whom_to_meet(con, event_id, TODAY, limit=limit, filters=filters, features=kept)
            fresh = events.whom_to_meet(con, event_id, TODAY, limit=limit, filters=filters, shared=shared)
            assert _shown(shown) == _shown(fresh), filters
            weights = {name: float(rnd.randrange(0, 60)) for name in events.DEFAULT_WEIGHTS}
            assert _shown(events.whom_to_meet(con, event_id, TODAY, weights, limit=limit, offset=limit,
                                              filters=filters, features=kept)) \
                == _shown(events.whom_to_meet(con, event_id, TODAY, weights, limit=limit, offset=limit,
                                              filters=filters)), (filters, weights)


def test_a_contact_archived_or_gone_leaves_the_kept_shares(con: netzdb.Connection) -> None:
    event_id = _fair(con)
    kept = events.ranking_features(con, event_id, TODAY)
    top = events.whom_to_meet(con, event_id, TODAY, limit=1, features=kept).contacts[0]
    con.execute("UPDATE contacts SET archived = true WHERE id = ?", [top.contact_id])
    try:
        again = events.features_rescored(con, kept, [top.contact_id], event_id, TODAY)
        assert again.table.num_rows == kept.table.num_rows - 1
        first = events.whom_to_meet(con, event_id, TODAY, limit=1, features=again).contacts[0]
        assert first.contact_id != top.contact_id
        assert first == events.whom_to_meet(con, event_id, TODAY, limit=1).contacts[0]
    finally:
        con.execute("UPDATE contacts SET archived = false WHERE id = ?", [top.contact_id])


def test_shares_of_another_event_or_day_are_refused(con: netzdb.Connection) -> None:
    event_id = _fair(con)
    kept = events.ranking_features(con, event_id, TODAY)
    with pytest.raises(ValueError, match="another event or day"):
        events.whom_to_meet(con, event_id, TODAY + dt.timedelta(days=1), features=kept)


def test_the_outreach_list_scores_follow_the_changed_contact(con: netzdb.Connection) -> None:
    event_id = _fair(con)
    listed = [r.contact_id for r in events.rank_contacts_for_event(con, event_id, TODAY, limit=8)]
    before = events.scores_for(con, event_id, TODAY, listed)
    care.change_tier(con, listed[2], "D", "rescored test")
    again = events.scores_rescored(con, before, [listed[2], "not-on-the-list"], event_id, TODAY, listed)
    assert again == events.scores_for(con, event_id, TODAY, listed)
    assert again[listed[2]].score < before[listed[2]].score

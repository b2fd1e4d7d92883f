"""After a logged interaction or a tier change, the event ranking computed before is brought up to date by scoring
the changed contacts again (events.rescored): what the page shows must be exactly what ranking everyone anew shows,
whatever the filters and wherever the contact stood."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace

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
def test_a_ranking_scored_again_for_the_changed_contact_is_the_ranking_anew(con: netzdb.Connection,
                                                                            limit: int) -> None:
    event_id = _fair(con)
    shared = members(con)
    everyone = [str(r[0]) for r in con.execute("SELECT id FROM contacts WHERE NOT archived ORDER BY id").fetchall()]
    rnd = random.Random(limit)
    for filters in _filters(con, event_id):
        before = events.whom_to_meet(con, event_id, TODAY, limit=limit, filters=filters, shared=shared)
        answered = 0
        for _ in range(12):
            near = [r.contact_id for r in (*before.contacts, *before.following)]
            contact_id = rnd.choice(near) if near and rnd.random() < 0.7 else rnd.choice(everyone)
            _write(con, rnd, contact_id)
            again = events.rescored(con, before, [contact_id], event_id, TODAY, limit=limit, filters=filters,
                                    shared=shared)
            fresh = events.whom_to_meet(con, event_id, TODAY, limit=limit, filters=filters, shared=shared)
            if again is not None:
                answered += 1
                assert _shown(again) == _shown(fresh), filters
            before = again or fresh
        assert answered >= 8, f"only {answered} of 12 writes were answered by scoring one contact again ({filters})"


def test_a_contact_falling_off_a_full_page_brings_up_the_next_row_read(con: netzdb.Connection) -> None:
    event_id = _fair(con)
    before = events.whom_to_meet(con, event_id, TODAY, limit=3)
    assert before.more and before.following, "the demo ranks more than three contacts"
    top = before.contacts[0]
    care.change_tier(con, top.contact_id, "D", "rescored test")
    con.execute("UPDATE contacts SET topics = [] WHERE id = ?", [top.contact_id])  # not a tier: only to push it down
    interactions.log_interaction(con, interactions.NewInteraction(
        contact_id=top.contact_id, occurred_on=TODAY, channel="call", in_person=False, gave="a tip, an intro"))
    fresh = events.whom_to_meet(con, event_id, TODAY, limit=3)
    assert top.contact_id not in [r.contact_id for r in fresh.contacts]
    again = events.rescored(con, before, [top.contact_id], event_id, TODAY, limit=3)
    assert again is not None and _shown(again) == _shown(fresh)
    assert again.contacts[-1].contact_id == before.following[0].contact_id


def _ranked(name: str, score: float) -> events.RankedContact:
    return events.RankedContact(contact_id=name.lower(), full_name=name, organization="", title="", score=score,
                                parts=())


def test_when_the_rows_read_run_out_the_ranking_is_asked_anew() -> None:
    """A page that would need a row never read is not guessed: `placed_again` says so, and the page asks everyone."""
    anna, bernd, clara = _ranked("Anna", 90), _ranked("Bernd", 80), _ranked("Clara", 70)
    before = events.Ranking([anna, bernd], more=True, following=(clara,), all_read=False)
    lower = replace(anna, score=10)
    assert events.placed_again(before, ["anna"], [lower], page=2) is None   # Clara moves up; who follows her?
    higher = replace(bernd, score=95)
    moved = events.placed_again(before, ["bernd"], [higher], page=2)
    assert moved is not None and [r.full_name for r in moved.contacts] == ["Bernd", "Anna"] and moved.more
    everyone = replace(before, all_read=True)
    fell = events.placed_again(everyone, ["anna"], [lower], page=2)
    assert fell is not None and [r.full_name for r in fell.contacts] == ["Bernd", "Clara"]
    assert fell.following == (lower,) and fell.more
    gone = events.placed_again(everyone, ["anna"], [], page=2)
    assert gone is not None and not gone.more


def test_the_outreach_list_scores_follow_the_changed_contact(con: netzdb.Connection) -> None:
    event_id = _fair(con)
    listed = [r.contact_id for r in events.rank_contacts_for_event(con, event_id, TODAY, limit=8)]
    before = events.scores_for(con, event_id, TODAY, listed)
    care.change_tier(con, listed[2], "D", "rescored test")
    again = events.scores_rescored(con, before, [listed[2], "not-on-the-list"], event_id, TODAY, listed)
    assert again == events.scores_for(con, event_id, TODAY, listed)
    assert again[listed[2]].score < before[listed[2]].score

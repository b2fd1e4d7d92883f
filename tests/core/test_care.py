import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netzcore import care
from netzcore import db as netzdb
from netzcore.contacts import create_contact, update_contact
from tests.care_seed import TODAY, backdate, met, seed_network

ROOT = Path(__file__).resolve().parents[2]


def test_due_list_ranks_by_tier_then_how_overdue(con: netzdb.Connection) -> None:
    network = seed_network(con)
    due = care.due_list(con, TODAY)
    assert [(i.contact_id, i.due_state, i.days_overdue) for i in due.items] == [
        (network.anna, "overdue", 40), (network.bert, "due", 5), (network.clara, "overdue", 110),
        (network.frieda, "soon", -4)]
    assert due.total == 4
    assert due.items[0].hooks == ("Ask about the hydrogen pilot in Emden",)
    assert care.due_reason("en", due.items[0]) == "overdue by 40 days (every 60 days)"
    assert care.due_reason("de", due.items[3]) == "in 4 Tagen fällig (alle 90 Tage)"


def test_logging_an_interaction_restarts_the_clock(con: netzdb.Connection) -> None:
    network = seed_network(con)
    met(con, network.anna, 0, "call")
    assert network.anna not in [i.contact_id for i in care.due_list(con, TODAY).items]
    state = care.care_state(con, network.anna, TODAY)
    assert state is not None and state.due_state == "ok" and state.due_on == TODAY + dt.timedelta(days=60)


def test_own_cadence_overrides_the_tier(con: netzdb.Connection) -> None:
    network = seed_network(con)
    update_contact(con, network.dora, {"cadence_days": 7})
    item = next(i for i in care.due_list(con, TODAY).items if i.contact_id == network.dora)
    assert (item.due_state, item.days_overdue) == ("due", 3)


def test_cadences_are_saved_and_validated(con: netzdb.Connection) -> None:
    network = seed_network(con)
    cadences = {c.tier: c for c in care.tier_cadences(con)}
    assert cadences["A"].cadence_days == 60 and cadences["D"].cadence_days is None
    care.save_tier_cadences(con, [care.TierCadence("A", 120, 2.0, 7)])
    assert network.anna not in [i.contact_id for i in care.due_list(con, TODAY).items]
    with pytest.raises(care.CareError):
        care.save_tier_cadences(con, [care.TierCadence("B", 0, 1.5, 3)])
    with pytest.raises(care.CareError):
        care.save_tier_cadences(con, [care.TierCadence("B", 30, 0.5, 3)])


def test_tier_change_keeps_history_and_needs_a_reason(con: netzdb.Connection) -> None:
    network = seed_network(con)
    with pytest.raises(care.CareError):
        care.change_tier(con, network.emil, "B", "  ")
    assert care.change_tier(con, network.emil, "B", "Now head of purchasing")
    assert not care.change_tier(con, network.emil, "B", "again")
    history = care.tier_history(con, network.emil)
    assert [(h.old_tier, h.new_tier, h.reason) for h in history] == [
        ("D", "B", "Now head of purchasing"), (None, "D", "created")]


def test_birthdays_with_lead_time_by_tier_and_without_year(con: netzdb.Connection) -> None:
    network = seed_network(con)
    in_five = TODAY + dt.timedelta(days=5)
    con.execute("UPDATE contacts SET birthday_year = 1976, birthday_month = ?, birthday_day = ? WHERE id = ?",
                [in_five.month, in_five.day, network.anna])
    birthdays = {b.contact_id: b for b in care.upcoming_birthdays(con, TODAY, within_days=7)}
    anna, emil = birthdays[network.anna], birthdays[network.emil]
    assert (anna.days_until, anna.turns, anna.greet_now) == (5, in_five.year - 1976, True)
    assert (emil.days_until, emil.turns, emil.greet_now) == (3, None, False)   # D: on the day
    draft = care.greeting_draft("de", anna, "Paula")
    assert draft.startswith("Hallo Anna Müller,") and draft.endswith("Paula")
    care.log_greeting(con, network.anna, TODAY)
    assert {b.contact_id: b for b in care.upcoming_birthdays(con, TODAY)}[network.anna].greeted


def test_leap_day_birthday_falls_on_first_of_march(con: netzdb.Connection) -> None:
    contact = create_contact(con, "Lea Leap", birthday_month=2, birthday_day=29)
    found = [b for b in care.upcoming_birthdays(con, TODAY, within_days=366) if b.contact_id == contact]
    assert len(found) == 1 and found[0].on.month in (2, 3)


def test_review_queue_suggests_and_remembers_dismissals(con: netzdb.Connection) -> None:
    network = seed_network(con)
    for days in (20, 40, 60):
        met(con, network.emil, days, "meeting")
    sleepy = create_contact(con, "Sven Schläfer", tier="A")
    backdate(con, sleepy, 130)
    climber = create_contact(con, "Carla Climber", tier="C", organization="Alpha", title="Engineer")
    update_contact(con, climber, {"organization": "Beta", "title": "Head of Engineering",
                                  "hierarchy_level": "head"})
    queue = {(i.contact_id, i.rule): i for i in care.review_queue(con, TODAY)}
    assert set(queue) == {(network.emil, "d_met_often"), (sleepy, "a_untouched"), (climber, "job_change")}
    assert queue[(sleepy, "a_untouched")].suggested_tier == "B"
    assert queue[(climber, "job_change")].suggested_tier == "B"
    assert care.review_reason("en", queue[(climber, "job_change")]) == "New position: Head of Engineering at Beta"

    care.dismiss_review(con, queue[(sleepy, "a_untouched")])
    care.accept_review(con, queue[(climber, "job_change")], "en")
    assert {(i.contact_id, i.rule) for i in care.review_queue(con, TODAY)} == {(network.emil, "d_met_often")}
    assert care.tier_history(con, climber)[0].reason == "New position: Head of Engineering at Beta"


def test_job_changes_of_the_newest_import(con: netzdb.Connection) -> None:
    network = seed_network(con)
    run = con.execute("INSERT INTO import_runs (kind) VALUES ('vcard') RETURNING id").fetchone()
    assert run is not None
    con.execute("INSERT INTO career_history (contact_id, organization, title, observed_on, import_run_id) VALUES "
                "(?, 'ACME GmbH', 'Engineer', ?, NULL), (?, 'Beta AG', 'CTO', ?, ?)",
                [network.emil, TODAY - dt.timedelta(days=400), network.emil, TODAY - dt.timedelta(days=90), run[0]])
    changes = care.job_changes(con, TODAY)
    assert [(c.contact_id, c.old_organization, c.organization, c.title) for c in changes] == [
        (network.emil, "ACME GmbH", "Beta AG", "CTO")]
    con.execute("INSERT INTO import_runs (kind) VALUES ('linkedin')")
    assert care.job_changes(con, TODAY) == []


def test_network_health_numbers(con: netzdb.Connection) -> None:
    seed_network(con)
    health = {h.tier: h for h in care.tier_health(con, TODAY)}
    assert (health["A"].contacts, health["A"].overdue, health["A"].due) == (2, 1, 1)
    assert health["B"].share_overdue == 0.5 and health["D"].contacts == 1
    recent = care.activity(con, TODAY)
    assert len(recent.months) == 12 and sum(m.interactions for m in recent.months) == 5
    assert [(s.tier, s.interactions, s.in_person) for s in recent.in_person] == [("A", 2, 1), ("B", 2, 1)]


def _netz(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETZ_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "netzcore.cli", "due", "--db", str(db), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=False)


def test_netz_due_json_in_today_order(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    network = seed_network(con)
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, hooks, follow_up_on) "
                "VALUES (?, ?, 'call', 'Send the offer', ?)", [network.dora, TODAY, TODAY])
    con.close()
    result = _netz(db_path, "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["full_name"] for r in records] == ["Anna Müller", "Bert Becker", "Clara Schmidt", "Frieda Fuchs"]
    assert records[0] == {"full_name": "Anna Müller", "tier": "A", "reason": "overdue by 40 days (every 60 days)",
                          "days_overdue": 40, "hooks": ["Ask about the hydrogen pilot in Emden"]}

    text = _netz(db_path, "--lang", "de")
    assert text.returncode == 0, text.stderr
    assert "[überfällig] Anna Müller (Siemens Energy AG) · A · seit 40 Tagen überfällig" in text.stdout
    assert "> Ask about the hydrogen pilot in Emden" in text.stdout
    assert "Send the offer" in text.stdout and "Emil Ernst (D)" in text.stdout


def test_netz_due_on_a_locked_database_says_so(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    try:
        result = _netz(db_path)
    finally:
        con.close()
    assert result.returncode == 3 and "in use" in result.stderr

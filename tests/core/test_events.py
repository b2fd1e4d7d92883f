"""The event planner on a real DuckDB file: exhibitor lists, whom to meet, gaps, outreach, slots, .ics, debrief."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import vobject

from netzcore import db as netzdb
from netzcore import events
from netzcore.i18n import format_date
from netzcore.organizations import ensure_organizations

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()


@dataclass(frozen=True)
class Fair:
    event_id: str
    anna: str      # A contact at exhibitor Siemens Energy, lives in Hannover, overdue: should come first
    bernd: str     # B contact, seen last week, nothing to do with the fair; used to work at E.ON
    clara: str     # C contact, specialist at Stadtwerke München (an exhibitor); a bridge there
    dieter: str    # D contact without any link: never ranked


def _contact(con: netzdb.Connection, name: str, tier: str, org_id: str | None, city: str,
             level: str | None = None, topics: tuple[str, ...] = ()) -> str:
    row = con.execute(
        "INSERT INTO contacts (full_name, tier, organization_id, city, hierarchy_level, topics, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [name, tier, org_id, city, level, list(topics), dt.datetime(2024, 1, 1)],
    ).fetchone()
    assert row
    return str(row[0])


def build_fair(con: netzdb.Connection) -> Fair:
    """A small network and the Hannover Messe a month from today, with a goal and an exhibitor list."""
    orgs = ensure_organizations(con, ["Siemens Energy AG", "Acme Consulting GmbH", "Stadtwerke München GmbH"])
    anna = _contact(con, "Anna Berger", "A", orgs["Siemens Energy AG"], "Hannover", "head", ("Hydrogen",))
    bernd = _contact(con, "Bernd Kurz", "B", orgs["Acme Consulting GmbH"], "Berlin")
    clara = _contact(con, "Clara Dorn", "C", orgs["Stadtwerke München GmbH"], "München", "specialist")
    dieter = _contact(con, "Dieter Ernst", "D", None, "Köln")
    con.execute(
        "INSERT INTO interactions (contact_id, occurred_on, channel, hooks, received) VALUES "
        "(?, ?, 'lunch', 'her electrolyser pilot in Lingen', 'an introduction to the grid team'), "
        "(?, ?, 'call', NULL, NULL)",
        [anna, TODAY - dt.timedelta(days=95), bernd, TODAY - dt.timedelta(days=7)],
    )
    con.execute(
        "INSERT INTO career_history (contact_id, organization, title, observed_on) VALUES (?, 'E.ON SE', 'Analyst', ?)",
        [bernd, dt.date(2019, 5, 1)],
    )
    goal = con.execute("INSERT INTO goals (title) VALUES ('Hydrogen utilities') RETURNING id").fetchone()
    segment = con.execute(
        "INSERT INTO segments (kind, name, organization_names, organization_keys, levels) VALUES "
        "('company', 'Utilities', ['Siemens Energy', 'Stadtwerke München', 'E.ON'], "
        "['siemens energy', 'stadtwerke munchen', 'e on'], ['executive', 'head']) RETURNING id"
    ).fetchone()
    assert goal and segment
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal[0], segment[0]])
    event_id = events.create_event(con, events.EventDraft(
        name="Hannover Messe", kind="trade_fair", starts_on=TODAY + dt.timedelta(days=30),
        ends_on=TODAY + dt.timedelta(days=34), city="Hannover", venue="Messegelände",
        topics=("Hydrogen", "Grid"), goal_ids=(str(goal[0]),),
    ))
    events.import_exhibitors(con, event_id, events.parse_exhibitor_list(
        "SIEMENS ENERGY GmbH\nStadtwerke  München AG\nE.ON SE\nUnknown Robotics Ltd.\n"
    ))
    con.execute("UPDATE profile SET full_name = 'Petra Weiss', elevator_pitch = "
                "'Petra Weiss, energy consultant: I help utilities bring hydrogen projects to the grid.'")
    return Fair(event_id, anna, bernd, clara, dieter)


@pytest.fixture
def fair(con: netzdb.Connection) -> Fair:
    return build_fair(con)


def test_exhibitor_list_from_pasted_lines_and_from_csv_with_a_name_column() -> None:
    pasted = events.parse_exhibitor_list("Siemens Energy AG\n\n  siemens  energy gmbh \nE.ON SE\n")
    assert [e.name for e in pasted] == ["Siemens Energy AG", "E.ON SE"]
    csv_text = "Halle/Stand;Firma;Land\n12-B34;Siemens Energy AG;DE\n27-C10;\"Müller, Schmidt & Co. KG\";DE\n"
    parsed = events.parse_exhibitor_list(csv_text)
    assert parsed == [events.ExhibitorEntry("Siemens Energy AG", "12-B34"),
                      events.ExhibitorEntry("Müller, Schmidt & Co. KG", "27-C10")]
    assert [e.name for e in events.parse_exhibitor_list("Company,Country\nACME Inc.,US\n")] == ["ACME Inc."]


def test_exhibitors_match_organisations_tolerant_to_legal_form_case_and_spacing(
    con: netzdb.Connection, fair: Fair
) -> None:
    listed = {x.name: x for x in events.list_exhibitors(con, fair.event_id)}
    assert listed["SIEMENS ENERGY GmbH"].organization == "Siemens Energy AG"
    assert listed["SIEMENS ENERGY GmbH"].contacts == 1
    assert listed["Stadtwerke  München AG"].organization == "Stadtwerke München GmbH"
    assert listed["Unknown Robotics Ltd."].organization is None  # kept, though not in my network
    again = events.import_exhibitors(con, fair.event_id, [events.ExhibitorEntry("siemens energy"),
                                                          events.ExhibitorEntry("Acme Consulting")])
    assert (again.added, again.matched, again.already_listed) == (1, 1, 1)
    con.execute("UPDATE organizations SET aliases = ['sw muenchen'] WHERE name = 'Stadtwerke München GmbH'")
    by_alias = events.import_exhibitors(con, fair.event_id, [events.ExhibitorEntry("SW Muenchen")], "speaker")
    assert by_alias.matched == 1


def test_ranking_puts_the_overdue_a_contact_at_the_exhibitor_first_with_reasons(
    con: netzdb.Connection, fair: Fair
) -> None:
    ranked = events.rank_contacts_for_event(con, fair.event_id, TODAY, lang="en")
    assert ranked[0].full_name == "Anna Berger"
    assert ranked[0].reasons == (
        "A contact, 95 days since the last meeting (cadence 60)",
        "works at exhibitor Siemens Energy AG",
        "matches goal 'Hydrogen utilities'",
        "shares topics: Hydrogen",
        "lives in Hannover",
        "I received more than I gave (1 to 0): a chance to give back",
    )
    names = [r.full_name for r in ranked]
    assert "Dieter Ernst" not in names
    assert names.index("Clara Dorn") < len(names)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    german = events.rank_contacts_for_event(con, fair.event_id, TODAY, lang="de")[0]
    assert german.reasons[:2] == ("A-Kontakt, 95 Tage seit dem letzten Treffen (Rhythmus 60)",
                                  "arbeitet bei Aussteller Siemens Energy AG")


def test_weights_change_the_order_and_are_kept_in_the_settings(con: netzdb.Connection, fair: Fair) -> None:
    only_tier = dict.fromkeys(events.DEFAULT_WEIGHTS, 0.0) | {"tier": 10.0}
    ranked = events.rank_contacts_for_event(con, fair.event_id, TODAY, only_tier)
    assert [r.full_name for r in ranked] == ["Anna Berger", "Bernd Kurz", "Clara Dorn"]
    events.save_weights(con, {"tier": 500, "city": 0})
    stored = events.load_weights(con)
    assert stored["tier"] == events.MAX_WEIGHT and stored["city"] == 0
    assert stored["goal"] == events.DEFAULT_WEIGHTS["goal"]


def test_recent_job_change_is_a_reason(con: netzdb.Connection, fair: Fair) -> None:
    con.execute(
        "INSERT INTO career_history (contact_id, organization, title, observed_on) VALUES "
        "(?, 'Acme Consulting', 'Consultant', ?), (?, 'Acme Consulting', 'Head of Energy', ?)",
        [fair.bernd, dt.date(2021, 1, 1), fair.bernd, TODAY - dt.timedelta(days=20)],
    )
    bernd = next(r for r in events.rank_contacts_for_event(con, fair.event_id, TODAY, lang="en")
                 if r.full_name == "Bernd Kurz")
    assert any(r.startswith("new position since") and "Head of Energy" in r for r in bernd.reasons)


def test_target_organisations_without_a_contact_at_the_wanted_level_with_bridges(
    con: netzdb.Connection, fair: Fair
) -> None:
    gaps = {g.organization: g for g in events.target_gaps(con, fair.event_id)}
    assert set(gaps) == {"E.ON SE", "Stadtwerke  München AG"}  # Anna is head at Siemens Energy: no gap
    assert gaps["E.ON SE"].bridges == ("Bernd Kurz",)           # worked there (career history)
    assert gaps["Stadtwerke  München AG"].bridges == ("Clara Dorn",)  # works there, as a specialist


def test_outreach_pipeline_and_a_german_draft_with_the_last_hooks(con: netzdb.Connection, fair: Fair) -> None:
    assert events.add_to_plan(con, fair.event_id, [fair.anna, fair.bernd, fair.anna]) == 2
    assert events.add_to_plan(con, fair.event_id, [fair.anna]) == 0
    events.set_plan_status(con, fair.event_id, fair.bernd, "declined")
    assert events.plan_counts(events.list_plan(con, fair.event_id))["declined"] == 1
    with pytest.raises(events.EventError):
        events.set_plan_status(con, fair.event_id, fair.anna, "maybe")
    entry = next(e for e in events.list_plan(con, fair.event_id) if e.contact_id == fair.anna)
    assert entry.last_hooks == "her electrolyser pilot in Lingen"
    event = events.get_event(con, fair.event_id)
    assert event is not None
    draft = events.draft_message(event, entry, "linkedin", "de", "Petra Weiss")
    assert "Sind Sie auch auf der Hannover Messe in Hannover" in draft
    assert "Hätten Sie Zeit für einen Kaffee?" in draft
    assert "her electrolyser pilot in Lingen" in draft
    assert draft.startswith("Guten Tag Anna Berger,") and draft.endswith("Petra Weiss")
    email = events.draft_message(event, entry, "email", "en", "Petra Weiss")
    assert email.startswith("Subject: Hannover Messe – time for a coffee?")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_an_overlapping_coffee_slot_is_refused_with_a_clear_message(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=31)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 10), _at(day, 10, 30), "Hall 12, B34")
    events.set_slot(con, fair.event_id, fair.clara, _at(day, 10, 30), _at(day, 11), "Café Nord")  # adjacent: fine
    with pytest.raises(events.EventError) as refused:
        events.set_slot(con, fair.event_id, fair.bernd, _at(day, 10, 15), _at(day, 10, 45))
    assert refused.value.key == "events.error_slot_overlap"
    assert refused.value.message("en") == (
        f"This slot overlaps with Anna Berger on {format_date(day, 'en')}, 10:00–10:30. Choose another time."
    )
    with pytest.raises(events.EventError) as outside:
        events.set_slot(con, fair.event_id, fair.bernd, _at(TODAY, 9), _at(TODAY, 10))
    assert outside.value.key == "events.error_slot_day"
    plan = events.day_plan(events.list_plan(con, fair.event_id))
    assert [e.full_name for e in plan[day]] == ["Anna Berger", "Clara Dorn"]
    assert {e.status for e in plan[day]} == {"confirmed"}


def test_ics_parses_with_vobject_and_holds_the_confirmed_meetings(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=32)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 14), _at(day, 14, 30), "Hall 12, B34")
    events.set_slot(con, fair.event_id, fair.clara, _at(day, 15), _at(day, 15, 30))
    events.set_plan_status(con, fair.event_id, fair.clara, "declined")
    events.add_to_plan(con, fair.event_id, [fair.bernd])  # asked, no slot: not in the calendar
    calendar = vobject.readOne(events.event_calendar(con, fair.event_id, "en").decode("utf-8"))
    entries = {v.summary.value: v for v in calendar.vevent_list}
    assert set(entries) == {"Hannover Messe", "Coffee: Anna Berger (Hannover Messe)"}
    meeting = entries["Coffee: Anna Berger (Hannover Messe)"]
    assert meeting.dtstart.value == _at(day, 14) and meeting.dtend.value == _at(day, 14, 30)
    assert meeting.location.value == "Hall 12, B34"
    assert "her electrolyser pilot in Lingen" in meeting.description.value
    assert entries["Hannover Messe"].dtstart.value == TODAY + dt.timedelta(days=30)


def test_brief_has_who_when_where_hooks_and_my_pitch(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=30)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 9), _at(day, 9, 30), "Hall 12, B34")
    events.set_talking_points(con, fair.event_id, fair.anna, "grid connection of the pilot")
    brief = events.event_brief(con, fair.event_id, "de")
    assert brief.startswith("Hannover Messe\n")
    assert "Wo: Messegelände, Hannover" in brief
    assert "I help utilities bring hydrogen projects to the grid." in brief
    assert f"{format_date(day, 'de')} 09:00–09:30  Anna Berger, Siemens Energy AG" in brief
    assert "Anknüpfungspunkte: her electrolyser pilot in Lingen" in brief
    assert "Gesprächsthemen: grid connection of the pilot" in brief


def test_debrief_logs_an_in_person_event_interaction_and_moves_the_plan_to_met(
    con: netzdb.Connection, fair: Fair
) -> None:
    met_on = TODAY + dt.timedelta(days=31)
    events.add_to_plan(con, fair.event_id, [fair.anna])
    interaction_id = events.log_meeting(con, fair.event_id, events.MeetingLog(
        contact_id=fair.anna, occurred_on=met_on, topics=("Hydrogen", "grid", "hydrogen"),
        hooks="send the study on PEM stacks", gave="the study", received="booth tour",
        follow_up_on=met_on + dt.timedelta(days=14),
    ))
    row = con.execute(
        "SELECT contact_id, channel, in_person, topics, hooks, gave, received, follow_up_on, event_id "
        "FROM interactions WHERE id = ?", [interaction_id],
    ).fetchone()
    assert row == (fair.anna, "event", True, ["Hydrogen", "grid"], "send the study on PEM stacks", "the study",
                   "booth tour", met_on + dt.timedelta(days=14), fair.event_id)
    entry = next(e for e in events.list_plan(con, fair.event_id) if e.contact_id == fair.anna)
    assert (entry.status, entry.interaction_id) == ("met", interaction_id)
    care = con.execute("SELECT last_interaction_on FROM contact_care(?) WHERE contact_id = ?",
                       [met_on, fair.anna]).fetchone()
    assert care == (met_on,)


def test_someone_new_met_becomes_a_contact_with_how_met_the_event(con: netzdb.Connection, fair: Fair) -> None:
    met = events.add_contact_met(con, fair.event_id, events.NewContact(
        full_name="  Jonas   Vogel ", organization="siemens energy gmbh", title="Head of H2",
        email="Jonas.Vogel@example.com", city="Erlangen", tier="B",
    ))
    contact_id = met.contact_id
    assert met.created
    row = con.execute(
        "SELECT c.full_name, o.name, c.title, c.emails, c.tier, c.how_met FROM contacts c "
        "JOIN organizations o ON o.id = c.organization_id WHERE c.id = ?", [contact_id],
    ).fetchone()
    assert row == ("Jonas Vogel", "Siemens Energy AG", "Head of H2", ["jonas.vogel@example.com"], "B",
                   "Hannover Messe")
    assert any(e.contact_id == contact_id and e.status == "met" for e in events.list_plan(con, fair.event_id))
    with pytest.raises(events.EventError):
        events.add_contact_met(con, fair.event_id, events.NewContact(full_name=" "))
    again = events.add_contact_met(con, fair.event_id, events.NewContact(full_name="J. Vogel",
                                                                         email="jonas.vogel@EXAMPLE.com"))
    assert (again.contact_id, again.full_name, again.created) == (contact_id, "Jonas Vogel", False)
    assert con.execute("SELECT count(*) FROM contacts WHERE full_name LIKE '%Vogel'").fetchone() == (1,)


def test_event_validation_and_lookup_by_name(con: netzdb.Connection, fair: Fair) -> None:
    with pytest.raises(events.EventError) as bad:
        events.create_event(con, events.EventDraft(name="Talk", kind="talk", starts_on=TODAY, ends_on=TODAY - dt.timedelta(days=1)))
    assert bad.value.message("de") == "Der letzte Tag liegt vor dem ersten Tag."
    found = events.find_event(con, "hannover messe")
    assert found is not None and found.id == fair.event_id
    assert events.find_event(con, "messe") == found
    assert events.find_event(con, "Bauma") is None


def _netz(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netzcore.cli", "plan", "--db", str(db), "--lang", "en", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )


def test_cli_lists_upcoming_events_and_ranks_one_as_json(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    build_fair(con)
    events.create_event(con, events.EventDraft(name="Old Congress", kind="conference", starts_on=dt.date(2020, 3, 1),
                                               ends_on=dt.date(2020, 3, 2), city="Wien"))
    con.close()
    listing = _netz(db_path)
    assert listing.returncode == 0, listing.stderr
    assert "Hannover Messe" in listing.stdout and "Hannover" in listing.stdout
    assert "Old Congress" not in listing.stdout
    as_json = json.loads(_netz(db_path, "--json").stdout)
    assert [(e["name"], e["city"], e["starts_on"]) for e in as_json] == [
        ("Hannover Messe", "Hannover", (TODAY + dt.timedelta(days=30)).isoformat())]
    ranked = _netz(db_path, "Hannover Messe", "--json")
    assert ranked.returncode == 0, ranked.stderr
    plan = json.loads(ranked.stdout)
    assert plan[0]["full_name"] == "Anna Berger"
    assert "works at exhibitor Siemens Energy AG" in plan[0]["reasons"]
    assert [p["score"] for p in plan] == sorted((p["score"] for p in plan), reverse=True)
    assert set(plan[0]) == {"full_name", "score", "reasons"}
    text = _netz(db_path, "messe")
    assert text.stdout.splitlines()[1].startswith("  1. Anna Berger (")
    missing = _netz(db_path, "Bauma")
    assert missing.returncode == 1 and "Bauma" in missing.stderr


def test_german_draft_for_a_conference_needs_no_article(con: netzdb.Connection, fair: Fair) -> None:
    congress = events.create_event(con, events.EventDraft(
        name="Wasserstoff-Kongress Süd", kind="conference", starts_on=TODAY, ends_on=TODAY, city="Stuttgart"))
    events.add_to_plan(con, congress, [fair.bernd])
    event, entry = events.get_event(con, congress), events.list_plan(con, congress)[0]
    assert event is not None
    draft = events.draft_message(event, entry, "xing", "de")
    assert "Sind Sie auch bei „Wasserstoff-Kongress Süd“ in Stuttgart dabei" in draft
    assert draft.endswith("\n\nViele Grüße")  # no name in the profile yet: no dangling comma

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
from netzcore.profile import get_profile

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
    """A small network and the Hannover Messe a month from today, with a goal and an exhibitor list with halls."""
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
        "['siemens energy', 'stadtwerke münchen', 'e on'], ['executive', 'head']) RETURNING id"
    ).fetchone()
    assert goal and segment
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal[0], segment[0]])
    event_id = events.create_event(con, events.EventDraft(
        name="Hannover Messe", kind="trade_fair", starts_on=TODAY + dt.timedelta(days=30),
        ends_on=TODAY + dt.timedelta(days=34), city="Hannover", venue="Messegelände",
        topics=("Hydrogen", "Grid"), goal_ids=(str(goal[0]),),
    ))
    events.import_exhibitors(con, event_id, events.parse_exhibitor_list(
        "SIEMENS ENERGY GmbH; Halle 12, Stand B34\nStadtwerke  München AG\tH27/C10\nE.ON SE\nUnknown Robotics Ltd.\n"
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
    assert parsed == [events.ExhibitorEntry("Siemens Energy AG", "12-B34", "12", "B34"),
                      events.ExhibitorEntry("Müller, Schmidt & Co. KG", "27-C10", "27", "C10")]
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
        "A contact",
        "95 days since the last meeting (cadence 60)",
        "works at an exhibitor: Hall 12, booth B34",
        "matches goal 'Hydrogen utilities'",
        "shares topics: Hydrogen",
        "lives in Hannover",
        "I received more than I gave (1 to 0): a chance to give back",
    )
    names = [r.full_name for r in ranked]
    assert "Dieter Ernst" not in names
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    german = events.rank_contacts_for_event(con, fair.event_id, TODAY, lang="de")[0]
    assert german.reasons[:3] == ("A-Kontakt", "95 Tage seit dem letzten Treffen (Rhythmus 60)",
                                  "arbeitet bei einem Aussteller: Halle 12, Stand B34")


def test_score_is_0_to_100_and_made_of_its_visible_parts(con: netzdb.Connection, fair: Fair) -> None:
    for contact in events.rank_contacts_for_event(con, fair.event_id, TODAY):
        assert 0 < contact.score <= 100
        assert sum(p.points for p in contact.parts) == pytest.approx(contact.score)
        assert contact.points == round(contact.score)
    anna = events.rank_contacts_for_event(con, fair.event_id, TODAY)[0]
    shorts = {p.reason: p.short for p in anna.parts}
    assert shorts == {"tier": "A", "overdue": "95 days", "exhibitor": "H12 · B34", "goal": "Hydrogen utilities",
                      "topics": "Hydrogen", "city": "Hannover", "balance": "1:0"}
    everything = dict.fromkeys(events.DEFAULT_WEIGHTS, 1.0)
    assert all(c.score <= 100 for c in events.rank_contacts_for_event(con, fair.event_id, TODAY, everything))


def test_no_reason_names_the_contacts_organisation(con: netzdb.Connection, fair: Fair) -> None:
    for lang in ("de", "en"):
        for contact in events.rank_contacts_for_event(con, fair.event_id, TODAY, lang=lang):
            words = [w for w in contact.organization.replace(",", " ").split() if len(w) > 3]
            for reason in contact.reasons:
                assert not any(word in reason for word in words), (contact.organization, reason)


def test_a_weight_of_0_removes_its_reason(con: netzdb.Connection, fair: Fair) -> None:
    weights = dict(events.DEFAULT_WEIGHTS, exhibitor=0.0, city=0.0)
    anna = events.rank_contacts_for_event(con, fair.event_id, TODAY, weights)[0]
    assert anna.full_name == "Anna Berger"
    assert {p.reason for p in anna.parts} == {"tier", "overdue", "goal", "topics", "balance"}
    assert not any("exhibitor" in r or "Hannover" in r for r in anna.reasons)
    nothing = events.whom_to_meet(con, fair.event_id, TODAY, dict.fromkeys(events.DEFAULT_WEIGHTS, 0.0))
    assert (nothing.contacts, nothing.more) == ([], False)


def test_filters_by_tier_goal_and_hall_and_every_row_is_reachable(con: netzdb.Connection, fair: Fair) -> None:
    everyone = events.whom_to_meet(con, fair.event_id, TODAY)
    assert not everyone.more and len(everyone.contacts) == 3
    first, rest = (events.whom_to_meet(con, fair.event_id, TODAY, limit=2, offset=n) for n in (0, 2))
    assert (first.more, [c.full_name for c in first.contacts]) == (True, ["Anna Berger", "Clara Dorn"])
    assert (rest.more, [c.full_name for c in rest.contacts]) == (False, ["Bernd Kurz"])

    def names(**chosen: object) -> list[str]:
        found = events.whom_to_meet(con, fair.event_id, TODAY, filters=events.RankFilter(**chosen))  # type: ignore[arg-type]
        return [c.full_name for c in found.contacts]

    assert names(tiers=("B", "C")) == ["Clara Dorn", "Bernd Kurz"]
    goal_id = events.get_event(con, fair.event_id).goal_ids[0]  # type: ignore[union-attr]
    assert names(goal_id=goal_id) == ["Anna Berger", "Clara Dorn"]
    assert names(hall="27") == ["Clara Dorn"]
    assert names(hall="12", tiers=("C",)) == []
    assert events.event_halls(con, fair.event_id) == ["12", "27"]


def test_target_organisations_without_a_contact_at_the_wanted_level_with_bridges(
    con: netzdb.Connection, fair: Fair
) -> None:
    gaps = {g.organization: g for g in events.target_gaps(con, fair.event_id)}
    assert set(gaps) == {"E.ON SE", "Stadtwerke  München AG"}  # Anna is head at Siemens Energy: no gap
    assert gaps["E.ON SE"].bridges == ("Bernd Kurz",)           # worked there (career history)
    assert gaps["Stadtwerke  München AG"].bridges == ("Clara Dorn",)  # works there, as a specialist


def test_outreach_pipeline_and_a_german_draft_with_the_last_topics_and_hooks_as_notes(
    con: netzdb.Connection, fair: Fair
) -> None:
    assert events.add_to_plan(con, fair.event_id, [fair.anna, fair.bernd, fair.anna]) == 2
    assert events.add_to_plan(con, fair.event_id, [fair.anna]) == 0
    events.set_plan_status(con, fair.event_id, fair.bernd, "declined")
    assert events.plan_counts(events.list_plan(con, fair.event_id))["declined"] == 1
    with pytest.raises(events.EventError):
        events.set_plan_status(con, fair.event_id, fair.anna, "maybe")
    con.execute("UPDATE interactions SET topics = ['Elektrolyse', 'Netzanschluss'] WHERE contact_id = ?", [fair.anna])
    con.execute("UPDATE contacts SET salutation = 'ms', academic_title = 'Dr.' WHERE id = ?", [fair.anna])
    entry = next(e for e in events.list_plan(con, fair.event_id) if e.contact_id == fair.anna)
    assert entry.last_hooks == "her electrolyser pilot in Lingen"
    assert (entry.hall, entry.stand) == ("12", "B34")
    event = events.get_event(con, fair.event_id)
    assert event is not None
    draft = events.coffee_request(event, entry, "linkedin", "de", "Petra Weiss")
    assert draft.text.startswith("Sehr geehrte Frau Dr. Berger,\n\nsind Sie auch auf der Hannover Messe (")
    assert "Hätten Sie Zeit für einen Kaffee?" in draft.text
    assert "Bei unserem letzten Gespräch ging es um Elektrolyse und Netzanschluss" in draft.text
    assert "electrolyser" not in draft.text  # the hooks are notes for me, not words for her
    assert draft.notes == ("Anknüpfungspunkte: her electrolyser pilot in Lingen",)
    assert draft.text.endswith("Viele Grüße\nPetra Weiss")
    email = events.draft_message(event, entry, "email", "en", "Petra Weiss")
    assert email.startswith("Subject: Coffee at Hannover Messe?\n\nDear Dr. Berger,")


def test_a_booked_slot_is_proposed_in_the_draft_at_their_stand(con: netzdb.Connection, fair: Fair) -> None:
    event = events.get_event(con, fair.event_id)
    assert event is not None
    day = event.starts_on + dt.timedelta(days=1)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 10, 30), _at(day, 11), "Halle 12, Stand B34")
    entry = events.list_plan(con, fair.event_id)[0]
    text = events.draft_message(event, entry, "xing", "de", "Petra Weiss")
    weekday = events.weekday_date(day, "de")
    assert f"Hätten Sie am {weekday}, um 10:30 Uhr Zeit für einen Kaffee, gern an Ihrem Stand (Halle 12, Stand B34)?" \
        in text
    events.set_plan_status(con, fair.event_id, fair.anna, "confirmed")
    confirmed = events.draft_message(event, events.list_plan(con, fair.event_id)[0], "xing", "en", "Petra Weiss")
    assert "I look forward to our coffee at Hannover Messe on" in confirmed and "Will you be" not in confirmed


def test_removing_from_the_list_can_be_undone_with_slot_and_status(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=31)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 10), _at(day, 10, 30), "Café")
    events.set_plan_status(con, fair.event_id, fair.anna, "asked")
    removed = events.remove_from_plan(con, fair.event_id, fair.anna)
    assert removed is not None and events.list_plan(con, fair.event_id) == []
    assert events.restore_plan_entry(con, removed)
    back = events.list_plan(con, fair.event_id)[0]
    assert (back.status, back.slot_start, back.place) == ("asked", _at(day, 10), "Café")
    assert not events.restore_plan_entry(con, removed)  # twice changes nothing


def test_clearing_the_exhibitor_list_can_be_undone(con: netzdb.Connection, fair: Fair) -> None:
    before = events.list_exhibitors(con, fair.event_id)
    removed = events.remove_exhibitors(con, fair.event_id)
    assert len(removed) == 4 and events.list_exhibitors(con, fair.event_id) == []
    assert events.restore_exhibitors(con, fair.event_id, removed) == 4
    assert events.list_exhibitors(con, fair.event_id) == before


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_an_overlapping_coffee_slot_is_refused_with_a_clear_message(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=31)
    assert events.set_slot(con, fair.event_id, fair.anna, _at(day, 10), _at(day, 10, 30), "Hall 12, B34") == "to_ask"
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
    # booking never says yes for them: the status stays until they agree, and the caller is told which it is
    events.set_plan_status(con, fair.event_id, fair.anna, "confirmed")
    assert events.set_slot(con, fair.event_id, fair.anna, _at(day, 9), _at(day, 9, 30)) == "confirmed"
    assert {e.status for e in events.day_plan(events.list_plan(con, fair.event_id))[day]} == {"confirmed", "to_ask"}
    events.clear_slot(con, fair.event_id, fair.clara)
    assert not next(e for e in events.list_plan(con, fair.event_id) if e.contact_id == fair.clara).booked


def test_ics_holds_every_booked_meeting_and_marks_the_unconfirmed(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=32)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 14), _at(day, 14, 30), "Hall 12, B34")
    events.set_plan_status(con, fair.event_id, fair.anna, "confirmed")
    events.set_slot(con, fair.event_id, fair.clara, _at(day, 15), _at(day, 15, 30))
    events.set_slot(con, fair.event_id, fair.bernd, _at(day, 16), _at(day, 16, 30))
    events.set_plan_status(con, fair.event_id, fair.bernd, "declined")
    calendar = vobject.readOne(events.event_calendar(con, fair.event_id, "en").decode("utf-8"))
    entries = {v.summary.value: v for v in calendar.vevent_list}
    assert set(entries) == {"Hannover Messe", "Coffee: Anna Berger (Hannover Messe)",
                            "Coffee (to be confirmed): Clara Dorn (Hannover Messe)"}
    meeting = entries["Coffee: Anna Berger (Hannover Messe)"]
    assert meeting.dtstart.value == _at(day, 14) and meeting.dtend.value == _at(day, 14, 30)
    assert meeting.location.value == "Hall 12, B34"
    assert "her electrolyser pilot in Lingen" in meeting.description.value
    assert entries["Hannover Messe"].dtstart.value == TODAY + dt.timedelta(days=30)


def test_brief_has_who_when_where_hooks_and_my_pitch(con: netzdb.Connection, fair: Fair) -> None:
    day = TODAY + dt.timedelta(days=30)
    events.set_slot(con, fair.event_id, fair.anna, _at(day, 9), _at(day, 9, 30), "Halle 12, Stand B34")
    events.set_talking_points(con, fair.event_id, fair.anna, "grid connection of the pilot")
    events.add_to_plan(con, fair.event_id, [fair.clara])
    brief = events.event_brief(con, fair.event_id, "de", today=TODAY)
    assert brief.startswith("Hannover Messe\n")
    assert "Wo: Messegelände, Hannover" in brief
    assert "I help utilities bring hydrogen projects to the grid." in brief
    assert "09:00–09:30  Halle 12, Stand B34  Anna Berger, Siemens Energy AG" in brief
    assert "Anknüpfungspunkte: her electrolyser pilot in Lingen" in brief
    assert "Gesprächsthemen: grid connection of the pilot" in brief
    why = next(line for line in brief.splitlines() if line.startswith("  Warum: "))
    assert "A-Kontakt" in why and "arbeitet bei einem Aussteller: Halle 12, Stand B34" in why
    assert why.count("; ") == 3  # the four strongest reasons: the page stays one page
    assert "Geben und Nehmen: gegeben 0×, erhalten 1×; zuletzt erhalten: an introduction to the grid team" in brief
    assert "Außerdem auf Ihrer Liste, noch ohne Termin\n- Clara Dorn, Stadtwerke München GmbH (anfragen)" in brief


def test_printable_brief_is_one_page_per_day_of_escaped_text(con: netzdb.Connection, fair: Fair) -> None:
    first, second = TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=31)
    con.execute("UPDATE contacts SET full_name = '<script>alert(1)</script> Anna' WHERE id = ?", [fair.anna])
    events.set_slot(con, fair.event_id, fair.anna, _at(first, 9), _at(first, 9, 30), "<b>Hall</b>")
    events.set_slot(con, fair.event_id, fair.clara, _at(second, 11), _at(second, 11, 30))
    page = events.brief_html(events.build_brief(con, fair.event_id, TODAY, "en"), "en")
    assert page.count('<section class="day">') == 2 and "break-after: page" in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Anna" in page
    assert "&lt;b&gt;Hall&lt;/b&gt;" in page and "<b>" not in page
    assert "Hall 27, booth C10" in page  # Clara's place from the exhibitor list
    assert "<script" not in page.lower() and "src=" not in page


def test_debrief_logs_an_in_person_event_interaction_and_moves_last_contact(
    con: netzdb.Connection, fair: Fair
) -> None:
    event = events.get_event(con, fair.event_id)
    assert event is not None
    assert events.debrief_day(event, TODAY) is None  # a month ahead: nothing to debrief yet
    during = event.starts_on + dt.timedelta(days=2)
    assert events.debrief_day(event, during) == during
    assert events.debrief_day(event, event.ends_on + dt.timedelta(days=9)) == event.ends_on
    with pytest.raises(events.EventError) as future:
        events.log_meeting(con, fair.event_id, events.MeetingLog(fair.anna, event.starts_on), today=TODAY)
    assert future.value.key == "events.error_meeting_future"
    events.add_to_plan(con, fair.event_id, [fair.anna])
    met_on = event.starts_on + dt.timedelta(days=1)
    after = event.ends_on + dt.timedelta(days=3)
    interaction_id = events.log_meeting(con, fair.event_id, events.MeetingLog(
        contact_id=fair.anna, occurred_on=met_on, topics=("Hydrogen", "grid", "hydrogen"),
        hooks="send the study on PEM stacks", gave="the study", received="booth tour",
        follow_up_on=met_on + dt.timedelta(days=14),
    ), today=after)
    row = con.execute(
        "SELECT contact_id, channel, in_person, topics, hooks, gave, received, follow_up_on, event_id "
        "FROM interactions WHERE id = ?", [interaction_id],
    ).fetchone()
    assert row == (fair.anna, "event", True, ["Hydrogen", "grid"], "send the study on PEM stacks", "the study",
                   "booth tour", met_on + dt.timedelta(days=14), fair.event_id)
    entry = next(e for e in events.list_plan(con, fair.event_id) if e.contact_id == fair.anna)
    assert (entry.status, entry.interaction_id) == ("met", interaction_id)
    care = con.execute("SELECT last_interaction_on FROM contact_care(?) WHERE contact_id = ?",
                       [after, fair.anna]).fetchone()
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
    assert "works at an exhibitor: Hall 12, booth B34" in plan[0]["reasons"]
    assert [p["score"] for p in plan] == sorted((p["score"] for p in plan), reverse=True)
    assert all(isinstance(p["score"], int) and 0 < p["score"] <= 100 for p in plan)
    assert set(plan[0]) == {"full_name", "score", "reasons"}
    text = _netz(db_path, "messe")
    assert text.stdout.splitlines()[1].startswith("  1. Anna Berger (")
    missing = _netz(db_path, "Bauma")
    assert missing.returncode == 1 and "Bauma" in missing.stderr


def test_cli_prints_the_schedule_booked_and_proposed(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    fair = build_fair(con)
    first = TODAY + dt.timedelta(days=30)
    events.set_slot(con, fair.event_id, fair.bernd, _at(first, 9), _at(first, 9, 30), "Café Nord")
    events.add_to_plan(con, fair.event_id, [fair.anna, fair.clara])
    con.close()
    result = _netz(db_path, "Hannover Messe", "--schedule", "--json")
    assert result.returncode == 0, result.stderr
    schedule = json.loads(result.stdout)
    assert [set(s) for s in schedule] == [{"full_name", "start", "end", "place"}] * 3
    assert schedule[0] == {"full_name": "Bernd Kurz", "start": _at(first, 9).isoformat(),
                           "end": _at(first, 9, 30).isoformat(), "place": "Café Nord"}
    rest = {s["full_name"]: s for s in schedule[1:]}
    assert rest["Anna Berger"]["place"] == "Hall 12, booth B34" and rest["Clara Dorn"]["place"] == "Hall 27, booth C10"
    assert all(dt.datetime.fromisoformat(s["end"]) - dt.datetime.fromisoformat(s["start"]) == dt.timedelta(minutes=30)
               for s in schedule)
    text = _netz(db_path, "messe", "--schedule")
    assert "Bernd Kurz  Café Nord" in text.stdout and "(proposed)" in text.stdout


def _draft(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netzcore.cli", "draft", "--db", str(db), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)


def test_cli_draft_prints_the_message_of_the_messages_step(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    fair = build_fair(con)
    con.execute("UPDATE contacts SET address_form = 'informal', salutation = 'ms' WHERE id = ?", [fair.anna])
    events.add_to_plan(con, fair.event_id, [fair.anna])
    event = events.get_event(con, fair.event_id)
    entry = events.list_plan(con, fair.event_id)[0]
    assert event is not None
    expected = events.draft_message(event, entry, "linkedin", "de", get_profile(con))
    con.close()
    result = _draft(db_path, "Anna", "--event", "Hannover", "--channel", "linkedin", "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected + "\n"
    assert result.stdout.startswith("Liebe Anna,\n\nbist du auch auf der Hannover Messe (")
    assert "Anknüpfungspunkte: her electrolyser pilot in Lingen" in result.stderr
    english = _draft(db_path, "Clara Dorn", "--event", "messe", "--lang", "en")
    assert english.returncode == 0 and english.stdout.startswith("Subject: Coffee at Hannover Messe?\n\nDear Clara Dorn,")
    assert _draft(db_path, "Nobody", "--event", "messe").returncode == 1
    ambiguous = _draft(db_path, "d", "--event", "messe", "--lang", "en")
    assert ambiguous.returncode == 1 and "matches several contacts" in ambiguous.stderr
    assert _draft(db_path, "Anna", "--event", "Bauma").returncode == 1


def test_german_draft_names_a_conference_with_its_article(con: netzdb.Connection, fair: Fair) -> None:
    congress = events.create_event(con, events.EventDraft(
        name="Wasserstoff-Kongress Süd", kind="conference", starts_on=TODAY, ends_on=TODAY, city="Stuttgart"))
    events.add_to_plan(con, congress, [fair.bernd])
    event, entry = events.get_event(con, congress), events.list_plan(con, congress)[0]
    assert event is not None
    draft = events.draft_message(event, entry, "xing", "de")
    assert "sind Sie auch beim Wasserstoff-Kongress Süd in Stuttgart (" in draft
    assert draft.endswith("\n\nViele Grüße")  # no name in the profile yet: no dangling comma

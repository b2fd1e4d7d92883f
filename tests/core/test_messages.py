"""Messages a person would send: the form of address per contact, the salutation, the event with its preposition,
the last topics in the text and the hooks beside it; the target map's requests to strangers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore import events, goals, messages
from netzcore.importers.files import import_paths
from netzcore.profile import Profile
from tests.conftest import FIXTURES

FAIR_DAY = dt.date(2027, 1, 12)
EVENTS = {  # kind: (name, German opening Sie, German opening Du, English opening)
    "trade_fair": ("Hannover Messe", "sind Sie auch auf der Hannover Messe (",
                   "bist du auch auf der Hannover Messe (", "Will you be at Hannover Messe too ("),
    "conference": ("Wasserstoff-Kongress", "sind Sie auch beim Wasserstoff-Kongress (",
                   "bist du auch beim Wasserstoff-Kongress (", "Will you be at Wasserstoff-Kongress too ("),
    "association": ("Mitgliederversammlung", "kommen Sie auch zur Mitgliederversammlung (",
                    "kommst du auch zur Mitgliederversammlung (", "Are you coming to Mitgliederversammlung too ("),
}
PEOPLE = {"ms": ("Theresa", "Eder"), "mr": ("Thomas", "Brunner"), "": ("Kim", "Wagner")}


def _expected_salutation(lang: str, formal: bool, salutation: str, title: str) -> str:
    given, family = PEOPLE[salutation]
    named = f"{title} " if title else ""
    if lang == "de":
        if not formal:
            return {"ms": f"Liebe {given},", "mr": f"Lieber {given},", "": f"Hallo {given},"}[salutation]
        return {"ms": f"Sehr geehrte Frau {named}{family},", "mr": f"Sehr geehrter Herr {named}{family},",
                "": f"Guten Tag {named}{given} {family},"}[salutation]
    if not formal:
        return f"Hi {given},"
    if title:
        return f"Dear {title} {family},"
    return {"ms": f"Dear Ms. {family},", "mr": f"Dear Mr. {family},", "": f"Dear {given} {family},"}[salutation]


def _entry(salutation: str, formal: bool, title: str, topics: tuple[str, ...] = ()) -> events.PlanEntry:
    given, family = PEOPLE[salutation]
    form = messages.FormOfAddress(formal, salutation, title)
    return events.PlanEntry(
        contact_id="c1", full_name=f"{given} {family}", organization="Acme", title="", status="to_ask",
        slot_start=None, slot_end=None, place="", talking_points="", last_hooks="her pilot plant in Lingen",
        interaction_id=None, person=messages.recipient(f"{given} {family}", given, family, form),
        last_topics=topics)


@pytest.mark.parametrize("kind", list(EVENTS))
@pytest.mark.parametrize("title", ["Dr.", ""])
@pytest.mark.parametrize("salutation", ["ms", "mr", ""])
@pytest.mark.parametrize("formal", [True, False], ids=["Sie", "Du"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_draft_salutation_and_event_phrase(lang: str, formal: bool, salutation: str, title: str, kind: str) -> None:
    name, sie, du, english = EVENTS[kind]
    event = events.Event(id="e1", name=name, kind=kind, starts_on=FAIR_DAY, ends_on=FAIR_DAY)
    text = events.draft_message(event, _entry(salutation, formal, title), "linkedin", lang, "Petra Weiss")
    opening = english if lang == "en" else sie if formal else du
    salutation_line, blank, body = text.split("\n", 2)
    assert salutation_line == _expected_salutation(lang, formal, salutation, title)
    assert blank == ""
    assert body.startswith(opening), body
    assert "Lingen" not in text  # hooks are notes, not text


def test_the_topics_of_the_last_conversation_are_in_the_text_and_the_hooks_beside_it() -> None:
    event = events.Event(id="e1", name="Hannover Messe", kind="trade_fair", starts_on=FAIR_DAY, ends_on=FAIR_DAY)
    entry = _entry("ms", True, "Dr.", ("Elektrolyse", "Netzanschluss", "Förderung"))
    draft = events.coffee_request(event, entry, "email", "de", Profile(full_name="Petra Weiss"))
    assert draft.text == (
        "Betreff: Kaffee auf der Hannover Messe?\n\n"
        "Sehr geehrte Frau Dr. Eder,\n\n"
        "sind Sie auch auf der Hannover Messe (12.01.2027)? Hätten Sie Zeit für einen Kaffee?\n\n"
        "Bei unserem letzten Gespräch ging es um Elektrolyse, Netzanschluss und Förderung – ich bin gespannt, "
        "was sich seitdem getan hat.\n\n"
        "Freundliche Grüße\nPetra Weiss"
    )
    assert draft.notes == ("Anknüpfungspunkte: her pilot plant in Lingen",)
    english = events.coffee_request(event, _entry("", False, "", ("hydrogen",)), "xing", "en", "Petra Weiss")
    assert "Last time we talked about hydrogen; I would love to hear how things have moved on." in english.text
    assert english.text.endswith("Best\nPetra")  # first-name terms: signed with my first name


@pytest.mark.parametrize(("name", "kind", "de_at", "de_to", "en_at"), [
    ("Hannover Messe", "trade_fair", "auf der Hannover Messe", "zur Hannover Messe", "at Hannover Messe"),
    ("bauma", "trade_fair", "auf der bauma", "zur bauma", "at bauma"),
    ("Wasserstoff-Kongress Süd 2027", "conference", "beim Wasserstoff-Kongress Süd 2027",
     "zum Wasserstoff-Kongress Süd 2027", "at Wasserstoff-Kongress Süd 2027"),
    ("Jahrestagung Netze", "conference", "bei der Jahrestagung Netze", "zur Jahrestagung Netze",
     "at Jahrestagung Netze"),
    ("Hydrogen Days", "conference", "bei der Konferenz Hydrogen Days", "zur Konferenz Hydrogen Days",
     "at the Hydrogen Days"),
    ("World Hydrogen Summit", "conference", "beim World Hydrogen Summit", "zum World Hydrogen Summit",
     "at the World Hydrogen Summit"),
    ("Mitgliederversammlung VDI", "association", "bei der Mitgliederversammlung VDI",
     "zur Mitgliederversammlung VDI", "at Mitgliederversammlung VDI"),
    ("Firmenlauf Stuttgart", "sports", "beim Firmenlauf Stuttgart", "zum Firmenlauf Stuttgart",
     "at Firmenlauf Stuttgart"),
])
def test_the_event_is_named_with_the_preposition_its_name_needs(
    name: str, kind: str, de_at: str, de_to: str, en_at: str
) -> None:
    assert messages.event_phrase(name, kind, "de") == de_at
    assert messages.event_phrase(name, kind, "de", direction=True) == de_to
    assert messages.event_phrase(name, kind, "en") == en_at


@pytest.mark.parametrize(("prefix", "expected"), [
    ("Frau Dr.", ("ms", "Dr.")), ("Herr", ("mr", "")), ("Prof. Dr.", ("", "Prof. Dr.")),
    ("Prof. Dr.-Ing.", ("", "Prof. Dr.")), ("Dr. med.", ("", "Dr.")), ("Mrs.", ("ms", "")),
    ("Dipl.-Ing.", ("", "")), ("", ("", "")), (None, ("", "")), ("Professorin", ("", "Prof.")),
])
def test_the_form_of_address_is_read_from_the_honorific_prefix(
    prefix: str | None, expected: tuple[str, str]
) -> None:
    assert messages.form_from_prefix(prefix) == expected


def test_names_come_apart_without_titles_and_with_their_particles() -> None:
    assert messages.name_parts("Dr. Theresa Eder") == ("Theresa", "Eder")
    assert messages.name_parts("Ursula von der Leyen") == ("Ursula", "von der Leyen")
    assert messages.name_parts("Madonna") == ("Madonna", "Madonna")
    assert messages.name_parts("Anna Berger", "Anna", "Berger-Ost") == ("Anna", "Berger-Ost")


def test_an_imported_vcard_prefix_makes_the_salutation_until_the_user_sets_another(con: netzdb.Connection) -> None:
    report = import_paths(con, [str(FIXTURES / "events" / "salutation_from_the_name_prefix.vcf")])
    assert not report.refused
    ids = dict(con.execute("SELECT family_name, id FROM contacts").fetchall())
    lines = {family: messages.salutation_line(messages.load_recipient(con, cid), "de")  # type: ignore[arg-type]
             for family, cid in ids.items()}
    assert lines == {"Eder": "Sehr geehrte Frau Dr. Eder,", "Brunner": "Guten Tag Prof. Dr. Urs Brunner,",
                     "Wagner": "Guten Tag Kim Wagner,"}
    assert messages.salutation_line(messages.load_recipient(con, ids["Brunner"]), "en") == "Dear Prof. Brunner,"  # type: ignore[arg-type]
    messages.save_form_of_address(con, ids["Brunner"], messages.FormOfAddress(True, "mr", "Prof."))
    messages.save_form_of_address(con, ids["Eder"], messages.FormOfAddress(False, "", ""))  # '' beats the prefix
    assert messages.salutation_line(messages.load_recipient(con, ids["Brunner"]), "de") == \
        "Sehr geehrter Herr Prof. Brunner,"  # type: ignore[arg-type]
    assert messages.salutation_line(messages.load_recipient(con, ids["Eder"]), "de") == "Hallo Theresa,"  # type: ignore[arg-type]
    with pytest.raises(messages.MessageError):
        messages.save_form_of_address(con, ids["Eder"], messages.FormOfAddress(True, "mrs", ""))


def _segment_with_a_goal(con: netzdb.Connection) -> goals.Segment:
    goal_id = goals.save_goal(con, goals.Goal(
        title="Mehr Vertrieb bei Stadtwerken", expected_value="endlich mehr Umsatz mit Stadtwerken machen"))
    segment_id = goals.save_segment(con, goals.Segment(
        name="Stadtwerke Süd", kind="company", organization_names=("Stadtwerke Ulm", "Stadtwerke Augsburg"),
        channels=("linkedin", "event", "private"), approach_note="über Klaus gehen"))
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal_id, segment_id])
    segment = goals.get_segment(con, segment_id)
    assert segment is not None
    return segment


def test_target_map_requests_say_who_i_am_and_why_never_my_goals_own_words(con: netzdb.Connection) -> None:
    segment = _segment_with_a_goal(con)
    con.execute("UPDATE profile SET full_name = 'Petra Weiss', activity = 'Unabhängige Beraterin für "
                "Wasserstoffprojekte', value_proposition = 'Ich bringe Pilotprojekte in zwölf Monaten ans Netz.'")
    bridge_id = con.execute("INSERT INTO contacts (full_name, given_name, family_name, address_form, salutation) "
                            "VALUES ('Thomas Brunner', 'Thomas', 'Brunner', 'informal', 'mr') RETURNING id"
                            ).fetchone()[0]  # type: ignore[index]
    bridge = goals.Bridge(bridge_id, "Thomas Brunner", None, None, None, "B", "related", None, 20)
    fair = goals.EventReach("e1", "Hannover Messe", "trade_fair", FAIR_DAY, FAIR_DAY, "Hannover", (), ())
    drafts = {d.channel: d.text for d in messages.segment_requests(con, "de", segment, "head", bridge, fair)}
    assert set(drafts) == {"linkedin", "event", "private"}
    for text in drafts.values():
        assert "Umsatz" not in text and "Klaus" not in text and "Mehr Vertrieb" not in text
    assert drafts["linkedin"].startswith(
        "Guten Tag,\n\nich bin Petra Weiss, unabhängige Beraterin für Wasserstoffprojekte. Ich schreibe Ihnen, "
        "weil ich gern Menschen bei Stadtwerke Ulm oder Stadtwerke Augsburg kennenlernen möchte.")
    assert "Sind Sie auch auf der Hannover Messe (12.01.2027)?" in drafts["event"]
    assert drafts["private"].startswith("Lieber Thomas,\n\nkönntest du mich mit jemandem bei Stadtwerke Ulm oder "
                                        "Stadtwerke Augsburg (Leitung) bekannt machen?")
    assert drafts["private"].endswith("Danke dir\nViele Grüße\nPetra")
    english = messages.segment_requests(con, "en", segment, None, None, None, channels=("event",))[0].text
    assert english.startswith("Hello,\n\nI am Petra Weiss, Unabhängige Beraterin")
    assert "Perhaps we will meet at one of the next events on these topics" in english


def test_the_sender_is_my_name_and_a_draft_without_one_has_no_dangling_name(tmp_path: Path) -> None:
    event = events.Event(id="e1", name="Hannover Messe", kind="trade_fair", starts_on=FAIR_DAY, ends_on=FAIR_DAY)
    anonymous = events.draft_message(event, _entry("mr", True, ""), "email", "en", Profile())
    assert anonymous.endswith("Best regards")


def test_austrian_titles_are_spoken_and_degrees_after_the_name_never(con: netzdb.Connection) -> None:
    """Austrian usage addresses by the highest degree: `Frau Mag.a`, `Herr DI`, `Herr DDr.`, `Herr Ing.` gave
    "Sehr geehrte Frau Berger" and a DDr. lost his doctorate; a German `Dipl.-Ing.` and an `MBA` are not spoken. A
    contact known only by a whole name (`Julia Fuchs MA`, as a mail's sender writes it) was greeted "Sehr geehrte
    Frau MA"; in English no Austrian degree is said."""
    import_paths(con, [str(FIXTURES / "events" / "salutation_of_austrian_titles_and_degrees_after_the_name.vcf")])
    ids = dict(con.execute("SELECT family_name, id FROM contacts").fetchall())
    lines = {family: messages.salutation_line(messages.load_recipient(con, cid), "de")  # type: ignore[arg-type]
             for family, cid in ids.items()}
    assert lines == {"Berger": "Sehr geehrte Frau Mag.a Berger,", "Wagner": "Sehr geehrter Herr DI Wagner,",
                     "Moser": "Sehr geehrter Herr DDr. Moser,", "Huber": "Sehr geehrter Herr Ing. Huber,",
                     "Koch": "Sehr geehrter Herr Koch,"}
    english = {family: messages.salutation_line(messages.load_recipient(con, cid), "en")  # type: ignore[arg-type]
               for family, cid in ids.items()}
    assert english == {"Berger": "Dear Ms. Berger,", "Wagner": "Dear Mr. Wagner,", "Moser": "Dear Dr. Moser,",
                       "Huber": "Dear Mr. Huber,", "Koch": "Dear Mr. Koch,"}
    fuchs = messages.recipient("Julia Fuchs MA", None, None, messages.FormOfAddress(True, "ms", ""))
    assert messages.salutation_line(fuchs, "de") == "Sehr geehrte Frau Fuchs,"
    weber = messages.recipient("DI Dr. Anna Weber, MSc", None, None, messages.FormOfAddress(True, "", "Dr."))
    assert messages.salutation_line(weber, "de") == "Guten Tag Dr. Anna Weber,"

"""vCard 4's newer properties (RFC 9554, 2024) and the older extensions beside them, as real writers put them:
social profiles, grammatical gender and gender, the new name and address components."""

from __future__ import annotations

from pathlib import Path

from netzcore import db as netzdb
from netzcore import messages
from netzcore.importers import ImportFile, apply_import, plan_import
from netzcore.importers.records import ContactRecord, Problem
from netzcore.importers.report import report_lines
from netzcore.importers.vcard import fallback_charset, parse_cards, split_cards, unicode_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "vcard"
IDENTITY = FIXTURES.parent / "identity"


def read(name: str) -> tuple[list[ContactRecord], list[Problem]]:
    data = unicode_bytes((FIXTURES / name).read_bytes())
    cards, notes = split_cards(name, data)
    results = parse_cards(cards, fallback_charset(data), "DE")
    return [r for r in results if isinstance(r, ContactRecord)], notes + [r for r in results if isinstance(r, Problem)]


def test_linkedin_and_xing_given_as_social_profiles_are_the_persons_profiles() -> None:
    """RFC 9554's SOCIALPROFILE (a link, or a user name with VALUE=text), Apple's X-SOCIALPROFILE with a user name
    and IMPP with a LinkedIn link: the LinkedIn and Xing profiles were lost; other services' user names and chat
    addresses stay out."""
    records, problems = read("linkedin_and_xing_as_rfc9554_social_profiles.vcf")
    assert problems == []
    assert [(r.full_name, r.linkedin_url, r.xing_url, r.urls) for r in records] == [
        ("Anna Berger", "https://www.linkedin.com/in/anna-berger-4711", "https://www.xing.com/profile/Anna_Berger2",
         ("https://example.social/@anna",)),
        ("Jörg Keller", "https://www.linkedin.com/in/joerg-keller", None, ()),
        ("Lena Vogt", "https://www.linkedin.com/in/lena-vogt-123", "https://www.xing.com/profile/Lena_Vogt", ()),
        ("Klaus Brandt", "https://www.linkedin.com/in/klaus-brandt", None, ()),
        ("Peter Ac", "https://www.linkedin.com/in/peter-ac", None, ("www.twitter.com/peterac",)),
    ]


def test_a_social_profile_finds_the_person_in_linkedins_connections(con: netzdb.Connection) -> None:
    card = (FIXTURES / "linkedin_and_xing_as_rfc9554_social_profiles.vcf").read_bytes()
    assert apply_import(con, plan_import(con, [ImportFile("cards.vcf", card)], parallel=False)).created == 5
    connections = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Jörg,Keller-Brandl,https://de.linkedin.com/in/joerg-keller?trk=public_profile,,Beispiel AG,CTO,"
                   "15 Mar 2023\n").encode()
    report = apply_import(con, plan_import(con, [ImportFile("Connections.csv", connections)], parallel=False))
    assert (report.created, report.merged) == (0, 1)


def test_gender_and_grammatical_gender_give_the_form_of_address(con: netzdb.Connection) -> None:
    """GRAMGENDER (RFC 9554), GENDER, X-GENDER and Outlook Express's X-WAB-GENDER were ignored, so a German letter
    began 'Sehr geehrte Anna Berger,' for a card that says how to address her. They give Herr or Frau where the
    card's prefix has neither (as a list's gender column does); GRAMGENDER neuter or GENDER O give none, a prefix's
    own 'Herr' stays, an organisation gets none."""
    records, problems = read("gender_and_grammatical_gender_give_the_form_of_address.vcf")
    assert problems == []
    assert [(r.full_name, r.honorific_prefix) for r in records] == [
        ("Anna Berger", "Frau"), ("Jörg Keller", "Herr"), ("Dr. Sabine Roth", "Frau Dr."),
        ("Herr Max Frank", "Herr"), ("Kim Lehmann", None), ("Alex Stein", None), ("Lena Vogt", "Frau"),
        ("Paul Wagner", "Herr"), ("Muster GmbH", None)]
    data = (FIXTURES / "gender_and_grammatical_gender_give_the_form_of_address.vcf").read_bytes()
    apply_import(con, plan_import(con, [ImportFile("g.vcf", data)], parallel=False))
    ids = dict(con.execute("SELECT full_name, id FROM contacts").fetchall())
    lines = {name: messages.salutation_line(messages.load_recipient(con, ids[name]), "de")    # type: ignore[arg-type]
             for name in ("Anna Berger", "Dr. Sabine Roth", "Kim Lehmann")}
    assert lines == {"Anna Berger": "Sehr geehrte Frau Berger,", "Dr. Sabine Roth": "Sehr geehrte Frau Dr. Roth,",
                     "Kim Lehmann": "Guten Tag Kim Lehmann,"}
    messages.save_form_of_address(con, ids["Anna Berger"], messages.FormOfAddress(True, "", ""))
    apply_import(con, plan_import(con, [ImportFile("g.vcf", data)], parallel=False))
    assert messages.get_form_of_address(con, ids["Anna Berger"]).salutation == ""    # the user's choice stays


def test_a_name_or_address_said_phonetically_is_not_the_written_one() -> None:
    """RFC 9554's PHONETIC parameter: a name or address written as it is said (IPA, Katakana) before the written one
    became the contact's name (/dʒɑːn/ /smɪθ/) and town (チヨダク)."""
    records, problems = read("name_and_address_said_phonetically_before_the_written_ones.vcf")
    assert problems == []
    assert [(r.full_name, r.given_name, r.family_name) for r in records] == [
        ("John Smith", "John", "Smith"), ("Jana Schmidt", "Jana", "Schmidt"), ("山田太郎", "太郎", "山田")]
    tokyo = records[2]
    assert (tokyo.address, tokyo.city, tokyo.region, tokyo.postal_code, tokyo.country, tokyo.phones) == (
        "丸の内2-7-2", "千代田区", "東京都", "100-8994", "日本", ("+81312345678",))


def test_rfc9554_name_and_address_components_keep_the_older_parts_in_place() -> None:
    """Seven N components (secondary family name, generation) and eighteen ADR components (room, floor, street
    number, street name, building, district …) after the older ones: family and given name, street, town, postal
    code and country stay where vCard 3 and RFC 6350 put them; the five- and seven-part forms read as before."""
    records, problems = read("name_and_address_with_rfc9554_components.vcf")
    assert problems == []
    assert [(r.honorific_prefix, r.given_name, r.additional_names, r.family_name, r.honorific_suffix)
            for r in records] == [("Ms.", "Mary Jean", "Elizabeth", "van Halen Barrientos", "PhD, III"),
                                  ("Dr.", "Karl", None, "Weber", None), ("Mag.", "Eva", "Maria", "Huber", "MSc")]
    assert [(r.address, r.city, r.region, r.postal_code, r.country) for r in records] == [
        ("54321 Oak St", "Reston", "VA", "20190", "USA"),
        ("Gebäude B, Königstraße 12", "Stuttgart", "Baden-Württemberg", "70173", "Deutschland"),
        ("Mariahilfer Straße 1", "Wien", None, "1060", "Österreich")]


def test_fields_of_expertise_are_topics(con: netzdb.Connection) -> None:
    """RFC 6715's EXPERTISE (a person's professional subjects) was ignored, so a card saying Anna Berger knows
    machine learning did not bring her up for an event on it. Each is a topic now, once, ten at most per card; a
    sentence is no topic; INTEREST and HOBBY (leisure, RFC 6715) are not. A second import changes nothing."""
    records, problems = read("fields_of_expertise_as_topics.vcf")
    assert problems == []
    assert records[0].topics == ("Machine Learning", "Wasserstoff")
    assert records[1].topics == tuple(f"Thema {i:02}" for i in range(1, 11))
    data = (FIXTURES / "fields_of_expertise_as_topics.vcf").read_bytes()
    assert apply_import(con, plan_import(con, [ImportFile("e.vcf", data)], parallel=False)).created == 2
    assert con.execute("SELECT topics FROM contacts WHERE full_name = 'Anna Berger'").fetchone() == (
        ["Machine Learning", "Wasserstoff"],)
    again = apply_import(con, plan_import(con, [ImportFile("e.vcf", data)], parallel=False))
    assert (again.created, again.merged, again.unchanged) == (0, 0, 2)


def test_pronouns_are_kept_in_the_notes() -> None:
    """RFC 9554's PRONOUNS were lost, while pronouns in a LinkedIn name are kept in the notes: a card saying
    'dey/denen' beside GRAMGENDER:neuter (no Herr or Frau) left the user nothing to address Kim by."""
    records, problems = read("pronouns_kept_in_the_notes.vcf")
    assert problems == []
    assert [(r.notes, r.honorific_prefix) for r in records] == [
        ("Kennengelernt auf der re:publica.\n\n(dey/denen, they/them)", None), ("(sie/ihr)", None)]


def test_a_card_without_organisation_beside_the_persons_profile_card_imports_the_same_twice(
        con: netzdb.Connection) -> None:
    """Two cards of a Jörg Keller without an organisation, one with his LinkedIn profile alone, one with the profile
    at Beispiel AG: the first import matched the profile card by name as a person without organisation and merged
    all four; a second import found the stored Jörg Keller at Beispiel AG, took the cards without organisation for
    another person and created him anew. A card's cluster is matched by the organisation its contact gets."""
    data = (IDENTITY / "same_name_without_organisation_beside_the_profile_card_imported_twice.vcf").read_bytes()
    first = apply_import(con, plan_import(con, [ImportFile("k.vcf", data)], parallel=False))
    assert (first.created, first.merged, len(first.possible_duplicates)) == (2, 2, 1)
    assert ("  Jörg Keller (Beispiel AG) ~ Jörg Keller: the same name at another organisation"
            in report_lines(first, "en"))
    again = apply_import(con, plan_import(con, [ImportFile("k.vcf", data)], parallel=False))
    assert (again.created, again.merged, again.unchanged) == (0, 0, 4)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (2,)

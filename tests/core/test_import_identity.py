"""Identity rules on real files: one fixture per way two people get joined (issue 11, points 1, 3 and 6), and what a
user would see afterwards: how many contacts, who has which birthday and employer, which pairs wait for review."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.exporters.contacts_json import contacts_document
from netzcore.importers import ImportFile, ImportReport, apply_import, plan_import
from netzcore.importers.report import report_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "identity"


def imported(con: netzdb.Connection, *names: str) -> ImportReport:
    report = apply_import(con, plan_import(con, [ImportFile(n, (FIXTURES / n).read_bytes()) for n in names]))
    assert report.accounted and report.not_imported == ()
    return report


def people(con: netzdb.Connection, twice: tuple[str, ...] = ()) -> dict[str, tuple[str | None, str | None]]:
    """Name -> (organisation, birthday) of every contact, as the JSON export shows them."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for contact in contacts_document(con)["contacts"]:
        assert contact["full_name"] not in found or contact["full_name"] in twice, f"{contact['full_name']} twice"
        found[contact["full_name"]] = (contact["organization"], contact["birthday"])
    return found


def pairs(con: netzdb.Connection) -> set[frozenset[str]]:
    rows = con.execute("SELECT a.full_name, b.full_name FROM duplicate_pairs p JOIN contacts a ON a.id = p.contact_a "
                       "JOIN contacts b ON b.id = p.contact_b WHERE p.status = 'open'").fetchall()
    return {frozenset(row) for row in rows}


def count(con: netzdb.Connection) -> int:
    row = con.execute("SELECT count(*) FROM contacts").fetchone()
    return int(row[0]) if row else 0


def test_a_household_landline_on_three_people_joins_nobody(con: netzdb.Connection) -> None:
    report = imported(con, "shared_household_landline.vcf")
    assert (report.created, report.merged, report.possible_duplicates) == (3, 0, ())
    assert people(con) == {"Anna Weber": (None, "1970-03-14"), "Bernd Weber": ("Bosch", "1968-11-02"),
                           "Clara Weber": (None, "2001-06-30")}
    assert pairs(con) == set()


def test_a_landline_of_two_people_is_a_possible_duplicate_not_a_merge(con: netzdb.Connection) -> None:
    report = imported(con, "household_of_two_landline.vcf")
    assert people(con) == {"Jan Müller": (None, "1980-01-05"), "Jana Müller": ("Allianz", "1982-09-21")}
    assert pairs(con) == {frozenset({"Jan Müller", "Jana Müller"})}
    assert "  Jana Müller (Allianz) ~ Jan Müller: both have the phone number +49897654321" in report_lines(
        report, "en")
    assert "1 mögliches Duplikat zum Prüfen in der App (Kontakte → Mögliche Duplikate)." in report_lines(report, "de")


def test_an_office_switchboard_beside_a_direct_dial_joins_nobody(con: netzdb.Connection) -> None:
    imported(con, "office_switchboard.vcf")
    assert people(con) == {"Jonas Becker": ("Trumpf SE + Co. KG", "1971-11-02"), "Sophie Neumann": ("Trumpf", None)}
    assert pairs(con) == set()


def test_a_team_line_of_two_colleagues_joins_nobody_and_asks_nothing(con: netzdb.Connection) -> None:
    imported(con, "office_team_line.vcf")
    assert people(con) == {"Leon Krüger": ("Festo SE & Co. KG", "1985-05-05"), "Mia Zimmermann": ("Festo", None)}
    assert pairs(con) == set()


def test_toll_free_and_premium_numbers_join_nobody(con: netzdb.Connection) -> None:
    imported(con, "toll_free_number.vcf")
    assert people(con) == {"Kai Schröder": ("Telekom", "1975-07-07"), "Lea Wolf": ("Telekom Kundenservice", None),
                           "Emma Klein": (None, None)}
    assert pairs(con) == set()


def test_shared_info_and_office_mailboxes_join_nobody(con: netzdb.Connection) -> None:
    imported(con, "shared_info_mailbox.vcf")
    assert people(con) == {"Felix Hartmann": ("Hartmann Steuerberatung", "1966-02-11"),
                           "Mia Braun": ("Hartmann Steuerberatung", None), "Paul Koch": (None, None)}
    assert pairs(con) == set()


def test_same_name_and_organisation_with_different_mobiles_is_asked_not_merged(con: netzdb.Connection) -> None:
    report = imported(con, "same_name_same_org_different_mobiles.vcf")
    assert (report.created, report.merged) == (2, 0)
    titles = sorted(r[0] for r in con.execute("SELECT title FROM contacts WHERE full_name = 'Thomas Müller'").fetchall())
    assert titles == ["Entwicklung", "Vertrieb"]
    assert [[e.code for e in d.evidence] for d in report.possible_duplicates] == [["different_mobiles"]]
    assert con.execute("SELECT count(*) FROM duplicate_pairs WHERE status = 'open'").fetchone() == (1,)


def test_namesakes_without_an_organisation_and_nothing_in_common_are_asked_not_merged(con: netzdb.Connection) -> None:
    """Two John Smiths of one address book, one in Springfield and one in London, each with his own mobile and
    e-mail address and neither with an organisation, were merged on the name alone: the second's address was lost
    and no pair was asked. Two cards of one name that complete each other (a phone number on one, an e-mail address
    on the other) are still one person."""
    report = imported(con, "two_namesakes_without_organisation_nothing_in_common.vcf")
    assert (report.created, report.merged) == (3, 1)
    assert sorted(r[0] for r in con.execute("SELECT city FROM contacts WHERE full_name = 'John Smith'").fetchall()) == [
        "London", "Springfield"]
    assert pairs(con) == {frozenset({"John Smith"})}
    assert [[e.code for e in d.evidence] for d in report.possible_duplicates] == [["nothing_in_common_without_org"]]
    lena = con.execute("SELECT emails, phones FROM contacts WHERE full_name = 'Lena Roth'").fetchall()
    assert lena == [(["lena.roth@example.de"], ["+491715550123"])]


def test_namesakes_whose_numbers_are_kept_as_written_are_asked_not_merged(con: netzdb.Connection) -> None:
    """Two John Smiths of a phone export in Germany, with US numbers written without their country code, were
    merged: only numbers in E.164 counted as numbers, so the two seemed to have none. A number kept as written is
    still the same number as its E.164 spelling on another card (Ewa Nowak: '601 234 567' and '+48 601 234 567')."""
    report = imported(con, "two_namesakes_with_numbers_kept_as_written.vcf")
    assert (report.created, report.merged) == (3, 1)
    assert sorted(r[0] for r in con.execute("SELECT city FROM contacts WHERE full_name = 'John Smith'").fetchall()) == [
        "New York", "San Francisco"]
    assert pairs(con) == {frozenset({"John Smith"})}
    ewa = con.execute("SELECT emails, phones FROM contacts WHERE full_name = 'Ewa Nowak'").fetchall()
    assert ewa == [(["ewa.nowak@example.pl"], ["601 234 567", "+48601234567"])]


def test_a_card_without_a_name_gives_way_to_the_name_on_the_persons_other_card(con: netzdb.Connection) -> None:
    """An iCloud card without a name (named by its e-mail address) came first, and the person's named card of the
    same UID merged into it: the contact was called 'special@maxmu.de', and a third card of Max Mustermann without
    a key was then compared with that address, neither merged nor asked about."""
    report = imported(con, "card_without_a_name_before_its_named_card.vcf")
    assert (report.created, report.merged) == (1, 2)
    assert con.execute("SELECT full_name, emails, phones FROM contacts").fetchall() == [
        ("Max Mustermann", ["special@maxmu.de"], ["+491715550999"])]


def test_a_contact_named_by_its_address_takes_the_name_a_later_import_brings(con: netzdb.Connection) -> None:
    """An address list (Outlook, Thunderbird) names each contact by its address; the person's vCard imported later
    filled in given and family name but left the contact called 'special@maxmu.de'."""
    imported(con, "address_list_row_named_by_its_address.csv")
    assert con.execute("SELECT full_name FROM contacts").fetchall() == [("special@maxmu.de",)]
    report = imported(con, "the_address_with_its_name.vcf")
    assert (report.created, report.merged) == (0, 1)
    assert con.execute("SELECT full_name, given_name, family_name FROM contacts").fetchall() == [
        ("Max Mustermann", "Max", "Mustermann")]


def test_two_cards_of_one_person_never_mix_their_addresses(con: netzdb.Connection, tmp_path: Path) -> None:
    """An Android card with its address all in the street ('1 Sample Adress 75001 Paris') and the person's Apple
    card (Lyon, 69001, France) merged into an address that does not exist: the first card's street with the
    second's city, postcode and country. An address is taken whole, from one card; a later import fills it only
    where the contact has none."""
    report = imported(con, "two_cards_of_one_person_with_different_addresses.vcf")
    assert (report.created, report.merged) == (1, 1)
    address = "SELECT address, city, postal_code, country FROM contacts"
    assert con.execute(address).fetchall() == [("1 Sample Adress 75001 Paris", None, None, None)]
    con.execute("UPDATE contacts SET address = NULL")
    later = tmp_path / "later.vcf"
    later.write_bytes((FIXTURES / "two_cards_of_one_person_with_different_addresses.vcf").read_bytes().split(
        b"END:VCARD\r\n", 1)[1])
    apply_import(con, plan_import(con, [ImportFile(later.name, later.read_bytes())]))
    assert con.execute(address).fetchall() == [("43 rue blabla", "Lyon", "69001", "France")]


def test_linkedin_namesakes_with_their_own_profiles_are_three_people_every_time(con: netzdb.Connection) -> None:
    first = imported(con, "linkedin_namesakes_different_urls.csv")
    assert (first.created, first.possible_duplicates) == (3, ())
    again = imported(con, "linkedin_namesakes_different_urls.csv")       # once "confirm in the app", every run
    assert (again.created, again.merged, again.unchanged) == (0, 0, 3)
    assert count(con) == 3 and pairs(con) == set()


def test_an_initial_and_the_full_name_with_one_mobile_are_one_person(con: netzdb.Connection) -> None:
    report = imported(con, "same_person_initial_and_full_name.vcf")
    assert (report.created, report.merged) == (1, 1)
    assert people(con) == {"G. Schulz": ("Festo", "1958-12-24")}


def test_nicknames_and_transliterations_with_one_key_are_one_person(con: netzdb.Connection) -> None:
    report = imported(con, "same_person_nickname_and_transliteration.vcf")
    assert (report.created, report.merged, report.possible_duplicates) == (3, 3, ())
    assert people(con) == {"Hans Meier": ("Würth", "1962-05-17"), "Jürgen Müller": ("Kärcher", None),
                           "Bob Smith": (None, None)}


def test_a_card_with_only_a_number_joins_the_person_with_that_number(con: netzdb.Connection) -> None:
    imported(con, "number_only_card.vcf")
    assert people(con) == {"Anna Weber": ("Voith", "1980-04-15")}


def test_one_mobile_under_two_peoples_names_is_asked_not_merged(con: netzdb.Connection) -> None:
    imported(con, "shared_mobile_different_people.vcf")
    assert people(con) == {"Peter Lang": ("ZF Friedrichshafen AG", "1965-08-08"), "Maria Lang": (None, "1967-03-03")}
    assert pairs(con) == {frozenset({"Peter Lang", "Maria Lang"})}


def test_a_company_card_never_joins_a_person(con: netzdb.Connection) -> None:
    imported(con, "company_card_shares_number.vcf")
    assert people(con) == {"Dräger": ("Dräger", None), "Frieda Fuchs": ("Dräger", "1990-10-10")}
    assert pairs(con) == set()


def test_each_contact_keeps_its_own_spelling_and_placeholders_are_no_organisation(con: netzdb.Connection) -> None:
    imported(con, "organisation_spelling_and_placeholders.csv")
    assert people(con) == {"Lena Krüger": ("LifeStreet Corporation", None), "Max Richter": ("LifeStreet", None),
                           "Lukas Zimmermann": (None, None), "Sophie Wagner": (None, None),
                           "Emil Fischer": (None, None)}
    assert con.execute("SELECT count(*) FROM organizations").fetchone() == (1,)


def test_a_pair_kept_apart_is_never_asked_again_nor_merged(con: netzdb.Connection) -> None:
    from netzcore.duplicates import keep_apart, open_pairs

    imported(con, "shared_mobile_different_people.vcf")
    (pair,) = open_pairs(con)
    keep_apart(con, pair.id)
    again = imported(con, "shared_mobile_different_people.vcf")
    assert (again.created, again.merged, again.possible_duplicates) == (0, 0, ())
    assert open_pairs(con) == [] and count(con) == 2


# --- idempotence across files (issue 11, point 6) ------------------------------------------------------------------

ROUND_TRIP = ("round_trip_phone.vcf", "round_trip_Connections.csv", "round_trip_google.vcf")


def state(con: netzdb.Connection) -> object:
    document = contacts_document(con)
    for contact in document["contacts"]:
        contact.pop("updated_at", None)
    return document, con.execute("SELECT contact_a, contact_b, status FROM duplicate_pairs ORDER BY ALL").fetchall()


@pytest.mark.parametrize("order", list(itertools.permutations(ROUND_TRIP)))
def test_a_second_run_of_the_same_files_in_any_order_or_combination_changes_nothing(
        con: netzdb.Connection, order: tuple[str, ...]) -> None:
    first = imported(con, *order)
    assert first.job_changes == ()
    before = state(con)
    for size in (1, 2, 3):
        for again in itertools.permutations(order, size):
            report = imported(con, *again)
            assert (report.created, report.merged, report.job_changes, report.possible_duplicates) == (
                0, 0, (), ()), again
            assert report.unchanged == report.records_read
    assert state(con) == before
    assert con.execute("SELECT count(*) FROM career_history").fetchone() == (
        con.execute("SELECT count(*) FROM contacts WHERE organization_id IS NOT NULL OR title IS NOT NULL"
                    ).fetchone())


@pytest.mark.parametrize("order", list(itertools.permutations(ROUND_TRIP)))
def test_files_imported_one_by_one_in_any_order_change_nothing_the_second_time(
        con: netzdb.Connection, order: tuple[str, ...]) -> None:
    for name in order:
        assert imported(con, name).job_changes == (), name
    before = state(con)
    report = imported(con, *reversed(order))
    assert (report.created, report.merged, report.unchanged, report.job_changes) == (0, 0, report.records_read, ())
    assert state(con) == before


def test_one_person_from_three_files_is_one_contact(con: netzdb.Connection) -> None:
    imported(con, *ROUND_TRIP)
    found = people(con, twice=("Thomas Müller",))
    assert found["Anna Weber"] == ("Ensemble Indépendant", "1980-04-15")     # LinkedIn's company wins
    assert found["Johannes Meier"] == ("Voith", None)                         # Hans on the phone and in Google
    assert found["Lea Fischer"] == ("Festo", None)
    assert len(found) == 5 and count(con) == 6                                # and two Thomas Müller


def test_after_a_merge_and_after_a_split_a_re_import_changes_nothing(con: netzdb.Connection) -> None:
    from netzcore.duplicates import merge_pair, open_pairs
    from netzcore.merging import split_merge

    imported(con, "household_of_two_landline.vcf")
    (pair,) = open_pairs(con)
    log_id = merge_pair(con, pair.id, pair.a.id)                  # the user says: one person
    merged = imported(con, "household_of_two_landline.vcf")
    assert (merged.created, merged.possible_duplicates, count(con)) == (0, (), 1)
    split_merge(con, log_id)                                      # ... and takes it back
    before = state(con)
    again = imported(con, "household_of_two_landline.vcf")
    assert (again.created, again.merged, again.unchanged, again.possible_duplicates) == (0, 0, 2, ())
    assert state(con) == before and count(con) == 2


def test_a_name_part_without_a_letter_names_nobody_so_a_second_import_creates_no_one(con: netzdb.Connection) -> None:
    """A row whose first name is '1' joined Anna Weber as '1 Weber'; that '1 Weber' then counted as a third person
    on the profile link, the link identified nobody, and the second import created the nameless row again."""
    first = imported(con, "linkedin_one_profile_under_a_digit_and_two_names.csv")
    assert first.created == 2
    again = imported(con, "linkedin_one_profile_under_a_digit_and_two_names.csv")
    assert (again.created, again.unchanged) == (0, 3)
    assert count(con) == 2


def test_a_father_and_his_son_are_two_people_whatever_they_share(con: netzdb.Connection) -> None:
    """Hans Müller sen. and Hans Müller jun. share the home landline, John Smith Sr. and Jr. the family mailbox:
    each pair was one contact (Jr., sen. and III were left out of names like Dr. or MBA). A suffix on one card only
    (Juan Reyes / Juan Reyes Jr.) is a question, not a merge; father and son at the family firm are two people."""
    report = imported(con, "father_and_son_share_a_home_phone_or_mailbox.vcf",
                      "google_contacts_jr_and_sr_in_the_suffix_column.csv")
    assert (report.created, report.merged) == (8, 0)
    suffixes = con.execute("SELECT full_name, honorific_suffix FROM contacts ORDER BY full_name, honorific_suffix")
    assert suffixes.fetchall() == [
        ("Hans Müller jun.", "jun."), ("Hans Müller sen.", "sen."), ("John Smith Jr.", "Jr."),
        ("John Smith Sr.", "Sr."), ("Juan Reyes", None), ("Juan Reyes Jr.", "Jr."), ("Karl Weber jun.", "jun."),
        ("Karl Weber sen.", "sen.")]
    assert pairs(con) == {frozenset({"Hans Müller jun.", "Hans Müller sen."}),
                          frozenset({"John Smith Jr.", "John Smith Sr."}), frozenset({"Juan Reyes", "Juan Reyes Jr."})}


def test_an_old_linkedin_public_address_and_the_member_address_are_not_two_profiles(con: netzdb.Connection) -> None:
    """A phone card with a 2010s LinkedIn address (`/pub/anna-weber/12/345/678`) and the person's row in
    Connections.csv (`/in/anna-weber-1234567a`), with the same name and e-mail address, were two contacts, not even
    asked about: the two addresses counted as two members' profiles. LinkedIn sends the old one to the new one."""
    report = imported(con, "phone_card_with_an_old_linkedin_public_address.vcf",
                      "Connections_member_address_of_the_old_public_one.csv")
    assert (report.created, report.merged) == (1, 1)
    assert con.execute("SELECT full_name, organization_name, linkedin_url FROM contacts").fetchall() == [
        ("Anna Weber", "Muster GmbH", "https://www.linkedin.com/in/anna-weber-1234567a")]


def test_a_couple_s_card_and_one_of_the_two_are_asked_about_not_merged(con: netzdb.Connection) -> None:
    """'Anna und Peter Weber' (the household's card) and Peter Weber's own card share the landline: Peter's card
    was merged into the couple's, his mobile on the household's contact. A card of two people and a card of one of
    them is a question; Anna's own card, which shares nothing, stays apart."""
    report = imported(con, "couple_card_and_one_of_the_two_share_the_landline.vcf")
    assert (report.created, report.merged) == (3, 0)
    assert pairs(con) == {frozenset({"Anna und Peter Weber", "Peter Weber"})}
    peter = con.execute("SELECT phones FROM contacts WHERE full_name = 'Peter Weber'").fetchall()
    assert peter == [(["+497114567891", "+491715556667"],)]


def test_another_birthday_on_a_second_card_is_named_in_the_report(con: netzdb.Connection) -> None:
    """Two cards of Anna Weber, one with 5 March 1980, one with 3 May 1980 (day and month swapped by an exporter):
    the contact kept the first and the other was dropped without a word. The report names the card and the date it
    did not take; a card with the same day and no year is no conflict. A later import says it again."""
    report = imported(con, "two_cards_of_one_person_with_different_birthdays.vcf")
    assert (report.created, report.merged) == (1, 2)
    assert people(con) == {"Anna Weber": (None, "1980-03-05")}
    assert "  two_cards_of_one_person_with_different_birthdays.vcf, card 2: Anna Weber: another birthday (3 May 1980) " \
           "than the one the contact keeps; not taken" in report_lines(report, "en")
    assert "  two_cards_of_one_person_with_different_birthdays.vcf, Karte 2: Anna Weber: ein anderer Geburtstag " \
           "(03.05.1980) als der, den der Kontakt behält; nicht übernommen" in report_lines(report, "de")
    assert [w.position for w in report.warnings if w.code == "birthday_not_taken"] == [2]
    again = imported(con, "two_cards_of_one_person_with_different_birthdays.vcf")
    assert [w.position for w in again.warnings if w.code == "birthday_not_taken"] == [2]
    assert people(con) == {"Anna Weber": (None, "1980-03-05")}


def test_colleagues_with_the_same_title_in_the_given_name_stay_two(con: netzdb.Connection) -> None:
    """A card that writes the title into the given name (`N:Gruber;Dr. Eva;;;`, `N:Wagner;DI Stefan;;;`): two
    colleagues on one office line, `Dr. Eva` and `Dr. Lena` Gruber, became one contact, since their equal title
    counted as an equal given name. The title is the prefix now; the same person with one e-mail address under
    `Mag.a Anna Weber` and `Anna Weber` is still one."""
    report = imported(con, "colleagues_with_the_same_title_in_the_given_name.vcf")
    assert (report.created, report.merged) == (5, 1)
    rows = con.execute("SELECT full_name, honorific_prefix, given_name, family_name FROM contacts "
                       "ORDER BY full_name").fetchall()
    assert rows == [("DI Markus Wagner", "DI", "Markus", "Wagner"), ("DI Stefan Wagner", "DI", "Stefan", "Wagner"),
                    ("Dr. Eva Gruber", "Dr.", "Eva", "Gruber"), ("Dr. Lena Gruber", "Dr.", "Lena", "Gruber"),
                    ("Mag.a Anna Weber", "Mag.a", "Anna", "Weber")]


def test_the_same_person_with_a_second_given_name_at_one_company_is_asked(con: netzdb.Connection) -> None:
    """`DI Dr. Anna Maria Weber MSc` from a signature and `Anna Weber` from a phone, both at voestalpine, were two
    contacts and nothing asked whether they are one: the whole names are too unlike. They are a possible duplicate
    now; two people who both have a second given name (`Anna Lena`, `Anna Maria` Huber), or the same first name at
    another company, are not asked so."""
    report = imported(con, "same_person_with_a_second_given_name_at_one_company.vcf")
    assert (report.created, report.merged) == (6, 0)
    assert pairs(con) == {frozenset({"DI Dr. Anna Maria Weber MSc", "Anna Weber"})}
    assert "  Anna Weber (voestalpine) ~ DI Dr. Anna Maria Weber MSc (voestalpine AG): similar names (77 % alike) " \
           "at the same organisation" in report_lines(report, "en")


def _cards(name: str) -> list[bytes]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [(card + "END:VCARD\n").encode() for card in text.split("END:VCARD\n") if card.strip()]


def test_namesakes_at_one_firm_who_share_its_switchboard_stay_two(con: netzdb.Connection) -> None:
    """Two Thomas Müllers at Siemens, each with a mobile and an e-mail address of his own, both with the switchboard
    +49 89 636-0 on their cards, and a father and son Hans Müller without `jun.` on the family's home line, each with
    his own mobile or address: each pair became one contact, their mobiles and addresses together, since the shared
    landline joined two equal names. A landline joins them only when nothing of their own differs; the pairs are
    asked, in one import and when the second card comes a month later (no job change "Vertriebsleiter ->
    Projektleiter")."""
    name = "namesakes_at_one_firm_share_the_switchboard.vcf"
    report = imported(con, name)
    assert (report.created, report.merged) == (4, 0)
    assert pairs(con) == {frozenset({"Thomas Müller"}), frozenset({"Hans Müller"})}
    assert "  Thomas Müller (Projektleiter, Siemens AG) ~ Thomas Müller (Vertriebsleiter, Siemens AG): both have the " \
           "phone number +49896360; the same name and organisation, but different mobile numbers" in report_lines(
               report, "en")
    assert any(line.startswith("  Hans Müller (+491723000002) ~ Hans Müller (+491723000001): ")
               for line in report_lines(report, "en")), "two lines alike: the mobiles tell the namesakes apart"
    assert imported(con, name).unchanged == 4


def test_a_namesake_on_the_switchboard_a_month_later_is_asked_not_merged(con: netzdb.Connection) -> None:
    first, second, *_ = _cards("namesakes_at_one_firm_share_the_switchboard.vcf")
    apply_import(con, plan_import(con, [ImportFile("januar.vcf", first)]))
    report = apply_import(con, plan_import(con, [ImportFile("februar.vcf", second)]))
    assert (report.created, report.merged, report.job_changes) == (1, 0, ())
    assert pairs(con) == {frozenset({"Thomas Müller"})}
    assert count(con) == 2


def test_a_card_by_name_alone_among_namesakes_at_one_firm_is_asked(con: netzdb.Connection) -> None:
    """Two Thomas Müllers at Siemens, each with his own mobile (two people), and two cards of Thomas Müller at
    Siemens with nothing of their own (the Erlangen switchboard and `info@`, a list's row with nothing but the name):
    each was merged into the first namesake, one person's guess among several. Among namesakes who are apart, a card
    joins only the one with just its phones and addresses; else it is asked, and the next import finds each again."""
    name = "a_card_by_name_alone_among_namesakes_at_one_firm.vcf"
    report = imported(con, name)
    assert (report.created, report.merged) == (4, 0)
    assert "  Prof. Dr. Thomas Müller (Siemens AG) ~ Thomas Müller (Vertriebsleiter, Siemens AG): the same name and " \
           "organisation as 3 others here, and no phone number or address says which" in report_lines(report, "en")
    assert "  Prof. Dr. Thomas Müller (Siemens AG) ~ Thomas Müller (Projektleiter, Siemens AG): derselbe Name und " \
           "dieselbe Organisation wie bei 3 anderen hier, und keine Telefonnummer oder Adresse sagt, wer" in \
           report_lines(report, "de")
    assert imported(con, name).unchanged == 4
    assert count(con) == 4


def test_given_names_as_initials_are_one_person_by_a_key_and_asked_by_name(con: netzdb.Connection) -> None:
    """`HP Meier` on a phone and `Hans-Peter Meier` on LinkedIn with one mobile were two contacts and a question
    whether a shared number means one person; `KH Roth` and `Karl-Heinz Roth` at Festo, nothing in common, were two
    contacts and nothing asked. Initials of the given names agree with them: one contact by the shared mobile, a
    possible duplicate by the name alone; `Al` is a name of its own and stays apart from `Anna Lena`."""
    report = imported(con, "given_names_as_initials_hp_for_hans_peter.vcf")
    assert (report.created, report.merged) == (5, 1)
    assert "HP Meier" in people(con)
    assert pairs(con) == {frozenset({"Karl-Heinz Roth", "KH Roth"}), frozenset({"Anna Lena Weber", "Al Weber"})}
    lines = report_lines(report, "en") + report_lines(report, "de")
    assert "  Karl-Heinz Roth (Festo SE & Co. KG) ~ KH Roth (Festo): the given names as initials (KH) and the same " \
           "family name at the same organisation" in lines
    assert "  Karl-Heinz Roth (Festo SE & Co. KG) ~ KH Roth (Festo): die Vornamen als Initialen (KH) und derselbe " \
           "Nachname bei derselben Organisation" in lines


def test_herr_weber_and_frau_weber_on_one_home_line_are_asked_not_merged(con: netzdb.Connection) -> None:
    """A list with `Herr` `Weber` and `Frau` `Weber`, no given names, one home number: one contact "Herr Weber", the
    woman gone. Without a given name the form of address is all that tells two people of one name apart, so they are
    asked about; with a given name it decides nothing (`Frau Anna Weber` and `Herr Anna Weber` with one address are
    one person written once wrongly)."""
    name = "herr_weber_and_frau_weber_on_one_home_line.csv"
    report = imported(con, name)
    assert (report.created, report.merged) == (3, 1)
    assert "  Weber (Frau) ~ Weber (Herr): both have the phone number +497118889990; the same name, but one is " \
           "addressed as Herr (Mr) and the other as Frau (Ms)" in report_lines(report, "en")
    assert "  Weber (Frau) ~ Weber (Herr): beide haben die Telefonnummer +497118889990; derselbe Name, aber einmal " \
           "mit Herr und einmal mit Frau angeredet" in report_lines(report, "de")
    assert sorted(con.execute("SELECT honorific_prefix FROM contacts WHERE given_name IS NULL").fetchall()) == [
        ("Frau",), ("Herr",)]
    assert imported(con, name).unchanged == 4


def test_frau_from_the_gender_and_dr_from_another_card_are_both_kept(con: netzdb.Connection) -> None:
    """One card of Anna Weber says `GENDER:F` (Frau), another of hers `Dr.`: the contact kept `Frau`, and a letter
    began "Sehr geehrte Frau Weber" to a doctor; in the other order it kept `Dr.` alone. A form of address alone and a
    title without one are both kept (`Frau Dr.`), in one import, in two, and a third changes nothing."""
    name = "frau_from_the_gender_and_dr_from_another_card.vcf"
    imported(con, name)
    assert con.execute("SELECT honorific_prefix FROM contacts").fetchall() == [("Frau Dr.",)]
    assert imported(con, name).unchanged == 2
    con.execute("DELETE FROM contact_identities; DELETE FROM contact_names; DELETE FROM contacts")
    first, second = _cards(name)
    apply_import(con, plan_import(con, [ImportFile("praxis.vcf", second)]))
    report = apply_import(con, plan_import(con, [ImportFile("telefon.vcf", first)]))
    assert (report.created, report.merged) == (0, 1)
    assert con.execute("SELECT honorific_prefix FROM contacts").fetchall() == [("Frau Dr.",)]


def test_an_initial_on_the_twins_home_line_fits_both_and_joins_neither(con: netzdb.Connection) -> None:
    """Lukas and Lena Schneider, twins, each with a mobile, and a card `L. Schneider` with only their parents' home
    number: the card was merged into Lukas, the first of them, though it fits Lena as well. A card that fits two
    people apart on one key joins neither; both pairs are asked, and a second import changes nothing."""
    name = "an_initial_on_the_twins_home_line_fits_both.vcf"
    report = imported(con, name)
    assert (report.created, report.merged) == (3, 0)
    assert pairs(con) == {frozenset({"Lena Schneider", "Lukas Schneider"}),
                          frozenset({"L. Schneider", "Lukas Schneider"}), frozenset({"L. Schneider", "Lena Schneider"})}
    assert "  L. Schneider ~ Lena Schneider: both have the phone number +49405551234; one card " \
           "(an_initial_on_the_twins_home_line_fits_both.vcf #3) fits both" in report_lines(report, "en")
    assert imported(con, name).unchanged == 3


PHONE_ZF = "job_title_phone_card_assistentin_at_zf.vcf"
OUTLOOK_ZF = "job_title_outlook_csv_assistenz_at_zf_friedrichshafen_ag.csv"


def petra(con: netzdb.Connection) -> tuple[object, object, list[tuple[object, object]]]:
    """Petra Lindner's organisation, title and career history (what the contact page and Today's news show)."""
    found = next(c for c in contacts_document(con)["contacts"] if c["full_name"] == "Petra Lindner")
    career = [(row["organization"], row["title"]) for row in found["career"]]   # type: ignore[union-attr]
    return found["organization"], found["title"], career


@pytest.mark.parametrize("order", [(PHONE_ZF, OUTLOOK_ZF), (OUTLOOK_ZF, PHONE_ZF)])
def test_phone_and_outlook_spelling_one_job_differently_is_no_job_change_however_often_imported(
        con: netzdb.Connection, order: tuple[str, str]) -> None:
    first = imported(con, order[0])
    assert first.created == 1
    reports = [imported(con, name) for name in (order[1], *order, *order)]
    assert [r.job_changes for r in reports] == [()] * 5, "'ZF' and 'ZF Friedrichshafen AG' are one employer"
    assert count(con) == 1
    organization, title, career = petra(con)
    assert career == [(organization, title)], "one position, no news on Today"
    assert all(r.created == 0 for r in reports) and petra(con) == (organization, title, career)


@pytest.mark.parametrize("later", ["job_title_linkedin_a_month_later_at_a_new_firm.csv",
                                   "job_title_phone_card_updated_to_a_new_firm.vcf"])
def test_a_new_firm_after_the_two_spellings_is_one_job_change_and_the_old_sources_do_not_undo_it(
        con: netzdb.Connection, later: str) -> None:
    imported(con, PHONE_ZF)
    imported(con, OUTLOOK_ZF)
    moved = imported(con, later)
    assert [(j.old_organization, j.new_organization) for j in moved.job_changes] == [
        ("ZF", "Mahle GmbH" if later.endswith(".csv") else "Robert Bosch GmbH")]
    now = petra(con)
    assert len(now[2]) == 2 and now[2][-1] == (now[0], now[1])
    again = [imported(con, name) for name in (PHONE_ZF, OUTLOOK_ZF, later, OUTLOOK_ZF, PHONE_ZF)]
    assert [r.job_changes for r in again] == [()] * 5, "the old employer again is no news"
    assert petra(con) == now


def test_a_name_only_card_before_its_namesakes_imports_the_same_twice(con: netzdb.Connection) -> None:
    """A John Doe with nothing but the name, written before three John Does with an address each: the first import
    joined it to the last of them (the others were apart by their addresses), the next met them all as known
    contacts, asked, and created it anew: "1 new" on every second import. It meets all its namesakes now in both."""
    name = "a_name_only_card_before_namesakes_with_addresses.vcf"
    first = imported(con, name)
    assert (first.created, first.merged, count(con)) == (4, 0, 4)
    again = imported(con, name)
    assert (again.created, again.merged, again.unchanged) == (0, 0, 4)

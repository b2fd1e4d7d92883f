"""Lists of people that are no known address book: a spreadsheet saved as CSV, an attendee list, LinkedIn's synced
contacts, Yahoo's export. Each is read by what its column names say, in the languages netz's users write; the
report names the columns it did not read; two people who share a switchboard stay two."""

from __future__ import annotations

from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.i18n import catalog
from netzcore.importers import apply_import
from netzcore.importers.addressbook import KINDS, recognise_csv
from netzcore.importers.report import report_lines
from tests.core.test_import_cli import netz
from tests.core.test_import_csv import by_name, plan_of

CSV = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "csv"
GERMAN_SPREADSHEET = CSV / "list_of_people_german_spreadsheet_semicolons_cp1252.csv"
ATTENDEES = CSV / "list_of_people_attendee_list_full_name.csv"


def test_a_german_spreadsheet_is_read_by_its_column_names(con: netzdb.Connection) -> None:
    plan = plan_of(con, GERMAN_SPREADSHEET)
    assert [(f.kind, f.read) for f in plan.files] == [("list", 3)]
    hans = by_name(plan)["Hans Müller"]           # 'Name' beside 'Vorname' is the family name, not the whole name
    assert (hans.honorific_prefix, hans.given_name, hans.family_name) == ("Herr Dr.", "Hans", "Müller")
    assert (hans.organization, hans.title, hans.emails) == ("Stadtwerke München GmbH", "Leiter Vertrieb",
                                                            ("h.mueller@swm.example",))
    assert hans.phones == ("+498923610", "+491712345678")             # the fax is no way to reach him
    assert (hans.address, hans.postal_code, hans.city, hans.country) == ("Emmy-Noether-Str. 2", "80992", "München",
                                                                          "Deutschland")
    assert (hans.birthday_year, hans.birthday_month, hans.birthday_day) == (1970, 3, 14)
    eva = by_name(plan)["Eva Gruber"]
    assert eva.phones == ("+43140040", "+436641234567")                # Österreich: Vienna's numbers, not Germany's
    assert "Jörg-Anne Weiß" in by_name(plan)                           # Windows-1252 read as such


def test_two_people_of_a_list_who_share_the_switchboard_stay_two(con: netzdb.Connection) -> None:
    report = apply_import(con, plan_of(con, GERMAN_SPREADSHEET))
    assert (report.created, report.merged) == (3, 0)
    names = {row[0] for row in con.execute("SELECT full_name FROM contacts").fetchall()}
    assert {"Hans Müller", "Jörg-Anne Weiß", "Eva Gruber"} == names


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "list_of_people_german_spreadsheet_semicolons_cp1252.csv: list of people (CSV, read by its column names), "
           "3 rows read; 2 columns not read: Fax, Kundennummer"),
    ("de", "list_of_people_german_spreadsheet_semicolons_cp1252.csv: Personenliste (CSV, nach ihren Spaltennamen "
           "gelesen), 3 Zeilen gelesen; 2 Spalten nicht gelesen: Fax, Kundennummer"),
])
def test_the_report_names_the_columns_a_list_was_not_read_for(con: netzdb.Connection, lang: str, line: str) -> None:
    assert report_lines(plan_of(con, GERMAN_SPREADSHEET).preview(), lang)[0] == line


def test_an_attendee_list_with_a_full_name_column(con: netzdb.Connection) -> None:
    plan = plan_of(con, ATTENDEES)
    sarah = by_name(plan)["Sarah O'Connor"]
    assert sarah.emails == ("sarah@oconnor.example", "s.oconnor@private.example")     # two addresses in one cell
    assert sarah.linkedin_url == "https://www.linkedin.com/in/sarah-oconnor-grid"
    assert (sarah.organization, sarah.title, sarah.phones) == ("Grid Partners Ltd", "Head of Procurement",
                                                               ("+442079460018",))
    assert report_lines(plan.preview(), "en")[0].endswith("2 rows read; 1 column not read: Badge Type")
    report = apply_import(con, plan)
    assert (report.created, report.merged) == (2, 0)        # one office line, two people


def test_linkedins_synced_contacts_null_is_no_company(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "linkedin_synced_contacts_null_company.csv")
    lena = by_name(plan)["Lena Schulz"]
    assert lena.organization is None
    assert lena.phones == ("+491715550101", "+49305550102")
    marc = by_name(plan)["Marc Lefèvre"]
    assert (marc.organization, marc.title) == ("Énergie Lyon SA", "Directeur")


def test_yahoo_contacts_home_work_and_mobile_are_phones(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "yahoo_contacts.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("yahoo", 1)]
    urs = by_name(plan)["Urs Meier"]
    assert urs.phones == ("+41791234567", "+41441234567")             # Schweiz: Swiss numbers; the fax left out
    assert (urs.organization, urs.title, urs.city, urs.country) == ("Zürich Energie AG", "CFO", "Zürich", "Schweiz")
    assert (urs.birthday_month, urs.birthday_day) == (7, 4)
    assert urs.notes == "Met at E-world"
    assert report_lines(plan.preview(), "de")[0] == "yahoo_contacts.csv: Yahoo-Kontakte (CSV), 1 Zeile gelesen"


@pytest.mark.parametrize("header", [
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry",    # LinkedIn's Profile.csv
    "From,To,Sent At,Message,Direction",                                                # LinkedIn's Invitations.csv
    "Kundennummer,Firma,Umsatz 2025",                                                   # no name column
])
def test_a_csv_without_a_name_beside_a_way_to_reach_someone_is_still_refused(header: str) -> None:
    found = recognise_csv("file.csv", f"{header}\nx,y,z\n".encode())
    assert found is not None and found.refusal == "unknown_csv"


def test_a_list_through_the_command_line_in_german(db_path: Path) -> None:
    result = netz("import", str(GERMAN_SPREADSHEET), str(ATTENDEES), "--db", str(db_path), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert "5 gelesen: 5 neu, 0 zusammengeführt, 0 unverändert, 0 nicht importiert." in result.stdout
    assert "1 Spalte nicht gelesen: Badge Type" in result.stdout


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_source_a_contact_can_come_from_has_words(lang: str) -> None:
    """The contact's history and the duplicates page show where a contact came from: in words, never 'google'."""
    texts = catalog(lang)
    for code in (*KINDS, "vcard", "manual", "demo"):
        assert f"common.source.{code}" in texts, code
        assert f"duplicates.source.{code}" in texts, code


def test_a_list_in_outlooks_words_is_read_as_a_list_and_keeps_its_phones(con: netzdb.Connection) -> None:
    """'Vorname;Nachname;Firma;E-Mail' are Outlook's words too: the list was read as Outlook's export, which has no
    'Telefon' or 'Ort', and every phone number and city was dropped without a word."""
    plan = plan_of(con, CSV / "list_of_people_with_outlooks_column_names.csv")
    assert [f.kind for f in plan.files] == ["list"]
    anna = by_name(plan)["Anna Weber"]
    assert (anna.phones, anna.city, anna.emails) == (("+49891234560",), "München", ("info@muster.example",))
    report = apply_import(con, plan)
    assert (report.created, report.merged) == (2, 0)         # the office's mailbox and line join nobody


def test_a_real_outlook_export_stays_outlooks(con: netzdb.Connection) -> None:
    for name in ("outlook_german.csv", "outlook_english.csv", "outlook_french_titre_twice.csv",
                 "email_and_web_columns_outlook_does_not_name.csv", "outlook_other_address_only.csv"):
        assert [f.kind for f in plan_of(con, CSV / name).files] == ["outlook"], name


def test_a_list_of_whole_names_filed_last_name_first(con: netzdb.Connection) -> None:
    """A list with one name column, as an attendee list files it ('Müller, Hans'): the contact is Hans Müller, with
    a given and a family name to be found by; a company's or two people's name stays whole."""
    records = by_name(plan_of(con, CSV / "list_of_people_whole_names_filed_last_name_first.csv"))
    hans = records["Hans Müller"]
    assert (hans.given_name, hans.family_name) == ("Hans", "Müller")
    eva = records["Prof. Dr. Eva Gruber"]
    assert (eva.honorific_prefix, eva.given_name, eva.family_name) == ("Prof. Dr.", "Eva", "Gruber")
    assert (records["Muster GmbH"].given_name, records["Anna & Peter Weber"].family_name) == (None, None)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Connections_columns_added_by_a_spreadsheet.csv: LinkedIn connections, 1 row read; 2 columns not read: "
           "Phone, Notes"),
    ("de", "Connections_columns_added_by_a_spreadsheet.csv: LinkedIn-Kontakte, 1 Zeile gelesen; 2 Spalten nicht "
           "gelesen: Phone, Notes"),
])
def test_columns_added_to_a_connections_file_are_named_as_not_read(con: netzdb.Connection, lang: str,
                                                                   line: str) -> None:
    """A Connections.csv a spreadsheet or a CRM added columns to: its phone numbers and notes were dropped without
    a word."""
    plan = plan_of(con, CSV.parent / "linkedin" / "Connections_columns_added_by_a_spreadsheet.csv")
    assert report_lines(plan.preview(), lang)[0] == line


def test_a_crm_export_keeps_its_account_mailing_address_and_birthdate(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_crm_mailing_address_account_name.csv")
    oliver = by_name(plan)["Oliver Brown"]
    assert oliver.organization == "Acme Ltd"                            # 'Account Name' is the company
    assert (oliver.address, oliver.postal_code, oliver.city, oliver.country) == ("1 Market St", "EC1A 1BB", "London",
                                                                                 "United Kingdom")
    assert oliver.phones == ("+442079460000", "+447911123456")      # British numbers; no fax, no assistant's line
    assert (oliver.birthday_year, oliver.birthday_month, oliver.birthday_day) == (1978, 3, 14)
    assert report_lines(plan.preview(), "en")[0].endswith(
        "4 columns not read: Fax, Asst. Phone, Contact Owner, Lead Source")


def test_pipedrives_person_columns_and_a_newsletter_tools_snake_case_columns(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_pipedrive_person_prefix.csv",
                   CSV / "list_of_people_snake_case_columns_sms.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("list", 1), ("list", 1)]
    lukas = by_name(plan)["Lukas Bauer"]
    assert (lukas.organization, lukas.title) == ("Bauer Logistik GmbH", "Disponent")
    assert lukas.emails == ("lukas@bauer-logistik.example", "lukas.bauer@privat.example")
    assert lukas.phones == ("+4940123456", "+491701112223")
    emma = by_name(plan)["Emma Dubois"]
    assert (emma.title, emma.phones) == ("Directrice", ("+33612345678",))     # 'JOB_TITLE', 'SMS'
    assert report_lines(plan.preview(), "en")[1].endswith("3 columns not read: CONTACT ID, BLACKLISTED, ADDED_TIME")


def test_a_german_list_of_companies_names_its_contact_person(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_ansprechpartner_column.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("list", 2)]
    anja = next(r for r in plan.records if r.family_name == "Peters")
    assert (anja.honorific_prefix, anja.given_name, anja.organization) == ("Frau Dr.", "Anja", "Stadtwerke Nord")


def test_a_crms_organization_name_column_is_no_google_export(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_organization_name_is_no_google_export.csv")
    assert [f.kind for f in plan.files] == ["list"]
    julia = by_name(plan)["Julia Fischer"]
    assert (julia.title, julia.phones) == ("Treuhänderin", ("+41791234567", "+41442112233"))
    assert (julia.address, julia.city, julia.country) == ("Bahnhofstr. 1", "Zürich", "Switzerland")


def test_an_attendee_export_in_outlooks_words_keeps_its_phones_and_work_address(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_attendee_export_read_as_outlook.csv")
    assert [f.kind for f in plan.files] == ["list"]
    nina = by_name(plan)["Nina Hartmann"]
    assert nina.phones == ("+491601234567", "+49892233445")
    assert (nina.address, nina.postal_code, nina.city) == ("Leopoldstr. 1, 3. OG", "80802", "München")


def test_address_1_and_address_2_are_the_street_and_its_second_line(con: netzdb.Connection) -> None:
    rachel = by_name(plan_of(con, CSV / "list_of_people_address_1_and_address_2.csv"))["Rachel Green"]
    assert (rachel.address, rachel.region, rachel.postal_code) == ("350 5th Ave, Suite 100", "NY", "10118")


def test_teams_attendance_report_is_read_up_to_its_second_table(con: netzdb.Connection) -> None:
    """Teams writes the participants, then 'In-Meeting Activities' with column names of its own: neither that
    title nor those column names are people, and a meeting role ('Organizer') is no job title."""
    plan = plan_of(con, CSV / "teams_attendance_report_two_tables.csv")
    assert sorted(by_name(plan)) == ["Alex Turner", "Jan Visser", "Priya Shah"]
    assert by_name(plan)["Alex Turner"].title is None
    lines = report_lines(plan.preview(), "en")
    assert lines[0].endswith("4 rows read; 5 columns not read: First Join, Last Leave, In-Meeting Duration, "
                             "Participant ID (UPN), Role")
    assert any("another table starts here ('3. In-Meeting Activities')" in line for line in lines)
    assert any("hier beginnt eine weitere Tabelle" in line for line in report_lines(plan.preview(), "de"))


def test_a_whole_names_particles_go_with_the_family_name(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_whole_names_with_particles.csv")
    parts = {r.full_name: (r.honorific_prefix, r.given_name, r.family_name) for r in plan.records}
    assert parts == {"Jan de Vries": (None, "Jan", "de Vries"),
                     "Ursula von der Leyen": (None, "Ursula", "von der Leyen"),
                     "Dr. Ludwig van Beethoven": ("Dr.", "Ludwig", "van Beethoven"),
                     "Anna Schmidt": (None, "Anna", "Schmidt")}


def test_a_title_column_that_holds_courtesy_titles_is_the_prefix(con: netzdb.Connection) -> None:
    """Odoo's 'Title' is 'Mister' or 'Doctor' beside its 'Job Position'; a newsletter tool's 'title' is 'Dr.'."""
    plan = plan_of(con, CSV / "list_of_people_title_column_holding_courtesy_titles.csv")
    titles = {r.full_name: (r.honorific_prefix, r.title, r.organization) for r in plan.records}
    assert titles == {"Brandon Freeman": ("Mister", "Creative Director", "Azure Interior"),
                      "Addison Olson": ("Doctor", None, "Deco Addict"), "Tim Schulte": ("Dr.", None, None)}


def test_a_list_of_projects_is_no_list_of_people(con: netzdb.Connection) -> None:
    """A bare 'Name' beside a company and nothing to reach a person by names projects, products, deals."""
    found = recognise_csv("projects.csv", (CSV / "list_of_projects_name_company_status_owner.csv").read_bytes())
    assert found is not None and (found.kind, found.refusal) == ("", "unknown_csv")
    assert plan_of(con, CSV / "list_of_projects_name_company_status_owner.csv").records == ()


def test_mailchimps_tags_and_birthday_without_a_year(con: netzdb.Connection) -> None:
    anna = by_name(plan_of(con, CSV / "list_of_people_mailchimp_tags_and_birthday_without_year.csv"))["Anna Berg"]
    assert anna.tags == ("Kunden", "VIP")
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day, anna.warnings) == (None, 3, 14, ())


def test_a_member_lists_street_and_house_number_make_one_street(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_street_and_house_number_apart.csv")
    streets = {r.full_name: (r.address, r.postal_code, r.city) for r in plan.records}
    assert streets == {"Klaus Lehmann": ("Lindenweg 12a", "90402", "Nürnberg"),
                       "Inge Lehmann": ("Lindenweg 12a", "90402", "Nürnberg"),
                       "Bernd Ott": ("Hauptstr. 7", "90403", "Nürnberg")}      # a number written twice once
    assert report_lines(plan.preview(), "de")[0].endswith(
        "3 Zeilen gelesen; 3 Spalten nicht gelesen: Mitgliedsnummer, Eintrittsdatum, Beitragsart")
    report = apply_import(con, plan)
    assert (report.created, report.merged) == (3, 0)             # a married couple's one home phone: two people


def test_the_german_windows_address_books_export_keeps_addresses_landlines_and_comments(
        con: netzdb.Connection) -> None:
    """'Straße (geschäftlich)', 'Rufnummer (privat)', 'Kommentare': Outlook Express' and Windows Contacts' German
    export, with first and last names (read as Outlook's) or a name alone (read as a list)."""
    plan = plan_of(con, CSV / "windows_address_book_german_export.csv", CSV / "windows_address_book_german_name_only.csv")
    monika = by_name(plan)["Monika Maria Förster"]
    assert (monika.nickname, monika.notes) == ("Moni", "Mandantin seit 2019")
    assert monika.phones == ("+491723344556", "+49341998877")              # no fax
    assert (monika.address, monika.postal_code, monika.city, monika.region) == ("Schillerstr. 4", "04109", "Leipzig",
                                                                                "Sachsen")
    ali = by_name(plan)["Ali Demir"]
    assert (ali.address, ali.city, ali.phones) == ("Mariahilfer Str. 1", "Wien", ("+4315877000",))
    jana = by_name(plan)["Jana Wolff"]
    assert (jana.address, jana.city, jana.phones, jana.notes) == ("Marktplatz 2", "Erfurt", ("+49361112233",),
                                                                  "Lieferantin")
    assert report_lines(plan.preview(), "en")[1].endswith("list of people (CSV, read by its column names), 1 row read")


def test_a_newsletter_tools_numbers_with_their_country_code_and_no_plus(con: netzdb.Connection) -> None:
    """Brevo writes 'SMS', 'WHATSAPP' and 'LANDLINE_NUMBER' as '4917012345678': the country code without '+'."""
    plan = plan_of(con, CSV / "list_of_people_newsletter_numbers_without_plus.csv")
    assert by_name(plan)["Emma Dubois"].phones == ("+33612345678", "+33142685300")
    assert by_name(plan)["Jakob Müller"].phones == ("+4917012345678",)
    assert all(r.warnings == () for r in plan.records)


def test_a_mail_services_home_street_nickname_and_a_crms_description(con: netzdb.Connection) -> None:
    ravi = by_name(plan_of(con, CSV / "list_of_people_home_street_nick_name_description.csv"))["Ravi Kumar"]
    assert (ravi.address, ravi.postal_code, ravi.city, ravi.country) == ("MG Road 1", "560001", "Bengaluru", "India")
    assert (ravi.nickname, ravi.notes, ravi.tags) == ("Rav", "Met at Bangalore Tech Summit", ("Partner",))
    assert ravi.phones == ("+919876543210", "+918012345678")


def test_a_company_row_beside_its_people_is_no_person(con: netzdb.Connection) -> None:
    """Odoo exports its companies beside their people, marked 'Is a Company'; 'Street2' is the second line."""
    plan = plan_of(con, CSV / "list_of_people_company_rows_beside_people.csv")
    azure = by_name(plan)["Azure Interior"]
    assert (azure.organization, azure.given_name, azure.family_name) == ("Azure Interior", None, None)
    brandon = by_name(plan)["Brandon Freeman"]
    assert (brandon.given_name, brandon.family_name, brandon.organization) == ("Brandon", "Freeman", "Azure Interior")
    assert brandon.address == "4557 De Silva St, Building B"
    assert report_lines(plan.preview(), "en")[0].endswith("2 rows read")
    report = apply_import(con, plan)
    assert (report.created, report.merged) == (2, 0)          # the switchboard is the company's and his


def test_a_semicolon_list_whose_name_column_has_a_comma(con: netzdb.Connection) -> None:
    """'Name, Vorname;Firma;Telefon;E-Mail' was split at its comma: the name 'Müller', the rest in one cell."""
    plan = plan_of(con, CSV / "list_of_people_name_and_first_name_in_one_column_semicolons.csv")
    hans = by_name(plan)["Hans Müller"]
    assert (hans.given_name, hans.family_name, hans.organization) == ("Hans", "Müller", "Müller GmbH")
    assert (hans.emails, hans.phones) == (("hans@mueller.example",), ("+4989123456",))
    assert "Anna-Lena Weiß" in by_name(plan)                           # Windows-1252 read as such


def test_form_responses_with_one_column_for_first_and_last_name(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_form_responses_vor_und_nachname.csv")
    oliver = by_name(plan)["Dr. Oliver Bauer"]
    assert (oliver.honorific_prefix, oliver.given_name, oliver.family_name) == ("Dr.", "Oliver", "Bauer")
    assert (oliver.organization, oliver.phones) == ("Uni Jena", ("+4936419400",))
    assert report_lines(plan.preview(), "de")[0].endswith(
        "2 Zeilen gelesen; 2 Spalten nicht gelesen: Zeitstempel, Ich nehme teil am")


def test_a_lists_xing_profil_column_is_the_xing_profile(con: netzdb.Connection) -> None:
    stefan = by_name(plan_of(con, CSV / "list_of_people_xing_profil_column.csv"))["Stefan Reuter"]
    assert stefan.xing_url == "https://www.xing.com/profile/Stefan_Reuter"
    assert stefan.emails == ("s.reuter@reuter-consulting.example", "stefan.reuter@privat.example")
    assert (stefan.address, stefan.postal_code, stefan.city) == ("Mainzer Landstr. 50", "60325", "Frankfurt am Main")


def test_a_german_crm_reports_titel_is_the_job_and_its_mailing_address_is_read(con: netzdb.Connection) -> None:
    """Salesforce in German writes the job as 'Titel' and the address as 'Mailing-Straße' … 'Mailing-Land'."""
    tobias = by_name(plan_of(con, CSV / "list_of_people_german_crm_titel_is_the_job.csv"))["Tobias Engel"]
    assert (tobias.honorific_prefix, tobias.title, tobias.organization) == ("Herr", "Vertriebsleiter",
                                                                            "Engel Medizintechnik GmbH")
    assert (tobias.address, tobias.postal_code, tobias.city, tobias.country) == ("Parkring 3", "8010", "Graz",
                                                                                 "Österreich")
    assert tobias.phones == ("+43316123456", "+436641234567")          # Austrian numbers, the country being read


def test_a_german_crm_exports_company_and_country(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_german_crm_name_des_unternehmens.csv")
    felix = by_name(plan)["Felix Brandt"]
    assert (felix.organization, felix.title, felix.city, felix.country) == ("Brandt IT GmbH", "CTO", "Dresden",
                                                                            "Deutschland")
    assert report_lines(plan.preview(), "de")[0].endswith(
        "3 Spalten nicht gelesen: Datensatz-ID, Kontaktinhaber, Lebenszyklusphase")


def test_a_header_repeated_on_every_page_is_passed_over(con: netzdb.Connection) -> None:
    """A list saved from a report printed page by page repeats its header: the same columns again are no second
    table and no person."""
    plan = plan_of(con, CSV / "list_of_people_header_repeated_every_page.csv")
    assert sorted(by_name(plan)) == ["Jens Conrad", "Silke Baumann", "Uwe Albrecht"]
    assert report_lines(plan.preview(), "en")[0].endswith("3 rows read")
    assert plan.not_imported == ()


def test_an_area_code_in_its_own_column_goes_before_the_number(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "list_of_people_area_code_in_its_own_column.csv")
    phones = {r.full_name: r.phones for r in plan.records}
    assert phones == {"Jens Krüger": ("+49301234567", "+491712345678"), "Maria Seidel": ("+493419876543",),
                      "Olaf Brand": ("+4940555666",)}               # a mobile's and a whole number stay as they are
    assert all(r.warnings == () for r in plan.records)
    assert report_lines(plan.preview(), "en")[0].endswith("3 rows read")      # 'Vorwahl' is read


def test_a_birthday_saved_in_excel_s_long_date_format_is_read(con: netzdb.Connection) -> None:
    """A birthday column formatted as a long date in a German Excel is saved as 'Donnerstag, 14. März 1985': the
    weekday in front made it 'no date', and the birthday was left out."""
    plan = plan_of(con, CSV / "list_of_people_birthday_as_excel_long_date.csv")
    found = {name: (r.birthday_year, r.birthday_month, r.birthday_day, r.warnings) for name, r in by_name(plan).items()}
    assert found == {"Anja Lang": (1985, 3, 14, ()), "Bernd Kurz": (1991, 6, 5, ()), "Clara Weit": (1985, 3, 14, ())}


def test_a_phone_excel_wrote_as_a_shortened_number_is_named_and_left_out(con: netzdb.Connection) -> None:
    """Excel shows a long number without a '+' or spaces as '4,91712E+11' and saves it so: its digits are lost.
    The comma split it into two phones, '4' and '91712E+11', kept as written."""
    plan = plan_of(con, CSV / "list_of_people_phones_shortened_by_excel.csv")
    anja, bernd = by_name(plan)["Anja Lang"], by_name(plan)["Bernd Kurz"]
    assert anja.phones == ("+49301234567",) and bernd.phones == ()
    assert [(w.code, w.detail) for w in anja.warnings] == [("phone_excel_number", "4,91712E+11")]
    assert [(w.code, w.detail) for w in bernd.warnings] == [("phone_excel_number", "4.91523E+11")]
    for lang in ("en", "de"):
        texts = catalog(lang)
        assert texts["import.reason.phone_excel_number"] and texts["import.group.phone_excel_number"]



def test_placeholder_values_in_a_lists_cells_are_no_values(con: netzdb.Connection) -> None:
    """A list exported from a database or a form writes `null`, `undefined`, `N/A`, `k.A.`, `—`, `-` and `keine`
    where it has no value: only `null` was read as none; the others became a job title, a department, a note, and
    `Frau -` the prefix."""
    plan = plan_of(con, CSV / "list_of_people_placeholder_values_in_cells.csv")
    got = {name: (r.honorific_prefix, r.title, r.department, r.address, r.country, r.notes, r.organization)
           for name, r in by_name(plan).items()}
    assert got == {"Karl Huber": ("Herr", None, None, None, None, None, "Huber KG"),
                   "Gerda Lang": ("Frau", None, None, "Ring 1", "Österreich", None, "Lang AG"),
                   "Hans Moser": (None, None, None, None, None, None, None)}


def test_an_austrian_lists_titel_nach_dem_namen_geschlecht_and_stellenbezeichnung(con: netzdb.Connection) -> None:
    """An Austrian HR or CRM list keeps the degrees after the name in their own column (`Titel;Vorname;Nachname;
    Titel nach dem Namen`), the person's sex in `Geschlecht` and the job in `Stellenbezeichnung`: all three were
    named as not read, so `LL.M.` was lost, the job title empty, and a letter began "Guten Tag Katharina Hofer"
    where the list says Frau Mag. Hofer. `D` (divers) gives no Herr or Frau."""
    plan = plan_of(con, CSV / "list_of_people_austrian_titel_nach_dem_namen_and_geschlecht.csv")
    got = {name: (r.honorific_prefix, r.honorific_suffix, r.title) for name, r in by_name(plan).items()}
    assert got == {"Katharina Hofer": ("Frau Mag.", "LL.M.", "Rechtsanwaltsanwärter*in"),
                   "Stefan Wagner": ("Herr DI Dr.", "MSc", "Leiter IT"),
                   "Lena Bauer": (None, "BA", "Juristische*r Mitarbeiter*in")}
    plan = plan_of(con, CSV / "list_of_people_gender_column_beside_a_title.csv")      # a CRM's import example
    assert {name: r.honorific_prefix for name, r in by_name(plan).items()} == {
        "Max Mustermann": "Herr Dr.", "Anna Schmidt": "Frau Prof.", "Thomas Weber": "Herr Dipl.-Ing."}


def test_anrede_herrn_as_on_an_envelope_is_herr(con: netzdb.Connection) -> None:
    """German lists made for letters write the Anrede as on the envelope, `Herrn`: the salutation knew only
    `Herr`, so Herrn Dr. Moser was greeted "Guten Tag Dr. Hans Moser", and a whole name `Herrn Dr. Hans Moser` had
    the given name *Herrn Dr. Hans*."""
    from netzcore import messages

    plan = plan_of(con, CSV / "list_of_people_anrede_herrn_as_on_an_envelope.csv")
    forms = {name: messages.form_from_prefix(r.honorific_prefix) for name, r in by_name(plan).items()}
    assert forms == {"Hans Moser": ("mr", "Dr."), "Eva Berger": ("ms", "Mag.a"), "Karl Huber": ("mr", "")}
    plan = plan_of(con, CSV / "list_of_people_whole_names_with_herrn_and_frau.csv")
    got = {name: (r.honorific_prefix, r.given_name, r.family_name) for name, r in by_name(plan).items()}
    assert got == {"Herrn Dr. Hans Moser": ("Herrn Dr.", "Hans", "Moser"),
                   "Frau Mag.a Eva Berger": ("Frau Mag.a", "Eva", "Berger")}


def test_a_job_title_hr_stays_the_job_and_a_titel_di_the_prefix(con: netzdb.Connection) -> None:
    """`HR` and `PD` alone in a list's job title column are Human Resources and a department, not the Austrian
    Hofrat or a Privatdozent; `DI` and `KR Ing.` in a German list's `Titel` are titles."""
    plan = plan_of(con, CSV / "list_of_people_job_title_hr_is_no_hofrat.csv")
    got = {name: (r.honorific_prefix, r.title) for name, r in by_name(plan).items()}
    assert got == {"Sandra Keller": (None, "HR"), "Tobias Roth": (None, "PD"), "Eva Sommer": ("Dr.", None)}
    plan = plan_of(con, CSV / "list_of_people_titel_di_and_kr_in_capitals.csv")
    got = {name: (r.honorific_prefix, r.title) for name, r in by_name(plan).items()}
    assert got == {"Stefan Wagner": ("Herr DI", None), "Hans Moser": ("Herr KR Ing.", None)}


def test_a_filed_name_with_titles_after_the_given_name_is_read(con: netzdb.Connection) -> None:
    """Directories and registers file a name with its titles behind the given name (`Müller, Hans, Dr.`, `Weber,
    Anna Maria, MSc`): such a list's name stayed as written, with no given or family name to find the person by
    and no Dr. for the salutation."""
    plan = plan_of(con, CSV / "list_of_people_filed_names_with_titles_after_the_given_name.csv")
    got = {name: (r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix)
           for name, r in by_name(plan).items()}
    assert got == {"Dr. Hans Müller": ("Dr.", "Hans", "Müller", None),
                   "Anna Maria Weber MSc": (None, "Anna Maria", "Weber", "MSc"),
                   "Mag.a Eva Berger": ("Mag.a", "Eva", "Berger", None), "Karl Huber": (None, "Karl", "Huber", None)}


def test_a_list_with_more_columns_than_named_counts_the_rest_without_a_comma_before_und(
        con: netzdb.Connection, tmp_path: Path) -> None:
    """A list of 25 extra columns names 20 and counts the rest: 'A, B und 5 weitere' in German, no comma before
    'und' (the English line may keep its comma-less 'and' too)."""
    extra = [f"Feld {n}" for n in range(1, 26)]
    path = tmp_path / "list.csv"
    path.write_text(",".join(["Name", "E-Mail", *extra]) + "\nAnna Weber,anna@example.org" + ",x" * 25 + "\n",
                    encoding="utf-8")
    plan = plan_of(con, path)
    german = report_lines(plan.preview(), "de")[0]
    assert german.endswith("25 Spalten nicht gelesen: " + ", ".join(extra[:20]) + " und 5 weitere")
    assert report_lines(plan.preview(), "en")[0].endswith("Feld 19, Feld 20 and 5 more")

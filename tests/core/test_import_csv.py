"""Address books saved as CSV (Google Contacts, Outlook in English and German, Thunderbird) are recognised by their
header and import with e-mails, phones, organisation, title, birthday and notes; an unknown CSV and a LinkedIn file
without its header or saved with ';' are refused saying exactly why; a Thunderbird file is never read as LinkedIn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore.importers import ImportFile, ImportPlan, apply_import, plan_import
from netzcore.importers.addressbook import LAYOUTS, recognise_csv
from netzcore.importers.csvfile import column_key
from netzcore.importers.records import ContactRecord
from netzcore.importers.report import report_lines
from tests.core.test_import_cli import netz

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
CSV = FIXTURES / "csv"
LINKEDIN = FIXTURES / "linkedin"


def plan_of(con: netzdb.Connection, *paths: Path) -> ImportPlan:
    return plan_import(con, [ImportFile(p.name, p.read_bytes()) for p in paths], parallel=False)


def by_name(plan: ImportPlan) -> dict[str, ContactRecord]:
    return {r.full_name: r for r in plan.records}


@pytest.mark.parametrize(("name", "kind"), [
    ("google_contacts.csv", "google"), ("google_contacts_older_layout.csv", "google"),
    ("outlook_english.csv", "outlook"), ("outlook_german.csv", "outlook"),
    ("outlook_german_saved_with_semicolons.csv", "outlook"), ("thunderbird_english.csv", "thunderbird"),
    ("thunderbird_german.csv", "thunderbird"),
])
def test_each_address_book_is_recognised_by_its_header(name: str, kind: str) -> None:
    found = recognise_csv(name, (CSV / name).read_bytes())
    assert found is not None and (found.kind, found.refusal) == (kind, "")


def test_google_contacts_current_layout(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "google_contacts.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("google", 3)]
    joerg = by_name(plan)["Jörg Müller"]
    assert (joerg.honorific_prefix, joerg.given_name, joerg.family_name, joerg.nickname) == ("Dr.", "Jörg", "Müller",
                                                                                             "Jogi")
    assert joerg.emails == ("joerg.mueller@voith.example", "jm@privat.example")
    assert joerg.phones == ("+491712345678", "+49711123456", "(207) 611-3176")      # ' ::: ' holds two numbers
    assert (joerg.organization, joerg.department, joerg.title) == ("Voith GmbH & Co. KGaA", "Einkauf", "Leiter Einkauf")
    assert (joerg.birthday_year, joerg.birthday_month, joerg.birthday_day) == (1975, 4, 15)
    assert joerg.notes == "Kennengelernt auf der Hannover Messe,\nHalle 12, Stand B40"
    assert joerg.tags == ("Kunden",)                         # Google's own '* myContacts', '* starred' left out
    assert joerg.linkedin_url == "https://www.linkedin.com/in/joerg-mueller-voith"
    assert (joerg.address, joerg.city, joerg.postal_code) == ("Hauptstraße 1", "Stuttgart", "70173")
    anna = by_name(plan)["Anna Weber"]
    assert (anna.organization, anna.title) == (None, "Freelance")                   # "'Freelance'" is no employer
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 3, 14)
    assert by_name(plan)["Stadtwerke München"].emails == ("kontakt@swm.example",)


def test_google_contacts_with_only_a_formatted_address_keep_it(con: netzdb.Connection) -> None:
    """Some exports fill only 'Address 1 - Formatted': every address was lost without a word; its town and
    country are read from its last lines. Parts, where there are any, still come first."""
    plan = plan_of(con, CSV / "google_contacts_formatted_address_only.csv")
    marta, paul = by_name(plan)["Marta Lindqvist"], by_name(plan)["Paul Graf"]
    assert (marta.address, marta.postal_code, marta.city, marta.country) == ("Sveavägen 10", "111 57", "Stockholm",
                                                                             "Sweden")
    assert (paul.address, paul.city, paul.country) == (None, "Ulm", "Deutschland")


def test_a_suffix_written_into_the_last_name_is_the_suffix(con: netzdb.Connection) -> None:
    """'Van Damme, Jr.' in Google's Last Name became the family name as written, so the same person from LinkedIn
    ('Van Damme' and 'Jr.') did not look like the same name. A Name Suffix column, where filled, is left as it is."""
    found = {r.given_name: (r.family_name, r.honorific_suffix) for r in plan_of(
        con, CSV / "google_contacts_suffix_in_last_name.csv").records}
    assert found == {"Chloé": ("Van Damme", "Jr."), "Markus": ("Weber", "MBA"), "Anna": ("Schulz, Jr.", "PhD")}


def test_google_contacts_older_layout(con: netzdb.Connection) -> None:
    lea = by_name(plan_of(con, CSV / "google_contacts_older_layout.csv"))["Lea Fischer"]
    assert lea.emails == ("lea.fischer@zeiss.example", "lea@fischer.example")
    assert (lea.organization, lea.title, lea.department) == ("Carl Zeiss AG", "Software Engineer", "Optik")
    assert (lea.birthday_year, lea.birthday_month, lea.birthday_day) == (1988, 11, 2)
    assert lea.phones == ("+491609876543",) and lea.tags == ("Verband",) and lea.notes == "Vortrag über Optik"


def test_outlook_english(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "outlook_english.csv")
    john = by_name(plan)["John A. Smith Jr."]   # the generation in the name, as a vCard writes it
    assert (john.honorific_prefix, john.honorific_suffix, john.title) == ("Mr.", "Jr.", "Key Account Manager")
    assert (john.organization, john.department) == ("Contoso, Ltd.", "Sales")
    assert john.emails == ("john.smith@contoso.example",)
    assert john.phones == ("+14255550101", "+14255550100")   # no country code: read in his address's country, the US
    assert (john.birthday_year, john.birthday_month, john.birthday_day) == (1985, 3, 14)   # month first
    assert john.tags == ("Customers", "VIP") and john.notes == "Met at Build, booth 12"
    anna = by_name(plan)["Anna Schröder"]
    assert anna.emails == ("anna.schroeder@fabrikam.example",)    # the Exchange address (type EX) is none
    assert anna.birthday_month is None and anna.warnings == ()     # Outlook's 0/0/00 means no birthday
    assert by_name(plan)["Northwind Traders"].phones == ("+49301234567",)


@pytest.mark.parametrize("name", ["outlook_german.csv", "outlook_german_saved_with_semicolons.csv"])
def test_outlook_german(con: netzdb.Connection, name: str) -> None:
    plan = plan_of(con, CSV / name)
    kaethe = by_name(plan)["Käthe Größe"]
    assert (kaethe.honorific_prefix, kaethe.organization, kaethe.title) == ("Frau", "Dräger AG & Co. KGaA",
                                                                            "Leiterin Einkauf")
    assert kaethe.emails == ("kaethe.groesse@draeger.example",)
    assert kaethe.phones == ("+491712345678", "+494518820")
    assert (kaethe.birthday_year, kaethe.birthday_month, kaethe.birthday_day) == (1985, 3, 14)   # day first
    assert kaethe.notes == "Gespräch über Atemschutz; Rückruf im März"
    assert kaethe.tags == ("Kunden", "Messe 2025") and kaethe.city == "Lübeck"
    assert kaethe.address == "Moislinger Allee 53"      # 'Straße geschäftlich': lost while ß was not 'ss'
    juergen = by_name(plan)["Jürgen Maier"]
    assert (juergen.organization, juergen.title, juergen.tags) == (None, "Berater", ("selbstständig",))


def test_older_german_outlook_gmx_and_web_de_columns_give_the_country_and_its_numbers(con: netzdb.Connection) -> None:
    """Outlook 2003 and WEB.DE write 'Land privat', 'Region privat' and 'Land geschäftlich', GMX's old export
    'Staat privat' and 'Mobilfunktelefon': the country was lost, so an Austrian or Swiss number got +49 (Zürich's
    '044 123 45 67' became an Oldenburg number), and GMX's mobile numbers were lost."""
    plan = plan_of(con, CSV / "outlook_german_2003_land_privat_region_privat.csv",
                   CSV / "webde_outlook2003_land_geschaeftlich.csv", CSV / "gmx_old_mobilfunktelefon_staat_privat.csv")
    found = {name: (r.country, r.region, r.phones) for name, r in by_name(plan).items()}
    assert found == {"Maria Huber": ("Österreich", "Salzburg", ("+436641234567", "+43662123456")),
                     "Urs Keller": ("Schweiz", None, ("+41441234567",)),
                     "Helene Groß": ("Österreich", None, ("+436647654321", "+4312345678"))}


def test_spanish_outlook_keeps_its_addresses_home_phone_categories_and_day_first_birthdays(
        con: netzdb.Connection) -> None:
    """A Spanish Outlook writes half its headers in Spanish ('Nombre', 'Apellidos', 'Calle del trabajo', 'Particular',
    'Categorías') and half in English ('E-mail Address', 'Mobile Phone', 'Birthday'), as Exchange's import of Outlook
    CSV files lists them: read as a list of people, the business address, the home phone, the home postal code and
    country and the categories were dropped, the numbers kept without their country code, and '07/03/1985' was
    read as 3 July."""
    plan = plan_of(con, CSV / "outlook_spanish_calle_del_trabajo_particular.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("outlook", 2)]
    carlos, lucia = by_name(plan)["Carlos García López"], by_name(plan)["Lucía Martín"]
    assert (carlos.honorific_prefix, carlos.organization, carlos.department, carlos.title) == (
        "Dr.", "Iberia Consult S.L.", "Ventas", "Director comercial")
    assert (carlos.address, carlos.city, carlos.postal_code, carlos.country) == (
        "Calle Mayor 5", "Madrid", "28013", "España")
    assert carlos.phones == ("+34612345678", "+34911234567", "+34917654321")
    assert carlos.tags == ("Clientes", "VIP") and carlos.notes == "Conocido en Barcelona"
    assert (carlos.birthday_year, carlos.birthday_month, carlos.birthday_day) == (1985, 3, 7)
    assert (lucia.address, lucia.city, lucia.postal_code, lucia.country) == ("Calle Sol 3", "Sevilla", "41001",
                                                                             "España")
    assert (lucia.birthday_year, lucia.birthday_month, lucia.birthday_day) == (1990, 6, 5)
    assert lucia.emails == ("lucia@correo.es",) and lucia.phones == ("+34622111222",)


def test_italian_outlook_keeps_its_job_addresses_and_phones_but_not_the_assistant_s(con: netzdb.Connection) -> None:
    """An Italian Outlook names its phones 'Ufficio', 'Abitazione' and 'Cellulare' and its addresses 'Via (uff.)',
    'CAP (ab.)': read as a list of people, the job, department, courtesy title, both addresses, the business and home
    numbers and the categories were dropped, and 'Telefono assistente', the assistant's number, became the
    contact's own, with Germany's country code."""
    plan = plan_of(con, CSV / "outlook_italian_ufficio_abitazione_via_uff.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("outlook", 2)]
    giulia, marco = by_name(plan)["Giulia Rossi"], by_name(plan)["Marco Bianchi"]
    assert (giulia.honorific_prefix, giulia.organization, giulia.department, giulia.title) == (
        "Dott.", "Rossi & Figli S.p.A.", "Acquisti", "Responsabile acquisti")
    assert (giulia.address, giulia.city, giulia.region, giulia.postal_code, giulia.country) == (
        "Via Roma 10", "Milano", "MI", "20121", "Italia")
    assert giulia.phones == ("+393331234567", "+39021234567", "+39027654321")
    assert giulia.tags == ("Clienti", "VIP") and giulia.notes == "Conosciuta a Bolzano"
    assert (giulia.birthday_year, giulia.birthday_month, giulia.birthday_day) == (1985, 3, 7)
    assert (marco.address, marco.city, marco.postal_code, marco.country) == ("Corso Italia 3", "Torino", "10121",
                                                                             "Italia")
    assert (marco.birthday_month, marco.birthday_day) == (6, 5) and marco.phones == ("+393477654321",)


def test_dutch_outlook_keeps_its_addresses_notes_and_dutch_numbers(con: netzdb.Connection) -> None:
    """A Dutch Outlook writes 'Werkadres, straat', 'Land/regio (werk)', 'Telefoon op werk', 'Mobiele telefoon' and
    'Notities': read as a list of people, both addresses, the notes and the categories were dropped, and without the
    country Amsterdam's '020 123 4567' became a number in Essen and the mobile '06 12345678' a German one."""
    plan = plan_of(con, CSV / "outlook_dutch_werkadres_telefoon_op_werk.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("outlook", 2)]
    jan, anke = by_name(plan)["Jan de Vries"], by_name(plan)["Anke Bakker"]
    assert (jan.honorific_prefix, jan.organization, jan.department, jan.title) == (
        "Dhr.", "Vries Techniek B.V.", "Inkoop", "Hoofd inkoop")
    assert (jan.address, jan.city, jan.postal_code, jan.country) == ("Keizersgracht 100", "Amsterdam", "1015 AA",
                                                                     "Nederland")
    assert jan.phones == ("+31612345678", "+31201234567", "+31207654321")      # not the assistant's
    assert jan.tags == ("Klanten", "VIP") and jan.notes == "Ontmoet in Keulen"
    assert (jan.birthday_year, jan.birthday_month, jan.birthday_day) == (1985, 3, 7)
    assert (anke.address, anke.city, anke.postal_code, anke.country) == ("Dorpsstraat 3", "Utrecht", "3511 AB",
                                                                          "Nederland")
    assert (anke.birthday_month, anke.birthday_day) == (6, 5) and anke.phones == ("+31687654321",)


def test_google_s_events_relations_and_custom_fields_are_named_as_not_read(con: netzdb.Connection) -> None:
    """Google Contacts' export writes an anniversary ('Event 1 - Value'), a spouse ('Relation 1 - Value') and a
    field of the user's own ('Custom Field 1 - Label' 'Kundennummer'); netz keeps none of them, and they were
    dropped without a word."""
    plan = plan_of(con, CSV / "google_contacts_events_relations_custom_fields.csv")
    assert [(f.kind, f.read, f.unread) for f in plan.files] == [
        ("google", 2, ("Event 1 - Value", "Relation 1 - Value", "Custom Field 1 - Value"))]
    anna = by_name(plan)["Anna Weber"]
    assert (anna.organization, anna.title, anna.tags) == ("Muster GmbH", "Leiterin Einkauf", ("Kunden", "VIP"))
    assert (anna.address, anna.city, anna.postal_code, anna.country) == ("Hauptstr. 1", "Köln", "50667", "Deutschland")
    assert anna.linkedin_url == "https://www.linkedin.com/in/annaweber" and anna.notes == "Kennt Peter\naus Köln"


def test_thunderbird_english_and_german(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "thunderbird_english.csv", CSV / "thunderbird_german.csv")
    lea = by_name(plan)["Lea Fischer"]
    assert lea.emails == ("lea@zeiss.example",) and lea.phones == ("+491609876543", "+497364200")
    assert (lea.organization, lea.title) == ("Carl Zeiss AG", "Software Engineer")
    assert (lea.birthday_year, lea.birthday_month, lea.birthday_day) == (1988, 11, 2)
    assert lea.notes == "Vortrag über Optik, sehr gut\nFolgt auf LinkedIn …"
    assert by_name(plan)["Paul Koch"].birthday_year is None and by_name(plan)["Paul Koch"].birthday_day == 12
    juergen = by_name(plan)["Jürgen Müller"]
    assert (juergen.organization, juergen.department, juergen.title) == ("Festo SE & Co. KG", "Vertrieb",
                                                                         "Bereichsleiter Vertrieb")
    assert juergen.emails == ("juergen.mueller@festo.example",) and juergen.nickname == "Jogi"
    assert (juergen.birthday_year, juergen.birthday_month, juergen.birthday_day) == (1970, 2, 28)


def test_a_thunderbird_row_with_organisation_and_phone_is_a_contact_not_a_hidden_linkedin_member(
        con: netzdb.Connection) -> None:
    report = apply_import(con, plan_of(con, CSV / "thunderbird_english.csv"))
    assert (report.created, report.hidden_members, report.not_imported) == (3, 0, ())
    acer = con.execute("SELECT c.full_name, c.phones, o.name FROM contacts c JOIN organizations o "
                       "ON o.id = c.organization_id WHERE c.full_name = 'Acer America'").fetchone()
    assert acer == ("Acer America", ["(800) 000-0000"], "Acer America")


def test_the_thunderbird_corpus_is_read_as_thunderbird_with_its_emails(corpus: Path, con: netzdb.Connection) -> None:
    folder = corpus / "contacts-csv" / "mozilla-thunderbird"
    plan = plan_of(con, *sorted(folder.glob("*.csv")))
    assert plan.refused == ()
    assert {f.name: (f.kind, f.read) for f in plan.files} == {
        "basic_csv_addressbook.csv": ("thunderbird", 2), "csv_semicolon.csv": ("thunderbird", 2),
        "export.csv": ("thunderbird", 2), "quote.csv": ("thunderbird", 1),
        "shiftjis_addressbook.csv": ("thunderbird", 1), "utf16_addressbook.csv": ("thunderbird", 1)}
    emails = {(r.file, r.full_name): r.emails for r in plan.records}
    assert emails["basic_csv_addressbook.csv", "John Doe"] == ("john@doe.invalid",)
    assert emails["utf16_addressbook.csv", "John Doe"] == ("johndoe@host.invalid",)
    assert emails["csv_semicolon.csv", "Jane Doe"] == ("jane@doe.invalid",)
    assert emails["export.csv", "contact number two"] == ("contact2@invalid",)
    assert emails["shiftjis_addressbook.csv", "名無しの権兵衛"] == ("名無しの権兵衛@host.invalid",)
    assert by_name(plan)["contact number two"].title == '"worker"'
    assert by_name(plan)["Acer America"].phones == ("(800) 000-0000",)


def test_an_unknown_csv_is_refused_with_the_columns_that_were_expected(db_path: Path) -> None:
    result = netz("import", str(CSV / "unknown_columns.csv"), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 1
    assert "unknown_columns.csv: a CSV file whose columns netz does not know (Kundennummer, Firma, Umsatz 2025)" \
        in result.stderr
    for expected in ("First Name, Last Name, URL, Email Address, Company, Position, Connected On",
                     "E-mail 1 - Value", "E-mail Address", "E-Mail-Adresse", "Primary Email"):
        assert expected in result.stderr


def test_linkedin_without_header_or_with_semicolons_is_refused_saying_exactly_that(db_path: Path) -> None:
    result = netz("import", str(LINKEDIN / "Connections_without_header.csv"),
                  str(LINKEDIN / "Connections_saved_with_semicolons.csv"), "--db", str(db_path), "--lang", "en")
    assert result.returncode == 1
    assert ("Connections_without_header.csv: a LinkedIn Connections.csv without its header line (First Name,Last "
            "Name,URL,Email Address,Company,Position,Connected On)") in result.stderr
    assert "Connections_saved_with_semicolons.csv: a LinkedIn Connections.csv saved with ';' between the columns" \
        in result.stderr
    german = netz("import", str(LINKEDIN / "Connections_saved_with_semicolons.csv"), "--db", str(db_path),
                  "--lang", "de")
    assert "mit „;“ zwischen den Spalten gespeichert" in german.stderr


def test_linkedin_s_messages_and_invitations_are_refused_as_no_contact_file_not_as_a_headerless_one(
        db_path: Path) -> None:
    """LinkedIn's messages.csv and today's Invitations.csv have profile links in their rows: they were refused as
    "a Connections.csv without its header line, put that line back on top", which would import messages and
    invitations as contacts. They are files of columns netz does not know, and the refusal names them."""
    result = netz("import", str(LINKEDIN / "messages.csv"), str(LINKEDIN / "Invitations.csv"), "--db", str(db_path),
                  "--lang", "en")
    assert result.returncode == 1 and "without its header line" not in result.stderr
    assert "messages.csv: a CSV file whose columns netz does not know (CONVERSATION ID, CONVERSATION TITLE" \
        in result.stderr
    assert "Invitations.csv: a CSV file whose columns netz does not know (From, To, Sent At, Message" in result.stderr


def test_a_headerless_2018_export_is_told_the_2018_header_not_one_that_shifts_every_column(db_path: Path) -> None:
    """Six columns without URL: today's header put back on top would make the position the company and the date
    the position; the refusal names the header of the layout the rows have."""
    result = netz("import", str(LINKEDIN / "Connections_2018_layout_without_header.csv"), "--db", str(db_path),
                  "--lang", "en")
    assert result.returncode == 1
    assert ("Connections_2018_layout_without_header.csv: a LinkedIn Connections.csv without its header line "
            "(First Name,Last Name,Email Address,Company,Position,Connected On)") in result.stderr
    german = netz("import", str(LINKEDIN / "Connections_2018_layout_without_header.csv"), "--db", str(db_path),
                  "--lang", "de")
    assert "ohne ihre Kopfzeile (First Name,Last Name,Email Address,Company,Position,Connected On)" in german.stderr


def test_every_csv_kind_imports_through_the_cli_and_again_changes_nothing(db_path: Path) -> None:
    files = [str(CSV / n) for n in ("google_contacts.csv", "outlook_german.csv", "thunderbird_english.csv")]
    first = netz("import", *files, "--db", str(db_path), "--lang", "en", "--json")
    assert first.returncode == 0, first.stderr
    import json

    report = json.loads(first.stdout)
    assert [(f["kind"], f["read"]) for f in report["files"]] == [("google", 3), ("outlook", 2), ("thunderbird", 3)]
    assert report["accounted"] and report["records_read"] == 8
    again = json.loads(netz("import", *files, "--db", str(db_path), "--json").stdout)
    assert (again["created"], again["accounted"]) == (0, True)


def test_the_report_names_each_address_book(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "google_contacts.csv", CSV / "outlook_english.csv", CSV / "thunderbird_german.csv")
    lines = report_lines(plan.preview(), "de")
    assert "google_contacts.csv: Google Kontakte (CSV), 3 Zeilen gelesen" in lines
    assert "outlook_english.csv: Outlook-Kontakte (CSV), 3 Zeilen gelesen" in lines
    assert "thunderbird_german.csv: Thunderbird-Adressbuch (CSV), 1 Zeile gelesen" in lines


def test_outlook_french_is_read_with_its_two_titre_columns(con: netzdb.Connection) -> None:
    plan = plan_of(con, CSV / "outlook_french_titre_twice.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("outlook", 2)]
    helene = by_name(plan)["Hélène Dupré"]
    assert (helene.given_name, helene.family_name, helene.nickname) == ("Hélène", "Dupré", "Léna")
    assert (helene.organization, helene.department, helene.title) == ("Céramiques Morel SA", "Achats",
                                                                      "Responsable des achats")
    assert helene.honorific_prefix is None                   # the first 'Titre' is empty, the second is the job
    assert helene.emails == ("helene.dupre@example.fr",) and len(helene.phones) == 2
    assert (helene.birthday_year, helene.birthday_month, helene.birthday_day) == (1979, 3, 14)   # day first
    assert (helene.address, helene.city, helene.postal_code, helene.country) == ("12 rue des Tanneurs", "Lyon",
                                                                                 "69002", "France")
    mathis = by_name(plan)["Mathis Lefèvre"]
    assert (mathis.honorific_prefix, mathis.title) == ("M.", None)
    assert mathis.emails == ("mathis.lefevre@example.org", "m.lefevre@example.net")
    assert (mathis.birthday_year, mathis.birthday_month, mathis.birthday_day) == (1985, 11, 2)


def test_numbers_and_pieces_of_addresses_in_google_name_fields_are_no_given_or_family_name(
        con: netzdb.Connection) -> None:
    """An Android phone book synced to Google saves an unnamed number as Name and Given Name, and Google splits
    an address-like name into 'kumar@gmail.' and 'com'; none of it is a given or family name."""
    plan = plan_of(con, CSV / "google_older_layout_numbers_and_addresses_in_name_fields.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("google", 7)]
    number = by_name(plan)["+491701234567"]
    assert (number.given_name, number.family_name, number.phones) == (None, None, ("+491701234567",))
    calendar = by_name(plan)["123456789012345678901@profile.calendar.google.com"]
    assert (calendar.given_name, calendar.additional_names, calendar.family_name) == (None, None, None)
    jan = by_name(plan)["2jan mueller@gmail. com"]
    assert (jan.given_name, jan.family_name, jan.emails) == (None, None, ("2jan.mueller@example.com",))
    karl = by_name(plan)["KARL BAUER NACHBAR GARTEN"]                       # letters: kept as written
    assert (karl.given_name, karl.family_name) == ("KARL BAUER", "GARTEN")
    assert karl.phones == ("+491711111111", "+491722222222", "+491733333333")
    acme = by_name(plan)["Acme Widgets GmbH"]
    assert acme.emails == ("sales@acme.example", "billing@acme.example", "support@acme.example")


def test_google_s_own_groups_in_its_outlook_csv_are_no_tags(con: netzdb.Connection) -> None:
    """Google's export in Outlook's layout writes its own groups into Categories ('myContacts;starred'): every
    contact was tagged 'myContacts'. The user's own labels stay."""
    plan = plan_of(con, CSV / "google_outlook_csv_system_groups.csv")
    assert {r.full_name: r.tags for r in plan.records} == {"Nora Brandt": ("Kunden",), "Leo Hahn": ()}


def test_email_and_web_columns_outlook_does_not_name_are_read(con: netzdb.Connection) -> None:
    """Roundcube's CSV layout: Outlook's name columns, but e-mails, work address and web pages in columns of its own.
    Every cell that is clearly an address is kept; none of the phone or fax columns is guessed. Its 'Home Mobile' is
    the person's mobile (it was lost); its 'Car Phone' is not the person's (it was taken)."""
    plan = plan_of(con, CSV / "email_and_web_columns_outlook_does_not_name.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("outlook", 2)]
    ines = by_name(plan)["Ines Vogt"]
    assert ines.emails == ("ines.vogt@example.org", "i.vogt@stadtwerke-ulm.example")
    assert ines.phones == ("+497311660", "+491715550199")
    assert (ines.address, ines.city, ines.postal_code, ines.country) == ("Karlstraße 1", "Ulm", "89073", "Deutschland")
    assert ines.urls == ("https://ines-vogt.example/blog", "www.stadtwerke-ulm.example")
    assert (ines.organization, ines.title, ines.birthday_month, ines.birthday_day) == (
        "Stadtwerke Ulm", "Leiterin Netzplanung", 3, 14)
    tom = by_name(plan)["Tom Berger"]
    assert tom.emails == ("tom.berger@example.com",)
    assert (tom.address, tom.city, tom.postal_code) == ("Am Hang 3", "Freiburg", "79100")
    assert tom.linkedin_url == "https://www.linkedin.com/in/tom-berger-example" and tom.urls == ()


@pytest.mark.parametrize(("name", "kind", "emails"), [
    ("email_addresses_only_outlook.csv", "outlook",
     [("anna.roth@example.org", "a.roth@example.net"), ("bernd.lang@example.com",)]),
    ("email_addresses_only_one_column.csv", "thunderbird",
     [("clara.weiss@example.org",), ("daniel.kurz@example.com",), ()]),
])
def test_a_list_of_email_addresses_is_read_as_contacts_named_by_their_address(
        con: netzdb.Connection, name: str, kind: str, emails: list[tuple[str, ...]]) -> None:
    plan = plan_of(con, CSV / name)
    assert [f.kind for f in plan.files] == [kind]
    assert [r.emails for r in plan.records] == [e for e in emails if e]
    assert [r.full_name for r in plan.records] == [e[0] for e in emails if e]
    # a row whose only cell holds no address is not imported, and named
    assert [(p.position, p.code) for p in plan.not_imported] == ([] if all(emails) else [(5, "empty_row")])


def test_every_column_a_layout_names_is_written_as_the_header_is_read() -> None:
    """A header is looked up case-folded ('Straße geschäftlich' -> 'strasse geschäftlich'); a layout that wrote
    'straße' matched no file, and every German Outlook export lost its streets."""
    def columns(value: object) -> list[str]:
        if isinstance(value, str):
            return [part.split("#")[0] for part in re.split(r"[|+]", value) if part]
        if isinstance(value, dict):
            return [c for v in value.values() for c in columns(v)]
        if isinstance(value, tuple | frozenset):
            return [c for v in value for c in columns(v)]
        return []

    for layout in LAYOUTS:
        named = [c for f in ("names", "emails", "phones", "urls", "addresses", "birthday") for c in
                 columns(getattr(layout, f))]
        assert named and [c for c in named if column_key(c) != c] == [], layout.kind


def test_google_numbers_labelled_fax_pager_assistant_or_car_are_no_phones(con: netzdb.Connection) -> None:
    """Every 'Phone N - Value' was a phone whatever its 'Phone N - Label' (current layout) or 'Phone N - Type'
    (older layout, a Japanese business-partner import) said: the office fax and pager, an assistant's and a car's
    number became the person's phones, and a fax shared by a team made colleagues look like one another."""
    plan = plan_of(con, CSV / "google_fax_pager_assistant_and_car_numbers.csv",
                   CSV / "google_older_layout_work_fax_by_its_type.csv")
    assert {name: r.phones for name, r in by_name(plan).items()} == {
        "Anna Weber": ("+491712345678", "+497111234567"), "Bernd Klein": ("+491729876543",),
        "Karin Roth": ("+497112223334", "+491601112223")}


def test_outlook_2003_and_outlook_com_business_country_and_third_street_line_are_read(con: netzdb.Connection) -> None:
    """Outlook 97-2003, Hotmail/Outlook.com, Google's 'Outlook CSV' and LinkedIn's old export write 'Business
    Country', not 'Business Country/Region': the country was lost, so Zürich's '044 123 45 67' became a German
    number. 'Business Street 3' (and 'Home Street 3') was lost too."""
    plan = plan_of(con, CSV / "outlook_com_hotmail_business_country.csv",
                   CSV / "outlook_2003_business_street_3_and_country.csv")
    found = {name: (r.address, r.city, r.region, r.postal_code, r.country, r.phones) for name, r in by_name(plan).items()}
    assert found == {
        "Anna Muster": ("Bahnhofstrasse 1", "Zürich", None, "8001", "Switzerland", ("+41791234567", "+41441234567")),
        "Jean Dupont": ("12 rue de la République", "Lyon", "Rhône", "69002", "France", ("+33612345678", "+33472000000")),
        "Peter Keller": ("Seestrasse 12, Gebäude B, 3. Stock", "Basel", None, "4051", "Switzerland", ("+41611234567",))}


def test_an_address_only_in_outlook_s_other_columns_is_the_address(con: netzdb.Connection) -> None:
    """Outlook's third address ('Other Street', 'Other City', …; German 'Weitere Straße', 'Weiterer Ort', …) was
    never read: a contact whose address stood only there lost it, and its Italian mobile became a German number.
    A business or home address still comes first."""
    plan = plan_of(con, CSV / "outlook_other_address_only.csv", CSV / "outlook_german_weitere_adresse_only.csv")
    found = {name: (r.address, r.city, r.postal_code, r.country, r.phones) for name, r in by_name(plan).items()}
    assert found == {"Luca Rossi": ("Via Roma 1", "Milano", "20121", "Italy", ("+393471234567",)),
                     "Emma Wilson": (None, "London", None, "United Kingdom", ("+442079460018",)),
                     "Giulia Bianchi": ("Corso Buenos Aires 5", "Milano", "20124", "Italien", ("+393477654321",))}


def test_an_outlook_file_s_birthdays_are_read_in_one_order(con: netzdb.Connection) -> None:
    """A British Outlook writes birthdays day first under English headers: '14/03/1985' was read day first (no
    14th month) but '05/06/1990' in the same file month first, as 6 May instead of 5 June. A date only one order
    can read now decides the file; a file whose dates ask for both orders keeps month first where it is open."""
    plan = plan_of(con, CSV / "outlook_english_birthdays_written_day_first.csv",
                   CSV / "outlook_english_birthdays_in_both_orders.csv")
    found = {name: (r.birthday_year, r.birthday_month, r.birthday_day) for name, r in by_name(plan).items()}
    assert found == {"Oliver Smith": (1985, 3, 14), "Amelia Jones": (1990, 6, 5), "Harry Brown": (1979, 12, 25),
                     "Isla Taylor": (None, None, None), "Ava Clark": (1985, 3, 14), "Noah Lewis": (1985, 3, 14),
                     "Mia Walker": (1990, 5, 6)}
    assert all(r.warnings == () for r in plan.records)


def test_windows_address_book_and_live_mail_exports_keep_the_display_name(con: netzdb.Connection) -> None:
    """The Windows Address Book (Outlook Express, Windows Contacts) and Windows Live Mail export the display name as
    'Name'; a contact saved from an e-mail has no first or last name. Live Mail's rows were named by their e-mail
    address ('karl.huber@example.de' for Karl Huber), and the address book's default export, 'Name' with no first
    or last name column, was refused as a CSV whose columns netz does not know."""
    live = by_name(plan_of(con, CSV / "windows_live_mail_display_name_only.csv"))
    assert sorted(live) == ["Anna Weber", "Hotel Adler", "Karl Huber"]
    assert live["Karl Huber"].emails == ("karl.huber@example.de",)
    assert (live["Hotel Adler"].city, live["Hotel Adler"].phones) == ("Konstanz", ("+49753112345",))
    assert (live["Anna Weber"].given_name, live["Anna Weber"].family_name) == ("Anna", "Weber")
    default = by_name(plan_of(con, CSV / "windows_address_book_default_export.csv"))
    petra = default["Petra Lang"]
    assert (petra.organization, petra.title, petra.city, petra.country) == ("Lang & Partner", "Geschäftsführerin",
                                                                           "Wien", "Österreich")
    assert petra.phones == ("+4315123456",) and default["Jörg Maier"].phones == ("+49711987654",)


def test_open_xchange_app_suite_export_keeps_family_names_addresses_and_foreign_numbers(
        con: netzdb.Connection) -> None:
    """mailbox.org, IONOS and Strato run Open-Xchange App Suite, whose CSV export writes the server's own column
    titles ('Sur name', 'Street business', 'Country business', 'Cellular telephone 1', 'Distribution list'). Read
    as a list of people it lost every family name and address, so Vienna's and Zürich's numbers got +49, and a
    distribution list became a person 'Team Einkauf'."""
    plan = plan_of(con, CSV / "open_xchange_app_suite_sur_name_and_business_addresses.csv")
    assert [(f.kind, f.read) for f in plan.files] == [("openxchange", 6)]
    people = by_name(plan)
    anna = people["Anna Weber"]
    assert (anna.honorific_prefix, anna.given_name, anna.family_name) == ("Dr.", "Anna", "Weber")
    assert (anna.organization, anna.title, anna.department) == ("Nordwind Logistik GmbH", "Leiterin Einkauf", "Einkauf")
    assert (anna.address, anna.postal_code, anna.city, anna.country) == ("Hafenstraße 12", "20457", "Hamburg",
                                                                         "Deutschland")
    assert anna.phones == ("+491712345678", "+494012345678")      # neither the fax nor the assistant's line
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (1978, 3, 14)
    assert anna.tags == ("Kunden", "Messe 2025")
    assert people["Lukas Huber"].phones == ("+436641234567", "+4312345678")
    assert (people["Lukas Huber"].city, people["Lukas Huber"].family_name) == ("Wien", "Huber")
    claudia = people["Claudia Meier"]
    assert (claudia.city, claudia.phones) == ("Zürich", ("+41791234567", "+41441234567"))
    assert "Team Einkauf" not in people
    assert [p.code for p in plan.not_imported] == ["mail_list_card"]
    assert "Hans Müller jun." in people and people["Hans Müller jun."].family_name == "Müller"
    report = apply_import(con, plan)
    assert (report.created, report.merged) == (5, 0)
    lines = report_lines(plan_of(con, CSV / "open_xchange_app_suite_sur_name_and_business_addresses.csv").preview(),
                         "de")
    assert any("Open-Xchange-Adressbuch (CSV: mailbox.org, IONOS, Strato), 6 Zeilen gelesen" in line for line in lines)

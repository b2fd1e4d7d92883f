"""LinkedIn Connections.csv: notes above the header, columns by name, old layout, hidden members, messy names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netzcore.importers.linkedin import clean_name, connected_on, is_connections_csv, read_connections
from netzcore.importers.normalize import name_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_notes_lines_above_the_header_are_skipped_and_hidden_members_counted() -> None:
    read = read_connections("Connections.csv", (FIXTURES / "Connections.csv").read_bytes())
    assert read.rows == 7 and read.hidden_members == 2
    assert [r.full_name for r in read.records] == ["Anna Weber", "Marie Klein", "Kai Schulz", "Maciej Nowak",
                                                    "Lea Fischer"]
    assert [r.position for r in read.records] == [5, 7, 8, 9, 11]


def test_messy_names_titles_urls_and_dates() -> None:
    records = {r.family_name: r for r in read_connections("c.csv", (FIXTURES / "Connections.csv").read_bytes()).records}
    marie = records["Klein"]
    assert (marie.honorific_prefix, marie.given_name, marie.honorific_suffix) == ("Dr.", "Marie", "MBA")
    assert marie.organization == "Allianz, München" and marie.title == "Head of Sales, DACH"
    assert marie.hierarchy_level == "head" and marie.connected_on == dt.date(2024, 10, 9)
    assert marie.how_met == "LinkedIn 2024-10-09"
    kai = records["Schulz"]
    assert (kai.given_name, kai.family_name, kai.hierarchy_level) == ("Kai", "Schulz", "executive")
    assert records["Weber"].linkedin_url == "https://www.linkedin.com/in/anna-weber-voith"
    assert records["Nowak"].linkedin_url == "https://www.linkedin.com/in/maciej-nowak-%C4%87"


def test_2018_layout_without_url_column() -> None:
    read = read_connections("old.csv", (FIXTURES / "Connections_2018.csv").read_bytes())
    assert read.hidden_members == 1
    paul = read.records[0]
    assert paul.emails == ("paul.hoffmann@sap.example",) and paul.linkedin_url is None
    assert paul.connected_on == dt.date(2016, 6, 12)


def test_columns_are_found_by_name_not_position() -> None:
    data = b"Notes:\nsynthetic\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On,URL\n" \
           b"Alice,Johnson,Alice@TechCorp.example,TechCorp,CTO,15 Jan 2023,https://linkedin.com/in/alicejohnson\n"
    record = read_connections("x.csv", data).records[0]
    assert record.emails == ("alice@techcorp.example",)
    assert record.linkedin_url == "https://www.linkedin.com/in/alicejohnson"
    assert record.title == "CTO" and record.connected_on == dt.date(2023, 1, 15)


def test_recognising_a_connections_file() -> None:
    assert is_connections_csv((FIXTURES / "Connections.csv").read_bytes())
    assert is_connections_csv((FIXTURES / "Connections_2018.csv").read_bytes())
    assert not is_connections_csv(b"Notes:\n\"only notes\"\n")
    assert not is_connections_csv((FIXTURES / "not_contacts.vcf").read_bytes())


def test_name_and_date_helpers() -> None:
    assert clean_name("  Kai\t🚀 ") == "Kai"
    assert clean_name("Ana ★ María") == "Ana María"
    assert connected_on("09 Oct 2024") == dt.date(2024, 10, 9)
    assert connected_on("") is None and connected_on("yesterday") is None
    assert connected_on("2024-10-09") == dt.date(2024, 10, 9)


LINKEDIN = FIXTURES / "linkedin"


def test_connected_on_in_every_form_seen() -> None:
    read = read_connections("c.csv", (LINKEDIN / "Connections_every_date_form.csv").read_bytes())
    assert [r.connected_on for r in read.records] == [
        dt.date(2023, 3, 15), dt.date(2024, 3, 20), dt.date(2018, 1, 8), dt.date(2024, 5, 17), dt.date(2024, 5, 17),
        dt.date(2024, 10, 9), None]
    assert [(w.code, w.detail) for r in read.records for w in r.warnings] == [("bad_date", "someday")]


def test_invisible_selectors_joiners_and_unbalanced_quotes_leave_linkedin_names() -> None:
    read = read_connections("c.csv", (LINKEDIN / "Connections_invisible_selectors_and_unbalanced_quotes.csv")
                            .read_bytes())
    assert [r.full_name for r in read.records] == ["Mia Butler", "Leo Hart", "Nina Roth", 'Robert "Bob" Smith',
                                                   "Sam Lee"]
    assert clean_name("Butler \ufe0f") == "Butler" and clean_name('"Anna') == "Anna"


def test_placeholder_companies_are_not_organisations() -> None:
    read = read_connections("c.csv", (LINKEDIN / "Connections_placeholder_companies.csv").read_bytes())
    got = [(r.full_name, r.organization, r.title, r.tags, r.org_key) for r in read.records]
    assert got == [
        ("Anna Self", None, "Consultant", ("Self-employed",), ""),
        ("Ben Quote", None, "Freelance", (), ""),                       # "'Freelance'": quotes gone, a title
        ("Cara Stealth", None, "Founder", ("Stealth mode",), ""),
        ("Dirk Selbst", None, "selbstständig", (), ""),
        ("Eva None", None, "Engineer", (), ""),                         # 'n/a' says nothing: left out
        ("Finn Dash", None, None, (), ""),
        ("Greta Real", "Freelance Media GmbH", "Editor", (), "freelance media"),
    ]


def test_titles_in_linkedin_names_go_to_the_honorific_fields_and_names_stay_whole() -> None:
    read = read_connections("c.csv", (LINKEDIN / "Connections_names_that_begin_like_titles.csv").read_bytes())
    got = [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in read.records]
    assert got == [
        (None, "Irina", "Weber", None), (None, "Ingo", "Maier", None), (None, "Iris", "Hahn", None),
        (None, "Magnus", "Berg", None), (None, "Drew", "Carter", None), (None, "Frauke", "Lenz", None),
        (None, "Inga", "Wolf", None), ("Dr.", "Irina", "Weber", None), ("Prof. Dr.-Ing.", "Ingo", "Maier", "MBA"),
        ("Mag.", "Magnus", "Huber", None), ("Dipl.-Ing.", "Frauke", "Lenz", "(FH)"),
    ]


def test_a_row_with_only_a_placeholder_company_is_a_hidden_member_not_a_contact_named_dash() -> None:
    data = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            b",,,,-,,15 Mar 2023\n,,,,n/a,,15 Mar 2023\nAnna,Weber,,,-,,15 Mar 2023\n")
    read = read_connections("c.csv", data)
    assert (read.rows, read.hidden_members) == (3, 2)
    assert [(r.full_name, r.organization) for r in read.records] == [("Anna Weber", None)]


def test_a_row_with_only_a_position_is_not_imported_rather_than_a_nameless_contact() -> None:
    data = b"First Name,Last Name,Email Address,Company,Position,Connected On\r\n,,,,0,15 Mar 2023\r\n"
    read = read_connections("c.csv", data)
    assert (read.rows, read.hidden_members, read.records) == (1, 0, ())
    assert [(p.code, p.position) for p in read.problems] == [("empty_row", 2)]


def test_an_email_column_without_an_address_is_named() -> None:
    """LinkedIn writes a member id where the address is hidden ('urn:li:member:…'): left out, and said."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_email_is_a_member_urn.csv").read_bytes())
    yugam, lea = read.records
    assert (yugam.emails, lea.emails) == ((), ("lea.kurz@example.de",))
    assert [(w.code, w.detail) for w in yugam.warnings] == [("email_not_an_address", "urn:li:member:664293716")]


def test_a_row_quoted_once_more_as_a_whole_is_read_as_its_columns_not_as_one_name() -> None:
    """Exports of 2020/2021 wrap every row with a comma inside a value in quotes once more; the whole line used to
    become the first name ('Laura,Berg,,Beispiel Gruppe, "Digital …",07 May 2021') with no company or position."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_whole_rows_quoted_once_more.csv").read_bytes())
    got = [(r.full_name, r.organization, r.title, r.connected_on) for r in read.records]
    assert got == [
        ("Anna Weber", "Muster Consulting", "Lead Business Analyst", dt.date(2021, 6, 11)),
        ("Laura Berg", "Beispiel Gruppe", "Digital Products & Technology, Working Student", dt.date(2021, 5, 7)),
        ("Volker Hahn", "Hahn Steuerberatung mbH", "Geschäftsführer, Wirtschaftsprüfer & Steuerberater",
         dt.date(2020, 12, 7)),
        ("Galina Roth", "Café Roma, Maximilianstr. 33", "Servicekraft", dt.date(2020, 11, 2)),
        ("Serena Costa", "Muster AG", "Senior Recruiter", dt.date(2018, 10, 23)),
        ("Clemens J. Dorn", None, None, dt.date(2021, 5, 6)),
    ]
    assert (read.rows, read.problems) == (6, ())


def test_credentials_after_a_comma_in_the_last_name_leave_the_name() -> None:
    """'Rao, MSc, MBA, PHR' showed as 'Priya Rao, MSc, MBA, PHR' and 'Park, CFA, FRM' as 'Jane Park, CFA, FRM':
    LinkedIn members write credentials no list holds after their last name. In capitals after a comma they are
    credentials, unless the last name itself is written in capitals ('KOCH, ABC', 'LEE, CAIA' stay)."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_credentials_after_the_last_name.csv").read_bytes())
    got = [(r.full_name, r.family_name, r.honorific_suffix) for r in read.records]
    assert got == [
        ("Priya Rao", "Rao", "MSc, MBA, PHR"), ("Tom Berger", "Berger", "CFP, AAMS"),
        ("Robert (RC) Lang", "Lang", "CPA"), ("Jana KOCH, ABC", "KOCH, ABC", None),
        ("Jane Park", "Park", "CFA, FRM"), ("Luis Ortiz", "Ortiz", "CPA, CGMA"), ("Dana Smith", "Smith", "SHRM-CP"),
        ("Elena Garcia", "Garcia", "MSc, CIPP/E"), ("Pieter van der Berg", "van der Berg", "FRM"),
        ("Jae PARK", "PARK", "JR"), ("Kim LEE, CAIA", "LEE, CAIA", None),
    ]


def test_a_last_name_written_in_brackets_is_the_credentials_or_a_nickname() -> None:
    """Members who write their whole name as the first name put credentials or a nickname in brackets into Last Name
    ('Mustafa Hussain Khan', '(CSAA, IFQ)'; 'Kifayat Ullah', '(kifi khan)'): the brackets were the family name, and
    the same person from the phone was only a possible duplicate."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_last_name_in_brackets.csv").read_bytes())
    got = [(r.full_name, r.given_name, r.family_name, r.honorific_suffix, r.nickname) for r in read.records]
    assert got[0] == ("Mustafa Hussain Khan", "Mustafa Hussain", "Khan", "CSAA, IFQ", None)
    assert got[2] == ("Kifayat Ullah", "Kifayat", "Ullah", None, "kifi khan")


def test_credentials_after_a_dash_in_the_last_name_are_the_suffix() -> None:
    """'Al-Jazaeri - ACCA (UK), CPA (Canada)' was the family name, so the same person's phone card (Abdullah
    Al-Jazaeri) was not found by name; a name after the dash ('Meyer - Schmidt') stays the family name."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_credentials_after_a_dash.csv").read_bytes())
    assert [(r.full_name, r.family_name, r.honorific_suffix) for r in read.records] == [
        ("Abdullah Al-Jazaeri", "Al-Jazaeri", "ACCA (UK), CPA (Canada)"), ("Lena Meyer - Schmidt", "Meyer - Schmidt", None),
        ("Tom Smith", "Smith", "PMP, CSM"), ("Jörg Müller", "Müller", "MBA")]
    assert name_key(read.records[0].full_name) == name_key("Abdullah Al-Jazaeri")


def test_a_position_written_on_two_lines_is_one_line_with_one_space() -> None:
    """A Position with a line break in its cell (CR LF, as LinkedIn writes it) read 'Software Engineer  IoT Team'."""
    data = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            b'Mia,Roth,,,Bosch,"Software Engineer\r\nIoT Team",02 Mar 2025\r\n')
    [record] = read_connections("c.csv", data).records
    assert record.title == "Software Engineer IoT Team"


def test_a_last_name_of_punctuation_alone_is_no_name() -> None:
    """Members hide their last name behind '...' (or '-', '?'): it was shown as 'Vikram ...'."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_last_name_only_dots.csv").read_bytes())
    assert [(r.full_name, r.family_name, r.organization) for r in read.records] == [
        ("Vikram", None, None), ("Marta", None, "Muster AG"), ("Lena", None, "Beispiel GmbH")]


def test_pronouns_in_a_name_field_leave_the_name_for_the_notes() -> None:
    """'Musterfrau (he/him)' was the last name: shown so, and 'Joel Musterfrau' from the phone did not match it."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_pronouns_in_the_name.csv").read_bytes())
    assert [(r.full_name, r.notes) for r in read.records] == [
        ("Joel Musterfrau", "(he/him)"), ("Anna Weber", "(sie/ihr)"), ("Sam Lee", "(they/them)"), ("Tom", "(he/him)")]
    assert name_key(read.records[0].full_name) == name_key("Joel Musterfrau")


def test_a_german_accounts_file_is_read_as_linkedins_not_as_outlooks() -> None:
    """A German account's Connections.csv names its columns in German, most of them as a German Outlook export
    does: it was read as Outlook's and lost the company ('Unternehmen') and the day of the connection."""
    data = (FIXTURES / "linkedin" / "Connections_german_account.csv").read_bytes()
    assert is_connections_csv(data)
    records = {r.family_name: r for r in read_connections("Connections.csv", data).records}
    joerg = records["Weiß"]
    assert (joerg.organization, joerg.title, joerg.emails) == ("Beispiel AG", "Geschäftsführer",
                                                               ("joerg@beispiel.example",))
    assert joerg.linkedin_url == "https://www.linkedin.com/in/joerg-weiss-beispiel"
    assert records["Müller"].connected_on == dt.date(2023, 2, 2)


def test_degrees_in_the_last_name_without_a_comma_are_the_suffix() -> None:
    """Members write their degree into Last Name without a comma (`Fuchs MA`, `Bauer MAS`, `Gruber MEng`) and their
    Austrian title into First Name (`DI Stefan`, `Mag.a Bianca`): the degree was the family name and the title the
    given name, so the person was filed under *Fuchs MA* and not found again from a phone's card. `Di` and `Ma`
    stay names."""
    read = read_connections("c.csv", (LINKEDIN / "Connections_degrees_in_the_last_name_without_a_comma.csv").read_bytes())
    got = [(r.full_name, r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in read.records]
    assert got == [
        ("Julia Fuchs", None, "Julia", "Fuchs", "MA"), ("Martin Bauer", None, "Martin", "Bauer", "MAS"),
        ("Thomas Gruber", None, "Thomas", "Gruber", "MEng"), ("Stefan Wagner", "DI", "Stefan", "Wagner", None),
        ("Bianca Maly", "Mag.a", "Bianca", "Maly", None), ("Di Sha", None, "Di", "Sha", None),
        ("Yun Ma", None, "Yun", "Ma", None)]

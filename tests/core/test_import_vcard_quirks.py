"""The smaller vCard problems of real exports, each with a fixture named after it: quoted-printable soft breaks
before folding, escaped punctuation, nickname-only cards, control characters, stray lines before the first card,
one bad byte in a note, free-text birthdays, Apple's "show as company", and phone numbers that are not valid in
the home region."""

from __future__ import annotations

from pathlib import Path

from netzcore import db as netzdb
from netzcore.importers import ImportFile, apply_import, plan_import
from netzcore.importers.records import ContactRecord, Problem
from netzcore.importers.report import report_lines
from netzcore.importers.vcard import fallback_charset, parse_cards, split_cards, unicode_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "vcard"


def read(name: str) -> tuple[list[ContactRecord], list[Problem]]:
    data = unicode_bytes((FIXTURES / name).read_bytes())
    cards, notes = split_cards(name, data)
    results = parse_cards(cards, fallback_charset(data), "DE")
    return [r for r in results if isinstance(r, ContactRecord)], notes + [r for r in results if isinstance(r, Problem)]


def codes(record: ContactRecord) -> list[tuple[str, str]]:
    return [(w.code, w.detail) for w in record.warnings]


def test_quoted_printable_soft_breaks_are_joined_before_unfolding() -> None:
    [record], _ = read("quoted_printable_soft_break_then_fold.vcf")
    assert record.full_name == "Jörg Müller"
    assert record.notes == "Grüße aus München und Umgebung\n= zweite Zeile mit Ende"   # no literal '=' run


def test_escaped_punctuation_loses_its_backslash() -> None:
    [record], _ = read("backslash_before_punctuation.vcf")
    assert record.organization == "Test. Inc."
    assert record.title == "Head of R&D"
    assert record.notes == "Pfad C:\\Users\\tom"              # a backslash before a letter is kept as written


def test_a_card_with_only_a_nickname_is_imported(con: netzdb.Connection) -> None:
    [record], problems = read("nickname_only.vcf")
    assert (record.full_name, record.nickname) == ("Bibi", "Bibi") and problems == []
    plan = plan_import(con, [ImportFile("n.vcf", (FIXTURES / "nickname_only.vcf").read_bytes())], parallel=False)
    assert apply_import(con, plan).created == 1


def test_control_characters_are_removed_from_names_and_kept_lines_in_notes() -> None:
    [record], _ = read("control_character_in_name.vcf")
    assert (record.given_name, record.family_name) == ("Anna", "Weber")
    assert record.full_name == "Anna Weber[2J"                # the escape character is gone, its text is harmless
    assert record.organization == "Voith"
    assert record.notes == "Zeile 1\nZeile\t2"
    for value in (record.full_name, record.given_name or "", record.family_name or "", record.organization or ""):
        assert all(ord(ch) >= 0x20 for ch in value), value


def test_a_stray_line_before_the_first_card_is_not_a_card() -> None:
    records, problems = read("stray_line_before_first_card.vcf")
    assert [r.full_name for r in records] == ["Anna Weber", "Ben Koch"]
    assert [(p.code, p.position, p.detail) for p in problems] == [("stray_lines", 1, "2")]


def test_one_bad_byte_in_a_note_does_not_spoil_the_umlauts_of_the_card() -> None:
    [record], _ = read("bad_byte_in_note.vcf")
    assert (record.full_name, record.city) == ("Jürgen Müller", "Kleindorf")
    assert record.address == "Lämmerweg 12"
    assert record.notes == "Grüße an die Familie \ufffd und Frau Müller"
    assert codes(record) == [("charset_mixed", "NOTE")]


def test_free_text_birthdays_are_read_or_reported_never_dropped_silently() -> None:
    records, _ = read("free_text_birthdays.vcf")
    got = {r.full_name: ((r.birthday_year, r.birthday_month, r.birthday_day), codes(r)) for r in records}
    assert got == {
        "Person 1": ((1995, 5, 5), []), "Person 2": ((1995, 5, 5), []), "Person 3": ((1995, 5, 5), []),
        "Person 4": ((1995, 5, 5), []),
        "Person 5": ((None, None, None), [("bad_birthday", "05/06/1995")]),     # day or month first: not guessed
        "Person 6": ((None, None, None), [("bad_birthday", "circa 1800")]),
        "Person 7": ((None, None, None), [("bad_birthday", "1995-02-30")]),
    }


def test_apple_show_as_company_keeps_the_person_and_the_company() -> None:
    records, _ = read("apple_show_as_company.vcf")
    joerg, company = records
    assert (joerg.full_name, joerg.given_name, joerg.family_name) == ("Jörg Müller", "Jörg", "Müller")
    assert (joerg.organization, joerg.department, joerg.title) == ("ACME GmbH", "Vertrieb", "Vertriebsleiter")
    assert (company.full_name, company.given_name, company.organization) == ("Stadtwerke Ulm", None, "Stadtwerke Ulm")


def test_phone_numbers_are_e164_only_when_valid_and_the_report_says_which_are_kept(con: netzdb.Connection) -> None:
    [record], _ = read("phones_not_valid_in_home_region.vcf")
    assert record.phones == ("(207) 611-3176", "1-800-800-LENS", "905-", "+12076113176", "+49711123456")
    assert [key for key in record.identity_keys() if key[0] == "phone"] == [("phone", "+12076113176"),
                                                                             ("phone", "+49711123456")]
    assert codes(record) == [("phone_as_written", "(207) 611-3176"), ("phone_as_written", "1-800-800-LENS"),
                             ("phone_as_written", "905-")]
    plan = plan_import(con, [ImportFile("p.vcf", (FIXTURES / "phones_not_valid_in_home_region.vcf").read_bytes())],
                       parallel=False)
    lines = report_lines(plan.preview(), "en")
    assert ("  p.vcf, card 1: phone number '905-' is not valid with a country code or in your home region; kept as "
            "written (not used to find the person)") in lines


def test_a_number_with_plus_that_is_not_valid_is_kept_once_and_named(con: netzdb.Connection) -> None:
    """'+1 987 …' has no valid area code: kept as written, as before, but said (it was silent because of its +),
    and its second spelling on the same card ('+1-987-654-3210', '+1 987 654 3210') is the same number."""
    [record], _ = read("phone_with_plus_unknown_to_phonenumbers_written_twice.vcf")
    assert record.phones == ("+1-987-654-3210", "+1-987-654-3211")
    assert codes(record) == [("phone_as_written", "+1-987-654-3210"), ("phone_as_written", "+1-987-654-3211")]
    assert [key for key in record.identity_keys() if key[0] == "phone"] == []   # "not used to find the person"


def test_an_agent_card_on_the_lines_below_is_a_person_of_its_own() -> None:
    """vCard 3.0's AGENT with the assistant's card written out below it: her phone and address went to the card's
    owner (two people sharing a number), and her END closed the owner's card: his note after it was lost (and read
    as a card without BEGIN). Now she is a card of her own and his card ends at his END."""
    (owner, agent), problems = read("agent_card_written_on_the_lines_below.vcf")
    assert (owner.full_name, owner.phones, owner.emails) == ("Johanna Berger", ("+497311660",),
                                                             ("johanna.berger@swu.example",))
    assert owner.notes == "Assistenz: Frau Vogt"
    assert (agent.full_name, agent.phones, agent.emails) == ("Lena Vogt", ("+497311661",), ("lena.vogt@swu.example",))
    assert problems == []


def test_an_agent_card_indented_below_the_agent_line_is_a_person_of_its_own() -> None:
    """The same with the assistant's lines indented by a space, as if folded into the AGENT line (a PHP library's
    sample): her card's lines ran together into one ('BEGIN:VCARDVERSION:3.0N:Vogt…') and she became a card with
    no name. A line of hers folded in turn (two spaces) still continues its line."""
    (owner, agent), problems = read("agent_card_indented_below_the_agent_line.vcf")
    assert (owner.full_name, owner.phones, owner.notes) == ("Johanna Berger", ("+497311660",), "Assistenz: Frau Vogt")
    assert (agent.full_name, agent.phones) == ("Lena Vogt", ("+497311661",))
    assert agent.notes == "Assistenz der Geschäftsführung, zuständig für Termine und Reisen"
    assert problems == []


def test_fields_without_an_address_or_a_digit_are_named_not_dropped_in_silence() -> None:
    [record], _ = read("email_and_phone_fields_without_an_address_or_digit.vcf")
    assert (record.emails, record.phones) == (("paula.roth@example.de",), ("+491712345678",))
    assert codes(record) == [("email_not_an_address", "urn:li:member:664293716"), ("phone_no_digit", "phone work")]


def test_a_title_in_the_formatted_name_goes_to_the_prefix_when_there_is_no_n() -> None:
    records, _ = read("title_in_formatted_name.vcf")
    assert [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in records] == [
        ("Dr.", "Irina", "Weber", None), ("Prof. Dr.-Ing.", "Ingo", "Maier", "MBA"), (None, "Magnus", "Drew", None)]
    assert [r.name_key for r in records] == ["irina weber", "ingo maier", "magnus drew"]


def test_a_contact_group_card_is_not_imported_as_a_person(con: netzdb.Connection) -> None:
    """KIND:group (vCard 4) and Apple's X-ADDRESSBOOKSERVER-KIND:group (iCloud, Fastmail) list members that are
    cards of their own; 'The Doe Family' was imported as a person with the given name 'The Doe'."""
    records, problems = read("kind_group_card.vcf")
    assert records == []
    assert [(p.code, p.detail, p.position) for p in problems] == [("group_card", "The Doe Family", 1)]
    apple = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Anna;Weber;;;\r\nFN:Anna Weber\r\nEND:VCARD\r\n"
             b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Projekt X;;;;\r\nFN:Projekt X\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
             b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:anna\r\nEND:VCARD\r\n")
    plan = plan_import(con, [ImportFile("groups.vcf", apple)], parallel=False)
    lines = report_lines(plan.preview(), "en")
    assert "Read 2: 1 new, 0 merged, 0 unchanged, 1 not imported." in lines
    assert ("  groups.vcf, card 2: a contact group ('Projekt X'), not a person; its members are cards of their own"
            in lines)


def test_a_place_card_is_not_imported_as_a_person(con: netzdb.Connection) -> None:
    """KIND:location (vCard 4) is a place, such as a meeting room sharing the office's number: it was imported as a
    person named 'Besprechungsraum Rhein (3. OG)'. A card with a family or given name stays a person whatever its
    KIND says."""
    records, problems = read("kind_location_card.vcf")
    assert [r.name_key for r in records] == ["lena roth", "jonas brandt"]
    assert [(p.code, p.detail, p.position) for p in problems] == [("location_card", "Besprechungsraum Rhein (3. OG)", 1)]
    data = (FIXTURES / "kind_location_card.vcf").read_bytes()
    lines = report_lines(plan_import(con, [ImportFile("rooms.vcf", data)], parallel=False).preview(), "de")
    assert "  rooms.vcf, Karte 1: ein Ort („Besprechungsraum Rhein (3. OG)“), keine Person" in lines


def test_the_profile_link_in_the_note_of_a_xing_export_is_the_xing_profile() -> None:
    """XING writes the member's profile link only into NOTE; the Xing field stayed empty."""
    records, problems = read("xing_export_profile_only_in_note.vcf")
    hans = records[0]
    assert (hans.full_name, hans.organization, hans.title) == ("Hans-Peter Mustermann", "Example GmbH", "CTO")
    assert hans.xing_url == "https://www.xing.com/profile/Hans-Peter-Mustermann"
    assert hans.urls == ("http://www.example.com",) and problems == []
    assert hans.notes == "17.02.2016, 19:18 - XING - http://www.xing.com/profile/Hans-Peter-Mustermann"


def test_the_double_space_ios_writes_in_a_formatted_name_is_one_space() -> None:
    """iOS writes 'FN: Kate  Bell' (two spaces where the empty middle name would be)."""
    records, _ = read("ios_formatted_name_with_double_space.vcf")
    lina = records[0]
    assert (lina.full_name, lina.given_name, lina.family_name) == ("Lina Berger", "Lina", "Berger")
    assert (lina.organization, lina.title, lina.emails) == ("Atelier Nordlicht", "Producer",
                                                            ("lina.berger@nordlicht.example",))


def test_the_nickname_android_writes_as_x_android_custom_is_the_nickname(con: netzdb.Connection) -> None:
    """Android's 2.1 export has no NICKNAME line; the nickname is an X-ANDROID-CUSTOM row."""
    records, _ = read("android_nickname_only_in_x_android_custom.vcf")
    assert (records[0].full_name, records[0].nickname, records[0].emails) == ("Mäx Mustermann", "Mäx",
                                                                               ("max@mustermann.de",))
    quoted = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nX-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
              b"vnd.android.cursor.item/nickname;J=C3=BCrgi;1;;;;;;;;;;;;;\r\nEND:VCARD\r\n")
    plan = plan_import(con, [ImportFile("nick.vcf", quoted)], parallel=False)
    assert [(r.full_name, r.nickname) for r in plan.records] == [("Jürgi", "Jürgi")]


def test_a_contact_uri_gives_its_mail_address_and_web_page() -> None:
    """RFC 8605's CONTACT-URI is how to reach the contact: a mailto: address (a subject after '?' is no part of
    it) or a web page such as a contact form. Both were left out; a value that is neither URI is not guessed."""
    records, problems = read("contact_uri_mailto_and_web_rfc8605.vcf")
    assert problems == []
    sales, ines = records
    assert sales.emails == ("vertrieb@stadtwerke-ulm.example",)
    assert sales.urls == ("https://stadtwerke-ulm.example/kontakt",)
    assert ines.emails == ("ines.vogt@example.org", "i.vogt@stadtwerke-ulm.example")


def test_a_number_without_country_code_is_read_in_the_country_of_the_cards_address() -> None:
    """'06 12 34 56 78' on a card in Lyon became +49 612 345678, a number in Wiesbaden, and '(212) 555-0100' in New
    York stayed as written: both were read in the home region. A card's address country (in German, English or as
    a code) now comes first; a number with its own country code keeps it, a card without a country keeps the home
    region."""
    records, problems = read("phones_written_nationally_on_cards_abroad.vcf")
    assert problems == []
    phones = {r.full_name: r.phones for r in records}
    assert phones == {"Claire Dubois": ("+33612345678",), "John Miller": ("+12125550100",),
                      "Luc Moreau": ("+49711987654", "+33142685300"), "Anna Roth": ("+49711654321",)}
    assert all(not codes(r) for r in records)         # nothing kept as written any more


def test_a_country_written_in_its_own_language_reads_the_number_there() -> None:
    """A Google export's 'Italia', an iCloud card's '日本' and 'España' were no country netz knew, so '02-36508254' in
    Milan became +49 2365 08254, a number in the Ruhr, and '090-7929-9937' in Tokyo +49 907 9299937."""
    records, problems = read("phones_written_nationally_country_in_its_own_language.vcf")
    assert problems == []
    assert {r.full_name: r.phones for r in records} == {
        "Giulia Bianchi": ("+390236508254",), "Javier García": ("+34612345678",), "石川かおり": ("+819079299937",)}


def test_a_phone_extension_stays_with_its_number() -> None:
    """'801-555-9886 ext 3' (a Google export) and 'tel:+1-801-555-0144;ext=5555' (a vCard 4 URI) lost their
    extensions: the person's desk became the company's switchboard."""
    records, problems = read("phone_extensions.vcf")
    assert problems == []
    assert {r.full_name: r.phones for r in records} == {
        "Dana Parker": ("+18015559886;ext=3", "+18015550144;ext=5555"), "Tobias Keller": ("+49711123456;ext=12",)}
    assert all(not codes(r) for r in records)        # valid numbers: nothing said about them
    assert [k for r in records for k in r.identity_keys() if k[0] == "phone"] == []   # a desk is no key


def test_an_east_asian_name_built_from_its_parts_puts_the_family_name_first() -> None:
    """An iCloud card with an empty FN and N:石川;かおり became 'かおり 石川'; Chinese and Japanese names are written
    family name first and without a space. A Japanese name in Latin letters keeps the order of the card's letters."""
    records, _ = read("east_asian_name_without_formatted_name.vcf")
    assert [(r.full_name, r.family_name, r.given_name) for r in records] == [
        ("石川かおり", "石川", "かおり"), ("王小明", "王", "小明"), ("Yuki Tanaka", "Tanaka", "Yuki")]


def test_name_parts_written_as_lists_read_as_names() -> None:
    """vCard 3 and 4 let each part of N be a list (RFC 6350's own example 'ing. jr,M.Sc.'): the commas stayed, the
    middle names read 'Q.,Public' and a name built from the parts 'Dr.,Prof. John Q.,Public Doe'."""
    records, _ = read("name_parts_written_as_lists.vcf")
    assert [(r.full_name, r.honorific_prefix, r.additional_names, r.honorific_suffix) for r in records] == [
        ("Simon Perreault", None, None, "ing. jr, M.Sc."), ("Dr. Prof. John Q. Public Doe", "Dr. Prof.", "Q. Public", None)]


def test_an_address_written_only_as_its_label_is_kept() -> None:
    """A card with its address only in LABEL (vCard 2.1 and 3.0's printed address, often quoted-printable) lost it
    without a word. ADR, where a card has it, still comes first."""
    records, problems = read("address_only_as_label.vcf")
    assert problems == []
    assert [(r.full_name, r.address, r.postal_code, r.city) for r in records] == [
        ("Erika Haas", "Postfach 4 56\nKönigstraße 12", "70173", "Stuttgart"),
        ("Otto Lenz", "Gartenweg 3", "89073", "Ulm"), ("Ina Sommer", "Marktplatz 1", "89073", "Ulm")]


def test_two_addresses_in_one_email_value_are_both_kept() -> None:
    """Google's export of 2012 wrote 'EMAIL;TYPE=INTERNET;TYPE=HOME:me@joebloggs.com,joe@joebloggs.com': the second
    address was dropped without a word. A quoted name with a comma stays one address."""
    [record], problems = read("two_emails_in_one_value.vcf")
    assert record.emails == ("me@joebloggs.com", "joe@joebloggs.com", "joe.bloggs@firma.example")
    assert problems == [] and codes(record) == []


def test_a_formatted_name_written_last_name_first_shows_as_the_name() -> None:
    """Outlook and Open-Xchange write FN as the card is filed ('Prinz\\, Tobias'): the contact list showed 'Prinz,
    Tobias' among 'Anna Weber' and 'Jörg Müller'. A formatted name that says more than the parts stays as written."""
    records, _ = read("formatted_name_written_last_comma_first.vcf")
    assert [r.full_name for r in records] == ["Tobias Prinz", "Dr. Hans Peter Müller", "Weber, Anna (privat)",
                                              "Test Contact", "Eva Lange"]
    assert records[3].organization == "My,Company"      # 2.1 escapes nothing: the comma is the company's


def test_text_values_written_in_base64_are_read() -> None:
    """Some phones write a 2.1 card's name or address with ENCODING=BASE64 (as another mail app's tests show): the
    address read 'w4TDpMOkaGhtbQ==' and the name 'SsO2cmcgTcO8bGxlcg=='."""
    records, problems = read("text_values_in_base64.vcf")
    assert problems == []
    assert [(r.full_name, r.given_name, r.address, r.city) for r in records] == [
        ("Jörg Müller", "Jörg", "Königstraße 1", "Stuttgart"), ("Maxi Mustermann", "Maxi", "Rua das Nações", None)]


def test_fax_and_pager_numbers_are_no_phones() -> None:
    """A fax or pager number (`TEL;WORK;FAX`, `TYPE=FAX,WORK`, Apple's `type=FAX`, vCard 4's `TYPE="work,fax"`)
    was listed among the person's phones, to be called. A line that is fax and voice at once stays a phone."""
    records, problems = read("fax_and_pager_numbers_are_no_phones.vcf")
    assert problems == []
    assert {r.full_name: r.phones for r in records} == {
        "Klaus Kohlbauer": ("+491739997779",), "Frank Dawson": ("+19196769515",),
        "Gerda Möhrke": ("+493444122267",), "Ana Lima": ("+497111234568",)}


def test_quoted_printable_without_encoding_is_read() -> None:
    """Names written in quoted-printable without ENCODING=QUOTED-PRINTABLE (a converter's export) showed as
    '=D0=A8=D1=83'. A value whose `=` is no encoded character stays as written."""
    records, problems = read("quoted_printable_without_encoding.vcf")
    assert problems == []
    assert [(r.full_name, r.organization, r.notes) for r in records] == [
        ("Шу", None, None), ("Jörg Müller", "Straßenbau AG", None), ("Anna Berg", "E=MC2 Consulting", "a=b and x=3D4")]


def test_a_social_profile_written_after_its_service_name_is_a_link() -> None:
    """`X-SOCIALPROFILE:twitter:https://twitter.com/joebloggs` (a vCard 4 writer) kept 'twitter:' in front of the
    link, and a LinkedIn profile written that way was not recognised as the person's profile."""
    [record], problems = read("social_profile_with_service_prefix.vcf")
    assert problems == []
    assert record.linkedin_url == "https://www.linkedin.com/in/joe-bloggs"
    assert record.urls == ("https://twitter.com/joebloggs", "https://joebloggs.example")


def test_a_palm_name_with_an_empty_part_more_keeps_its_prefix() -> None:
    """Palm writes N with one empty part more before the prefix: 'Mrs.' of 'Léger;Monique;;;Mrs.;' became the
    suffix. A card whose FN shows the part at the end keeps it as the suffix."""
    records, _ = read("palm_name_with_an_empty_part_more.vcf")
    assert [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in records] == [
        ("Mrs.", "Monique", "Léger", None), ("Prefix", "First Name", "Last Name", "Suffix"),
        (None, "John", "Doe", "Jr.")]


def test_ios17_social_profiles_written_as_app_handles_are_no_links() -> None:
    """iOS 17 writes a profile picked in an app as `X-SOCIALPROFILE;type=GitHub;x-user=robpike;…:x-apple:robpike`:
    'x-apple:robpike' was listed among the person's web links, where it opens nothing."""
    [record], problems = read("ios17_social_profiles_as_app_handles.vcf")
    assert problems == []
    assert (record.full_name, record.urls) == ("prefix Test middlename Nordmann suffix", ())


def test_a_space_after_a_quoted_printable_soft_break_is_the_texts_own() -> None:
    """An encoder breaks a line before a space (a line must not end in one), so the next line starts with it: a
    Sony Ericsson note read 'Нежноубирает' for 'Нежно убирает', and RFC 2045's own example 'to cometo the aid'.
    After an encoded space ('München=20=' + ' und') the leading space is folding, as before."""
    records, problems = read("quoted_printable_soft_break_before_a_space.vcf")
    assert problems == []
    assert [r.notes for r in records] == [
        "Нежно убирает. :)", "Now's the time for all folk to come to the aid of their country."]


def test_google_s_own_groups_in_a_vcard_are_no_tags() -> None:
    """Google's vCard export writes `CATEGORIES:myContacts,starred,Familie` on nearly every card: 'myContacts' and
    'starred' became tags on every contact, as they no longer do from Google's CSV."""
    [record], _ = read("google_groups_in_categories.vcf")
    assert record.tags == ("Familie",)


def test_a_fax_given_only_by_its_label_is_no_phone() -> None:
    """Google and Apple say a number is a fax only by its label (`item1.TEL` with `item1.X-ABLabel:Fax` or Apple's
    `_$!<WorkFAX>!$_`): it was listed among the person's phones."""
    records, _ = read("fax_given_only_by_its_label.vcf")
    assert {r.full_name: r.phones for r in records} == {"John Doe": ("+491701234567",), "Jane Roe": ("+491717654321",)}


def test_quoted_printable_utf8_without_a_charset_reads_as_utf8() -> None:
    """The Bat! and other vCard 2.1 writers encode UTF-8 in quoted-printable without CHARSET=
    ('M=C3=BCller'): the name must read Müller, not 'MÃ¼ller'. Windows-1252 in quoted-printable ('M=FCller', not
    UTF-8) still reads Müller by the file's charset."""
    records, problems = read("quoted_printable_utf8_without_charset.vcf")
    assert problems == []
    assert [(r.full_name, r.given_name, r.family_name, r.organization) for r in records] == [
        ("Jürgen Müller", "Jürgen", "Müller", "Bäckerei Müller"), ("Anna Müller", "Anna", "Müller", None)]
    assert (records[1].address, records[1].city) == ("Königstraße 1", "Stuttgart")
    assert all(not codes(r) for r in records)


def test_a_mac_address_book_person_filed_under_the_company_is_named_as_the_person() -> None:
    """Old Mac Address Book cards of a person filed under the company write the company as FN ('N:Weber;Anna',
    'FN:Muster GmbH', 'ORG:Muster GmbH', no X-ABShowAs:COMPANY): the contact was named 'Muster GmbH'. FN equal to
    ORG (ignoring case and spaces) names the person from N, the organisation kept; a card with an empty N stays the
    company's, and so does one whose N holds a word of the company's name (N:KMS;WSF for 'KMS Außenstelle': the
    company's name split into N, not a person)."""
    records, problems = read("mac_address_book_person_filed_under_the_company.vcf")
    assert problems == []
    assert [(r.full_name, r.given_name, r.family_name, r.organization, r.department) for r in records] == [
        ("Anna Weber", "Anna", "Weber", "Muster GmbH", None), ("Jonas Brandt", "Jonas", "Brandt", "Muster GmbH", "Vertrieb"),
        ("Stadtwerke Ulm", None, None, "Stadtwerke Ulm", None), ("KMS Außenstelle", "WSF", "KMS", "KMS Außenstelle", None)]
    assert [r.name_key for r in records][:2] == ["anna weber", "jonas brandt"]


def test_an_empty_address_title_or_organisation_does_not_hide_the_filled_one() -> None:
    """Funambol (MediaTek phones), SOGo, Symbian and XING write every field, empty ones too: 'ADR:;;;;;;' and
    'ADR;HOME:;;;;;;' came before the work address in Paris, so the address was lost and the Paris numbers became
    German ones; an empty 'TITLE:' and 'ORG:;' hid the title and organisation written after them."""
    records, problems = read("empty_address_title_and_organisation_before_the_filled_ones.vcf")
    assert problems == []
    jean, anna = records
    assert (jean.address, jean.city, jean.postal_code, jean.country) == ("12 rue de la Paix", "Paris", "75002",
                                                                         "France")
    assert jean.phones == ("+33612345678", "+33142000000")
    assert (jean.organization, jean.emails) == ("Exemple SARL", ("jean.dupont@example.fr",))
    assert (anna.address, anna.city, anna.country, anna.phones) == ("Avenue Louise 54", "Bruxelles", "Belgique",
                                                                    ("+3225123456",))
    assert (anna.title, anna.organization, anna.department) == ("Leiterin Einkauf", "Muster GmbH", "Einkauf")
    assert anna.hierarchy_level == "head"


def test_a_label_written_with_a_comma_before_its_type_is_not_glued_onto_the_address() -> None:
    """tine20's test card writes 'LABEL,TYPE=HOME:Klippe 58' (',' for ';') and the label's second line raw below
    it: both were read as lines of the ADR before them, so the postal code became '21255 LABEL,TYPE=HOME:Klippe 58
    21255 Bad Vilbel'."""
    records, problems = read("label_written_with_a_comma_before_its_type.vcf")
    assert problems == []
    (falk,) = records
    assert (falk.full_name, falk.address, falk.city, falk.postal_code) == ("Falk München", "Klippe 58", "Bad Vilbel",
                                                                           "21255")
    assert falk.title == "Landtagsabgeordneter" and falk.emails == ("falk.muenchoen@landtag.xyz.de",)


def test_lines_of_a_note_written_with_raw_line_breaks_stay_in_the_note() -> None:
    """Delta Chat (before 2026-03) and vcard2to3 (before 2019) wrote a note's line breaks raw: its lines
    'Tel: 0761 1234567', 'Email: praxis-weber@example.de' and 'Title: Sekretariat' became the person's own phone,
    e-mail address and title, and were missing from the note."""
    records, problems = read("raw_line_breaks_in_a_note.vcf")
    assert problems == []
    anna, muster = records
    assert (anna.emails, anna.phones) == (("anna@chat.example.org",), ())
    assert anna.notes == "Hausärztin in Freiburg\nPraxis Dr. Weber\nTel: 0761 1234567\nEmail: praxis-weber@example.de"
    assert (muster.emails, muster.phones, muster.title) == (("anna.muster@muster.ch", "anna@muster.example"),
                                                            ("+41791234567",), None)
    assert muster.notes == "Assistentin:\nEmail: petra.huber@muster.ch\nTel: 044 123 45 99\nTitle: Sekretariat"


def test_a_photo_link_written_with_an_escaped_colon_is_a_link_not_an_unreadable_photo() -> None:
    """l0b0/vcard's test card of a Norwegian shop writes its photo as 'PHOTO;VALUE=uri:http\\://…' (the colon
    escaped, as some exporters do in every value): the import said 'the photo cannot be read; left out' where a
    photo link is left out without a word, as every other link is."""
    records, problems = read("photo_and_logo_links_with_an_escaped_colon.vcf")
    assert problems == []
    shop, anna = records
    assert (shop.photo, anna.photo) == (None, None)
    assert [w.code for w in (*shop.warnings, *anna.warnings)] == []
    assert shop.urls == ("http://sykkel.example.no/",) and shop.phones == ("+4733187500",)


def test_an_address_written_whole_into_one_field_gives_its_town_and_country() -> None:
    """Horde's address book keeps an address in one field and exports it whole into ADR's street
    ('Schönestr. 15\\n33604 Bielefeld'), as a LABEL holds it: the city and postal code stayed empty, and a card
    whose country stood only there had its Roman and Parisian numbers read as German ones ('06 4782 1234' became
    +49 6478 21234). Lines that are no town line stay as written."""
    records, problems = read("address_written_whole_in_the_street_field.vcf")
    assert problems == []
    jan, mario, jean, test, lena, ken = records
    assert (jan.address, jan.postal_code, jan.city, jan.phones) == ("Schönestr. 15", "33604", "Bielefeld",
                                                                    ("+49521555123",))
    assert (mario.address, mario.postal_code, mario.city, mario.country) == ("Via Roma 1", "00184", "Roma", "Italia")
    assert mario.phones == ("+390647821234",)
    assert (jean.address, jean.city, jean.country, jean.phones) == ("12 rue de la Paix", "Paris", "France",
                                                                   ("+33142685300",))
    assert (test.address, test.city, test.region, test.postal_code) == ("123 Main St", "Smallville", "NJ", "08111")
    assert (lena.address, lena.city) == ("c/o Muster GmbH\nHauptstr. 1", None)
    assert (ken.address, ken.city, ken.postal_code) == ("Google\n1600 Amphitheatre Parkway", None, None)


def test_an_evolution_contact_list_is_not_imported_as_a_person(con: netzdb.Connection) -> None:
    """Evolution exports a contact list as a card marked X-EVOLUTION-LIST:TRUE whose EMAIL lines are its members'
    addresses (GNOME Evolution's own export test): 'Projektteam' was imported as a person holding Anna's and Karl's
    mailboxes, so Anna's own card was merged into the list."""
    data = (FIXTURES / "evolution_contact_list_of_mailboxes.vcf").read_bytes()
    plan = plan_import(con, [ImportFile("evolution.vcf", data)], parallel=False)
    assert [r.full_name for r in plan.records] == ["Anna Weber"]
    lines = report_lines(plan.preview(), "en")
    assert "Read 3: 1 new, 0 merged, 0 unchanged, 2 not imported." in lines
    assert ("  evolution.vcf, card 1: a contact list ('Projektteam') for sending e-mail, not a person; its addresses "
            "are left out" in lines)
    german = report_lines(plan.preview(), "de")
    assert any("eine Verteilerliste („Stammtisch“) für E-Mails, keine Person" in line for line in german)


def test_an_open_xchange_distribution_list_is_not_imported_as_a_person(con: netzdb.Connection) -> None:
    """Open-Xchange (OX6, and App Suite's older exports at mailbox.org, IONOS and Strato) writes a distribution
    list as a card marked X-OPEN-XCHANGE-CTYPE:dlist whose EMAIL lines are its members' (the server's own import
    test): 'Projekt Nordhafen' became a person holding three people's mailboxes, and Otto's and Horst's own cards
    were offered as its duplicates. The current export (KIND:group with MEMBER lines) was already left out."""
    data = (FIXTURES / "open_xchange_distribution_list_marked_ctype_dlist.vcf").read_bytes()
    plan = plan_import(con, [ImportFile("ox.vcf", data)], parallel=False)
    assert sorted(r.full_name for r in plan.records) == ["Horst Lindner", "Otto Kraus"]
    assert [(p.position, p.code) for p in plan.not_imported] == [(1, "mail_list_card"), (4, "group_card")]
    report = apply_import(con, plan)
    assert (report.created, report.merged, len(report.possible_duplicates)) == (2, 0, 0)


def test_tuta_s_one_address_field_and_its_birthday_without_a_year(con: netzdb.Connection) -> None:
    """Tuta keeps an address as one text and its vCard export writes it whole into ADR's first part, lines as
    '\\n' ('ADR;TYPE=work:Hafenstraße 12\\n20457 Hamburg\\nDeutschland'), and a birthday without a year as
    '1111-06-12' (tutanota's VCardExporter). The address became one line without city or country, so Vienna's
    mobile '0664 1234567' got +49, and the birthday was left out as no date. One typed on one line
    ('Seestrasse 8, 8002 Zürich, Schweiz') gave Zürich's '044 123 45 67' +49 too."""
    records, problems = read("tuta_address_in_one_field_and_birthday_year_1111.vcf")
    assert problems == []
    anna, lukas, claudia, juergen = records
    assert (anna.address, anna.postal_code, anna.city, anna.country) == ("Hafenstraße 12", "20457", "Hamburg",
                                                                         "Deutschland")
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 6, 12)
    assert codes(anna) == []
    assert (lukas.address, lukas.postal_code, lukas.city, lukas.country) == ("Mariahilfer Straße 45", "1060", "Wien",
                                                                             "Österreich")
    assert lukas.phones == ("+436641234567", "+4312345678")
    assert (juergen.birthday_year, juergen.phones) == (1958, ("+49301234567",))
    # the same field written on one line, its parts apart by commas
    assert (claudia.address, claudia.postal_code, claudia.city, claudia.country) == ("Seestrasse 8", "8002", "Zürich",
                                                                                     "Schweiz")
    assert claudia.phones == ("+41441234567",)


def test_an_assistant_s_line_typed_x_assistant_is_not_the_person_s(con: netzdb.Connection) -> None:
    """Open-Xchange App Suite (mailbox.org, IONOS, Strato) exports the assistant's number of a contact as
    'TEL;TYPE=x-assistant' (its TelephoneMapping), Evolution as 'X-EVOLUTION-ASSISTANT': it became Anna's own
    phone, and the assistant's card (Petra Lange, same number) was offered as Anna's duplicate. The address-book
    CSVs never took an assistant's number either."""
    records, problems = read("open_xchange_assistant_line_typed_x_assistant.vcf")
    anna, petra = records
    assert "+494012345670" not in anna.phones
    assert anna.phones == ("+491712345678", "+491729999999", "+494012345671", "+49401234560", "+494012345678")
    plan = plan_import(con, [ImportFile("ox.vcf", (FIXTURES / "open_xchange_assistant_line_typed_x_assistant.vcf")
                                        .read_bytes())], parallel=False)
    report = apply_import(con, plan)
    assert (report.created, report.merged, len(report.possible_duplicates)) == (2, 0, 0)


def test_a_whatsapp_number_written_nationally_takes_its_country_from_waid() -> None:
    """WhatsApp shares a contact as a card whose TEL carries the number in international form as 'waid=…', the
    value as the sender stored it: an Austrian mobile written '0664 1234567' was kept as written (no key to find
    Lukas again), and a bot's card gave only the chat address '6282252285143@s.whatsapp.net'. A waid that is not
    the written number is not taken."""
    records, problems = read("whatsapp_numbers_with_their_waid.vcf")
    assert problems == []
    lukas, rina, anna, tom = records
    assert (lukas.phones, codes(lukas)) == (("+436641234567",), [])
    assert rina.phones == ("+6282252285143",)
    assert anna.phones == ("+491701234567", "+49731123456")
    assert tom.phones == ("+491719876543",)


def test_an_apple_address_whose_country_is_only_its_x_abadr_reads_the_numbers_there() -> None:
    """iOS and macOS write the country an address is formatted for as `itemN.X-ABADR:fr` beside the address; a
    card whose address leaves the country field empty gave French and Austrian mobiles written nationally the
    home region's +49. The country the address names itself comes first."""
    records, problems = read("apple_address_country_only_as_x_abadr.vcf")
    assert problems == []
    camille, andrea, anna = records
    assert (camille.phones, camille.city, camille.country) == (("+33612345678",), "Lyon", "FR")
    assert (andrea.phones, andrea.city, andrea.country) == (("+436641234567",), "Wien", "AT")
    assert (anna.phones, anna.country) == (("+491715556677",), "Deutschland")


def test_a_scanned_business_card_keeps_its_numbers_without_their_printed_labels() -> None:
    """Business-card scanners (CamCard, ABBYY) copy what is printed: `Tel. 0 62 21 / 12 34 5-0`, `Mobil 0171 / …`,
    `T +41 44 …`, `M: +41 79 …`. Such numbers were kept as written, with a note, and never found the person again;
    the label before the number is left out now, and letters in a number (`1-800-800-LENS`) still keep it as
    written."""
    records, problems = read("business_card_scanner_labels_before_numbers_and_postal_code_in_the_city.vcf")
    assert problems == []
    thomas, claudia, larry = records
    assert (thomas.phones, codes(thomas)) == (("+496221123450", "+491712345678"), [])
    assert claudia.phones == ("+41441234567", "+41791234567")
    assert larry.phones == ("1-800-800-LENS",)


def test_a_scanned_business_card_with_the_postal_code_in_the_city_field() -> None:
    """A scanner writes the printed town line into the city (`ADR:;;Hauptstr. 5;69117 Heidelberg;;;`): the city
    showed as *69117 Heidelberg* without a postal code. A town line in an empty postal code's place is split."""
    records, _ = read("business_card_scanner_labels_before_numbers_and_postal_code_in_the_city.vcf")
    thomas, claudia, larry = records
    assert (thomas.address, thomas.city, thomas.postal_code) == ("Hauptstr. 5", "Heidelberg", "69117")
    assert (claudia.city, claudia.postal_code, claudia.country) == ("Zürich", "8008", "Schweiz")
    assert (larry.city, larry.postal_code) == ("Heidelberg", "69117")


def test_a_samsung_number_labelled_fax_by_the_user_is_no_phone() -> None:
    """Samsung's export writes a label the user typed as `TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Fax
    Büro)`, the label quoted-printable when it is not ASCII: such fax numbers were phones, while a number labelled
    fax on an iPhone (`item1.X-ABLabel:Fax`) or in a CSV is not."""
    records, problems = read("samsung_fax_numbers_with_their_own_labels.vcf")
    assert problems == []
    sabine, max_berger = records
    assert sabine.phones == ("+4915222233344", "+497112223344")
    assert max_berger.phones == ("+436647654321",)


def test_a_whole_name_only_in_fn_keeps_its_particles_with_the_family_name() -> None:
    """A card with only `FN` (a vCard 4 generator's, a signature's or a QR code's card) was split at its last
    space: *Maria van der* / *Berg*, *Friedrich Graf von* / *Bernstorff*, so she was filed under B and not found as
    van der Berg; a list's whole name was already read with its particles."""
    records, problems = read("whole_name_only_in_fn_with_particles.vcf")
    assert problems == []
    assert [(r.given_name, r.family_name) for r in records] == [
        ("Maria", "van der Berg"), ("Karl-Theodor", "zu Guttenberg"), ("Friedrich", "Graf von Bernstorff"),
        ("Jan", "de Vries"), ("Anna", "Weber")]
    assert records[1].honorific_prefix == "Dr."


def test_whole_names_with_austrian_german_and_swiss_titles_give_given_and_family_name() -> None:
    """A card with only `FN` as Austrian, German and Swiss professionals write their names: `DI`, `KR`, `HR`,
    `OStR`, `PD` and `RA` in capitals, the feminine `Mag.a` and `Dr.in`, `ao. Univ.-Prof.`, `Mag. rer. soc. oec.`,
    Swiss `eidg. dipl.` and `dipl. Ing. ETH`, and `MA` or `MAS` after the name were read as part of the given or
    family name (*DI Dr. Anna Maria* / *Weber*, *Julia Fuchs* / *MA*), so the person was filed under the degree and
    not found as Anna Weber. `Di Sha` and `Jack MA` keep their names."""
    records, problems = read("whole_names_with_austrian_german_and_swiss_titles.vcf")
    assert problems == []
    assert [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in records] == [
        ("DI Dr.", "Anna Maria", "Weber", "MSc"), ("DI", "Stefan", "Wagner", None), ("Mag.a", "Bianca", "Maly", None),
        ("Dr.in", "Eva", "Berger", None), ("ao. Univ.-Prof. Dr.", "Karl", "Steiner", None),
        ("KR Ing.", "Hans", "Moser", None), ("HR Dr.", "Franz", "Huber", None), ("OStR Mag.", "Gerda", "Lang", None),
        ("Mag. rer. soc. oec.", "Lisa", "Hofer", None), ("PD Dr.", "Jens", "Koch", None),
        ("RA Dr.", "Petra", "Schulz", None), ("eidg. dipl.", "Urs", "Keller", None),
        (None, "Reto", "Brunner", "dipl. Ing. ETH"), (None, "Julia", "Fuchs", "MA"), (None, "Martin", "Bauer", "MAS"),
        (None, "Di", "Sha", None), (None, "Jack", "MA", None)]
    assert records[0].name_key == "anna maria weber"
    assert records[0].full_name == "DI Dr. Anna Maria Weber MSc"          # shown as written


def test_placeholder_values_are_no_values() -> None:
    """What an exporter writes where it has no value: a card's `TITLE:null` showed *null* as the job title, and
    `undefined`, `N/A`, `k.A.`, `keine` and `—` stood as middle name, suffix, nickname, department, street, region,
    country and note. Christopher Null keeps his family name."""
    records, problems = read("placeholder_values_null_undefined_and_n_a.vcf")
    assert problems == []
    fields = ("additional_names", "honorific_suffix", "nickname", "title", "department", "address", "region",
              "country", "notes", "hierarchy_level")
    assert [[getattr(r, f) for f in fields] for r in records] == [
        [None] * 10, [None, None, None, None, None, "Ring 1", None, None, None, None],
        [None, None, None, None, None, None, None, "Österreich", None, None], [None] * 10]
    assert [(r.given_name, r.family_name, r.city, r.organization) for r in records] == [
        ("Karl", "Huber", "Wien", None), ("Gerda", "Lang", "Graz", "Muster GmbH"), ("Hans", "Moser", "Linz", "Moser AG"),
        ("Christopher", "Null", None, None)]


def test_a_title_as_the_given_name_or_only_in_the_formatted_name_is_the_prefix() -> None:
    """WhatsApp shares `N:Silva;Dr.;;;` (a test of a WhatsApp bridge), an educational platform writes
    `N:Schmidt;Dr. Maria;;;`, a signature generator `N:Weber;Anna;;;` beside `FN:Dr. Anna Weber`: Dr. Silva had the
    given name *Dr.* and was greeted "Hallo Dr.", and Dr. Anna Weber's title was lost for the salutation. A card that
    is nothing but `Dr.` keeps it as its name."""
    records, problems = read("title_only_as_the_given_name_or_in_the_formatted_name.vcf")
    assert problems == []
    assert [(r.honorific_prefix, r.given_name, r.family_name, r.honorific_suffix) for r in records] == [
        ("Dr.", None, "Silva", None), ("Dr.", "Maria", "Schmidt", None), ("Dr.", "Anna", "Weber", None),
        ("Mag.a", "Julia", "Fuchs", "MA"), (None, "Peter", "Lang", None), (None, "Dr.", None, None)]

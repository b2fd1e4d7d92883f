"""Address books saved as CSV: Google Contacts (current and older layout), Outlook (English, German, French,
Spanish, Italian and Dutch headers), Windows Live Mail and the Windows Address Book, Thunderbird (English and
German), Yahoo and Open-Xchange App Suite (mailbox.org, IONOS, Strato), each recognised by its header; any other
list of people by its column names (`LIST`). Never guessed from the data.

`recognise_csv` looks at the start of a file and says which of these (or LinkedIn's Connections.csv) it is, or
why it is refused: a LinkedIn file without its header line or saved with ';', or a CSV whose columns are none of
the known ones (the refusal lists the columns that were expected). Separators ',', ';' and tab, and every encoding
the other readers know (UTF-8 with or without BOM, UTF-16, Windows-1252, Shift_JIS ...) are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from netzcore.exporters.csv import unquote_formula
from netzcore.hierarchy import hierarchy_level
from netzcore.identity import generation_of
from netzcore.importers.csvfile import Beyond, body_rows, column_key, head_text, header_cells, text_encoding
from netzcore.importers.linkedin import GERMAN_MARKER, is_linkedin_header
from netzcore.importers.normalize import (
    GOOGLE_GROUPS,
    MAX_EMAIL,
    MAX_NAME,
    MAX_NOTE,
    MAX_ORGANIZATION,
    MAX_VALUE,
    BadBirthday,
    canonical_linkedin,
    canonical_xing,
    cap,
    card_emails,
    card_phones,
    contact_point_notes,
    courtesy_of_gender,
    filed_name_as_spoken,
    finish_record,
    is_no_value,
    name_from_parts,
    normalize_email,
    one_line,
    parse_birthday,
    parse_date,
    read_printed_address,
    slash_order,
    split_prefix,
    split_suffix,
    strip_controls,
    whole_name_parts,
)
from netzcore.importers.records import ContactRecord, Problem, own_level, own_tier
from netzcore.interactions import clean_topics
from netzcore.organizations import org_tokens, strip_legal_forms

KINDS = ("linkedin", "google", "outlook", "thunderbird", "yahoo", "openxchange", "netz", "list")


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """What a CSV file is: its kind, how to read it, or why it is refused (`refusal`, a reason code)."""

    kind: str                 # 'linkedin' | 'google' | 'outlook' | 'thunderbird' | '' (refused)
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1      # the physical line of the header (1-based)
    refusal: str = ""         # 'linkedin_no_header' | 'linkedin_delimiter' | 'unknown_csv'
    detail: str = ""
    columns: tuple[str, ...] = ()   # the header as written (for the report)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where an address book keeps each field: candidate column keys (as `column_key` gives them: case folded, so
    'Straße' is 'strasse'), the first present wins."""

    kind: str
    recognise: Callable[[set[str]], bool]
    names: dict[str, tuple[str, ...]]                    # record field -> columns
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    numbered: tuple[tuple[str, str, str], ...] = ()      # (field, column prefix, column suffix): Google's 'E-mail 2 - Value'
    addresses: tuple[tuple[str, ...], ...] = ()          # (street, street 2, city, region, postal code, country)
    birthday: tuple[str, ...] = ()                       # one date column, or year, month, day columns
    slash: str = "mdy"                                   # how '3/4/1985' is read
    tag_separator: str = ";"
    skipped_tags: frozenset[str] = field(default_factory=frozenset)
    value_separator: str = ":::"                         # several values in one cell (Google's ' ::: ')
    birthday_parts: bool = False                         # the birthday columns are year, month, day
    unquote_formulas: bool = False                       # a cell written as "'+49 …" to keep spreadsheets calm
    value_separators: re.Pattern[str] | None = None      # instead of value_separator: any of several (a list's)
    phone_columns: re.Pattern[str] | None = None         # more phone columns, by what their header says (a list's)
    split_whole_names: bool = True                       # a row with only a whole name gets its parts read from it
    house_number: tuple[str, ...] = ()                   # the street's number in a column of its own (a list's)
    area_code: tuple[str, ...] = ()                      # the area code in a column of its own (a list's)

    def values(self, text: str) -> list[str]:
        """A cell of several values, each stripped, the empty ones left out."""
        if self.value_separators and _SHORTENED_NUMBER.fullmatch(text.strip()):
            return [text.strip()]      # '4,91712E+11' is one (lost) number, not '4' and '91712E+11'
        parts = self.value_separators.split(text) if self.value_separators else text.split(self.value_separator)
        return [part.strip() for part in parts if part.strip()]


def _has(*columns: str) -> Callable[[set[str]], bool]:
    return lambda keys: set(columns) <= keys


def _google(keys: set[str]) -> bool:
    numbered = any(re.fullmatch(r"(?:e-mail|phone|website) \d+ - value", k) for k in keys)
    # not 'Organization Name' alone: vtiger's and other CRMs' lists write it beside their own phone columns
    current = {"first name", "last name"} <= keys and (numbered or bool(keys & {"file as", "organization title",
                                                                                 "phonetic first name"}))
    older = {"given name", "family name"} <= keys and (numbered or bool(keys & {"name", "group membership"}))
    return current or older


def _outlook(keys: set[str]) -> bool:
    if keys - {""} <= set(OUTLOOK.emails) and keys & {"e-mail address", "e-mail-adresse", "adresse de messagerie"}:
        return True      # nothing but Outlook's e-mail columns: a list of addresses
    english = {"first name", "last name"} <= keys and bool(keys & {
        "e-mail address", "business phone", "mobile phone", "job title", "e-mail display name", "home phone"})
    german = {"vorname", "nachname"} <= keys and bool(keys & {
        "e-mail-adresse", "telefon geschäftlich", "mobiltelefon", "firma", "anrede", "e-mail: angezeigter name"})
    french = {"prénom", "nom"} <= keys and bool(keys & {
        "adresse de messagerie", "téléphone (bureau)", "tél. mobile", "société", "nom complet de l'adresse de messagerie"})
    # a Spanish Outlook: half its headers Spanish, half English ('E-mail Address', 'Mobile Phone', 'Birthday'), as
    # Exchange's import of Outlook CSV files lists them
    spanish = {"nombre", "apellidos"} <= keys and bool(keys & {
        "dirección de correo electrónico 2", "teléfono del trabajo", "particular", "organización", "puesto",
        "calle del trabajo", "nombre de pantalla de correo electrónico"})
    italian = {"nome", "cognome"} <= keys and bool(keys & {
        "indirizzo posta elettronica", "ufficio", "cellulare", "abitazione", "società", "posizione", "via (uff.)",
        "nome visualizzato posta elettronica"})
    dutch = {"voornaam", "achternaam"} <= keys and bool(keys & {
        "e-mailadres", "telefoon op werk", "mobiele telefoon", "bedrijf", "functie", "werkadres, straat",
        "weergavenaam voor e-mail"})
    # the Windows Address Book's (Outlook Express, Windows Contacts) default export: 'Name' and no first or last name
    windows = {"name", "e-mail address"} <= keys and bool(keys & {"home street", "business street", "home phone",
                                                                 "business phone", "company", "job title"})
    return english or german or french or spanish or italian or dutch or windows


def _thunderbird(keys: set[str]) -> bool:
    english = "primary email" in keys and bool(keys & {"first name", "last name", "display name"})
    german = "primäre e-mail-adresse" in keys and bool(keys & {"vorname", "nachname", "anzeigename"})
    addresses = keys - {""} <= set(THUNDERBIRD.emails) and bool(keys & {"primary email", "primäre e-mail-adresse"})
    return english or german or addresses  # the last: nothing but e-mail columns, a list of addresses


GOOGLE = Layout(
    "google", _google,
    names={"full_name": ("name",), "given_name": ("first name", "given name"),
           "additional_names": ("middle name", "additional name"), "family_name": ("last name", "family name"),
           "honorific_prefix": ("name prefix",), "honorific_suffix": ("name suffix",), "nickname": ("nickname",),
           "organization": ("organization name", "organization 1 - name"),
           "department": ("organization department", "organization 1 - department"),
           "title": ("organization title", "organization 1 - title"), "notes": ("notes",),
           "tags": ("labels", "group membership"), "sort_name": ("file as",)},
    numbered=(("emails", "e-mail ", " - value"), ("phones", "phone ", " - value"), ("urls", "website ", " - value")),
    # 'Formatted' alone (some exports write nothing else): the whole address as written, in the street's place
    addresses=(("address 1 - street", "address 1 - extended address", "address 1 - city", "address 1 - region",
                "address 1 - postal code", "address 1 - country"), ("address 1 - formatted", "", "", "", "", "")),
    birthday=("birthday",), slash="mdy", tag_separator=":::",
    skipped_tags=GOOGLE_GROUPS,
)
# French Outlook: 'Titre' twice, the courtesy title then the job title (see `_row_cells`); a lone 'Titre' could be
# either and is left alone.
OUTLOOK = Layout(
    "outlook", _outlook,
    # 'Name': the display name of the Windows Address Book's and Windows Live Mail's exports, for a contact without
    # a first or last name (one saved from an e-mail)
    names={"given_name": ("first name", "vorname", "prénom", "nombre", "nome", "voornaam"),
           "display_name": ("name", "display name"),
           "additional_names": ("middle name", "weitere vornamen", "2. vorname", "deuxième prénom",
                                "segundo nombre", "secondo nome", "middelste naam"),
           "family_name": ("last name", "nachname", "nom", "apellidos", "cognome", "achternaam"),
           "honorific_prefix": ("title", "anrede", "titre#1", "titolo"),
           # Dutch Outlook's 'Titel' is the courtesy title ('Dhr.'); a German list in Outlook's words has it beside
           # 'Anrede' ('Herr', 'Dr.'): the two make one prefix
           "academic_title": ("titel",),
           "honorific_suffix": ("suffix", "suffixe", "titolo straniero", "achtervoegsel"),
           "gender": ("gender", "geschlecht", "sexe", "sexo", "sesso", "geslacht"),
           "nickname": ("nickname", "spitzname", "rufname", "surnom"),
           "organization": ("company", "firma", "société", "organización", "società", "bedrijf"),
           "department": ("department", "abteilung", "service", "reparto", "afdeling"),
           "title": ("job title", "position", "titre#2", "puesto", "posizione", "functie"),
           "notes": ("notes", "notizen", "kommentare", "notities"),
           "tags": ("categories", "kategorien", "catégories", "categorías", "categorie", "categorieën")},
    emails=("e-mail address", "e-mail 2 address", "e-mail 3 address", "e-mail-adresse", "e-mail 2: adresse",
            "e-mail 3: adresse", "adresse de messagerie", "adresse de messagerie 2", "adresse de messagerie 3",
            "dirección de correo electrónico 2", "dirección del correo electrónico 3",
            "indirizzo posta elettronica", "indirizzo posta elettronica 2", "indirizzo posta elettronica 3",
            "e-mailadres", "e-mailadres 2", "e-mailadres 3"),
    phones=("mobile phone", "mobile phone 2", "business phone", "business phone 2", "primary phone", "home phone",
            "home phone 2", "company main phone", "other phone", "home mobile", "work phone", "mobiltelefon",
            "mobiltelefon 2", "mobilfunktelefon", "telefon geschäftlich", "telefon geschäftlich 2", "haupttelefon", "telefon privat",
            "telefon privat 2", "telefon (privat)", "telefon (privat 2)", "telefon firma", "weiteres telefon",
            "rufnummer (geschäftlich)", "rufnummer (privat)",
            "tél. mobile", "téléphone (bureau)", "téléphone 2 (bureau)", "téléphone principal",
            "téléphone (domicile)", "téléphone 2 (domicile)", "téléphone société", "téléphone (autre)",
            # Spanish: 'Particular' is the home phone
            "teléfono del trabajo", "particular", "teléfono principal", "otro teléfono",
            "número de centralita de la organización",
            # Italian: 'Ufficio' and 'Abitazione' are the business and home phones ('Telefono assistente' is not hers)
            "cellulare", "ufficio", "ufficio 2", "abitazione", "abitazione 2", "telefono principale",
            "telefono principale società", "altro telefono",
            "mobiele telefoon", "telefoon op werk", "telefoon op werk 2", "telefoon thuis", "telefoon thuis 2",
            "hoofdtelefoon", "hoofdtelefoon bedrijf", "andere telefoon"),
    urls=("web page", "personal web page", "webseite", "web-seite", "page web", "página web", "pagina web",
          "webpagina"),
    # Outlook 97-2003, Hotmail/Outlook.com, Google's 'Outlook CSV' and LinkedIn's old export write 'Business
    # Country' and 'Home Country', Outlook 2007 and later '… Country/Region'
    addresses=(("business street", "business street 2+business street 3", "business city|work city",
                "business state|work state", "business postal code|work zip",
                "business country/region|business country|work country"),
               ("via (uff.)", "via (uff.) 2+via (uff.) 3", "città (uff.)", "provincia (uff.)", "cap (uff.)",
                "paese (uff.)"),
               ("via (ab.)", "via (ab.) 2+via (ab.) 3", "città (ab.)", "provincia (ab.)", "cap (ab.)", "paese (ab.)"),
               ("werkadres, straat", "werkadres 2, straat+werkadres 3, straat", "werkadres, plaats",
                "werkadres, provincie", "werkadres, postcode", "land/regio (werk)"),
               ("huisadres, straat", "huisadres, straat 2+huisadres, straat 3", "huisadres, plaats",
                "huisadres, provincie", "huisadres, postcode", "land/regio (thuis)"),
               # Spanish: the business address in Spanish, the home address in English
               ("calle del trabajo", "calle del trabajo 2+calle del trabajo 3", "ciudad de trabajo",
                "provincia o estado de trabajo", "código postal del trabajo", "país o región del trabajo"),
               ("home street", "home street 2+home street 3", "home city", "home state", "home postal code|home zip",
                "home country/region|home country|país o región del domicilio"),    # Spanish: its country alone
               ("strasse geschäftlich", "strasse geschäftlich 2+strasse geschäftlich 3", "ort geschäftlich",
                "region geschäftlich", "postleitzahl geschäftlich", "land/region geschäftlich|land geschäftlich"),
               # Outlook 2003 and WEB.DE write 'Land …' and 'Region privat'; GMX's old export 'Staat privat'
               ("strasse privat", "strasse privat 2+strasse privat 3", "ort privat",
                "bundesland/kanton privat|region privat", "postleitzahl privat",
                "land/region privat|land privat|staat privat"),
               # the German Windows Address Book (Outlook Express, Windows Contacts): 'Straße (geschäftlich)'
               ("strasse (geschäftlich)", "", "ort (geschäftlich)", "bundesland (geschäftlich)",
                "postleitzahl (geschäftlich)", "land/region (geschäftlich)"),
               ("strasse (privat)", "", "ort (privat)", "bundesland (privat)", "postleitzahl (privat)",
                "land/region (privat)"),
               ("rue (bureau)", "rue (bureau) 2+rue (bureau) 3", "ville (bureau)", "dép/région (bureau)",
                "code postal (bureau)", "pays/région (bureau)|pays (bureau)"),
               ("rue (domicile)", "rue (domicile) 2+rue (domicile) 3", "ville (domicile)", "dép/région (domicile)",
                "code postal (domicile)", "pays/région (domicile)|pays (domicile)"),
               # the third address ('Other', 'Weitere', 'Autre'), taken when there is no business or home address
               ("other street", "other street 2+other street 3", "other city", "other state", "other postal code",
                "other country/region|other country"),
               ("weitere strasse", "weitere strasse 2+weitere strasse 3", "weiterer ort",
                "weiteres/r bundesland/kanton|weitere region", "weitere postleitzahl",
                "weiteres/e land/region|weiteres land"),    # Outlook 2003 and WEB.DE: 'Weitere Region', 'Weiteres Land'
               ("rue (autre)", "rue (autre) 2+rue (autre) 3", "ville (autre)", "dép/région (autre)",
                "code postal (autre)", "pays/région (autre)|pays (autre)"),
               ("ander adres, straat", "ander adres, straat 2+ander adres, straat 3", "ander adres, plaats",
                "ander adres, provincie", "ander adres, postcode", "land/regio (anders)"),
               ("altra via", "altra via 2+altra via 3", "altra città", "altra provincia", "altro cap", "altro paese"),
               ("otra calle", "otra calle 2+otra calle 3", "otra ciudad", "otra provincia o estado",
                "otro código postal", "otro país o región")),
    birthday=("birthday", "geburtstag", "anniversaire", "compleanno", "verjaardag"), slash="mdy", tag_separator=";",
    skipped_tags=GOOGLE_GROUPS,
)
THUNDERBIRD = Layout(
    "thunderbird", _thunderbird,
    names={"full_name": ("display name", "anzeigename"), "given_name": ("first name", "vorname"),
           "family_name": ("last name", "nachname"), "nickname": ("nickname", "spitzname"),
           "organization": ("organization", "organisation"), "department": ("department", "abteilung"),
           "title": ("job title", "arbeitstitel"), "notes": ("notes", "notizen")},
    emails=("primary email", "secondary email", "primäre e-mail-adresse", "sekundäre e-mail-adresse"),
    phones=("mobile number", "work phone", "home phone", "mobil-tel.-nr.", "tel. dienstlich", "tel. privat"),
    urls=("web page 1", "web page 2", "webseite 1", "webseite 2"),
    addresses=(("work address", "work address 2", "work city", "work state", "work zipcode", "work country"),
               ("home address", "home address 2", "home city", "home state", "home zipcode", "home country"),
               ("dienstlich: adresse", "dienstlich: adresse 2", "dienstlich: ort", "dienstlich: bundesland",
                "dienstlich: plz", "dienstlich: land"),
               ("privat: adresse", "privat: adresse 2", "privat: ort", "privat: bundesland", "privat: plz",
                "privat: land")),
    birthday=("birth year", "birth month", "birth day", "geburtsjahr", "geburtsmonat", "geburtstag"),
    birthday_parts=True,
)
# Open-Xchange App Suite's CSV export (mailbox.org, IONOS, Strato and other providers): the server writes its own
# column titles (CSVLibrary's READABLE_TITLES, in English whatever the user's language), every cell quoted, dates
# as '1978-03-14'. A distribution list is a row of its own, its members in 'Distribution list' (`_record`).
OPEN_XCHANGE = Layout(
    "openxchange", _has("display name", "given name", "sur name", "email 1", "telephone business 1"),
    names={"given_name": ("given name",), "additional_names": ("middle name",), "family_name": ("sur name",),
           "display_name": ("display name",), "honorific_prefix": ("title",), "honorific_suffix": ("suffix",),
           "nickname": ("nickname",), "organization": ("company",), "department": ("department",),
           "title": ("position", "profession"), "notes": ("note",), "tags": ("categories",),
           "distribution_list": ("distribution list",)},
    emails=("email 1", "email 2", "email 3"),
    # not the fax, pager, car, callback, radio, telex and TTY lines, nor 'Telephone assistant'
    phones=("cellular telephone 1", "cellular telephone 2", "telephone business 1", "telephone business 2",
            "telephone home 1", "telephone home 2", "telephone primary", "telephone company", "telephone other",
            "telephone isdn", "telephone ip"),
    urls=("url",),
    addresses=(("street business", "", "city business", "state business", "postal code business", "country business"),
               ("street home", "", "city home", "state home", "postal code home", "country home"),
               ("street other", "", "city other", "state other", "postal code other", "country other")),
    birthday=("birthday",), slash="dmy", tag_separator=",",
)
# netz's own CSV export (netzcore.exporters.csv): edited in a spreadsheet and read back, a new contact with its
# tier, topics, archived flag and how we met. Care and the log are not contact-book data: a backup (.json) carries
# them.
NETZ = Layout(
    "netz", _has("id", "full_name", "tier", "emails", "phones", "hierarchy_level"),
    names={name: (name,) for name in ("full_name", "given_name", "additional_names", "family_name",
                                      "honorific_prefix", "honorific_suffix", "nickname", "organization",
                                      "department", "title", "notes", "tags", "tier", "topics", "archived",
                                      "how_met", "hierarchy_level")},
    emails=("emails",), phones=("phones",), urls=("urls", "linkedin_url", "xing_url"),
    addresses=(("address", "", "city", "region", "postal_code", "country"),),
    birthday=("birthday_year", "birthday_month", "birthday_day"), birthday_parts=True,
    tag_separator=";", value_separator="; ", unquote_formulas=True,
    split_whole_names=False,    # netz writes the parts a contact has; none is none
)
# Yahoo Mail's contacts export: 'Home', 'Work', 'Mobile' and 'Other' are its phone columns
YAHOO = Layout(
    "yahoo", _has("first", "last", "yahoo! id"),
    names={"given_name": ("first",), "additional_names": ("middle",), "family_name": ("last",),
           "nickname": ("nickname",), "organization": ("company",), "title": ("title",), "notes": ("comments",),
           "tags": ("category",)},
    emails=("email", "alternate email 1", "alternate email 2"),
    phones=("mobile", "work", "home", "other", "primary"),
    urls=("personal website", "business website"),
    addresses=(("work address", "", "work city", "work state", "work zip", "work country"),
               ("home address", "", "home city", "home state", "home zip", "home country")),
    birthday=("birthday",), slash="mdy", tag_separator=",",
)
# Any other list of people: a spreadsheet saved as CSV, an attendee list, a CRM's or a phone app's export. Read by
# what its headers say, in English, German, French, Spanish, Italian and Dutch; it needs a name column and an
# e-mail, phone or company column (`_address_list`), and the report names the columns it did not read.
LIST = Layout(
    "list", lambda keys: _address_list(keys),
    names={"full_name": ("name", "full name", "fullname", "display name", "anzeigename", "vollständiger name",
                         "contact name", "contact", "kontakt", "nombre completo", "nom complet", "naam",
                         "nome completo", "contact person", "ansprechpartner", "ansprechpartnerin", "kontaktperson",
                         "personne de contact", "persona de contacto", "contactpersoon", "referente",
                         # one column for both, as forms and German lists name it ('Müller, Hans' or 'Hans Müller')
                         "name, vorname", "nachname, vorname", "vor- und nachname", "vor- und zuname",
                         "vorname und nachname", "last name, first name", "first and last name", "nom et prénom",
                         "nombre y apellidos", "nome e cognome"),
           "given_name": ("first name", "firstname", "first", "given name", "givenname", "forename", "vorname",
                          "prénom", "prenom", "nombre", "voornaam", "nome"),
           "additional_names": ("middle name", "middlename", "middle", "weitere vornamen", "zweiter vorname",
                                "segundo nombre", "deuxième prénom", "tussenvoegsel"),
           "family_name": ("last name", "lastname", "last", "surname", "family name", "familyname", "nachname",
                           "familienname", "zuname", "nom", "apellidos", "apellido", "achternaam", "cognome"),
           "honorific_prefix": ("anrede", "salutation", "prefix", "name prefix", "civilité", "tratamiento"),
           "academic_title": ("titel", "akademischer titel", "academic title",      # 'Herr' and 'Dr.': 'Herr Dr.'
                              "titel vor dem namen", "titel vorangestellt", "vorangestellter titel", "akad. titel"),
           # Austrian lists keep the degrees after the name apart: 'Titel;Vorname;Nachname;Titel nach dem Namen'
           "honorific_suffix": ("suffix", "name suffix", "namenszusatz", "titel nach dem namen",
                                "titel nachgestellt", "nachgestellter titel", "akad. grad nachgestellt"),
           "gender": ("gender", "geschlecht", "sex", "genre", "sexo", "sesso", "geslacht"),
           "nickname": ("nickname", "nick name", "spitzname", "surnom", "apodo"),
           "organization": ("company", "companies", "company name", "organization", "organisation",
                            "organization name", "account name", "related company", "firma", "firmenname",
                            "unternehmen", "arbeitgeber", "employer", "institution", "empresa", "organización",
                            "société", "entreprise", "azienda", "società", "bedrijf", "firma / organisation",
                            "company / organization", "company/organization", "dienststelle", "behörde",
                            "accountname", "name des unternehmens", "unternehmensname"),
           "department": ("department", "abteilung", "departamento", "afdeling"),
           "company_row": ("is a company", "is company", "company type", "ist firma"),      # the row is a company
           "title": ("title", "job title", "jobtitle", "job position", "position", "funktion", "jobtitel",
                     "berufsbezeichnung", "stellenbezeichnung", "cargo", "puesto", "poste", "fonction", "titre",
                     "ruolo", "functie"),
           "notes": ("notes", "note", "notizen", "notiz", "bemerkung", "bemerkungen", "anmerkungen", "kommentar",
                     "kommentare", "comments", "comment", "description", "beschreibung", "notas", "remarques"),
           "tags": ("categories", "category", "kategorien", "kategorie", "tags", "tag", "labels", "groups",
                    "gruppen")},
    emails=("mail", "mails", "correo", "correo electrónico", "adresse électronique", "posta elettronica"),
    phones=("phone", "phones", "phone number", "phone numbers", "phonenumbers", "telephone", "telephone number",
            "mobile", "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "work phone",
            "business phone", "home phone", "telefon", "telefonnummer", "tel", "tel.", "mobil", "mobiltelefon",
            "mobilnummer", "handy", "handynummer", "festnetz", "telefon geschäftlich", "telefon privat",
            "teléfono", "teléfono móvil", "móvil", "téléphone", "portable", "mobile (portable)", "telefono",
            "cellulare", "telefoon", "mobiel", "telefoonnummer", "sms", "whatsapp", "landline", "landline number"),
    urls=("linkedin", "linkedin url", "linkedin profile", "xing", "xing url", "xing profile", "profiles", "profile",
          "profil", "internet"),
    # a CRM's one address: Salesforce's, Zoho's and vtiger's 'Mailing …' (the data loader's 'MailingStreet'),
    # SugarCRM's 'Primary Address …', Dynamics 365's 'Address 1: …', an event tool's 'Address 1', 'Work City'
    addresses=(("street|street address|address|address 1|address line 1|home address|home address 1|work address|"
                "work address 1|business address|address (work)|home street|business street|work street|"
                "postal address|mailing street|mailingstreet|primary address street|"
                "address 1: street 1|mailing-strasse|strasse|adresse|anschrift|privatadresse|geschäftsadresse|"
                "adresse 1: strasse 1|dirección|calle|rue|indirizzo",
                "street 2|street2|address 2|address line 2|home address 2|work address 2|address 1: street 2|"
                "adresszusatz",
                "city|town|ort|stadt|wohnort|ville|ciudad|città|plaats|home city|work city|mailing city|mailingcity|"
                "primary address city|address 1: city|adresse 1: ort|mailing-ort",
                "state|region|province|state/province|home state|work state|mailing state|mailing state/province|"
                "mailingstate|primary address state|address 1: state/province|bundesland|kanton|provincia|"
                "adresse 1: bundesland/kanton|mailing-bundesland",
                "zip|zip code|postal code|postcode|zip/postal code|home zip|work zip|mailing zip|"
                "mailing zip/postal code|mailingpostalcode|primary address postal code|address 1: zip/postal code|plz|"
                "postleitzahl|adresse 1: postleitzahl|mailing-plz|code postal|código postal|cap",
                "country|country/region|country/region name|home country|work country|mailing country|mailingcountry|"
                "primary address country|address 1: country/region|land|land/region|adresse 1: land/region|"
                "mailing-land|pays|país|paese"),
               # a German list's business or private address: 'Straße (geschäftlich)', 'PLZ (privat)'
               ("strasse (geschäftlich)", "", "ort (geschäftlich)",
                "bundesland (geschäftlich)|bundesland/kanton (geschäftlich)|bundesland/provinz (geschäftlich)",
                "postleitzahl (geschäftlich)|plz (geschäftlich)", "land/region (geschäftlich)|land (geschäftlich)"),
               ("strasse (privat)", "", "ort (privat)", "bundesland (privat)|bundesland/kanton (privat)",
                "postleitzahl (privat)|plz (privat)", "land/region (privat)|land (privat)")),
    birthday=("birthday", "birthdate", "geburtstag", "geburtsdatum", "date of birth", "birth date", "dob",
              "anniversaire",
              "date de naissance", "cumpleaños", "fecha de nacimiento", "verjaardag", "compleanno"),
    # German member and customer lists write 'Straße' and 'Hausnummer' apart
    house_number=("hausnummer", "hausnr.", "hausnr", "haus-nr.", "house number", "street number", "huisnummer",
                  "numéro", "número", "numero civico"),
    # older German phone lists write 'Vorwahl;Telefon' ('030', '1234567')
    area_code=("vorwahl", "ortsvorwahl", "area code", "indicatif"),
    slash="mdy", tag_separator=";", value_separators=re.compile(r"[,;|\n]"),
    phone_columns=re.compile(r"phone|telefon|rufnummer|\btel\b|mobil|mobiel|móvil|handy|\bcell|téléphone|teléfono|"
                            r"telefono|"
                            r"telefoon|portable"),
)
LAYOUTS = (NETZ, THUNDERBIRD, GOOGLE, OUTLOOK, YAHOO, OPEN_XCHANGE, LIST)
_BY_KIND = {layout.kind: layout for layout in LAYOUTS}
_LIST_FULL_NAME = frozenset(LIST.names["full_name"])
_LIST_GIVEN_NAME = frozenset(LIST.names["given_name"])
_LIST_FAMILY_NAME = frozenset(LIST.names["family_name"])
_LIST_REACH_PERSON = frozenset({*LIST.emails, *LIST.phones})
_LIST_ORGANIZATION = frozenset(LIST.names["organization"])
_LIST_TITLE = frozenset(LIST.names["title"])
# Google's anniversaries and other dates, relations (a spouse, a manager) and the user's own fields: netz keeps
# none of them, so the report names them (Google writes such a column only when a contact has one)
_GOOGLE_UNREAD = re.compile(r"(?:event|relation|custom field) \d+ - value")
# Brevo's 'SMS', 'WHATSAPP' and 'LANDLINE_NUMBER' hold the number with its country code and without the '+'
# ('4917012345678'), as its import asks for them
_INTERNATIONAL_PHONE_COLUMNS = ("sms", "whatsapp", "landline number")
# a long number Excel shows and saves in scientific notation ('4,91712E+11', '4.91712E+11'): its digits are lost
_SHORTENED_NUMBER = re.compile(r"\d[,.]\d+E\+\d+", re.IGNORECASE)
_COUNTRY_CODE_DIGITS = re.compile(r"[1-9]\d{7,14}")


def _address_list(keys: set[str]) -> bool:
    """A list of people: a name (a full name, or a first and a last name) and an e-mail, a phone or a company.
    LinkedIn's other files (Profile.csv, messages, invitations, endorsements) have no such pair of columns."""
    keys = {_list_key(key) for key in keys}
    named = bool(keys & _LIST_FULL_NAME) or bool(keys & _LIST_GIVEN_NAME and keys & _LIST_FAMILY_NAME)
    if not named:
        return False
    if keys & _LIST_REACH_PERSON or any(_MAIL_COLUMN.search(key) for key in keys):
        return True
    # a company alone: a bare 'Name' beside it names projects, products and deals as well ('Name,Company,Status,
    # Owner'); a list of people has a first name, a person's name column or a job title there
    person = bool(keys & _LIST_GIVEN_NAME or keys & (_LIST_FULL_NAME - {"name"}) or keys & _LIST_TITLE)
    return person and bool(keys & _LIST_ORGANIZATION)


def _list_key(key: str) -> str:
    """A column key as a list's words: a database's or a newsletter tool's 'first_name', 'JOB_TITLE' is 'first
    name', 'job title'; Pipedrive's export writes 'Person - Name', 'Person - Email - Work'."""
    return key.replace("_", " ").removeprefix("person - ")


@lru_cache(maxsize=16)
def _list_keys(header: tuple[str, ...]) -> tuple[str, ...]:
    """A list's column keys as LIST reads them (`_list_key`): beside a first-name column and no last-name column,
    'Name' is the family name ('Vorname;Name;Firma', as German lists write it), not the whole name."""
    header = tuple(_list_key(key) for key in header)
    keys = set(header)
    if "name" in keys and keys & _LIST_GIVEN_NAME and not keys & _LIST_FAMILY_NAME:
        return tuple("nachname" if key == "name" else key for key in header)
    return header


def _reads(layout: Layout, key: str) -> bool:
    """Whether a layout takes anything from a column (an e-mail or web column only its addresses)."""
    if key in _NAMED[layout.kind] or _MAIL_COLUMN.search(key) or _WEB_COLUMN.search(key):
        return True
    phone = layout.phone_columns
    return bool(phone and phone.search(key) and not _not_the_persons_phone(key))


def _unread(layout: Layout, keys: Sequence[str]) -> list[str]:
    return [key for key in dict.fromkeys(keys) if key and not _reads(layout, key)]


def _as_written(keys: Sequence[str], written: Sequence[str]) -> tuple[str, ...]:
    """Column keys as the file writes their names (for the report)."""
    names = {key: name for name in written for key in (_list_key(column_key(name)), column_key(name))}
    return tuple(names.get(key, _label(key)) for key in keys)


def _named_columns(layout: Layout) -> frozenset[str]:
    """Every column a layout reads (a repeated column's 'key#n' and 'a|b' alternatives as their parts)."""
    columns = {c for group in layout.names.values() for c in group}
    columns |= {*layout.emails, *layout.phones, *layout.urls, *layout.birthday, *layout.house_number,
                *layout.area_code}
    columns |= {part for address in layout.addresses for column in address for part in re.split(r"[|+]", column)}
    return frozenset(c.split("#")[0] for c in columns)


_NAMED = {layout.kind: _named_columns(layout) for layout in LAYOUTS}
# Columns a layout does not name but whose header says what they hold: an address book that writes its own
# ('Email Home', 'Website Blog': Roundcube's CSV) keeps every cell that is clearly an address.
_MAIL_COLUMN = re.compile(r"e-?mail|courriel|correo|posta elettronica")
_WEB_COLUMN = re.compile(r"web|url|home ?page|site|xing|linkedin|profil")     # 'XING-Profil'; web addresses only
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)


@lru_cache(maxsize=64)
def _unnamed_columns(kind: str, header: tuple[str, ...], pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The columns of a file's header that its layout does not name and whose key matches `pattern`; once per
    header, not once per row."""
    numbered = _BY_KIND[kind].numbered
    return tuple(column for column in header
                 if pattern.search(column) and column.split("#")[0] not in _NAMED[kind]
                 and not any(column.startswith(prefix) and column.endswith(suffix) for _, prefix, suffix in numbered))


# --- recognising a file ----------------------------------------------------------------------------------------------

_DELIMITERS = (",", ";", "\t")
_LINKEDIN_URL = re.compile(r"linkedin\.com/(?:in|pub)/", re.IGNORECASE)
_CSV_NAMES = (".csv", ".tsv", ".tab", ".txt")


def _kind_of(keys: set[str]) -> str:
    """The known layouts, then LinkedIn's, then any list of people; a German LinkedIn file first, since Outlook's
    German layout reads its other columns."""
    if GERMAN_MARKER in keys and is_linkedin_header(keys):
        return "linkedin"
    for layout in LAYOUTS:
        if layout is not LIST and layout.recognise(keys):
            return layout.kind
    if is_linkedin_header(keys):
        return "linkedin"
    return LIST.kind if LIST.recognise(keys) else ""


def recognise_csv(name: str, data: bytes) -> CsvFormat | None:
    """The kind of a CSV contact file from its header (searched in the first 40 lines, after LinkedIn's notes),
    a refusal for a CSV that cannot be read as one, or None for a file that is no CSV at all."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[:400].count(0) * 3 < 400:
        return None                              # binary, not UTF-16 text
    encoding = text_encoding(data)
    lines = head_text(data, encoding).replace("\r\n", "\n").replace("\r", "\n").split("\n")[:40]
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        # the separator the line has most of first: 'Name, Vorname;Firma;Telefon' is no comma-separated header
        for delimiter in sorted(_DELIMITERS, key=line.count, reverse=True):
            if delimiter not in line and delimiter != ",":
                continue         # a line without any separator is read as one column ('Primary Email')
            keys = {column_key(cell) for cell in header_cells(line, delimiter)}
            kind = _kind_of(keys)
            if not kind:
                continue
            if kind == "linkedin" and delimiter != ",":
                shown = "Tab" if delimiter == "\t" else delimiter
                return CsvFormat("", encoding, delimiter, number, "linkedin_delimiter", shown)
            return CsvFormat(kind, encoding, delimiter, number, columns=tuple(header_cells(line, delimiter)))
    # only a file that starts with a row is one without its header: LinkedIn's messages.csv and Invitations.csv
    # have profile links in their rows under a header of their own
    first = next((line for line in lines if line.strip()), "")
    if _looks_like_linkedin_row(first):
        return CsvFormat("", encoding, ",", 1, "linkedin_no_header", _missing_linkedin_header(first))
    if name.lower().endswith(_CSV_NAMES) and any(d in first for d in _DELIMITERS) and first.isprintable():
        delimiter = max(_DELIMITERS, key=first.count)
        found = ", ".join(cell for cell in header_cells(first, delimiter)[:8] if cell)
        return CsvFormat("", encoding, delimiter, 1, "unknown_csv", cap(found, 160)[0])
    return None


_LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_LINKEDIN_HEADER_2018 = "First Name,Last Name,Email Address,Company,Position,Connected On"


def _missing_linkedin_header(row: str) -> str:
    """The header line a header-less Connections.csv needs back: the 2018 one (no URL column) for a row of six
    cells without a profile link, else today's; putting today's on six columns would shift every value one over."""
    if not _LINKEDIN_URL.search(row[:4096]) and len(header_cells(row[:4096], ",")) == 6:
        return _LINKEDIN_HEADER_2018
    return _LINKEDIN_HEADER


def _looks_like_linkedin_row(line: str) -> bool:
    """A data row of Connections.csv: a LinkedIn profile link, or a 'Connected On' date in the last of at least
    five columns."""
    if _LINKEDIN_URL.search(line[:4096]):
        return True
    cells = header_cells(line[:4096], ",")
    return len(cells) >= 5 and parse_date(cells[-1], "mdy") is not None and not cells[-1].strip().isdigit()


# --- reading rows ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressBook:
    records: tuple[ContactRecord, ...]
    problems: tuple[Problem, ...]         # rows not imported
    rows: int                             # data rows read (blank lines not counted)
    kind: str                             # the layout it was read with
    unread: tuple[str, ...] = ()          # a list's columns netz does not read


_LIMITS = {"full_name": MAX_NAME, "given_name": MAX_NAME, "additional_names": MAX_NAME, "family_name": MAX_NAME,
           "honorific_prefix": MAX_NAME, "honorific_suffix": MAX_NAME, "nickname": MAX_NAME, "sort_name": MAX_NAME,
           "display_name": MAX_NAME,
           "organization": MAX_ORGANIZATION, "department": MAX_ORGANIZATION, "title": MAX_ORGANIZATION,
           "notes": MAX_NOTE}
_CUT_CODES = {MAX_NAME: "cut_name", MAX_ORGANIZATION: "cut_organization", MAX_NOTE: "cut_note",
              MAX_VALUE: "cut_value"}


def read_address_book(file: str, data: bytes, found: CsvFormat, region: str,
                      beyond: Beyond | None = None) -> AddressBook:
    """Every row after the header as a record; a row with no name, organisation, e-mail or phone, or one the
    csv module cannot read, is reported as not imported.

    Outlook's column names are also the words of a hand-made list ('Vorname;Nachname;Firma;Telefon;Ort'), whose
    'Telefon' and 'Ort' Outlook's layout does not read. A file recognised as Outlook's with a filled column that
    only a list of people reads is read as one as well, and the reading that leaves fewer filled columns unread
    wins; a real export keeps Outlook's (its streets and 'Priority' are no list's columns). `beyond`: the rows to
    read at most, and where the rest are counted (both readings count the same rows)."""
    layout = _BY_KIND[found.kind]
    book, filled = _read_as(file, data, found, layout, region, beyond)
    if layout is OUTLOOK and any(_reads(LIST, key) and not _reads(OUTLOOK, key) for key in filled):
        as_list, _ = _read_as(file, data, found, LIST, region, Beyond(beyond.limit) if beyond else None)
        if len(_unread(LIST, _list_keys(tuple(filled)))) < len(_unread(OUTLOOK, tuple(filled))):
            return as_list
    return book


def _read_as(file: str, data: bytes, found: CsvFormat, layout: Layout, region: str,
             beyond: Beyond | None) -> tuple[AddressBook, set[str]]:
    """The file read with one layout, and the columns that hold a value in any row (Outlook's only)."""
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    open_dates: list[tuple[int, str]] = []     # (record, birthday) whose day and month order the file decides
    orders: set[str] = set()
    filled: set[str] = set()
    default = layout.slash
    read = 0
    keys: Sequence[str] = ()
    repeated: frozenset[str] = frozenset()
    title: tuple[int, str] | None = None     # a list's row with nothing but its first cell: (record, text)
    for header, row in body_rows(file, data, found.encoding, found.delimiter, found.header_line, beyond):
        read += 1
        if not keys:
            keys = _list_keys(tuple(header)) if layout is LIST else header
            repeated = _repeated_columns(keys)
        if isinstance(row, Problem):
            problems.append(row)
            continue
        if layout is LIST and _names_columns(row.cells):
            if [column_key(cell) for cell in row.cells] == list(header):
                read -= 1                    # the header again (a report printed page by page): no row of people
                continue
            line, text = row.line, " ".join(c.strip() for c in row.cells if c.strip())
            if title is not None and title[0] == len(records) - 1:
                line, text = records.pop().position, title[1]
            problems.append(Problem(file, line, "another_table", cap(text, 80)[0]))
            read = len(records) + len(problems)
            break
        filled_cells = [cell for cell in row.cells if cell.strip()]
        title = (len(records), row.cells[0].strip()) if len(filled_cells) == 1 and row.cells[0].strip() else None
        cells = _row_cells(keys, row.cells, repeated)
        if layout is LIST:
            cells = {key: "" if is_no_value(text.strip()) else text for key, text in cells.items()}
        elif layout is OUTLOOK:
            filled.update(key for key, text in cells.items() if text.strip())
        result = _record(file, row.line, cells, layout, region)
        if isinstance(result, Problem):
            problems.append(result)
            continue
        records.append(result)
        if not layout.birthday_parts:
            default = _birthday_slash(cells, layout)
            written = _birthday_cell(cells, layout)
            order = slash_order(written) if "/" in written else None
            if order:
                orders.add(order)
            elif order == "" and result.birthday_month is not None:
                open_dates.append((len(records) - 1, written))
    if len(orders) == 1 and default not in orders:
        records = _read_again(records, open_dates, orders.pop())
    unread: tuple[str, ...] = ()
    if layout is LIST:
        unread = _as_written(_unread(layout, keys), found.columns)
    elif layout is GOOGLE:
        unread = _as_written([key for key in keys if _GOOGLE_UNREAD.fullmatch(key)], found.columns)
    return AddressBook(tuple(records), tuple(problems), read, layout.kind, unread), filled


def _names_columns(cells: Sequence[str]) -> bool:
    """A row that names columns (at least two a list reads, no e-mail address among them): another table starts
    there, as in Teams' attendance report, whose 'In-Meeting Activities' follow its participants."""
    first = next((cell for cell in cells if cell.strip()), "")
    if not _reads(LIST, _list_key(column_key(first))):
        return False                 # a row of people, at the cost of one look at its first cell
    named = [cell for cell in cells if cell.strip() and _reads(LIST, _list_key(column_key(cell)))]
    return len(named) >= 2 and not any("@" in cell for cell in cells)


def _read_again(records: list[ContactRecord], open_dates: list[tuple[int, str]], order: str) -> list[ContactRecord]:
    """A file's dates are read in one order: a British Outlook writes English headers and days first, and one
    '14/03/1985' says so for the whole file, so '05/06/1990' is 5 June there, not 6 May. A file whose dates ask
    for both orders decides nothing (see read_address_book)."""
    for index, written in open_dates:
        found = parse_birthday(written, slash=order)
        if found is not None:
            year, month, day = found
            records[index] = replace(records[index], birthday_year=year, birthday_month=month, birthday_day=day)
    return records


def _repeated_columns(header: Sequence[str]) -> frozenset[str]:
    """The columns a header names more than once, found once per file: counted again for each row shorter than
    the header, a header of 50,000 columns cost a second per 400 rows."""
    return frozenset(column for column, count in Counter(header).items() if count > 1)


def _row_cells(header: Sequence[str], values: list[str], repeated: frozenset[str]) -> dict[str, str]:
    """A row by column key. A repeated column keeps its last cell under its own key and every cell under 'key#1',
    'key#2', ...: French Outlook writes 'Titre' for the courtesy title and again for the job title."""
    cells = dict(zip(header, values, strict=False))
    if not repeated:
        return cells                    # no column twice: the usual file, at no cost beyond the dict
    seen: Counter[str] = Counter()
    for column, text in zip(header, values, strict=False):
        if column in repeated:
            seen[column] += 1
            cells[f"{column}#{seen[column]}"] = text
    return cells


def _record(file: str, line: int, cells: dict[str, str], layout: Layout, region: str) -> ContactRecord | Problem:
    warnings: list[Problem] = []
    header = list(cells)      # the 'key#2' of a repeated column never ends like a numbered one ('... - value')
    if layout.unquote_formulas:
        cells = {column: unquote_formula(text) for column, text in cells.items()}

    def value(name: str) -> str:
        for column in layout.names.get(name, ()):
            text = cells.get(column, "").strip()
            if text:
                limit = _LIMITS.get(name, MAX_VALUE)
                text, was_cut = cap(text, limit)
                if was_cut:
                    warnings.append(Problem(file, line, _CUT_CODES[limit], _label(column)))
                return strip_controls(text, keep_lines=True) if name == "notes" else one_line(text)
        return ""

    def listed(columns: Sequence[str], kind: str) -> list[str]:
        found = [cells.get(column, "") for column in columns]
        for kind_of, prefix, suffix in layout.numbered:
            if kind_of == kind:
                found += [cells[c] for c in header if c.startswith(prefix) and c.endswith(suffix)
                          and not (kind == "phones" and _not_the_persons_phone(_numbered_label(cells, c, suffix)))]
        return [part for text in found for part in layout.values(text)]

    def unnamed(pattern: re.Pattern[str]) -> list[str]:
        return [part for column in _unnamed_columns(layout.kind, tuple(header), pattern)
                for part in layout.values(cells[column])]

    written_emails = listed(layout.emails, "emails")
    listed_emails = set(written_emails)
    written_emails += [w for w in unnamed(_MAIL_COLUMN) if normalize_email(w) and w not in listed_emails]
    warnings += [Problem(file, line, "email_too_long", w[:40] + "…") for w in written_emails if len(w) > MAX_EMAIL]
    emails, not_addresses = card_emails(w for w in written_emails if len(w) <= MAX_EMAIL)
    cut: list[str] = []
    street, city, state, code, country = _address(cells, layout, cut)
    warnings += [Problem(file, line, "cut_value", _label(column)) for column in cut]
    written_phones = listed(layout.phones, "phones")
    area = next((one_line(cells[c]) for c in layout.area_code if cells.get(c, "").strip()), "")
    if area:          # a number without its area code ('1234567' beside '030'); a mobile's '0171 …' has its own
        written_phones = [w if w.lstrip().startswith(("+", "0", "(")) else f"{area} {w}" for w in written_phones]
    international = {w for c in _INTERNATIONAL_PHONE_COLUMNS for w in layout.values(cells.get(c, ""))}
    if layout is LIST and international:
        written_phones = [f"+{w}" if w in international and _COUNTRY_CODE_DIGITS.fullmatch(w) else w
                          for w in written_phones]
    if layout.phone_columns:
        written_phones += [w for column in _unnamed_columns(layout.kind, tuple(header), layout.phone_columns)
                           if not _not_the_persons_phone(column) for w in layout.values(cells[column])]
    shortened = [w.strip() for w in written_phones if _SHORTENED_NUMBER.fullmatch(w.strip())]
    if shortened:
        left_out = set(shortened)
        written_phones = [w for w in written_phones if w.strip() not in left_out]
        warnings += [Problem(file, line, "phone_excel_number", w) for w in shortened]
    phones, as_written, no_digit = card_phones((cap(w, 64)[0] for w in written_phones), region, country)
    warnings += contact_point_notes(file, line, not_addresses, as_written, no_digit)
    linkedin = xing = None
    urls: dict[str, None] = {}        # in order, each once (a list took time with the square of the links)
    for link in [*listed(layout.urls, "urls"), *(w for w in unnamed(_WEB_COLUMN) if _WEB_ADDRESS.match(w))]:
        link = cap(one_line(link), MAX_VALUE)[0]
        linkedin = linkedin or canonical_linkedin(link)
        xing = xing or canonical_xing(link)
        if not (canonical_linkedin(link) or canonical_xing(link)):
            urls.setdefault(link)

    names = {name: value(name) for name in layout.names if name not in ("notes", "tags")}
    if names.get("distribution_list"):         # Open-Xchange's list of addresses to write to, not a person
        return Problem(file, line, "mail_list_card", cap(names.get("display_name", ""), 80)[0])
    academic = names.get("academic_title", "")
    if academic and _is_a_job(academic) and not names.get("title"):
        names["title"], academic = academic, ""      # Salesforce's German 'Titel' is the job ('Vertriebsleiter')
    addressed = courtesy_of_gender(names.get("honorific_prefix", ""), names.get("gender", ""))
    prefix = " ".join(part for part in (addressed, academic) if part)
    given = names.get("given_name", "")
    if not prefix and given:
        prefix, given = split_prefix(given, keep_one=bool(not names.get("family_name")))
    family, organization = names.get("family_name", ""), names.get("organization", "")
    suffix = names.get("honorific_suffix", "")
    if family and not suffix:      # 'Van Damme, Jr.' in Last Name, as LinkedIn's exports write it too
        family, suffix = split_suffix(family, family_only=True)
    person = name_from_parts(given, family, names.get("additional_names", ""))
    if person and generation_of(suffix):   # 'Karl Weber sen.' beside 'Karl Weber jun.', as a vCard's FN writes them
        person = f"{person} {suffix}"
    full_name = (names.get("full_name") or person or names.get("display_name") or names.get("sort_name") or organization
                 or (emails[0] if emails else "") or (phones[0] if phones else ""))
    if not full_name:
        return Problem(file, line, "empty_row")
    if names.get("company_row", "").casefold() in _COMPANY_ROW and not person:
        organization = organization or full_name        # Odoo's company beside its people: no given, family name
    elif layout.split_whole_names and not person and full_name in (names.get("full_name"),
                                                                   names.get("display_name")):
        full_name, (found_prefix, given, family, found_suffix) = _whole_name(full_name)
        prefix, suffix = prefix or found_prefix, suffix or found_suffix
    year, month, day = _birthday(cells, layout, warnings, file, line)
    written_tags = value("tags")        # a list's tags: 'Kunden, VIP' (Mailchimp) as well as 'Kunden; VIP'
    tags = [tag.strip().lstrip("*").strip() for tag in (layout.values(written_tags) if layout.value_separators
                                                        else written_tags.split(layout.tag_separator))]
    tags = list(dict.fromkeys(t for t in tags if t and t.casefold() not in layout.skipped_tags))
    title = names.get("title", "")
    if layout is LIST and _only_courtesy_titles(title):     # Odoo's 'Title' is 'Doctor', a newsletter's 'Dr.'
        prefix = " ".join(part for part in (prefix, title) if part)
        title = next((text for column in layout.names["title"] if (text := one_line(cap(cells.get(column, ""),
                      MAX_ORGANIZATION)[0])) and not _only_courtesy_titles(text)), "")     # Odoo's 'Job Position'
    tier = own_tier(value("tier"))        # netz's own export carries one, and the level the user chose
    return finish_record(ContactRecord(
        source=layout.kind, file=file, position=line, full_name=full_name, given_name=given or None,
        family_name=family or None, additional_names=names.get("additional_names") or None,
        honorific_prefix=prefix or None, honorific_suffix=suffix or None,
        nickname=names.get("nickname") or None, organization=organization or None,
        department=names.get("department") or None, title=title or None,
        hierarchy_level=own_level(tier, names.get("hierarchy_level", ""), title),
        emails=tuple(emails), phones=tuple(phones), urls=tuple(urls), linkedin_url=linkedin, xing_url=xing,
        address=street or None, city=city or None, region=state or None, postal_code=code or None,
        country=country or None, birthday_year=year, birthday_month=month, birthday_day=day, tags=tuple(tags),
        notes=value("notes") or None, how_met=names.get("how_met") or None, warnings=tuple(warnings), tier=tier,
        topics=tuple(clean_topics(value("topics").split(layout.value_separator))),
        archived=value("archived").lower() == "true",
    ))


def _whole_name(name: str) -> tuple[str, tuple[str, str, str, str]]:
    """A row with nothing but a whole name ('Name', 'Display Name'): as a list files it ('Müller, Hans') it becomes
    'Hans Müller', and its titles, given and family name are read from it as from a vCard's FN. A company's name
    (a legal form: 'Muster GmbH') or two people's ('Anna & Peter Weber') stays whole and unsplit."""
    tokens = org_tokens(name)
    if strip_legal_forms(tokens) != tokens or _TWO_PEOPLE.search(name):
        return name, ("", "", "", "")
    name = filed_name_as_spoken(name)
    return name, whole_name_parts(name) or ("", "", "", "")


_COMPANY_ROW = frozenset({"true", "1", "yes", "ja", "wahr", "company", "unternehmen", "firma"})
_TWO_PEOPLE = re.compile(r"[&+/]|\b(?:und|and|et)\b", re.IGNORECASE)
_NOT_THE_PERSONS_PHONE = frozenset({"fax", "telefax", "pager", "assistant", "assistent", "asst", "assistantphone",
                                    "car", "autotelefon"})


def _only_courtesy_titles(title: str) -> bool:
    """A list's 'Title' that holds no job but a courtesy or academic title ('Dr.', 'Herr', 'Mister', 'Madame')."""
    return bool(title) and (title.casefold() in _COURTESY_WORDS or split_prefix(title, keep_one=False)[1] == "")


def _is_a_job(text: str) -> bool:
    """A 'Titel' that names a job ('Vertriebsleiter', 'CEO'), not a title ('Dr.', 'Dipl.-Ing.') or a degree ('MBA',
    'M.Sc.', 'StB')."""
    if _only_courtesy_titles(text):
        return False
    return hierarchy_level(text) != "specialist" or any(
        len(word) >= 4 and word.isalpha() and not word[1:].isupper() for word in text.split())


# the words of Odoo's and other CRMs' title lists that no name-title list knows
_COURTESY_WORDS = frozenset({"mister", "madam", "miss", "doctor", "professor", "monsieur", "madame", "mademoiselle",
                             "señor", "señora", "signore", "signora"})


def _numbered_label(cells: dict[str, str], column: str, suffix: str) -> str:
    """What Google says a numbered value is: 'Phone 2 - Label' (current layout) or 'Phone 2 - Type' (older)."""
    stem = column[:len(column) - len(suffix)]
    return cells.get(f"{stem} - label", "") or cells.get(f"{stem} - type", "")


def _not_the_persons_phone(label: str) -> bool:
    """A fax or pager is no way to reach the person, an assistant's or a car's number is not the person's own
    ('Work Fax', 'Home Fax', 'Pager', 'Assistant', 'Car'; Google marks the primary number '* Mobile')."""
    return bool(_NOT_THE_PERSONS_PHONE & set(re.split(r"[^\w]+", label.casefold())))


def _label(column: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in column.split())


def _birthday(cells: dict[str, str], layout: Layout, warnings: list[Problem], file: str, line: int
              ) -> tuple[int | None, int | None, int | None]:
    """A birthday column ('1985-03-14', '--03-14', '3/14/1985', '14.03.1985'; Outlook's '0/0/00' is none) or
    Thunderbird's year, month and day columns."""
    columns = [c for c in layout.birthday if c in cells]
    if layout.birthday_parts:
        parts = [cells.get(c, "").strip() for c in columns]
        year_text, month_text, day_text = (parts + ["", "", ""])[:3]
        if not (month_text or day_text):
            return None, None, None
        written = "-".join(p or "?" for p in (year_text, month_text, day_text))
        text = f"{year_text or '--'}{'-' if year_text else ''}{month_text.zfill(2)}-{day_text.zfill(2)}"
        slash = "dmy"                         # the text is ISO: no slash to read
    else:
        written = text = _birthday_cell(cells, layout)
        if not any(ch in "123456789" for ch in text):
            return None, None, None           # empty, or Outlook's 0/0/00
        slash = _birthday_slash(cells, layout)
        if month_day := _MONTH_DAY.fullmatch(text):       # Mailchimp's birthday: '03/14', no year
            month_text, day_text = month_day.groups() if slash == "mdy" else month_day.groups()[::-1]
            text = f"--{month_text.zfill(2)}-{day_text.zfill(2)}"
    try:
        found = parse_birthday(cap(text, 64)[0], slash=slash)
    except BadBirthday:
        found = None
    if found is None:
        warnings.append(Problem(file, line, "bad_birthday", cap(written, 64)[0]))
        return None, None, None
    return found


def _birthday_cell(cells: dict[str, str], layout: Layout) -> str:
    return next((cells[c].strip() for c in layout.birthday if cells.get(c, "").strip()), "")


def _birthday_slash(cells: dict[str, str], layout: Layout) -> str:
    """How a slashed birthday of the row is read unless the file decides: German and French Outlook day first."""
    return "dmy" if _DAY_FIRST_COLUMNS & cells.keys() else layout.slash


_MONTH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})")
# birthday columns named in a language that writes the day first; a Spanish Outlook's 'Birthday' is English,
# its 'Apellidos' says the file is Spanish
_DAY_FIRST_COLUMNS = frozenset({"geburtstag", "geburtsdatum", "anniversaire", "date de naissance", "cumpleaños",
                                "fecha de nacimiento", "verjaardag", "compleanno", "apellidos"})


def _address(cells: dict[str, str], layout: Layout, cut: list[str]) -> tuple[str, str, str, str, str]:
    """The first address that has anything: (street, city, region, postal code, country). A column written 'a|b'
    is whichever of the two the file has (French Outlook: 'Pays/Région (bureau)', older 'Pays (bureau)'); one
    written 'a+b' is both, joined ('Business Street 2' and 'Business Street 3'). The columns of a part longer
    than MAX_VALUE go to `cut` (a vCard's ADR names its cut, a list's address was cut without a word)."""
    for street, street2, city, state, code, country in layout.addresses:
        values = [_address_part(cells, c, cut) for c in (street2, city, state, code, country)]
        values.insert(0, strip_controls(_address_part(cells, street, cut, lines=True), keep_lines=True).strip())
        number = next((one_line(cells[c]) for c in layout.house_number if cells.get(c, "").strip()), "")
        if values[0] and number and values[0].split()[-1] != number:
            values[0] = f"{values[0]} {number}"      # 'Lindenweg' and '12a': 'Lindenweg 12a'
        if any(values):
            joined = ", ".join(v for v in values[:2] if v)
            if "\n" in joined and not any(values[2:]):      # Google's 'Formatted' alone: read as on an envelope
                joined, found_city, found_state, found_code, found_country = read_printed_address(joined)
                return joined, found_city, found_state, found_code, found_country
            return joined, values[2], values[3], values[4], values[5]
    return "", "", "", "", ""


def _address_part(cells: dict[str, str], columns: str, cut: list[str], lines: bool = False) -> str:
    text, was_cut = cap(_either(cells, columns), MAX_VALUE)
    if was_cut:
        cut.append(_alternatives(columns)[0].split("+")[0])
    return text if lines else one_line(text)


def _either(cells: dict[str, str], columns: str) -> str:
    if "+" in columns:
        return ", ".join(text for c in columns.split("+") if (text := one_line(cells.get(c, ""))))
    return next((cells[c] for c in _alternatives(columns) if cells.get(c, "").strip()), "")


@lru_cache(maxsize=256)
def _alternatives(columns: str) -> tuple[str, ...]:
    """'a|b|c' as its columns, split once: a list names many alternatives for each part of an address."""
    return tuple(columns.split("|"))

"""A reproducible demo network: a German-speaking consultant's goals, contacts, two years of care and the next events.

Everything comes from one `random.Random(seed)` and every date is relative to `today`, so the same seed gives the
same people, tiers and due states on any day, and the demo always looks current. The rows are built in Python and
written in bulk (Arrow tables, one INSERT ... SELECT per table) in a single transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import phonenumbers
import pyarrow as pa

from netzcore.db import Connection, NetzDBError, transaction
from netzcore.i18n import format_number, translate
from netzcore.organizations import normalize_org_name

# --- what the demo is made of -----------------------------------------------------------------------------------

TIER_SHARES = {"A": 0.07, "B": 0.17, "C": 0.33}  # D: the rest
_CADENCE = {"A": 60, "B": 90, "C": 180}
_GRACE = 1.5
# interactions per contact over two years, by tier (the default count is their sum)
_INTERACTION_WEIGHT = {"A": 14.0, "B": 9.0, "C": 4.0, "D": 1.5}
# share of contacts of a tier that the demo leaves overdue / due / due within a week
_DUE_MIX = {"A": (0.15, 0.15, 0.15), "B": (0.15, 0.15, 0.15), "C": (0.2, 0.15, 0.1)}
HISTORY_DAYS = 730

ENERGY, AUTOMOTIVE, MACHINERY, BANKING, CONSULTING, PUBLIC, UNIVERSITY, ASSOCIATION = (
    "Energie & Wasserstoff", "Automobilzulieferer", "Maschinen- und Anlagenbau", "Banken & Finanzierung",
    "Beratung", "Öffentliche Hand", "Hochschulen & Forschung", "Verbände",
)
_KIND = {PUBLIC: "institution", UNIVERSITY: "institution", ASSOCIATION: "association"}
_FIELD_TOPICS = {
    ENERGY: ["Wasserstoff", "Elektrolyse", "Netzausbau", "Energiehandel", "PPA"],
    AUTOMOTIVE: ["Brennstoffzelle", "E-Mobilität", "Batterietechnik", "Lieferketten"],
    MACHINERY: ["Industrie 4.0", "Elektrolyse", "KI in der Produktion", "Kreislaufwirtschaft"],
    BANKING: ["Sustainable Finance", "Projektfinanzierung", "Förderprogramme"],
    CONSULTING: ["Transformation", "Wasserstoff", "Digitalisierung", "Förderprogramme"],
    PUBLIC: ["Förderprogramme", "Regulierung", "Netzausbau", "Wasserstoff"],
    UNIVERSITY: ["Elektrolyse", "Brennstoffzelle", "Fachkräfte", "Forschungstransfer"],
    ASSOCIATION: ["Regulierung", "Normung", "Fachkräfte", "Wasserstoff"],
}

# Fictional organisations the goals, segments and events refer to: (name, field, city, country, aliases).
ANCHOR_ORGANIZATIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("Neckarstrom AG", ENERGY, "Stuttgart", "DE", ()),
    ("NordH2 Energie GmbH", ENERGY, "Hamburg", "DE", ()),
    ("Rheinische Wasserstoffwerke AG", ENERGY, "Köln", "DE", ("rww",)),
    ("Isar Energienetze AG", ENERGY, "München", "DE", ()),
    ("Alpenstrom Energie AG", ENERGY, "Innsbruck", "AT", ()),
    ("Ostsee Wind & Wasserstoff GmbH", ENERGY, "Rostock", "DE", ()),
    ("Limmat Energie AG", ENERGY, "Zürich", "CH", ()),
    ("Helio Hydrogen B.V.", ENERGY, "Rotterdam", "NL", ()),
    ("Kessler Fahrzeugtechnik GmbH", AUTOMOTIVE, "Ingolstadt", "DE", ()),
    ("Albrecht Brennstoffzellen GmbH", AUTOMOTIVE, "Ulm", "DE", ()),
    ("Steirische Antriebe GmbH", AUTOMOTIVE, "Graz", "AT", ()),
    ("Hohenlohe Automotive Systems GmbH", AUTOMOTIVE, "Heilbronn", "DE", ()),
    ("Lindqvist Mobility AB", AUTOMOTIVE, "Göteborg", "SE", ()),
    ("Torino Componenti S.p.A.", AUTOMOTIVE, "Torino", "IT", ()),
    ("Hägele Maschinenbau GmbH & Co. KG", MACHINERY, "Reutlingen", "DE", ()),
    ("Wendt Anlagenbau GmbH", MACHINERY, "Dortmund", "DE", ()),
    ("Schönfeld Verfahrenstechnik AG", MACHINERY, "Mannheim", "DE", ()),
    ("Präzisionswerk Aarau AG", MACHINERY, "Aarau", "CH", ()),
    ("Kühn Kompressoren GmbH", MACHINERY, "Kassel", "DE", ()),
    ("Linzer Industrieanlagen GmbH", MACHINERY, "Linz", "AT", ()),
    ("Elektrolysewerk Chemnitz GmbH", MACHINERY, "Chemnitz", "DE", ()),
    ("Landeskreditbank Süd", BANKING, "Karlsruhe", "DE", ()),
    ("Volksbank Neckar-Alb eG", BANKING, "Tübingen", "DE", ()),
    ("Bankhaus Grüninger & Cie.", BANKING, "Zürich", "CH", ()),
    ("Alpina Privatbank AG", BANKING, "Wien", "AT", ()),
    ("Green Infrastructure Capital Ltd", BANKING, "London", "GB", ()),
    ("Brandt & Partner Unternehmensberatung", CONSULTING, "Frankfurt am Main", "DE", ()),
    ("Morgenrot Transformation GmbH", CONSULTING, "München", "DE", ()),
    ("Keller Strategy Consulting AG", CONSULTING, "Zürich", "CH", ()),
    ("Northbridge Consulting Ltd", CONSULTING, "London", "GB", ()),
    ("Energieagentur Südwest", PUBLIC, "Stuttgart", "DE", ()),
    ("Wirtschaftsförderung Neckar-Alb", PUBLIC, "Reutlingen", "DE", ()),
    ("Landesamt für Energiewende Bayern", PUBLIC, "München", "DE", ()),
    ("Klimaschutzagentur Tirol", PUBLIC, "Innsbruck", "AT", ()),
    ("Technische Universität Rheinland", UNIVERSITY, "Aachen", "DE", ()),
    ("Hochschule Neckar-Alb", UNIVERSITY, "Reutlingen", "DE", ()),
    ("Institut für Wasserstofftechnik Ulm", UNIVERSITY, "Ulm", "DE", ()),
    ("Fachhochschule Nordwestschweiz Technik", UNIVERSITY, "Windisch", "CH", ()),
    ("Wasserstoffverband Süd e.V.", ASSOCIATION, "Ulm", "DE", ()),
    ("Verband Energie & Industrie e.V.", ASSOCIATION, "Stuttgart", "DE", ()),
    ("Ingenieurverein Württemberg e.V.", ASSOCIATION, "Stuttgart", "DE", ()),
    ("Netzwerk Brennstoffzelle Austria", ASSOCIATION, "Wien", "AT", ()),
    ("Unternehmerinnen-Netzwerk Stuttgart e.V.", ASSOCIATION, "Stuttgart", "DE", ()),
)

# Organisation name patterns for larger networks (benchmarks): {city} / {surname} are filled in.
_MORE_ORGANIZATIONS = {
    ENERGY: ["Stadtwerke {city}", "{city} Energie AG", "Energieversorgung {city} GmbH"],
    AUTOMOTIVE: ["{surname} Automotive GmbH", "{surname} Fahrzeugteile GmbH", "{surname} Antriebstechnik AG"],
    MACHINERY: ["{surname} Maschinenbau GmbH", "{surname} Anlagenbau GmbH & Co. KG", "{surname} Verfahrenstechnik"],
    BANKING: ["Volksbank {city} eG", "Sparkasse {city}", "Bankhaus {surname}"],
    CONSULTING: ["{surname} & Partner Beratung", "{surname} Consulting GmbH"],
    PUBLIC: ["Wirtschaftsförderung {city}", "Stadt {city}"],
    UNIVERSITY: ["Hochschule {city}", "Universität {city}"],
    ASSOCIATION: ["Unternehmerverband {city} e.V.", "Ingenieurverein {city} e.V."],
}

_CITIES = {
    "DE": ["Stuttgart", "München", "Köln", "Düsseldorf", "Nürnberg", "Hamburg", "Berlin", "Frankfurt am Main",
           "Hannover", "Karlsruhe", "Mannheim", "Freiburg im Breisgau", "Lübeck", "Essen", "Leipzig", "Dresden",
           "Ulm", "Augsburg", "Würzburg", "Göttingen", "Bremen", "Münster", "Regensburg", "Saarbrücken"],
    "AT": ["Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"],
    "CH": ["Zürich", "Basel", "Bern", "Winterthur", "St. Gallen", "Luzern"],
    "NL": ["Rotterdam", "Amsterdam", "Eindhoven"],
    "FR": ["Paris", "Lyon", "Strasbourg"],
    "IT": ["Milano", "Torino", "Bologna"],
    "GB": ["London", "Manchester", "Aberdeen"],
    "SE": ["Göteborg", "Stockholm", "Malmö"],
    "PL": ["Wrocław", "Kraków", "Gdańsk"],
    "DK": ["København", "Aarhus", "Esbjerg"],
}
# Mobile prefixes (with the count of digits that follow) and office area codes, for valid E.164 numbers.
_MOBILE = {
    "DE": [("+49151", 8), ("+49152", 8), ("+49157", 8), ("+49162", 8), ("+49172", 8), ("+49176", 8)],
    "AT": [("+43664", 7), ("+43676", 7)], "CH": [("+4176", 7), ("+4178", 7), ("+4179", 7)],
    "NL": [("+316", 8)], "FR": [("+336", 8), ("+337", 8)], "IT": [("+39347", 7), ("+39333", 7)],
    "GB": [("+447400", 6), ("+447812", 6)], "SE": [("+4670", 7)], "PL": [("+4850", 7)], "DK": [("+4540", 6)],
}
_OFFICE_AREA = {"Stuttgart": "+49711", "München": "+4989", "Köln": "+49221", "Hamburg": "+4940", "Berlin": "+4930",
                "Frankfurt am Main": "+4969", "Hannover": "+49511", "Wien": "+431", "Graz": "+43316",
                "Zürich": "+4144"}
_TLD = {"DE": "de", "AT": "at", "CH": "ch", "NL": "nl", "FR": "fr", "IT": "it", "GB": "co.uk", "SE": "se",
        "PL": "pl", "DK": "dk"}

# Given names (female, male) and surnames by country of origin.
_PEOPLE: dict[str, tuple[list[str], list[str], list[str]]] = {
    "DE": (
        ["Anna", "Julia", "Katrin", "Sabine", "Claudia", "Stefanie", "Lena", "Jana", "Miriam", "Franziska",
         "Birgit", "Bärbel", "Jördis", "Kübra", "Zoë", "Christiane", "Nadine", "Sophie", "Hannah", "Ulrike"],
        ["Jürgen", "Jörg", "Björn", "Sören", "Günter", "Thomas", "Michael", "Andreas", "Stefan", "Markus",
         "Matthias", "Florian", "Tobias", "Lukas", "Felix", "Maximilian", "Ömer", "Niklas", "Benedikt", "Jörn"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
         "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
         "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Lehmann", "Köhler",
         "Böhm", "Günther", "Jäger", "Weiß", "Groß", "Möller", "Brückner", "Dörr", "Yılmaz", "Öztürk", "Nguyen",
         "Vogt", "Sauer", "Engel", "Kuhn", "Pohl", "Franke", "Albrecht", "Ziegler", "Frühauf"],
    ),
    "AT": (
        ["Theresa", "Magdalena", "Elisabeth", "Verena", "Johanna", "Katharina"],
        ["Lorenz", "Florian", "Georg", "Wolfgang", "Clemens", "Valentin"],
        ["Gruber", "Huber", "Pichler", "Steiner", "Moser", "Hofer", "Leitner", "Berger", "Eder", "Winkler",
         "Pölzl", "Kröpfl", "Aigner", "Brunnhuber"],
    ),
    "CH": (
        ["Regula", "Corinne", "Mirjam", "Seraina", "Nicole", "Barbara"],
        ["Reto", "Urs", "Beat", "Adrian", "Dominik", "Marco"],
        ["Keller", "Meier", "Brunner", "Baumann", "Gerber", "Widmer", "Wyss", "Graf", "Stöckli", "Brändli",
         "Zürcher", "Nüesch", "Bösch", "Frei"],
    ),
    "NL": (["Sanne", "Femke", "Lotte"], ["Daan", "Bram", "Joost"],
           ["de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "van den Berg"]),
    "FR": (["Camille", "Chloé", "Élodie", "Hélène"], ["Jérôme", "François", "Mathieu", "Antoine"],
           ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau"]),
    "IT": (["Giulia", "Francesca", "Chiara"], ["Luca", "Marco", "Giovanni"],
           ["Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Esposito"]),
    "GB": (["Emma", "Charlotte", "Olivia"], ["James", "Oliver", "William"],
           ["Walker", "Thompson", "Hughes", "Clarke", "Patel", "O'Brien"]),
    "SE": (["Ingrid", "Astrid", "Linnéa"], ["Lars", "Anders", "Björn"],
           ["Johansson", "Lindqvist", "Åberg", "Söderström", "Nyström"]),
    "PL": (["Agnieszka", "Katarzyna", "Magdalena"], ["Piotr", "Tomasz", "Paweł"],
           ["Nowak", "Wójcik", "Mazur", "Krawczyk", "Zając", "Wróbel"]),
    "DK": (["Mette", "Sofie"], ["Søren", "Mads"], ["Nørgaard", "Sørensen", "Jørgensen", "Kjær"]),
}
_DACH = ("DE", "AT", "CH")

# Titles by hierarchy level and kind of organisation: (masculine, feminine, department).
_Title = tuple[str, str, str | None]
TITLES: dict[str, dict[str, list[_Title]]] = {
    "company": {
        "executive": [("Geschäftsführer", "Geschäftsführerin", "Geschäftsführung"),
                      ("Mitglied des Vorstands", "Mitglied des Vorstands", "Vorstand"),
                      ("Vorstandsvorsitzender", "Vorstandsvorsitzende", "Vorstand"),
                      ("CEO", "CEO", "Management"), ("CFO", "CFO", "Finance"), ("CTO", "CTO", "Technology"),
                      ("Managing Director", "Managing Director", "Management")],
        "head": [("Leiter Einkauf", "Leiterin Einkauf", "Einkauf"),
                 ("Leiter Vertrieb", "Leiterin Vertrieb", "Vertrieb"),
                 ("Bereichsleiter Wasserstoff", "Bereichsleiterin Wasserstoff", "Wasserstoff"),
                 ("Abteilungsleiter Forschung & Entwicklung", "Abteilungsleiterin Forschung & Entwicklung",
                  "Forschung & Entwicklung"),
                 ("Leiter Personal", "Leiterin Personal", "Personal"),
                 ("Head of Hydrogen", "Head of Hydrogen", "Hydrogen"),
                 ("Head of Sustainability", "Head of Sustainability", "Sustainability"),
                 ("Head of Procurement", "Head of Procurement", "Procurement"),
                 ("Director Business Development", "Director Business Development", "Business Development"),
                 ("Director Strategy", "Director Strategy", "Strategy")],
        "specialist": [("Projektingenieur", "Projektingenieurin", "Projekte"),
                       ("Key Account Manager", "Key Account Manager", "Vertrieb"),
                       ("Einkäufer", "Einkäuferin", "Einkauf"),
                       ("Senior Consultant", "Senior Consultant", None),
                       ("Product Manager", "Product Manager", "Produktmanagement"),
                       ("Vertriebsingenieur", "Vertriebsingenieurin", "Vertrieb"),
                       ("Entwicklungsingenieur", "Entwicklungsingenieurin", "Forschung & Entwicklung"),
                       ("Business Development Manager", "Business Development Manager", "Business Development"),
                       ("Referent Nachhaltigkeit", "Referentin Nachhaltigkeit", "Nachhaltigkeit"),
                       ("Analyst", "Analystin", "Strategie")],
    },
    "institution": {
        "executive": [("Präsident", "Präsidentin", "Leitung"), ("Rektor", "Rektorin", "Rektorat"),
                      ("Geschäftsführer", "Geschäftsführerin", "Geschäftsführung")],
        "head": [("Institutsleiter", "Institutsleiterin", "Institut"),
                 ("Referatsleiter Energie", "Referatsleiterin Energie", "Energie"),
                 ("Abteilungsleiter Förderung", "Abteilungsleiterin Förderung", "Förderung"),
                 ("Head of Technology Transfer", "Head of Technology Transfer", "Technology Transfer")],
        "specialist": [("Professor für Energietechnik", "Professorin für Energietechnik", "Energietechnik"),
                       ("Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeiterin", "Forschung"),
                       ("Doktorand", "Doktorandin", "Forschung"),
                       ("Referent Wasserstoff", "Referentin Wasserstoff", "Energie"),
                       ("Research Fellow", "Research Fellow", "Research")],
    },
    "association": {
        "executive": [("Geschäftsführer", "Geschäftsführerin", "Geschäftsstelle"),
                      ("Präsident", "Präsidentin", "Präsidium")],
        "head": [("Leiter Politik & Kommunikation", "Leiterin Politik & Kommunikation", "Kommunikation"),
                 ("Leiter Arbeitskreis Wasserstoff", "Leiterin Arbeitskreis Wasserstoff", "Arbeitskreise")],
        "specialist": [("Referent Energiepolitik", "Referentin Energiepolitik", "Politik"),
                       ("Projektmanager Mitglieder", "Projektmanagerin Mitglieder", "Mitgliederservice")],
    },
}
_ENGLISH_TITLE = re.compile(r"CEO|CFO|CTO|Managing|Head of|Director|Senior|Product|Business|Key Account|Research")
_LEVEL_SHARES = (("executive", 0.15), ("head", 0.3), ("specialist", 0.55))

_EXECUTIVE = re.compile(r"geschäftsführ|vorstand|vorständin|\bceo\b|\bcfo\b|\bcto\b|managing director|"
                        r"präsident|rektor|inhaber", re.IGNORECASE)
_HEAD = re.compile(r"leiter|head of|director|direktor", re.IGNORECASE)


def hierarchy_level_for_title(title: str | None) -> str | None:
    """Geschäftsführer/CEO/Vorstand -> executive; Leiter/Head of/Director -> head; any other title -> specialist."""
    if not title:
        return None
    if _EXECUTIVE.search(title):
        return "executive"
    if _HEAD.search(title):
        return "head"
    return "specialist"


_TAGS = ["Entscheider", "Alumni KIT", "Golf", "Mentor", "Speaker", "Presse", "Investor", "Segeln", "Rotary",
         "Laufen", "Beirat", "Kunde", "Ex-Kollege"]
_HOW_MET = {
    "de": ["Hannover Messe {year}", "Vorgestellt von {other}", "Alumni-Treffen {year}",
           "LinkedIn-Anfrage nach meinem Vortrag", "Gemeinsames Projekt {year}", "Golfturnier des Rotary Clubs",
           "Arbeitskreis Wasserstoff", "Ehemalige Kollegin oder Kollege", "Podiumsdiskussion in {city}"],
    "en": ["Hannover trade fair {year}", "Introduced by {other}", "Alumni meeting {year}",
           "LinkedIn request after my talk", "Joint project {year}", "Panel discussion in {city}"],
}
_HOOKS = {
    "de": ["Nach dem Umzug nach {city} fragen", "Die H2-Studie schicken", "Hat nach Kontakten in {field} gefragt",
           "Interesse am Whitepaper zu {topic}", "Zur neuen Rolle gratulieren", "Zum Golfturnier im Sommer einladen",
           "Marathon in {city}: nach der Zeit fragen", "Sucht Rednerin für ein Panel zu {topic}",
           "Förderaufruf zu {topic} weiterleiten", "Nach dem Ergebnis der Ausschreibung fragen",
           "Tochter beginnt Studium in {city}: nachfragen", "Urlaubstipps für Südtirol austauschen",
           "Bei der nächsten Messe einen Kaffee vorschlagen", "Fragt nach Referenzen für {topic}"],
    "en": ["Ask about the move to {city}", "Send the H2 study", "Asked for contacts in {field}",
           "Interested in our white paper on {topic}", "Congratulate on the new role",
           "Looking for a speaker on {topic}", "Ask how the tender turned out",
           "Suggest a coffee at the next trade fair", "Forward the call for funding on {topic}"],
}
_GAVE = {
    "de": ["Studie zu {topic} geschickt", "Kontakt zu {other} vermittelt", "Feedback zum Förderantrag gegeben",
           "Zum Vortrag über {topic} eingeladen", "Marktüberblick Elektrolyseure geteilt",
           "Eine Nachwuchskraft empfohlen", "Folien meines Vortrags geschickt"],
    "en": ["Sent the study on {topic}", "Introduced {other}", "Shared the electrolyser market overview",
           "Invited to my talk on {topic}"],
}
_RECEIVED = {
    "de": ["Tipp zur Ausschreibung in {city}", "Einladung zur Verbandssitzung", "Kontakt in den Einkauf",
           "Einblick in die H2-Roadmap", "Feedback zu meinem Vortrag", "Hinweis auf Förderprogramm zu {topic}",
           "Empfehlung an die Geschäftsführung"],
    "en": ["Tip about a tender in {city}", "Invitation to the working group", "Feedback on my talk",
           "Insight into their hydrogen roadmap"],
}
_TIER_REASONS = {
    "up": ["Neue Rolle als Entscheider", "Wichtig für das Ziel Vertriebskanäle", "Gemeinsames Projekt gestartet",
           "Wechsel zu einem Zielunternehmen"],
    "down": ["Kaum noch Berührungspunkte", "Hat die Branche gewechselt", "In Elternzeit, später wieder aufnehmen"],
}
_RELATIONS = ["Kollegen", "Ehemalige Kollegen", "Verband", "Studium", "Golfclub", "Projektpartner", "Befreundet"]
_INTRO_CONTEXT = ["Beide arbeiten an {topic}", "Sucht Kontakt zu {field}", "Gemeinsames Interesse an {topic}"]
_INTRO_OUTCOME = {"met": "Haben sich getroffen, Pilotprojekt im Gespräch", "no_fit": "Passte fachlich nicht",
                  "declined": "Kein Interesse zurzeit"}
_CHANNELS = {
    "A": {"lunch": 25, "meeting": 20, "call": 20, "video_call": 15, "event": 10, "email": 5, "sports": 5},
    "B": {"meeting": 20, "call": 25, "video_call": 20, "email": 15, "linkedin": 10, "event": 10},
    "C": {"email": 30, "linkedin": 25, "call": 15, "video_call": 10, "event": 15, "xing": 5},
    "D": {"linkedin": 40, "email": 40, "xing": 10, "other": 10},
}
_IN_PERSON = frozenset({"lunch", "meeting", "event", "sports"})

PROFILE = {
    "full_name": "Dr. Julia Lorenz",
    "activity": "Unabhängige Beraterin für Wasserstoff- und Energieprojekte in der Industrie",
    "value_proposition": "Ich bringe Mittelständler und Versorger in zwölf Monaten von der H2-Idee "
                         "zum geförderten Pilotprojekt.",
    "elevator_pitch": "Julia Lorenz, Beraterin für Wasserstoffprojekte: Ich helfe Industrie und Energieversorgern, "
                      "in zwölf Monaten von der Idee zum geförderten Pilotprojekt zu kommen.",
    "offer": "Marktüberblick Elektrolyse, Wege durch die Förderlandschaft, Kontakte zu Hochschulen und Verbänden",
    "home_region": "DE",
    "city": "Stuttgart",
}


def _orgs_in(*fields: str) -> list[str]:
    return [name for name, org_field, *_ in ANCHOR_ORGANIZATIONS if org_field in fields]


# Goals and their target segments. Segment: (key, kind, name, organisation names, keywords, topics, levels,
# priority, channels, approach note)
_SEGMENTS: tuple[tuple[str, str, str, list[str], list[str], list[str], list[str], int, list[str], str], ...] = (
    ("h2_utilities", "company", "Wasserstoff-Versorger", _orgs_in(ENERGY) + ["RWW"], [], [],
     ["executive", "head"], 1, ["event", "linkedin"],
     "Über die Messe und den Wasserstoffverband; Anfrage kurz mit Bezug auf ihre H2-Strategie."),
    ("fuel_cell_suppliers", "company", "Automobilzulieferer mit Brennstoffzelle", _orgs_in(AUTOMOTIVE), [], [],
     ["executive", "head"], 1, ["event", "xing"], "Einkauf und Entwicklung gezielt auf der Messe ansprechen."),
    ("electrolysis", "topic", "Thema Elektrolyse", [], [], ["Elektrolyse"], ["head", "specialist"], 2,
     ["linkedin", "association"], "Fachlich über Studien und den Arbeitskreis einsteigen."),
    ("associations", "institution", "Verbände und Gremien", _orgs_in(ASSOCIATION), [], [],
     ["executive", "head"], 2, ["association"], "Mitarbeit im Arbeitskreis anbieten, Vortrag vorschlagen."),
    ("research", "institution", "Hochschulen und Forschung", _orgs_in(UNIVERSITY), [], [],
     ["executive", "head", "specialist"], 2, ["event", "linkedin"], "Gastvortrag und Abschlussarbeiten anbieten."),
    ("machinery_talent", "field", "Nachwuchs im Maschinen- und Anlagenbau", [],
     ["maschinenbau", "anlagenbau", "verfahrenstechnik"], [], ["specialist"], 3, ["linkedin", "sports"],
     "Locker über Laufgruppe und Alumni-Treffen."),
    ("financing", "company", "Banken und Förderinstitute", _orgs_in(BANKING, PUBLIC), [], [],
     ["executive", "head"], 2, ["private", "association"], "Über gemeinsame Bekannte vorstellen lassen."),
    ("sustainable_finance", "topic", "Sustainable Finance", [], [], ["Sustainable Finance", "Projektfinanzierung"],
     ["head", "specialist"], 3, ["linkedin"], "Mit einem konkreten Projekt als Anlass schreiben."),
)
# Goal: (title, purpose, expected value, my offer, success criterion, target count, levels, in person,
# started days ago, days to target date, status, segment keys)
_GOALS: tuple[tuple[str, str, str, str, str, int, list[str], int, int, int, str, list[str]], ...] = (
    ("Neue Vertriebskanäle bei Wasserstoff-Versorgern und Zulieferern", "sales_channels",
     "Zwei Pilotprojekte für Elektrolyse-Beratung im nächsten Jahr",
     "Erfahrung aus 15 H2-Projekten und ein Überblick über die Förderprogramme",
     "Fünf Entscheider auf Leitungs- oder Geschäftsführungsebene als A- oder B-Kontakt", 5,
     ["executive", "head"], 8, 120, 240, "active", ["h2_utilities", "fuel_cell_suppliers", "electrolysis"]),
    ("Expertise als Rednerin sichtbar machen", "expertise",
     "Drei Vorträge oder Panels pro Jahr auf Fachveranstaltungen",
     "Praxiswissen aus Projekten, verständlich aufbereitet", "Drei Einladungen als Rednerin bis Jahresende", 3,
     [], 3, 200, 150, "active", ["associations", "research"]),
    ("Talente für das eigene Team gewinnen", "talent", "Zwei Berufseinsteiger mit Verfahrenstechnik-Hintergrund",
     "Betreuung von Abschlussarbeiten, Einblick in echte Projekte", "Zwei Gespräche mit Kandidaten pro Quartal",
     4, ["specialist"], 2, 60, 300, "paused", ["research", "machinery_talent"]),
    ("Finanzierungspartner für H2-Projekte", "reach", "Kurze Wege zu Banken und Förderinstituten",
     "Gut vorbereitete, förderfähige Projekte", "Drei Ansprechpartner bei Banken oder Förderinstituten", 3,
     ["executive", "head"], 2, 30, 365, "active", ["financing", "sustainable_finance"]),
)


# --- errors and the summary -------------------------------------------------------------------------------------


class DatabaseNotEmpty(NetzDBError):
    """The demo only goes into an empty database: it never mixes with real contacts."""

    def __init__(self, found: dict[str, int]) -> None:
        self.found = found
        listed = ", ".join(f"{count} {table}" for table, count in found.items())
        super().__init__(f"The database is not empty ({listed}); the demo network is only loaded into an empty one.")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    organizations: int
    interactions: int
    goals: int
    segments: int
    events: int
    exhibitors: int
    event_plans: int
    relationships: int
    introductions: int
    tiers: dict[str, int]
    due: dict[str, int]
    seconds: float


_FILLED_TABLES = ("contacts", "organizations", "interactions", "goals", "segments", "events")


def is_empty(con: Connection) -> bool:
    """No contacts yet: the app offers its two ways in (demo or import)."""
    row = con.execute("SELECT NOT EXISTS (SELECT 1 FROM contacts)").fetchone()
    return bool(row and row[0])


def _filled_tables(con: Connection) -> dict[str, int]:
    counts = con.execute(
        "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in _FILLED_TABLES)  # noqa: S608
    ).fetchone()
    assert counts is not None
    return {table: int(n) for table, n in zip(_FILLED_TABLES, counts, strict=True) if n}


# --- building the rows ------------------------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                           "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "ı": "i", "ł": "l", "Ł": "L"})


def _slug(text: str, sep: str = "-") -> str:
    """ASCII for e-mail addresses, domains and URLs: 'Böhm' -> 'boehm', 'Wójcik' -> 'wojcik'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.lower()).strip(sep)


class _Table:
    """Column lists for one table, turned into an Arrow table for one bulk INSERT."""

    def __init__(self, name: str, columns: Sequence[str], list_columns: Sequence[str] = ()) -> None:
        self.name = name
        self.columns: dict[str, list[Any]] = {column: [] for column in columns}
        self.list_columns = set(list_columns)

    def add(self, **values: Any) -> None:
        for column, cells in self.columns.items():
            cells.append(values.get(column))

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    def insert(self, con: Connection) -> None:
        if not len(self):
            return
        arrays = {
            column: pa.array(cells, type=pa.list_(pa.string())) if column in self.list_columns else pa.array(cells)
            for column, cells in self.columns.items()
        }
        names = ", ".join(self.columns)
        con.register("demo_rows", pa.table(arrays))
        try:
            con.execute(f"INSERT INTO {self.name} ({names}) SELECT {names} FROM demo_rows")  # noqa: S608
        finally:
            con.unregister("demo_rows")


@dataclass(slots=True)
class _Person:
    id: str
    name: str
    female: bool
    origin: str
    org: int | None
    tier: str
    level: str | None
    topics: list[str]
    city: str
    birthday: tuple[int | None, int, int] | None
    title: str | None = None
    interaction_days: list[int] = field(default_factory=list)  # days before today


@dataclass(slots=True)
class _Org:
    id: str
    name: str
    field: str
    city: str
    country: str
    domain: str


class _Builder:
    def __init__(self, con: Connection, rng: random.Random, today: dt.date) -> None:
        self.con = con
        self.rng = rng
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(9, 0))

    def new_ids(self, n: int) -> list[str]:
        return [row[0] for row in self.con.execute("SELECT CAST(uuidv7() AS VARCHAR) FROM range(?)", [n]).fetchall()]

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    # organisations

    def organizations(self, wanted: int) -> list[_Org]:
        rng = self.rng
        specs = [(name, org_field, city, country, list(aliases))
                 for name, org_field, city, country, aliases in ANCHOR_ORGANIZATIONS]
        seen = {normalize_org_name(spec[0]) for spec in specs}
        surnames = sorted(set(_PEOPLE["DE"][2] + _PEOPLE["AT"][2] + _PEOPLE["CH"][2]))
        more = [(pattern.format(city=city, surname=surname), org_field, city, country)
                for org_field, patterns in _MORE_ORGANIZATIONS.items() for pattern in patterns
                for country in _DACH for city in _CITIES[country]
                for surname in (surnames if "{surname}" in pattern else surnames[:1])]
        rng.shuffle(more)
        for name, org_field, city, country in more:
            if len(specs) >= wanted:
                break
            if normalize_org_name(name) not in seen:
                seen.add(normalize_org_name(name))
                specs.append((name, org_field, city, country, []))
        ids = self.new_ids(len(specs))
        table = _Table("organizations", ["id", "name", "normalized_name", "aliases", "field", "kind", "city",
                                         "country", "website", "created_at"], ["aliases"])
        orgs = []
        for org_id, (name, org_field, city, country, aliases) in zip(ids, specs, strict=True):
            domain = f"{_slug(normalize_org_name(name))}.{_TLD[country]}"
            orgs.append(_Org(org_id, name, org_field, city, country, domain))
            table.add(id=org_id, name=name, normalized_name=normalize_org_name(name), aliases=aliases,
                      field=org_field, kind=_KIND.get(org_field, "company"), city=city, country=country,
                      website=f"https://www.{domain}", created_at=self.now - dt.timedelta(days=rng.randint(0, 900)))
        table.insert(self.con)
        return orgs

    # contacts

    def tiers(self, n: int) -> list[str]:
        counts = {tier: round(share * n) for tier, share in TIER_SHARES.items()}
        tiers = [tier for tier, count in counts.items() for _ in range(count)]
        tiers += ["D"] * (n - len(tiers))
        self.rng.shuffle(tiers)
        return tiers

    def people(self, n: int, orgs: list[_Org]) -> list[_Person]:
        rng = self.rng
        ids = self.new_ids(n)
        tiers = self.tiers(n)
        names_seen: set[str] = set()
        people = []
        for i in range(n):
            org: int | None = i if i < len(orgs) else rng.randrange(len(orgs))
            if i >= len(orgs) and rng.random() < 0.03:
                org = None  # private contacts: the neighbour, the golf partner
            country = orgs[org].country if org is not None else "DE"
            origin = country if rng.random() < 0.85 else rng.choice(list(_PEOPLE))
            female = rng.random() < 0.45
            for _ in range(20):
                given = rng.choice(_PEOPLE[origin][0 if female else 1])
                name = f"{given} {rng.choice(_PEOPLE[origin][2])}"
                if name not in names_seen:
                    break
            names_seen.add(name)
            level = None
            if org is not None:
                level = rng.choices([lv for lv, _ in _LEVEL_SHARES], weights=[w for _, w in _LEVEL_SHARES])[0]
            topics_pool = _FIELD_TOPICS[orgs[org].field] if org is not None else ["Segeln", "Golf"]
            topics = rng.sample(topics_pool, rng.randint(1, min(3, len(topics_pool))))
            city = orgs[org].city if org is not None and rng.random() < 0.7 else rng.choice(_CITIES[country])
            birthday: tuple[int | None, int, int] | None = None
            if rng.random() < 0.75:
                year = rng.randint(1958, 1999) if rng.random() < 0.8 else None
                birthday = (year, rng.randint(1, 12), rng.randint(1, 28))
            people.append(_Person(ids[i], name, female, origin, org, tiers[i], level, topics, city, birthday))
        self.upcoming_birthdays(people)
        return people

    def upcoming_birthdays(self, people: list[_Person]) -> None:
        """A few birthdays in the next 30 days, at least two of them A or B contacts."""
        rng = self.rng
        close = [i for i, p in enumerate(people) if p.tier in "AB"]
        chosen = rng.sample(close, min(2, len(close)))
        others = [i for i in range(len(people)) if i not in set(chosen)]
        chosen += rng.sample(others, min(len(others), max(1, len(people) // 20)))
        for i in chosen:
            day = self.today + dt.timedelta(days=rng.randint(0, 29))
            year = rng.randint(1960, 1998) if rng.random() < 0.7 else None
            people[i].birthday = (year, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)

    def title(self, person: _Person, org: _Org) -> _Title:
        titles = TITLES[_KIND.get(org.field, "company")][person.level or "specialist"]
        english = [t for t in titles if _ENGLISH_TITLE.match(t[0])]
        if person.origin in _DACH and self.rng.random() < 0.65 or not english:
            return self.rng.choice([t for t in titles if t not in english] or titles)
        return self.rng.choice(english)

    def phone(self, prefix: str, length: int) -> str:
        """A random number that phonenumbers accepts as valid, in E.164: the prefix and `length` more digits."""
        for _ in range(50):
            number = prefix + str(self.rng.randint(2, 9)) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(length - 1))
            if phonenumbers.is_valid_number(phonenumbers.parse(number)):
                return number
        raise AssertionError(f"no valid phone number under {prefix}")

    def contacts(self, people: list[_Person], orgs: list[_Org]) -> None:
        rng = self.rng
        table = _Table(
            "contacts",
            ["id", "full_name", "given_name", "family_name", "honorific_prefix", "organization_id", "title",
             "department", "hierarchy_level", "emails", "phones", "urls", "linkedin_url", "xing_url", "city",
             "country", "birthday_year", "birthday_month", "birthday_day", "tier", "cadence_days",
             "preferred_channel", "tags", "topics", "how_met", "sources", "notes", "archived", "created_at",
             "updated_at"],
            ["emails", "phones", "urls", "tags", "topics", "sources"],
        )
        identities = _Table("contact_identities", ["contact_id", "kind", "value", "source"])
        emails_seen: set[str] = set()
        for person in people:
            given, family = person.name.split(" ", 1)
            org = orgs[person.org] if person.org is not None else None
            title, department = (None, None)
            if org is not None:
                masculine, feminine, department = self.title(person, org)
                title = feminine if person.female else masculine
            person.title = title
            person.level = hierarchy_level_for_title(title)
            prefix = None
            if person.origin in _DACH and rng.random() < (0.4 if org and org.field == UNIVERSITY else 0.1):
                prefix = "Prof. Dr." if org and org.field == UNIVERSITY and rng.random() < 0.5 else "Dr."
            local = f"{_slug(given, '')}.{_slug(family, '')}"
            domain = org.domain if org else "mailbox.example"
            email, suffix = f"{local}@{domain}", 2
            while email in emails_seen:
                email, suffix = f"{local}{suffix}@{domain}", suffix + 1
            emails_seen.add(email)
            country = org.country if org else "DE"
            phones = [self.phone(*rng.choice(_MOBILE[country]))] if rng.random() < 0.85 else []
            if org and org.city in _OFFICE_AREA and rng.random() < 0.4:
                phones.append(self.phone(_OFFICE_AREA[org.city], 7))
            linkedin = None
            if rng.random() < 0.8:
                linkedin = f"https://www.linkedin.com/in/{_slug(person.name)}-{rng.getrandbits(24):06x}"
            xing = None
            if person.origin in _DACH and rng.random() < 0.25:
                xing = f"https://www.xing.com/profile/{_slug(given, '_').title()}_{_slug(family, '_').title()}"
            year, month, day = person.birthday if person.birthday else (None, None, None)
            how_met = None
            if rng.random() < 0.6:
                language = "de" if person.origin in _DACH else "en"
                how_met = rng.choice(_HOW_MET[language]).format(
                    year=self.today.year - rng.randint(1, 8), other=rng.choice(people).name, city=person.city)
            created = self.now - dt.timedelta(days=(max(person.interaction_days) if person.interaction_days
                                                    else rng.randint(0, 30)) + rng.randint(1, 60))
            table.add(
                id=person.id, full_name=person.name, given_name=given, family_name=family, honorific_prefix=prefix,
                organization_id=org.id if org else None, title=title, department=department,
                hierarchy_level=person.level, emails=[email], phones=phones,
                urls=[f"https://www.{org.domain}"] if org and rng.random() < 0.3 else [], linkedin_url=linkedin,
                xing_url=xing, city=person.city, country=country, birthday_year=year, birthday_month=month,
                birthday_day=day, tier=person.tier,
                cadence_days=30 if person.tier == "A" and rng.random() < 0.1 else None,
                preferred_channel=rng.choice(["lunch", "call", "video_call", "email", "linkedin"])
                if person.tier in "AB" and rng.random() < 0.5 else None,
                tags=rng.sample(_TAGS, rng.choice([0, 0, 1, 1, 2])), topics=person.topics, how_met=how_met,
                sources=["demo"], notes=rng.choice(["Bevorzugt Termine am Vormittag", "Spricht gern über Segeln",
                                                    "Duzt sich mit mir seit dem Projekt"])
                if rng.random() < 0.05 else None,
                archived=person.tier == "D" and rng.random() < 0.03, created_at=created, updated_at=created,
            )
            identities.add(contact_id=person.id, kind="email", value=email, source="demo")
            for phone in phones:
                identities.add(contact_id=person.id, kind="phone", value=phone, source="demo")
            if linkedin:
                identities.add(contact_id=person.id, kind="linkedin", value=linkedin, source="demo")
        table.insert(self.con)
        identities.insert(self.con)

    # interactions: the day of the latest one per contact decides its due state

    def last_contact_days(self, people: list[_Person]) -> dict[int, int]:
        """Days since the latest interaction, per A/B/C contact, so each tier has overdue, due, soon and ok."""
        rng = self.rng
        gaps: dict[int, int] = {}
        for tier, (overdue, due, soon) in _DUE_MIX.items():
            members = [i for i, p in enumerate(people) if p.tier == tier]
            rng.shuffle(members)
            n = len(members)
            counts = [max(1, round(share * n)) if n >= 4 else 0 for share in (overdue, due, soon)]
            cadence = _CADENCE[tier]
            grace = math.ceil(cadence * _GRACE)
            states = ["overdue"] * counts[0] + ["due"] * counts[1] + ["soon"] * counts[2]
            states += ["ok"] * (n - len(states))
            bounds = {"overdue": (grace, grace + 60), "due": (cadence, grace - 1), "soon": (cadence - 7, cadence - 1),
                      "ok": (2, cadence - 8)}
            for index, state in zip(members, states, strict=True):
                gaps[index] = rng.randint(*bounds[state])
        return gaps

    def plan_interactions(self, people: list[_Person], total: int | None) -> None:
        rng = self.rng
        weights = [_INTERACTION_WEIGHT[p.tier] for p in people]
        if total is None:
            total = round(sum(weights))
        gaps = self.last_contact_days(people)
        # the contacts with a cadence get their latest interaction first, the rest by tier weight
        firsts = sorted(gaps, key=lambda i: ("ABC".index(people[i].tier), i))[:total]
        for i in firsts:
            people[i].interaction_days.append(gaps[i])
        for i in rng.choices(range(len(people)), weights=weights, k=total - len(firsts)):
            floor = gaps.get(i, 0)
            people[i].interaction_days.append(rng.randint(floor or 1, HISTORY_DAYS))

    def interactions(self, people: list[_Person], orgs: list[_Org]) -> int:
        rng = self.rng
        table = _Table("interactions", ["contact_id", "occurred_on", "channel", "in_person", "topics", "hooks",
                                        "gave", "received", "follow_up_on", "follow_up_done", "created_at"],
                       ["topics"])
        channel_names = {tier: list(mix) for tier, mix in _CHANNELS.items()}
        channel_weights = {tier: list(mix.values()) for tier, mix in _CHANNELS.items()}
        for person in people:
            if not person.interaction_days:
                continue
            language = "de" if person.origin in _DACH else "en"
            field_name = orgs[person.org].field if person.org is not None else ENERGY
            latest = min(person.interaction_days)
            for days_ago in person.interaction_days:
                is_latest = days_ago == latest
                occurred = self.day(days_ago)
                if person.tier == "D" and person.birthday and rng.random() < 0.6:
                    channel = "birthday_greeting"
                    occurred = self.birthday_near(person.birthday, occurred)
                else:
                    channel = rng.choices(channel_names[person.tier], weights=channel_weights[person.tier])[0]
                values = {"city": rng.choice(_CITIES["DE"]), "topic": rng.choice(person.topics),
                          "field": field_name, "other": rng.choice(people).name}
                hooks = None
                if (is_latest and person.tier in "AB") or rng.random() < 0.45:
                    hooks = rng.choice(_HOOKS[language]).format(**values)
                follow_up = None
                if (is_latest and person.tier in "ABC" and rng.random() < 0.3) or rng.random() < 0.08:
                    follow_up = occurred + dt.timedelta(days=rng.randint(5, 30))
                table.add(
                    contact_id=person.id, occurred_on=occurred, channel=channel,
                    in_person=channel in _IN_PERSON,
                    topics=rng.sample(person.topics, min(len(person.topics), rng.randint(1, 2))), hooks=hooks,
                    gave=rng.choice(_GAVE[language]).format(**values) if rng.random() < 0.35 else None,
                    received=rng.choice(_RECEIVED[language]).format(**values) if rng.random() < 0.3 else None,
                    follow_up_on=follow_up, follow_up_done=follow_up is not None and not is_latest,
                    created_at=dt.datetime.combine(occurred, dt.time(18, 0)),
                )
        table.insert(self.con)
        return len(table)

    def birthday_near(self, birthday: tuple[int | None, int, int], day: dt.date) -> dt.date:
        """The birthday on or before `day`, or the one after it when that one lies outside the two years."""
        _, month, dom = birthday
        this_year = dt.date(day.year, month, min(dom, 28) if month == 2 else dom)
        greeting = this_year if this_year <= day else this_year.replace(year=day.year - 1)
        if (self.today - greeting).days > HISTORY_DAYS:
            greeting = greeting.replace(year=greeting.year + 1)
        return greeting

    # history, relationships, introductions

    def histories(self, people: list[_Person], orgs: list[_Org]) -> None:
        rng = self.rng
        tiers = _Table("tier_history", ["contact_id", "changed_at", "old_tier", "new_tier", "reason"])
        careers = _Table("career_history", ["contact_id", "organization", "title", "observed_on", "source"])
        order = "ABCD"
        for person in people:
            if rng.random() < 0.12:
                step = rng.choice([-1, 1]) if person.tier in "BC" else (1 if person.tier == "A" else -1)
                old = order[order.index(person.tier) + step]
                tiers.add(contact_id=person.id, changed_at=self.now - dt.timedelta(days=rng.randint(20, 600)),
                          old_tier=old, new_tier=person.tier,
                          reason=rng.choice(_TIER_REASONS["up" if step == 1 else "down"]))
            if person.org is not None and rng.random() < 0.2:
                previous = orgs[rng.randrange(len(orgs))]
                recent = rng.random() < 0.25
                changed = rng.randint(5, 45) if recent else rng.randint(120, 1100)
                careers.add(contact_id=person.id, organization=previous.name,
                            title=rng.choice(TITLES["company"]["specialist"])[1 if person.female else 0],
                            observed_on=self.day(changed + rng.randint(200, 1500)), source="demo")
                careers.add(contact_id=person.id, organization=orgs[person.org].name, title=person.title,
                            observed_on=self.day(changed), source="demo")
        tiers.insert(self.con)
        careers.insert(self.con)

    def relationships(self, people: list[_Person]) -> set[tuple[str, str]]:
        """Colleagues know each other; a few more pairs from associations, studies, the golf club."""
        rng = self.rng
        pairs: dict[tuple[str, str], str] = {}
        by_org: dict[int, list[str]] = {}
        for person in people:
            if person.org is not None:
                by_org.setdefault(person.org, []).append(person.id)
        for colleagues in by_org.values():
            for a, b in pairwise(colleagues):
                pairs[(min(a, b), max(a, b))] = "Kollegen"
        for _ in range(len(people) * 3 // 5):
            one, other = (p.id for p in rng.sample(people, 2))
            pairs.setdefault((min(one, other), max(one, other)), rng.choice(_RELATIONS[1:]))
        table = _Table("relationships", ["contact_a", "contact_b", "how", "strength", "since"])
        for (a, b), how in pairs.items():
            table.add(contact_a=a, contact_b=b, how=how, strength=rng.randint(1, 3),
                      since=self.day(rng.randint(100, 4000)))
        table.insert(self.con)
        return set(pairs)

    def introductions(self, people: list[_Person], orgs: list[_Org], known: set[tuple[str, str]]) -> int:
        rng = self.rng
        table = _Table("introductions", ["contact_a", "contact_b", "introduced_on", "context", "status", "outcome"])
        wanted = max(3, len(people) // 25)
        for attempt in range(wanted * 5):
            if len(table) >= wanted:
                break
            a, b = rng.sample(people, 2)
            if (min(a.id, b.id), max(a.id, b.id)) in known:
                continue
            status = "open" if attempt < 2 else rng.choice(["open", "met", "met", "no_fit", "declined"])
            field_name = orgs[b.org].field if b.org is not None else ENERGY
            table.add(contact_a=a.id, contact_b=b.id,
                      introduced_on=self.day(rng.randint(3, 40) if status == "open" else rng.randint(60, 500)),
                      context=rng.choice(_INTRO_CONTEXT).format(topic=rng.choice(a.topics), field=field_name),
                      status=status, outcome=_INTRO_OUTCOME.get(status))
        table.insert(self.con)
        return len(table)

    # goals, segments, events

    def goals(self) -> tuple[list[str], int]:
        segment_ids = dict(zip([s[0] for s in _SEGMENTS], self.new_ids(len(_SEGMENTS)), strict=True))
        segments = _Table("segments", ["id", "kind", "name", "organization_names", "organization_keys", "keywords",
                                       "topics", "levels", "priority", "channels", "approach_note"],
                          ["organization_names", "organization_keys", "keywords", "topics", "levels", "channels"])
        for key, kind, name, org_names, keywords, topics, levels, priority, channels, note in _SEGMENTS:
            segments.add(id=segment_ids[key], kind=kind, name=name, organization_names=org_names,
                         organization_keys=sorted({normalize_org_name(n) for n in org_names}), keywords=keywords,
                         topics=topics, levels=levels, priority=priority, channels=channels, approach_note=note)
        goal_ids = self.new_ids(len(_GOALS))
        goals = _Table("goals", ["id", "title", "purpose", "expected_value", "my_offer", "success_criterion",
                                 "target_count", "target_tiers", "target_levels", "target_in_person", "starts_on",
                                 "target_date", "status", "created_at"], ["target_tiers", "target_levels"])
        links = _Table("goal_segments", ["goal_id", "segment_id"])
        for goal_id, (title, purpose, value, offer, criterion, count, levels, in_person, started, target, status,
                      keys) in zip(goal_ids, _GOALS, strict=True):
            goals.add(id=goal_id, title=title, purpose=purpose, expected_value=value, my_offer=offer,
                      success_criterion=criterion, target_count=count, target_tiers=["A", "B"],
                      target_levels=levels, target_in_person=in_person, starts_on=self.day(started),
                      target_date=self.day(-target), status=status,
                      created_at=self.now - dt.timedelta(days=started))
            for key in keys:
                links.add(goal_id=goal_id, segment_id=segment_ids[key])
        segments.insert(self.con)
        goals.insert(self.con)
        links.insert(self.con)
        return goal_ids, len(segments)

    def events(self, people: list[_Person], orgs: list[_Org], goal_ids: list[str]) -> tuple[int, int, int]:
        rng = self.rng
        fair, conference, meeting = self.new_ids(3)
        starts = {fair: self.day(-38), conference: self.day(-17), meeting: self.day(-63)}
        events = _Table("events", ["id", "name", "kind", "starts_on", "ends_on", "city", "venue", "topics", "url",
                                   "notes"], ["topics"])
        events.add(id=fair, name=f"Industrie- und Energiemesse Hannover {starts[fair].year}", kind="trade_fair",
                   starts_on=starts[fair], ends_on=starts[fair] + dt.timedelta(days=4), city="Hannover",
                   venue="Messegelände Hannover", topics=["Wasserstoff", "Elektrolyse", "Industrie 4.0"],
                   url="https://messe.example/hannover", notes="Schwerpunkt Halle 13: Wasserstoff und Brennstoffzellen")
        events.add(id=conference, name=f"Wasserstoff-Kongress Süd {starts[conference].year}", kind="conference",
                   starts_on=starts[conference], ends_on=starts[conference] + dt.timedelta(days=1), city="Stuttgart",
                   venue="Haus der Wirtschaft", topics=["Wasserstoff", "Förderprogramme", "Regulierung"],
                   url="https://kongress.example/h2-sued", notes=None)
        events.add(id=meeting, name="Mitgliederversammlung Wasserstoffverband Süd", kind="association",
                   starts_on=starts[meeting], ends_on=starts[meeting], city="Ulm", venue="Stadthaus Ulm",
                   topics=["Regulierung", "Normung"], url=None, notes="Danach Arbeitskreis Elektrolyse")
        event_goals = _Table("event_goals", ["event_id", "goal_id"])
        for event_id, goal_index in ((fair, 0), (conference, 0), (conference, 1), (meeting, 1)):
            event_goals.add(event_id=event_id, goal_id=goal_ids[goal_index])

        exhibitors = _Table("exhibitors", ["event_id", "name", "normalized_name", "organization_id", "role", "booth"])
        fair_fields = (ENERGY, AUTOMOTIVE, MACHINERY, CONSULTING)
        candidates = [org for org in orgs if org.field in fair_fields]
        shown = [org for i, org in enumerate(candidates) if rng.random() < (0.7 if i < 30 else 0.05)]
        for org in shown[:250]:
            exhibitors.add(event_id=fair, name=org.name, normalized_name=normalize_org_name(org.name),
                           organization_id=org.id, role="exhibitor", booth=self.booth())
        for name in ("Elektrolyse Systeme Nord GmbH", "HyCompress Technologies GmbH", "Brennstoffzellen-Cluster "
                     "Sachsen e.V.", "Nordic Electrolyser AS", "Ventilwerk Schwarzwald GmbH", "GreenMolecule SAS",
                     "Druckbehälter Henning KG", "Pipeline Solutions Europe B.V."):
            exhibitors.add(event_id=fair, name=name, normalized_name=normalize_org_name(name), organization_id=None,
                           role="exhibitor", booth=self.booth())
        speakers = [org for org in orgs if org.field in (UNIVERSITY, ASSOCIATION, PUBLIC)][:6]
        for org in speakers:
            exhibitors.add(event_id=conference, name=org.name, normalized_name=normalize_org_name(org.name),
                           organization_id=org.id, role="speaker", booth=None)

        plans = _Table("event_plans", ["event_id", "contact_id", "status", "slot_start", "slot_end", "place",
                                       "talking_points", "notes", "updated_at"])
        shown_ids = {org.id for org in shown}
        at_fair = [p for p in people if p.org is not None and orgs[p.org].id in shown_ids and p.tier in "ABC"]
        in_research = [p for p in people if p.org is not None and orgs[p.org].field in (UNIVERSITY, ASSOCIATION)]
        in_association = [p for p in people if p.org is not None and orgs[p.org].field == ASSOCIATION]
        for event_id, guests, count in ((fair, at_fair, 10), (conference, in_research, 5),
                                        (meeting, in_association, 3)):
            for n, person in enumerate(rng.sample(guests, min(count, len(guests)))):
                status = ("confirmed", "confirmed", "asked", "to_ask", "declined")[n % 5]
                slot = None
                if status == "confirmed":
                    slot = dt.datetime.combine(starts[event_id] + dt.timedelta(days=n % 2), dt.time(10 + n, 0))
                plans.add(event_id=event_id, contact_id=person.id, status=status, slot_start=slot,
                          slot_end=slot + dt.timedelta(minutes=30) if slot else None,
                          place="Kaffeebar am Stand" if slot else None,
                          talking_points=f"{rng.choice(person.topics)}: nach aktuellen Projekten fragen",
                          notes=None, updated_at=self.now - dt.timedelta(days=rng.randint(0, 10)))
        for table in (events, event_goals, exhibitors, plans):
            table.insert(self.con)
        return len(events), len(exhibitors), len(plans)

    def booth(self) -> str:
        return f"Halle {self.rng.randint(11, 27)}, {self.rng.choice('ABCDEF')}{self.rng.randint(10, 60)}"

    def profile(self) -> None:
        names = ", ".join(f"{key} = ?" for key in PROFILE)
        self.con.execute(f"UPDATE profile SET {names}, updated_at = ? WHERE id = 1 AND full_name = ''",  # noqa: S608
                         [*PROFILE.values(), self.now])


# --- the entry point --------------------------------------------------------------------------------------------


def load_demo(con: Connection, contacts: int = 300, interactions: int | None = None, seed: int = 42,
              today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database with the demo network; raises DatabaseNotEmpty when it already holds data.

    `interactions` defaults to about 4.5 per contact (weighted by tier); all dates are relative to `today`.
    """
    if contacts < 1 or (interactions is not None and interactions < 0):
        raise ValueError("contacts must be at least 1 and interactions not negative")
    started = time.perf_counter()
    today = today or dt.date.today()
    builder = _Builder(con, random.Random(seed), today)
    with transaction(con):
        found = _filled_tables(con)
        if found:
            raise DatabaseNotEmpty(found)
        builder.profile()
        orgs = builder.organizations(max(len(ANCHOR_ORGANIZATIONS), contacts // 6))
        people = builder.people(contacts, orgs)
        builder.plan_interactions(people, interactions)
        builder.contacts(people, orgs)
        interaction_count = builder.interactions(people, orgs)
        builder.histories(people, orgs)
        known = builder.relationships(people)
        introduction_count = builder.introductions(people, orgs, known)
        goal_ids, segment_count = builder.goals()
        event_count, exhibitor_count, plan_count = builder.events(people, orgs, goal_ids)
    tiers = dict(con.execute("SELECT tier, count(*) FROM contacts GROUP BY tier ORDER BY tier").fetchall())
    due = dict(con.execute("SELECT due_state, count(*) FROM contact_care(?) GROUP BY due_state", [today]).fetchall())
    return DemoSummary(
        contacts=contacts, organizations=len(orgs), interactions=interaction_count, goals=len(goal_ids),
        segments=segment_count, events=event_count, exhibitors=exhibitor_count, event_plans=plan_count,
        relationships=len(known), introductions=introduction_count, tiers=tiers, due=due,
        seconds=time.perf_counter() - started,
    )


def demo_summary_lines(summary: DemoSummary, lang: str, path: object) -> list[str]:
    """What `netz demo` reports, in the user's language."""

    def num(value: int) -> str:
        return format_number(value, lang)

    tiers = {tier.lower(): num(summary.tiers.get(tier, 0)) for tier in "ABCD"}
    due = {state: num(summary.due.get(state, 0)) for state in ("overdue", "due", "soon")}
    return [
        translate(lang, "demo.loaded", path=str(path), seconds=format_number(summary.seconds, lang, 1)),
        "  " + translate(lang, "demo.contacts", contacts=num(summary.contacts),
                         organizations=num(summary.organizations), **tiers),
        "  " + translate(lang, "demo.interactions", interactions=num(summary.interactions), **due),
        "  " + translate(lang, "demo.goals", goals=num(summary.goals), segments=num(summary.segments)),
        "  " + translate(lang, "demo.events", events=num(summary.events), exhibitors=num(summary.exhibitors),
                         plans=num(summary.event_plans)),
        "  " + translate(lang, "demo.network", relationships=num(summary.relationships),
                         introductions=num(summary.introductions)),
    ]

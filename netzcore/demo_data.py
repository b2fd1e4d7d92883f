"""What the demo network is made of: fictional organisations, names, titles, words for hooks and give-and-take,
goals with their target segments. German-leaning, like the user; international contacts get English text.

`netzcore.demo` builds the rows from these with one seeded random generator.
"""

from __future__ import annotations

import re

# --- shares and rhythm -------------------------------------------------------------------------------------------

TIER_SHARES = {"A": 0.07, "B": 0.17, "C": 0.33}  # D: the rest
# interactions per contact over two years, by tier (the default count is their sum)
INTERACTION_WEIGHT = {"A": 14.0, "B": 9.0, "C": 4.0, "D": 1.5}
# share of contacts of a tier that the demo leaves overdue / due / due within a week
DUE_MIX = {"A": (0.15, 0.15, 0.15), "B": (0.15, 0.15, 0.15), "C": (0.2, 0.15, 0.1)}
HISTORY_DAYS = 730

ENERGY, AUTOMOTIVE, MACHINERY, BANKING, CONSULTING, PUBLIC, UNIVERSITY, ASSOCIATION = (
    "Energie & Wasserstoff", "Automobilzulieferer", "Maschinen- und Anlagenbau", "Banken & Finanzierung",
    "Beratung", "Öffentliche Hand", "Hochschulen & Forschung", "Verbände",
)
KIND = {PUBLIC: "institution", UNIVERSITY: "institution", ASSOCIATION: "association"}
FIELD_TOPICS = {
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
MORE_ORGANIZATIONS = {
    ENERGY: ["Stadtwerke {city}", "{city} Energie AG", "Energieversorgung {city} GmbH"],
    AUTOMOTIVE: ["{surname} Automotive GmbH", "{surname} Fahrzeugteile GmbH", "{surname} Antriebstechnik AG"],
    MACHINERY: ["{surname} Maschinenbau GmbH", "{surname} Anlagenbau GmbH & Co. KG", "{surname} Verfahrenstechnik"],
    BANKING: ["Volksbank {city} eG", "Sparkasse {city}", "Bankhaus {surname}"],
    CONSULTING: ["{surname} & Partner Beratung", "{surname} Consulting GmbH"],
    PUBLIC: ["Wirtschaftsförderung {city}", "Stadt {city}"],
    UNIVERSITY: ["Hochschule {city}", "Universität {city}"],
    ASSOCIATION: ["Unternehmerverband {city} e.V.", "Ingenieurverein {city} e.V."],
}

CITIES = {
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
MOBILE = {
    "DE": [("+49151", 8), ("+49152", 8), ("+49157", 8), ("+49162", 8), ("+49172", 8), ("+49176", 8)],
    "AT": [("+43664", 7), ("+43676", 7)], "CH": [("+4176", 7), ("+4178", 7), ("+4179", 7)],
    "NL": [("+316", 8)], "FR": [("+336", 8), ("+337", 8)], "IT": [("+39347", 7), ("+39333", 7)],
    "GB": [("+447400", 6), ("+447812", 6)], "SE": [("+4670", 7)], "PL": [("+4850", 7)], "DK": [("+4540", 6)],
}
OFFICE_AREA = {"Stuttgart": "+49711", "München": "+4989", "Köln": "+49221", "Hamburg": "+4940", "Berlin": "+4930",
                "Frankfurt am Main": "+4969", "Hannover": "+49511", "Wien": "+431", "Graz": "+43316",
                "Zürich": "+4144"}
TLD = {"DE": "de", "AT": "at", "CH": "ch", "NL": "nl", "FR": "fr", "IT": "it", "GB": "co.uk", "SE": "se",
        "PL": "pl", "DK": "dk"}

# Given names (female, male) and surnames by country of origin.
PEOPLE: dict[str, tuple[list[str], list[str], list[str]]] = {
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
DACH = ("DE", "AT", "CH")

# Titles by hierarchy level and kind of organisation: (masculine, feminine, department).
Title = tuple[str, str, str | None]
TITLES: dict[str, dict[str, list[Title]]] = {
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
ENGLISH_TITLE = re.compile(r"CEO|CFO|CTO|Managing|Head of|Director|Senior|Product|Business|Key Account|Research")
LEVEL_SHARES = (("executive", 0.15), ("head", 0.3), ("specialist", 0.55))

TAGS = ["Entscheider", "Alumni KIT", "Golf", "Mentor", "Redner", "Presse", "Investor", "Segeln", "Rotary",
         "Laufen", "Beirat", "Kunde", "Ex-Kollege"]
HOW_MET = {
    "de": ["Hannover Messe {year}", "Vorgestellt von {other}", "Alumni-Treffen {year}",
           "LinkedIn-Anfrage nach meinem Vortrag", "Gemeinsames Projekt {year}", "Golfturnier des Rotary Clubs",
           "Arbeitskreis Wasserstoff", "Früher Kollegen im selben Projekt", "Podiumsdiskussion in {city}"],
    "en": ["Hannover trade fair {year}", "Introduced by {other}", "Alumni meeting {year}",
           "LinkedIn request after my talk", "Joint project {year}", "Panel discussion in {city}"],
}
HOOKS = {
    "de": ["Nach dem Umzug nach {city} fragen", "Die H2-Studie schicken", "Hat nach Kontakten im Bereich {field} gefragt",
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
GAVE = {
    "de": ["Studie zu {topic} geschickt", "Kontakt zu {other} vermittelt", "Feedback zum Förderantrag gegeben",
           "Zum Vortrag über {topic} eingeladen", "Marktüberblick Elektrolyseure geteilt",
           "Eine Nachwuchskraft empfohlen", "Folien meines Vortrags geschickt"],
    "en": ["Sent the study on {topic}", "Introduced {other}", "Shared the electrolyser market overview",
           "Invited to my talk on {topic}"],
}
RECEIVED = {
    "de": ["Tipp zur Ausschreibung in {city}", "Einladung zur Verbandssitzung", "Kontakt in den Einkauf",
           "Einblick in die H2-Roadmap", "Feedback zu meinem Vortrag", "Hinweis auf Förderprogramm zu {topic}",
           "Empfehlung an die Geschäftsführung"],
    "en": ["Tip about a tender in {city}", "Invitation to the working group", "Feedback on my talk",
           "Insight into their hydrogen roadmap"],
}
TIER_REASONS = {
    "up": ["Neue Rolle als Entscheider", "Wichtig für das Ziel Vertriebskanäle", "Gemeinsames Projekt gestartet",
           "Wechsel zu einem Zielunternehmen"],
    "down": ["Kaum noch Berührungspunkte", "Hat die Branche gewechselt", "In Elternzeit, später wieder aufnehmen"],
}
RELATIONS = ["Kollegen", "Ehemalige Kollegen", "Verband", "Studium", "Golfclub", "Projektpartner", "Befreundet"]
INTRO_CONTEXT = ["Beide arbeiten an {topic}", "Sucht Kontakte im Bereich {field}", "Gemeinsames Interesse an {topic}"]
INTRO_OUTCOME = {"met": "Haben sich getroffen, Pilotprojekt im Gespräch", "no_fit": "Passte fachlich nicht",
                  "declined": "Kein Interesse zurzeit"}
CHANNELS = {
    "A": {"lunch": 25, "meeting": 20, "call": 20, "video_call": 15, "event": 10, "email": 5, "sports": 5},
    "B": {"meeting": 20, "call": 25, "video_call": 20, "email": 15, "linkedin": 10, "event": 10},
    "C": {"email": 30, "linkedin": 25, "call": 15, "video_call": 10, "event": 15, "xing": 5},
    "D": {"linkedin": 40, "email": 40, "xing": 10, "other": 10},
}
IN_PERSON = frozenset({"lunch", "meeting", "event", "sports"})

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


def orgs_in(*fields: str) -> list[str]:
    return [name for name, org_field, *_ in ANCHOR_ORGANIZATIONS if org_field in fields]


# Goals and their target segments. Segment: (key, kind, name, organisation names, keywords, topics, levels,
# priority, channels, approach note)
SEGMENTS: tuple[tuple[str, str, str, list[str], list[str], list[str], list[str], int, list[str], str], ...] = (
    ("h2_utilities", "company", "Wasserstoff-Versorger", orgs_in(ENERGY) + ["RWW"], [], [],
     ["executive", "head"], 1, ["event", "linkedin"],
     "Über die Messe und den Wasserstoffverband; Anfrage kurz mit Bezug auf ihre H2-Strategie."),
    ("fuel_cell_suppliers", "company", "Automobilzulieferer mit Brennstoffzelle", orgs_in(AUTOMOTIVE), [], [],
     ["executive", "head"], 1, ["event", "xing"], "Einkauf und Entwicklung gezielt auf der Messe ansprechen."),
    ("electrolysis", "topic", "Thema Elektrolyse", [], [], ["Elektrolyse"], ["head", "specialist"], 2,
     ["linkedin", "association"], "Fachlich über Studien und den Arbeitskreis einsteigen."),
    ("associations", "institution", "Verbände und Gremien", orgs_in(ASSOCIATION), [], [],
     ["executive", "head"], 2, ["association"], "Mitarbeit im Arbeitskreis anbieten, Vortrag vorschlagen."),
    ("research", "institution", "Hochschulen und Forschung", orgs_in(UNIVERSITY), [], [],
     ["executive", "head", "specialist"], 2, ["event", "linkedin"], "Gastvortrag und Abschlussarbeiten anbieten."),
    ("machinery_talent", "field", "Nachwuchs im Maschinen- und Anlagenbau", [],
     ["maschinenbau", "anlagenbau", "verfahrenstechnik"], [], ["specialist"], 3, ["linkedin", "sports"],
     "Locker über Laufgruppe und Alumni-Treffen."),
    ("financing", "company", "Banken und Förderinstitute", orgs_in(BANKING, PUBLIC), [], [],
     ["executive", "head"], 2, ["private", "association"], "Über gemeinsame Bekannte vorstellen lassen."),
    ("sustainable_finance", "topic", "Sustainable Finance", [], [], ["Sustainable Finance", "Projektfinanzierung"],
     ["head", "specialist"], 3, ["linkedin"], "Mit einem konkreten Projekt als Anlass schreiben."),
)
# Goal: (title, purpose, expected value, my offer, success criterion, target count, levels, in person,
# started days ago, days to target date, status, segment keys)
GOALS: tuple[tuple[str, str, str, str, str, int, list[str], int, int, int, str, list[str]], ...] = (
    ("Neue Vertriebskanäle bei Wasserstoff-Versorgern und Zulieferern", "sales_channels",
     "Zwei Pilotprojekte für Elektrolyse-Beratung im nächsten Jahr",
     "Erfahrung aus 15 H2-Projekten und ein Überblick über die Förderprogramme",
     "Fünfzehn Entscheider auf Leitungs- oder Geschäftsführungsebene als A- oder B-Kontakt", 15,
     ["executive", "head"], 24, 120, 240, "active", ["h2_utilities", "fuel_cell_suppliers", "electrolysis"]),
    ("Expertise als Rednerin sichtbar machen", "expertise",
     "Drei Vorträge oder Panels pro Jahr auf Fachveranstaltungen",
     "Praxiswissen aus Projekten, verständlich aufbereitet",
     "Fünfzehn A- oder B-Kontakte in Verbänden und Forschung, zwölf persönliche Treffen", 15,
     [], 12, 200, 150, "active", ["associations", "research"]),
    ("Talente für das eigene Team gewinnen", "talent", "Zwei Berufseinsteiger mit Verfahrenstechnik-Hintergrund",
     "Betreuung von Abschlussarbeiten, Einblick in echte Projekte", "Zwei Gespräche mit Kandidaten pro Quartal",
     4, ["specialist"], 2, 60, 300, "paused", ["research", "machinery_talent"]),
    ("Finanzierungspartner für H2-Projekte", "reach", "Kurze Wege zu Banken und Förderinstituten",
     "Gut vorbereitete, förderfähige Projekte",
     "Fünfzehn Ansprechpartner auf Leitungsebene bei Banken oder Förderinstituten", 15,
     ["executive", "head"], 6, 30, 365, "active", ["financing", "sustainable_finance"]),
)

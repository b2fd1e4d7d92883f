"""A deterministic phone export for tests and benchmarks: `phone_export(10_000)` looks like an iPhone backup.

Every card has a name, an organisation and title, one to three phone numbers (national and international
forms), an e-mail address, a name unique for the first 10,000 cards, and now and then a birthday, a LinkedIn profile, a note with commas and an umlaut;
every `photo_every`-th card carries a base64 JPEG photo (about 6 KB, folded at 75 characters, like iOS writes).
`office_export(10_000)` is the harder one for telling people apart: shared office numbers, households, info@
mailboxes, the same person twice and namesakes, with the truth of which person each card is.
"""

from __future__ import annotations

import base64
import io
import random
from dataclasses import dataclass, field
from functools import cache

GIVEN = ("Anna", "Jonas", "Lea", "Lukas", "Marie", "Felix", "Sophie", "Maximilian", "Emma", "Paul", "Hannah",
         "Leon", "Mia", "Elias", "Clara", "Jürgen", "Zoë", "Björn", "Chloé", "Kai")
FAMILY = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
          "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann", "Krüger", "Hartmann")
ORGS = ("Voith", "ZF Friedrichshafen AG", "Siemens Energy", "Bosch", "Trumpf", "Festo", "SAP SE", "Allianz",
        "Stadtwerke München", "Fraunhofer IPA", "Würth", "Kärcher", "Heraeus", "Dräger", "Zeiss")
ENDINGS = ("", "mann", "er", "berg", "feld", "hoff", "stein", "bach", "hausen", "brink", "dorf", "kamp", "lein",
           "ow", "ing", "holt", "wald", "rath", "egger", "inger", "acker", "bruck", "heim", "loh", "ke")
TITLES = ("Projektleiterin", "Leiter Einkauf", "Geschäftsführer", "Head of Sales", "Key Account Manager",
          "Software Engineer", "Bereichsleiterin Vertrieb", "CEO", "Referent", "Director Operations")


@cache
def sample_jpeg() -> bytes:
    """A 192x192 JPEG with some structure (a gradient), about 6 KB like a contact photo."""
    from PIL import Image

    image = Image.new("RGB", (192, 192))
    image.putdata([((x * 4) % 256, (y * 3) % 256, ((x + y) * 2) % 256) for y in range(192) for x in range(192)])
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _fold(line: str, width: int = 75) -> str:
    parts = [line[:width]] + [" " + line[i:i + width - 1] for i in range(width, len(line), width - 1)]
    return "\r\n".join(parts)


def phone_card(i: int, rng: random.Random, photo: bool) -> str:
    given = GIVEN[i % len(GIVEN)]
    family = FAMILY[(i // len(GIVEN)) % len(FAMILY)] + ENDINGS[(i // (len(GIVEN) * len(FAMILY))) % len(ENDINGS)]
    org, title = rng.choice(ORGS), rng.choice(TITLES)
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.1//EN",
             f"N:{family};{given};;;", f"FN:{given} {family}", f"ORG:{org};", f"TITLE:{title}",
             f"item1.EMAIL;type=INTERNET;type=pref:{given}.{family}.{i}@example.com".lower(),
             "item1.X-ABLabel:_$!<Work>!$_",
             f"TEL;type=CELL;type=VOICE;type=pref:+49 15{rng.randint(1, 9)} {rng.randint(1000000, 9999999)}"]
    if rng.random() < 0.6:
        lines.append(f"TEL;type=WORK;type=VOICE:0{rng.randint(30, 89)} {rng.randint(100000, 9999999)}")
    if rng.random() < 0.2:
        lines.append(f"TEL;type=HOME;type=VOICE:+41 44 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}")
    if rng.random() < 0.4:
        lines.append(f"BDAY:{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    elif rng.random() < 0.1:
        lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    if rng.random() < 0.3:
        lines.append(f"item2.URL:https://www.linkedin.com/in/{given}-{family}-{i}/".lower())
        lines.append("item2.X-ABLabel:LinkedIn")
    if rng.random() < 0.25:
        lines.append(f"NOTE:Kennengelernt auf der Hannover Messe, Halle {rng.randint(1, 27)}, Stand B{i % 90}.")
    if rng.random() < 0.3:
        lines.append(f"ADR;type=WORK:;;Hauptstraße {i % 200 + 1};Stuttgart;;70173;Deutschland")
    if photo:
        lines.append(_fold("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(sample_jpeg()).decode("ascii")))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def phone_export(cards: int = 10_000, photo_every: int = 10, seed: int = 42) -> bytes:
    """`cards` vCard 3.0 cards as an iPhone writes them (CRLF, UTF-8), every `photo_every`-th with a photo."""
    rng = random.Random(seed)
    return "".join(phone_card(i, rng, photo_every > 0 and i % photo_every == 0) for i in range(cards)).encode()


# --- an office phone export: colleagues, households and people twice -----------------------------------------------

AREAS = ("711", "89", "30", "40", "221", "69", "911", "7156", "6221", "761", "351", "511")
KINDS = ("Maschinenbau GmbH", "Consulting AG", "Logistik GmbH & Co. KG", "Software GmbH", "Energie AG", "Bau GmbH",
         "Medizintechnik GmbH", "Stadtwerke", "Kanzlei", "Versicherung AG")
FREEMAIL = ("gmx.example", "web.example", "t-online.example", "gmail.example")


@dataclass(frozen=True, slots=True)
class OfficeExport:
    """A phone export whose cards share numbers and mailboxes, with the truth: which person each card is."""

    data: bytes
    people: int                           # persons behind the cards
    person_of_card: dict[str, int]        # card UID -> person
    same_person_twice: int                # persons with a second card that shares a key with the first
    namesakes: int                        # persons who share another person's name, with keys of their own


@dataclass(slots=True)
class _Person:
    given: str
    family: str
    company: int | None = None
    office: str | None = None             # switchboard, own direct dial or a team line
    emails: list[str] = field(default_factory=list)
    mobile: str | None = None
    landline: str | None = None
    birthday: str | None = None
    title: str | None = None


def _number(rng: random.Random, area: str, digits: int) -> str:
    return area + str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))


def _valid(national: str) -> bool:
    import phonenumbers

    return phonenumbers.is_valid_number(phonenumbers.parse("+49" + national))


def office_export(cards: int = 10_000, photo_every: int = 10, seed: int = 42) -> OfficeExport:
    """`cards` vCards as an office phone exports them: colleagues share a switchboard (+49 711 12345-0) or a team
    line, have direct dials beside it, some write only info@ of their company; households share a landline; about
    1.5% of the people have a second card (the same person again, sharing a mobile or an e-mail address, at times
    under an initial) and 1.5% are namesakes of another person with their own keys. Deterministic for a seed."""
    rng = random.Random(seed)
    twice = round(cards * 0.015)
    namesakes = round(cards * 0.015)
    base = cards - twice - namesakes
    companies = []
    for number in range(max(cards // 25, 1)):
        while True:
            area = rng.choice(AREAS)
            office = _number(rng, area, 8 - len(area) + 1)   # the base; -0 the switchboard, -NNN direct dials
            if _valid(office + "0") and _valid(office + "123"):
                break
        name = f"{FAMILY[number % len(FAMILY)]}{ENDINGS[(number // len(FAMILY)) % len(ENDINGS)]} {rng.choice(KINDS)}"
        slug = name.split()[0].lower().replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
        companies.append((name, office, f"{slug}{number}.example", [office + str(10 + t) for t in range(3)]))
    people: list[_Person] = []
    for i in range(base):
        given = GIVEN[i % len(GIVEN)]
        family = FAMILY[(i // len(GIVEN)) % len(FAMILY)] + ENDINGS[(i // (len(GIVEN) * len(FAMILY))) % len(ENDINGS)]
        people.append(_fill(rng, _Person(given, family), len(people), companies, mobile=rng.random() < 0.75))
    _households(rng, people)
    originals = [p for p in range(base) if people[p].mobile]
    for _ in range(namesakes):                            # the same name, another person with keys of their own
        twin = people[rng.choice(originals)]
        person = _fill(rng, _Person(twin.given, twin.family), len(people), companies, mobile=True)
        if rng.random() < 0.5 and twin.company is not None:
            person.company, person.office = twin.company, companies[twin.company][1] + "0"
            person.emails = [f"{twin.given}.{twin.family}.{len(people)}@{companies[twin.company][2]}".lower()]
        people.append(person)
    cards_out: list[tuple[int, _Person, str]] = [(p, person, f"{person.given} {person.family}")
                                                 for p, person in enumerate(people)]
    for _ in range(twice):                                # the same person again, sharing a personal key
        p = rng.choice([q for q in originals if people[q].mobile or people[q].emails])
        person = people[p]
        again = _Person(person.given, person.family, person.company, None,
                        [e for e in person.emails if not e.startswith("info@")][:1], person.mobile, None,
                        person.birthday if rng.random() < 0.5 else None, person.title)
        if not again.mobile and not again.emails:
            again.mobile = person.mobile
        written = f"{person.given[0]}. {person.family}" if rng.random() < 0.3 else f"{person.given} {person.family}"
        cards_out.append((p, again, written))
    rng.shuffle(cards_out)
    lines: list[str] = []
    person_of_card: dict[str, int] = {}
    for number, (p, person, written) in enumerate(cards_out):
        uid = f"office-{seed}-{number}"
        person_of_card[uid] = p
        lines.append(_office_card(person, written, uid, companies,
                                  photo_every > 0 and number % photo_every == 0))
    return OfficeExport("".join(lines).encode(), len(people), person_of_card, twice, namesakes)


def _fill(rng: random.Random, person: _Person, pid: int, companies: list[tuple[str, str, str, list[str]]],
          mobile: bool) -> _Person:
    if rng.random() < 0.85:
        person.company = rng.randrange(len(companies)) if rng.random() < 0.7 else rng.randrange(
            max(len(companies) // 10, 1))                # a tenth of the companies employ a third of the people
        _, office, domain, teams = companies[person.company]
        kind = rng.random()
        person.office = office + "0" if kind < 0.35 else rng.choice(teams) if kind < 0.55 else f"{office}{pid % 900 + 100}"
        person.title = rng.choice(TITLES)
        mail = rng.random()
        if mail < 0.65:
            person.emails.append(f"{person.given}.{person.family}.{pid}@{domain}".lower())
        elif mail < 0.75:
            person.emails.append(f"info@{domain}")
    if rng.random() < 0.3:
        person.emails.append(f"{person.given}.{person.family}.{pid}@{rng.choice(FREEMAIL)}".lower())
    if mobile:
        while True:
            number = f"15{rng.randint(1, 9)}{rng.randint(10_000_000, 99_999_999)}"
            if _valid(number):
                person.mobile = number
                break
    if rng.random() < 0.4:
        person.birthday = f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return person


def _households(rng: random.Random, people: list[_Person]) -> None:
    """People of one family name live together in twos to fours and share the landline."""
    by_family: dict[str, list[_Person]] = {}
    for person in people:
        by_family.setdefault(person.family, []).append(person)
    for members in by_family.values():
        at = 0
        while at < len(members):
            size = rng.choice((1, 2, 2, 3, 4))
            if rng.random() < 0.4:
                while True:
                    landline = _number(rng, rng.choice(AREAS), 7)
                    if _valid(landline):
                        break
                for person in members[at:at + size]:
                    person.landline = landline
            at += size


def _office_card(person: _Person, written: str, uid: str, companies: list[tuple[str, str, str, list[str]]],
                 photo: bool) -> str:
    family, _, given = (written.rpartition(" ")[2], None, written.rpartition(" ")[0])
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.1//EN", f"UID:{uid}",
             f"N:{family};{given};;;", f"FN:{written}"]
    if person.company is not None:
        lines.append(f"ORG:{companies[person.company][0]};")
    if person.title:
        lines.append(f"TITLE:{person.title}")
    lines += [f"EMAIL;type=INTERNET:{email}" for email in person.emails]
    if person.mobile:
        lines.append(f"TEL;type=CELL;type=VOICE:+49 {person.mobile[:3]} {person.mobile[3:]}")
    if person.office:
        lines.append(f"TEL;type=WORK;type=VOICE:0{person.office}")
    if person.landline:
        lines.append(f"TEL;type=HOME;type=VOICE:0{person.landline}")
    if person.birthday:
        lines.append(f"BDAY:{person.birthday}")
    if photo:
        lines.append(_fold("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(sample_jpeg()).decode("ascii")))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"

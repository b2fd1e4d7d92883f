"""A deterministic phone export for tests and benchmarks: `phone_export(10_000)` looks like an iPhone backup.

Every card has a name, an organisation and title, one to three phone numbers (national and international
forms), an e-mail address, a name unique for the first 10,000 cards, and now and then a birthday, a LinkedIn profile, a note with commas and an umlaut;
every `photo_every`-th card carries a base64 JPEG photo (about 6 KB, folded at 75 characters, like iOS writes).
"""

from __future__ import annotations

import base64
import io
import random
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

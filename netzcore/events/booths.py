"""Hall and stand from what exhibitor lists write: "Halle 12, Stand B34", "H12/B34", "Hall 12 Booth B34",
"12.B34", "Stand B34, Halle 12", "Hall 4.1, Booth C20", "Halle A1 Stand 123". Whatever cannot be read as a hall
stays the stand, as written, so nothing the list said is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netzcore.i18n import translate

_HALL_ID = r"[A-Z]?\d{1,3}(?:\.\d{1,2})?[A-Z]?"
_HALL = re.compile(rf"(?<![\w])(?:halle|hall|h)\s*[-.:#]?\s*(?:nr\.?\s*)?({_HALL_ID})(?![\w])", re.IGNORECASE)
_STAND = re.compile(
    r"(?<![\w])(?:stand(?:nummer|[-\s]?nr\.?)?|booth(?:\s+no\.?)?|stand no\.?)\s*[-.:#]?\s*([\w][\w./-]*)",
    re.IGNORECASE,
)
# No words at all: "12.B34", "12-B34", "12/B34", "4.1/C20", "A1-123".
_BARE = re.compile(rf"^({_HALL_ID})\s*[./\-|:]\s*([\w][\w./-]*)$", re.IGNORECASE)
_SEPARATORS = " ,;/|.-–:"


@dataclass(frozen=True, slots=True)
class Booth:
    hall: str = ""
    stand: str = ""

    def __bool__(self) -> bool:
        return bool(self.hall or self.stand)


def parse_booth(text: str | None) -> Booth:
    """Hall and stand of one cell; an empty Booth for an empty cell."""
    value = " ".join(str(text or "").split())
    if not value:
        return Booth()
    hall_match = _HALL.search(value)
    stand_match = _STAND.search(value)
    if stand_match and hall_match and stand_match.start() <= hall_match.start() < stand_match.end():
        hall_match = None  # "Stand H12" names a stand, not a hall
    if hall_match or stand_match:
        hall = hall_match.group(1).upper() if hall_match else ""
        if stand_match:
            stand = stand_match.group(1)
        else:
            assert hall_match is not None
            stand = (value[:hall_match.start()] + " " + value[hall_match.end():]).strip(_SEPARATORS)
        return Booth(hall, stand.strip(_SEPARATORS))
    bare = _BARE.match(value)
    if bare:
        return Booth(bare.group(1).upper(), bare.group(2))
    return Booth("", value)


def parse_hall(text: str | None) -> str:
    """A hall column's cell: "Halle 12", "12", "H12", "Hall 4.1" -> "12" / "4.1"."""
    value = " ".join(str(text or "").split())
    found = _HALL.search(value) or re.fullmatch(_HALL_ID, value, re.IGNORECASE)
    if found:
        return (found.group(1) if found.re is _HALL else found.group(0)).upper()
    return value


def parse_stand(text: str | None) -> str:
    """A stand column's cell: "Stand B34", "B34", "Booth 12" -> "B34" / "12"."""
    value = " ".join(str(text or "").split())
    found = _STAND.search(value)
    return (found.group(1) if found else value).strip(_SEPARATORS)


def place_text(hall: str, stand: str, lang: str) -> str:
    """"Halle 12, Stand B34" / "Hall 12, booth B34"; one part alone when the other is unknown."""
    if hall and stand:
        return translate(lang, "events.place_hall_stand", hall=hall, stand=stand)
    if hall:
        return translate(lang, "events.place_hall", hall=hall)
    if stand:
        return translate(lang, "events.place_stand", stand=stand)
    return ""


def natural_key(text: str) -> tuple[tuple[int, object], ...]:
    """"Hall 9" before "Hall 12", "B4" before "B34"; empty last."""
    if not text:
        return ((2, ""),)
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold())
                 for part in re.findall(r"\d+|\D+", text))

"""My profile: who I am in one breath (the elevator pitch: name, activity, value), what I offer, where I live."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from netzcore.db import Connection
from netzcore.i18n import translate
from netzcore.importers.normalize import normalize_email
from netzcore.user_error import UserError


class ProfileError(UserError):
    """Input the user must correct in my profile."""


@dataclass(frozen=True, slots=True)
class Profile:
    full_name: str = ""
    activity: str = ""
    value_proposition: str = ""
    elevator_pitch: str = ""
    offer: str = ""
    home_region: str = "DE"
    city: str = ""
    emails: tuple[str, ...] = ()      # my own addresses: the mail import tells sent from received by them


_COLUMNS = ("full_name", "activity", "value_proposition", "elevator_pitch", "offer", "home_region", "city")


def get_profile(con: Connection) -> Profile:
    row = con.execute(f"SELECT {', '.join(_COLUMNS)}, my_emails FROM profile WHERE id = 1").fetchone()  # noqa: S608
    if not row:
        return Profile()
    full_name, activity, value, pitch, offer, region, city, emails = row
    return Profile(str(full_name), str(activity), str(value), str(pitch), str(offer), str(region), str(city),
                   tuple(emails or ()))


def my_addresses(text: str) -> tuple[str, ...]:
    """'me@a.de, Me <me@b.de>; ME@A.DE' -> ('me@a.de', 'me@b.de'): each address once, lower case."""
    found = (normalize_email(part) for part in re.split(r"[,;\s]+(?![^<]*>)", text))
    return tuple(dict.fromkeys(address for address in found if address))


def home_regions() -> list[str]:
    """ISO 3166 region codes phone numbers can be read for, sorted."""
    return sorted(phonenumbers.SUPPORTED_REGIONS)


def save_profile(con: Connection, profile: Profile) -> Profile:
    """Store the profile; the home region must be a region phonenumbers knows (e.g. DE, CH, AT)."""
    region = profile.home_region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ProfileError("profile.error_region")
    emails = my_addresses(" ".join(profile.emails))
    clean = Profile(profile.full_name.strip(), profile.activity.strip(), profile.value_proposition.strip(),
                    profile.elevator_pitch.strip(), profile.offer.strip(), region, profile.city.strip(), emails)
    con.execute(
        "UPDATE profile SET full_name = ?, activity = ?, value_proposition = ?, elevator_pitch = ?, offer = ?, "
        "home_region = ?, city = ?, my_emails = ?, updated_at = current_timestamp WHERE id = 1",
        [*(getattr(clean, c) for c in _COLUMNS), list(emails)])
    return clean


def pitch_text(profile: Profile, lang: str) -> str:
    """The elevator pitch as written, else composed from name, activity and value; empty when nothing is known."""
    if profile.elevator_pitch.strip():
        return profile.elevator_pitch.strip()
    parts = []
    if profile.full_name and profile.activity:
        parts.append(translate(lang, "profile.pitch_name_activity", name=profile.full_name,
                               activity=profile.activity))
    elif profile.full_name:
        parts.append(translate(lang, "profile.pitch_name", name=profile.full_name))
    if profile.value_proposition:
        parts.append(profile.value_proposition.strip())
    return " ".join(parts)

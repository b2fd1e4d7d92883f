"""vCard 3.0 (RFC 2426, what every phone reads) and 4.0 (RFC 6350) of all or selected contacts.

One birthday form per version: 3.0 without year uses Apple's `X-APPLE-OMIT-YEAR=1604` (iOS, macOS, DAVx5,
Nextcloud and Thunderbird read it; RFC 2426 has no date without year), 4.0 uses the standard `--MMDD`.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from netzcore.db import Connection
from netzcore.exporters.contentlines import PRODID, escape_text, fold
from netzcore.exporters.selection import ContactSelection, ExportFile, iter_contacts
from netzcore.importers.normalize import split_titles, whole_name_parts

Version = Literal["3.0", "4.0"]
NO_YEAR = 1604  # Apple's placeholder year for a birthday without year in vCard 3.0


def _components(*parts: str | None) -> str:
    """A structured value (N, ADR, ORG): each part escaped, joined by semicolons."""
    return ";".join(escape_text(p or "") for p in parts)


def _name_parts(contact: dict[str, Any]) -> tuple[str | None, ...]:
    """N's five parts (family, given, additional, prefix, suffix). A contact that has only a full name (made by hand
    from its name alone, or from a mail) gets them from it: readers that build the name from N alone (the FRITZ!Box
    phone book sync, some Android apps) showed `N:;;;;` without a name."""
    if contact["given_name"] or contact["family_name"]:
        return (contact["family_name"], contact["given_name"], contact["additional_names"],
                contact["honorific_prefix"], contact["honorific_suffix"])
    full_name = contact["full_name"]
    parts = whole_name_parts(full_name)
    if parts is not None:
        prefix, given, family, suffix = parts
        return family, given, None, contact["honorific_prefix"] or prefix, contact["honorific_suffix"] or suffix
    prefix, core, suffix = split_titles(full_name)
    family, comma, given = core.partition(",")
    if comma and "," not in given and given.strip():             # 'Müller, Hans', filed family name first
        return family.strip(), given.strip(), None, prefix, suffix
    return full_name, None, None, None, None


def _birthday(contact: dict[str, Any], version: Version) -> str | None:
    month, day, year = contact["birthday_month"], contact["birthday_day"], contact["birthday_year"]
    if not month or not day:
        return None
    if version == "4.0":
        return f"BDAY:{year:04d}{month:02d}{day:02d}" if year else f"BDAY:--{month:02d}{day:02d}"
    if year:
        return f"BDAY;VALUE=date:{year:04d}-{month:02d}-{day:02d}"
    return f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR};VALUE=date:{NO_YEAR}-{month:02d}-{day:02d}"


def _photo(photo: bytes, version: Version) -> str:
    kind = "PNG" if photo.startswith(b"\x89PNG") else "JPEG"
    encoded = base64.b64encode(photo).decode("ascii")
    if version == "4.0":
        return f"PHOTO:data:image/{kind.lower()};base64,{encoded}"
    return f"PHOTO;ENCODING=b;TYPE={kind}:{encoded}"


def _urls(contact: dict[str, Any]) -> list[str]:
    """Every web address once: the contact's URLs, then LinkedIn and Xing profiles."""
    seen: list[str] = []
    for url in [*contact["urls"], contact["linkedin_url"], contact["xing_url"]]:
        if url and url not in seen:
            seen.append(url)
    return seen


def card_lines(contact: dict[str, Any], version: Version) -> list[str]:
    """One contact as unfolded content lines."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "4.0":
        lines.append("KIND:individual")
    lines.append("PRODID:" + PRODID)
    lines.append("UID:" + (f"urn:uuid:{contact['id']}" if version == "4.0" else contact["id"]))
    lines.append("FN:" + escape_text(contact["full_name"]))
    lines.append("N:" + _components(*_name_parts(contact)))
    if contact["nickname"]:
        lines.append("NICKNAME:" + escape_text(contact["nickname"]))
    if contact["organization"] or contact["department"]:
        lines.append("ORG:" + _components(contact["organization"], contact["department"]))
    if contact["title"]:
        lines.append("TITLE:" + escape_text(contact["title"]))
    email_type = "TYPE=work" if version == "4.0" else "TYPE=INTERNET"
    lines += [f"EMAIL;{email_type}:{escape_text(e)}" for e in contact["emails"]]
    lines += [f"TEL;TYPE=voice:{escape_text(p)}" for p in contact["phones"]]
    for url in _urls(contact):
        lines.append("URL:" + escape_text(url))
        if url == contact["linkedin_url"]:
            lines.append("X-SOCIALPROFILE;TYPE=linkedin:" + escape_text(url))
        elif url == contact["xing_url"]:
            lines.append("X-SOCIALPROFILE;TYPE=xing:" + escape_text(url))
    if any(contact[k] for k in ("address", "city", "region", "postal_code", "country")):
        lines.append("ADR;TYPE=work:" + _components(None, None, contact["address"], contact["city"],
                                                     contact["region"], contact["postal_code"], contact["country"]))
    birthday = _birthday(contact, version)
    if birthday:
        lines.append(birthday)
    if contact["tags"]:
        lines.append("CATEGORIES:" + ",".join(escape_text(t) for t in contact["tags"]))
    if contact["notes"]:
        lines.append("NOTE:" + escape_text(contact["notes"]))
    if contact.get("photo"):
        lines.append(_photo(contact["photo"], version))
    lines.append("X-NETZ-TIER:" + contact["tier"])
    if contact["topics"]:
        lines.append("X-NETZ-TOPICS:" + ",".join(escape_text(t) for t in contact["topics"]))
    if contact["hierarchy_level"]:
        lines.append("X-NETZ-LEVEL:" + contact["hierarchy_level"])
    if contact["archived"]:
        lines.append("X-NETZ-ARCHIVED:TRUE")
    updated = contact["updated_at"].astimezone(dt.UTC)   # kept in local time (DuckDB's zone is the computer's)
    lines.append("REV:" + updated.strftime("%Y%m%dT%H%M%SZ" if version == "4.0" else "%Y-%m-%dT%H:%M:%SZ"))
    lines.append("END:VCARD")
    return lines


def write_cards(contacts: Iterable[dict[str, Any]], version: Version) -> tuple[bytes, int]:
    parts: list[str] = []
    count = 0
    for contact in contacts:
        parts.extend(fold(line) for line in card_lines(contact, version))
        count += 1
    return "".join(parts).encode("utf-8"), count


def vcard_export(con: Connection, selection: ContactSelection | None = None,
                 version: Version = "3.0") -> ExportFile:
    """The selected contacts as one .vcf file."""
    data, count = write_cards(iter_contacts(con, selection or ContactSelection(), with_photo=True), version)
    suffix = "" if version == "3.0" else "-vcard4"
    return ExportFile(data, count, f"netz-contacts{suffix}.vcf", "text/vcard")

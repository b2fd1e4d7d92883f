"""What the import steps hand each other: raw cards, contact records and problems, all plain and picklable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from netzcore.contacts import TIERS
from netzcore.hierarchy import LEVELS, hierarchy_level
from netzcore.i18n import os_error_named

# Codes whose detail is a count (a plural block in the catalogs chooses its words by it).
COUNTED_DETAILS = frozenset({"stray_lines", "activity_too_many_files", "zip_too_many_files", "zip_too_many_entries",
                             "beyond_import_bound"})


def is_e164(phone: str) -> bool:
    """'+49711123456': what the importer uses to find a person again (a number kept as written is not)."""
    return len(phone) > 4 and phone[0] == "+" and phone[1:].isdigit()


def own_tier(text: str) -> str | None:
    """The tier netz wrote into its own export ('A' … 'D'), else None."""
    tier = text.strip().upper()
    return tier if tier in TIERS else None


def own_level(tier: str | None, written: str, title: str | None) -> str | None:
    """The hierarchy level of a card or row: in netz's own export (it carries a tier) the level netz wrote, none
    written being the user's empty choice; else the level read from the title."""
    if tier is None:
        return hierarchy_level(title)
    level = written.strip().lower()
    return level if level in LEVELS else None


@dataclass(frozen=True, slots=True)
class Problem:
    """A card or row that was not imported (or imported with a loss), with where and why.

    `code` is a key under `import.reason.` in the catalogs; `detail` fills its `{detail}` placeholder.
    """

    file: str
    position: int
    code: str
    detail: str = ""
    name: str = ""

    @property
    def detail_value(self) -> object:
        """`detail` as its text wants it: a count as a number (for its plural block), a file error (an errno
        symbol, see i18n.os_error_code) as words in the reader's language."""
        if self.code == "unreadable_file":
            return os_error_named(self.detail)
        if self.code in COUNTED_DETAILS and self.detail.isdigit():
            return int(self.detail)
        return self.detail          # a value as written ('0711', '20240517') keeps its leading zeros


@dataclass(frozen=True, slots=True)
class RawCard:
    """The bytes of one BEGIN:VCARD ... END:VCARD block, unfolded line ends not yet touched."""

    file: str
    position: int          # 1-based number of the card in its file (nested cards counted too)
    line: int              # line of its BEGIN (or first line) in the file
    data: bytes
    flaws: tuple[str, ...] = ()   # 'missing_end', 'missing_begin', 'nested'


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """One person (or organisation) as read from a card or row, normalised for matching."""

    source: str            # 'vcard' | 'linkedin'
    file: str
    position: int
    full_name: str
    given_name: str | None = None
    family_name: str | None = None
    additional_names: str | None = None
    honorific_prefix: str | None = None
    honorific_suffix: str | None = None
    nickname: str | None = None
    organization: str | None = None
    department: str | None = None
    title: str | None = None
    hierarchy_level: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    linkedin_url: str | None = None
    xing_url: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    birthday_year: int | None = None
    birthday_month: int | None = None
    birthday_day: int | None = None
    tags: tuple[str, ...] = ()
    how_met: str | None = None
    notes: str | None = None
    photo: bytes | None = field(default=None, repr=False)
    uid: str | None = None
    connected_on: dt.date | None = None
    warnings: tuple[Problem, ...] = ()
    # netz's own exports carry these (X-NETZ-TIER, X-NETZ-TOPICS, X-NETZ-ARCHIVED; the CSV's columns): a new contact
    # gets them, a known one keeps its own
    tier: str | None = None
    topics: tuple[str, ...] = ()
    archived: bool = False
    name_key: str = ""         # for matching by name: computed where the record is made (in a worker)
    org_key: str = ""

    def identity_keys(self) -> list[tuple[str, str]]:
        """(kind, value) pairs that identify this person across imports, strongest first."""
        keys: list[tuple[str, str]] = []
        if self.linkedin_url:
            keys.append(("linkedin", self.linkedin_url))
        keys += [("email", e) for e in self.emails]
        keys += [("phone", p) for p in self.phones if is_e164(p)]
        if self.uid:
            keys.append(("uid", self.uid))
        return keys


def is_stand_in_name(name: str | None, emails: Iterable[str], phones: Iterable[str]) -> bool:
    """Whether a name is one of the person's e-mail addresses or phone numbers, given because a card had no name:
    any card's real name goes before it."""
    folded = (name or "").strip().casefold()
    return bool(folded) and folded in {value.casefold() for value in (*emails, *phones)}


CardResult = ContactRecord | Problem

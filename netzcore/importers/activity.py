"""Interactions from the calendar and the mailbox: preview with `plan_activity`, write with `apply_activity`.

- Calendar: each past occurrence of a meeting with a known contact (matched by e-mail address) is one interaction
  per contact: the channel from the place (a physical place: in person; a video link: video call; a phone number:
  call), the title as topic, the day. An attendee whose name (CN) is a contact's name, or a contact's name in the
  title of a meeting with no known attendee, is only a suggestion the user confirms. Upcoming meetings with contacts
  are kept for the Today page.
- Mail: one interaction per contact, day and direction (sent, received), from the headers only; the subject
  becomes the topic only when the user asks for it. Mailing lists, bulk and automatic mail, no-reply senders,
  Google's Spam and Trash are left out; the same message in two folders counts once.
- People the user writes with often (three threads or more, at least one written by the user) or meets often
  (three meetings or more) who are not contacts yet are offered as new contacts.

Every occurrence and mail day is stored with its key (`interaction_sources`), so importing the same files again
creates nothing. Everything is written in one transaction; the care clock moves by itself, because it counts from
the last interaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from netzcore.db import Connection, transaction
from netzcore.exporters.calendar_feed import REMINDER_UID
from netzcore.exporters.ical import MEETING_UID_PREFIX
from netzcore.i18n import format_date, os_error_code, translate
from netzcore.importers.calendar import Cancellation, Occurrence, is_calendar, place_kind, read_calendar
from netzcore.importers.files import (
    CONTACT_SUFFIXES,
    MAX_FOLDER_FILES,
    MAX_ZIP_ENTRIES,
    ArchiveOf,
    ZipTooManyEntries,
    folder_files,
    hidden_in_zip,
    member_refusal,
    zip_at,
    zip_files_in_order,
    zip_holds,
    zip_of_bytes,
)
from netzcore.importers.mail import (
    MailMessage,
    clean_subject,
    eml_headers,
    is_drafts_folder,
    is_mbox,
    is_message,
    is_no_reply,
    is_outlook_msg,
    is_spam_or_trash_folder,
    mbox_headers,
    read_message,
)
from netzcore.importers.normalize import mailbox, name_key, normalize_email
from netzcore.importers.records import Problem
from netzcore.interactions import clean_topics
from netzcore.profile import get_profile

DEFAULT_LOOKBACK_DAYS = 3650      # without --since, calendar events are read over the last ten years (the report
                                  # names both spans in words: activity.skipped.meetings_older, meetings_later)
UPCOMING_DAYS = 60                # upcoming meetings kept for the Today page
SUGGEST_FROM = 3                  # threads or meetings before someone is offered as a new contact
MAX_SUBJECTS = 5                  # subjects kept per contact, day and direction (as topics, when turned on)
MAX_UNKNOWN = 50_000              # addresses of non-contacts followed for suggestions
MAX_UNDATED_NAMED = 50            # messages without a usable date named one by one in the report (all are counted)
SOURCE = "calendar"

OpenStream = Callable[[], AbstractContextManager[IO[bytes]]]


# --- the files ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityFile:
    """A calendar or mail file to read: its name and how to open it (a path, or bytes from an upload)."""

    name: str
    kind: str                 # 'calendar' | 'mbox' | 'eml'
    open: OpenStream
    left_out: str = ""        # every message is read and counted as this: 'spam_or_trash' (Trash, Junk), 'draft'


def _sniff(head: bytes, name: str) -> str | None:
    if is_calendar(head):
        return "calendar"
    if is_mbox(head):
        return "mbox"
    if name.lower().endswith((".eml", ".emlx")) or is_message(head):
        return "eml"
    return None


def _open_path(path: Path) -> OpenStream:
    return lambda: path.open("rb")


def upload_file(name: str, data: bytes) -> ActivityFile | None:
    """An uploaded file, or None when it is neither a calendar nor mail."""
    import io

    kind = _sniff(data[:4096], name)
    if kind is None:
        return None
    return ActivityFile(name, kind, lambda: io.BytesIO(data), _folder_left_out((Path(name).name,)))


_ACTIVITY_SUFFIXES = (".ics", ".ical", ".ifb", ".mbox", ".mbx", ".eml", ".emlx")


class _OpenedOnce:
    """A zip opened at its first member and kept open for the others: opening it anew for each member read its
    whole directory each time, and a zip of 4,000 calendars took minutes (the time grew with the square). Only
    one zip is kept open at a time (files are read in order, a zip's members one after the other): a folder of
    1,100 zips ran out of file handles. One per thread: the app's sessions import side by side."""

    _open = threading.local()

    def __init__(self, archive_of: ArchiveOf) -> None:
        self._archive_of = archive_of
        self._archive: zipfile.ZipFile | None = None

    def member(self, member: zipfile.ZipInfo) -> OpenStream:
        def open_member() -> IO[bytes]:
            current: _OpenedOnce | None = getattr(_OpenedOnce._open, "archive", None)
            if current is not self:
                if current is not None:
                    current.close()
                _OpenedOnce._open.archive = self
            if self._archive is None:
                self._archive = self._archive_of()
            return self._archive.open(member)     # the member keeps the file open until it is closed itself
        return open_member

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None


def _zip_files(label: str, archive_of: ArchiveOf) -> tuple[list[ActivityFile], list[Problem]]:
    """The calendars and mailboxes in a zip, each named 'archive.zip/member'; the rest named as in a folder."""
    found: list[ActivityFile] = []
    refused: list[Problem] = []
    archive = _OpenedOnce(archive_of)
    try:
        for count, member in enumerate(zip_files_in_order(archive_of), 1):
            parts = tuple(member.filename.split("/"))
            if _left_out_of_folder(parts[-1]) or hidden_in_zip(member):
                continue
            if count > MAX_FOLDER_FILES:
                refused.append(Problem(label, 0, "activity_too_many_files", str(MAX_FOLDER_FILES)))
                break
            name = f"{label}/{member.filename}"
            refusal = member_refusal(label, member)
            if refusal is not None:
                refused.append(refusal)
                continue
            with archive.member(member)() as stream:
                head = stream.read(4096)
            kind = _sniff(head, parts[-1]) if head.strip() else "mbox"
            if kind:
                found.append(ActivityFile(name, kind, archive.member(member),
                                          _folder_left_out(parts)))
            else:
                refused.append(Problem(name, 0, "not_activity"))
    except ZipTooManyEntries:
        return [], [Problem(label, 0, "zip_too_many_entries", str(MAX_ZIP_ENTRIES))]
    except (OSError, zipfile.BadZipFile, NotImplementedError):     # damaged, or a compression Python cannot read
        return [], [Problem(label, 0, "zip_unreadable")]
    return found, refused


def upload_zip(name: str, data: bytes) -> tuple[list[ActivityFile], list[Problem]]:
    """The calendars and mailboxes in an uploaded zip (Google Calendar's export)."""
    return _zip_files(name, zip_of_bytes(data))


def is_activity_path(name: str) -> bool:
    """What `netz import` hands to this importer: folders, .ics/.mbox/.eml files, and files that are a calendar,
    an mbox or one message by their first bytes (Thunderbird's mbox files and a Maildir's messages have no
    extension)."""
    path = Path(name)
    if path.is_dir():
        return True
    if path.suffix.lower() in _ACTIVITY_SUFFIXES:
        return True
    if path.suffix.lower() == ".zip":
        return zip_holds(path, _ACTIVITY_SUFFIXES)
    if path.suffix.lower() in (".vcf", ".vcard", ".csv", ".json"):
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return _sniff(head, name) is not None


def find_files(paths: Sequence[str]) -> tuple[list[ActivityFile], list[Problem]]:
    """Calendar and mail files among the paths; folders are walked (Thunderbird's Mail folder, a folder of .eml)."""
    found: list[ActivityFile] = []
    refused: list[Problem] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            count = 0
            for child in folder_files(path):
                if _left_out_of_folder(child.name) or _apple_mail_attachment(child.relative_to(path).parts):
                    continue
                count += 1
                if count > MAX_FOLDER_FILES:
                    refused.append(Problem(name, 0, "activity_too_many_files", str(MAX_FOLDER_FILES)))
                    break
                # Google Calendar's export
                if child.suffix.lower() == ".zip" and zip_holds(child, _ACTIVITY_SUFFIXES):
                    in_zip, refused_in_zip = _zip_files(str(child), zip_at(child))
                    found += in_zip
                    refused += refused_in_zip
                    continue
                try:
                    kind = _kind_of(child, empty="mbox")
                except OSError as error:
                    refused.append(Problem(str(child), 0, "unreadable_file", os_error_code(error)))
                    continue
                if kind:
                    found.append(ActivityFile(str(child), kind, _open_path(child),
                                              _folder_left_out(child.relative_to(path).parts)))
                else:                   # named, never passed over in silence
                    refused.append(Problem(str(child), 0, "not_activity"))
            continue
        if path.suffix.lower() == ".zip":
            files, problems = _zip_files(name, zip_at(path))
            found += files
            refused += problems
            continue
        try:
            kind = _kind_of(path)
        except OSError as error:
            refused.append(Problem(name, 0, "unreadable_file", os_error_code(error)))
            continue
        if kind is None:
            refused.append(Problem(name, 0, "not_activity"))
        else:
            found.append(ActivityFile(name, kind, _open_path(path), _folder_left_out((path.name,))))
    return found, refused


_MAIL_PROGRAM_FILE = re.compile(r"(?i).*\.(msf|dat|json|sqlite|db|html|txt|plist|cmeta|ev-summary|ev-summary-meta|"
                                r"ibex\.index|ibex\.index\.data)$|dovecot[.-].*|courierimap.*|"
                                r"maildirfolder$|subscriptions$|table_of_contents$|desktop\.ini$|"
                                r"envelope index.*")


def _left_out_of_folder(name: str) -> bool:
    """Files in a folder that are passed over without a word: contact files (the contact import reads them) and a
    mail program's own files beside the mail (Thunderbird's indexes (.msf), filter rules and logs, Dovecot's and
    Courier's Maildir indexes, Evolution's summaries and indexes (Inbox.cmeta, .ev-summary, .ibex.index, folders.db),
    the table_of_contents beside the mbox of an Apple Mail export, Windows' Thumbs.db). Every other file is read or
    named as refused."""
    return name.lower().endswith(CONTACT_SUFFIXES) or bool(_MAIL_PROGRAM_FILE.match(name))


def _folder_left_out(parts: Sequence[str]) -> str:
    """Why the messages in a mail program's folder are never logged: 'spam_or_trash' for Trash and Junk, 'draft' for
    Drafts (never sent); '' for any other folder."""
    if any(is_spam_or_trash_folder(part) for part in parts):
        return "spam_or_trash"
    return "draft" if any(is_drafts_folder(part) for part in parts) else ""


def _apple_mail_attachment(parts: tuple[str, ...]) -> bool:
    """A file Apple Mail keeps beside its .emlx messages: the attachments, in an 'Attachments' folder inside a
    mailbox's '….mbox' folder of ~/Library/Mail. They are the user's files, not mail, and passed over."""
    mailbox = next((i for i, part in enumerate(parts) if part.lower().endswith(".mbox")), -1)
    return mailbox >= 0 and "Attachments" in parts[mailbox + 1:-1]


def _kind_of(path: Path, empty: str | None = None) -> str | None:
    """A file's kind by its first bytes; `empty` for an empty file (in a folder: Thunderbird's empty mailboxes)."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if not head.strip():
        return empty
    return _sniff(head, path.name)


# --- what the preview shows -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSummary:
    name: str
    kind: str                 # 'calendar' | 'mbox' | 'eml'
    read: int                 # events or messages read


@dataclass(frozen=True, slots=True)
class NewInteractionRow:
    """One interaction the import will write, with the key that keeps it from being written twice."""

    source: str               # 'calendar' | 'mail'
    key: str
    contact_id: str
    occurred_on: dt.date
    channel: str
    in_person: bool
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameSuggestion:
    """Meetings that may have been with a known contact: the attendee's name or the title names them. One
    suggestion per contact, address and name found: a daily series is one line to confirm, not one per day."""

    index: int
    contact_id: str
    contact_name: str
    email: str                # the attendee's address ('' when found in the title)
    found_as: str             # the attendee's name or the title
    occurred_on: dt.date      # the last of its meetings
    interactions: tuple[NewInteractionRow, ...]
    confirmed: bool = False

    @property
    def days(self) -> int:
        return len({r.occurred_on for r in self.interactions})


@dataclass(frozen=True, slots=True)
class PersonSuggestion:
    """Someone the user writes with or meets often who is not a contact yet."""

    email: str
    name: str
    threads: int
    meetings: int
    last_on: dt.date
    interactions: tuple[NewInteractionRow, ...] = field(default=(), repr=False)
    added: bool = False


@dataclass(frozen=True, slots=True)
class ContactActivity:
    contact_id: str
    name: str
    meetings: int
    mail_sent: int
    mail_received: int
    last_on: dt.date | None


@dataclass(frozen=True, slots=True)
class UpcomingRow:
    uid: str
    occurrence: str
    contact_id: str
    starts_at: dt.datetime
    all_day: bool
    title: str
    channel: str
    in_person: bool
    place: str


@dataclass(frozen=True, slots=True)
class ActivityReport:
    sources: tuple[SourceSummary, ...]
    refused: tuple[Problem, ...]
    problems: tuple[Problem, ...]
    contacts: tuple[ContactActivity, ...]
    created: int
    already: int
    skipped: dict[str, int]
    upcoming: int
    name_suggestions: tuple[NameSuggestion, ...]
    people: tuple[PersonSuggestion, ...]
    new_contacts: int
    subjects: bool
    needs_own_addresses: bool
    applied: bool
    run_id: str | None = None
    unlogged: int = 0         # meetings logged by an earlier import and cancelled since: their entries removed
    off_today: int = 0        # upcoming meetings kept by an earlier import and cancelled since

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for person in data["people"]:
            person.pop("interactions", None)
        for suggestion in data["name_suggestions"]:
            suggestion.pop("interactions", None)
        return data


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    sources: tuple[SourceSummary, ...]
    refused: tuple[Problem, ...]
    problems: tuple[Problem, ...]
    meetings: tuple[NewInteractionRow, ...]                # calendar interactions with known contacts
    mail: tuple[tuple[str, str, dt.date, str, tuple[str, ...]], ...]   # (key, contact, day, direction, subjects)
    already: int
    skipped: dict[str, int]
    upcoming: tuple[UpcomingRow, ...]
    calendar_uids: tuple[str, ...]
    name_suggestions: tuple[NameSuggestion, ...]
    people: tuple[PersonSuggestion, ...]
    names: dict[str, str]                                  # contact id -> name, for the report
    top_senders: tuple[tuple[str, int], ...]               # for choosing one's own addresses
    needs_own_addresses: bool
    today: dt.date
    cancelled_occurrences: tuple[str, ...] = ()           # UID|recurrence id of cancelled occurrences of a series
    unlogged: tuple[str, ...] = ()                         # interaction_sources keys of meetings cancelled since
    off_today: int = 0                                     # stored upcoming meetings cancelled since

    @property
    def forgets_cancelled(self) -> bool:
        """Whether applying removes meetings an earlier import kept or logged and the calendar cancelled since."""
        return bool(self.unlogged or self.off_today)

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.mail or self.upcoming or self.name_suggestions or self.people
                    or self.forgets_cancelled)

    def preview(self, confirmed: Collection[int] = (), people: Collection[str] = (),
                subjects: bool = False) -> ActivityReport:
        rows, new_people = _chosen(self, confirmed, people, subjects)
        names = {}
        for email, person_rows in new_people.items():
            names["new:" + email] = next(p.name for p in self.people if p.email == email)
            rows += [replace(r, contact_id="new:" + email) for r in person_rows]
        return _report(self, rows, confirmed, people, subjects, len(new_people), applied=False, extra_names=names)


# --- matching -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Known:
    by_email: dict[str, str]
    names: dict[str, str]
    by_name: dict[str, str]        # name key -> contact id (names shared by two contacts left out)
    mine: frozenset[str]
    my_name_key: str
    agreed: frozenset[tuple[str, str]] = frozenset()  # (event id, contact id) of meetings the contact agreed to
    noted: frozenset[tuple[str, str]] = frozenset()   # … and of those noted after the event


# the UID netz gives a meeting of an event plan (its event's .ics and the calendar feed): it names the contact
_OWN_MEETING_UID = re.compile(re.escape(MEETING_UID_PREFIX) + r"([0-9a-f-]{36})-([0-9a-f-]{36})")


def _own_meeting(uid: str, known: _Known) -> tuple[str, str] | None:
    """(event id, contact id) of a meeting netz wrote into a calendar and the contact agreed to; a slot only
    proposed may not have taken place (its title says "not confirmed yet"), and is left to the names."""
    found = _OWN_MEETING_UID.fullmatch(uid)
    return (found[1], found[2]) if found and (found[1], found[2]) in known.agreed else None


def _known(con: Connection) -> _Known:
    rows = con.execute(
        "SELECT value, contact_id FROM contact_identities WHERE kind = 'email' "
        "UNION SELECT lower(e), id FROM (SELECT id, unnest(emails) AS e FROM contacts)").fetchall()
    owners: dict[str, set[str]] = defaultdict(set)
    for email, contact_id in rows:
        owners[mailbox(str(email).lower())].add(contact_id)
    names = dict(con.execute("SELECT id, full_name FROM contacts").fetchall())
    keys: dict[str, list[str]] = defaultdict(list)
    for contact_id, full_name in names.items():
        key = name_key(full_name)
        if len(key.split()) >= 2:
            keys[key].append(contact_id)
    profile = get_profile(con)
    mine = frozenset(mailbox(e) for e in (normalize_email(x) for x in my_emails(con)) if e)
    plans = con.execute("SELECT event_id, contact_id, interaction_id IS NOT NULL FROM event_plans "
                        "WHERE status IN ('confirmed', 'met', 'followed_up')").fetchall()
    return _Known({e: next(iter(ids)) for e, ids in owners.items() if len(ids) == 1 and e not in mine}, names,
                  {k: ids[0] for k, ids in keys.items() if len(ids) == 1}, mine, name_key(profile.full_name),
                  frozenset((str(e), str(c)) for e, c, _ in plans),
                  frozenset((str(e), str(c)) for e, c, noted in plans if noted))


def my_emails(con: Connection) -> list[str]:
    row = con.execute("SELECT my_emails FROM profile WHERE id = 1").fetchone()
    return list(row[0]) if row and row[0] else []


_FILLER = frozenset({"meeting", "call", "termin", "treffen", "telefonat", "telko", "lunch", "mittagessen", "coffee",
                     "kaffee", "abstimmung", "sync", "catch up", "catch-up", "catchup", "1:1", "one on one",
                     "besprechung", "gespräch", "gesprach", "video call", "videocall", "teams", "zoom", "call mit",
                     "meeting mit", "termin mit", "dinner", "abendessen", "frühstück", "breakfast", "jour fixe",
                     "update", "austausch", "kennenlernen", "intro",
                     # the titles meeting tools give a meeting nobody named (Outlook's Teams add-in, in German too)
                     "microsoft teams meeting", "microsoft teams-besprechung", "microsoft teams besprechung",
                     "teams meeting", "teams-meeting", "teams-besprechung", "teams besprechung", "zoom meeting",
                     "zoom-meeting", "webex meeting", "webex-meeting", "google meet", "videokonferenz",
                     "telefonkonferenz"})
# the marks mail programs put before a meeting's title: answers and forwards, in English and as German Outlook and
# Lotus Notes write them ('Mit Vorbehalt:', 'Neue Besprechungszeit vorgeschlagen:', Notes' 'Antw:')
_TITLE_PREFIX = re.compile(r"^\s*((re|aw|antw|wg|fw|fwd|weitergeleitet|invitation|updated invitation|einladung|"
                           r"aktualisierte einladung|accepted|angenommen|tentative|vorläufig|updated|aktualisiert|"
                           r"new time proposed|neuer zeitvorschlag|neue besprechungszeit vorgeschlagen|zugesagt|"
                           r"mit vorbehalt angenommen|mit vorbehalt|vorläufig angenommen|tentatively accepted|"
                           r"abgelehnt|declined)\s*:\s*)+", re.IGNORECASE)
_CALL_TITLE = re.compile(r"\b(call|anruf|rückruf|telefonat|telefonieren|telefonisch|telefontermin|telefonkonferenz|"
                         r"telko|phone|telefon)\b", re.IGNORECASE)
_VIDEO_TITLE = re.compile(r"\b(video ?(call|konferenz|anruf|chat)|videocall|zoom|microsoft teams|"
                          r"teams[- ]?(meeting|besprechung|call)|google meet|webex|skype|facetime)\b",
                          re.IGNORECASE)
_LUNCH = re.compile(r"lunch|mittag|dinner|abendessen|frühstück|fruehstueck|breakfast|essen\b", re.IGNORECASE)
_CONNECTORS = re.compile(r"^(\s*(\b(with|mit|and|und|x)\b|&|/|\+|<>|-|–|:|\||,|;)\s*)+|"
                         r"(\s*(\b(with|mit|and|und|x)\b|&|/|\+|<>|-|–|:|\||,|;)\s*)+$", re.IGNORECASE)


def title_topic(title: str, names: Iterable[str]) -> tuple[str, ...]:
    """The meeting's title as a topic: invitation marks, bracketed tags and the people's names removed; nothing
    when only a word like 'Meeting' or 'Call' is left."""
    text = _TITLE_PREFIX.sub("", title)
    text = re.sub(r"\[[^\]]{0,30}\]|\((extern|external|ext)\)", " ", text, flags=re.IGNORECASE)
    text = _TITLE_PREFIX.sub("", text)
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = re.sub(r"(\b(with|mit|and|und)\s+|&\s*)?\b" + re.escape(name) + r"\b", " ", text, flags=re.IGNORECASE)
        first = name.split()[0] if len(name.split()) > 1 else ""
        if len(first) > 2:     # 'Call with Dana' for Dana Park
            text = re.sub(r"\b(with|mit)\s+" + re.escape(first) + r"\b", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([:,;])", r"\1", " ".join(text.split()))
    for _ in range(3):
        text = _CONNECTORS.sub("", text).strip()
    if not text or text.casefold() in _FILLER or len(re.sub(r"\W", "", text)) < 2:
        return ()
    return tuple(clean_topics([text[:80]]))


def meeting_channel(occurrence: Occurrence) -> tuple[str, bool]:
    """(channel, in person) of a meeting: a physical place is in person (a lunch when the title says so), a video
    link a video call, a phone number a call; without any, a meeting not in person."""
    kind = place_kind(occurrence.location)
    if kind == "place":
        return ("lunch" if _LUNCH.search(occurrence.title) else "meeting"), True
    if kind == "video" or occurrence.video:
        return "video_call", False
    if kind == "phone":
        return "call", False
    if not kind and _VIDEO_TITLE.search(occurrence.title):      # no place typed: the title may say what it was
        return "video_call", False
    if not kind and _CALL_TITLE.search(occurrence.title):
        return "call", False
    return "meeting", False


def _name_tokens(text: str) -> list[str]:
    return name_key(text).split()


def _names_in_title(title: str, by_name: dict[str, str]) -> list[str]:
    """Contacts whose full name (two or three words) appears in the title."""
    tokens = _name_tokens(title)
    found: dict[str, None] = {}
    for size in (3, 2):
        for i in range(len(tokens) - size + 1):
            contact_id = by_name.get(" ".join(tokens[i:i + size]))
            if contact_id:
                found.setdefault(contact_id, None)
    return list(found)


# --- planning ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Unknown:
    name: str = ""
    threads: set[str] = field(default_factory=set)
    meetings: set[str] = field(default_factory=set)
    wrote: bool = False
    last_on: dt.date | None = None
    rows: dict[str, NewInteractionRow] = field(default_factory=dict)


@dataclass(slots=True)
class _State:
    known: _Known
    existing: set[tuple[str, str]]
    today: dt.date
    now: dt.datetime
    zone: dt.tzinfo | None
    since: dt.date | None
    skipped: Counter[str] = field(default_factory=Counter)
    undated: list[Problem] = field(default_factory=list)     # messages without a usable date, named
    already: set[tuple[str, str]] = field(default_factory=set)
    meetings: dict[str, NewInteractionRow] = field(default_factory=dict)
    mail: dict[tuple[str, dt.date, str], list[str]] = field(default_factory=dict)
    upcoming: list[UpcomingRow] = field(default_factory=list)
    uids: set[str] = field(default_factory=set)
    reminders: set[str] = field(default_factory=set)          # UIDs of netz's own reminders left out
    own_meetings: set[str] = field(default_factory=set)       # keys of rows from netz's own meetings
    cancellations: list[Cancellation] = field(default_factory=list)
    # the meetings suggested for each contact, address and name, in the order found
    suggested: dict[tuple[str, str, str], list[NewInteractionRow]] = field(default_factory=dict)
    suggested_keys: set[str] = field(default_factory=set)
    unknown: dict[str, _Unknown] = field(default_factory=dict)
    seen_messages: set[bytes] = field(default_factory=set)
    senders: Counter[str] = field(default_factory=Counter)

    def unknown_person(self, email: str, name: str) -> _Unknown | None:
        person = self.unknown.get(email)
        if person is None:
            if len(self.unknown) >= MAX_UNKNOWN:
                return None
            person = self.unknown[email] = _Unknown()
        if name and not person.name:
            person.name = name
        return person


def _existing_keys(con: Connection) -> set[tuple[str, str]]:
    return {(s, k) for s, k in con.execute("SELECT source, key FROM interaction_sources").fetchall()}


def plan_activity(con: Connection, files: Sequence[ActivityFile], since: dt.date | None = None,
                  today: dt.date | None = None, now: dt.datetime | None = None,
                  zone: dt.tzinfo | None = None, refused: Sequence[Problem] = ()) -> ActivityPlan:
    """Read every calendar and mail file and work out what the import would write. Writes nothing."""
    now = now or dt.datetime.now()
    today = today or now.date()
    state = _State(_known(con), _existing_keys(con), today, now, zone, since)
    summaries: list[SourceSummary] = []
    problems: list[Problem] = []
    refusals = list(refused)
    for file in files:
        try:
            with file.open() as stream:
                if file.kind == "calendar":
                    read = _plan_calendar(state, file.name, stream)
                    problems += read[1]
                    summaries.append(SourceSummary(file.name, "calendar", read[0]))
                elif file.kind == "mbox":
                    summaries.append(SourceSummary(file.name, "mbox",
                                                   _plan_mail(state, mbox_headers(stream), file.left_out,
                                                              file.name)))
                else:
                    raw = eml_headers(stream)
                    if is_outlook_msg(raw.data):        # read, and named with how to get a file netz reads
                        problems.append(Problem(file.name, 0, "outlook_msg"))
                        summaries.append(SourceSummary(file.name, "eml", 1))
                    else:
                        summaries.append(SourceSummary(file.name, "eml",
                                                       _plan_mail(state, iter([raw]), file.left_out, file.name)))
        except OSError as error:
            refusals.append(Problem(file.name, 0, "unreadable_file", os_error_code(error)))
        except zipfile.BadZipFile:                   # a member of a zip damaged past its first bytes
            refusals.append(Problem(file.name, 0, "zip_unreadable"))
    _own_meetings_logged_otherwise(con, state)
    needs_own = any(s.kind in ("mbox", "eml") for s in summaries) and not state.known.mine
    people = _people(state)
    mail = tuple((f"{cid}|{day.isoformat()}|{direction}", cid, day, direction, tuple(subjects))
                 for (cid, day, direction), subjects in sorted(state.mail.items(), key=lambda i: (i[0][1], i[0][0])))
    # an event cancelled whole takes part in replacing the upcoming meetings of its UID; an occurrence, its own
    whole = {c.uid for c in state.cancellations if not c.recurrence}
    occurrences = {c.occurrence_key for c in state.cancellations if c.recurrence}
    problems += state.undated
    return ActivityPlan(tuple(summaries), tuple(refusals), tuple(problems),
                        tuple(sorted(state.meetings.values(), key=lambda r: (r.occurred_on, r.key))),
                        () if needs_own else mail, len(state.already), dict(state.skipped), tuple(state.upcoming),
                        tuple(sorted(state.uids | whole)), _name_suggestions(state), () if needs_own else people,
                        state.known.names, tuple(state.senders.most_common(8)), needs_own, today,
                        tuple(sorted(occurrences)), _cancelled_since_logged(con, state),
                        _cancelled_since_kept(con, state, whole, occurrences))


_MEETING_CHANNELS = ("lunch", "meeting", "call", "video_call", "event")   # a mail on the day is not the meeting


def _already_logged_as_own_meetings(con: Connection, state: _State) -> None:
    """A meeting with a contact on a day an earlier import logged netz's own meeting with them (the invitation for
    that coffee, imported after netz's .ics) is that one."""
    new = [r for key, r in state.meetings.items() if key not in state.own_meetings and r.channel in _MEETING_CHANNELS]
    if not new:
        return
    logged = set(con.execute(
        "SELECT i.contact_id, i.occurred_on FROM interaction_sources s JOIN interactions i ON i.id = s.interaction_id "
        "WHERE s.source = 'calendar' AND starts_with(s.key, ?) AND i.contact_id IN (SELECT unnest(?))",
        [MEETING_UID_PREFIX, sorted({r.contact_id for r in new})]).fetchall())
    _logged_already(state, new, logged)


def _own_meetings_logged_otherwise(con: Connection, state: _State) -> None:
    """netz's own meeting with a contact on a day that has another meeting with them (the invitation sent for the
    same coffee, in this import or logged before) is that one: it counts as logged already, not as a second."""
    _already_logged_as_own_meetings(con, state)
    own = [state.meetings[key] for key in state.own_meetings if key in state.meetings]
    if not own:
        return
    taken = {(r.contact_id, r.occurred_on) for key, r in state.meetings.items() if key not in state.own_meetings
             and r.channel in _MEETING_CHANNELS}
    taken |= set(con.execute("SELECT contact_id, occurred_on FROM interactions WHERE channel IN (SELECT unnest(?)) "
                             "AND contact_id IN (SELECT unnest(?))",
                             [list(_MEETING_CHANNELS), sorted({r.contact_id for r in own})]).fetchall())
    _logged_already(state, own, taken)


def _logged_already(state: _State, rows: Iterable[NewInteractionRow], days: Collection[tuple[str, dt.date]]) -> None:
    """The rows whose contact has another meeting that day count as logged already."""
    for row in rows:
        if (row.contact_id, row.occurred_on) in days:
            del state.meetings[row.key]
            state.already.add(("calendar", row.key))


def _cancelled_since_logged(con: Connection, state: _State) -> tuple[str, ...]:
    """Keys of meetings an earlier import logged that the calendar now says were cancelled, whose entries hold
    nothing the user added (hooks, gave/received, notes, a follow-up, an event). A series cancelled as a whole keeps
    its past meetings (calendars end a series that way, and a cancellation may name a series by its UID alone, so
    an event cancelled whole removes only the entry of a single event), and so does an event whose UID still has
    another event in these files."""
    whole = {c.uid for c in state.cancellations if not c.recurrence and not c.whole_series} - state.uids
    single = {(c.uid, c.recurrence) for c in state.cancellations if c.recurrence and not c.whole_series}
    if not whole and not single:
        return ()
    keys = []
    for source, key in state.existing:
        if source != "calendar":
            continue
        uid, recurrence, _ = (key.rsplit("|", 2) + ["", ""])[:3]
        if (uid in whole and not recurrence) or (uid, recurrence) in single:
            keys.append(key)
    if not keys:
        return ()
    rows = con.execute(
        "SELECT s.key FROM interaction_sources s JOIN interactions i ON i.id = s.interaction_id "
        "WHERE s.source = 'calendar' AND s.key IN (SELECT unnest(?)) AND s.import_run_id IS NOT NULL "
        "AND i.hooks IS NULL AND i.gave IS NULL AND i.received IS NULL AND i.notes IS NULL "
        "AND i.follow_up_on IS NULL AND i.event_id IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM event_plans p WHERE p.interaction_id = i.id)", [keys]).fetchall()
    return tuple(sorted(str(r[0]) for r in rows))


def _cancelled_since_kept(con: Connection, state: _State, uids: set[str], occurrences: set[str]) -> int:
    """How many upcoming meetings an earlier import kept for Today are cancelled now (and not kept again)."""
    if not uids and not occurrences:
        return 0
    kept_again = {(r.occurrence, r.contact_id) for r in state.upcoming}
    rows = con.execute("SELECT occurrence, contact_id FROM calendar_meetings WHERE uid IN (SELECT unnest(?)) "
                       "OR occurrence IN (SELECT unnest(?))", [sorted(uids), sorted(occurrences)]).fetchall()
    return sum(1 for row in rows if (row[0], row[1]) not in kept_again)


def _plan_calendar(state: _State, name: str, stream: IO[bytes]) -> tuple[int, list[Problem]]:
    first = state.since or state.today - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS)
    last = state.today + dt.timedelta(days=UPCOMING_DAYS)
    read = read_calendar(name, stream, first, last, state.zone)
    state.skipped["cancelled"] += read.cancelled
    state.cancellations += [c for c in read.cancellations if not c.uid.endswith(REMINDER_UID)]
    state.skipped["replaced"] += read.replaced
    state.skipped["special_days"] += read.special_days
    state.skipped["meetings_before_since" if state.since else "meetings_older"] += read.earlier
    state.skipped["meetings_later"] += read.later
    known = state.known
    for occurrence in read.occurrences:
        if occurrence.uid.endswith(REMINDER_UID):   # netz's own birthdays, follow-ups, due contacts
            if occurrence.uid not in state.reminders:   # a birthday once, not once for each year it recurs
                state.reminders.add(occurrence.uid)
                state.skipped["netz_reminders"] += 1
            continue
        state.uids.add(occurrence.uid)
        others = [p for p in occurrence.participants if p.email not in known.mine]
        if any(p.declined for p in occurrence.participants if p.email in known.mine):
            state.skipped["declined_by_me"] += 1
            continue
        state.skipped["declined"] += sum(1 for p in others if p.declined)
        present = [p for p in others if not p.declined]
        contact_ids = list(dict.fromkeys(known.by_email[p.email] for p in present if p.email in known.by_email))
        past = occurrence.start < state.now if isinstance(occurrence.start, dt.datetime) \
            else occurrence.start < state.today
        # netz's own meeting, once it took place: its UID names the contact (ahead, the event plan shows it)
        own = _own_meeting(occurrence.uid, known) if past else None
        if own is not None and own[1] not in contact_ids:
            contact_ids.append(own[1])
        channel, in_person = meeting_channel(occurrence)
        names = [known.names[c] for c in contact_ids] + [p.name for p in present]
        # netz's own title ("Coffee: Anna Weber (Hannover Messe)") is no topic of the conversation
        topics = () if own is not None else title_topic(occurrence.title, names)
        if not past:
            if not contact_ids:                # ahead, with nobody netz knows
                state.skipped["no_contact"] += 1
            for contact_id in contact_ids:
                start = occurrence.start if isinstance(occurrence.start, dt.datetime) \
                    else dt.datetime.combine(occurrence.start, dt.time())
                state.upcoming.append(UpcomingRow(occurrence.uid, occurrence.occurrence_key, contact_id, start,
                                                  occurrence.all_day, " ".join(topics) or occurrence.title[:80],
                                                  channel, in_person, occurrence.location[:200]))
            continue

        template = NewInteractionRow("calendar", f"{occurrence.occurrence_key}|", "", occurrence.day, channel,
                                     in_person, topics)

        def row(contact_id: str, template: NewInteractionRow = template) -> NewInteractionRow:
            return replace(template, key=template.key + contact_id, contact_id=contact_id)

        for contact_id in contact_ids:
            entry = row(contact_id)
            if ("calendar", entry.key) in state.existing or (own is not None and own in known.noted
                                                             and own[1] == contact_id):
                state.already.add(("calendar", entry.key))
            else:
                state.meetings.setdefault(entry.key, entry)
                if own is not None and own[1] == contact_id:
                    state.own_meetings.add(entry.key)
        # attendees who are not contacts: a name that is a contact's name is a suggestion, the rest may become one
        for person in present:
            if person.email in known.by_email:
                continue
            suggested = known.by_name.get(name_key(person.name)) if person.name else None
            if suggested and suggested not in contact_ids:
                entry = row(suggested)
                if ("calendar", entry.key) not in state.existing and entry.key not in state.meetings:
                    _suggest(state, suggested, person.email, person.name, entry)
                continue
            unknown = state.unknown_person(person.email, person.name)
            if unknown is not None:
                unknown.meetings.add(occurrence.occurrence_key)
                unknown.last_on = max(unknown.last_on or occurrence.day, occurrence.day)
                unknown.rows.setdefault(occurrence.occurrence_key, row(""))
        # people written without an address (Outlook's 'invalid:nomail'): a contact of that name is offered
        for found_as in occurrence.unaddressed:
            key = name_key(found_as)
            suggested = known.by_name.get(key) if key != known.my_name_key else None
            if suggested and suggested not in contact_ids:
                entry = row(suggested)
                if ("calendar", entry.key) in state.existing:
                    state.already.add(("calendar", entry.key))
                elif entry.key not in state.meetings:
                    _suggest(state, suggested, "", found_as, entry)
        if not contact_ids:
            for suggested in _names_in_title(occurrence.title, known.by_name):
                entry = row(suggested)
                if ("calendar", entry.key) in state.existing:
                    state.already.add(("calendar", entry.key))
                    continue
                if entry.key in state.suggested_keys:
                    continue
                topics_without = title_topic(occurrence.title, [known.names[suggested]])
                _suggest(state, suggested, "", occurrence.title, replace(entry, topics=topics_without))
            state.skipped["no_contact"] += 1
    return read.events, read.problems


def _message_key(message: MailMessage) -> bytes:
    text = message.message_id or f"{message.sender}|{message.sent_at}|{message.subject}"
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).digest()


def _local_day(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.date:
    """The user's day of a moment; one written without a zone is the user's wall time already (astimezone would
    take it for the computer's and move it again)."""
    return moment.date() if moment.tzinfo is None else moment.astimezone(zone).date()


def _name_undated(state: _State, name: str, position: int, message: MailMessage) -> None:
    """A message without a usable date is named in the report (its file, place and subject, else its sender): it is
    never logged on the day of the import, and in a mailbox of thousands a count alone says not which one."""
    if len(state.undated) < MAX_UNDATED_NAMED:
        what = (" ".join(message.subject.split())[:80] or (message.sender.email if message.sender else "")
                or message.message_id[:80] or "–")
        state.undated.append(Problem(name, position, "mail_no_date", what))


def _plan_mail(state: _State, headers: Iterator[Any], left_out: str = "", name: str = "") -> int:
    known = state.known
    read = 0
    for raw in headers:
        read += 1
        try:
            message = read_message(raw)
        except Exception:  # noqa: BLE001 (a header block the email package cannot read: counted, never fatal)
            state.skipped["unreadable"] += 1
            continue
        if message.sender:
            state.senders[message.sender.email] += 1
        # before the copies: a copy in Trash or Drafts (the Enron corpus keeps one in 'deleted_items' beside 'inbox')
        # must not make the Inbox's copy a message "found twice"
        if message.spam_or_trash or left_out == "spam_or_trash":
            state.skipped["spam_or_trash"] += 1
            continue
        if message.draft or left_out == "draft":
            state.skipped["draft"] += 1
            continue
        key = _message_key(message)
        if key in state.seen_messages:
            state.skipped["duplicate"] += 1
            continue
        state.seen_messages.add(key)
        if message.bulk:
            state.skipped["mailing_list"] += 1
            continue
        if message.automatic:
            state.skipped["automatic"] += 1
            continue
        if message.calendar:
            state.skipped["calendar_message"] += 1
            continue
        if message.sent_at is None or message.sender is None:
            state.skipped["no_date"] += 1
            if message.sent_at is None:
                _name_undated(state, name, raw.position, message)
            continue
        try:
            day = _local_day(message.sent_at, state.zone)
        except OverflowError:               # 31 Dec 9999 -1200: past the last day there is
            day = dt.date.max
        if day > state.today + dt.timedelta(days=1):
            state.skipped["no_date"] += 1
            continue
        if state.since and day < state.since:
            state.skipped["before_since"] += 1
            continue
        if message.sender.email in known.mine:
            direction = "sent"
            partners = [a for a in message.recipients if a.email not in known.mine]
            if not partners:
                state.skipped["own"] += 1
                continue
        else:
            if is_no_reply(message.sender.email):
                state.skipped["no_reply"] += 1
                continue
            direction = "received"
            partners = [message.sender]
        subject = clean_subject(message.subject)
        matched = False
        for partner in partners:
            if is_no_reply(partner.email):
                continue
            contact_id = known.by_email.get(partner.email)
            if contact_id:
                matched = True
                mail_key = ("mail", f"{contact_id}|{day.isoformat()}|{direction}")
                if mail_key in state.existing:
                    state.already.add(mail_key)
                    continue
                subjects = state.mail.setdefault((contact_id, day, direction), [])
                if subject and len(subjects) < MAX_SUBJECTS and subject not in subjects:
                    subjects.append(subject)
                continue
            person = state.unknown_person(partner.email, partner.name)
            if person is None:
                continue
            person.threads.add(message.thread or message.message_id or subject.casefold())
            person.wrote = person.wrote or direction == "sent"
            person.last_on = max(person.last_on or day, day)
            row_key = f"{day.isoformat()}|{direction}"
            if row_key not in person.rows and len(person.rows) < 2000:
                person.rows[row_key] = NewInteractionRow("mail", row_key, "", day, "email", False,
                                                         tuple(clean_topics([subject])) if subject else ())
        if not matched:                      # sent or received: with nobody netz knows
            state.skipped["no_contact"] += 1
    return read


def _people(state: _State) -> tuple[PersonSuggestion, ...]:
    found = []
    for email, person in state.unknown.items():
        threads = len(person.threads) if person.wrote else 0
        meetings = len(person.meetings)
        if (threads >= SUGGEST_FROM or meetings >= SUGGEST_FROM) and person.last_on is not None:
            name = person.name or email.split("@", 1)[0].replace(".", " ").title()
            found.append(PersonSuggestion(email, name, threads, meetings, person.last_on,
                                          tuple(person.rows.values())))
    found.sort(key=lambda p: (-(p.threads + p.meetings), p.name.casefold()))
    return tuple(found[:200])


# --- choosing and writing -----------------------------------------------------------------------------------------


def _mail_row(key: str, contact_id: str, day: dt.date, subjects: Sequence[str], on: bool) -> NewInteractionRow:
    return NewInteractionRow("mail", key, contact_id, day, "email", False,
                             tuple(clean_topics(subjects)) if on else ())


def _suggest(state: _State, contact_id: str, email: str, found_as: str, entry: NewInteractionRow) -> None:
    """Add the meeting to the suggestion for this contact, address and name, or open one."""
    if entry.key not in state.suggested_keys:
        state.suggested_keys.add(entry.key)
        state.suggested.setdefault((contact_id, email, found_as), []).append(entry)


def _name_suggestions(state: _State) -> tuple[NameSuggestion, ...]:
    """One suggestion per contact, address and name. One with an address also takes that address's other meetings
    and mail in these files (under another name, or none): confirming "Max Muster <max.privat@…> is Max" logs them
    all now, not with the next import."""
    found = []
    for index, ((contact_id, email, found_as), rows) in enumerate(state.suggested.items()):
        unknown = state.unknown.get(email) if email else None
        if unknown is not None:
            keys = {r.key for r in rows}
            rows = [*rows, *(row for row in (_for_contact(r, contact_id) for r in unknown.rows.values())
                             if row.key not in keys)]
        found.append(NameSuggestion(index, contact_id, state.known.names[contact_id], email, found_as,
                                    max(r.occurred_on for r in rows), tuple(rows)))
    return tuple(found)


def _chosen(plan: ActivityPlan, confirmed: Collection[int], people: Collection[str], subjects: bool
            ) -> tuple[list[NewInteractionRow], dict[str, list[NewInteractionRow]]]:
    """Rows for known contacts (and confirmed suggestions), and the rows of each new person to add."""
    rows = list(plan.meetings)
    rows += [_mail_row(key, cid, day, subs, subjects) for key, cid, day, _, subs in plan.mail]
    taken = {r.key for r in rows}
    for suggestion in plan.name_suggestions:
        if suggestion.index not in confirmed:
            continue
        for row in (_subjects_kept(r, subjects) for r in suggestion.interactions):
            if row.key not in taken:
                rows.append(row)
                taken.add(row.key)
    new_people = {p.email: [_subjects_kept(r, subjects) for r in p.interactions]
                  for p in plan.people if p.email in people}
    return rows, new_people


def _subjects_kept(row: NewInteractionRow, subjects: bool) -> NewInteractionRow:
    """The row with its mail subjects as topics only when the user asked for them."""
    return row if subjects or row.source != "mail" else replace(row, topics=())


def _for_contact(row: NewInteractionRow, contact_id: str) -> NewInteractionRow:
    """A row read for an address netz did not know, given to a contact: calendar keys end in '|' (no contact yet),
    mail keys are day|direction."""
    key = row.key + contact_id if row.source == "calendar" else f"{contact_id}|{row.key}"
    return replace(row, contact_id=contact_id, key=key)


def _report(plan: ActivityPlan, rows: Sequence[NewInteractionRow], confirmed: Collection[int],
            people: Collection[str], subjects: bool, new_contacts: int, applied: bool,
            extra_names: dict[str, str] | None = None) -> ActivityReport:
    names = {**plan.names, **(extra_names or {})}
    per: dict[str, list[NewInteractionRow]] = defaultdict(list)
    for row in rows:
        per[row.contact_id].append(row)
    contacts = sorted(
        (ContactActivity(cid, names.get(cid, "?"), sum(r.source == "calendar" for r in items),
                         sum(r.key.endswith("|sent") for r in items if r.source == "mail"),
                         sum(r.key.endswith("|received") for r in items if r.source == "mail"),
                         max(r.occurred_on for r in items))
         for cid, items in per.items()),
        key=lambda c: (-(c.meetings + c.mail_sent + c.mail_received), c.name.casefold()))
    suggestions = tuple(replace(s, confirmed=s.index in confirmed) for s in plan.name_suggestions)
    chosen = tuple(replace(p, added=p.email in people) for p in plan.people)
    return ActivityReport(plan.sources, plan.refused, plan.problems, tuple(contacts), len(rows), plan.already,
                          dict(plan.skipped), len(plan.upcoming), suggestions, chosen, new_contacts, subjects,
                          plan.needs_own_addresses, applied, unlogged=len(plan.unlogged), off_today=plan.off_today)


def apply_activity(con: Connection, plan: ActivityPlan, confirmed: Collection[int] = (),
                   people: Collection[str] = (), subjects: bool = False, tier: str = "D") -> ActivityReport:
    """Write the plan in one transaction: the chosen new contacts, the interactions (each key once), the upcoming
    meetings, the e-mail addresses confirmed for attendees, and the import run."""
    rows, new_people = _chosen(plan, confirmed, people, subjects)
    with transaction(con):
        extra_names: dict[str, str] = {}
        for email, person_rows in new_people.items():
            person = next(p for p in plan.people if p.email == email)
            contact_id = _create_contact(con, person, tier)
            extra_names[contact_id] = person.name
            rows += [_for_contact(row, contact_id) for row in person_rows]
        existing = _existing_keys(con)
        fresh: dict[tuple[str, str], NewInteractionRow] = {}
        for row in rows:
            if (row.source, row.key) not in existing:
                fresh.setdefault((row.source, row.key), row)
        written = list(fresh.values())
        report = _report(plan, written, confirmed, people, subjects, len(new_people), applied=True,
                         extra_names=extra_names)
        run_id = _insert_run(con, report)
        _insert_interactions(con, written, run_id)
        _remember_addresses(con, [s for s in plan.name_suggestions if s.index in confirmed and s.email])
        _replace_upcoming(con, plan, run_id)
        _forget_cancelled(con, plan)
    return replace(report, run_id=run_id)


def _create_contact(con: Connection, person: PersonSuggestion, tier: str) -> str:
    row = con.execute(
        "INSERT INTO contacts (full_name, emails, tier, sources, how_met) VALUES (?, ?, ?, ?, ?) RETURNING id",
        [person.name, [person.email], tier, ["mail" if person.threads else "calendar"], None]).fetchone()
    assert row is not None
    contact_id = str(row[0])
    con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, NULL, ?, ?)",
                [contact_id, tier, "created"])
    con.execute("INSERT OR IGNORE INTO contact_identities (contact_id, kind, value, source) VALUES (?, 'email', ?, ?)",
                [contact_id, person.email, "mail" if person.threads else "calendar"])
    return contact_id


def _insert_interactions(con: Connection, rows: Sequence[NewInteractionRow], run_id: str) -> None:
    if not rows:
        return
    ids = [r[0] for r in con.execute("SELECT CAST(uuidv7() AS VARCHAR) FROM range(?)", [len(rows)]).fetchall()]
    con.execute(
        "INSERT INTO interactions (id, contact_id, occurred_on, channel, in_person, topics) "
        "SELECT unnest(?), unnest(?), CAST(unnest(?) AS DATE), unnest(?), unnest(?), CAST(unnest(?) AS VARCHAR[])",
        [ids, [r.contact_id for r in rows], [r.occurred_on for r in rows], [r.channel for r in rows],
         [r.in_person for r in rows], [list(r.topics) for r in rows]])
    con.execute(
        "INSERT INTO interaction_sources (source, key, contact_id, interaction_id, import_run_id) "
        "SELECT unnest(?), unnest(?), unnest(?), unnest(?), ?",
        [[r.source for r in rows], [r.key for r in rows], [r.contact_id for r in rows], ids, run_id])


def _remember_addresses(con: Connection, suggestions: Sequence[NameSuggestion]) -> None:
    """An attendee the user confirmed as a contact: the address finds them directly next time."""
    for suggestion in suggestions:
        con.execute("INSERT OR IGNORE INTO contact_identities (contact_id, kind, value, source) "
                    "VALUES (?, 'email', ?, 'calendar')", [suggestion.contact_id, suggestion.email])


def _forget_cancelled(con: Connection, plan: ActivityPlan) -> None:
    """Remove the entries of meetings logged before and cancelled since (`_cancelled_since_logged`)."""
    if not plan.unlogged:
        return
    con.execute("DELETE FROM interactions WHERE id IN (SELECT interaction_id FROM interaction_sources "
                "WHERE source = 'calendar' AND key IN (SELECT unnest(?)))", [list(plan.unlogged)])
    con.execute("DELETE FROM interaction_sources WHERE source = 'calendar' AND key IN (SELECT unnest(?))",
                [list(plan.unlogged)])


def _replace_upcoming(con: Connection, plan: ActivityPlan, run_id: str) -> None:
    if plan.cancelled_occurrences:
        con.execute("DELETE FROM calendar_meetings WHERE occurrence IN (SELECT unnest(?))",
                    [list(plan.cancelled_occurrences)])
    if not plan.calendar_uids:
        return
    con.execute("DELETE FROM calendar_meetings WHERE uid IN (SELECT unnest(?))", [list(plan.calendar_uids)])
    rows = {(r.occurrence, r.contact_id): r for r in plan.upcoming}
    if rows:
        values = list(rows.values())
        con.execute(
            "INSERT INTO calendar_meetings (uid, occurrence, contact_id, starts_at, all_day, title, channel, "
            "in_person, place, import_run_id) SELECT unnest(?), unnest(?), unnest(?), CAST(unnest(?) AS TIMESTAMP), "
            "unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), ?",
            [[r.uid for r in values], [r.occurrence for r in values], [r.contact_id for r in values],
             [r.starts_at for r in values], [r.all_day for r in values], [r.title for r in values],
             [r.channel for r in values], [r.in_person for r in values], [r.place or None for r in values],
             run_id])


def _insert_run(con: Connection, report: ActivityReport) -> str:
    row = con.execute(
        "INSERT INTO import_runs (kind, file_names, records_read, created, report, finished_at) "
        "VALUES ('other', ?, ?, ?, ?, current_timestamp) RETURNING id",
        [[s.name for s in report.sources], sum(s.read for s in report.sources), report.created,
         json.dumps({"kind": "activity", **report.to_json()}, default=str)]).fetchone()
    assert row is not None
    return str(row[0])


# --- from paths (the CLI) ---------------------------------------------------------------------------------------------


def import_activity_paths(con: Connection, paths: Sequence[str], since: dt.date | None = None,
                          dry_run: bool = False, subjects: bool = False) -> ActivityReport:
    """`netz import` with calendar and mail files: suggestions cannot be confirmed here, so they are only listed."""
    files, refused = find_files(paths)
    plan = plan_activity(con, files, since=since, refused=refused)
    return plan.preview(subjects=subjects) if dry_run else apply_activity(con, plan, subjects=subjects)


# --- the report in words ------------------------------------------------------------------------------------------

SKIP_REASONS = ("cancelled", "replaced", "declined_by_me", "declined", "meetings_older", "meetings_before_since",
                "meetings_later", "netz_reminders", "special_days", "no_contact", "mailing_list", "automatic",
                "calendar_message", "no_reply", "spam_or_trash", "draft", "duplicate", "own", "no_date",
                "before_since", "unreadable")


def report_lines(report: ActivityReport, lang: str) -> list[str]:
    lines = [translate(lang, f"activity.file_read_{s.kind}", file=s.name, count=s.read) for s in report.sources]
    lines += [translate(lang, "activity.refused_line", file=p.file,
                        reason=translate(lang, f"activity.reason.{p.code}", detail=p.detail_value)) for p in report.refused]
    if report.needs_own_addresses:
        lines.append(translate(lang, "activity.needs_own_addresses"))
    lines.append(translate(lang, "activity.summary_logged" if report.applied else "activity.summary_will_log",
                           count=report.created))
    for item in report.contacts:
        parts = []
        if item.meetings:
            parts.append(translate(lang, "activity.part_meetings", count=item.meetings))
        if item.mail_sent:
            parts.append(translate(lang, "activity.part_sent", count=item.mail_sent))
        if item.mail_received:
            parts.append(translate(lang, "activity.part_received", count=item.mail_received))
        last = format_date(item.last_on, lang) if item.last_on else ""
        lines.append("  " + translate(lang, "activity.contact_line", name=item.name, parts=", ".join(parts),
                                      last=last))
    if report.already:
        lines.append(translate(lang, "activity.already", count=report.already))
    if report.unlogged:
        lines.append(translate(lang, "activity.unlogged" if report.applied else "activity.will_unlog",
                               count=report.unlogged))
    if report.off_today:
        lines.append(translate(lang, "activity.off_today" if report.applied else "activity.will_be_off_today",
                               count=report.off_today))
    if report.upcoming:
        lines.append(translate(lang, "activity.upcoming", count=report.upcoming))
    skipped = [translate(lang, f"activity.skipped.{reason}", count=report.skipped[reason])
               for reason in SKIP_REASONS if report.skipped.get(reason)]
    if skipped:
        lines.append(translate(lang, "activity.skipped_heading") + " " + "; ".join(skipped) + ".")
    open_suggestions = [s for s in report.name_suggestions if not s.confirmed]
    if report.name_suggestions:
        lines.append(translate(lang, "activity.report_suggestions_heading"))
        for suggestion in report.name_suggestions:
            state = translate(lang, "activity.confirmed" if suggestion.confirmed else "activity.not_confirmed")
            key = "activity.suggestion_line_days" if suggestion.days > 1 else "activity.suggestion_line"
            lines.append("  " + translate(lang, key, found=suggestion.found_as, email=suggestion.email or "-",
                                          name=suggestion.contact_name, count=suggestion.days,
                                          date=format_date(suggestion.occurred_on, lang), state=state))
    if report.people:
        lines.append(translate(lang, "activity.report_people_heading"))
        for person in report.people:
            state = translate(lang, "activity.added" if person.added else "activity.not_added")
            lines.append("  " + translate(lang, "activity.person_line", name=person.name, email=person.email,
                                          threads=person.threads, meetings=person.meetings,
                                          last=format_date(person.last_on, lang), state=state))
    if not report.applied:
        lines.append(translate(lang, "activity.dry_run"))
    elif open_suggestions or any(not p.added for p in report.people):
        lines.append(translate(lang, "activity.confirm_in_app"))
    lines += [translate(lang, _problem_line(p), file=p.file, position=p.position,
                        reason=translate(lang, f"activity.reason.{p.code}", detail=p.detail_value))
              for p in report.problems]
    return lines


def _problem_line(problem: Problem) -> str:
    """'file: …', 'file, event 3: …' or, for a message of a mailbox, 'file, message 3: …'."""
    if not problem.position:
        return "activity.problem_line"
    return "activity.problem_message_line" if problem.code.startswith("mail_") else "activity.problem_event_line"


"""Import from paths (the CLI): read the files, plan, then write or only preview."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from netzcore.db import Connection
from netzcore.i18n import os_error_code
from netzcore.importers.pipeline import MAX_FILE_BYTES, ImportFile, ImportReport, apply_import, plan_import
from netzcore.importers.records import Problem

CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv")
MAX_FOLDER_FILES = 200_000
# A file in a zip that unpacks to more than this and to more than ZIP_BOMB_RATIO times what it takes packed is not
# read: mail, calendars and contacts pack to a fifth or a tenth, a zip made to fill the disk to a thousandth. Zip's
# declared size bounds what is read (Python's zipfile stops there), so it is what is checked.
ZIP_BOMB_BYTES = 256 << 20
ZIP_BOMB_RATIO = 100
# A zip whose directory lists more files and folders than this is not opened: Python's zipfile keeps an object of
# about 550 bytes for each, and a zip of a million empty files (100 MB) took the import past a gigabyte.
MAX_ZIP_ENTRIES = 2 * MAX_FOLDER_FILES
NOTE_NAMES = 5                    # files named in a note about what a zip holds besides contact files
MAX_ZIP_BYTES = 1 << 30           # the contact files of one zip together


def folder_files(folder: str | Path) -> Iterator[Path]:
    """The files in `folder` and below, in name order; hidden ones (".name") left out."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for file_name in sorted(files):
            if not file_name.startswith("."):
                yield Path(root) / file_name


def contact_files_in_folders(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The contact files (.vcf, .vcard, .csv) inside the folders among `paths`, walked in name order, and the
    paths left for the calendar and mail import: every file given by name, and each folder that holds anything
    but contact files (a folder of phone exports is not read as a mailbox, and not passed over either)."""
    contacts: list[str] = []
    rest: list[str] = []
    for name in paths:
        if not Path(name).is_dir():
            rest.append(name)
            continue
        others = False
        for seen, child in enumerate(folder_files(name), start=1):
            if seen > MAX_FOLDER_FILES:
                others = True   # the calendar and mail import names the folder as too large
                break
            if child.name.lower().endswith(CONTACT_SUFFIXES):
                contacts.append(str(child))
            else:
                others = True
        if others or not contacts:
            rest.append(name)
    return contacts, rest


# --- zips, for the contact import and the calendar and mail import -------------------------------------------------

ArchiveOf = Callable[[], zipfile.ZipFile]


class ZipTooManyEntries(zipfile.BadZipFile):
    """A zip whose directory lists more than MAX_ZIP_ENTRIES files and folders."""


def zip_at(path: Path) -> ArchiveOf:
    def archive() -> zipfile.ZipFile:
        with path.open("rb") as stream:
            _check_entries(stream)
        return zipfile.ZipFile(path)
    return archive


def zip_of_bytes(data: bytes) -> ArchiveOf:
    def archive() -> zipfile.ZipFile:
        _check_entries(io.BytesIO(data))
        return zipfile.ZipFile(io.BytesIO(data))
    return archive


def _check_entries(stream: IO[bytes]) -> None:
    """Raises ZipTooManyEntries before the directory is read, by the count its end record gives (zip64 too)."""
    end = zipfile._EndRecData(stream)  # type: ignore[attr-defined]  # the module's own reader of that record
    if end is not None and end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ZIP_ENTRIES:  # type: ignore[attr-defined]
        raise ZipTooManyEntries(str(end[zipfile._ECD_ENTRIES_TOTAL]))  # type: ignore[attr-defined]


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def zip_files_in_order(archive_of: ArchiveOf) -> list[zipfile.ZipInfo]:
    """The files inside a zip (not its folders), in name order; raises zipfile.BadZipFile or OSError for a zip that
    cannot be read."""
    with archive_of() as archive:
        return sorted((m for m in archive.infolist() if not m.is_dir()), key=lambda m: m.filename)


def hidden_in_zip(member: zipfile.ZipInfo) -> bool:
    """A hidden file ('.DS_Store') or one of the copies macOS adds in '__MACOSX': passed over without a word."""
    return member.filename.rpartition("/")[2].startswith(".") or member.filename.startswith("__MACOSX/")


def zip_holds(path: Path, suffixes: tuple[str, ...]) -> bool:
    """Whether a zip holds a file of these kinds, by the files' names ('.vcf', '.ics' ...)."""
    try:
        return any(m.filename.lower().endswith(suffixes) for m in zip_files_in_order(zip_at(path)))
    except (OSError, zipfile.BadZipFile):
        return False


def unpacks_like_a_bomb(member: zipfile.ZipInfo) -> bool:
    return member.file_size > ZIP_BOMB_BYTES and member.file_size > ZIP_BOMB_RATIO * max(member.compress_size, 1)


def member_refusal(label: str, member: zipfile.ZipInfo) -> Problem | None:
    """Why a file in a zip is not read, named 'archive.zip/member': protected by a password, or made to fill the
    disk."""
    name = f"{label}/{member.filename}"
    if member.flag_bits & 0x1:
        return Problem(name, 0, "zip_unreadable")
    if unpacks_like_a_bomb(member):
        return Problem(name, 0, "zip_bomb", str(member.file_size >> 20))
    return None


@dataclass(slots=True)
class Unpacked:
    """The contact files a zip holds, what could not be read, and a note naming the files passed over."""

    files: list[ImportFile] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def add(self, other: Unpacked) -> None:
        self.files += other.files
        self.refused += other.refused
        self.notes += other.notes


def zip_contact_files(label: str, archive_of: ArchiveOf) -> Unpacked:
    """The vCard and CSV contact files in a zip, each named 'archive.zip/member' (LinkedIn's data archive, a
    phone backup, Google Takeout). Of LinkedIn's archive only `Connections.csv` is read: its `Contacts.csv` is the
    address book the member synced, not the network. The files without contacts are named in one note; a damaged
    zip, a file made to fill the disk, and files beyond MAX_FILE_BYTES each or MAX_ZIP_BYTES together are
    refusals."""
    found = Unpacked()
    passed_over: list[str] = []
    total = 0
    try:
        members = [m for m in zip_files_in_order(archive_of) if not hidden_in_zip(m)]
        if len(members) > MAX_FOLDER_FILES:         # the files beyond were left out without a word
            found.notes.append(Problem(label, 0, "zip_too_many_files", str(MAX_FOLDER_FILES)))
            members = members[:MAX_FOLDER_FILES]
        connections = [m for m in members if Path(m.filename).name.lower() == "connections.csv"]
        with archive_of() as archive:
            for member in members:
                name = f"{label}/{member.filename}"
                if (connections and member not in connections
                        or not member.filename.lower().endswith(CONTACT_SUFFIXES)):
                    passed_over.append(member.filename)
                elif (refusal := member_refusal(label, member)) is not None:
                    found.refused.append(refusal)
                elif member.file_size > MAX_FILE_BYTES or total + member.file_size > MAX_ZIP_BYTES:
                    found.refused.append(Problem(name, 0, "too_large"))
                else:
                    data = read_member(archive, member)
                    total += len(data)
                    if _holds_contacts(name, data):
                        found.files.append(ImportFile(name, data))
                    else:
                        passed_over.append(member.filename)
    except ZipTooManyEntries:
        return Unpacked(refused=[Problem(label, 0, "zip_too_many_entries", str(MAX_ZIP_ENTRIES))])
    except (OSError, zipfile.BadZipFile, NotImplementedError, EOFError):
        return Unpacked(refused=[Problem(label, 0, "zip_unreadable")])
    inner_zips = [name for name in passed_over if name.lower().endswith(".zip")]
    passed_over = [name for name in passed_over if name not in inner_zips]
    if not found.files and not found.refused:
        found.refused.append(Problem(label, 0, "zip_in_zip", _named_files(inner_zips)) if inner_zips
                             else Problem(label, 0, "zip_without_contacts"))
        return found
    if inner_zips:        # a zip inside is named as such, not among the files without contacts
        found.notes.append(Problem(label, 0, "zip_in_zip", _named_files(inner_zips)))
    if passed_over:
        found.notes.append(Problem(label, 0, "zip_linkedin_other_files" if connections else "zip_other_files",
                                   _named_files(passed_over)))
    return found


def _named_files(names: Sequence[str]) -> str:
    """The first NOTE_NAMES files' names, without their folders."""
    more = ", …" if len(names) > NOTE_NAMES else ""
    return ", ".join(Path(n).name for n in names[:NOTE_NAMES]) + more


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A file in a zip, unpacked no further than the size the zip gives it (raises zipfile.BadZipFile when its
    contents do not match): `ZipFile.read` unpacked a file that says 1 KB and unpacks to 300 MB whole, in 750 MB,
    before its check failed."""
    with archive.open(member) as stream:
        return stream.read(member.file_size + 1)


def _holds_contacts(name: str, data: bytes) -> bool:
    """A vCard file, or a CSV the contact import reads (not LinkedIn's messages or a table of products)."""
    from netzcore.importers.addressbook import recognise_csv
    from netzcore.importers.vcard import is_vcard, unicode_bytes

    if is_vcard(unicode_bytes(data[:65536])):
        return True
    found = recognise_csv(name, data)
    return found is not None and not found.refusal


def unpack_uploads(files: Sequence[ImportFile]) -> Unpacked:
    """Uploaded files as the import reads them: a zip's contact files in its place (the app's uploader)."""
    found = Unpacked()
    for file in files:
        if is_zip(file.data[:4]):
            found.add(zip_contact_files(file.name, zip_of_bytes(file.data)))
        else:
            found.files.append(file)
    return found


def holds_contact_files(path: Path) -> bool:
    return zip_holds(path, CONTACT_SUFFIXES)


def read_files(paths: Sequence[str]) -> Unpacked:
    """The files' bytes, a zip's contact files in its place; a missing, unreadable or oversized file is a refusal,
    not an exception."""
    found = Unpacked()
    for name in paths:
        path = Path(name)
        try:
            if path.suffix.lower() == ".zip" or (path.is_file() and is_zip(_head(path))):
                found.add(zip_contact_files(name, zip_at(path)))
            elif path.stat().st_size > MAX_FILE_BYTES:
                found.refused.append(Problem(name, 0, "too_large"))
            else:
                found.files.append(ImportFile(name, path.read_bytes()))
        except OSError as error:
            found.refused.append(Problem(name, 0, "unreadable_file", os_error_code(error)))
    return found


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(4)


def import_paths(con: Connection, paths: Sequence[str], dry_run: bool = False) -> ImportReport:
    """Import every readable file (refused ones are listed in the report). Nothing is held back: possible
    duplicates are imported apart and wait in the app's review queue."""
    found = read_files(paths)
    plan = plan_import(con, found.files, notes=found.notes)
    report = plan.preview() if dry_run else apply_import(con, plan)
    return replace(report, refused=tuple(found.refused) + report.refused)

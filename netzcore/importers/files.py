"""Import from paths (the CLI): read the files, plan, then write or only preview."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from netzcore.db import Connection
from netzcore.i18n import os_error_code
from netzcore.importers.pipeline import MAX_FILE_BYTES, ImportFile, ImportReport, apply_import, plan_import
from netzcore.importers.records import Problem

CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv")
MAX_FOLDER_FILES = 200_000


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


def read_files(paths: Sequence[str]) -> tuple[list[ImportFile], list[Problem]]:
    """The files' bytes; a missing, unreadable or oversized file is a refusal, not an exception."""
    files: list[ImportFile] = []
    refused: list[Problem] = []
    for name in paths:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                refused.append(Problem(name, 0, "too_large"))
                continue
            files.append(ImportFile(name, path.read_bytes()))
        except OSError as error:
            refused.append(Problem(name, 0, "unreadable_file", os_error_code(error)))
    return files, refused


def import_paths(con: Connection, paths: Sequence[str], dry_run: bool = False) -> ImportReport:
    """Import every readable file (refused ones are listed in the report). Nothing is held back: possible
    duplicates are imported apart and wait in the app's review queue."""
    files, refused = read_files(paths)
    plan = plan_import(con, files)
    report = plan.preview() if dry_run else apply_import(con, plan)
    return replace(report, refused=tuple(refused) + report.refused)

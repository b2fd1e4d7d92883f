"""Import from paths (the CLI): read the files, plan, then write or only preview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from netzcore.db import Connection
from netzcore.i18n import os_error_code
from netzcore.importers.pipeline import MAX_FILE_BYTES, ImportFile, ImportReport, apply_import, plan_import
from netzcore.importers.records import Problem


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

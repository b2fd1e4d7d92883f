"""Import contacts from vCard files and LinkedIn's Connections.csv: preview with `plan_import`, write with
`apply_import`. The steps (decode, split, parse, normalise, match, write) live in their own modules."""

from netzcore.importers.pipeline import (
    MAX_FILE_BYTES,
    DuplicateLine,
    FileSummary,
    ImportFile,
    ImportPlan,
    ImportReport,
    JobChange,
    PlanRow,
    apply_import,
    plan_import,
)
from netzcore.importers.records import ContactRecord, Problem

__all__ = [
    "MAX_FILE_BYTES", "ContactRecord", "DuplicateLine", "FileSummary", "ImportFile", "ImportPlan", "ImportReport",
    "JobChange", "PlanRow", "Problem", "apply_import", "plan_import",
]

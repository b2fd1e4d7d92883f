"""The import report in words, for the CLI and the app."""

from __future__ import annotations

from netzcore.duplicates import evidence_line
from netzcore.i18n import format_number, translate
from netzcore.importers.pipeline import ImportReport, JobChange
from netzcore.importers.records import Problem

DUPLICATES_LISTED = 30   # the report names this many possible duplicates; the app lists them all


def where(problem: Problem, kinds: dict[str, str], lang: str) -> str:
    """'phone.vcf, card 7' / 'Connections.csv, line 12'."""
    unit = "import.line" if kinds.get(problem.file) == "linkedin" or problem.code == "stray_lines" else "import.card"
    return translate(lang, unit, file=problem.file, position=problem.position)


def reason(problem: Problem, lang: str) -> str:
    """Why, in words; a count in `detail` chooses its plural form, a file error its words."""
    return translate(lang, f"import.reason.{problem.code}", detail=problem.detail_value)


def job_change_text(job: JobChange, lang: str) -> str:
    """'Anna Weber: Projektleiterin at Voith -> Leiterin Einkauf at ZF Friedrichshafen'."""
    return translate(lang, "import.job_change_line", name=job.name,
                     old=position_text(job.old_title, job.old_organization, lang),
                     new=position_text(job.new_title, job.new_organization, lang))


def position_text(title: str, organization: str, lang: str) -> str:
    if title and organization:
        return translate(lang, "import.title_at", title=title, organization=organization)
    return title or organization or translate(lang, "common.none")


def report_lines(report: ImportReport, lang: str) -> list[str]:
    kinds = {f.name: f.kind for f in report.files}
    n = lambda value: format_number(value, lang)  # noqa: E731
    lines = [translate(lang, f"import.file_read_{f.kind}", file=f.name, count=f.read) for f in report.files]
    lines += [translate(lang, "import.refused_line", file=p.file, reason=reason(p, lang)) for p in report.refused]
    lines.append(translate(lang, "import.summary", read=n(report.records_read), created=n(report.created),
                           merged=n(report.merged), unchanged=n(report.unchanged),
                           skipped=n(len(report.not_imported))))
    if report.hidden_members:
        lines.append(translate(lang, "import.hidden_members", count=report.hidden_members))
    if report.not_imported:
        lines.append(translate(lang, "import.not_imported_heading"))
        lines += [f"  {where(p, kinds, lang)}: {_named(p)}{reason(p, lang)}" for p in report.not_imported]
    if report.warnings:
        lines.append(translate(lang, "import.warnings_heading"))
        lines += [f"  {where(p, kinds, lang)}: {_named(p)}{reason(p, lang)}" for p in report.warnings]
    if report.possible_duplicates:
        lines.append(translate(lang, "import.duplicates_count", count=len(report.possible_duplicates)))
        lines.append(translate(lang, "import.duplicates_heading"))
        for pair in report.possible_duplicates[:DUPLICATES_LISTED]:
            lines.append("  " + translate(lang, "import.duplicate_line", name=pair.name,
                                          organization=pair.organization or "-", target=pair.other_name,
                                          target_organization=pair.other_organization or "-",
                                          evidence=evidence_line(lang, pair.evidence)))
        rest = len(report.possible_duplicates) - DUPLICATES_LISTED
        if rest > 0:
            lines.append("  " + translate(lang, "import.duplicates_more", count=rest))
    if report.job_changes:
        lines.append(translate(lang, "import.job_changes_heading"))
        lines += ["  " + job_change_text(job, lang) for job in report.job_changes]
    if not report.applied:
        lines.append(translate(lang, "import.dry_run"))
    return lines


def _named(problem: Problem) -> str:
    return f"{problem.name}: " if problem.name else ""

"""The import report in words, for the CLI and the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from netzcore.duplicates import evidence_line
from netzcore.i18n import format_date, format_number, translate
from netzcore.importers.pipeline import FileSummary, ImportReport, JobChange
from netzcore.importers.records import Problem

LISTED_UP_TO = 3         # problems of one kind listed one per line; more become one line with the count
SHOWN_PLACES = 5         # places named on such a line
DUPLICATES_LISTED = 30   # the report names this many possible duplicates; the app lists them all
COLUMNS_NAMED = 20       # unread columns named in a file's line; the rest counted
SHOWN_NAME = 80          # a column name quoted in a line is cut here
SHOWN_DETAIL = 300       # a value quoted in a line ('4.91711E+…' as written) is cut here


def where(problem: Problem, kinds: dict[str, str], lang: str, with_file: bool = True) -> str:
    """'phone.vcf, card 7' / 'Connections.csv, line 12' (without the file: 'card 7', 'line 12'); position 0 is the
    whole file ('export.zip')."""
    if problem.position == 0:
        return problem.file
    kind = kinds.get(problem.file, "vcard")
    unit = "import.line" if kind != "vcard" or problem.code == "stray_lines" else "import.card"
    return translate(lang, unit if with_file else f"{unit}_short", file=problem.file, position=problem.position)


def reason(problem: Problem, lang: str) -> str:
    """Why, in words; a count in `detail` chooses its plural form, a file error its words, a birthday is written as
    the reader writes dates."""
    if problem.code == "birthday_not_taken":
        return translate(lang, "import.reason.birthday_not_taken", detail=_birthday(problem.detail, lang))
    detail = problem.detail_value
    return translate(lang, f"import.reason.{problem.code}",
                     detail=_detail_text(problem, lang) if isinstance(detail, str) else detail)


def _detail_text(problem: Problem, lang: str) -> str:
    """The detail as quoted in a line; why a CSV row could not be read in the reader's words ('line_too_long' was
    shown as that code, in German too)."""
    if problem.code in ("unreadable_row", "unreadable_header"):
        words = translate(lang, f"import.row_error.{problem.detail}")
        if words != f"import.row_error.{problem.detail}":
            return words
    return shown(problem.detail, SHOWN_DETAIL)


def shown(text: str, limit: int) -> str:
    """The text as a report line quotes it: a file can hold a column name of a megabyte, or a cell of 50 MB."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _birthday(detail: str, lang: str) -> str:
    """'1980-3-5' -> '05.03.1980' / '5 Mar 1980'; '-3-5' (no year) -> '05.03.' / '5 Mar'; else as written."""
    year, month, day = (detail.split("-") + ["", ""])[:3]
    try:     # 2000 for a birthday without its year: 29 February is one
        date = dt.date(int(year) if year else 2000, int(month), int(day))
    except ValueError:
        return detail
    return format_date(date, lang, with_year=bool(year))


def job_change_text(job: JobChange, lang: str) -> str:
    """'Anna Weber: Projektleiterin at Voith -> Leiterin Einkauf at ZF Friedrichshafen'."""
    return translate(lang, "import.job_change_line", name=job.name,
                     old=position_text(job.old_title, job.old_organization, lang),
                     new=position_text(job.new_title, job.new_organization, lang))


def position_text(title: str, organization: str, lang: str) -> str:
    if title and organization:
        return translate(lang, "import.title_at", title=title, organization=organization)
    return title or organization or translate(lang, "common.none")


def _file_line(file: FileSummary, lang: str) -> str:
    """What a file was read as, and the columns netz left unread (a list's, and those added to a Connections.csv)."""
    line = translate(lang, f"import.file_read_{file.kind}", file=file.name, count=file.read)
    if file.unread:
        columns = ", ".join(shown(column, SHOWN_NAME) for column in file.unread[:COLUMNS_NAMED])
        if len(file.unread) > COLUMNS_NAMED:     # a header of 100,000 columns made a line of a megabyte
            # "A, B und 3 weitere": German puts no comma before "und", so the text brings its own joint
            columns += translate(lang, "import.columns_more", count=len(file.unread) - COLUMNS_NAMED)
        line += translate(lang, "import.columns_not_read", count=len(file.unread), columns=columns)
    return line


def report_lines(report: ImportReport, lang: str) -> list[str]:
    kinds = {f.name: f.kind for f in report.files}
    n = lambda value: format_number(value, lang)  # noqa: E731
    lines = [_file_line(f, lang) for f in report.files]
    lines += [translate(lang, "import.refused_line", file=p.file, reason=reason(p, lang)) for p in report.refused]
    lines.append(translate(lang, "import.summary", read=n(report.records_read), created=n(report.created),
                           merged=n(report.merged), unchanged=n(report.unchanged),
                           skipped=n(len(report.not_imported))))
    if report.hidden_members:
        lines.append(translate(lang, "import.hidden_members", count=report.hidden_members))
    if report.not_imported:
        lines.append(translate(lang, "import.not_imported_heading"))
        lines += grouped_lines(report.not_imported, kinds, lang)
    if report.warnings:
        lines.append(translate(lang, "import.warnings_heading"))
        lines += grouped_lines(report.warnings, kinds, lang)
    if report.possible_duplicates:
        lines.append(translate(lang, "import.duplicates_count", count=len(report.possible_duplicates)))
        lines.append(translate(lang, "import.duplicates_heading"))
        for pair in report.possible_duplicates[:DUPLICATES_LISTED]:
            lines.append("  " + translate(lang, "import.duplicate_line",
                                          name=with_organization(lang, pair.name, pair.organization),
                                          target=with_organization(lang, pair.other_name, pair.other_organization),
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


def grouped_lines(problems: Sequence[Problem], kinds: dict[str, str], lang: str) -> list[str]:
    """Problems of one kind (code) together, kinds in the order first seen: up to LISTED_UP_TO of a kind one per
    line with its place and reason; more as one line with the count and the first places ("'Connected On' dates
    not understood; left out (5,497 times), first: Connections.csv, line 5: 20-Mar-24; ... and 5,492 more")."""
    by_code: dict[str, list[Problem]] = {}
    for problem in problems:
        by_code.setdefault(problem.code, []).append(problem)
    lines: list[str] = []
    for code, found in by_code.items():
        if len(found) <= LISTED_UP_TO:
            lines += [f"  {where(p, kinds, lang)}: {_named(p)}{reason(p, lang)}" for p in found]
            continue
        first = found[:SHOWN_PLACES]
        places = [where(p, kinds, lang, with_file=i == 0 or first[i - 1].file != p.file)
                  + (f": {shown(_detail_text(p, lang), SHOWN_NAME)}" if p.detail else "") for i, p in enumerate(first)]
        if len(found) > SHOWN_PLACES:
            places.append(translate(lang, "import.group_more", count=len(found) - SHOWN_PLACES))
        what = translate(lang, f"import.group.{code}")
        if what == f"import.group.{code}":                         # a kind without a group title of its own
            what = reason(found[0], lang)
        lines.append("  " + translate(lang, "import.group_line", what=what, count=len(found),
                                      places="; ".join(places)))
    return lines


def with_organization(lang: str, name: str, organization: str | None) -> str:
    """The name with its organisation in brackets ("Jana Müller (Allianz)"), or the name alone: "Jan Müller (-)"
    read like a code."""
    return translate(lang, "import.name_at_organization", name=name, organization=organization) if organization \
        else name

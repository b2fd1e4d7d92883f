"""The `netz` command: each subcommand calls one netzcore function and prints its result."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from netzcore import db as netzdb
from netzcore import events
from netzcore.care import daily_digest, digest_records, digest_text
from netzcore.demo import DatabaseNotEmpty, demo_summary_lines, load_demo
from netzcore.exporters import backup as netzbackup
from netzcore.exporters.calendar_feed import calendar_export
from netzcore.exporters.contacts_json import contacts_document
from netzcore.exporters.csv import contacts_csv, interactions_csv
from netzcore.exporters.selection import ExportFile
from netzcore.exporters.vcard import vcard_export
from netzcore.i18n import format_number, normalize_language, os_error, translate
from netzcore.importers.activity import import_activity_paths, is_activity_path
from netzcore.importers.activity import report_lines as activity_report_lines
from netzcore.importers.files import import_paths
from netzcore.importers.report import reason as import_reason
from netzcore.importers.report import report_lines

Handler = Callable[[argparse.Namespace, netzdb.Connection, str], int]


def _language(args: argparse.Namespace) -> str:
    return normalize_language(args.lang or os.environ.get("NETZ_LANG") or os.environ.get("LANG"))


# --- demo -------------------------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    path = netzdb.resolve_path(args.db)
    if args.contacts < 1 or (args.interactions is not None and args.interactions < 0):
        print(f"netz demo: {translate(lang, 'demo.invalid_size')}", file=sys.stderr)
        return 1
    try:
        summary = load_demo(con, contacts=args.contacts, interactions=args.interactions, seed=args.seed)
    except DatabaseNotEmpty:
        print(f"netz demo: {translate(lang, 'demo.not_empty', path=str(path))}", file=sys.stderr)
        return 1
    print("\n".join(demo_summary_lines(summary, lang, path)))
    return 0


# --- import -----------------------------------------------------------------------------------------------------


def _restore_backup(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """`netz import backup.json`: a full backup goes back into an empty database."""
    if len(args.files) != 1:
        print(f"netz import: {translate(lang, 'export.cli_restore_one_file')}", file=sys.stderr)
        return 1
    path = Path(args.files[0])

    def progress(table: str, rows: int) -> None:
        print(translate(lang, "export.cli_restore_progress", table=table, rows=rows),
              file=sys.stderr, flush=True)

    try:
        report = netzbackup.restore_file(con, path, dry_run=args.dry_run, progress=progress)
    except netzbackup.BackupError as error:
        print(f"netz import: {path}: {error.message(lang)}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"file": str(path), "dry_run": report.dry_run, "schema_version": report.schema_version,
                          "created_at": report.created_at, "rows": report.rows}, indent=2))
    else:
        key = "export.cli_restore_checked" if report.dry_run else "export.cli_restore_done"
        print(translate(lang, key, file=str(path), rows=report.total_rows,
                        contacts=report.rows.get("contacts", 0), created=report.created_at))
    return 0


def cmd_import(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    if any(name.lower().endswith(".json") for name in args.files):
        return _restore_backup(args, con, lang)
    activity_paths = [name for name in args.files if is_activity_path(name)]
    contact_paths = [name for name in args.files if name not in activity_paths]
    reports: dict[str, dict[str, object]] = {}
    lines: list[str] = []
    refused: list[str] = []
    if contact_paths or not activity_paths:
        report = import_paths(con, contact_paths, dry_run=args.dry_run)
        reports["contacts"] = report.to_json()
        lines += report_lines(report, lang)
        refused += [f"{p.file}: {import_reason(p, lang)}" for p in report.refused]
    if activity_paths:      # calendar and mail after the contacts, so new contacts are matched too
        activity = import_activity_paths(con, activity_paths, since=args.since, dry_run=args.dry_run,
                                         subjects=args.subjects)
        reports["activity"] = activity.to_json()
        lines += activity_report_lines(activity, lang)
        refused += [f"{p.file}: {translate(lang, f'activity.reason.{p.code}', detail=p.detail)}"
                    for p in activity.refused]
    if args.json:
        document = reports if len(reports) > 1 else next(iter(reports.values()))
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(lines))
    for line in refused:
        print(f"netz import: {line}", file=sys.stderr)
    return 1 if refused else 0


# --- export -----------------------------------------------------------------------------------------------------


def _write_export(export: ExportFile, output: str | None, lang: str) -> None:
    if output is None:
        sys.stdout.buffer.write(export.data)
        sys.stdout.buffer.flush()
        return
    Path(output).write_bytes(export.data)
    print(translate(lang, "export.cli_written", count=export.count, path=output),
          file=sys.stderr)


def _export_file(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """vCard, CSV and calendar exports; CSV with -o also writes the interactions beside it (NAME-interactions.csv)."""
    exports = {
        "vcard": lambda: vcard_export(con),
        "vcard4": lambda: vcard_export(con, version="4.0"),
        "csv": lambda: contacts_csv(con),
        "ics": lambda: calendar_export(con, lang),
    }
    try:
        _write_export(exports[args.format](), args.output, lang)
        if args.format == "csv" and args.output:
            output = Path(args.output)
            _write_export(interactions_csv(con), str(output.with_name(f"{output.stem}-interactions.csv")), lang)
    except OSError as error:
        print(f"netz export: {error.filename or args.output}: {os_error(error).text(lang)}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    if args.format in ("vcard", "vcard4", "csv", "ics"):
        return _export_file(args, con, lang)
    text = json.dumps(contacts_document(con), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


# --- backup -----------------------------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    target = Path(args.output) if args.output else netzbackup.default_backup_path(netzdb.resolve_path(args.db))
    try:
        counts = netzbackup.backup_to_file(con, target)
    except OSError as error:
        print(f"netz backup: {error.filename or target}: {os_error(error).text(lang)}", file=sys.stderr)
        return 1
    print(translate(lang, "export.cli_backup_written", path=str(target),
                    contacts=counts.get("contacts", 0), rows=sum(counts.values())))
    return 0


# --- due --------------------------------------------------------------------------------------------------------


def cmd_due(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    digest = daily_digest(con, dt.date.today())
    if args.json:
        print(json.dumps(digest_records(lang, digest), ensure_ascii=False, indent=2))
    else:
        print(digest_text(lang, digest))
    return 0


# --- plan -------------------------------------------------------------------------------------------------------


def cmd_plan(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    today = dt.date.today()
    if not args.event:
        upcoming = events.list_events(con, today)
        if args.json:
            print(json.dumps([{"id": e.id, "name": e.name, "kind": e.kind, "starts_on": e.starts_on.isoformat(),
                               "ends_on": e.ends_on.isoformat(), "city": e.city} for e in upcoming],
                             ensure_ascii=False, indent=2))
        else:
            for e in upcoming:
                print(" · ".join(p for p in (e.name, events.date_range(e, lang), e.city, e.id) if p))
            if not upcoming:
                print(translate(lang, "events.cli_no_events"))
        return 0
    event = events.find_event(con, args.event)
    if event is None:
        print(f"netz: {translate(lang, 'events.cli_not_found', event=args.event)}", file=sys.stderr)
        return 1
    ranked = events.rank_contacts_for_event(con, event.id, today, events.load_weights(con), lang=lang)
    if args.json:
        print(json.dumps([{"full_name": r.full_name, "score": r.score, "reasons": list(r.reasons)} for r in ranked],
                         ensure_ascii=False, indent=2))
        return 0
    print(translate(lang, "events.cli_rank_header", event=event.name, dates=events.date_range(event, lang)))
    for place, r in enumerate(ranked, 1):
        print(f"{place:3}. {r.full_name} ({format_number(r.score, lang, 1)}): {'; '.join(r.reasons)}")
    if not ranked:
        print(translate(lang, "events.cli_rank_empty"))
    return 0


# --- parser -----------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default: $NETZ_DB or data/netz.duckdb)")
    common.add_argument("--lang", choices=["de", "en"], help="output language (default: from $LANG)")

    parser = argparse.ArgumentParser(prog="netz", description="Plan and care for a small, strong network.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", parents=[common], help="fill the database with a reproducible demo network")
    demo.add_argument("--contacts", type=int, default=300, help="number of contacts (default 300)")
    demo.add_argument("--interactions", type=int, default=None, help="number of interactions")
    demo.add_argument("--seed", type=int, default=42)
    demo.set_defaults(handler=cmd_demo)

    imp = sub.add_parser("import", parents=[common],
                         help="import vCard (.vcf), LinkedIn Connections.csv, a netz backup (.json), or meetings "
                              "and e-mails from calendar and mail files (.ics, .mbox, .eml, folders)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--since", type=dt.date.fromisoformat, metavar="DATE",
                     help="calendar and mail: only from this day on (YYYY-MM-DD)")
    imp.add_argument("--subjects", action="store_true", help="mail: keep the subjects as topics")
    imp.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(handler=cmd_import)

    exp = sub.add_parser("export", parents=[common], help="export contacts")
    exp.add_argument("--format", choices=["json", "vcard", "vcard4", "csv", "ics"], default="json")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.set_defaults(handler=cmd_export)

    backup = sub.add_parser("backup", parents=[common], help="write a timestamped full backup next to the database")
    backup.add_argument("-o", "--output", help="file to write instead")
    backup.set_defaults(handler=cmd_backup)

    due = sub.add_parser("due", parents=[common], help="today's list: whom to contact, follow-ups, birthdays")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=cmd_due)

    plan = sub.add_parser("plan", parents=[common], help="upcoming events, or whom to meet at one event")
    plan.add_argument("event", nargs="?", help="event name or id")
    plan.add_argument("--json", action="store_true")
    plan.set_defaults(handler=cmd_plan)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        con = netzdb.connect(args.db)
    except netzdb.NetzDBError as error:
        print(f"netz: {error}", file=sys.stderr)
        return 3
    try:
        handler: Handler = args.handler
        return handler(args, con, _language(args))
    except BrokenPipeError:
        # `netz due | head`: the reader has what it wanted; say nothing more.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())

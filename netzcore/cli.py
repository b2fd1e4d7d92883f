"""The `netz` command: each subcommand calls one netzcore function and prints its result."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import duckdb

from netzcore import db as netzdb
from netzcore import events
from netzcore.care import daily_digest, digest_records, digest_text
from netzcore.demo import DatabaseNotEmpty, demo_summary_lines, load_demo
from netzcore.exporters import backup as netzbackup
from netzcore.exporters.calendar_feed import calendar_export
from netzcore.exporters.contacts_json import contacts_document
from netzcore.exporters.csv import contacts_csv, interactions_csv, spreadsheet_delimiter
from netzcore.exporters.selection import ContactSelection, ExportFile, count_contacts
from netzcore.exporters.vcard import vcard_export
from netzcore.i18n import format_number, normalize_language, os_error, translate
from netzcore.importers.activity import import_activity_paths, is_activity_path
from netzcore.importers.activity import report_lines as activity_report_lines
from netzcore.importers.files import contact_files_in_folders, holds_contact_files, import_paths
from netzcore.importers.report import reason as import_reason
from netzcore.importers.report import report_lines
from netzcore.plain_text import json_terminal_safe, terminal_text
from netzcore.profile import get_profile
from netzcore.safe_write import write_bytes_atomically

Handler = Callable[[argparse.Namespace, netzdb.Connection, str], int]


def cli_language(chosen: str | None, environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """--lang, else NETZ_LANG, else LANG; a German locale (de, de_AT.UTF-8 ...) gives German, everything else
    (C, POSIX, C.UTF-8, fr_FR, nothing) English: cron and containers run with LANG=C.UTF-8."""
    environ = os.environ if environ is None else environ
    value = chosen or environ.get("NETZ_LANG") or environ.get("LANG") or ""
    head = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    return normalize_language(head) if head in ("de", "en") else "en"


def _language(args: argparse.Namespace) -> str:
    return cli_language(args.lang)


class TerminalStream(io.TextIOBase):
    """stdout / stderr of every `netz` command: what is printed passes `terminal_text`, so a name from a contact
    file can never set the window title, clear the screen, write the clipboard or turn the line around."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self) -> Any:
        return self.stream.buffer

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def print_json(value: object) -> None:
    """JSON for scripts: the data unchanged, with control and bidi characters as \\u escapes."""
    print(json_terminal_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str)))


def _write_stdout_bytes(data: bytes) -> None:
    """A file format on standard output: unchanged into a pipe or file, made safe on a terminal."""
    if sys.stdout.isatty():
        sys.stdout.write(data.decode("utf-8", errors="replace"))
        sys.stdout.flush()
        return
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


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


def _is_backup(args: argparse.Namespace) -> bool:
    return any(name.lower().endswith(".json") for name in args.files)


def prepare_import(args: argparse.Namespace, lang: str) -> int | None:
    """Before the database is opened: a backup is read and checked completely, so a refused one creates no
    database file. Returns an exit code to stop with, or None to go on."""
    if not _is_backup(args):
        return None
    if len(args.files) != 1:
        print(f"netz import: {translate(lang, 'export.cli_restore_one_file')}", file=sys.stderr)
        return 1
    path = Path(args.files[0])
    try:
        args.backup_document = netzbackup.checked_backup_file(path)
    except netzbackup.BackupError as error:
        print(f"netz import: {path}: {error.message(lang)}", file=sys.stderr)
        return 1
    return None


def _restore_backup(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """`netz import backup.json`: a full backup goes back into an empty database."""
    path = Path(args.files[0])

    def progress(table: str, rows: int) -> None:
        print(translate(lang, "export.cli_restore_progress", table=table, rows=rows),
              file=sys.stderr, flush=True)

    try:
        document = getattr(args, "backup_document", None) or netzbackup.checked_backup_file(path)
        report = netzbackup.restore(con, document, dry_run=args.dry_run, progress=progress)
    except netzbackup.BackupError as error:
        print(f"netz import: {path}: {error.message(lang)}", file=sys.stderr)
        return 1
    if args.json:
        print_json({"file": str(path), "dry_run": report.dry_run, "schema_version": report.schema_version,
                    "created_at": report.created_at, "rows": report.rows})
    else:
        key = "export.cli_restore_checked" if report.dry_run else "export.cli_restore_done"
        print(translate(lang, key, file=str(path), rows=report.total_rows,
                        contacts=report.rows.get("contacts", 0), created=report.created_at))
    return 0


def cmd_import(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    if _is_backup(args):
        return _restore_backup(args, con, lang)
    in_folders, named = contact_files_in_folders(args.files)
    activity_paths = [name for name in named if is_activity_path(name)]
    # a zip with both (Google Takeout: contacts, calendars, mail) goes to both imports
    contact_paths = in_folders + [name for name in named if name not in activity_paths
                                  or name.lower().endswith(".zip") and holds_contact_files(Path(name))]
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
        print_json(document)
    else:
        print("\n".join(lines))
    for line in refused:
        print(f"netz import: {line}", file=sys.stderr)
    return 1 if refused else 0


# --- export -----------------------------------------------------------------------------------------------------


def _write_export(export: ExportFile, output: str | None, lang: str) -> None:
    if output is None:
        _write_stdout_bytes(export.data)
        return
    write_bytes_atomically(Path(output), export.data)
    print(translate(lang, "export.cli_written", count=export.count, path=output),
          file=sys.stderr)


def _output_error(command: str, error: OSError, target: object, lang: str) -> int:
    """An export or backup file that could not be written: nothing was left behind (see safe_write)."""
    problem = netzdb.storage_error(error, Path(str(error.filename or target)))
    if isinstance(problem, netzdb.DiskFull):
        reason = translate(lang, "export.cli_disk_full")
    elif isinstance(problem, netzdb.DatabaseReadOnly):
        reason = translate(lang, "export.cli_read_only")
    else:
        reason = os_error(error).text(lang)
    print(f"netz {command}: {error.filename or target}: {reason}", file=sys.stderr)
    return 1


def _export_file(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """vCard, CSV and calendar exports; CSV with -o also writes the interactions beside it (NAME-interactions.csv)."""
    selection = ContactSelection(include_archived=args.archived)
    exports = {
        "vcard": lambda: vcard_export(con, selection),
        "vcard4": lambda: vcard_export(con, selection, version="4.0"),
        "csv": lambda: contacts_csv(con, selection, spreadsheet_delimiter(lang)),
        "ics": lambda: calendar_export(con, lang),
    }
    try:
        _write_export(exports[args.format](), args.output, lang)
        if args.format == "csv" and args.output:
            output = Path(args.output)
            interactions_path = output.with_name(f"{output.stem}-interactions.csv")
            _write_export(interactions_csv(con, selection, spreadsheet_delimiter(lang)), str(interactions_path), lang)
    except OSError as error:
        return _output_error("export", error, args.output, lang)
    if args.format != "ics" and not args.archived:
        left_out = count_contacts(con, ContactSelection(include_archived=True)) - count_contacts(con, selection)
        if left_out:
            print(translate(lang, "export.cli_archived_left_out", count=left_out), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    if args.format in ("vcard", "vcard4", "csv", "ics"):
        return _export_file(args, con, lang)
    text = json.dumps(contacts_document(con), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        try:
            write_bytes_atomically(Path(args.output), text.encode("utf-8"))
        except OSError as error:
            return _output_error("export", error, args.output, lang)
    else:
        sys.stdout.write(json_terminal_safe(text))
    return 0


# --- backup -----------------------------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    target = Path(args.output) if args.output else netzbackup.default_backup_path(netzdb.resolve_path(args.db))
    try:
        counts = netzbackup.backup_to_file(con, target)
    except OSError as error:
        return _output_error("backup", error, target, lang)
    print(translate(lang, "export.cli_backup_written", path=str(target),
                    contacts=counts.get("contacts", 0), rows=sum(counts.values())))
    return 0


# --- due --------------------------------------------------------------------------------------------------------


def cmd_due(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    digest = daily_digest(con, dt.date.today())
    if args.json:
        print_json(digest_records(lang, digest))
    else:
        print(digest_text(lang, digest))
    return 0


# --- plan -------------------------------------------------------------------------------------------------------


def _schedule_output(args: argparse.Namespace, con: netzdb.Connection, lang: str, event: events.Event) -> int:
    """`netz plan EVENT --schedule`: the booked slots and the proposal for the rest of the event's list."""
    proposal = events.propose_schedule(con, event.id, dt.date.today(), lang=lang)
    schedule = proposal.schedule
    if args.json:
        print_json([{"full_name": s.full_name, "start": s.start.isoformat(), "end": s.end.isoformat(),
                     "place": s.place} for s in schedule])
        return 0
    print(translate(lang, "events.cli_schedule_header", event=event.name, dates=events.date_range(event, lang)))
    for slot in schedule:
        mark = "" if slot.booked else f"  ({translate(lang, 'events.cli_schedule_proposed')})"
        place = f"  {slot.place}" if slot.place else ""
        print(f"{events.weekday_date(slot.start.date(), lang)} {slot.start:%H:%M}–{slot.end:%H:%M}  "
              f"{slot.full_name}{place}{mark}")
    if not schedule:
        print(translate(lang, "events.cli_schedule_empty"))
    if proposal.left_out:
        print(translate(lang, "events.cli_schedule_left_out", names=", ".join(c.full_name for c in proposal.left_out)))
    return 0


def cmd_plan(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    today = dt.date.today()
    if not args.event:
        upcoming = events.list_events(con, today)
        if args.json:
            print_json([{"id": e.id, "name": e.name, "kind": e.kind, "starts_on": e.starts_on.isoformat(),
                         "ends_on": e.ends_on.isoformat(), "city": e.city} for e in upcoming])
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
    if args.schedule:
        return _schedule_output(args, con, lang, event)
    ranked = events.rank_contacts_for_event(con, event.id, today, events.load_weights(con), lang=lang)
    if args.json:
        print_json([{"full_name": r.full_name, "score": r.points, "reasons": list(r.reasons)} for r in ranked])
        return 0
    print(translate(lang, "events.cli_rank_header", event=event.name, dates=events.date_range(event, lang)))
    for place, r in enumerate(ranked, 1):
        print(f"{place:3}. {r.full_name} ({r.points}): {'; '.join(r.reasons)}")
    if not ranked:
        print(translate(lang, "events.cli_rank_empty"))
    return 0


# --- check ------------------------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """`netz check`: the file was verified block by block when it was opened (a damaged one ends there with
    exit 3); now DuckDB reads every table in full and the counts are shown."""
    path = netzdb.resolve_path(args.db)
    report = netzdb.database_report(con, path)
    if args.json:
        print_json({"path": str(path), "whole": True, "size_bytes": report.size, "blocks": report.blocks,
                    "blocks_verified": report.verified, "schema_version": report.schema_version,
                    "rows": report.rows, "archived_contacts": report.archived})
        return 0
    size = f"{format_number(report.size / (1024 * 1024), lang, 1)} MiB"
    key = "db.check_file" if report.verified else "db.check_file_unverified"
    print(translate(lang, key, path=str(path), size=size, blocks=report.blocks))
    print(translate(lang, "db.check_schema", version=report.schema_version, known=report.newest))
    rows = report.rows
    print(translate(lang, "db.check_counts", contacts=rows.get("contacts", 0),
                    archived=format_number(report.archived, lang), interactions=rows.get("interactions", 0),
                    organizations=rows.get("organizations", 0), goals=rows.get("goals", 0),
                    segments=rows.get("segments", 0), events=rows.get("events", 0)))
    print(translate(lang, "db.check_ok", rows=sum(rows.values()), tables=len(rows)))
    return 0


# --- draft ------------------------------------------------------------------------------------------------------


def cmd_draft(args: argparse.Namespace, con: netzdb.Connection, lang: str) -> int:
    """`netz draft CONTACT --event EVENT`: the message the Messages step shows for that contact."""
    event = events.find_event(con, args.event)
    if event is None:
        print(f"netz: {translate(lang, 'events.cli_not_found', event=args.event)}", file=sys.stderr)
        return 1
    found = events.find_recipient(con, event.id, args.contact)
    if not found:
        print(f"netz: {translate(lang, 'events.cli_contact_not_found', contact=args.contact)}", file=sys.stderr)
        return 1
    if len(found) > 1:
        names = ", ".join(f"{e.full_name} ({e.contact_id})" for e in found[:10])
        print(f"netz: {translate(lang, 'events.cli_contact_ambiguous', contact=args.contact, names=names)}",
              file=sys.stderr)
        return 1
    draft = events.coffee_request(event, found[0], args.channel, lang, get_profile(con))
    print(draft.text)
    for note in draft.notes:
        print(f"\n# {note}", file=sys.stderr)
    return 0


# --- parser -----------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default: $NETZ_DB or data/netz.duckdb)")
    common.add_argument("--lang", choices=["de", "en"],
                        help="output language (default: $NETZ_LANG, else $LANG: de_* German, anything else English)")

    parser = argparse.ArgumentParser(prog="netz", description="Plan and care for a small, strong network.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", parents=[common], help="fill the database with a reproducible demo network")
    demo.add_argument("--contacts", type=int, default=300, help="number of contacts (default 300)")
    demo.add_argument("--interactions", type=int, default=None, help="number of interactions")
    demo.add_argument("--seed", type=int, default=42)
    demo.set_defaults(handler=cmd_demo, creates=True)

    imp = sub.add_parser("import", parents=[common],
                         help="import vCard (.vcf), LinkedIn Connections.csv, a netz backup (.json), or meetings "
                              "and e-mails from calendar and mail files (.ics, .mbox, .eml, folders)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--since", type=dt.date.fromisoformat, metavar="DATE",
                     help="calendar and mail: only from this day on (YYYY-MM-DD)")
    imp.add_argument("--subjects", action="store_true", help="mail: keep the subjects as topics")
    imp.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(handler=cmd_import, prepare=prepare_import, creates=True)

    exp = sub.add_parser("export", parents=[common], help="export contacts")
    exp.add_argument("--format", choices=["json", "vcard", "vcard4", "csv", "ics"], default="json")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.add_argument("--archived", action="store_true",
                     help="include archived contacts in vCard and CSV (JSON always has them, flagged)")
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
    plan.add_argument("--schedule", action="store_true",
                      help="the slots booked and proposed for the event's list (JSON: full_name, start, end, place)")
    plan.set_defaults(handler=cmd_plan)

    check = sub.add_parser("check", parents=[common],
                           help="verify the database file block by block, read every table, show the counts")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=cmd_check, full_check=True)

    draft = sub.add_parser("draft", parents=[common], help="the message asking a contact for a coffee at an event")
    draft.add_argument("contact", help="contact name, part of one, or id")
    draft.add_argument("--event", required=True, help="event name, part of one, or id")
    draft.add_argument("--channel", choices=list(events.DRAFT_CHANNELS), default="email")
    draft.set_defaults(handler=cmd_draft)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Everything it prints passes TerminalStream. Exit codes: 0 done, 1 a file or argument was
    refused, 3 the database cannot be used (missing for a command that only reads, in use, read-only, damaged,
    disk full): the message names the file."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalStream(sys.stdout), TerminalStream(sys.stderr)
    try:
        return _run(build_parser().parse_args(argv))
    finally:
        if isinstance(sys.stdout, TerminalStream):
            sys.stdout = streams[0]
        sys.stderr = streams[1]


def _run(args: argparse.Namespace) -> int:
    lang = _language(args)
    prepare: Callable[[argparse.Namespace, str], int | None] | None = getattr(args, "prepare", None)
    if prepare is not None and (stop := prepare(args, lang)) is not None:
        return stop
    path = netzdb.resolve_path(args.db)
    # Only `import` and `demo` may create a database; a dry run, and every command that reads, refuses a file
    # that is not there (a typo in --db must not answer "nobody is due").
    writes = bool(getattr(args, "creates", False)) and not getattr(args, "dry_run", False)
    full_check = writes or bool(getattr(args, "full_check", False))
    try:
        try:
            con = netzdb.connect(path, create=writes, full_check=full_check)
        except netzdb.DatabaseReadOnly:
            if writes or getattr(args, "dry_run", False):
                raise
            # a command that only reads works on a read-only file (a copy on a stick, a read-only share)
            con = netzdb.connect(path, create=False, full_check=full_check, read_only=True)
    except netzdb.NetzDBError as error:
        print(f"netz: {error.message(lang)}", file=sys.stderr)
        return 3
    try:
        handler: Handler = args.handler
        code = handler(args, con, lang)
        if writes:
            netzdb.checkpoint(con, path)
        return code
    except BrokenPipeError:
        # `netz due | head`: the reader has what it wanted; say nothing more.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except (duckdb.Error, OSError, netzdb.NetzDBError) as error:
        problem = netzdb.storage_error(error, path)
        if problem is None:
            raise
        print(f"netz: {problem.message(lang)}", file=sys.stderr)
        return 3
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()


if __name__ == "__main__":
    sys.exit(main())

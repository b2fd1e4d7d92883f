"""Preview, then write: `plan_import(con, files)` reads and matches without writing; `apply_import` writes the plan
in one transaction and returns the report.

What a re-import may change on a known contact: empty fields are filled, new e-mail addresses, phone numbers,
links, tags and sources are added, and an organisation no source of the contact gave before, or a new title from
LinkedIn, is a job change (career history + report).
Fields listed in `contacts.edited_fields` are never touched. New contacts get tier D (birthday greeting only)
unless the caller passes another tier, or the tier, topics and archived flag netz wrote into its own export. A
known contact whose data all came already is unchanged, whatever file it came from this time. Nothing is held
back: every record is new, merged or unchanged (or not imported for a reason of its own, such as no name);
possible duplicates are imported and queued for the user (netzcore.importers.matching, netzcore.duplicates). The
rows a merge changes are read again inside the writing transaction, so a preview applied late never undoes what
another session saved in between.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from netzcore.db import Connection, transaction
from netzcore.duplicates import queue_pairs
from netzcore.hierarchy import hierarchy_level
from netzcore.identity import Evidence, both_prefixes, organization_key
from netzcore.importers.addressbook import read_address_book, recognise_csv
from netzcore.importers.calendar import is_calendar
from netzcore.importers.csvfile import Beyond
from netzcore.importers.linkedin import read_connections
from netzcore.importers.matching import Assignment, Group, PossibleDuplicate, assign, record_organization
from netzcore.importers.normalize import normalize_phone, region_of_country
from netzcore.importers.parallel import Progress, parse_everything, worker_pool, worth_workers
from netzcore.importers.records import ContactRecord, Problem, RawCard, is_stand_in_name
from netzcore.importers.vcard import fallback_charset, is_vcard, split_cards, unicode_bytes
from netzcore.organizations import ensure_organizations

MAX_FILE_BYTES = 256 * 1024 * 1024  # a 50,000-card phone export with many photos; the uploader allows the same
# Cards and rows one import reads, all its files together: every record is held until the write (about 9 KB each at
# the peak), so a list of a million rows took gigabytes. LinkedIn allows 30,000 connections; the rest of a larger
# file is counted and named, to be imported on its own.
MAX_RECORDS = 50_000

SCALARS = ("given_name", "family_name", "additional_names", "honorific_prefix", "honorific_suffix", "nickname",
           "department", "linkedin_url", "xing_url", "address", "city", "region", "postal_code", "country",
           "how_met", "notes")
LISTS = ("emails", "phones", "urls", "tags", "sources")
BIRTHDAY = ("birthday_year", "birthday_month", "birthday_day")
ADDRESS = ("address", "city", "region", "postal_code", "country")    # one card's address, never parts of two
WRITTEN = ("full_name", *SCALARS, "title", "hierarchy_level", "organization_id", "organization_name", *LISTS,
           *BIRTHDAY, "photo")


@dataclass(frozen=True, slots=True)
class ImportFile:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FileSummary:
    name: str
    kind: str          # 'vcard' | 'linkedin' | 'google' | 'outlook' | 'thunderbird' | 'yahoo' | 'netz' | 'list'
    read: int          # cards or rows read
    unread: tuple[str, ...] = ()   # a list's columns netz does not read


@dataclass(frozen=True, slots=True)
class JobChange:
    contact_id: str
    name: str
    old_organization: str
    old_title: str
    new_organization: str
    new_title: str


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One record in the preview: what will happen to it."""

    file: str
    position: int
    name: str
    organization: str
    action: str        # 'new' | 'merge' | 'unchanged' | 'duplicate' (new, a possible duplicate) | 'skip'
    target: str        # the known contact's name for merge/unchanged, the other person's for duplicate


@dataclass(frozen=True, slots=True)
class DuplicateLine:
    """A possible duplicate as the report lists it: imported, and queued for the user to answer."""

    file: str
    position: int
    name: str
    organization: str
    other_name: str
    other_organization: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Every card and row read is accounted for: created + merged + unchanged + not imported = read.

    Possible duplicates are imported (counted as created or merged) and listed on their own.
    """

    files: tuple[FileSummary, ...]
    refused: tuple[Problem, ...]
    records_read: int
    created: int
    merged: int
    unchanged: int
    not_imported: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    hidden_members: int
    possible_duplicates: tuple[DuplicateLine, ...]
    job_changes: tuple[JobChange, ...]
    applied: bool
    run_id: str | None = None

    @property
    def accounted(self) -> bool:
        return self.records_read == self.created + self.merged + self.unchanged + len(self.not_imported)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["accounted"] = self.accounted
        return data


@dataclass(frozen=True, slots=True)
class ImportPlan:
    files: tuple[FileSummary, ...]
    refused: tuple[Problem, ...]
    records: tuple[ContactRecord, ...]
    assignment: Assignment
    existing: Mapping[str, Mapping[str, Any]]     # known contacts the records match, by id
    not_imported: tuple[Problem, ...]
    hidden_members: int
    records_read: int
    today: dt.date
    notes: tuple[Problem, ...] = ()                                  # about a file, not a card (stray lines)
    rows: tuple[PlanRow, ...] = field(default=())
    outcomes: tuple[Outcome, ...] = field(default=(), repr=False)    # decided without confirmations
    home_region: str = "DE"                                          # where a number without country code is

    @property
    def duplicates(self) -> tuple[PossibleDuplicate, ...]:
        """Possible duplicates; those with `can_merge_now` may be confirmed (by position) before the import."""
        return self.assignment.duplicates

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.notes + tuple(w for record in self.records for w in record.warnings)

    def preview(self, confirmed: Collection[int] = ()) -> ImportReport:
        """The report the import would give; writes nothing. `confirmed`: positions in `duplicates` to merge."""
        outcomes = list(self.outcomes) if self.outcomes and not confirmed else decide(self, confirmed)
        return _report(self, outcomes, confirmed, applied=False)


# --- reading files -------------------------------------------------------------------------------------------------


def home_region(con: Connection) -> str:
    row = con.execute("SELECT home_region FROM profile WHERE id = 1").fetchone()
    return str(row[0]) if row and row[0] else "DE"


def plan_import(con: Connection, files: Sequence[ImportFile], progress: Progress | None = None,
                parallel: bool | None = None, today: dt.date | None = None,
                notes: Sequence[Problem] = ()) -> ImportPlan:
    """Read every file, parse its cards or rows, and match them to known contacts. Writes nothing. `notes`: what
    reading the files found to say before (a zip's other files)."""
    region = home_region(con)
    refused: list[Problem] = []
    summaries: list[FileSummary] = []
    vcards: list[tuple[list[RawCard], str]] = []
    per_file: list[tuple[str, list[ContactRecord] | None]] = []
    not_imported: list[Problem] = []
    notes = list(notes)
    hidden = read = 0
    if parallel is None:
        parallel = worth_workers([f.data for f in files])
    with worker_pool(parallel) as pool:
        for file in _distinct_names(files):
            reason = _refusal(file)
            if reason:
                refused.append(Problem(file.name, 0, reason))
                continue
            data = unicode_bytes(file.data)
            beyond: Beyond | None = None
            vcard = is_vcard(data)
            csv_format = None if vcard else recognise_csv(file.name, file.data)
            if csv_format is None and not vcard:
                reason = "calendar_not_contacts" if is_calendar(data[:4096]) else "not_contacts"
                refused.append(Problem(file.name, 0, reason))
            elif csv_format is None:
                cards, problems = split_cards(file.name, data, MAX_RECORDS - read)
                vcards.append((cards, fallback_charset(data)))
                notes += problems
                summaries.append(FileSummary(file.name, "vcard", len(cards)))
                per_file.append((file.name, None))
                read += len(cards)
            elif csv_format.refusal:
                refused.append(Problem(file.name, 0, csv_format.refusal, csv_format.detail))
            elif csv_format.kind == "linkedin":
                beyond = Beyond(MAX_RECORDS - read)
                connections = read_connections(file.name, file.data, csv_format.encoding, csv_format.header_line,
                                               csv_format.delimiter, csv_format.columns, beyond)
                summaries.append(FileSummary(file.name, "linkedin", connections.rows, connections.unread))
                per_file.append((file.name, list(connections.records)))
                not_imported += connections.problems
                hidden += connections.hidden_members
                read += connections.rows - connections.hidden_members
            else:
                beyond = Beyond(MAX_RECORDS - read)
                book = read_address_book(file.name, file.data, csv_format, region, beyond)
                summaries.append(FileSummary(file.name, book.kind, book.rows, book.unread))
                per_file.append((file.name, list(book.records)))
                not_imported += book.problems
                read += book.rows
            if beyond is not None and beyond.rows:
                notes.append(Problem(file.name, beyond.line, "beyond_import_bound", str(beyond.rows)))
            del data
        parsed = parse_everything(vcards, region, progress, pool)
    parsed_by_file: dict[str, list[ContactRecord]] = defaultdict(list)
    for result in parsed:
        if isinstance(result, ContactRecord):
            parsed_by_file[result.file].append(result)
        else:
            not_imported.append(result)
    records = [r for name, rows in per_file for r in (rows if rows is not None else parsed_by_file.pop(name, []))]
    assignment = assign(con, records)
    contact_ids = sorted({g[1] for g in assignment.groups if g[0] == "contact"}
                         | {g[1] for d in assignment.duplicates for g in (d.a, d.b) if g[0] == "contact"})
    plan = ImportPlan(tuple(summaries), tuple(refused), tuple(records), assignment, _existing(con, contact_ids),
                      tuple(not_imported), hidden, read, today or dt.date.today(), tuple(notes),
                      home_region=region)
    outcomes = decide(plan, ())
    return replace(plan, rows=_rows(plan, outcomes), outcomes=tuple(outcomes))


def _distinct_names(files: Sequence[ImportFile]) -> list[ImportFile]:
    """Two uploads called Connections.csv stay apart in the report: the second is 'Connections.csv (2)'."""
    seen: dict[str, int] = {}
    out = []
    for file in files:
        seen[file.name] = seen.get(file.name, 0) + 1
        out.append(file if seen[file.name] == 1 else ImportFile(f"{file.name} ({seen[file.name]})", file.data))
    return out


_CONTENT = re.compile(rb"[^\s\x00]")


def _refusal(file: ImportFile) -> str | None:
    if len(file.data) > MAX_FILE_BYTES:
        return "too_large"
    bom = next((len(b) for b in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                if file.data.startswith(b)), 0)
    if _CONTENT.search(file.data, bom) is None:
        return "empty"
    return None


def _existing(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    columns = ("id", "full_name", *SCALARS, "title", "hierarchy_level", "organization_id", *LISTS, *BIRTHDAY,
               "edited_fields")
    cursor = con.execute(
        f"SELECT {', '.join('c.' + c for c in columns)}, "  # noqa: S608 (constant names)
        "coalesce(c.organization_name, o.name) AS organization, "
        "c.photo IS NOT NULL AS has_photo, "
        "(SELECT count(*) FROM career_history h WHERE h.contact_id = c.id) AS career_rows, "
        "(SELECT list(DISTINCT h.organization) FROM career_history h WHERE h.contact_id = c.id "
        "AND h.organization IS NOT NULL) AS career_organizations, "
        "coalesce(o.aliases, []) AS organization_aliases, "
        "CAST(c.updated_at AS DATE) AS updated_on "
        "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id IN (SELECT unnest(?))",
        [ids],
    )
    names = [d[0] for d in cursor.description or ()]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


# --- deciding ------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What happens to one group of records (one person)."""

    group: Group
    records: list[int]
    action: str                          # 'create' | 'merge' | 'unchanged'
    values: dict[str, Any]               # full row for 'create', changed columns for 'merge'
    organization: str | None             # organisation name (as the source wrote it) to resolve to organization_id
    job_change: JobChange | None = None
    notes: tuple[Problem, ...] = ()      # what a card of the person said and was not taken (another birthday)


def _redirects(plan: ImportPlan, confirmed: Collection[int]) -> dict[Group, Group]:
    """Confirmed possible duplicates: the new side joins the other."""
    redirect: dict[Group, Group] = {}
    for position in sorted(set(confirmed)):
        if 0 <= position < len(plan.duplicates) and plan.duplicates[position].can_merge_now:
            pair = plan.duplicates[position]
            new, other = (pair.a, pair.b) if pair.a[0] == "new" else (pair.b, pair.a)
            redirect.setdefault(new, other)
    return redirect


def _resolve(group: Group, redirect: Mapping[Group, Group]) -> Group:
    seen = 0
    while group in redirect and seen < 20:
        group, seen = redirect[group], seen + 1
    return group


def _final_groups(plan: ImportPlan, confirmed: Collection[int]) -> list[Group]:
    redirect = _redirects(plan, confirmed)
    return [_resolve(group, redirect) for group in plan.assignment.groups]


_FIRST_WINS = ("full_name", *SCALARS, "title", "organization", "photo")


def _combine(records: Sequence[ContactRecord]) -> dict[str, Any]:
    """One person from several records: the first non-empty value wins, lists are joined. LinkedIn rows come
    first, so their company and position win over a phone card's (people keep their profile current)."""
    if len(records) == 1:
        record = records[0]
        combined = {name: getattr(record, name) for name in (*_FIRST_WINS, *BIRTHDAY, "hierarchy_level")}
        combined["organization"] = record_organization(record)
        combined.update({name: list(getattr(record, name)) for name in LISTS if name != "sources"})
        combined["sources"] = [record.source]
        combined.update(own_tier=record.tier, own_topics=list(record.topics), own_archived=record.archived)
        return combined
    combined = {name: None for name in (*_FIRST_WINS, *BIRTHDAY)}
    lists: dict[str, dict[str, None]] = {name: {} for name in LISTS}
    ordered = sorted(records, key=lambda r: r.source != "linkedin")
    for record in ordered:
        for name in _FIRST_WINS:
            if name in ADDRESS:
                continue
            value = record_organization(record) if name == "organization" else getattr(record, name)
            if combined[name] in (None, "") and value:
                combined[name] = value
            elif name == "honorific_prefix" and (both := both_prefixes(combined[name], value)):
                combined[name] = both
        if record.birthday_month and (combined["birthday_month"] is None
                                      or (combined["birthday_year"] is None and record.birthday_year)):
            for name in BIRTHDAY:
                combined[name] = getattr(record, name)
        for name in ("emails", "phones", "urls", "tags"):
            for value in getattr(record, name):
                lists[name].setdefault(value, None)
        lists["sources"].setdefault(record.source, None)
    combined.update({name: list(values) for name, values in lists.items()})
    addressed = next((r for r in ordered if any(getattr(r, name) for name in ADDRESS)), None)
    combined.update({name: getattr(addressed, name) if addressed else None for name in ADDRESS})
    named = [r.full_name for r in ordered if not is_stand_in_name(r.full_name, r.emails, r.phones)]
    if named and is_stand_in_name(combined["full_name"], combined["emails"], combined["phones"]):
        combined["full_name"] = named[0]       # a card without a name came first: the person's own name wins
    combined["hierarchy_level"] = hierarchy_level(combined["title"])
    combined["own_tier"] = next((r.tier for r in records if r.tier), None)
    combined["own_topics"] = list(dict.fromkeys(t for r in records for t in r.topics))
    combined["own_archived"] = all(r.archived for r in records)
    return combined


def _edited(existing: Mapping[str, Any]) -> set[str]:
    edited = set(existing.get("edited_fields") or ())
    if edited & {"organization", "organization_id"}:
        edited |= {"organization", "organization_id"}
    if edited & {"birthday", *BIRTHDAY}:
        edited |= {"birthday", *BIRTHDAY}
    return edited


def _known_numbers(phones: Sequence[str], region: str, country: str | None) -> set[str]:
    """A contact's numbers as the import reads them: one typed by hand is kept as typed ('0228 981750'), and the
    same number coming back from a card ('+49228981750') must not be added beside it."""
    card_region = region_of_country(country) if country else None
    return {normalize_phone(phone, region, card_region) or phone for phone in phones} | set(phones)


def same_employer(a: str, b: str) -> bool:
    """Two organisation keys of one employer: equal, or the shorter is the first words of the longer, as one source
    writes 'ZF' and another 'ZF Friedrichshafen AG'."""
    short, long = sorted((a, b), key=len)
    return a == b or (bool(short) and long.startswith(short + " "))


def _known_employers(existing: Mapping[str, Any]) -> set[str]:
    """The keys of every organisation a contact is known at: the current one, its aliases, and each one in the
    career history, so a source still naming the former employer is no job change back."""
    names = [existing.get("organization") or "", *(existing.get("career_organizations") or ())]
    return {organization_key(n) for n in names if n} | {
        organization_key(a) for a in existing.get("organization_aliases") or () if a}


def _merge(contact_id: str, existing: Mapping[str, Any], combined: Mapping[str, Any], region: str = "DE",
           from_linkedin: bool = False) -> tuple[dict[str, Any], str | None, JobChange | None]:
    """Changed columns for a known contact, the organisation to set (if any), and the job change (if any): a new
    employer no source of the contact gave before, or a new title from LinkedIn (`from_linkedin`)."""
    edited = _edited(existing)
    changes: dict[str, Any] = {}
    stand_in = is_stand_in_name(existing["full_name"], existing.get("emails") or (), existing.get("phones") or ())
    if ("full_name" not in edited and stand_in
            and not is_stand_in_name(combined["full_name"], combined["emails"], combined["phones"])):
        changes["full_name"] = combined["full_name"]
    for name in SCALARS:
        if name not in ADDRESS and name not in edited and not existing.get(name) and combined.get(name):
            changes[name] = combined[name]
    if "honorific_prefix" not in edited and (
            both := both_prefixes(existing.get("honorific_prefix"), combined.get("honorific_prefix"))):
        changes["honorific_prefix"] = both
    if not edited & set(ADDRESS) and not any(existing.get(n) for n in ADDRESS):
        changes.update({name: combined[name] for name in ADDRESS if combined.get(name)})
    for name in LISTS:
        if name in edited and name != "sources":
            continue
        current = list(existing.get(name) or [])
        # a set: a list took time with the square (60,000 addresses merged in 19 s)
        known = _known_numbers(current, region, existing.get("country")) if name == "phones" else set(current)
        added = [v for v in combined[name] if v not in known]
        if added:
            changes[name] = current + added
    if "birthday" not in edited and combined["birthday_month"]:
        no_birthday = existing.get("birthday_month") is None
        adds_year = (existing.get("birthday_year") is None and combined["birthday_year"] is not None
                     and (existing.get("birthday_month"), existing.get("birthday_day"))
                     == (combined["birthday_month"], combined["birthday_day"]))
        if no_birthday or adds_year:
            changes.update({name: combined[name] for name in BIRTHDAY})
    if "photo" not in edited and not existing.get("has_photo") and combined["photo"]:
        changes["photo"] = combined["photo"]

    old_org, new_org = existing.get("organization") or "", combined["organization"] or ""
    old_title, new_title = existing.get("title") or "", combined["title"] or ""
    organization = None
    moved = False
    employers = _known_employers(existing)
    new_employer = bool(new_org) and not any(same_employer(organization_key(new_org), key) for key in employers)
    if "organization" not in edited and new_employer:
        organization, moved = new_org, bool(old_org)
    # another source's wording of the same job ('Assistenz' beside 'Assistentin der Geschäftsführung') only fills an
    # empty title: the title follows a new employer, or LinkedIn, which keeps the career
    new_job = new_employer or from_linkedin or not old_title
    if "title" not in edited and new_job and new_title and new_title.casefold() != old_title.casefold():
        changes["title"] = new_title
        moved = moved or bool(old_title)
        if "hierarchy_level" not in edited:
            level = hierarchy_level(new_title)
            if level != existing.get("hierarchy_level"):
                changes["hierarchy_level"] = level
    elif "hierarchy_level" not in edited and not existing.get("hierarchy_level") and combined["hierarchy_level"]:
        changes["hierarchy_level"] = combined["hierarchy_level"]
    job = None
    if moved:
        job = JobChange(contact_id, existing["full_name"], old_org, old_title, organization or old_org,
                        changes.get("title", old_title))
    return changes, organization, job


def decide(plan: ImportPlan, confirmed: Collection[int], existing: Mapping[str, Mapping[str, Any]] | None = None
           ) -> list[Outcome]:
    """One outcome per person. `existing`: the known contacts as they are now (default: as the plan read them);
    a known contact that is gone since (merged away in another session) gets its records as a new contact."""
    known = plan.existing if existing is None else existing
    members: dict[Group, list[int]] = defaultdict(list)
    for index, group in enumerate(_final_groups(plan, confirmed)):
        members[group].append(index)
    return [_outcome(plan, group, indexes, known) for group, indexes in members.items()]


def _outcome(plan: ImportPlan, group: Group, indexes: list[int], known: Mapping[str, Mapping[str, Any]]) -> Outcome:
    records = [plan.records[i] for i in indexes]
    combined = _combine(records)
    if group[0] == "contact" and group[1] in known:
        existing = known[group[1]]
        from_linkedin = any(r.source == "linkedin" and r.title for r in records)
        changes, organization, job = _merge(group[1], existing, combined, plan.home_region, from_linkedin)
        kept = existing if existing.get("birthday_month") else combined
        notes = () if "birthday" in _edited(existing) else _other_birthdays(records, kept)
        if set(changes) <= {"sources"} and not organization:
            # nothing the user reads changed (the same data again, as from netz's own export): unchanged
            return Outcome(group, indexes, "unchanged", {}, None, notes=notes)
        return Outcome(group, indexes, "merge", changes, organization, job, notes)
    organization = combined.pop("organization")
    return Outcome(group, indexes, "create", combined, organization, notes=_other_birthdays(records, combined))


def _other_birthdays(records: Sequence[ContactRecord], kept: Mapping[str, Any]) -> tuple[Problem, ...]:
    """The cards of one person whose birthday is another than the one the contact keeps (another day, or another
    year where both have one): an import fills empty fields only, so the report says what it did not take."""
    if not kept.get("birthday_month"):
        return ()
    day, year = (kept["birthday_month"], kept.get("birthday_day")), kept.get("birthday_year")
    return tuple(
        Problem(r.file, r.position, "birthday_not_taken",
                f"{r.birthday_year or ''}-{r.birthday_month}-{r.birthday_day or ''}", r.full_name)
        for r in records
        if r.birthday_month and ((r.birthday_month, r.birthday_day) != day
                                 or (r.birthday_year and year and r.birthday_year != year)))


def _rows(plan: ImportPlan, outcomes: list[Outcome]) -> tuple[PlanRow, ...]:
    raised = {d.record: d for d in plan.duplicates}
    rows: list[PlanRow] = []
    for outcome in outcomes:
        known = outcome.group[0] == "contact" and outcome.group[1] in plan.existing
        for order, index in enumerate(outcome.records):
            record = plan.records[index]
            target = plan.existing[outcome.group[1]]["full_name"] if known else ""
            action = {"create": "new" if order == 0 else "merge"}.get(outcome.action, outcome.action)
            if action == "new" and index in raised:
                action, target = "duplicate", raised[index].b_name
            rows.append(PlanRow(record.file, record.position, record.full_name, record.organization or "", action,
                                target))
    rows += [PlanRow(p.file, p.position, p.name, "", "skip", "") for p in plan.not_imported]
    return tuple(sorted(rows, key=lambda r: (r.file, r.position)))


def _report(plan: ImportPlan, outcomes: list[Outcome], confirmed: Collection[int], applied: bool,
            run_id: str | None = None) -> ImportReport:
    created = sum(1 for o in outcomes if o.action == "create")
    merged = sum(len(o.records) - 1 for o in outcomes if o.action == "create")
    merged += sum(len(o.records) for o in outcomes if o.action == "merge")
    unchanged = sum(len(o.records) for o in outcomes if o.action == "unchanged")
    duplicates = tuple(
        DuplicateLine(plan.records[d.record].file, plan.records[d.record].position, d.a_name, d.a_organization,
                      d.b_name, d.b_organization, d.evidence)
        for _, d in _queued(plan, confirmed)
    )
    return ImportReport(plan.files, plan.refused, plan.records_read, created, merged, unchanged,
                        plan.not_imported, plan.warnings + tuple(n for o in outcomes for n in o.notes),
                        plan.hidden_members, duplicates,
                        tuple(o.job_change for o in outcomes if o.job_change), applied, run_id)


def _queued(plan: ImportPlan, confirmed: Collection[int]) -> list[tuple[tuple[Group, Group], PossibleDuplicate]]:
    """The possible duplicates left for the review queue (not merged now), with their sides after confirmations."""
    redirect = _redirects(plan, confirmed)
    queued: dict[frozenset[Group], tuple[tuple[Group, Group], PossibleDuplicate]] = {}
    for pair in plan.duplicates:
        a, b = _resolve(pair.a, redirect), _resolve(pair.b, redirect)
        if a != b:
            queued.setdefault(frozenset((a, b)), ((a, b), pair))
    return list(queued.values())


# --- writing -------------------------------------------------------------------------------------------------------


def apply_import(con: Connection, plan: ImportPlan, confirmed: Collection[int] = (), tier: str = "D"
                 ) -> ImportReport:
    """Write the plan in one transaction: new contacts, merges, identities, names, career history, the possible
    duplicates for the review queue, the import run.

    `confirmed` holds positions in `plan.duplicates` the user says are one person (pairs with a new side); the
    others are imported as two people and queued. The known contacts are read again inside the transaction, so
    what another session saved since the preview (a tag, a title) is kept.
    """
    with transaction(con):
        fresh = _existing(con, sorted(plan.existing))
        same = bool(plan.outcomes) and not confirmed and fresh == plan.existing
        outcomes = list(plan.outcomes) if same else decide(plan, confirmed, fresh)
        creates = [o for o in outcomes if o.action == "create"]
        merges = [o for o in outcomes if o.action == "merge"]
        org_ids = ensure_organizations(con, [o.organization for o in creates + merges if o.organization])
        new_ids = [r[0] for r in con.execute("SELECT CAST(uuidv7() AS VARCHAR) FROM range(?)",
                                             [len(creates)]).fetchall()]
        contact_of: dict[Group, str] = {o.group: o.group[1] for o in outcomes if o.action in ("merge", "unchanged")}
        contact_of.update({o.group: cid for o, cid in zip(creates, new_ids, strict=True)})
        _insert_contacts(con, creates, new_ids, org_ids, tier)
        _update_contacts(con, merges, org_ids)
        report = _report(plan, outcomes, confirmed, applied=True)
        run_id = _insert_run(con, report)
        _insert_identities(con, plan, outcomes, contact_of)
        _insert_names(con, plan, outcomes, contact_of)
        _insert_career(con, plan, creates, new_ids, merges, run_id)
        queue_pairs(con, [(contact_of.get(a, a[1]), contact_of.get(b, b[1]), pair.evidence)
                          for (a, b), pair in _queued(plan, confirmed)], run_id)
    return replace(report, run_id=run_id)


_TYPES: dict[str, str] = {
    **{name: "VARCHAR" for name in ("id", "full_name", *SCALARS, "title", "hierarchy_level", "organization_id",
                                    "organization_name", "tier")},
    **{name: "VARCHAR[]" for name in (*LISTS, "topics")},
    **{name: "INTEGER" for name in BIRTHDAY},
    "photo": "BLOB",
    "archived": "BOOLEAN",
}


def _unnest(columns: Mapping[str, list[Any]]) -> tuple[str, list[list[Any]]]:
    """`SELECT` list and parameters for rows given as columns: Python lists go in as one parameter each
    (bulk, no row-by-row insert, and no pandas import as a DataFrame or Arrow table would cause)."""
    select = ", ".join(f"CAST(unnest(?) AS {_TYPES[name]}) AS {name}" for name in columns)
    return select, list(columns.values())


def _insert_contacts(con: Connection, creates: list[Outcome], ids: list[str], org_ids: Mapping[str, str],
                     tier: str) -> None:
    if not creates:
        return
    # a card of netz's own export keeps its tier, topics and archived flag; the others get the tier chosen
    columns: dict[str, list[Any]] = {"id": ids, "tier": [o.values.get("own_tier") or tier for o in creates],
                                     "topics": [o.values.get("own_topics") or [] for o in creates],
                                     "archived": [bool(o.values.get("own_archived")) for o in creates]}
    for name in WRITTEN:
        if name == "organization_id":
            columns[name] = [org_ids.get((o.organization or "").strip()) for o in creates]
        elif name == "organization_name":   # the contact's own spelling, when it names an organisation
            columns[name] = [_own_spelling(o.organization, org_ids) for o in creates]
        else:
            columns[name] = [o.values.get(name) for o in creates]
    select, parameters = _unnest(columns)
    con.execute(f"INSERT INTO contacts ({', '.join(columns)}) SELECT {select}", parameters)  # noqa: S608 (constants)


def _update_contacts(con: Connection, merges: list[Outcome], org_ids: Mapping[str, str]) -> None:
    """One UPDATE per set of changed columns (few distinct sets)."""
    by_columns: dict[tuple[str, ...], list[Outcome]] = defaultdict(list)
    changes: dict[str, dict[str, Any]] = {}
    for outcome in merges:
        values = dict(outcome.values)
        if outcome.organization:
            values["organization_id"] = org_ids.get(outcome.organization.strip())
            values["organization_name"] = _own_spelling(outcome.organization, org_ids)
        changes[outcome.group[1]] = values
        by_columns[tuple(sorted(values))].append(outcome)
    for names, group in by_columns.items():
        columns: dict[str, list[Any]] = {"id": [o.group[1] for o in group]}
        columns.update({name: [changes[o.group[1]][name] for o in group] for name in names})
        select, parameters = _unnest(columns)
        assignments = ", ".join(f"{name} = u.{name}" for name in names)
        con.execute(f"UPDATE contacts SET {assignments}, updated_at = current_timestamp "  # noqa: S608 (constants)
                    f"FROM (SELECT {select}) u WHERE contacts.id = u.id", parameters)


def _own_spelling(organization: str | None, org_ids: Mapping[str, str]) -> str | None:
    name = (organization or "").strip()
    return name if name in org_ids else None


def _insert_names(con: Connection, plan: ImportPlan, outcomes: list[Outcome],
                  contact_of: Mapping[Group, str]) -> None:
    """Every name a contact was imported under, so later imports recognise its cards after a rename."""
    rows = {(contact_of[o.group], plan.records[i].full_name) for o in outcomes if o.group in contact_of
            for i in o.records}
    if rows:
        contact_ids, names = (list(c) for c in zip(*sorted(rows), strict=True))
        con.execute("INSERT OR IGNORE INTO contact_names (contact_id, name) SELECT unnest(?), unnest(?)",
                    [contact_ids, names])


def _insert_identities(con: Connection, plan: ImportPlan, outcomes: list[Outcome],
                       contact_of: Mapping[Group, str]) -> None:
    rows = {
        (contact_of[outcome.group], kind, value): plan.records[index].source
        for outcome in outcomes if outcome.group in contact_of for index in outcome.records
        for kind, value in plan.records[index].identity_keys()
    }
    if rows:
        contact_ids, kinds, values = (list(c) for c in zip(*rows, strict=True))
        con.execute("INSERT OR IGNORE INTO contact_identities (contact_id, kind, value, source) "
                    "SELECT unnest(?), unnest(?), unnest(?), unnest(?)",
                    [contact_ids, kinds, values, list(rows.values())])


def _insert_career(con: Connection, plan: ImportPlan, creates: list[Outcome], ids: list[str],
                   merges: list[Outcome], run_id: str) -> None:
    """The position of every new contact, and for a job change the old position (if not yet recorded) and the
    new one."""
    rows: list[tuple[str, str | None, str | None, dt.date, str]] = []
    for outcome, contact_id in zip(creates, ids, strict=True):
        if outcome.organization or outcome.values.get("title"):
            rows.append((contact_id, outcome.organization, outcome.values.get("title"), plan.today,
                         plan.records[outcome.records[0]].source))
    for outcome in merges:
        job = outcome.job_change
        if not job:
            continue
        existing = plan.existing[job.contact_id]
        if not existing.get("career_rows"):
            rows.append((job.contact_id, job.old_organization or None, job.old_title or None,
                         existing.get("updated_on") or plan.today, "netz"))
        rows.append((job.contact_id, job.new_organization or None, job.new_title or None, plan.today,
                     plan.records[outcome.records[0]].source))
    if rows:
        contact_ids, orgs, titles, days, sources = (list(c) for c in zip(*rows, strict=True))
        con.execute(
            "INSERT INTO career_history (contact_id, organization, title, observed_on, source, import_run_id) "
            "SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), ?",
            [contact_ids, orgs, titles, days, sources, run_id],
        )


def _insert_run(con: Connection, report: ImportReport) -> str:
    kinds = {f.kind for f in report.files}
    kind = kinds.pop() if len(kinds) == 1 else "other"
    kind = kind if kind in ("vcard", "linkedin") else "other"     # an address-book CSV is 'other' in import_runs
    row = con.execute(
        "INSERT INTO import_runs (kind, file_names, records_read, created, merged, unchanged, skipped, report, "
        "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp) RETURNING id",
        [kind, [f.name for f in report.files], report.records_read, report.created, report.merged,
         report.unchanged, len(report.not_imported), json.dumps(report.to_json(), default=str)],
    ).fetchone()
    assert row is not None
    return str(row[0])

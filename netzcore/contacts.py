"""Contacts: the Contact record, search and paging in SQL, create, edit, archive, and merging two by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from netzcore.db import Connection, transaction
from netzcore.hierarchy import LEVELS
from netzcore.organizations import ensure_organizations
from netzcore.user_error import UserError, check_version

TIERS: tuple[str, ...] = ("A", "B", "C", "D")
DUE_STATES: tuple[str, ...] = ("overdue", "due", "soon", "ok", "none")
LIST_FIELDS: tuple[str, ...] = ("emails", "phones", "urls", "tags", "topics")
SCALAR_FIELDS: tuple[str, ...] = (
    "full_name", "given_name", "family_name", "title", "department", "hierarchy_level", "linkedin_url",
    "xing_url", "city", "country", "birthday_year", "birthday_month", "birthday_day", "cadence_days",
    "preferred_channel", "how_met", "notes",
)
# What the user may edit; `organization` is a name resolved to organization_id.
EDITABLE_FIELDS: tuple[str, ...] = (*SCALAR_FIELDS, "organization", *LIST_FIELDS)
SORTS: tuple[str, ...] = ("name", "tier", "due")


class ContactError(UserError):
    """A mistake in contact data."""


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    full_name: str
    given_name: str | None
    family_name: str | None
    organization: str | None
    organization_id: str | None
    title: str | None
    department: str | None
    hierarchy_level: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    urls: tuple[str, ...]
    linkedin_url: str | None
    xing_url: str | None
    city: str | None
    country: str | None
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    tier: str
    cadence_days: int | None
    preferred_channel: str | None
    tags: tuple[str, ...]
    topics: tuple[str, ...]
    how_met: str | None
    notes: str | None
    sources: tuple[str, ...]
    edited_fields: tuple[str, ...]
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime          # the row's version: an edit carries it (update_contact's read_version)

    def value(self, name: str) -> Any:
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the contact list."""

    id: str
    full_name: str
    organization: str | None
    title: str | None
    tier: str
    city: str | None
    tags: tuple[str, ...]
    topics: tuple[str, ...]
    due_state: str | None
    due_on: dt.date | None
    archived: bool


@dataclass(frozen=True, slots=True)
class ContactFilter:
    query: str = ""
    tiers: tuple[str, ...] = ()
    due_states: tuple[str, ...] = ()
    tag: str = ""
    levels: tuple[str, ...] = ()
    archived: bool = False          # False: active contacts only; True: archived ones only
    only_takes: bool = False        # only contacts I only take from (the only_takes() macro)
    sort: str = "name"


@dataclass(frozen=True, slots=True)
class ContactPage:
    rows: list[ContactRow]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class ContactChoice:
    id: str
    label: str


_CONTACT_COLUMNS = (
    "c.id, c.full_name, c.given_name, c.family_name, coalesce(c.organization_name, o.name), c.organization_id, c.title, c.department, "
    "c.hierarchy_level, c.emails, c.phones, c.urls, c.linkedin_url, c.xing_url, c.city, c.country, "
    "c.birthday_year, c.birthday_month, c.birthday_day, c.tier, c.cadence_days, c.preferred_channel, c.tags, "
    "c.topics, c.how_met, c.notes, c.sources, c.edited_fields, c.archived, c.created_at, c.updated_at"
)
_TUPLE_POSITIONS = (9, 10, 11, 22, 23, 26, 27)


def _contact(row: Sequence[Any]) -> Contact:
    values: list[Any] = [tuple(v or ()) if i in _TUPLE_POSITIONS else v for i, v in enumerate(row)]
    return Contact(*values)


def get_contact(con: Connection, contact_id: str) -> Contact | None:
    row = con.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "  # noqa: S608
        "WHERE c.id = ?",
        [contact_id],
    ).fetchone()
    return _contact(row) if row else None


def _search_terms(query: str) -> list[str]:
    return [word for word in query.split() if word][:8]


_SEARCH_TEXT = (
    "strip_accents(lower(concat_ws(' ', c.full_name, c.nickname, coalesce(c.organization_name, o.name), c.title, c.department, "
    "array_to_string(c.tags, ' '), array_to_string(c.topics, ' '), c.city)))"
)
_ORDER = {
    "name": "lower(c.full_name), c.id",
    "tier": "c.tier, lower(c.full_name), c.id",
    "due": "coalesce(cc.days_overdue, -100000) DESC, c.tier, lower(c.full_name), c.id",
}


def search_contacts(
    con: Connection, flt: ContactFilter, today: dt.date, limit: int = 50, offset: int = 0
) -> ContactPage:
    """One page of contacts matching the filter, with the total count; everything happens in SQL.

    The care clock (due state, next due) is computed for every contact only when the filter or the order needs it;
    otherwise the page is chosen first and the clock read for its rows alone (contact_care_of)."""
    where = ["c.archived = ?"]
    params: list[Any] = [flt.archived]
    for term in _search_terms(flt.query):
        where.append(f"{_SEARCH_TEXT} LIKE '%' || strip_accents(lower(?)) || '%'")
        params.append(term)
    if flt.tiers:
        where.append("list_contains(?, c.tier)")
        params.append(list(flt.tiers))
    if flt.due_states:
        where.append("list_contains(?, cc.due_state)")
        params.append(list(flt.due_states))
    if flt.levels:
        where.append("list_contains(?, c.hierarchy_level)")
        params.append(list(flt.levels))
    if flt.only_takes:
        where.append("c.id IN (SELECT contact_id FROM only_takes(?))")
        params.append(today)
    if flt.tag.strip():
        where.append("list_contains([lower(x) FOR x IN c.tags], lower(?))")
        params.append(flt.tag.strip())
    order = _ORDER.get(flt.sort, _ORDER["name"])
    condition = " AND ".join(where)
    if flt.due_states or flt.sort == "due":
        rows = con.execute(
            f"SELECT {_ROW_COLUMNS}, cc.due_state, cc.due_on, c.archived, count(*) OVER () {_ROW_TABLES} "  # noqa: S608
            f"LEFT JOIN contact_care(?) cc ON cc.contact_id = c.id WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
            [today, *params, limit, max(offset, 0)]).fetchall()
        total = int(rows[0][-1]) if rows else 0
    else:
        page = con.execute(f"SELECT {_ROW_COLUMNS}, c.archived {_ROW_TABLES} WHERE {condition} "  # noqa: S608
                           f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, max(offset, 0)]).fetchall()
        rows, total = [], 0
        if page:  # an empty page (nothing matches, or past the end) asks neither the clock nor the count
            rows = _with_care(con, page, today)
            count = con.execute(f"SELECT count(*) {_ROW_TABLES} WHERE {condition}", params).fetchone()  # noqa: S608
            total = int(count[0]) if count else 0
    if not rows and offset > 0:
        return search_contacts(con, flt, today, limit, 0)
    return ContactPage(rows=[_row(r) for r in rows], total=total, offset=max(offset, 0), limit=limit)


def page_rescored(con: Connection, before: ContactPage, changed: Collection[str], flt: ContactFilter,
                  today: dt.date, limit: int = 50, offset: int = 0) -> ContactPage | None:
    """`search_contacts(con, flt, today, limit, offset)` after writes that changed only the log or the tier of the
    `changed` contacts, from the page `before` them: the page's rows of those contacts read again, the others as
    they were. Which contacts a page holds, and in which order, reads neither the log nor a tier unless the filter
    or the order does (tier, care state, only takes; by tier or by due): then None, and the page is asked anew."""
    if flt.tiers or flt.due_states or flt.only_takes or flt.sort != "name":
        return None
    ids = [row.id for row in before.rows if row.id in changed]
    if not ids:
        return before
    rows = con.execute(f"SELECT {_ROW_COLUMNS}, c.archived {_ROW_TABLES} WHERE list_contains(?, c.id)",  # noqa: S608
                       [ids]).fetchall()
    again = {r[0]: _row(r) for r in _with_care(con, rows, today)}
    if len(again) < len(ids):   # a contact gone (merged, deleted): not a write this was asked after
        return None
    return replace(before, rows=[again.get(row.id, row) for row in before.rows])


_ROW_COLUMNS = "c.id, c.full_name, coalesce(c.organization_name, o.name), c.title, c.tier, c.city, c.tags, c.topics"
_ROW_TABLES = "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id"


def _with_care(con: Connection, page: Sequence[tuple[Any, ...]], today: dt.date) -> list[tuple[Any, ...]]:
    """A page's rows (the _ROW_COLUMNS and archived) with each contact's care state and next due date, read for
    these contacts alone."""
    care = {r[0]: (r[1], r[2]) for r in con.execute(
        "SELECT contact_id, due_state, due_on FROM contact_care_of(?, ?)", [today, [r[0] for r in page]]).fetchall()}
    return [(*r[:8], *care.get(r[0], (None, None)), r[8]) for r in page]


def _row(r: Sequence[Any]) -> ContactRow:
    return ContactRow(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()), tuple(r[7] or ()), r[8], r[9], r[10])


def find_contacts(con: Connection, query: str, exclude: Iterable[str] = (), limit: int = 20) -> list[ContactChoice]:
    """Active contacts whose name or organisation matches, for pickers (merge, relationships, introductions)."""
    terms = _search_terms(query)
    if not terms:
        return []
    where = " AND ".join(
        "strip_accents(lower(concat_ws(' ', c.full_name, coalesce(c.organization_name, o.name)))) LIKE '%' || strip_accents(lower(?)) || '%'"
        for _ in terms
    )
    rows = con.execute(
        "SELECT c.id, c.full_name, coalesce(c.organization_name, o.name) FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "  # noqa: S608
        f"WHERE NOT c.archived AND NOT list_contains(?, c.id) AND {where} "
        "ORDER BY lower(c.full_name), c.id LIMIT ?",
        [list(exclude), *terms, limit],
    ).fetchall()
    return [ContactChoice(r[0], f"{r[1]} ({r[2]})" if r[2] else r[1]) for r in rows]


def _clean(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        items = [str(v).strip() for v in (value or ())]
        if name == "emails":
            items = [v.lower() for v in items]
        return _unite(items)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _unite(*lists: Iterable[str]) -> list[str]:
    """Items of all lists in order of first appearance, without blanks or case-insensitive repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for items in lists:
        for item in items:
            key = item.casefold()
            if item and key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _check(values: Mapping[str, Any]) -> None:
    if "full_name" in values and not values["full_name"]:
        raise ContactError("contacts.error_name_required")
    level = values.get("hierarchy_level")
    if level is not None and level not in LEVELS:
        raise ContactError("contacts.error_level", level=level)
    cadence = values.get("cadence_days")
    if cadence is not None and int(cadence) <= 0:
        raise ContactError("contacts.error_cadence")
    month, day = values.get("birthday_month"), values.get("birthday_day")
    if (month is None) != (day is None):
        raise ContactError("contacts.error_birthday")
    if month is not None and day is not None:
        try:
            dt.date(int(values.get("birthday_year") or 2000), int(month), int(day))
        except ValueError as exc:
            raise ContactError("contacts.error_birthday") from exc


def _organization_id(con: Connection, name: str | None) -> str | None:
    if not name:
        return None
    return ensure_organizations(con, [name]).get(name)


def create_contact(con: Connection, full_name: str, tier: str = "D", **fields: Any) -> str:
    """A new contact entered by hand (source 'manual'); returns its id."""
    if tier not in TIERS:
        raise ContactError("contacts.error_tier", tier=tier)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    values = {name: _clean(name, value) for name, value in {"full_name": full_name, **fields}.items()}
    _check(values)
    with transaction(con):
        organization = values.pop("organization", None)
        org_id = _organization_id(con, organization)
        columns = [*values, "organization_id", "organization_name", "tier", "sources"]
        row = con.execute(
            f"INSERT INTO contacts ({', '.join(columns)}, triaged_at) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in columns)}, current_timestamp) RETURNING id",
            [*values.values(), org_id, organization if org_id else None, tier, ["manual"]],
        ).fetchone()
        assert row is not None
        contact_id = str(row[0])
        con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, NULL, ?, ?)",
                    [contact_id, tier, "created"])
        if values.get("title") or org_id:
            _observe_position(con, contact_id, values.get("title"), fields.get("organization"))
    return contact_id


def _observe_position(con: Connection, contact_id: str, title: str | None, organization: str | None) -> None:
    con.execute(
        "INSERT INTO career_history (contact_id, organization, title, observed_on, source) "
        "VALUES (?, ?, ?, current_date, 'manual')",
        [contact_id, organization, title],
    )


def edit_version(contact: Contact) -> str:
    """The version of a contact as its edit form shows it: a fingerprint of the editable fields.

    Not updated_at: that also moves when the tier changes, the contact is archived or an import touches fields
    the form does not show, and would then refuse the user's own next edit. This moves exactly when a field the
    form shows was changed, by another window or an import.
    """
    values = [list(v) if isinstance(v := contact.value(name), tuple) else v for name in EDITABLE_FIELDS]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:20]


def update_contact(con: Connection, contact_id: str, changes: Mapping[str, Any],
                   read_version: str | None = None) -> list[str]:
    """Save what the user changed; the changed field names join edited_fields so re-import leaves them alone.

    A new title or organisation is recorded as a career step. Returns the names of the fields that changed.
    `read_version` is the edit_version of the contact the form was filled from: if a field the form shows
    changed since, ChangedMeanwhile is raised and nothing is saved (no lost update).
    """
    current = get_contact(con, contact_id)
    if current is None:
        raise ContactError("contacts.error_not_found")
    check_version(edit_version(current), read_version)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    cleaned = {name: _clean(name, value) for name, value in changes.items()}
    changed = {
        name: value for name, value in cleaned.items()
        if (list(current.value(name)) if name in LIST_FIELDS else current.value(name)) != value
    }
    if not changed:
        return []
    _check({**{n: current.value(n) for n in ("birthday_year", "birthday_month", "birthday_day")}, **changed})
    with transaction(con):
        again = get_contact(con, contact_id)            # inside the write: nobody changed it since the check
        check_version(edit_version(again) if again else None, read_version)
        sets = {name: value for name, value in changed.items() if name != "organization"}
        if "organization" in changed:   # the contact's own spelling, grouped with others by its normalised name
            sets["organization_id"] = _organization_id(con, changed["organization"])
            sets["organization_name"] = changed["organization"] if sets["organization_id"] else None
        assignments = ", ".join(f"{name} = ?" for name in sets)
        con.execute(
            f"UPDATE contacts SET {assignments}, edited_fields = list_distinct(list_concat(edited_fields, ?)), "  # noqa: S608
            "updated_at = current_timestamp WHERE id = ?",
            [*sets.values(), sorted(changed), contact_id],
        )
        if "title" in changed or "organization" in changed:
            _observe_position(con, contact_id, cleaned.get("title", current.title),
                              cleaned.get("organization", current.organization))
    return sorted(changed)


def archive_contact(con: Connection, contact_id: str, archived: bool = True) -> None:
    con.execute("UPDATE contacts SET archived = ?, updated_at = current_timestamp WHERE id = ?",
                [archived, contact_id])


def archive_contacts(con: Connection, contact_ids: Sequence[str], archived: bool = True) -> int:
    """Archive (or restore) several contacts at once; returns how many changed."""
    rows = con.execute(
        "UPDATE contacts SET archived = ?, updated_at = current_timestamp "
        "WHERE id IN (SELECT unnest(?)) AND archived <> ? RETURNING id",
        [archived, list(dict.fromkeys(contact_ids)), archived]).fetchall()
    return len(rows)


def add_tag(con: Connection, contact_ids: Sequence[str], tag: str) -> int:
    """Give several contacts a tag (kept once whatever its case); an edited field, so re-imports keep it.
    Returns how many contacts gained it."""
    text = " ".join(tag.split())
    if not text:
        raise ContactError("contacts.error_tag_required")
    rows = con.execute(
        "UPDATE contacts SET tags = list_append(tags, $tag), "
        "edited_fields = list_distinct(list_append(edited_fields, 'tags')), updated_at = current_timestamp "
        "WHERE id IN (SELECT unnest($ids)) AND NOT list_contains([lower(x) FOR x IN tags], lower($tag)) RETURNING id",
        {"tag": text, "ids": list(dict.fromkeys(contact_ids))}).fetchall()
    return len(rows)


def merge_contacts(con: Connection, keep_id: str, drop_id: str) -> str:
    """Merge `drop_id` into `keep_id` (netzcore.merging: nothing is lost, and "Split again" undoes it); returns the
    merge log id."""
    from netzcore.merging import merge_contacts as merge

    return merge(con, keep_id, drop_id)


@dataclass(frozen=True, slots=True)
class CareerStep:
    observed_on: dt.date
    organization: str | None
    title: str | None
    source: str | None


def career_history(con: Connection, contact_id: str) -> list[CareerStep]:
    rows = con.execute(
        "SELECT observed_on, organization, title, source FROM career_history WHERE contact_id = ? "
        "ORDER BY observed_on DESC, created_at DESC",
        [contact_id],
    ).fetchall()
    return [CareerStep(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """What a merge moves into the kept contact, shown before the user confirms and said again afterwards."""

    interactions: int
    identities: int                   # matching keys (e-mail, phone, LinkedIn, UID) the kept contact gains
    relationships: int
    introductions: int
    event_plans: int
    gains: tuple[tuple[str, tuple[str, ...]], ...] = ()  # list field -> values the kept contact gains
    filled: tuple[str, ...] = ()      # empty fields of the kept contact that take the duplicate's value

    def gained(self, field_name: str) -> tuple[str, ...]:
        return next((values for name, values in self.gains if name == field_name), ())


_MERGE_FILLED = ("organization", "title", "department", "hierarchy_level", "linkedin_url", "xing_url", "city",
                 "country", "birthday_month", "preferred_channel", "how_met", "notes")


def merge_preview(con: Connection, keep_id: str, drop_id: str) -> MergeCounts:
    """What merging `drop_id` into `keep_id` would move: only what the kept contact does not have already."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM interactions WHERE contact_id = $d), "
        "(SELECT count(*) FROM contact_identities i WHERE contact_id = $d AND (kind, value) NOT IN "
        "   (SELECT kind, value FROM contact_identities WHERE contact_id = $k)), "
        "(SELECT count(*) FROM relationships r WHERE $d IN (contact_a, contact_b) "
        "   AND $k NOT IN (contact_a, contact_b) AND NOT EXISTS (SELECT 1 FROM relationships q "
        "   WHERE $k IN (q.contact_a, q.contact_b) AND "
        "   (CASE WHEN r.contact_a = $d THEN r.contact_b ELSE r.contact_a END) IN (q.contact_a, q.contact_b))), "
        "(SELECT count(*) FROM introductions WHERE $d IN (contact_a, contact_b) AND $k NOT IN (contact_a, contact_b)), "
        "(SELECT count(*) FROM event_plans WHERE contact_id = $d AND event_id NOT IN "
        "   (SELECT event_id FROM event_plans WHERE contact_id = $k))",
        {"d": drop_id, "k": keep_id},
    ).fetchone()
    assert row is not None
    keep, drop = get_contact(con, keep_id), get_contact(con, drop_id)
    gains: list[tuple[str, tuple[str, ...]]] = []
    filled: list[str] = []
    if keep is not None and drop is not None:
        for name in LIST_FIELDS:
            have = {item.casefold() for item in keep.value(name)}
            new = tuple(item for item in _unite(drop.value(name)) if item.casefold() not in have)
            if new:
                gains.append((name, new))
        filled = [name for name in _MERGE_FILLED if keep.value(name) in (None, "") and drop.value(name) not in (None, "")]
    interactions, identities, relationships, introductions, plans = (int(v) for v in row)
    return MergeCounts(interactions, identities, relationships, introductions, plans, tuple(gains), tuple(filled))


# --- likely duplicates ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LikelyDuplicate:
    contact_id: str
    full_name: str
    organization: str | None
    same_organization: bool


def likely_duplicates(con: Connection, full_name: str, organization: str | None = None,
                      exclude: Iterable[str] = (), limit: int = 5) -> list[LikelyDuplicate]:
    """Contacts that are probably the person about to be entered by hand: a name that may be theirs (the import's
    identity rules, netzcore.identity: initials, short forms, Müller / Mueller / Muller) at the same organisation,
    or with the very same first name, or with the organisation unknown on one side.

    Candidates share the family name, found in SQL (folded as identity.fold does); the name rules run on those few."""
    from netzcore.identity import names_compatible, organization_key, person_name

    wanted = person_name(full_name)
    if not wanted.family or wanted.organization:
        return []
    rows = con.execute(
        "SELECT c.id, c.full_name, c.given_name, c.family_name, coalesce(c.organization_name, o.name) "  # noqa: S608
        "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "
        "WHERE NOT c.archived AND NOT list_contains(?, c.id) "
        f"AND contains({_FOLDED_NAME}, ?) LIMIT 200",
        [list(exclude), wanted.family[-1]],
    ).fetchall()
    wanted_org = organization_key(organization)
    found: list[LikelyDuplicate] = []
    for contact_id, name, given, family, org_name in rows:
        other = person_name(name, given, family)
        if not names_compatible(wanted, other):
            continue
        same_org = bool(wanted_org) and wanted_org == organization_key(org_name)
        same_given = bool(wanted.given) and bool(other.given) and wanted.given[0] == other.given[0]
        if same_org or same_given or not wanted_org or not org_name:
            found.append(LikelyDuplicate(contact_id, name, org_name, same_org))
    found.sort(key=lambda d: (not d.same_organization, d.full_name.casefold()))
    return found[:limit]


# a contact's name folded in SQL as netzcore.identity.fold folds it in Python (ß, umlauts written out, accents)
_FOLDED_NAME = ("strip_accents(replace(replace(replace(replace(lower(c.full_name), 'ß', 'ss'), 'ae', 'a'), "
                "'oe', 'o'), 'ue', 'u'))")


def clear_stored_no_values(con: Connection) -> int:
    """Empties what an older netz stored as written where an exporter had no value ('null', 'N/A', 'k.A.', '-'):
    the importers read such values as empty since, but an import adds values and never clears one. A job title so
    emptied takes its hierarchy level with it ('null' read as a specialist) unless the user chose the level. The
    Python step of migration 165; the number of contacts changed."""
    # imported here: the importers import this module
    from netzcore.importers.normalize import NO_VALUE_FIELDS, no_value_changes

    columns = ", ".join(NO_VALUE_FIELDS)
    changed = 0
    for row in con.execute(f"SELECT id, edited_fields, {columns} FROM contacts").fetchall():  # noqa: S608
        contact_id, edited, *values = row
        changes = no_value_changes(dict(zip(NO_VALUE_FIELDS, values, strict=True)))
        if not changes:
            continue
        if "title" in changes and "hierarchy_level" not in (edited or ()):
            changes["hierarchy_level"] = None
        assignments = ", ".join(f"{name} = ?" for name in changes)
        con.execute(f"UPDATE contacts SET {assignments} WHERE id = ?",  # noqa: S608 (names from NO_VALUE_FIELDS)
                    [*(list(v) if isinstance(v, tuple) else v for v in changes.values()), contact_id])
        changed += 1
    return changed

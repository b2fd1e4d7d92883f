"""Merging two contacts into one, and splitting them again as they were.

Every merge writes a `merge_log` row: the absorbed contact as it was, the kept contact before and after, every row
of every table that referred to the absorbed contact, and the keys of the rows the merge brought to the kept one.
`split_merge` puts both back from it: the absorbed contact with its own id, its interactions, identities, career,
tier history, tags, plans, segment assignments, relationships, introductions and names; the kept contact's fields
as they were, except those changed since the merge. Afterwards the pair is "kept apart", so no import joins them
again.

`REFERENCES` lists every table that refers to contacts; tests/core/test_merging.py fails when a migration adds one
that is missing here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netzcore.contacts import ContactError
from netzcore.db import Connection, transaction


class MergeError(ContactError):
    """A merge or split that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A table whose rows belong to a contact.

    `columns` hold contact ids; `key` identifies a row; `unique` are the other columns that must be unique per
    contact (a row the kept contact already has is dropped, not moved); `ordered` tables store a pair with
    columns[0] < columns[1].
    """

    table: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    unique: tuple[str, ...] = ()
    ordered: bool = False


REFERENCES: tuple[Reference, ...] = (
    Reference("contact_identities", ("contact_id",), ("contact_id", "kind", "value"), ("kind", "value")),
    Reference("contact_names", ("contact_id",), ("contact_id", "name"), ("name",)),
    Reference("interactions", ("contact_id",), ("id",)),
    Reference("tier_history", ("contact_id",), ("id",)),
    Reference("career_history", ("contact_id",), ("id",)),
    Reference("review_dismissals", ("contact_id",), ("contact_id", "rule"), ("rule",)),
    Reference("segment_assignments", ("contact_id",), ("segment_id", "contact_id"), ("segment_id",)),
    Reference("event_plans", ("contact_id",), ("id",), ("event_id",)),
    Reference("relationships", ("contact_a", "contact_b"), ("id",), ordered=True),
    Reference("introductions", ("contact_a", "contact_b"), ("id",)),
    Reference("duplicate_pairs", ("contact_a", "contact_b"), ("id",), ordered=True),
    Reference("interaction_sources", ("contact_id",), ("source", "key")),
    Reference("calendar_meetings", ("contact_id",), ("occurrence", "contact_id"), ("occurrence",)),
)
# Columns that name contacts but are history, not belonging: never moved by a merge.
NOT_MOVED: dict[str, tuple[str, ...]] = {"merge_log": ("kept_id", "absorbed_id")}


@dataclass(frozen=True, slots=True)
class MergeEntry:
    """One merge as the user sees it in a contact's history."""

    id: str
    kept_id: str
    absorbed_id: str
    absorbed_name: str
    merged_at: Any
    split_at: Any
    kept_name: str | None      # None: the kept contact no longer exists (merged into another since)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_types(con: Connection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return {name: kind for name, kind in rows}


def _rows(con: Connection, table: str, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts (bytes as base64, JSON columns as their text), in a stable order."""
    selects = []
    for name, kind in _column_types(con, table).items():
        if kind == "BLOB":
            selects.append(f"base64({_quote(name)}) AS {_quote(name)}")
        elif kind == "JSON":
            selects.append(f"CAST({_quote(name)} AS VARCHAR) AS {_quote(name)}")
        else:
            selects.append(_quote(name))
    found = con.execute(
        f"SELECT CAST(to_json(r) AS VARCHAR) FROM (SELECT {', '.join(selects)} FROM {_quote(table)} "  # noqa: S608
        f"WHERE {where} ORDER BY ALL) r", list(params)).fetchall()
    return [json.loads(line) for (line,) in found]


def _value_sql(name: str, kind: str, source: str = "r") -> str:
    """The SQL that reads column `name` of type `kind` back from a JSON row made by `_rows`."""
    path = f"{source}->>{_sql_string(name)}"   # source: a JSON expression
    if kind == "BLOB":
        return f"from_base64({path})"
    if kind.endswith("[]"):
        return f"CAST({source}->{_sql_string(name)} AS {kind})"
    return f"CAST({path} AS {kind})"


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _insert_rows(con: Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    types = _column_types(con, table)
    names = [name for name in types if name in rows[0]]
    values = ", ".join(_value_sql(name, types[name]) for name in names)
    con.execute(
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(n) for n in names)}) "  # noqa: S608
        f"SELECT {values} FROM (SELECT unnest(CAST(? AS JSON[])) AS r)",
        [[json.dumps(row) for row in rows]])


def _references_to(con: Connection, ref: Reference, contact_id: str) -> str:
    return " OR ".join(f"{_quote(c)} = {_sql_string(contact_id)}" for c in ref.columns)


def _keys(con: Connection, ref: Reference, contact_id: str) -> set[tuple[Any, ...]]:
    rows = _rows(con, ref.table, _references_to(con, ref, contact_id), ())
    return {tuple(row[k] for k in ref.key) for row in rows}


# --- merge ---------------------------------------------------------------------------------------------------------


_LIST_FIELDS = ("emails", "phones", "urls", "tags", "topics", "sources", "edited_fields")
_OWN_FIELDS = ("id", "full_name", "notes", "tier", "organization_id", "organization_name", "archived", "created_at",
               "updated_at", "photo", "birthday_year", "birthday_month", "birthday_day", *_LIST_FIELDS)


def _unite(*lists: Sequence[str] | None) -> list[str]:
    """Items of all lists in order of first appearance, without blanks or case-insensitive repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for items in lists:
        for item in items or ():
            key = item.casefold()
            if item and key not in seen:
                seen.add(key)
                out.append(item)
    return out


def merge_contacts(con: Connection, keep_id: str, drop_id: str) -> str:
    """Merge `drop_id` into `keep_id` and delete it; nothing is lost, and the merge log keeps how it was.

    The kept contact's fields win; its empty fields take the other's values (a birthday only whole); list fields
    are united; the better tier wins (recorded in tier history); notes are joined. Every row of another table
    that belonged to the absorbed contact moves over; what the kept contact already has (the same identity,
    segment assignment, plan for an event, review dismissal, name) and what would become a relationship or an
    introduction of the person with themself is dropped. Returns the merge log id.
    """
    if keep_id == drop_id:
        raise MergeError("contacts.error_merge_self")
    with transaction(con):
        return _merge(con, keep_id, drop_id)


def _merge(con: Connection, keep_id: str, drop_id: str) -> str:
    kept = _rows(con, "contacts", "id = ?", [keep_id])
    absorbed = _rows(con, "contacts", "id = ?", [drop_id])
    if not kept or not absorbed:
        raise MergeError("contacts.error_not_found")
    keep, drop = kept[0], absorbed[0]
    before = {ref.table: _rows(con, ref.table, _references_to(con, ref, drop_id), ()) for ref in REFERENCES}
    keep_keys = {ref.table: _keys(con, ref, keep_id) for ref in REFERENCES}

    values: dict[str, Any] = {}
    for name in keep:
        if name in _OWN_FIELDS:
            continue
        if keep[name] is None and drop[name] is not None:
            values[name] = drop[name]
    if keep["birthday_month"] is None and drop["birthday_month"] is not None:
        values.update({n: drop[n] for n in ("birthday_year", "birthday_month", "birthday_day")})
    elif (keep["birthday_year"] is None and drop["birthday_year"] is not None
          and (keep["birthday_month"], keep["birthday_day"]) == (drop["birthday_month"], drop["birthday_day"])):
        values["birthday_year"] = drop["birthday_year"]
    for name in _LIST_FIELDS:
        united = _unite(keep[name], drop[name])
        if united != list(keep[name] or []):
            values[name] = united
    notes = "\n\n".join(_unite([n for n in (keep["notes"], drop["notes"]) if n])) or None
    if notes != keep["notes"]:
        values["notes"] = notes
    if keep["organization_id"] is None and drop["organization_id"] is not None:
        values["organization_id"] = drop["organization_id"]
        values["organization_name"] = drop["organization_name"]
    elif keep["organization_name"] is None and keep["organization_id"] == drop["organization_id"]:
        values["organization_name"] = drop["organization_name"]
    tier = min(keep["tier"], drop["tier"])
    values["tier"] = tier
    values["archived"] = bool(keep["archived"] and drop["archived"])
    values["created_at"] = min(keep["created_at"], drop["created_at"])
    types = _column_types(con, "contacts")
    assignments = ", ".join(f"{_quote(n)} = {_value_sql(n, types[n], 'CAST($row AS JSON)')}" for n in values)
    con.execute(
        f"UPDATE contacts SET {assignments}, "  # noqa: S608 (column names from the schema)
        "photo = coalesce(photo, (SELECT photo FROM contacts WHERE id = $drop)), updated_at = current_timestamp "
        "WHERE id = $keep",
        {"row": json.dumps(values), "drop": drop_id, "keep": keep_id})
    _move_references(con, keep_id, drop_id)
    if tier != keep["tier"]:
        con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, ?, ?, ?)",
                    [keep_id, keep["tier"], tier, "merge"])
    con.execute("INSERT OR IGNORE INTO contact_names (contact_id, name) VALUES (?, ?), (?, ?)",
                [keep_id, keep["full_name"], keep_id, drop["full_name"]])
    con.execute("DELETE FROM contacts WHERE id = ?", [drop_id])
    brought = {ref.table: sorted(_keys(con, ref, keep_id) - keep_keys[ref.table]) for ref in REFERENCES}
    snapshot = {"absorbed": drop, "kept_before": keep, "kept_after": _rows(con, "contacts", "id = ?", [keep_id])[0],
                "rows": before, "brought": brought}
    row = con.execute("INSERT INTO merge_log (kept_id, absorbed_id, absorbed_name, snapshot) VALUES (?, ?, ?, ?) "
                      "RETURNING id", [keep_id, drop_id, drop["full_name"], json.dumps(snapshot)]).fetchone()
    assert row is not None
    return str(row[0])


def _move_references(con: Connection, keep: str, drop: str) -> None:
    args = {"keep": keep, "drop": drop}
    for ref in REFERENCES:
        if len(ref.columns) != 1:
            continue
        column = _quote(ref.columns[0])
        table = _quote(ref.table)
        if ref.unique:
            unique = ", ".join(_quote(c) for c in ref.unique)
            con.execute(
                f"UPDATE {table} SET {column} = $keep WHERE {column} = $drop "  # noqa: S608 (names from REFERENCES)
                f"AND ({unique}) NOT IN (SELECT {unique} FROM {table} WHERE {column} = $keep)", args)
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", [drop])  # noqa: S608
        else:
            con.execute(f"UPDATE {table} SET {column} = $keep WHERE {column} = $drop", args)  # noqa: S608
    con.execute(
        "INSERT INTO relationships (contact_a, contact_b, how, strength, since, created_at) "
        "SELECT least($keep, other), greatest($keep, other), how, strength, since, created_at FROM ("
        "  SELECT CASE WHEN contact_a = $drop THEN contact_b ELSE contact_a END AS other, * "
        "  FROM relationships WHERE $drop IN (contact_a, contact_b)) "
        "WHERE other <> $keep AND (least($keep, other), greatest($keep, other)) NOT IN "
        "  (SELECT contact_a, contact_b FROM relationships)",
        args,
    )
    con.execute("DELETE FROM relationships WHERE ? IN (contact_a, contact_b)", [drop])
    con.execute("UPDATE introductions SET contact_a = $keep WHERE contact_a = $drop", args)
    con.execute("UPDATE introductions SET contact_b = $keep WHERE contact_b = $drop", args)
    con.execute("DELETE FROM introductions WHERE contact_a = contact_b")
    # The pair of these two is answered; the absorbed contact's other open questions become the kept one's.
    con.execute("UPDATE duplicate_pairs SET status = 'merged', decided_at = current_timestamp "
                "WHERE contact_a = least(?, ?) AND contact_b = greatest(?, ?)", [keep, drop, keep, drop])
    con.execute(
        "UPDATE duplicate_pairs SET contact_a = least($keep, other), contact_b = greatest($keep, other) FROM ("
        "  SELECT id AS pair, CASE WHEN contact_a = $drop THEN contact_b ELSE contact_a END AS other "
        "  FROM duplicate_pairs WHERE $drop IN (contact_a, contact_b)) p "
        "WHERE duplicate_pairs.id = p.pair AND p.other <> $keep AND (least($keep, p.other), greatest($keep, p.other)) "
        "  NOT IN (SELECT contact_a, contact_b FROM duplicate_pairs)",
        args,
    )
    con.execute("DELETE FROM duplicate_pairs WHERE $drop IN (contact_a, contact_b) AND $keep NOT IN "
                "(contact_a, contact_b)", args)


# --- split ---------------------------------------------------------------------------------------------------------


def merges_of(con: Connection, contact_id: str | None = None, limit: int = 50) -> list[MergeEntry]:
    """Merges, newest first: those into one contact, or all."""
    where, params = ("WHERE m.kept_id = ?", [contact_id]) if contact_id else ("", [])
    rows = con.execute(
        "SELECT m.id, m.kept_id, m.absorbed_id, m.absorbed_name, m.merged_at, m.split_at, c.full_name "  # noqa: S608
        f"FROM merge_log m LEFT JOIN contacts c ON c.id = m.kept_id {where} "
        "ORDER BY m.merged_at DESC, m.id DESC LIMIT ?", [*params, limit]).fetchall()
    return [MergeEntry(*row) for row in rows]


def can_split(con: Connection, log_id: str) -> bool:
    row = con.execute(
        "SELECT m.split_at IS NULL AND k.id IS NOT NULL AND a.id IS NULL FROM merge_log m "
        "LEFT JOIN contacts k ON k.id = m.kept_id LEFT JOIN contacts a ON a.id = m.absorbed_id WHERE m.id = ?",
        [log_id]).fetchone()
    return bool(row and row[0])


def split_merge(con: Connection, log_id: str) -> str:
    """Undo one merge: both contacts as they were (changes made since stay where they are); returns the id of the
    contact split off. The two are then kept apart."""
    with transaction(con):
        row = con.execute("SELECT kept_id, absorbed_id, snapshot, split_at FROM merge_log WHERE id = ?",
                          [log_id]).fetchone()
        if row is None:
            raise MergeError("duplicates.error_no_merge")
        keep, drop, text, split_at = row
        if split_at is not None:
            raise MergeError("duplicates.error_already_split")
        if con.execute("SELECT count(*) FROM contacts WHERE id = ?", [drop]).fetchone() != (0,):
            raise MergeError("duplicates.error_already_split")
        if con.execute("SELECT count(*) FROM contacts WHERE id = ?", [keep]).fetchone() != (1,):
            raise MergeError("duplicates.error_kept_merged_since")
        snapshot = json.loads(text)
        _insert_rows(con, "contacts", [snapshot["absorbed"]])
        for ref in REFERENCES:
            _give_back(con, ref, keep, drop, snapshot["rows"].get(ref.table, []),
                       {tuple(k) for k in snapshot["brought"].get(ref.table, [])})
        _restore_kept(con, keep, snapshot["kept_before"], snapshot["kept_after"])
        con.execute(
            "INSERT INTO duplicate_pairs (contact_a, contact_b, status, decided_at) "
            "VALUES (least(?, ?), greatest(?, ?), 'kept_apart', current_timestamp) "
            "ON CONFLICT (contact_a, contact_b) DO UPDATE SET status = 'kept_apart', decided_at = now()",
            [keep, drop, keep, drop])
        con.execute("UPDATE merge_log SET split_at = current_timestamp WHERE id = ?", [log_id])
    return str(drop)


def _give_back(con: Connection, ref: Reference, keep: str, drop: str, rows: list[dict[str, Any]],
               brought: set[tuple[Any, ...]]) -> None:
    """Rows that moved go back (as they are now); rows the merge dropped come back as they were; rows the merge
    made for the kept contact (a relationship re-pointed, the tier change) go."""
    table = _quote(ref.table)
    matched: set[tuple[Any, ...]] = set()
    missing: list[dict[str, Any]] = []
    for row in rows:
        moved = {**row, **{c: keep if row[c] == drop else row[c] for c in ref.columns}}
        if ref.ordered:
            a, b = moved[ref.columns[0]], moved[ref.columns[1]]
            moved[ref.columns[0]], moved[ref.columns[1]] = min(a, b), max(a, b)
        key = tuple(moved[k] for k in ref.key)
        if key in brought:
            matched.add(key)
            _point_back(con, ref, key, keep, drop)
        elif not _exists(con, ref, tuple(row[k] for k in ref.key)):
            missing.append(row)
    for key in brought - matched:
        con.execute(f"DELETE FROM {table} WHERE {_key_where(ref)}", list(key))  # noqa: S608
    _insert_rows(con, ref.table, missing)


def _key_where(ref: Reference) -> str:
    return " AND ".join(f"{_quote(k)} = ?" for k in ref.key)


def _exists(con: Connection, ref: Reference, key: tuple[Any, ...]) -> bool:
    found = con.execute(f"SELECT count(*) FROM {_quote(ref.table)} WHERE {_key_where(ref)}",  # noqa: S608
                        list(key)).fetchone()
    return bool(found and found[0])


def _point_back(con: Connection, ref: Reference, key: tuple[Any, ...], keep: str, drop: str) -> None:
    swapped = {c: f"CASE WHEN {_quote(c)} = $keep THEN $drop ELSE {_quote(c)} END" for c in ref.columns}
    if ref.ordered:
        a, b = (swapped[c] for c in ref.columns)
        sets = f"{_quote(ref.columns[0])} = least({a}, {b}), {_quote(ref.columns[1])} = greatest({a}, {b})"
    else:
        sets = ", ".join(f"{_quote(c)} = {expr}" for c, expr in swapped.items())
    where = " AND ".join(f"{_quote(k)} = $k{i}" for i, k in enumerate(ref.key))
    con.execute(f"UPDATE {_quote(ref.table)} SET {sets} WHERE {where}",  # noqa: S608 (names from REFERENCES)
                {"keep": keep, "drop": drop, **{f"k{i}": v for i, v in enumerate(key)}})


def _restore_kept(con: Connection, keep: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Fields the merge changed and nobody changed since go back to what they were."""
    now = _rows(con, "contacts", "id = ?", [keep])[0]
    back = {name: before[name] for name in before
            if name not in ("id", "updated_at") and before[name] != after.get(name) and now.get(name) == after.get(name)}
    if not back:
        return
    types = _column_types(con, "contacts")
    assignments = ", ".join(f"{_quote(n)} = {_value_sql(n, types[n], 'CAST($row AS JSON)')}" for n in back if n in types)
    con.execute(f"UPDATE contacts SET {assignments}, updated_at = current_timestamp WHERE id = $keep",  # noqa: S608
                {"row": json.dumps(back), "keep": keep})

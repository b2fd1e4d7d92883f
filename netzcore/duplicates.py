"""The review queue of possible duplicates: two contacts that may be one person, the evidence in words, and the
user's answer (merge, or keep apart: then no import asks again or merges them). Imports fill the queue
(netzcore.importers.pipeline); merging and splitting are in netzcore.merging.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from netzcore.db import Connection, transaction
from netzcore.i18n import translate
from netzcore.identity import Evidence
from netzcore.merging import MergeError, _merge


@dataclass(frozen=True, slots=True)
class PairSide:
    """One contact of a pair, with what tells people apart."""

    id: str
    full_name: str
    organization: str | None
    title: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    linkedin_url: str | None
    city: str | None
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    tier: str
    sources: tuple[str, ...]
    interactions: int
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    id: str
    a: PairSide
    b: PairSide
    evidence: tuple[Evidence, ...]
    status: str                    # 'open' | 'kept_apart' | 'merged'
    created_at: dt.datetime
    decided_at: dt.datetime | None


def queue_pairs(con: Connection, pairs: Sequence[tuple[str, str, Sequence[Evidence]]],
                run_id: str | None = None) -> int:
    """Add open pairs (contact ids in any order) unless the pair is already known; returns how many were added."""
    rows: dict[tuple[str, str], str] = {}
    for a, b, evidence in pairs:
        if a != b:
            key = (a, b) if a < b else (b, a)
            rows.setdefault(key, json.dumps([{"code": e.code, "detail": e.detail} for e in evidence]))
    if not rows:
        return 0
    before = _count(con)
    firsts, seconds = zip(*rows, strict=True)
    con.execute(
        "INSERT OR IGNORE INTO duplicate_pairs (contact_a, contact_b, evidence, import_run_id) "
        "SELECT p.a, p.b, CAST(p.e AS JSON), ? FROM (SELECT unnest(?) AS a, unnest(?) AS b, unnest(?) AS e) p "
        "WHERE p.a IN (SELECT id FROM contacts) AND p.b IN (SELECT id FROM contacts)",
        [run_id, list(firsts), list(seconds), list(rows.values())])
    return _count(con) - before


def _count(con: Connection) -> int:
    row = con.execute("SELECT count(*) FROM duplicate_pairs").fetchone()
    return int(row[0]) if row else 0


def open_count(con: Connection) -> int:
    """Open pairs whose two contacts both still exist."""
    row = con.execute(
        "SELECT count(*) FROM duplicate_pairs p JOIN contacts a ON a.id = p.contact_a "
        "JOIN contacts b ON b.id = p.contact_b WHERE p.status = 'open'").fetchone()
    return int(row[0]) if row else 0


_SIDE = (
    "{c}.id, {c}.full_name, coalesce({c}.organization_name, {o}.name), {c}.title, {c}.emails, {c}.phones, "
    "{c}.linkedin_url, {c}.city, {c}.birthday_year, {c}.birthday_month, {c}.birthday_day, {c}.tier, {c}.sources, "
    "(SELECT count(*) FROM interactions i WHERE i.contact_id = {c}.id), {c}.created_at"
)
_SIDE_WIDTH = 15


def _pairs(con: Connection, where: str, params: Sequence[Any], limit: int, offset: int = 0) -> list[DuplicatePair]:
    rows = con.execute(
        f"SELECT p.id, p.evidence, p.status, p.created_at, p.decided_at, {_SIDE.format(c='a', o='oa')}, "  # noqa: S608
        f"{_SIDE.format(c='b', o='ob')} FROM duplicate_pairs p "
        "JOIN contacts a ON a.id = p.contact_a LEFT JOIN organizations oa ON oa.id = a.organization_id "
        "JOIN contacts b ON b.id = p.contact_b LEFT JOIN organizations ob ON ob.id = b.organization_id "
        f"WHERE {where} ORDER BY coalesce(p.decided_at, p.created_at) DESC, p.id LIMIT ? OFFSET ?",
        [*params, limit, max(offset, 0)]).fetchall()
    return [DuplicatePair(row[0], _side(row[5:5 + _SIDE_WIDTH]), _side(row[5 + _SIDE_WIDTH:]), _evidence(row[1]),
                          row[2], row[3], row[4]) for row in rows]


def _side(values: Sequence[Any]) -> PairSide:
    v = list(values)
    for position in (4, 5, 12):
        v[position] = tuple(v[position] or ())
    return PairSide(*v)


def _evidence(text: str | None) -> tuple[Evidence, ...]:
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(Evidence(str(i.get("code", "")), str(i.get("detail", ""))) for i in items if isinstance(i, dict))


def open_pairs(con: Connection, limit: int = 20, offset: int = 0) -> list[DuplicatePair]:
    """Open pairs, newest first, with both contacts side by side."""
    return _pairs(con, "p.status = 'open'", [], limit, offset)


def kept_apart(con: Connection, limit: int = 50) -> list[DuplicatePair]:
    return _pairs(con, "p.status = 'kept_apart'", [], limit)


def get_pair(con: Connection, pair_id: str) -> DuplicatePair | None:
    found = _pairs(con, "p.id = ?", [pair_id], 1)
    return found[0] if found else None


def keep_apart(con: Connection, pair_id: str) -> None:
    """Two people: never asked again, never merged by an import."""
    con.execute("UPDATE duplicate_pairs SET status = 'kept_apart', decided_at = current_timestamp WHERE id = ?",
                [pair_id])


def ask_again(con: Connection, pair_id: str) -> None:
    """A pair kept apart by mistake goes back into the queue."""
    con.execute("UPDATE duplicate_pairs SET status = 'open', decided_at = NULL WHERE id = ? AND status = 'kept_apart'",
                [pair_id])


def merge_pair(con: Connection, pair_id: str, keep_id: str) -> str:
    """One person: the other contact is merged into `keep_id` (undo with "Split again"); returns the merge log id."""
    with transaction(con):
        row = con.execute("SELECT contact_a, contact_b FROM duplicate_pairs WHERE id = ?", [pair_id]).fetchone()
        if row is None or keep_id not in row:
            raise MergeError("duplicates.error_no_pair")
        drop_id = row[1] if row[0] == keep_id else row[0]
        return _merge(con, keep_id, drop_id)


def evidence_text(lang: str, evidence: Evidence) -> str:
    """The reason in words: 'both have the phone number +49 711 123456'."""
    return translate(lang, f"duplicates.evidence.{evidence.code}", detail=evidence.detail)


def evidence_line(lang: str, evidence: Sequence[Evidence]) -> str:
    return "; ".join(evidence_text(lang, e) for e in evidence)

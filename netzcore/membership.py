"""Segment membership computed once and handed to every query that needs it.

The rules behind `segment_members()` (organisations, keywords and topics over every contact, plus manual
assignments) are the costly part of the goals page, the target map, a cell's contacts, the way in and an event's
ranking by goals. `members(con)` runs them once into an Arrow table; a query given that table reads it (registered
on its cursor while the query runs) instead of running the rules again. Without it, each query runs the macros, as
the command line and the benchmarks do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from netzcore.db import Connection, registered

_SHARED = "shared_segment_members"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key never looks into the table
class Membership:
    table: pa.Table  # segment_id, contact_id, matched_by


@dataclass(frozen=True, slots=True)
class MemberSql:
    """Where a query reads members from: all of them, one segment's ($segment), some segments' ($segments)."""

    every: str
    of_segment: str
    in_segments: str


_MACROS = MemberSql("segment_members()", "segment_members_of($segment)", "segment_members_in($segments)")
_TABLE = MemberSql(_SHARED, f"(SELECT * FROM {_SHARED} WHERE segment_id = $segment)",  # noqa: S608 (fixed SQL)
                   f"(SELECT * FROM {_SHARED} WHERE list_contains($segments, segment_id))")  # noqa: S608


def members(con: Connection) -> Membership:
    """Every segment's members as the rules and manual assignments make them now."""
    return Membership(con.sql("SELECT segment_id, contact_id, matched_by FROM segment_members()").to_arrow_table())


@contextlib.contextmanager
def member_sql(con: Connection, shared: Membership | None) -> Iterator[MemberSql]:
    """The SQL that reads members: the shared table (on `con` for the time of the block), else the macros."""
    if shared is None:
        yield _MACROS
        return
    with registered(con, _SHARED, shared.table):
        yield _TABLE

"""The large database every benchmark runs on: `netzcore.demo.load_demo(con, contacts=20000,
interactions=200000)`, topped up to 50 target segments drawn from its own organisations, fields and topics."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from netzcore import db as netzdb
from netzcore.demo import load_demo


def add_segments(con: netzdb.Connection, wanted: int = 50) -> int:
    """Fill up to `wanted` target segments for the matching benchmark, in turn by organisation (five names each),
    by field keyword and by topic, so every kind of matching rule is exercised."""
    row = con.execute("SELECT count(*) FROM segments").fetchone()
    have = int(row[0]) if row else 0
    missing = max(wanted - have, 0)
    if missing:
        con.execute(
            """
            WITH orgs AS (SELECT list(name ORDER BY name) AS names, list(normalized_name ORDER BY name) AS keys
                          FROM organizations),
                 fields AS (SELECT list(DISTINCT lower(field)) AS all FROM organizations WHERE field IS NOT NULL),
                 topics AS (SELECT list(DISTINCT t) AS all FROM (SELECT unnest(topics) AS t FROM contacts))
            INSERT INTO segments (kind, name, organization_names, organization_keys, keywords, topics, levels)
            SELECT ['company', 'field', 'topic'][1 + i % 3], 'Benchmark segment ' || i,
                   CASE WHEN i % 3 = 0 THEN orgs.names[1 + i * 5 : 5 + i * 5] ELSE [] END,
                   CASE WHEN i % 3 = 0 THEN orgs.keys[1 + i * 5 : 5 + i * 5] ELSE [] END,
                   CASE WHEN i % 3 = 1 THEN [fields.all[1 + i % len(fields.all)]] ELSE [] END,
                   CASE WHEN i % 3 = 2 THEN [topics.all[1 + i % len(topics.all)]] ELSE [] END,
                   ['head', 'executive']
            FROM range(?) r(i), orgs, fields, topics
            """,
            [missing],
        )
    return have + missing


def build(path: Path, contacts: int, interactions: int) -> float:
    """Create the large database at `path`; returns the seconds it took."""
    start = time.perf_counter()
    con = netzdb.connect(path)
    try:
        load_demo(con, contacts=contacts, interactions=interactions)
        add_segments(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - start


def copy(source: Path, path: Path) -> float:
    """A copy of a large database an earlier run built (with its journal, if any); returns the seconds it took."""
    start = time.perf_counter()
    shutil.copyfile(source, path)
    journal = source.with_name(source.name + ".wal")
    if journal.exists():
        shutil.copyfile(journal, path.with_name(path.name + ".wal"))
    return time.perf_counter() - start


def counts(path: Path) -> dict[str, int]:
    con = netzdb.connect(path)
    try:
        found = {}
        for table in ("contacts", "interactions", "organizations", "segments", "events"):
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
            found[table] = int(row[0]) if row else 0
        return found
    finally:
        con.close()

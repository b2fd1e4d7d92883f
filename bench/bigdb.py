"""The large database every benchmark runs on: 20,000 contacts and 200,000 interactions.

The demo engineer's `netzcore.demo.load_demo(con, contacts=..., interactions=...)` builds it when it exists;
until then (and as a check of the harness) `generate()` fills the 001 schema with INSERT ... SELECT from range(),
deterministic through hash(). Either way 50 target segments are added for the matching benchmark.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

from netzcore import db as netzdb

FIELDS = ["Energy", "Automotive", "Mechanical engineering", "Chemicals", "Software", "Banking", "Insurance",
          "Logistics", "Health care", "Public sector", "Research", "Consulting"]
TOPICS = ["hydrogen", "wind power", "e-mobility", "ai", "cloud", "cyber security", "supply chain", "esg",
          "automation", "robotics", "batteries", "grid", "pharma", "fintech", "logistics", "talent"]
CITIES = ["Hannover", "München", "Berlin", "Hamburg", "Stuttgart", "Zürich", "Wien", "Frankfurt", "Köln", "Basel"]
TITLES = ["Geschäftsführer", "Head of Sales", "Leiterin Einkauf", "Projektleiter", "Senior Engineer", "CEO",
          "Bereichsleiter Technik", "Key Account Manager", "Entwicklerin", "Director Strategy", "Referent",
          "Vorstand"]
GIVEN = ["Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix", "Laura", "Paul", "Lea", "Maximilian", "Emma",
         "Noah", "Hannah", "Elias", "Mia", "Ben", "Lina", "Leon", "Clara", "Jan"]
FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
          "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger"]


def _pick(values: list[str], seed: str) -> str:
    """A SQL expression choosing one of `values` by a hash of row i and a seed."""
    literal = "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"
    return f"{literal}[1 + (hash(i, '{seed}') % {len(values)})::INTEGER]"


def generate(con: netzdb.Connection, contacts: int, interactions: int) -> None:
    organizations = max(contacts // 12, 10)
    with netzdb.transaction(con):
        con.execute(
            f"INSERT INTO organizations (name, normalized_name, field, city) "  # noqa: S608 - constants only
            f"SELECT 'Firma ' || i || ' GmbH', 'firma ' || i, {_pick(FIELDS, 'field')}, {_pick(CITIES, 'ocity')} "
            f"FROM range(?) t(i)",
            [organizations],
        )
        con.execute(
            f"""
            INSERT INTO contacts (full_name, given_name, family_name, organization_id, title, hierarchy_level,
                emails, city, tier, tags, topics, sources, birthday_year, birthday_month, birthday_day,
                created_at)
            SELECT g || ' ' || f || ' ' || i, g, f || ' ' || i, o.id, {_pick(TITLES, 'title')},
                   ['executive', 'head', 'specialist'][1 + (hash(i, 'level') % 3)::INTEGER],
                   ['p' || i || '@example.org'], {_pick(CITIES, 'city')},
                   CASE WHEN hash(i, 'tier') % 100 < 3 THEN 'A' WHEN hash(i, 'tier') % 100 < 12 THEN 'B'
                        WHEN hash(i, 'tier') % 100 < 40 THEN 'C' ELSE 'D' END,
                   [{_pick(FIELDS, 'tag')}], [{_pick(TOPICS, 't1')}, {_pick(TOPICS, 't2')}], ['demo'],
                   CASE WHEN hash(i, 'year') % 3 = 0 THEN NULL ELSE 1950 + (hash(i, 'year') % 50)::INTEGER END,
                   1 + (hash(i, 'month') % 12)::INTEGER, 1 + (hash(i, 'day') % 28)::INTEGER,
                   TIMESTAMP '2023-01-01' + INTERVAL (hash(i, 'created') % 700) DAY
            FROM (SELECT i, {_pick(GIVEN, 'given')} AS g, {_pick(FAMILY, 'family')} AS f,
                         (hash(i, 'org') % ?) AS org_n FROM range(?) t(i)) people
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organizations) o ON o.n = people.org_n
            """,  # noqa: S608 - constants only
            [organizations, contacts],
        )
        con.execute(
            f"""
            INSERT INTO interactions (contact_id, occurred_on, channel, in_person, topics, hooks, gave, received,
                follow_up_on)
            SELECT c.id, current_date - (hash(i, 'when') % 730)::INTEGER,
                   ['lunch', 'meeting', 'call', 'video_call', 'email', 'linkedin', 'event']
                       [1 + (hash(i, 'channel') % 7)::INTEGER],
                   hash(i, 'channel') % 7 IN (0, 1, 6), [{_pick(TOPICS, 'itopic')}],
                   'ask about ' || {_pick(TOPICS, 'hook')},
                   CASE WHEN hash(i, 'gave') % 3 = 0 THEN 'shared a contact' END,
                   CASE WHEN hash(i, 'received') % 4 = 0 THEN 'got a lead' END,
                   CASE WHEN hash(i, 'follow') % 50 = 0 THEN current_date + (hash(i, 'fday') % 30)::INTEGER END
            FROM (SELECT i, hash(i, 'who') % ? AS n FROM range(?) t(i)) picks
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM contacts) c ON c.n = picks.n
            """,  # noqa: S608 - constants only
            [contacts, interactions],
        )
        con.execute(
            "INSERT INTO events (name, kind, starts_on, ends_on, city, topics) VALUES "
            "('Hannover Messe', 'trade_fair', current_date + 30, current_date + 34, 'Hannover', "
            "['hydrogen', 'automation', 'robotics']), "
            "('Energy Summit', 'conference', current_date + 60, current_date + 61, 'Berlin', ['grid', 'esg']), "
            "('Golf Cup', 'sports', current_date + 90, current_date + 90, 'München', [])"
        )
        con.execute(
            "INSERT INTO exhibitors (event_id, name, normalized_name, organization_id) "
            "SELECT e.id, o.name, o.normalized_name, o.id FROM events e, organizations o "
            "WHERE e.name = 'Hannover Messe' AND hash(o.id) % 8 = 0"
        )


def add_segments(con: netzdb.Connection, wanted: int = 50) -> int:
    """Fill up to `wanted` target segments (by organisation, keyword and topic) for the matching benchmark."""
    row = con.execute("SELECT count(*) FROM segments").fetchone()
    have = int(row[0]) if row else 0
    missing = max(wanted - have, 0)
    if missing:
        con.execute(
            f"""
            INSERT INTO segments (kind, name, organization_names, organization_keys, keywords, topics, levels)
            SELECT ['company', 'field', 'topic'][1 + i % 3], 'Segment ' || i,
                   CASE WHEN i % 3 = 0 THEN orgs.names[1 + i * 5 : 5 + i * 5] ELSE [] END,
                   CASE WHEN i % 3 = 0 THEN orgs.keys[1 + i * 5 : 5 + i * 5] ELSE [] END,
                   CASE WHEN i % 3 = 1 THEN [lower({_pick(FIELDS, 'skw')})] ELSE [] END,
                   CASE WHEN i % 3 = 2 THEN [{_pick(TOPICS, 'stopic')}] ELSE [] END,
                   ['head', 'executive']
            FROM range(?) t(i),
                 (SELECT list(name ORDER BY name) AS names, list(normalized_name ORDER BY name) AS keys
                  FROM organizations) orgs
            """,  # noqa: S608 - constants only
            [missing],
        )
    return have + missing


def build(path: Path, contacts: int, interactions: int) -> tuple[float, str]:
    """Create the large database at `path`; returns the seconds it took and what built it."""
    start = time.perf_counter()
    con = netzdb.connect(path)
    try:
        try:
            demo = importlib.import_module("netzcore.demo")
            demo.load_demo(con, contacts=contacts, interactions=interactions)
            source = "netzcore.demo.load_demo"
        except ModuleNotFoundError:
            generate(con, contacts, interactions)
            source = "bench.bigdb.generate"
        add_segments(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - start, source


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

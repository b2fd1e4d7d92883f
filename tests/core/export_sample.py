"""A small network that touches every table and every awkward value, and a large one made in SQL.

Used by the export, backup and kill tests (not a test module itself).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from PIL import Image

from netzcore import db as netzdb

ROOT = Path(__file__).resolve().parents[2]



def _jpeg() -> bytes:
    """A real 8x8 JPEG (importers re-encode photos, so it must decode); its bytes hold NUL and 0xFF."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


PHOTO = _jpeg()
TODAY = dt.date(2026, 11, 24)


def fill_sample(con: netzdb.Connection) -> dict[str, str]:
    """Every table gets rows; returns the ids the tests refer to."""
    ids: dict[str, str] = {}
    con.execute("UPDATE profile SET full_name = 'Dr. Eva Roth', elevator_pitch = 'Ich baue Netze; \"klein\"', "
                "updated_at = TIMESTAMP '2026-01-02 03:04:05.123456'")
    con.execute("UPDATE tier_cadence SET cadence_days = 45 WHERE tier = 'A'")
    con.execute("""INSERT INTO app_settings VALUES ('ranking', '{"topic": 2.5, "tier": [1, 2]}')""")
    ids["org"] = _one(con, "INSERT INTO organizations (name, normalized_name, aliases, field, city, website) "
                           "VALUES ('Siemens Energy AG', 'siemens energy', ['SE', 'Siemens Energy'], 'Energy', "
                           "'München', 'https://siemens-energy.com') RETURNING id")
    ids["anna"] = _one(con, """
        INSERT INTO contacts (full_name, given_name, family_name, additional_names, honorific_prefix,
            honorific_suffix, nickname, organization_id, title, department, hierarchy_level, emails, phones, urls,
            linkedin_url, xing_url, address, city, region, postal_code, country, birthday_year, birthday_month,
            birthday_day, tier, cadence_days, preferred_channel, tags, topics, how_met, sources, notes, photo,
            edited_fields, archived, created_at, updated_at)
        VALUES ('Dr. Anna Weber-Schütz', 'Anna', 'Weber-Schütz', 'Maria', 'Dr.', 'MBA', 'Anni', ?,
            'Head of Sales; DACH, "Energy"', 'Vertrieb, Nord', 'head', ['anna@example.com', 'a.weber@private.de'],
            ['+4989123456', '+41 44 555 66 77'], ['https://example.com/anna'],
            'https://www.linkedin.com/in/anna-weber', 'https://www.xing.com/profile/Anna_Weber',
            'Königstraße 1\nHinterhaus', 'Stuttgart', 'BW', '70173', 'Germany', 1980, 4, 15, 'A', 30, 'lunch',
            ['Kunde', 'golf,club', '=HYPERLINK("x")'], ['Wasserstoff', 'H2'], 'Hannover Messe 2024',
            ['vcard', 'manual'], ?, ?, ['tier'], false,
            TIMESTAMP '2025-03-01 10:00:00.5', TIMESTAMP '2026-11-01 08:30:00')
        RETURNING id""", [ids["org"], "Zeile 1\nZeile 2; mit Komma, und \\Backslash\\ " + " ".join(["lang"] * 40), PHOTO])
    ids["bernd"] = _one(con, """
        INSERT INTO contacts (full_name, given_name, family_name, emails, birthday_month, birthday_day, tier, tags,
            created_at)
        VALUES ('Bernd Ölmann', 'Bernd', 'Ölmann', ['bernd@example.org'], 2, 29, 'B', ['Kunde'],
            TIMESTAMP '2026-05-01 09:00:00')
        RETURNING id""")
    ids["clara"] = _one(con, "INSERT INTO contacts (full_name, tier, archived, notes) VALUES "
                             "('Clara Alt', 'C', true, '@SUM(A1)') RETURNING id")
    ids["dora"] = _one(con, "INSERT INTO contacts (full_name, tier, phones, created_at) VALUES "
                            "('Dora 東京', 'D', ['-12'], TIMESTAMP '2024-01-01 00:00:00') RETURNING id")
    con.execute("INSERT INTO contact_identities (contact_id, kind, value, source) VALUES "
                "(?, 'email', 'anna@example.com', 'vcard'), (?, 'uid', 'urn:uuid:1234', 'vcard')",
                [ids["anna"], ids["anna"]])
    ids["event"] = _one(con, "INSERT INTO events (name, kind, starts_on, ends_on, city, venue, topics) VALUES "
                             "('Hannover Messe 2027', 'trade_fair', DATE '2027-04-19', DATE '2027-04-23', "
                             "'Hannover', 'Messegelände', ['H2']) RETURNING id")
    ids["lunch"] = _one(con, """
        INSERT INTO interactions (contact_id, occurred_on, channel, in_person, topics, hooks, gave, received,
            follow_up_on, event_id, notes)
        VALUES (?, DATE '2026-10-01', 'lunch', true, ['H2'], 'Tochter: Abitur; Pilotprojekt', 'Studie zu H2',
            'Kontakt zu Bernd', DATE '2026-12-01', ?, '+1 für das Pilotprojekt')
        RETURNING id""", [ids["anna"], ids["event"]])
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, follow_up_on, follow_up_done) "
                "VALUES (?, DATE '2026-06-01', 'email', DATE '2026-06-10', true)", [ids["bernd"]])
    con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, 'B', 'A', "
                "'Neue Rolle')", [ids["anna"]])
    con.execute("INSERT INTO career_history (contact_id, organization, title, observed_on, source) VALUES "
                "(?, 'Siemens Energy AG', 'Head of Sales', DATE '2026-01-01', 'vcard')", [ids["anna"]])
    a, b = sorted([ids["anna"], ids["bernd"]])
    con.execute("INSERT INTO relationships (contact_a, contact_b, how, strength, since) VALUES "
                "(?, ?, 'former colleagues', 3, DATE '2019-01-01')", [a, b])
    con.execute("INSERT INTO introductions (contact_a, contact_b, introduced_on, context) VALUES "
                "(?, ?, DATE '2026-02-02', 'H2')", [a, b])
    con.execute("INSERT INTO review_dismissals (contact_id, rule) VALUES (?, 'stale_a')", [ids["bernd"]])
    ids["goal"] = _one(con, "INSERT INTO goals (title, purpose, target_count, target_levels, target_date) VALUES "
                            "('Neue Vertriebswege', 'sales_channels', 5, ['head'], DATE '2027-06-30') RETURNING id")
    ids["segment"] = _one(con, "INSERT INTO segments (kind, name, organization_names, organization_keys, keywords) "
                               "VALUES ('company', 'Energieversorger', ['Siemens Energy AG'], ['siemens energy'], "
                               "['vertrieb']) RETURNING id")
    con.execute("INSERT INTO goal_segments VALUES (?, ?)", [ids["goal"], ids["segment"]])
    con.execute("INSERT INTO segment_assignments (segment_id, contact_id, included) VALUES (?, ?, false)",
                [ids["segment"], ids["dora"]])
    con.execute("INSERT INTO event_goals VALUES (?, ?)", [ids["event"], ids["goal"]])
    con.execute("INSERT INTO exhibitors (event_id, name, normalized_name, organization_id, booth) VALUES "
                "(?, 'Siemens Energy', 'siemens energy', ?, 'Halle 12, C40')", [ids["event"], ids["org"]])
    con.execute("""INSERT INTO event_plans (event_id, contact_id, status, slot_start, slot_end, place,
                   talking_points) VALUES (?, ?, 'confirmed', TIMESTAMP '2027-04-20 10:30:00',
                   TIMESTAMP '2027-04-20 11:00:00', 'Halle 12, Stand C40', 'Pilotprojekt H2')""",
                [ids["event"], ids["anna"]])
    con.execute("""INSERT INTO event_plans (event_id, contact_id, status) VALUES (?, ?, 'asked')""",
                [ids["event"], ids["bernd"]])
    con.execute("""INSERT INTO import_runs (kind, file_names, records_read, report, finished_at)
                   VALUES ('vcard', ['kontakte.vcf'], 3, '{"errors": [],  "created": 3}', current_timestamp)""")
    return ids


def fill_sample_file(path: Path) -> Path:
    """The sample network in a database file, closed again so a subprocess or the app can open it."""
    con = netzdb.connect(path)
    try:
        fill_sample(con)
    finally:
        con.close()
    return path


def fill_large(con: netzdb.Connection, contacts: int, interactions: int) -> None:
    """A network of the size netz must stay fast at, made in SQL in a second or two."""
    with netzdb.transaction(con):
        con.execute("""
            INSERT INTO contacts (full_name, given_name, family_name, emails, phones, tier, tags, topics, notes,
                                  birthday_month, birthday_day, title)
            SELECT 'Person ' || i, 'Vorname' || i, 'Nachname ' || i, ['p' || i || '@example.com'],
                   ['+49 30 ' || (1000000 + i)], ['A', 'B', 'C', 'D'][1 + i % 4], ['tag' || (i % 7)],
                   ['topic' || (i % 11)], 'Notiz über Person ' || i || ' mit Umlauten äöü',
                   1 + i % 12, 1 + i % 28, 'Titel ' || (i % 50)
            FROM range(?) t(i)""", [contacts])
        con.execute("""
            INSERT INTO interactions (contact_id, occurred_on, channel, topics, hooks, gave, received)
            SELECT c.id, DATE '2026-11-24' - CAST(i % 700 AS INTEGER), 'call', ['topic' || (i % 11)],
                   'Aufhänger ' || i, 'gegeben ' || i, 'erhalten ' || i
            FROM range(?) t(i)
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM contacts) c ON c.n = i % ?""",
                    [interactions, max(contacts, 1)])


def contact_count(path: Path) -> int:
    """Contacts in a database file, read through a connection of this process that is closed again."""
    con = netzdb.connect(path)
    try:
        row = con.execute("SELECT count(*) FROM contacts").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def table_rows(con: netzdb.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in a fixed order, for comparing two databases."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1").fetchall()]
    return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}  # noqa: S608


def _one(con: netzdb.Connection, sql: str, params: list[object] | None = None) -> str:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return str(row[0])


def run_netz(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The real `netz` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "netzcore.cli", *args, "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)

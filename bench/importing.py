"""Import of a generated 10,000-card office phone export (10% with photos) against vobject parsing it alone, and
whether the import tells its people apart.

The export (netzcore.importers.sample.office_export) is hard on identity: colleagues share switchboards and team
lines beside their direct dials, households share landlines, some people write only their company's info@, about
1.5% of the people have a second card (sharing a mobile or an e-mail address, at times under an initial) and 1.5%
are namesakes of someone else with keys of their own. Every card carries a UID and the generator knows whose card
it is, so the bench counts contacts created against people generated and the merges that joined different people
(target 0). Timing: vobject's `readComponents` over the whole text in this process (one core) and the full netz
import (read, split, parse in worker processes, match, write, report) into a fresh database file, medians over the
repeats; the target is a ratio import / vobject below 1.0. Also the matching alone on 100,000 cards whose names
all fall in one comparison block (issue 15): namesakes at one organisation with different mobiles, the worst case.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from pathlib import Path

import vobject

from bench.harness import Row
from netzcore import db as netzdb
from netzcore.importers import ImportFile, ImportReport, apply_import, plan_import
from netzcore.importers.normalize import normalize_phone
from netzcore.importers.sample import OfficeExport, office_export

LIMIT_RATIO = 1.0
BLOCK_CARDS = 100_000
LIMIT_BLOCK_SECONDS = 10.0


def vobject_seconds(text: str, cards: int) -> float:
    start = time.perf_counter()
    parsed = sum(1 for _ in vobject.readComponents(text))
    seconds = time.perf_counter() - start
    if parsed != cards:
        raise RuntimeError(f"vobject read {parsed} of {cards} cards")
    return seconds


def import_seconds(export: OfficeExport, cards: int, path: Path) -> tuple[float, ImportReport, int]:
    """Seconds, the report, and the merges that joined cards of different people."""
    path.unlink(missing_ok=True)
    normalize_phone.cache_clear()     # every round reads numbers it has not seen, as a first import does
    con = netzdb.connect(path)
    try:
        start = time.perf_counter()
        report = apply_import(con, plan_import(con, [ImportFile("phone.vcf", export.data)]))
        seconds = time.perf_counter() - start
        people_of: dict[str, set[int]] = defaultdict(set)
        for contact_id, uid in con.execute("SELECT contact_id, value FROM contact_identities WHERE kind = 'uid'"
                                           ).fetchall():
            people_of[contact_id].add(export.person_of_card[uid])
    finally:
        con.close()
    if not report.accounted or report.records_read != cards or report.not_imported:
        raise RuntimeError(f"import accounted for {report.records_read} of {cards} cards, "
                           f"{len(report.not_imported)} not imported")
    wrong = sum(len(people) - 1 for people in people_of.values())
    return seconds, report, wrong


def block_seconds(cards: int) -> float:
    """Matching alone: `cards` namesakes at one organisation, each with its own mobile (all in one block)."""
    from netzcore.importers.matching import assign
    from netzcore.importers.normalize import name_key
    from netzcore.importers.records import ContactRecord

    records = [ContactRecord("vcard", "block.vcf", i, "Anna Müller", given_name="Anna", family_name="Müller",
                             organization="Voith", phones=(f"+49151{10_000_000 + i}",),
                             name_key=name_key("Anna Müller"), org_key="voith") for i in range(cards)]
    con = netzdb.connect_memory()
    try:
        start = time.perf_counter()
        assign(con, records)
        return time.perf_counter() - start
    finally:
        con.close()


def measure(work: Path, cards: int, repeat: int) -> list[Row]:
    export = office_export(cards, photo_every=10)
    text = export.data.decode("utf-8")
    baseline, imported = [], []
    report: ImportReport | None = None
    wrong = 0
    for _ in range(repeat):  # alternate, so load on the machine hits both alike
        baseline.append(vobject_seconds(text, cards))
        seconds, report, wrong = import_seconds(export, cards, work / "import.duckdb")
        imported.append(seconds)
    assert report is not None
    vobject_median, import_median = statistics.median(baseline), statistics.median(imported)
    ratio = import_median / vobject_median
    size = f"{cards:,} cards, 10% with photos, {len(export.data) / 1e6:.1f} MB"
    block = block_seconds(BLOCK_CARDS)
    return [
        Row("vobject parsing alone (one core)", vobject_median, "s", note=f"reference; {size}"),
        Row(f"import of {cards:,} office phone cards (plan, match, write, report)", import_median, "s",
            note=f"{cards / import_median:,.0f} cards/s"),
        Row("import / vobject alone", ratio, "x", f"< {LIMIT_RATIO:.1f}", ratio < LIMIT_RATIO),
        Row("contacts created vs people generated", report.created, "",
            f"= {export.people:,} people", report.created == export.people,
            note=f"{report.merged} merged ({export.same_person_twice} people had a second card), "
                 f"{export.namesakes} namesakes, {len(report.not_imported)} not imported"),
        Row("merges that joined different people", wrong, "", "= 0", wrong == 0),
        Row("possible duplicates queued for review", len(report.possible_duplicates), "",
            note="landlines of two-person households, namesakes"),
        Row(f"matching {BLOCK_CARDS:,} namesakes in one block (one organisation)", block, "s",
            f"< {LIMIT_BLOCK_SECONDS:.0f} s", block < LIMIT_BLOCK_SECONDS),
    ]

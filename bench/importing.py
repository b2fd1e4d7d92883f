"""Import of a generated 10,000-card phone export (10% with photos) against vobject parsing it alone.

Both from the same run and the same bytes: vobject's `readComponents` over the whole text in this process (one
core), and the full netz import (read, split, parse in worker processes, match, write, report) into a fresh
database file. Medians over the repeats; the target is a ratio import / vobject below 1.0.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import vobject

from bench.harness import Row
from netzcore import db as netzdb
from netzcore.importers import ImportFile, apply_import, plan_import
from netzcore.importers.sample import phone_export

LIMIT_RATIO = 1.0


def vobject_seconds(text: str, cards: int) -> float:
    start = time.perf_counter()
    parsed = sum(1 for _ in vobject.readComponents(text))
    seconds = time.perf_counter() - start
    if parsed != cards:
        raise RuntimeError(f"vobject read {parsed} of {cards} cards")
    return seconds


def import_seconds(data: bytes, cards: int, path: Path) -> float:
    path.unlink(missing_ok=True)
    con = netzdb.connect(path)
    try:
        start = time.perf_counter()
        report = apply_import(con, plan_import(con, [ImportFile("phone.vcf", data)]))
        seconds = time.perf_counter() - start
    finally:
        con.close()
    if not report.accounted or report.records_read != cards or report.created != cards:
        raise RuntimeError(f"import accounted for {report.records_read} of {cards} cards, created {report.created}")
    return seconds


def measure(work: Path, cards: int, repeat: int) -> list[Row]:
    data = phone_export(cards, photo_every=10)
    text = data.decode("utf-8")
    baseline, imported = [], []
    for _ in range(repeat):  # alternate, so load on the machine hits both alike
        baseline.append(vobject_seconds(text, cards))
        imported.append(import_seconds(data, cards, work / "import.duckdb"))
    vobject_median, import_median = statistics.median(baseline), statistics.median(imported)
    ratio = import_median / vobject_median
    size = f"{cards:,} cards, 10% with photos, {len(data) / 1e6:.1f} MB"
    return [
        Row("vobject parsing alone (one core)", vobject_median, "s", note=f"reference; {size}"),
        Row(f"import of {cards:,} phone cards (plan, match, write, report)", import_median, "s",
            note=f"{cards / import_median:,.0f} cards/s"),
        Row("import / vobject alone", ratio, "x", f"< {LIMIT_RATIO:.1f}", ratio < LIMIT_RATIO),
    ]

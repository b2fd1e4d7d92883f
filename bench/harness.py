"""Rows of the benchmark table, median timing, and the JSON and markdown outputs."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True, slots=True)
class Row:
    """One measure: its value, the target it must meet, and whether it did (None: no target, or not run)."""

    measure: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""

    def shown_value(self) -> str:
        if self.value is None:
            return "—"
        if self.unit == "s":
            return f"{self.value:.3f} s"
        if self.unit == "ms":
            return f"{self.value:.1f} ms"
        if self.unit == "x":
            return f"{self.value:.2f}x"
        return f"{self.value:,.0f} {self.unit}".strip()

    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "—"}[self.passed]


def skipped(measure: str, why: str) -> Row:
    return Row(measure, None, "", note=f"not run: {why}")


def median_seconds(action: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Median wall time of `action` over `repeat` runs after `warmup` untimed ones."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def at_most(measure: str, value: float, unit: str, limit: float, target: str, note: str = "") -> Row:
    return Row(measure, value, unit, target, value <= limit, note)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| measure | value | target | result |", "|---|---|---|---|"]
    for row in rows:
        target = row.target or row.note
        if row.target and row.note:
            target = f"{row.target} ({row.note})"
        lines.append(f"| {row.measure} | {row.shown_value()} | {target} | {row.verdict()} |")
    return "\n".join(lines)


def machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def write_results(rows: list[Row], extra: dict[str, object], path: Path | None = None) -> Path:
    path = path or RESULTS / "latest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **extra,
        "rows": [asdict(row) for row in rows],
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

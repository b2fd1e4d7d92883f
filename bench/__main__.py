"""`python -m bench` (`make bench`): every benchmark in one run, as a markdown table and bench/results/latest.json.

Targets are ratios to a reference measured in the same run where one fits (import vs vobject alone, pages vs an
empty page), so the verdicts hold on a slower or faster machine too.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import activity, bigdb, browser, importing, memory, pages, queries
from bench.harness import Row, markdown_table, write_results

SECTIONS = ("import", "activity", "queries", "pages", "browser", "memory")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--cards", type=int, default=10_000, help="cards in the generated phone export")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measure (the median is kept)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("-o", "--output", type=Path, help="JSON report (default bench/results/latest.json)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    # AppTest outside a server warns about its bare mode on every run
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True
    started = time.perf_counter()
    rows: list[Row] = []
    extra: dict[str, object] = {"arguments": {k: v for k, v in vars(args).items() if k != "output"}}
    with tempfile.TemporaryDirectory(prefix="netz-bench-") as work:
        if "import" in args.only:
            print(f"import of {args.cards:,} generated cards ...", file=sys.stderr)
            rows += importing.measure(Path(work), args.cards, max(args.repeat // 2, 1))
        if "activity" in args.only:
            print("calendar and mail import on generated files ...", file=sys.stderr)
            rows += activity.measure(Path(work))
        if {"queries", "pages", "browser", "memory"} & set(args.only):
            big = Path(work) / "large.duckdb"
            print(f"building {args.contacts:,} contacts / {args.interactions:,} interactions ...", file=sys.stderr)
            seconds = bigdb.build(big, args.contacts, args.interactions)
            sizes = bigdb.counts(big)
            extra["large_database"] = {"seconds": round(seconds, 2), **sizes}
            rows.append(Row("build the large database (demo.load_demo)", seconds, "s",
                            note=f"{sizes['contacts']:,} contacts, {sizes['interactions']:,} interactions"))
            # the app process must open the file alone: measure it before this process holds the file
            if "memory" in args.only:
                print("app process memory in a real browser ...", file=sys.stderr)
                rows += memory.measure(big)
            if "browser" in args.only:
                print("page switches in a real browser ...", file=sys.stderr)
                rows += browser.measure(big, max(args.repeat // 2, 3))
            if "queries" in args.only:
                print("queries ...", file=sys.stderr)
                rows += queries.measure(big, args.repeat * 2)
            if "pages" in args.only:
                print("pages ...", file=sys.stderr)
                rows += pages.measure(big, args.repeat)
    extra["total_seconds"] = round(time.perf_counter() - started, 1)
    path = write_results(rows, extra, args.output)
    print(markdown_table(rows))
    judged = [row for row in rows if row.passed is not None]
    print(f"\n{sum(row.passed is True for row in judged)} of {len(judged)} targets met; "
          f"report: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Parse cards on every core: this process and spawned workers eat one shared list of batches from both ends.

vobject is ~95% of an import's cost. The calling process starts parsing at once while the workers start up
(a spawn context: never fork a threaded Streamlit process); batches a worker has not begun yet are taken back
by cancelling their futures, so nobody waits idle at the end.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from netzcore.importers.records import CardResult, RawCard
from netzcore.importers.vcard import parse_cards

Progress = Callable[[int, int], None]

PARALLEL_FROM_CARDS = 600   # below this, starting a worker costs more than it saves
BATCH_CARDS = 200


def worker_count() -> int:
    """Extra processes besides this one: one per further core, at most three."""
    return max(1, min((os.cpu_count() or 2) - 1, 3))


def _batches(files: Sequence[tuple[Sequence[RawCard], str]]) -> list[tuple[list[RawCard], str]]:
    out: list[tuple[list[RawCard], str]] = []
    for cards, fallback in files:
        for start in range(0, len(cards), BATCH_CARDS):
            out.append((list(cards[start:start + BATCH_CARDS]), fallback))
    return out


def parse_everything(files: Sequence[tuple[Sequence[RawCard], str]], region: str,
                     progress: Progress | None = None, parallel: bool | None = None) -> list[CardResult]:
    """Every card of every file parsed, results in input order. `files` holds (cards, fallback charset)."""
    batches = _batches(files)
    total = sum(len(cards) for cards, _ in batches)
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    if parallel is None:
        parallel = total >= PARALLEL_FROM_CARDS
    if not parallel or len(batches) < 2:
        results: list[CardResult] = []
        for cards, fallback in batches:
            results += parse_cards(cards, fallback, region)
            report(len(cards))
        return results

    per_batch: list[list[CardResult] | None] = [None] * len(batches)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=worker_count(), mp_context=context) as pool:
        futures: dict[int, Future[list[CardResult]]] = {}
        for index in reversed(range(len(batches))):
            cards, fallback = batches[index]
            futures[index] = pool.submit(parse_cards, cards, fallback, region)
        for index, (cards, fallback) in enumerate(batches):
            if futures[index].cancel():
                per_batch[index] = parse_cards(cards, fallback, region)
                report(len(cards))
            else:
                break
        for index, future in futures.items():
            if per_batch[index] is None:
                cards, fallback = batches[index]
                try:
                    per_batch[index] = future.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): parse here instead
                    per_batch[index] = parse_cards(cards, fallback, region)
                report(len(cards))
    return [result for batch in per_batch for result in batch or ()]

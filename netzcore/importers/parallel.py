"""Parse cards on every core: this process and spawned workers eat one shared list of batches from both ends.

Parsing the cards is more than half of an import's cost. The pool is started before the files are split, so the
workers boot while this process reads; then this process parses from the front while the workers parse from the
back (a spawn context: never fork a threaded Streamlit process). Batches no worker has begun are taken back by cancelling
their futures, so nobody waits idle at the end.

Workers die with this process: on Linux each asks the kernel for SIGKILL when its parent ends
(prctl PR_SET_PDEATHSIG), elsewhere a thread watches the parent's pid. So after `kill -9` of `netz import` no
worker keeps running, and multiprocessing's resource tracker, whose pipe only this process and the workers hold,
reads its end and exits too.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from netzcore.importers.records import CardResult, RawCard
from netzcore.importers.vcard import parse_cards

Progress = Callable[[int, int], None]

PARALLEL_FROM_BYTES = 256 * 1024   # about 600 cards: below this, starting a worker costs more than it saves
BATCH_CARDS = 200


def worth_workers(contents: Sequence[bytes]) -> bool:
    """Whether spawning workers pays: at least PARALLEL_FROM_BYTES in all, and more than one batch of cards
    (counted cheaply by their BEGIN lines; a file that is one huge card gains nothing from a pool)."""
    if sum(len(data) for data in contents) < PARALLEL_FROM_BYTES:
        return False
    cards = sum(data.count(b"BEGIN:VCARD") + data.count(b"begin:vcard") for data in contents)
    return cards > BATCH_CARDS


def worker_count() -> int:
    """Extra processes besides this one: one per further core, at most three."""
    return max(1, min((os.cpu_count() or 2) - 1, 3))


_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when `parent` ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:          # the parent ended before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="netz-parent-watch", daemon=True).start()


@contextmanager
def worker_pool(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """Spawned workers (booting from now on), or None when the input is too small to be worth them or no
    process can be started here. The workers end when this process does."""
    if not wanted:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=worker_count(), mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent, initargs=(os.getpid(),))
    try:
        pool.submit(int)   # start the workers now
    except (OSError, RuntimeError):
        pool.shutdown(cancel_futures=True)
        yield None
        return
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def _batches(files: Sequence[tuple[Sequence[RawCard], str]]) -> list[tuple[list[RawCard], str]]:
    out: list[tuple[list[RawCard], str]] = []
    for cards, fallback in files:
        for start in range(0, len(cards), BATCH_CARDS):
            out.append((list(cards[start:start + BATCH_CARDS]), fallback))
    return out


def parse_everything(files: Sequence[tuple[Sequence[RawCard], str]], region: str,
                     progress: Progress | None = None, pool: ProcessPoolExecutor | None = None) -> list[CardResult]:
    """Every card of every file parsed, results in input order. `files` holds (cards, fallback charset)."""
    batches = _batches(files)
    total = sum(len(cards) for cards, _ in batches)
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    per_batch: list[list[CardResult] | None] = [None] * len(batches)
    futures: dict[int, Future[list[CardResult]]] = {}
    if pool is not None and len(batches) > 1:
        try:
            for index in reversed(range(len(batches))):
                cards, fallback = batches[index]
                futures[index] = pool.submit(parse_cards, cards, fallback, region)
        except (BrokenProcessPool, RuntimeError):  # no worker could start: what was not submitted is parsed here
            pass
    for index, (cards, fallback) in enumerate(batches):
        future = futures.get(index)
        if future is not None and not future.cancel():
            break
        per_batch[index] = parse_cards(cards, fallback, region)
        report(len(cards))
    for index, (cards, fallback) in enumerate(batches):
        if per_batch[index] is None:
            try:
                future = futures.get(index)
                per_batch[index] = future.result() if future else parse_cards(cards, fallback, region)
            except BrokenProcessPool:  # a worker died (killed, out of memory): parse here instead
                per_batch[index] = parse_cards(cards, fallback, region)
            report(len(cards))
    return [result for batch in per_batch for result in batch or ()]

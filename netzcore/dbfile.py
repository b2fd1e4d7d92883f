"""Is this DuckDB file whole? Checked on the raw bytes before DuckDB opens (and perhaps writes to) it.

A DuckDB file is a 4 KiB main header (8-byte checksum, 8-byte reserved, magic `DUCK`, storage version), two
4 KiB database headers (checksum, then iteration, meta block, free list, block count, block size ...) of which
the one with the higher iteration is current, and then `block count` blocks of `block size` bytes, each starting
with the checksum of the rest. The checksum (duckdb/src/common/checksum.cpp) is 5381 XOR, over every 8-byte
word w of the payload, of w * 0xbf58476d1ce4e5b9 (mod 2^64).

`quick_check` reads the three headers and the file size: a truncated file, a flipped header, a file of another
kind. Whole blocks missing at the end are not judged here: DuckDB cuts free blocks off the end of its own files
after writing a header that still counts them, so the caller asks DuckDB (db.check_file). `full_check` also
verifies every block's checksum: a flipped bit anywhere (data, index or free block). It costs one read of the file
(about 15 ms for 50 MB from the page cache) and numpy.

The layout is DuckDB's, not ours. So a check only ever says "damaged" where DuckDB itself would fail: if the
main header's checksum does not verify with this algorithm the caller asks DuckDB (see db.connect); if no block
verifies, the layout is taken to be one this code does not know and the blocks are not judged.
"""

from __future__ import annotations

import fcntl
import os
import struct
from dataclasses import dataclass
from pathlib import Path

HEADER_SIZE = 4096
HEADERS = 3 * HEADER_SIZE
MAGIC = b"DUCK"
_MULTIPLIER = 0xBF58476D1CE4E5B9
_MASK = (1 << 64) - 1
_SEED = 5381


class FileCheckError(Exception):
    """What is wrong with the file, in a few English words (the caller shows its own message)."""

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind          # "damaged" or "foreign"
        self.detail = detail
        super().__init__(detail)


@dataclass(frozen=True, slots=True)
class FileCheck:
    size: int
    block_size: int
    blocks: int                   # blocks the current header counts
    verified: int                 # blocks whose checksum was verified (0 for quick_check)
    header_known: bool            # the main header verified with the checksum above
    let_go: int = 0               # blocks the header counts past the end of the file (see _check)


def _checksum_words(data: bytes) -> int:
    """The checksum of a small buffer (a header) in pure Python."""
    result = _SEED
    for (word,) in struct.iter_unpack("<Q", data):
        result ^= (word * _MULTIPLIER) & _MASK
    return result


def _header_ok(header: bytes) -> bool:
    stored = struct.unpack_from("<Q", header)[0]
    return _checksum_words(header[8:]) == stored


def in_use_by_this_process(path: Path) -> bool:
    """Does this process hold the file open already (a DuckDB connection)? Then its bytes are DuckDB's to judge,
    and opening and closing the file here would drop the process's POSIX lock on it."""
    folder = Path("/proc/self/fd")
    if not folder.is_dir():
        return True
    target = str(path.resolve())
    for entry in folder.iterdir():
        try:
            if os.readlink(entry) == target:
                return True
        except OSError:
            continue
    return False


def _held_elsewhere(fd: int) -> bool:
    """Another process holds DuckDB's lock: it may be writing; DuckDB will say the file is in use."""
    lock = getattr(fcntl, "F_OFD_SETLK", None)
    if lock is None:
        return False
    request = struct.pack("hhqqi", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
    try:
        fcntl.fcntl(fd, lock, request)
    except OSError:
        return True
    return False


def _current_header(path: Path, headers: bytes) -> tuple[int, int]:
    """(block count, block size) of the newer of the two database headers whose checksum holds."""
    candidates = []
    for offset in (HEADER_SIZE, 2 * HEADER_SIZE):
        header = headers[offset:offset + HEADER_SIZE]
        if _header_ok(header):
            iteration, _meta, _free, count, block_size = struct.unpack_from("<QqqQQ", header, 8)
            candidates.append((iteration, count, block_size))
    if not candidates:
        raise FileCheckError("damaged", "both database headers fail their checksum")
    _iteration, count, block_size = max(candidates)
    return count, block_size


def _read_headers(path: Path, handle: object) -> tuple[int, bytes] | None:
    size = os.fstat(handle.fileno()).st_size  # type: ignore[attr-defined]
    if size == 0:
        return None                            # DuckDB makes a new database of an empty file
    headers = handle.read(HEADERS)  # type: ignore[attr-defined]
    if len(headers) < 12 or headers[8:12] != MAGIC:
        raise FileCheckError("foreign", "not a DuckDB file")
    if len(headers) < HEADERS:
        raise FileCheckError("damaged", f"the file ends after {size} bytes, inside its headers")
    return size, headers


def quick_check(path: Path) -> FileCheck | None:
    """Headers and size; None when there is nothing to judge here (empty file, in use elsewhere or here)."""
    return _check(path, full=False)


def full_check(path: Path) -> FileCheck | None:
    """Headers, size and every block's checksum."""
    return _check(path, full=True)


def _check(path: Path, *, full: bool) -> FileCheck | None:
    if in_use_by_this_process(path):
        return None
    with path.open("rb") as handle:
        if _held_elsewhere(handle.fileno()):
            return None
        read = _read_headers(path, handle)
        if read is None:
            return None
        size, headers = read
        if not _header_ok(headers[:HEADER_SIZE]):
            return FileCheck(size, 0, 0, 0, header_known=False)
        count, block_size = _current_header(path, headers)
        if not (4096 <= block_size <= 1 << 24) or block_size & (block_size - 1):
            return FileCheck(size, block_size, count, 0, header_known=True)   # a layout this code does not know
        needed = HEADERS + count * block_size
        present = (size - HEADERS) // block_size
        if size < needed and (size - HEADERS) % block_size:
            raise FileCheckError("damaged", f"the file is {size} bytes long but its header counts {count} blocks "
                                            f"of {block_size} bytes ({needed} bytes): it was cut short")
        # DuckDB itself ends a file early: after writing a header it cuts off the free blocks at the end, and the
        # header still counts them. Whole blocks missing at the end are judged by DuckDB (db.check_file).
        shown = min(count, present)
        verified = _verify_blocks(handle, shown, block_size) if full else 0
        return FileCheck(size, block_size, shown, verified, header_known=True, let_go=count - shown)


def _verify_blocks(handle: object, count: int, block_size: int) -> int:
    import numpy as np

    multiplier = np.uint64(_MULTIPLIER)
    verified = 0
    bad: list[int] = []
    for index in range(count):
        block = handle.read(block_size)  # type: ignore[attr-defined]
        if len(block) < block_size:
            raise FileCheckError("damaged", f"block {index} is cut short")
        words = np.frombuffer(block, dtype="<u8")
        if not words.any():
            continue                                   # never written (a hole): DuckDB does not read it
        with np.errstate(over="ignore"):
            value = int(np.bitwise_xor.reduce(words[1:] * multiplier)) ^ _SEED
        if value == int(words[0]):
            verified += 1
        else:
            bad.append(index)
    if bad and verified:
        shown = ", ".join(str(b) for b in bad[:5]) + (" ..." if len(bad) > 5 else "")
        raise FileCheckError("damaged", f"{len(bad)} of {count} blocks fail their checksum (block {shown})")
    return verified

"""Small real file systems for storage tests: a full disk (an 8 MB tmpfs) and a read-only one.

Mounting needs root (the test machine and CI run as root). Where it is not possible the test is skipped with
the reason; with CI=true that is a failure, so CI never silently loses these tests.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(args: list[str]) -> str | None:
    """None when it worked, else why not."""
    try:
        result = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30, check=False)
    except OSError as error:
        return str(error)
    return None if result.returncode == 0 else (result.stderr.strip() or f"mount exited {result.returncode}")


def _unavailable(reason: str) -> None:
    message = f"cannot mount a small file system here ({reason})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    problem = "not root" if os.geteuid() != 0 else _mount(["-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)])
    if problem:
        _unavailable(problem)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False, timeout=30)


def make_read_only(folder: Path) -> None:
    """Remount a small_disk read-only (the file, its folder and the drive: as a write-protected stick)."""
    problem = _mount(["-o", "remount,ro", str(folder)])
    if problem:
        _unavailable(problem)


def fill(folder: Path, leave: int) -> Path:
    """A filler file that leaves about `leave` bytes free on the file system of `folder`."""
    filler = folder / "filler.bin"
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with filler.open("wb") as out:
        remaining = max(free - leave, 0)
        chunk = b"\0" * (1024 * 1024)
        while remaining > 0:
            part = chunk[: min(len(chunk), remaining)]
            try:
                out.write(part)
                out.flush()
            except OSError:
                break
            remaining -= len(part)
    return filler


def free_bytes(folder: Path) -> int:
    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize

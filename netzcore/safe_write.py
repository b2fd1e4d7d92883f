"""Files netz writes for the user (exports, backups): whole or not at all.

The data goes into a temporary file in the target's folder, is flushed to the disk (fsync) and then renamed over
the target in one step. A full disk, a killed process or a power cut leave either the old file or the complete
new one, never an empty or half-written one; the temporary file is removed on any error.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO


def write_atomically(target: Path, write: Callable[[BinaryIO], object], *, make_folder: bool = False) -> None:
    """Call `write` with a binary file; `target` appears only when everything was written and synced."""
    folder = target.parent
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        error.filename = str(target)            # the user's file, not the temporary one
        raise
    try:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            error.filename = str(target)
        raise
    _sync_folder(folder)


def write_bytes_atomically(target: Path, data: bytes, *, make_folder: bool = False) -> None:
    write_atomically(target, lambda out: out.write(data), make_folder=make_folder)


def write_text_atomically(target: Path, write: Callable[[TextIO], object], *, make_folder: bool = False) -> None:
    """The same for text, UTF-8 with \\n line ends."""
    def binary(out: BinaryIO) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
        write(text)
        text.flush()
        text.detach()

    write_atomically(target, binary, make_folder=make_folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system lets a folder be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)

"""Hostile import files (issue 15, items 2-4): each is imported by a real `netz import` process, and its wall time
and peak memory (the child's maximum resident set, workers included) are measured. Targets: under 10 s and 1 GB
each. The generators are shared with tests/core/test_import_bounds.py, which asserts the memory bound and what the
report says, never a time.
"""

from __future__ import annotations

import base64
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Row, at_most

ROOT = Path(__file__).resolve().parents[1]
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(line + "\r\n" for line in lines) + "END:VCARD\r\n"


def org_of_commas(path: Path) -> Path:
    """A 10 KB vCard whose ORG is 10,000 commas (took 20 s: a backtracking legal-form pattern)."""
    path.write_text(_card("FN:Comma Org", "ORG:" + "," * 10_000), encoding="utf-8")
    return path


def email_of_200_kb(path: Path) -> Path:
    """A vCard whose EMAIL is 200 KB (took more than 300 s: a backtracking e-mail pattern)."""
    path.write_text(_card("FN:Long Mail", "EMAIL:" + "a." * 50_000 + "@" + "b" * 100_000), encoding="utf-8")
    return path


def linkedin_with_long_email(path: Path, size: int) -> Path:
    """A LinkedIn Connections.csv of about `size` bytes, most of it one e-mail value (15 KB took 43 s, 100 KB 130 s)."""
    local = "x" * (size // 2)
    domain = "y." * (size // 4)
    path.write_text(LINKEDIN_HEADER + f"Anna,Weber,https://www.linkedin.com/in/anna,{local}@{domain},Acme,CEO,"
                    "15 Mar 2023\n", encoding="utf-8")
    return path


def oversized_values(path: Path) -> Path:
    """One card whose name, organisation, e-mail and note are each above their cap."""
    path.write_text(_card("FN:" + "N" * 5_000, "ORG:" + "O" * 2_000, "EMAIL:" + "e" * 400 + "@example.com",
                          "NOTE:" + "note " * 60_000), encoding="utf-8")
    return path


def single_line_card(path: Path, megabytes: int, prop: str = "FN") -> Path:
    """One card with a single `megabytes` MB value line (a 200 MB FN got the CLI killed at 22.9 GB)."""
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + (b"FN:Big Note\r\n" if prop != "FN" else b"")
                  + prop.encode() + b":")
        chunk = b"A" * (1 << 20)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b"\r\nEND:VCARD\r\n")
    return path


def png_bomb(width: int = 13_000, height: int = 13_000) -> bytes:
    """A valid 1-bit PNG that declares width x height pixels in a few KB (rows of zeros, zlib-compressed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def photo_bombs(path: Path, cards: int = 40) -> Path:
    """`cards` cards, each with a 13000 x 13000 PNG photo (40 took 79 s and 902 MB per card)."""
    payload = base64.b64encode(png_bomb()).decode("ascii")
    folded = "\r\n ".join(payload[i:i + 74] for i in range(0, len(payload), 74))
    path.write_text("".join(_card(f"FN:Bomb {i}", "PHOTO;ENCODING=b;TYPE=PNG:" + folded) for i in range(cards)),
                    encoding="ascii")
    return path


@dataclass(frozen=True, slots=True)
class Run:
    returncode: int
    seconds: float
    peak_mb: float
    cpu_seconds: float
    stdout: str
    stderr: str


# Started between this process and `netz import`: a fork of a large process (pytest, the benchmark) would carry
# that process's resident size into the child's ru_maxrss. The small wrapper runs netz, waits, and writes the
# largest resident size among its waited descendants (netz, and the workers netz waited for) to a file.
_PEAK_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}')\n"
    "sys.exit(code)\n"
)


def run_import(files: list[Path], db: Path, *extra: str) -> Run:
    """`netz import FILES --db DB` in a real process: its wall time and peak resident memory in MB (the largest
    ru_maxrss among netz and the workers it waited for) and CPU time (user + system, less dependent on a busy
    machine than the wall time)."""
    out, err, peak = db.with_suffix(".out"), db.with_suffix(".err"), db.with_suffix(".peak")
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.perf_counter()
        returncode = subprocess.call(
            [sys.executable, "-c", _PEAK_WRAPPER, str(peak), sys.executable, "-m", "netzcore.cli", "import",
             *map(str, files), "--db", str(db), "--lang", "en", *extra], stdout=stdout, stderr=stderr, cwd=ROOT)
        seconds = time.perf_counter() - started
    maxrss, cpu = peak.read_text().split()
    return Run(returncode, seconds, int(maxrss) / 1024, float(cpu), out.read_text(encoding="utf-8", errors="replace"),
               err.read_text(encoding="utf-8", errors="replace"))


def ordinary_card(path: Path) -> Path:
    """One ordinary card: the reference for what starting netz and opening the database cost."""
    path.write_text(_card("FN:Anna Weber", "ORG:Voith", "EMAIL:anna@voith.example"), encoding="utf-8")
    return path


CASES: tuple[tuple[str, Callable[[Path], Path]], ...] = (
    ("vCard, one ordinary card (reference: process start and database)", ordinary_card),
    ("vCard, ORG of 10,000 commas (10 KB)", org_of_commas),
    ("vCard, EMAIL of 200 KB", email_of_200_kb),
    ("LinkedIn CSV, 15 KB with a long e-mail", lambda p: linkedin_with_long_email(p.with_suffix(".csv"), 15_000)),
    ("LinkedIn CSV, 100 KB with a long e-mail", lambda p: linkedin_with_long_email(p.with_suffix(".csv"), 100_000)),
    ("vCard, name 5,000 / org 2,000 / e-mail 400 / note 300 KB", oversized_values),
    ("vCard, one 200 MB FN line", lambda p: single_line_card(p, 200)),
    ("vCard, one 200 MB NOTE line", lambda p: single_line_card(p, 200, "NOTE")),
    ("vCard, 40 cards with 13000x13000 PNG photos", photo_bombs),
)


def measure(work: Path) -> list[Row]:
    rows: list[Row] = []
    for index, (name, make) in enumerate(CASES):
        path = make(work / f"hostile-{index}.vcf")
        run = run_import([path], work / f"hostile-{index}.duckdb")
        path.unlink()
        rows.append(at_most(f"import: {name}", run.seconds, "s", 10.0, "< 10 s",
                            note=f"CPU {run.cpu_seconds:.2f} s, peak {run.peak_mb:,.0f} MB, exit {run.returncode}"))
        rows.append(at_most(f"import: {name} (peak memory)", run.peak_mb, "MB", 1024, "< 1 GB"))
    return rows

"""CSV files as streams of rows: encoding found once, lines cut at a bound, a broken row costs only that row.

Used by the LinkedIn reader and the address-book reader (Google, Outlook, Thunderbird). The file is never decoded
as a whole: rows are read through an incremental decoder, so a 200 MB line needs no gigabytes.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from netzcore.importers.records import Problem

MAX_LINE_CHARS = 16 * 1024 * 1024     # a physical line longer than this is cut (and its row reported)
MAX_FIELD_CHARS = 16 * 1024 * 1024    # a cell longer than this makes its row unreadable
HEAD_BYTES = 256 * 1024               # what is looked at to recognise a file

csv.field_size_limit(MAX_FIELD_CHARS)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_utf8(data: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the bytes are UTF-8, checked in chunks (no copy of the whole file as text)."""
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start:start + chunk], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def text_encoding(data: bytes) -> str:
    """The encoding of a text file: its BOM, UTF-16 without BOM (NUL bytes in every other place), UTF-8, or the
    8-bit charset that reads best (Windows-1252 unless Shift_JIS, Greek, Cyrillic ... read better)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    if is_utf8(data):
        return "utf-8"
    from netzcore.importers.vcard import fallback_charset

    return fallback_charset(data)


def head_text(data: bytes, encoding: str) -> str:
    """The decoded start of the file (a few hundred KB), for recognising its layout."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)


def _capped_lines(stream: io.TextIOBase, cut: list[int]) -> Iterator[str]:
    """Physical lines (with their line end); a line longer than MAX_LINE_CHARS is cut there and the rest skipped,
    its number noted in `cut`."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_CHARS)
        if not line:
            return
        number += 1
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            cut.append(number)
            while True:
                rest = stream.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            line += "\n"
        yield line


@dataclass(frozen=True, slots=True)
class Row:
    line: int                 # physical line the row starts on (1-based)
    cells: list[str]
    error: str = ""           # why the row could not be read ('' when it could)


class _Lines:
    """The physical lines the csv module reads, remembering the last one handed out and how many were taken past
    it (the rest of a cell too long to read)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.last = ""
        self.skipped = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last

    def skip_rest_of_cell(self) -> None:
        """Pass over the lines up to the one that closes the quoted cell the csv module gave up on: they were read
        as rows of their own, and a 20 MB address of many lines became many people named by its lines."""
        if _closes_quote(self.last):
            return
        for line in self._lines:
            self.skipped += 1
            if _closes_quote(line):
                return


def _closes_quote(line: str) -> bool:
    """Whether a line inside a quoted cell ends it: a quote that is not one of a doubled pair."""
    at = line.find('"')
    while at != -1:
        if not line.startswith('"', at + 1):
            return True
        at = line.find('"', at + 2)
    return False


def rows(data: bytes, encoding: str, delimiter: str = ",") -> Iterator[Row]:
    """Every row of the file in order, each with the line it starts on. A row the csv module cannot read (a cell
    above the size bound, a cut line) comes back with `error` set and no cells; reading goes on after it."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    cut: list[int] = []
    lines = _Lines(_capped_lines(stream, cut))
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = reader.line_num + lines.skipped + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:     # in words in the report: a code for the one the bounds cause
            if "field limit" in str(error):
                if reader.line_num + lines.skipped > start:      # a quoted cell of many lines: pass over its rest
                    lines.skip_rest_of_cell()
                yield Row(start, [], "cell_too_long")
            else:
                yield Row(start, [], str(error)[:200])
            continue
        if cut and cut[-1] >= start:
            yield Row(start, [], "line_too_long")
            cut.clear()
            continue
        yield Row(start, [cell.replace("\x00", "") for cell in cells])


@dataclass
class Beyond:
    """The rows of a file past the `limit` one import reads: counted, never read into records."""

    limit: int
    line: int = 0           # the first row not read
    rows: int = 0


def body_rows(file: str, data: bytes, encoding: str, delimiter: str, header_line: int,
              beyond: Beyond | None = None) -> Iterator[tuple[list[str], Row | Problem]]:
    """The rows after the header (the first row with cells from `header_line` on), each with the header's column
    keys; rows without any value are passed over, and a row the csv module cannot read comes as its Problem. Past
    `beyond.limit` rows, the rest are only counted in `beyond`."""
    header: list[str] | None = None
    taken = 0
    for row in rows(data, encoding, delimiter):
        if header is None:
            if row.line >= header_line and row.error:     # the next row was taken for the header, without a word
                yield [], Problem(file, row.line, "unreadable_header", row.error)
                return
            if row.line >= header_line and row.cells:
                header = [column_key(cell.strip("\ufeff").strip('"')) for cell in row.cells]
            continue
        if not row.error and not any(cell.strip() for cell in row.cells):
            continue
        if beyond is not None and taken >= beyond.limit:
            beyond.line = beyond.line or row.line
            beyond.rows += 1
            continue
        taken += 1
        if row.error:
            yield header, Problem(file, row.line, "unreadable_row", row.error)
        else:
            yield header, unwrapped(row, len(header), delimiter)


def unwrapped(row: Row, width: int, delimiter: str) -> Row:
    """A row written as one quoted cell holding the whole line (some LinkedIn exports of 2020/2021 quote every row
    with a comma inside a value once more: '"Anna,Weber,,""Kind, LLC"",CEO,07 May 2021"') read as the cells in that
    cell; any other row as it is."""
    if width < 2 or len(row.cells) != 1 or delimiter not in row.cells[0]:
        return row
    try:
        cells = next(csv.reader([row.cells[0]], delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:
        return row
    return Row(row.line, cells) if 1 < len(cells) <= width else row


def header_cells(line: str, delimiter: str) -> list[str]:
    """One line split as a header: cells stripped, a BOM and surrounding quotes removed."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip().strip("\ufeff").strip().strip('"').strip() for cell in cells]


def column_key(name: str) -> str:
    """A column name for lookup: case and surrounding spaces ignored, inner spaces collapsed."""
    return " ".join(name.casefold().split())

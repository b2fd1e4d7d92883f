"""User data made harmless for a terminal: no control characters, escape sequences or bidi overrides.

A name from a contact file can hold ESC ] 0;title BEL (sets the window title), ESC [2J (clears the screen),
ESC ] 52;c;... (writes the clipboard), a carriage return that overprints the line, or U+202E (shows the rest of
the line backwards). `terminal_text` removes all of them; the patterns are linear in the input (no backtracking).
"""

from __future__ import annotations

import re

# Directional overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what follows on screen.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# ESC and what it introduces: CSI (ESC [ params final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC strings,
# or a single character (ESC 7, ESC c ...). Disjoint character classes: each match is linear.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.?)", re.DOTALL)

_C0 = [c for c in range(0x20)]
_DROPPED = {c: None for c in [*_C0, 0x7F, *range(0x80, 0xA0), *map(ord, BIDI_CONTROLS)]}


def terminal_text(text: object, keep: str = "\n\t") -> str:
    """`text` without escape sequences, C0 controls (except those in `keep`), DEL, C1 controls and bidi
    overrides."""
    table = {c: v for c, v in _DROPPED.items() if chr(c) not in keep}
    return _ESCAPE_SEQUENCE.sub("", str(text)).translate(table)


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + BIDI_CONTROLS + "]")


def json_terminal_safe(document: str) -> str:
    """A JSON text (from json.dumps, which already escapes C0) with DEL, C1 and bidi controls written as \\uXXXX
    escapes: the same data for a script, nothing a terminal acts on. They only occur inside JSON strings."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)

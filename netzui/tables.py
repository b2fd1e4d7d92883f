"""The one way the pages show a table: no index column, a missing value as an empty cell (not "None"), and user
text without control characters or bidi overrides (netzui.plain_text)."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from netzcore.plain_text import BIDI_CONTROLS
from netzui import plain_text

# What plain_text changes: C0 controls but line breaks and tabs (a carriage return included), DEL, C1 and bidi
# controls; an escape sequence starts with one of them.
_CHANGED_BY_PLAIN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, list | tuple):
        return [plain_text(v) if isinstance(v, str) else v for v in value]
    return value


def _to_clean(value: Any) -> bool:
    """Whether `_plain` would give something else (a tuple becomes a list)."""
    if isinstance(value, str):
        return _CHANGED_BY_PLAIN_TEXT.search(value) is not None
    if isinstance(value, tuple):
        return True
    return isinstance(value, list) and any(isinstance(v, str) and _CHANGED_BY_PLAIN_TEXT.search(v) for v in value)


def table(frame: pd.DataFrame, key: str, **options: Any) -> Any:
    """`st.dataframe` as every page wants it; `options` (column_config, on_select, ...) pass through. Only the
    columns with a cell to clean are copied: pandas' `map` over every text column cost 5-10 ms of each run of the
    ranking's page, for cells that almost never hold a control character."""
    shown = frame
    for column in frame.columns:
        values = frame[column]
        if (values.dtype == object or pd.api.types.is_string_dtype(values)) and any(map(_to_clean, values.tolist())):
            if shown is frame:
                shown = frame.copy()
            shown[column] = values.map(_plain)
    return st.dataframe(shown, hide_index=True, placeholder="", key=key, **options)

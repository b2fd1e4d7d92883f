"""The one way the pages show a table: no index column, a missing value as an empty cell (not "None"), and user
text without control characters or bidi overrides (netzui.plain_text)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from netzui import plain_text


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, list | tuple):
        return [plain_text(v) if isinstance(v, str) else v for v in value]
    return value


def table(frame: pd.DataFrame, key: str, **options: Any) -> Any:
    """`st.dataframe` as every page wants it; `options` (column_config, on_select, ...) pass through."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(_plain)
    return st.dataframe(shown, hide_index=True, placeholder="", key=key, **options)

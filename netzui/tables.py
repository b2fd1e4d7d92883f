"""The one way the pages show a table: no index column, and a missing value as an empty cell (not "None")."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st


def table(frame: pd.DataFrame, key: str, **options: Any) -> Any:
    """`st.dataframe` as every page wants it; `options` (column_config, on_select, ...) pass through."""
    return st.dataframe(frame, hide_index=True, placeholder="", key=key, **options)

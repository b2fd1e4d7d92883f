"""netz core: plain Python and SQL over DuckDB. Never imports streamlit."""

__version__ = "0.1.0"

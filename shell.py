"""netz: the shell every page runs in: language, database, navigation. Served by app.py."""

import duckdb
import streamlit as st

from netzcore import db as netzdb
from netzui import (
    LANG_KEY,
    cursors_finished,
    database_error_text,
    database_path,
    demo_is_open,
    home_database,
    lang,
    language_names,
    md_escape,
    open_database,
    storage_problem,
    t,
    use_database,
)
from netzui.data_cache import refresher
from netzui.widget_texts import widget_texts_in_language


def serve() -> None:
    """The page the user asked for, in the sidebar with language and database."""
    st.set_page_config(page_title="netz", page_icon=":handshake:", layout="wide")

    lang()
    names = language_names()
    # two buttons, one click: and a page without a select box loads no select box code on its first load
    st.sidebar.segmented_control(t("app.language"), list(names), format_func=names.__getitem__, key=LANG_KEY,
                                 required=True)
    widget_texts_in_language()

    if demo_is_open():  # drawn before the file is opened, so the way back is there even if the demo file fails
        with st.sidebar.container(border=True, key="sidebar_demo"):
            st.markdown(t("database.demo_open", path=md_escape(database_path())))
            st.button(t("database.back_home"), key="database_back_home", icon=":material/home:", on_click=use_database,
                      args=(None,), help=t("database.back_home_help", path=md_escape(home_database())))
    else:
        st.sidebar.caption(t("app.database", path=str(database_path())))

    try:
        open_database()
    except netzdb.NetzDBError as error:
        st.error(database_error_text(error), icon=":material/error:")
        st.stop()

    pages = [
        st.Page("views/today.py", title=t("nav.today"), icon=":material/today:", default=True),
        st.Page("views/goals.py", title=t("nav.goals"), icon=":material/flag:"),
        st.Page("views/target_map.py", title=t("nav.target_map"), icon=":material/grid_view:"),
        st.Page("views/contacts.py", title=t("nav.contacts"), icon=":material/contacts:"),
        st.Page("views/events.py", title=t("nav.events"), icon=":material/event:"),
        st.Page("views/import_export.py", title=t("nav.import_export"), icon=":material/import_export:"),
        st.Page("views/settings.py", title=t("nav.settings"), icon=":material/settings:"),
    ]
    page = st.navigation(pages)
    try:
        page.run()
    except (duckdb.Error, OSError) as error:
        # disk full, read-only, a damaged block read: the user's message instead of a traceback; a connection DuckDB
        # stopped is reopened on the next run, so the app recovers without a restart
        problem = storage_problem(error)
        if problem is None:
            raise
        st.error(database_error_text(problem), icon=":material/error:")


# results of queries are asked again in the background between script runs, never during one (netzui.data_cache)
with refresher.script_run(), cursors_finished():
    serve()

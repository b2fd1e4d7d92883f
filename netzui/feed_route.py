"""The app's HTTP route for the calendar feed: `GET /feed/<token>.ics` answers the netz calendar when the token is
the database's, 404 otherwise (the same answer for a wrong token and for no token at all).

It runs beside the Streamlit pages in the same process, behind the same OriginGuard, and takes its cursor from
the shared connection registry (netzcore.connections), so it never opens the DuckDB file a second time. Which
file: every file the app has open is asked (the token says which database), else the app's own file.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from netzcore import connections
from netzcore import db as netzdb
from netzcore.feed import feed_calendar
from netzcore.i18n import normalize_language

MAX_TOKEN = 200


def _app_database() -> str | None:
    from netzui import _db_argument

    return _db_argument()


def calendar_feed(request: Request) -> Response:
    """Sync on purpose: Starlette runs it in its thread pool, so the query never blocks the event loop."""
    token = str(request.path_params.get("token", ""))
    lang = normalize_language(request.query_params.get("lang") or "de")
    not_found = PlainTextResponse("Not found\n", status_code=404)
    if not token or len(token) > MAX_TOKEN:
        return not_found
    try:
        held = connections.open_files() or [(netzdb.resolve_path(_app_database()),
                                             connections.shared(_app_database()))]
    except netzdb.NetzDBError:
        return PlainTextResponse("Database unavailable\n", status_code=503)
    for _, con in held:
        data = feed_calendar(con.cursor(), token, lang)
        if data is not None:
            return Response(data, media_type="text/calendar; charset=utf-8",
                            headers={"Cache-Control": "no-store", "Content-Disposition": 'inline; filename="netz.ics"'})
    return not_found


ROUTES = [Route("/feed/{token}.ics", calendar_feed, methods=["GET", "HEAD"])]

"""The netz calendar to subscribe to: birthdays, follow-ups, due contacts and planned meetings (the same calendar
`netz export --format ics` writes), served by the running app at `/feed/<token>.ics`.

The token is a secret made once per database (32 random bytes, URL-safe) and kept in app_settings; a new token
makes the old address stop working. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import json
import secrets

from netzcore.db import Connection
from netzcore.exporters.calendar_feed import calendar_export

TOKEN_KEY = "calendar_feed_token"


def feed_token(con: Connection) -> str | None:
    row = con.execute("SELECT value FROM app_settings WHERE key = ?", [TOKEN_KEY]).fetchone()
    if not row:
        return None
    try:
        value = json.loads(row[0])
    except ValueError:
        return None
    return value if isinstance(value, str) and value else None


def ensure_feed_token(con: Connection) -> str:
    """The database's token, made on first use."""
    return feed_token(con) or renew_feed_token(con)


def renew_feed_token(con: Connection) -> str:
    """A new token; the old address stops working."""
    token = secrets.token_urlsafe(32)
    con.execute("INSERT OR REPLACE INTO app_settings (key, value) VALUES (?, ?)", [TOKEN_KEY, json.dumps(token)])
    return token


def token_matches(con: Connection, candidate: str) -> bool:
    stored = feed_token(con)
    if stored is None:
        return False
    return hmac.compare_digest(stored.encode("utf-8"), candidate.encode("utf-8", "replace"))


def feed_calendar(con: Connection, token: str, lang: str) -> bytes | None:
    """The calendar for a valid token, else None."""
    if not token_matches(con, token):
        return None
    return calendar_export(con, lang).data


def feed_path(token: str) -> str:
    return f"/feed/{token}.ics"

"""Only the app's own page may drive it.

Streamlit accepts a WebSocket handshake from any port on localhost, and its XSRF and CORS settings do not cover
WebSockets: a page served by any other local program (a dev server, a tool's web page) could read what netz shows
and submit its forms. `OriginGuard` is a pure ASGI middleware in front of everything Streamlit serves:

- the host asked for must be a loopback name (`localhost`, `127.0.0.1`, `[::1]`): a DNS-rebinding page never
  reaches the app;
- a WebSocket handshake must carry an `Origin` that is exactly the served origin (`http://` + the `Host` header);
  a handshake without one, or from any other origin, is refused with 403 before Streamlit sees it;
- an HTTP request that carries an `Origin` (browsers send it on cross-origin fetches and on every POST) must carry
  the served origin too.

Refusing here also means Streamlit never runs its own allow-list check for a foreign origin, which would look up
the machine's external address on the internet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _hostname(host: str) -> str:
    """'127.0.0.1:8501' -> '127.0.0.1'; '[::1]:8501' -> '[::1]'."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if ":" in host else host


def refusal(scope: Scope) -> str | None:
    """Why this request may not reach the app, or None when it comes from the app's own page."""
    host = _header(scope, b"host")
    if not host or _hostname(host.lower()) not in LOOPBACK_NAMES:
        return "host is not a loopback name"
    origin = _header(scope, b"origin")
    served = f"http://{host}"
    if scope["type"] == "websocket":
        if origin != served:
            return f"WebSocket from origin {origin!r}, not {served!r}"
    elif origin is not None and origin != served:
        return f"request from origin {origin!r}, not {served!r}"
    return None


class OriginGuard:
    """ASGI middleware: refuse what does not come from the app's own page (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and refusal(scope):
            if scope["type"] == "websocket":
                # Closing before accepting makes the server answer the handshake with 403.
                await send({"type": "websocket.close", "code": 1008})
            else:
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"Forbidden: not the app's own page\n"})
            return
        await self.app(scope, receive, send)

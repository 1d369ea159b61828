"""``POST {hub}/negotiate``: creates a connection and lists the transports (v0 and v1)."""

from __future__ import annotations

import json
import re
from typing import Any

from kds.server.signalr.asgi import TEXT, Receive, Scope, Send, respond
from kds.server.signalr.hub import Hub
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.security import Authenticate, authenticate, query_params

AVAILABLE_TRANSPORTS: list[dict[str, Any]] = [
    {"transport": "WebSockets", "transferFormats": ["Text", "Binary"]},
    {"transport": "ServerSentEvents", "transferFormats": ["Text"]},
    {"transport": "LongPolling", "transferFormats": ["Text", "Binary"]},
]
_INT = re.compile(r"^\s*[+-]?\d+\s*$")
UNAUTHORIZED_HEADERS = ((b"www-authenticate", b"Bearer"),)


async def negotiate(
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    hub: Hub,
    manager: ConnectionManager,
    authenticator: Authenticate,
) -> None:
    if scope["method"] != "POST":
        await respond(send, 405, b"", TEXT, ((b"allow", b"POST"),))
        return
    principal = await authenticate(scope, authenticator)
    if principal is None:
        # [Authorize] on the hub: 401 before any hub code, empty body, like the bearer handler.
        await respond(send, 401, b"", None, UNAUTHORIZED_HEADERS)
        return
    raw = query_params(scope).get("negotiateversion")
    version = 0
    if raw is not None:
        if not _INT.match(raw):
            await _error(send, "The client requested a non-integer protocol version.")
            return
        version = int(raw)
        if version < 0:
            await _error(
                send,
                f"The client requested version '{version}', but the server does not support "
                "this version.",
            )
            return
        version = min(version, 1)
    conn = manager.create(hub, principal, version)
    body: dict[str, Any] = {"negotiateVersion": version, "connectionId": conn.connection_id}
    if version >= 1:
        body["connectionToken"] = conn.token
    body["availableTransports"] = AVAILABLE_TRANSPORTS
    await respond(send, 200, json.dumps(body).encode(), "application/json")


async def _error(send: Send, text: str) -> None:
    # Negotiate errors are HTTP 200 with {"error": ...}; the JS client throws Error(text).
    await respond(send, 200, json.dumps({"error": text}).encode(), "application/json")

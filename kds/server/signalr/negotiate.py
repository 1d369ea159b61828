"""``POST {hub}/negotiate``: creates a connection and lists the transports (v0 and v1)."""

from __future__ import annotations

import json
import re
from typing import Any

from kds.server.signalr.asgi import TEXT, Receive, Scope, Send, respond
from kds.server.signalr.endpoint import UNAUTHORIZED_HEADERS, HubEndpoint
from kds.server.signalr.security import query_params

AVAILABLE_TRANSPORTS: list[dict[str, Any]] = [
    {"transport": "WebSockets", "transferFormats": ["Text", "Binary"]},
    {"transport": "ServerSentEvents", "transferFormats": ["Text"]},
    {"transport": "LongPolling", "transferFormats": ["Text", "Binary"]},
]
_INT = re.compile(r"^\s*[+-]?\d+\s*$")


async def negotiate(endpoint: HubEndpoint, scope: Scope, receive: Receive, send: Send) -> None:
    if scope["method"] != "POST":
        await respond(send, 405, b"", TEXT, ((b"allow", b"POST"),))
        return
    principal = await endpoint.principal(scope)
    if principal is None:
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
    conn = endpoint.manager.create(endpoint.hub, principal, version)
    body: dict[str, Any] = {"negotiateVersion": version, "connectionId": conn.connection_id}
    if version >= 1:
        body["connectionToken"] = conn.token
    body["availableTransports"] = AVAILABLE_TRANSPORTS
    await respond(send, 200, json.dumps(body).encode(), "application/json")


async def _error(send: Send, text: str) -> None:
    # Negotiate errors are HTTP 200 with {"error": ...}; the JS client throws Error(text).
    await respond(send, 200, json.dumps({"error": text}).encode(), "application/json")

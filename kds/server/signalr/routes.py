"""Starlette routes for one hub: ``{path}/negotiate`` and ``{path}`` (HTTP and WebSocket)."""

from __future__ import annotations

from functools import partial

from starlette.routing import BaseRoute, Route, WebSocketRoute

from kds.server.signalr import http_transports, negotiate, websocket
from kds.server.signalr.asgi import TEXT, AsgiApp, Receive, Scope, Send, respond
from kds.server.signalr.endpoint import (
    UNAUTHORIZED_HEADERS,
    HubEndpoint,
    Identify,
    user_identity,
)
from kds.server.signalr.hub import Hub
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.security import Authenticate


def hub_routes(
    hub: Hub,
    manager: ConnectionManager,
    authenticator: Authenticate,
    identify: Identify = user_identity,
) -> list[BaseRoute]:
    """``identify`` maps a principal to its user: a connection answers only its own user."""
    manager.add_hub(hub)
    endpoint = HubEndpoint(hub, manager, authenticator, identify)
    return [
        Route(f"{hub.path}/negotiate", AsgiApp(partial(negotiate.negotiate, endpoint))),
        Route(hub.path, AsgiApp(partial(_http, endpoint))),
        WebSocketRoute(hub.path, AsgiApp(partial(websocket.serve, endpoint))),
    ]


async def _http(endpoint: HubEndpoint, scope: Scope, receive: Receive, send: Send) -> None:
    method = scope["method"]
    if method not in ("GET", "POST", "DELETE"):
        await respond(send, 405, b"", TEXT, ((b"allow", b"GET, POST, DELETE"),))
        return
    principal = await endpoint.principal(scope)
    if principal is None:
        await respond(send, 401, b"", None, UNAUTHORIZED_HEADERS)
        return
    token = endpoint.connection_id(scope)
    if not token:
        await respond(send, 400, b"Connection ID required")
        return
    conn = endpoint.connection(token)
    if conn is None:
        await respond(send, 404, b"No Connection with that ID")
        return
    if not endpoint.owns(conn, principal, _kind(scope)):
        await respond(send, 403)
        return
    if method == "GET":
        await http_transports.get(scope, receive, send, conn)
    elif method == "POST":
        await http_transports.post(receive, send, conn)
    else:
        await http_transports.delete(send, conn, endpoint.manager)


def _kind(scope: Scope) -> str:
    """What a refused HTTP transport request was, for the log line."""
    if scope["method"] != "GET":
        return str(scope["method"])
    return "SSE" if http_transports.wants_event_stream(scope) else "poll"

"""Starlette routes for one hub: ``{path}/negotiate`` and ``{path}`` (HTTP and WebSocket)."""

from __future__ import annotations

from functools import partial

from starlette.routing import BaseRoute, Route, WebSocketRoute

from kds.server.signalr import http_transports, negotiate, websocket
from kds.server.signalr.asgi import TEXT, AsgiApp, Receive, Scope, Send, respond
from kds.server.signalr.hub import Hub
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.negotiate import UNAUTHORIZED_HEADERS
from kds.server.signalr.security import Authenticate, authenticate, query_params


def hub_routes(
    hub: Hub, manager: ConnectionManager, authenticator: Authenticate
) -> list[BaseRoute]:
    manager.add_hub(hub)
    neg = partial(negotiate.negotiate, hub=hub, manager=manager, authenticator=authenticator)
    ws = partial(websocket.serve, hub=hub, manager=manager, authenticator=authenticator)
    http = partial(_http, hub=hub, manager=manager, authenticator=authenticator)
    return [
        Route(f"{hub.path}/negotiate", AsgiApp(neg)),
        Route(hub.path, AsgiApp(http)),
        WebSocketRoute(hub.path, AsgiApp(ws)),
    ]


async def _http(
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    hub: Hub,
    manager: ConnectionManager,
    authenticator: Authenticate,
) -> None:
    method = scope["method"]
    if method not in ("GET", "POST", "DELETE"):
        await respond(send, 405, b"", TEXT, ((b"allow", b"GET, POST, DELETE"),))
        return
    principal = await authenticate(scope, authenticator)
    if principal is None:
        await respond(send, 401, b"", None, UNAUTHORIZED_HEADERS)
        return
    token = query_params(scope).get("id")
    if not token:
        await respond(send, 400, b"Connection ID required")
        return
    conn = manager.get(token)
    if conn is None or conn.hub is not hub:
        await respond(send, 404, b"No Connection with that ID")
        return
    if method == "GET":
        await http_transports.get(scope, receive, send, conn)
    elif method == "POST":
        await http_transports.post(receive, send, conn)
    else:
        await http_transports.delete(send, conn, manager)

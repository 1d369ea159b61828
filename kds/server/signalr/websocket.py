"""The WebSocket transport: a reader loop feeding the connection, a writer task batching sends."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from kds.server.signalr.asgi import Receive, Scope, Send, deny_websocket
from kds.server.signalr.connection import WEBSOCKETS, HubConnection
from kds.server.signalr.endpoint import UNAUTHORIZED_HEADERS, HubEndpoint

log = logging.getLogger("kds.server.signalr")

NORMAL_CLOSURE = 1000
# ASGI cannot cut TCP; 1011 without a SignalR Close message is the closest to a network drop
# (the JS client reports "WebSocket closed with status code: 1011" and reconnects).
ABORT_CODE = 1011
WRITER_FLUSH_S = 2.0


async def serve(endpoint: HubEndpoint, scope: Scope, receive: Receive, send: Send) -> None:
    first = await receive()
    if first["type"] != "websocket.connect":
        return
    principal = await endpoint.principal(scope)
    if principal is None:
        await deny_websocket(send, 401, b"", UNAUTHORIZED_HEADERS)
        return
    token = endpoint.connection_id(scope)
    manager = endpoint.manager
    if token is None:
        conn = manager.create(endpoint.hub, principal, 0)  # skip-negotiation: a new connection
    else:
        found = endpoint.connection(token)
        if found is None or found.closed:
            await deny_websocket(send, 404, b"No Connection with that ID")
            return
        if not endpoint.owns(found, principal, "WebSocket"):
            await deny_websocket(send, 403)
            return
        if found.transport == WEBSOCKETS:
            await deny_websocket(send, 409)
            return
        if found.transport is not None:
            await deny_websocket(send, 400, b"Cannot change transports mid-connection")
            return
        conn = found
    conn.transport = WEBSOCKETS
    conn.transport_active = True
    conn.transport_started_at = time.monotonic()
    await send({"type": "websocket.accept"})
    writer = asyncio.create_task(_write(conn, send))
    client_gone = False
    try:
        while not conn.closed:
            message = await receive()
            kind = message["type"]
            if kind == "websocket.receive":
                data = message.get("bytes")
                if data is None:
                    data = (message.get("text") or "").encode()
                await conn.receive(data)
            elif kind == "websocket.disconnect":
                client_gone = True
                conn.close(abort=True)
    finally:
        if client_gone or writer.done():
            writer.cancel()
        else:
            # Let the writer flush the final records (handshake error, Close) and close the socket.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(writer), WRITER_FLUSH_S)
            writer.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await writer
        conn.transport_active = False
        manager.dispose(conn)


async def _write(conn: HubConnection, send: Send) -> None:
    try:
        while True:
            await conn.wait_outgoing()
            if conn.aborted:
                await send({"type": "websocket.close", "code": ABORT_CODE})
                return
            payload = conn.take_outgoing()
            if payload:
                await send({"type": "websocket.send", "text": payload})
            if conn.closed and not conn.has_outgoing():
                await send({"type": "websocket.close", "code": NORMAL_CLOSURE})
                return
    except OSError as exc:  # the client vanished mid-send (uvicorn's ClientDisconnected)
        log.debug("websocket send failed on %s: %s", conn.log_id, exc)
        conn.close(abort=True)

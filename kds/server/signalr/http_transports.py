"""The HTTP side of a hub route: Server-Sent Events, long polling, POST sends and DELETE."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from kds.server.signalr.asgi import (
    NO_CACHE,
    TEXT,
    Receive,
    Scope,
    Send,
    read_body,
    respond,
)
from kds.server.signalr.connection import (
    LONG_POLLING,
    SERVER_SENT_EVENTS,
    WEBSOCKETS,
    HubConnection,
)
from kds.server.signalr.manager import ConnectionManager

log = logging.getLogger("kds.server.signalr")

SSE_HEADERS = (
    (b"content-type", b"text/event-stream"),
    (b"cache-control", b"no-cache,no-store"),
    (b"pragma", b"no-cache"),
    (b"content-encoding", b"identity"),
    (b"x-accel-buffering", b"no"),
)
OCTET = "application/octet-stream"
CHANGE_TRANSPORT = b"Cannot change transports mid-connection"


def wants_event_stream(scope: Scope) -> bool:
    for key, value in scope.get("headers", ()):
        if key.lower() == b"accept" and b"text/event-stream" in value:
            return True
    return False


async def _watch_disconnect(receive: Receive, conn: HubConnection, flag: list[bool]) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            flag.append(True)
            conn.wake()
            return


async def get(scope: Scope, receive: Receive, send: Send, conn: HubConnection) -> None:
    if wants_event_stream(scope):
        await _sse(receive, send, conn)
    else:
        await _poll(receive, send, conn)


async def _sse(receive: Receive, send: Send, conn: HubConnection) -> None:
    manager = conn.manager
    if conn.transport not in (None, SERVER_SENT_EVENTS):
        await respond(send, 400, CHANGE_TRANSPORT)
        return
    if conn.transport_active:
        await respond(send, 409)
        return
    if conn.transport == SERVER_SENT_EVENTS or conn.closed:
        await respond(send, 404, b"No Connection with that ID")
        return
    conn.transport = SERVER_SENT_EVENTS
    conn.transport_active = True
    conn.transport_started_at = time.monotonic()
    await send({"type": "http.response.start", "status": 200, "headers": list(SSE_HEADERS)})
    # The comment line works around a Firefox "open" bug; ASP.NET writes it first and flushes.
    await send({"type": "http.response.body", "body": b":\r\n", "more_body": True})
    gone: list[bool] = []
    watcher = asyncio.create_task(_watch_disconnect(receive, conn, gone))
    try:
        while not gone:
            await conn.wait_outgoing()
            if gone or conn.aborted:
                break
            payload = conn.take_outgoing()
            if payload:
                await send(
                    {"type": "http.response.body", "body": _sse_event(payload), "more_body": True}
                )
            if conn.closed and not conn.has_outgoing():
                break
            conn.wake_consumed()
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        conn.transport_active = False
        manager.dispose(conn)


def _sse_event(payload: str) -> bytes:
    lines = payload.split("\n")
    return ("".join(f"data: {line.rstrip(chr(13))}\r\n" for line in lines) + "\r\n").encode()


async def _poll(receive: Receive, send: Send, conn: HubConnection) -> None:
    manager = conn.manager
    if conn.transport is None:
        # First poll: activates the connection and returns at once (JS connect() waits for it).
        conn.transport = LONG_POLLING
        conn.transport_started_at = conn.last_active = time.monotonic()
        await respond(send, 200, b"", OCTET, NO_CACHE)
        return
    if conn.transport != LONG_POLLING:
        await respond(send, 400, CHANGE_TRANSPORT)
        return
    conn.poll_generation += 1
    generation = conn.poll_generation
    conn.wake()  # a newer poll replaces the outstanding one, which answers 204
    conn.transport_active = True
    gone: list[bool] = []
    watcher = asyncio.create_task(_watch_disconnect(receive, conn, gone))
    deadline = time.monotonic() + manager.options.long_poll_timeout_s
    status, body = 200, b""
    try:
        while True:
            conn.wake_consumed()
            if gone:
                return
            if conn.poll_generation != generation:
                status = 204
                return
            if conn.has_outgoing() and not conn.aborted:
                body = conn.take_outgoing().encode()
                return
            if conn.closed:
                status = 204
                manager.dispose(conn)
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return  # 200 empty: the client polls again
            await conn.wait_changed(remaining)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        if conn.poll_generation == generation:
            conn.transport_active = False
            conn.last_active = time.monotonic()
        if not gone:
            if status == 204:
                await respond(send, 204, b"", None, NO_CACHE)
            else:
                await respond(send, 200, body, OCTET, NO_CACHE)
        manager.transport_ended()


async def post(receive: Receive, send: Send, conn: HubConnection) -> None:
    if conn.transport == WEBSOCKETS:
        await respond(send, 405, b"POST requests are not allowed for WebSocket connections.")
        return
    if conn.closed:
        await respond(send, 404, b"No Connection with that ID")
        return
    body = await read_body(receive, conn.manager.options.max_post_bytes)
    if body is None:
        await respond(send, 413)
        return
    await conn.receive(body)
    await respond(send, 200, b"", TEXT)


async def delete(send: Send, conn: HubConnection, manager: ConnectionManager) -> None:
    if conn.transport != LONG_POLLING:
        await respond(send, 400, b"Cannot terminate this connection using the DELETE endpoint.")
        return
    conn.close(abort=True)  # the outstanding poll (if any) finishes with 204
    if not conn.transport_active:
        manager.dispose(conn)
    await respond(send, 202, b"", TEXT)

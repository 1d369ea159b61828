"""Tiny raw-ASGI response helpers: the transports need exact status codes, headers and streaming."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiFn = Callable[[Scope, Receive, Send], Awaitable[None]]

TEXT = "text/plain"
NO_CACHE: tuple[tuple[bytes, bytes], ...] = (
    (b"cache-control", b"no-cache, no-store"),
    (b"pragma", b"no-cache"),
    (b"expires", b"-1"),
)


def start_message(
    status: int,
    content_type: str | None,
    length: int | None,
    extra: Iterable[tuple[bytes, bytes]] = (),
) -> Message:
    headers: list[tuple[bytes, bytes]] = []
    if content_type is not None:
        headers.append((b"content-type", content_type.encode()))
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    headers.extend(extra)
    return {"type": "http.response.start", "status": status, "headers": headers}


async def respond(
    send: Send,
    status: int,
    body: bytes = b"",
    content_type: str | None = TEXT,
    extra: Iterable[tuple[bytes, bytes]] = (),
) -> None:
    await send(start_message(status, content_type, len(body), extra))
    await send({"type": "http.response.body", "body": body})


async def deny_websocket(
    send: Send, status: int, body: bytes = b"", extra: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """Answer a WebSocket upgrade with a plain HTTP response (ASGI websocket.http.response)."""
    headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
    headers.extend(extra)
    await send({"type": "websocket.http.response.start", "status": status, "headers": headers})
    await send({"type": "websocket.http.response.body", "body": body})


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None if it is larger than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


class AsgiApp:
    """Wraps a coroutine function so Starlette's Route/WebSocketRoute treat it as a raw ASGI app."""

    def __init__(self, fn: AsgiFn) -> None:
        self._fn = fn

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._fn(scope, receive, send)

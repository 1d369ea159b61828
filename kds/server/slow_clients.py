"""Read timeouts for slow clients (issue 19): uvicorn's HTTP protocol plus Kestrel's two limits.

uvicorn closes idle keep-alive connections but never times out a request being *read*: a socket
that trickles a header line a second, or a body a byte a second, holds its connection (and
file descriptor) forever. Kestrel, which the real backend runs on, cuts both:

- request headers must be complete within `header_s` (Kestrel's RequestHeadersTimeout, 30 s) of
  the connection opening or of the request's first byte;
- a request body must arrive at `body_min_rate` bytes/s on average once `body_grace_s` has passed
  (MinRequestBodyDataRate: 240 bytes/s after a 5 s grace); time in which the server itself has
  paused reading (the app is not keeping up) does not count against the client.

Neither limit touches what is long-lived by design: a long poll or an SSE stream is a GET whose
headers and (empty) body are complete before the server starts holding it, and a WebSocket stops
being this protocol at the upgrade. A timed-out request gets a 408 and the connection closes;
a connection that never sent a byte is simply closed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("kds.server")

BODY_CHECK_S = 0.5
TIMEOUT_408 = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


@dataclass(frozen=True)
class ReadTimeouts:
    """The two limits; `header_s=0` or `body_min_rate=0` turns that one off."""

    header_s: float = 30.0
    body_min_rate: float = 240.0
    body_grace_s: float = 5.0


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (the one `uvicorn[standard]` picks) with both read limits."""

    timeouts = ReadTimeouts()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._head_since: float | None = None  # headers pending since (connection or 1st byte)
        self._request_begun = False  # a request's first byte has arrived (a 408 is due)
        self._body_pending = False
        self._body_bytes = 0
        self._body_clock = 0.0  # seconds of body reading that count against the client
        self._body_tick = 0.0
        self._upgraded = False

    # ------------------------------------------------------------ connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_since = time.monotonic()  # a connection that never sends a byte is cut too
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        super().connection_lost(exc)

    def handle_websocket_upgrade(self) -> None:
        self._upgraded = True  # the WebSocket protocol takes the transport over
        self._cancel_timers()
        super().handle_websocket_upgrade()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # Timers only for what one read left unfinished: most requests arrive whole, and then
        # this costs nothing per request.
        self._arm()

    # ------------------------------------------------------------ parser callbacks

    def on_message_begin(self) -> None:
        self._request_begun = True
        if self._head_since is None:
            self._head_since = time.monotonic()
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        self._head_since = None
        self._request_begun = False
        self._cancel_timers()
        super().on_headers_complete()
        if self.timeouts.body_min_rate > 0 and _declares_body(self.headers):
            self._body_pending = True
            self._body_bytes, self._body_clock, self._body_tick = 0, 0.0, time.monotonic()

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._body_pending = False
        self._cancel_timers()
        super().on_message_complete()

    # ------------------------------------------------------------ the limits

    def _arm(self) -> None:
        if self._upgraded or self.transport.is_closing():
            return
        header_s = self.timeouts.header_s
        if self._head_since is not None and self._header_timer is None and header_s > 0:
            remaining = header_s - (time.monotonic() - self._head_since)
            self._header_timer = self.loop.call_later(max(0.0, remaining), self._headers_late)
        if self._body_pending and self._body_timer is None:
            self._body_timer = self.loop.call_later(BODY_CHECK_S, self._check_body)

    def _cancel_timers(self) -> None:
        for timer in (self._header_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._header_timer = self._body_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        log.info(
            "closing a connection from %s: request headers not complete after %g s",
            _peer(self.client),
            self.timeouts.header_s,
        )
        # A keep-alive connection's previous response is complete: this request has none yet.
        self._cut(send_408=self._request_begun)

    def _check_body(self) -> None:
        self._body_timer = None
        if not self._body_pending:
            return
        now = time.monotonic()
        if not self.flow.read_paused:  # paused: the server is behind, not the client
            self._body_clock += now - self._body_tick
        self._body_tick = now
        limits = self.timeouts
        clock = self._body_clock
        if clock > limits.body_grace_s and self._body_bytes < limits.body_min_rate * clock:
            log.info(
                "closing a connection from %s: request body at %.0f bytes/s, below %g",
                _peer(self.client),
                self._body_bytes / clock,
                limits.body_min_rate,
            )
            self._cut(send_408=not (self.cycle is not None and self.cycle.response_started))
            return
        self._arm()

    def _cut(self, *, send_408: bool) -> None:
        """408 (unless a response to this request has started) and close; the app sees a
        disconnect. ``send_408`` says whether a request is under way at all."""
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if send_408:
            self.transport.write(TIMEOUT_408)
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True  # before the app can write into a closing transport
            cycle.message_event.set()
        self.transport.close()


def _declares_body(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return True
    return False


def _peer(client: tuple[str, int] | None) -> str:
    return "?" if client is None else f"{client[0]}:{client[1]}"


def protocol_class(timeouts: ReadTimeouts) -> type[asyncio.Protocol]:
    """A protocol class for `uvicorn.Config(http=...)` with these limits."""
    return type("KdsHttpProtocol", (GuardedHttpToolsProtocol,), {"timeouts": timeouts})

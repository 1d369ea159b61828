"""One SignalR connection: handshake state, incoming record processing and the outgoing queue.

Transport-independent: WebSockets, SSE and long polling only move bytes in and text out, so the
protocol behaviour (handshake, one invocation at a time, Ping, Close, size limit) is identical on
all three.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from kds.server.signalr import protocol as p
from kds.server.signalr.hub import Hub, invoke

if TYPE_CHECKING:
    from kds.server.signalr.manager import ConnectionManager

log = logging.getLogger("kds.server.signalr")

WEBSOCKETS = "WebSockets"
SERVER_SENT_EVENTS = "ServerSentEvents"
LONG_POLLING = "LongPolling"


class HubConnection:
    """State of one logical connection, keyed by its connection token.

    Attributes:
        connection_id: public id (visible to other clients); token: the secret ``id=`` value.
        transport: None until the first transport request picks one.
        groups: group names (per hub) this connection is in; they vanish with the connection.
        closed: set once no more records will be queued; ``aborted`` tells the transport to drop
            the line without flushing (the hub-drop fault).
    """

    def __init__(
        self,
        manager: ConnectionManager,
        hub: Hub,
        connection_id: str,
        token: str,
        principal: Any,
    ) -> None:
        self.manager = manager
        self.hub = hub
        self.connection_id = connection_id
        self.token = token
        self.principal = principal
        self.transport: str | None = None
        self.transport_active = False
        self.groups: set[str] = set()
        self.handshake_done = False
        self.closed = False
        self.aborted = False
        # How logs name it: the public id; under negotiate v0 the id is also the secret token
        # (ASP.NET's rule), so a short hash of it instead.
        self.log_id = (
            connection_id
            if connection_id != token
            else "v0#" + hashlib.sha256(connection_id.encode()).hexdigest()[:12]
        )
        now = time.monotonic()
        self.created_at = now
        self.last_sent = now
        self.last_received = now
        self.last_active = now  # last moment a transport request was outstanding
        self.transport_started_at = now
        self.closed_at = now
        self.client_timeout_started = False
        self.poll_generation = 0
        self._outgoing: deque[str] = deque()
        self._wakeup = asyncio.Event()
        self._buffer = p.RecordBuffer(manager.options.max_message_bytes)
        self._receive_lock = asyncio.Lock()

    # ------------------------------------------------------------ outgoing

    def send(self, record: str) -> None:
        """Queue one complete record; the transport writes it whole (never split)."""
        if self.closed:
            return
        if len(self._outgoing) >= self.manager.options.max_pending_records:
            log.warning("dropping connection %s: client is not reading", self.log_id)
            self.close(abort=True)
            return
        self._outgoing.append(record)
        self.last_sent = time.monotonic()
        self._wakeup.set()

    def has_outgoing(self) -> bool:
        return bool(self._outgoing)

    def take_outgoing(self) -> str:
        """Everything queued, as one payload of whole records (clients accept batches)."""
        out = "".join(self._outgoing)
        self._outgoing.clear()
        self._wakeup.clear()
        return out

    async def wait_outgoing(self, timeout_s: float | None = None) -> bool:
        """Wait until something is queued or the connection closed; False on timeout."""
        if self._outgoing or self.closed:
            return True
        return await self.wait_changed(timeout_s)

    async def wait_changed(self, timeout_s: float | None = None) -> bool:
        """Wait for any wake-up (send, close, ``wake``); False on timeout."""
        if timeout_s is None:
            await self._wakeup.wait()
            return True
        try:
            await asyncio.wait_for(self._wakeup.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    def wake(self) -> None:
        """Make transport loops re-check their state (client gone, poll replaced)."""
        self._wakeup.set()

    def wake_consumed(self) -> None:
        self._wakeup.clear()

    def close(self, record: str | None = None, *, abort: bool = False) -> None:
        """Stop: queue a final Close record unless aborting, then wake the transport."""
        if self.closed:
            return
        if abort:
            self.aborted = True
            self._outgoing.clear()
        elif record is not None and self.handshake_done:
            self._outgoing.append(record)
        self.closed = True
        self._wakeup.set()
        self.manager.forget(self)

    # ------------------------------------------------------------ incoming

    async def receive(self, data: bytes) -> None:
        """Process bytes from the client: records in order, one invocation at a time."""
        async with self._receive_lock:
            if self.closed:
                return
            self.last_received = time.monotonic()
            try:
                records = self._buffer.feed(data)
            except p.ProtocolError as exc:
                self._fail(exc)
                return
            for record in records:
                if self.closed:
                    return
                if not self.handshake_done:
                    self._handshake(record)
                    continue
                try:
                    message = p.parse_message(record)
                except p.ProtocolError as exc:
                    self._fail(exc)
                    return
                await self._dispatch(message)

    def _handshake(self, record: bytes) -> None:
        try:
            request = p.parse_handshake(record)
            p.check_handshake(request)
        except p.HandshakeError as exc:
            self._refuse_handshake(str(exc))
            return
        except p.ProtocolError as exc:
            log.info("handshake parse error on %s: %s", self.hub.path, exc)
            self._refuse_handshake(p.HANDSHAKE_PARSE_ERROR)
            return
        self.handshake_done = True
        self.send(p.HANDSHAKE_OK)
        log.debug("connection %s handshake done (json v%d)", self.log_id, request.version)

    def _refuse_handshake(self, text: str) -> None:
        # The error response is the last thing sent; no Close message follows a failed handshake.
        self.send(p.encode_handshake_error(text))
        self.close()

    def handshake_timed_out(self) -> None:
        self._refuse_handshake(p.HANDSHAKE_CANCELED)

    def _fail(self, exc: p.ProtocolError) -> None:
        log.info("closing connection %s on %s: %s", self.log_id, self.hub.path, exc)
        if not self.handshake_done:
            text = (
                p.HANDSHAKE_CANCELED
                if isinstance(exc, p.MessageTooLargeError)
                else p.HANDSHAKE_PARSE_ERROR
            )
            self._refuse_handshake(text)
            return
        detail = f" InvalidDataException: {exc}" if self.manager.options.detailed_errors else ""
        self.close(p.encode_close(p.CLOSE_WITH_ERROR + detail))

    async def _dispatch(self, message: p.HubMessage) -> None:
        if isinstance(message, (p.Invocation, p.StreamInvocation)):
            reply = await invoke(self.hub, self, message, self.manager.options.detailed_errors)
            if reply is not None:
                self.send(reply)
        elif isinstance(message, p.Ping):
            # ASP.NET starts the client-timeout clock at the first client Ping.
            self.client_timeout_started = True
        elif isinstance(message, p.Close):
            log.debug("client closed connection %s", self.log_id)
            self.close()
        # Completion (no server→client invocations are made), CancelInvocation (no streams run),
        # StreamItem (no upload streams), Ack/Sequence/unknown types: ignored, as ASP.NET does.

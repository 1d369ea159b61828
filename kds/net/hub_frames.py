"""WebSocket messages off the hub socket: bounded in size and read in linear time.

signalrcore 1.0.2 reads a frame by allocating whatever length the header declares (up to
2**63 bytes, so a 100 MB frame was read whole) and joins continuation fragments with
``payload += data``, so a message in many small fragments costs time quadratic in its size;
its exact-read loop grows a ``bytes`` the same way. Issue 19 reproduced both against a hostile
server. ``FrameReader`` replaces that reader for ``kds.net.hub_socket.TimedWebSocketClient``:
a frame's declared length is checked against ``MAX_HUB_MESSAGE_BYTES`` (together with the
fragments already read) before a byte of it is read or allocated, each payload is read into
one preallocated buffer, and fragments are collected in a list and joined once.
"""

from __future__ import annotations

import logging
import struct
import threading
from collections.abc import Callable

from signalrcore.transport.sockets.errors import SocketClosedError

__all__ = ["MAX_HUB_MESSAGE_BYTES", "FrameReader", "MessageTooLarge", "log_refusal"]

log = logging.getLogger(__name__)

MAX_HUB_MESSAGE_BYTES = 1_048_576
"""The largest hub message (all its fragments together) the client accepts: 1 MiB.

Why this number: the largest message the backend sends in normal work is an order event, an
``OrderStatusBroadcastDto`` of under 1 KB, and hub completions are smaller still; 1 MiB is a
thousand times that, so no real event comes near it, while a server (or whatever answers in its
place) that sends more cannot make a kitchen screen allocate and parse it. Beyond it the
connection is dropped and the hub client reconnects as after any other drop.
"""

_OP_CLOSE = 0x8
_FIRST_CONTROL_OPCODE = 0x8  # opcodes 0x8-0xF are control frames (close, ping, pong, reserved)


class MessageTooLarge(ConnectionError):
    """The server sent (or declared) a hub message over the limit; the connection is dropped.

    A ``ConnectionError``: to the hub client it is one more dropped socket, and it reconnects.
    The text says how big and the limit, never any of the payload.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"a hub message of {size} bytes is over the {limit}-byte limit")
        self.size = size
        self.limit = limit


class FrameReader:
    """Reads whole WebSocket messages (RFC 6455 frames, fragments joined) from a socket.

    Args:
        recv_into: the socket's ``recv_into`` (returns 0 at the end of the stream).
        limit: the largest message accepted, in bytes (all fragments together).
    """

    def __init__(
        self, recv_into: Callable[[memoryview], int], limit: int = MAX_HUB_MESSAGE_BYTES
    ) -> None:
        self._recv_into = recv_into
        self.limit = limit

    def read_message(self) -> bytearray:
        """The next message's payload (fragments joined), or a lone control frame's payload.

        A ping or pong between messages is returned like a message, as signalrcore did (the
        transport counts it as traffic and skips it); one between the fragments of a message
        is not part of it and is skipped. A Close frame raises ``SocketClosedError``.

        Raises:
            MessageTooLarge: a frame's declared length would take the message over the limit
                (nothing of it has been read).
        """
        parts: list[bytearray] = []
        size = 0
        while True:
            fin, opcode, length = self._read_header()
            if size + length > self.limit:
                raise MessageTooLarge(size + length, self.limit)
            if opcode >= _FIRST_CONTROL_OPCODE:
                if opcode == _OP_CLOSE:
                    raise SocketClosedError()
                data = self.read_exactly(length)
                if not parts:
                    return data
                continue
            parts.append(self.read_exactly(length))
            size += length
            if fin:
                # One fragment, the usual case: no copy. Several: one join, linear in the size.
                return parts[0] if len(parts) == 1 else bytearray().join(parts)

    def read_exactly(self, n: int) -> bytearray:
        """Exactly ``n`` bytes, into one buffer allocated once (``n`` is already bounded)."""
        buf = bytearray(n)
        view = memoryview(buf)
        got = 0
        while got < n:
            k = self._recv_into(view[got:])
            if k == 0:
                raise SocketClosedError()
            got += k
        return buf

    def _read_header(self) -> tuple[bool, int, int]:
        """``(fin, opcode, payload length)`` of the next frame; its payload is not read."""
        first, second = self.read_exactly(2)
        if second & 0x80:
            # RFC 6455 §5.1: a server never masks; a client fails the connection.
            raise ConnectionError("the hub server sent a masked frame")
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", self.read_exactly(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", self.read_exactly(8))[0]
        return bool(first & 0x80), first & 0x0F, length


_refusal_lock = threading.Lock()
_refusal_warned = False


def log_refusal(error: MessageTooLarge) -> None:
    """One WARNING per process for a refused message, DEBUG for every later one.

    A server that keeps sending oversized messages would otherwise write a warning per
    reconnect into the kiosk's log; the first says what happened, the rest add nothing.
    """
    global _refusal_warned
    with _refusal_lock:
        first = not _refusal_warned
        _refusal_warned = True
    level = logging.WARNING if first else logging.DEBUG
    log.log(
        level,
        "refused a hub message of %d bytes, over the %d-byte limit: dropping the connection"
        " to reconnect",
        error.size,
        error.limit,
    )

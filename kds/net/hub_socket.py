"""The WebSocket under the hub: signalrcore's socket client, made safe to stop at any moment.

signalrcore frames and reads the socket; connecting, the reader loop and teardown are redone
here, because the chaos suite found them racing each other (see each ``WORKAROUND``). Used by
``kds.net.hub_signalrcore``, which adds the SignalR layer on top.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket
import threading
import urllib.parse
from typing import Any

from signalrcore.transport.sockets.errors import (
    NoHeaderException,
    SocketClosedError,
    SocketHandshakeError,
)
from signalrcore.transport.websockets.websocket_client import WebSocketClient

from kds.net.hub_frames import FrameReader, MessageTooLarge, log_refusal

__all__ = ["TimedWebSocketClient", "UpgradeRefused", "describe_drop"]

log = logging.getLogger(__name__)

MAX_UPGRADE_ANSWER_BYTES = 65_536
"""The longest HTTP answer to the upgrade request read before giving up (a real one is ~200 B)."""


class TimedWebSocketClient(WebSocketClient):  # type: ignore[misc]  # untyped library
    """signalrcore's socket reader with timeouts and a teardown that cannot hang."""

    connect_timeout_s: float = 10.0
    # Called on the reader thread when it ends, however it ends, with what ended it (None: a
    # close of ours or the server's Close message).
    on_reader_exit: Any = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._life = threading.Lock()  # guards sock, recv_thread and _disposed together
        self._disposed = False
        self._frames = FrameReader(self._recv_into)
        self._early = b""  # bytes that came after the upgrade answer, read before the socket

    def create_socket(self) -> socket.socket:
        # WORKAROUND (notes §2.2 #11): signalrcore calls socket.create_connection without a
        # timeout, so a frozen server (SIGSTOP, half-open NAT) blocks start() forever. The
        # timeout covers the TCP connect, TLS and the HTTP upgrade read; run() lifts it.
        parts = urllib.parse.urlsplit(self.url)
        secure = parts.scheme in ("wss", "https")
        port = parts.port or (443 if secure else 80)
        host = parts.hostname or "localhost"
        raw = socket.create_connection((host, port), timeout=self.connect_timeout_s)
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if secure:
            wrapped: socket.socket = self.ssl_context.wrap_socket(raw, server_hostname=host)
            return wrapped
        return raw

    def get_socket_headers(self) -> list[str]:
        # signalrcore writes "Host: <hostname>" without the port; RFC 7230 wants the port when
        # it is not the default, and proxies/virtual hosts route on it.
        lines: list[str] = super().get_socket_headers()
        netloc = urllib.parse.urlsplit(self.url).netloc.rpartition("@")[2]
        return [f"Host: {netloc}" if line.startswith("Host: ") else line for line in lines]

    def connect(self) -> None:
        """Open the socket, upgrade it, then start the reader — unless disposed meanwhile.

        WORKAROUND (found by the chaos suite under CPU load): signalrcore's ``connect()`` sets
        ``running``, creates the reader thread and starts it without a lock, so a ``stop()``
        from another thread could land in between: ``dispose()`` joined a thread that had not
        started (``RuntimeError``), and the thread then started on the closed socket and died
        on ``EBADF``. It also left the socket open when the upgrade was refused. Here the
        socket and the reader thread are published under ``_life``, the lock ``dispose()``
        takes, so a dispose either comes first (nothing starts) or sees a started thread.
        """
        sock = self.create_socket()
        with self._life:
            if self._disposed:
                sock.close()
                raise ConnectionAbortedError("hub connection closed while connecting")
            self.sock = sock
        try:
            self._upgrade(sock)
        except BaseException:
            self.dispose()
            raise
        with self._life:
            if self._disposed:
                raise ConnectionAbortedError("hub connection closed during the upgrade")
            self.running = True
            self.recv_thread = threading.Thread(target=self.run, name=self.thread_name, daemon=True)
            self.recv_thread.start()

    def _upgrade(self, sock: socket.socket) -> None:
        """Send the HTTP upgrade request and read the answer up to its blank line."""
        lines = [*self.get_socket_headers(), *(f"{k}: {v}" for k, v in self.headers.items())]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = bytearray()
        while b"\r\n\r\n" not in answer:
            if len(answer) > MAX_UPGRADE_ANSWER_BYTES:  # a hostile server's endless headers
                raise SocketHandshakeError("WebSocket upgrade answer too long")
            chunk = sock.recv(4096)
            if not chunk:
                raise SocketHandshakeError("connection closed during the WebSocket upgrade")
            answer += chunk
        head, _, early = bytes(answer).partition(b"\r\n\r\n")
        status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = status_line.split(" ", 2)
        status = parts[1] if len(parts) > 1 else ""
        if status != "101":
            # The status line only: the rest of a refusal is headers the log needs no copy of.
            raise UpgradeRefused(status, status_line)
        # A frame sent right behind the 101 can share its read: it is the first frame.
        self._early = early

    def run(self) -> None:
        """The reader loop: frames to ``on_message`` until the socket ends, however it ends.

        WORKAROUND: signalrcore's own loop logs every dropped socket at ERROR with a full
        traceback ("Receive error: [Errno 104] …" and the stack, dozens per chaos schedule and
        so in a kiosk's log after every Wi-Fi blip), reports a close only for some exits, and
        lets an exception raised before its ``try`` (the handshake send, found by the chaos
        suite) escape the thread. Here every exit ends in ``on_reader_exit(error)`` and the
        hub client says in one line what dropped; the traceback is kept for DEBUG.
        """
        error: BaseException | None = None
        try:
            # Blocking reads from here on: silence is the supervisor's watchdog's business. A
            # stop() may already have closed the socket: EBADF here ends the loop like any drop.
            self.sock.settimeout(None)
            self.on_open()  # sends the SignalR handshake request
            while self.running:
                message = self._recv_frame()
                if message is not None:
                    self.on_message(self, message)
        except MessageTooLarge as exc:
            # The rest of the message is still unread on the socket, so this connection is
            # done: shut it down (the server sees it closed, dispose() still closes the fd)
            # and end the loop like any dropped socket, so the hub client reconnects.
            error = exc
            log_refusal(exc)
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)
        except Exception as exc:
            error = exc
        finally:
            self.running = False
            if self.on_reader_exit is not None:
                self.on_reader_exit(error)

    def _recv_frame(self) -> Any:
        """The next message, read by ``FrameReader``: bounded in size, linear in time.

        WORKAROUND (issue 19): signalrcore's reader allocated any declared length and joined
        fragments in quadratic time; see ``kds.net.hub_frames``.
        """
        return self.prepare_data(self._frames.read_message())

    def _recv_into(self, view: memoryview) -> int:
        if self._early:
            n = min(len(view), len(self._early))
            view[:n] = self._early[:n]
            self._early = self._early[n:]
            return n
        received: int = self.sock.recv_into(view)
        return received

    def dispose(self) -> None:
        """Close the socket and wait for the reader thread; idempotent, safe from any thread.

        WORKAROUND (notes §2.2 #12, and SIGSTOP tests): close() alone does not wake a thread
        blocked in recv() on Linux, and signalrcore then joins that thread with no timeout;
        shutdown() makes the pending recv() return b"" at once. signalrcore also tells "the
        reader itself is disposing" by thread *name*, which every reader shares, so here it is
        the thread object. Joined before the close, so the reader never reads a closed fd.
        """
        with self._life:
            self._disposed = True
            sock: socket.socket | None = getattr(self, "sock", None)
            reader = self.recv_thread
        if sock is None:  # create_socket() failed or has not returned: no socket, no reader
            return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        if reader is not None and reader is not threading.current_thread():
            reader.join()
        sock.close()


def describe_drop(error: BaseException) -> str:
    """One line for what ended a hub socket: "reset by the peer", "closed by the server", …"""
    if isinstance(error, MessageTooLarge):
        return f"dropped: {error}"
    if isinstance(error, NoHeaderException | SocketClosedError):
        return "closed by the server"
    if isinstance(error, ConnectionResetError):
        return "reset by the peer"
    if isinstance(error, OSError) and error.errno == errno.EBADF:
        return "closed locally"
    return f"dropped ({type(error).__name__}: {error})"


class UpgradeRefused(Exception):
    """The server answered the WebSocket upgrade with another status than 101."""

    def __init__(self, status: str, status_line: str) -> None:
        super().__init__(f"WebSocket upgrade refused: {status_line}")
        self.status = status

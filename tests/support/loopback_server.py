"""`LoopbackServer`: a raw TCP server on 127.0.0.1 answering each connection on its own thread.

The net layer's defences (a hub message too big, an answer trickled a byte at a time) can only
be shown against a server that misbehaves at the byte level, which no library server does. The
test gives the answer (``answer(conn, request_head)``); this class accepts, reads the request's
head, runs the answer, and at `close` stops everything and joins its threads (the suite's leak
check counts threads and sockets).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

__all__ = ["LoopbackServer", "read_head"]

Answer = Callable[[socket.socket, bytes], None]


def read_head(conn: socket.socket) -> bytes:
    """An HTTP request's head (up to the blank line), or what came before the peer closed."""
    request = b""
    while b"\r\n\r\n" not in request and (chunk := conn.recv(4096)):
        request += chunk
    return request


class LoopbackServer:
    """Accepts on a free loopback port; every connection gets ``answer`` on a thread of its own.

    Attributes:
        port, base_url: where it listens (``http://127.0.0.1:<port>``).
        stopping: set by `close`; an answer that waits should wait on it.
    """

    def __init__(self, answer: Answer, name: str) -> None:
        self._answer = answer
        self._name = name
        self.stopping = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, name=f"{name}-server")
        self._accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self._conns.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), name=f"{self._name}-conn")
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            self._answer(conn, read_head(conn))

    def close(self) -> None:
        """Stop listening, cut every connection still open, join every thread."""
        self.stopping.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._accepting.join(5)
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)

"""The total deadline of an HTTP call against a server that trickles its answer (issue 19).

httpx's timeouts are per read: a server sending one byte every 0.3 s held a call with a 10 s
timeout for 18 s and more. ``TrickleServer`` is a raw loopback HTTP server that does that, to
the body or to the headers.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from kds.net.http_deadline import call_deadline, deadline_transport

BODY_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"


class TrickleServer:
    """Answers every request by sending ``head`` at once, then ``drip`` a byte every 0.3 s.

    ``requests`` counts the requests read; ``close()`` stops every connection.
    """

    def __init__(self, head: bytes = BODY_HEAD, drip: bytes = b"[" * 1000) -> None:
        self.head = head
        self.drip = drip
        self.requests = 0
        self._stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, name="test-trickle-server")
        self._accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._answer, args=(conn,), name="test-trickle")
            self._threads.append(thread)
            thread.start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = b""
            while b"\r\n\r\n" not in request and (chunk := conn.recv(4096)):
                request += chunk
            self.requests += 1
            conn.sendall(self.head)
            for byte in self.drip:
                if self._stop.wait(0.3):
                    return
                conn.sendall(bytes([byte]))

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._accepting.join(5)
        for thread in self._threads:
            thread.join(5)


@pytest.fixture
def trickle() -> Iterator[TrickleServer]:
    server = TrickleServer()
    yield server
    server.close()


def test_a_body_trickled_a_byte_at_a_time_ends_at_the_deadline(trickle: TrickleServer) -> None:
    with httpx.Client(transport=deadline_transport(), timeout=10) as client:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout), call_deadline(1.0):
            client.get(trickle.url)
        elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 5  # without the deadline: 300 s (every read well inside 10 s)


def test_headers_trickled_a_byte_at_a_time_end_at_the_deadline() -> None:
    server = TrickleServer(head=b"", drip=BODY_HEAD)
    try:
        with httpx.Client(transport=deadline_transport(), timeout=10) as client:
            started = time.monotonic()
            with pytest.raises(httpx.ReadTimeout), call_deadline(1.0):
                client.get(server.url)
            assert time.monotonic() - started < 5
    finally:
        server.close()


def test_a_deadline_already_passed_fails_before_connecting(trickle: TrickleServer) -> None:
    client = httpx.Client(transport=deadline_transport(), timeout=10)
    with client, pytest.raises(httpx.ConnectTimeout), call_deadline(-1):
        client.get(trickle.url)
    assert trickle.requests == 0


def test_without_a_deadline_the_transport_is_plain_httpx() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    server = TrickleServer(head=answer, drip=b"{}")
    try:
        with httpx.Client(transport=deadline_transport(), timeout=10) as client:
            resp = client.get(server.url)
        assert resp.status_code == 200
        assert resp.content == b"{}"
    finally:
        server.close()

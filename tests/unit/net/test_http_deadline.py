"""The total deadline of an HTTP call against a server that trickles its answer (issue 19).

httpx's timeouts are per read: a server sending one byte every 0.3 s held a call with a 10 s
timeout for 18 s and more. ``TrickleServer`` is a raw loopback HTTP server that does that, to
the body or to the headers.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from kds.net.http_deadline import call_deadline, deadline_transport
from tests.support.loopback_server import LoopbackServer

BODY_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"


class TrickleServer(LoopbackServer):
    """Answers every request by sending ``head`` at once, then ``drip`` a byte every 0.3 s.

    ``requests`` counts the requests read; ``close()`` stops every connection.
    """

    def __init__(self, head: bytes = BODY_HEAD, drip: bytes = b"[" * 1000) -> None:
        self.head = head
        self.drip = drip
        self.requests = 0
        super().__init__(self._trickle, "test-trickle")
        self.url = self.base_url

    def _trickle(self, conn: socket.socket, _request: bytes) -> None:
        self.requests += 1
        conn.sendall(self.head)
        for byte in self.drip:
            if self.stopping.wait(0.3):
                return
            conn.sendall(bytes([byte]))


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

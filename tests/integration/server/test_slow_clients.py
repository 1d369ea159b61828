"""Slow clients are cut (issue 19), long-lived transports are not: raw sockets against the real
server started with short read limits (1 s for headers; 1000 bytes/s after a 1 s grace)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.sync.client import connect

from tests.interop.rawclient import RS, negotiate, ws_url
from tests.support.fixtures import DEV_ARGS
from tests.support.helpers import auth, login, staff
from tests.support.server import ServerProcess

LIMITS = ["--header-timeout-s", "1", "--body-min-rate", "1000", "--body-grace-s", "1"]
HUB = "/hubs/restaurant-orders"
HANDSHAKE = '{"protocol":"json","version":1}' + RS
PAST_THE_LIMITS_S = 2.5  # longer than either limit above (a wait, not a timing assertion)
GIVE_UP_S = 20.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    base = tmp_path_factory.mktemp("slow")
    srv = ServerProcess([*DEV_ARGS, *LIMITS], str(base / "kds.db"), log_dir=str(base))
    srv.start()
    try:
        yield srv
    finally:
        srv.close()


def _trickle(server: ServerProcess, head: bytes, drip: bytes) -> bytes:
    """Send `head`, then `drip` every 0.2 s until the server closes; everything it answered."""
    received = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=0.2) as sock:
        sock.sendall(head)
        deadline = time.monotonic() + GIVE_UP_S
        while time.monotonic() < deadline:
            try:
                if drip:
                    sock.sendall(drip)
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                return received
            if not chunk:
                return received
            received += chunk
    pytest.fail(f"the server kept a slow client for {GIVE_UP_S} s (answered {received!r})")


def test_headers_trickled_a_line_at_a_time_are_cut_with_408(server: ServerProcess) -> None:
    answer = _trickle(server, b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n", b"X-Slow: 1\r\n")
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_a_silent_connection_is_closed(server: ServerProcess) -> None:
    assert _trickle(server, b"", b"") == b""


def test_a_body_trickled_below_the_minimum_rate_is_cut_with_408(server: ServerProcess) -> None:
    head = (
        b"POST /api/v1/dev/faults/redeliver HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
    )
    answer = _trickle(server, head, b" ")
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_normal_requests_still_work(server: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200 ")
    body = b" " * 5000 + b"{}"  # a larger body sent at once: far above the rate
    response = httpx.post(f"{server.url}/api/v1/dev/faults/clear", content=body, timeout=10)
    assert response.status_code == 200


def _connection(server: ServerProcess, token: str) -> str:
    return str(negotiate(server.url, HUB, token).json()["connectionToken"])


def test_long_polls_sse_and_websockets_outlive_the_limits(server: ServerProcess) -> None:
    token = login(server.url, *staff("pho-hanoi"))
    url, headers = f"{server.url}{HUB}", auth(token)
    http = httpx.Client(timeout=30, headers=headers)
    # Long polling: handshake done, then a poll that the server holds (up to 90 s) while idle.
    poll_id = _connection(server, token)
    assert http.get(url, params={"id": poll_id}).status_code == 200
    http.post(url, params={"id": poll_id}, content=HANDSHAKE)
    assert http.get(url, params={"id": poll_id}).text == "{}" + RS
    held: list[httpx.Response] = []
    poller = threading.Thread(target=lambda: held.append(http.get(url, params={"id": poll_id})))
    poller.start()
    # SSE: a stream open before the wait. WebSocket: an upgraded socket, idle during the wait.
    sse_id = _connection(server, token)
    sse_headers = {"Accept": "text/event-stream"}
    with (
        http.stream("GET", url, params={"id": sse_id}, headers=sse_headers) as stream,
        connect(
            ws_url(server.url, HUB, _connection(server, token)), additional_headers=headers
        ) as ws,
    ):
        assert stream.status_code == 200
        time.sleep(PAST_THE_LIMITS_S)
        call = {"type": 1, "invocationId": "1", "target": "UnsubscribeFromRestaurant"}
        call["arguments"] = ["6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"]
        http.post(url, params={"id": poll_id}, content=json.dumps(call) + RS)
        poller.join(30)
        assert held
        assert held[0].status_code == 200
        assert json.loads(held[0].content.decode().rstrip(RS))["invocationId"] == "1"
        http.post(url, params={"id": sse_id}, content=HANDSHAKE)
        data = next(line for line in stream.iter_lines() if line.startswith("data:"))
        assert data == "data: {}"
        ws.send(HANDSHAKE)
        assert ws.recv(timeout=5) == "{}" + RS
    http.close()

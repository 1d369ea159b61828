"""Long polling, Server-Sent Events, POST sends and DELETE of the standalone hub server."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.interop.rawclient import RS, negotiate, split_records
from tests.support.helpers import wait_until
from tests.unit.server.signalr.conftest import GOOD_TOKEN, HUB, ThreadedServer

AUTH = {"Authorization": f"Bearer {GOOD_TOKEN}"}
HANDSHAKE = ('{"protocol":"json","version":1}' + RS).encode()


def new_id(server: ThreadedServer) -> str:
    return str(negotiate(server.url, HUB, GOOD_TOKEN).json()["connectionToken"])


def poll(server: ThreadedServer, conn_id: str, timeout_s: float = 10) -> httpx.Response:
    return httpx.get(f"{server.url}{HUB}?id={conn_id}&_=1", headers=AUTH, timeout=timeout_s)


def post(server: ThreadedServer, conn_id: str, body: bytes) -> httpx.Response:
    return httpx.post(f"{server.url}{HUB}?id={conn_id}", headers=AUTH, content=body, timeout=5)


def call(invocation_id: str, target: str, *args: object) -> bytes:
    message = {"type": 1, "invocationId": invocation_id, "target": target, "arguments": list(args)}
    return (json.dumps(message) + RS).encode()


def test_long_polling_round_trip(hub_server: ThreadedServer) -> None:
    conn_id = new_id(hub_server)
    started = time.monotonic()
    first = poll(hub_server, conn_id)
    assert first.status_code == 200
    assert first.content == b""
    assert first.headers["content-type"] == "application/octet-stream"
    assert time.monotonic() - started < 0.9  # at once, not after the 1 s poll timeout
    assert post(hub_server, conn_id, HANDSHAKE + call("0", "Echo", 1)).status_code == 200
    second = poll(hub_server, conn_id)
    assert second.status_code == 200
    assert split_records(second.text) == [{}, {"type": 3, "invocationId": "0", "result": 1}]
    assert "no-cache" in second.headers["cache-control"]


def test_long_poll_times_out_empty_and_long_polling_gets_no_pings(
    hub_server: ThreadedServer,
) -> None:
    conn_id = new_id(hub_server)
    poll(hub_server, conn_id)
    post(hub_server, conn_id, HANDSHAKE)
    assert poll(hub_server, conn_id).text == "{}" + RS
    started = time.monotonic()
    idle = poll(hub_server, conn_id)  # the module server's poll timeout is 1 s
    assert idle.status_code == 200
    assert idle.content == b""
    assert time.monotonic() - started >= 0.9


def test_posts_before_the_first_poll_are_kept(hub_server: ThreadedServer) -> None:
    # signalrcore sends its handshake POST before its first GET.
    conn_id = new_id(hub_server)
    assert post(hub_server, conn_id, HANDSHAKE + call("a", "Add", 1, 2)).status_code == 200
    assert poll(hub_server, conn_id).content == b""
    assert split_records(poll(hub_server, conn_id).text) == [
        {},
        {"type": 3, "invocationId": "a", "result": 3},
    ]


def test_delete_is_202_and_ends_the_outstanding_poll_with_204(hub_server: ThreadedServer) -> None:
    conn_id = new_id(hub_server)
    poll(hub_server, conn_id)
    post(hub_server, conn_id, HANDSHAKE)
    assert poll(hub_server, conn_id).text == "{}" + RS
    conn = hub_server.manager.get(conn_id)
    assert conn is not None
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(poll, hub_server, conn_id)
        wait_until(lambda: conn.transport_active, 5)
        delete = httpx.delete(f"{hub_server.url}{HUB}?id={conn_id}", headers=AUTH)
        assert delete.status_code == 202
        assert pending.result(5).status_code == 204
    assert poll(hub_server, conn_id).status_code == 404


def test_a_newer_poll_replaces_the_outstanding_one(hub_server: ThreadedServer) -> None:
    conn_id = new_id(hub_server)
    poll(hub_server, conn_id)
    post(hub_server, conn_id, HANDSHAKE)
    assert poll(hub_server, conn_id).text == "{}" + RS
    conn = hub_server.manager.get(conn_id)
    assert conn is not None
    with ThreadPoolExecutor(2) as pool:
        older = pool.submit(poll, hub_server, conn_id)
        wait_until(lambda: conn.transport_active, 5)
        generation = conn.poll_generation
        newer = pool.submit(poll, hub_server, conn_id)
        assert older.result(5).status_code == 204
        wait_until(lambda: conn.poll_generation > generation and conn.transport_active, 5)
        post(hub_server, conn_id, call("x", "Echo", "late"))
        answer = newer.result(5)
    assert answer.status_code == 200
    assert split_records(answer.text) == [{"type": 3, "invocationId": "x", "result": "late"}]


def test_http_status_codes(hub_server: ThreadedServer) -> None:
    base = f"{hub_server.url}{HUB}"
    assert httpx.get(base, headers=AUTH).status_code == 400
    assert httpx.get(base, headers=AUTH).text == "Connection ID required"
    assert httpx.post(base, headers=AUTH).text == "Connection ID required"
    assert httpx.delete(base, headers=AUTH).status_code == 400
    unknown = httpx.get(f"{base}?id=nope", headers=AUTH)
    assert unknown.status_code == 404
    assert unknown.text == "No Connection with that ID"
    assert httpx.put(f"{base}?id=nope", headers=AUTH).status_code == 405
    unauthorized = httpx.get(f"{base}?id=nope")
    assert unauthorized.status_code == 401
    assert unauthorized.headers["www-authenticate"] == "Bearer"
    conn_id = new_id(hub_server)
    poll(hub_server, conn_id)
    sse = httpx.get(f"{base}?id={conn_id}", headers={**AUTH, "Accept": "text/event-stream"})
    assert sse.status_code == 400
    assert sse.text == "Cannot change transports mid-connection"


def test_server_sent_events(hub_server: ThreadedServer) -> None:
    conn_id = new_id(hub_server)
    url = f"{hub_server.url}{HUB}?id={conn_id}&access_token={GOOD_TOKEN}"
    with httpx.stream("GET", url, headers={"Accept": "text/event-stream"}, timeout=5) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"] == "text/event-stream"
        assert stream.headers["cache-control"] == "no-cache,no-store"
        assert stream.headers["pragma"] == "no-cache"
        assert stream.headers["content-encoding"] == "identity"
        chunks = stream.iter_raw()
        assert next(chunks) == b":\r\n"
        conflict = httpx.get(url, headers={"Accept": "text/event-stream"})
        assert conflict.status_code == 409
        assert post(hub_server, conn_id, HANDSHAKE).status_code == 200
        assert next(chunks) == b"data: {}\x1e\r\n\r\n"
        post(hub_server, conn_id, call("1", "Join", "sse") + call("2", "Broadcast", "sse", "hi"))
        received = b""
        records: list[dict[str, object]] = []
        while len(records) < 3:  # records may share one event: the writer batches
            received += next(chunks)
            events = [e for e in received.split(b"\r\n\r\n")[:-1] if e]
            records = [r for e in events for r in split_records(e.decode().removeprefix("data: "))]
        assert received.endswith(b"\r\n\r\n")
        assert {"type": 1, "target": "Message", "arguments": ["hi"]} in records
        assert {"type": 3, "invocationId": "2", "result": None} in records
    # The client went away without a DELETE: the server notices and forgets the connection.
    wait_until(lambda: hub_server.manager.get(conn_id) is None, 5)
    assert post(hub_server, conn_id, HANDSHAKE).status_code == 404
    assert not hub_server.manager.group_members(HUB, "sse")


def test_long_polling_connection_without_polls_is_disposed(hub_server: ThreadedServer) -> None:
    conn_id = new_id(hub_server)
    poll(hub_server, conn_id)
    post(hub_server, conn_id, HANDSHAKE)
    # disconnect_timeout_s is 2 s for the module server.
    wait_until(lambda: hub_server.manager.get(conn_id) is None, 6)
    assert poll(hub_server, conn_id).status_code == 404

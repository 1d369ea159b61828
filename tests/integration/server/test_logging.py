"""No token ever reaches the server's log, even at debug level and on failing requests."""

from __future__ import annotations

from http.client import HTTPConnection
from urllib.parse import urlsplit

from websockets.sync.client import connect

from tests.support import http
from tests.support.fixtures import ServerFactory
from tests.support.helpers import PHO_HANOI, auth, login_tokens, staff


def test_debug_log_has_no_tokens(server_factory: ServerFactory) -> None:
    server = server_factory(["--dev", "--outbox-interval-ms", "10", "--log-level", "debug"])
    url = server.url
    tokens = login_tokens(url, *staff("pho-hanoi"))
    access, refresh = tokens["accessToken"], tokens["refreshToken"]
    headers = auth(access)
    http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/orders/active", headers=headers)
    http.post(f"{url}/api/v1/users/refresh", json={"refreshToken": refresh})
    http.post(f"{url}/hubs/restaurant-orders/negotiate?negotiateVersion=1&access_token={access}")
    http.post(f"{url}/hubs/restaurant-orders/negotiate?negotiateVersion=1", headers=headers)
    http.get(
        f"{url}/api/v1/users/me?access_token={access}", headers={"Authorization": "Bearer nope-x"}
    )
    http.post(f"{url}/api/v1/orders/{PHO_HANOI}/accept", content=b"{bad", headers=headers)
    assert server.stop() == 0
    log = server.stderr_text()
    assert "Shutting down" in log  # the log was really written
    assert "GET /api/v1/users/me?access_token=*** 401" in log  # and the access log, redacted
    for secret in (access, refresh, "nope-x", "Password123!"):
        assert secret not in log


HUB = "/hubs/restaurant-orders"


def _send(
    url: str,
    method: str,
    target: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> int:
    """One request with exactly that target, by http.client: unlike httpx, it logs nothing,
    so the test's own client cannot put the spellings under test into the test log."""
    parts = urlsplit(url)
    conn = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _connection_token(url: str, headers: dict[str, str]) -> str:
    r = http.post(f"{url}{HUB}/negotiate?negotiateVersion=1", headers=headers)
    assert r.status_code == 200, r.text
    return str(r.json()["connectionToken"])


def test_tokens_in_any_spelling_and_forged_lines_never_reach_the_log(
    server_factory: ServerFactory,
) -> None:
    """Issue 19: `?access%5Ftoken=` logged the token, `%0a` in a path wrote a forged line,
    `%00` a NUL byte, and the hub transports' `id` (the connection token) was logged as is."""
    server = server_factory(["--dev", "--outbox-interval-ms", "10", "--log-level", "info"])
    url = server.url
    access = login_tokens(url, *staff("pho-hanoi"))["accessToken"]
    headers = auth(access)
    for query in (
        f"access%5Ftoken={access}",
        f"ACCESS_TOKEN={access}",
        f"a=1&access_token={access}&access%5ftoken={access}",
        f"token={access}%0a",
    ):
        assert _send(url, "GET", f"/api/v1/users/me?{query}") == 401
    forged = "nothing%0d%0a2026-12-08%2000:00:00,000%20INFO%20kds.server.access:%20FORGED%00end"
    assert _send(url, "GET", f"/api/v1/{forged}") == 404

    # Long polling: the first poll, a send and the close all carry the connection token.
    polled = _connection_token(url, headers)
    assert _send(url, "GET", f"{HUB}?id={polled}", headers) == 200
    handshake = b'{"protocol":"json","version":1}\x1e'
    assert _send(url, "POST", f"{HUB}?ID={polled}", headers, handshake) == 200
    assert _send(url, "DELETE", f"{HUB}?i%64={polled}", headers) == 202
    # WebSockets: uvicorn logs the upgrade request line itself.
    socket = _connection_token(url, headers)
    ws_url = url.replace("http://", "ws://", 1) + f"{HUB}?id={socket}&access_token={access}"
    with connect(ws_url, open_timeout=5, ping_interval=None) as ws:
        ws.send('{"protocol":"json","version":1}\x1e')
        assert ws.recv(timeout=5) == "{}\x1e"

    assert server.stop() == 0
    raw = server.stderr_path.read_bytes()
    log = raw.decode(errors="replace")
    assert "Shutting down" in log  # the log was really written
    assert b"\x00" not in raw
    assert b"\r" not in raw
    assert not any("FORGED" in line for line in log.splitlines() if "GET /api/v1/" not in line)
    assert "GET /api/v1/nothing%0d%0a2026-12-08%2000:00:00,000%20INFO" in log  # as sent
    assert "GET /api/v1/users/me?access%5Ftoken=*** 401" in log
    assert f"GET {HUB}?id=*** 200" in log
    assert f"POST {HUB}?ID=*** 200" in log
    assert f"DELETE {HUB}?i%64=*** 202" in log
    assert f"WebSocket {HUB}?id=***&access_token=***" in log
    for secret in (access, polled, socket):
        assert secret not in log

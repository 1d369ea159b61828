"""A hub connection answers only the user who negotiated it (issue 19, stricter than ASP.NET).

The connection token in ``?id=`` is not a credential of its own: a customer who learns a staff
member's token must not send, poll, stream or upgrade on that connection (and so must not borrow
its rights or read its restaurant's events). Every refusal is 403 with a WARNING line that names
users, never tokens. The owner, even with a fresh token from a second sign-in, still works.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.interop.rawclient import RS, negotiate, ws_url
from tests.support.helpers import CUSTOMER, PHO_HANOI, auth, login, staff
from tests.support.server import ServerProcess

HUB = "/hubs/restaurant-orders"
HANDSHAKE = '{"protocol":"json","version":1}' + RS
STAFF = staff("pho-hanoi")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    base: Path = tmp_path_factory.mktemp("owner")
    args = ["--dev", "--seed", "demo", "--log-level", "warning"]
    srv = ServerProcess(args, str(base / "kds.db"), log_dir=str(base))
    srv.start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def tokens(server: ServerProcess) -> dict[str, str]:
    return {"staff": login(server.url, *STAFF), "customer": login(server.url, *CUSTOMER)}


def _connection(server: ServerProcess, token: str) -> str:
    response = negotiate(server.url, HUB, token)
    assert response.status_code == 200
    return str(response.json()["connectionToken"])


def _invoke(inv_id: str, target: str, *args: str) -> str:
    return json.dumps({"type": 1, "invocationId": inv_id, "target": target, "arguments": args}) + RS


def _records(body: bytes) -> list[dict[str, object]]:
    return [json.loads(r) for r in body.decode().split(RS) if r]


def test_borrowed_long_polling_connection_is_refused(
    server: ServerProcess, tokens: dict[str, str]
) -> None:
    url = f"{server.url}{HUB}"
    conn = _connection(server, tokens["staff"])
    own, other = auth(tokens["staff"]), auth(tokens["customer"])
    with httpx.Client(timeout=10) as http:
        assert http.get(url, params={"id": conn}, headers=own).status_code == 200  # first poll
        assert (
            http.post(url, params={"id": conn}, headers=own, content=HANDSHAKE).status_code == 200
        )
        assert _records(http.get(url, params={"id": conn}, headers=own).content) == [{}]

        # The customer, holding the staff member's connection token: send, poll, DELETE.
        stolen = _invoke("stolen", "SubscribeToRestaurant", PHO_HANOI)
        sent = http.post(url, params={"id": conn}, headers=other, content=stolen)
        assert sent.status_code == 403
        query = {"id": conn, "access_token": tokens["customer"]}  # the query form is refused too
        assert http.get(url, params=query).status_code == 403
        assert http.delete(url, params={"id": conn}, headers=other).status_code == 403

        # The owner's connection is intact, and a second sign-in (new token, same user) works.
        again = auth(login(server.url, *STAFF))
        mine = _invoke("own", "UnsubscribeFromRestaurant", PHO_HANOI)
        assert http.post(url, params={"id": conn}, headers=again, content=mine).status_code == 200
        seen = _records(http.get(url, params={"id": conn}, headers=own).content)
        # One invocation at a time, in order: had the stolen one run, its completion came first.
        assert seen == [{"type": 3, "invocationId": "own", "result": None}]
        assert http.delete(url, params={"id": conn}, headers=own).status_code == 202

    log = server.stderr_text()
    assert log.count("refused") >= 3
    assert "WARNING" in log
    assert tokens["customer"] not in log
    assert tokens["staff"] not in log


def test_borrowed_connection_cannot_open_sse_or_websocket(
    server: ServerProcess, tokens: dict[str, str]
) -> None:
    url = f"{server.url}{HUB}"
    sse = {"Accept": "text/event-stream"}
    conn = _connection(server, tokens["staff"])
    with httpx.Client(timeout=10) as http:
        refused = http.get(url, params={"id": conn}, headers={**sse, **auth(tokens["customer"])})
        assert refused.status_code == 403
        # Untouched by the refusal: the owner opens the stream and completes the handshake.
        params = {"id": conn}
        with http.stream("GET", url, params=params, headers={**sse, **auth(tokens["staff"])}) as s:
            assert s.status_code == 200
            posted = http.post(url, params=params, headers=auth(tokens["staff"]), content=HANDSHAKE)
            assert posted.status_code == 200
            # (iter_lines splits at the 0x1E record separator as well)
            data = next(line for line in s.iter_lines() if line.startswith("data:"))
            assert data == "data: {}"

    conn = _connection(server, tokens["staff"])
    with pytest.raises(InvalidStatus) as excinfo:
        connect(ws_url(server.url, HUB, conn), additional_headers=auth(tokens["customer"]))
    assert excinfo.value.response.status_code == 403
    with connect(ws_url(server.url, HUB, conn), additional_headers=auth(tokens["staff"])) as ws:
        ws.send(HANDSHAKE)
        assert ws.recv(timeout=5) == "{}" + RS


def test_no_credentials_on_an_existing_connection_is_401(
    server: ServerProcess, tokens: dict[str, str]
) -> None:
    """The hubs are [Authorize]: an anonymous transport request is 401 as before (B4)."""
    conn = _connection(server, tokens["staff"])
    response = httpx.get(f"{server.url}{HUB}", params={"id": conn}, timeout=10)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"

"""Byte-level checks against the real kds-server's hubs (exact frames, texts and status codes)."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.interop.conftest import RESTAURANT_HUB, RID
from tests.interop.rawclient import RS, RawHub, negotiate, ws_url
from tests.support.helpers import PHO_HANOI, auth, login, owner, place_order
from tests.support.server import ServerProcess

pytestmark = pytest.mark.interop

CUSTOMER_HUB = "/hubs/customer-orders"


def open_ws(server: ServerProcess, token: str, hub: str = RESTAURANT_HUB) -> RawHub:
    body = negotiate(server.url, hub, token).json()
    ws = connect(
        ws_url(server.url, hub, body["connectionToken"]),
        additional_headers=auth(token),
        open_timeout=5,
        ping_interval=None,
        legacy=True,
    )
    return RawHub(ws, body)


def test_negotiate_bodies(server: ServerProcess, staff_token: str) -> None:
    v1 = negotiate(server.url, RESTAURANT_HUB, staff_token, 1).json()
    assert set(v1) == {"negotiateVersion", "connectionId", "connectionToken", "availableTransports"}
    v0 = negotiate(server.url, RESTAURANT_HUB, staff_token, None).json()
    assert set(v0) == {"negotiateVersion", "connectionId", "availableTransports"}
    assert [t["transport"] for t in v0["availableTransports"]] == [
        "WebSockets",
        "ServerSentEvents",
        "LongPolling",
    ]
    assert negotiate(server.url, RESTAURANT_HUB, None).status_code == 401
    assert negotiate(server.url, "/hubs/teamcart", staff_token).status_code == 404


@pytest.mark.parametrize(
    ("version", "reply"),
    [
        (0, "{}"),
        (1, "{}"),
        (2, "{}"),
        (3, '{"error":"The server does not support version 3 of the \'json\' protocol."}'),
    ],
)
def test_handshake_versions(
    server: ServerProcess, staff_token: str, version: int, reply: str
) -> None:
    with open_ws(server, staff_token) as raw:
        raw.send_text(f'{{"protocol":"json","version":{version}}}' + RS)
        assert raw.recv_frame() == reply + RS


def test_messagepack_is_refused_with_the_aspnet_text(
    server: ServerProcess, staff_token: str
) -> None:
    with open_ws(server, staff_token) as raw:
        raw.send_text('{"protocol":"messagepack","version":1}' + RS)
        assert raw.recv_frame() == '{"error":"The protocol \'messagepack\' is not supported."}' + RS
        with pytest.raises(ConnectionClosed):
            raw.recv_frame()


def test_partial_and_multi_record_frames(server: ServerProcess, staff_token: str) -> None:
    with open_ws(server, staff_token) as raw:
        subscribe = json.dumps(
            {"type": 1, "invocationId": "0", "target": "SubscribeToRestaurant", "arguments": [RID]}
        )
        unknown = '{"type":1,"invocationId":"1","target":"Bogus","arguments":[]}'
        raw.send_text('{"protocol":"json",')
        raw.send_text('"version":1}' + RS + subscribe[:20])
        raw.send_text(subscribe[20:] + RS + unknown + RS + '{"type":6}' + RS)
        assert raw.recv() == {}
        assert raw.recv() == {"type": 3, "invocationId": "0", "result": None}
        assert raw.recv() == {
            "type": 3,
            "invocationId": "1",
            "error": "Failed to invoke 'Bogus' due to an error on the server. "
            "HubException: Method does not exist.",
        }


def test_binary_frame_is_processed(server: ServerProcess, staff_token: str) -> None:
    with open_ws(server, staff_token) as raw:
        raw.ws.send(b'{"protocol":"json","version":1}\x1e')
        assert raw.recv_frame() == "{}" + RS
        raw.ws.send(
            b'{"type":1,"invocationId":"9","target":"UnsubscribeFromRestaurant","arguments":["%s"]}\x1e'
            % RID.encode()
        )
        assert raw.recv() == {"type": 3, "invocationId": "9", "result": None}


def test_32kb_limit_closes_with_an_error(server: ServerProcess, staff_token: str) -> None:
    with open_ws(server, staff_token) as raw:
        raw.send_text('{"protocol":"json","version":1}' + RS)
        assert raw.recv_frame() == "{}" + RS
        raw.send({"type": 1, "target": "SubscribeToRestaurant", "arguments": ["a" * 40_000]})
        assert raw.recv() == {"type": 7, "error": "Connection closed with an error."}
        with pytest.raises(ConnectionClosed):
            raw.recv_frame()


def test_owner_subscribes_to_several_restaurants_lowercase_groups(server: ServerProcess) -> None:
    token = login(server.url, "manager@kds.example", "Password123!")
    with RawHub.open(server.url, RESTAURANT_HUB, token) as raw:
        assert raw.invoke("SubscribeToRestaurant", PHO_HANOI.upper())["result"] is None
        assert (
            raw.invoke("SubscribeToRestaurant", "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02")["result"]
            is None
        )
        assert raw.invoke("SubscribeToRestaurant", PHO_HANOI)["result"] is None  # twice: harmless
        first = place_order(server.url, PHO_HANOI)
        second = place_order(server.url, "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02")
        seen: list[str] = []
        while len(seen) < 2:
            record = raw.recv()
            seen.append(record["arguments"][0]["orderId"])
        assert sorted(seen) == sorted([first["orderId"], second["orderId"]])


def test_administrator_and_customer_cannot_subscribe(server: ServerProcess) -> None:
    for user, password in [
        ("administrator@kds.example", "Administrator1!"),
        ("customer@kds.example", "Password123!"),
    ]:
        token = login(server.url, user, password)
        with RawHub.open(server.url, RESTAURANT_HUB, token) as raw:
            assert raw.invoke("SubscribeToRestaurant", RID)["error"].endswith(
                "HubException: Forbidden"
            )


def test_customer_hub_policy(server: ServerProcess) -> None:
    token = login(server.url, *owner("pho-hanoi"))
    with RawHub.open(server.url, CUSTOMER_HUB, token) as raw:
        order = place_order(server.url, RID)
        assert raw.invoke("SubscribeToOrder", order["orderId"])["error"] == (
            "An unexpected error occurred invoking 'SubscribeToOrder' on the server. "
            "HubException: Forbidden"
        )
        assert raw.invoke("UnsubscribeFromOrder", order["orderId"])["result"] is None


def test_tokens_are_redacted_from_server_logs(server: ServerProcess, staff_token: str) -> None:
    body = negotiate(server.url, RESTAURANT_HUB, staff_token).json()
    url = (
        ws_url(server.url, RESTAURANT_HUB, body["connectionToken"]) + f"&access_token={staff_token}"
    )
    with connect(url, open_timeout=5, ping_interval=None) as ws:
        ws.send('{"protocol":"json","version":1}' + RS)
        assert ws.recv(timeout=5) == "{}" + RS
    with pytest.raises(InvalidStatus):
        connect(
            ws_url(server.url, RESTAURANT_HUB, "unknown") + f"&access_token={staff_token}",
            open_timeout=5,
            legacy=True,
        )
    log = server.stderr_text()
    assert "access_token=***" in log  # the request line was logged, with the value scrubbed
    assert staff_token not in log


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.binary(max_size=64), min_size=1, max_size=4))
def test_arbitrary_frames_never_break_the_server(
    server: ServerProcess, staff_token: str, frames: list[bytes]
) -> None:
    with RawHub.open(server.url, RESTAURANT_HUB, staff_token) as raw:
        for frame in frames:
            try:
                raw.ws.send(frame)
            except ConnectionClosed:
                break
    # The server is still serving hubs (and REST) after whatever that was.
    with RawHub.open(server.url, RESTAURANT_HUB, staff_token) as raw:
        assert raw.invoke("UnsubscribeFromRestaurant", RID)["result"] is None
    assert httpx.get(f"{server.url}/ping").status_code == 200

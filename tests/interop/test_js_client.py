"""The official @microsoft/signalr client (Node) against the real kds-server, on all transports."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.interop.conftest import RESTAURANT_HUB, RID, start_server
from tests.interop.jsclient import JsClient
from tests.interop.rawclient import RawHub
from tests.support.helpers import BELLA_NAPOLI, auth, login, place_order, staff
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.interop, pytest.mark.usefixtures("node")]

TRANSPORTS = ["WebSockets", "ServerSentEvents", "LongPolling"]
EVENTS = ("ReceiveOrderPlaced", "ReceiveOrderStatusChanged")
DTO_KEYS = [
    "orderId",
    "orderNumber",
    "status",
    "restaurantId",
    "lastUpdateTimestamp",
    "estimatedDeliveryTime",
    "actualDeliveryTime",
    "deliveredAt",
    "occurredOnUtc",
    "eventId",
]


def accept(server: ServerProcess, token: str, order_id: str) -> None:
    eta = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = httpx.post(
        f"{server.url}/api/v1/orders/{order_id}/accept",
        json={"restaurantId": RID, "estimatedDeliveryTime": eta},
        headers=auth(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text


def order_event(client: JsClient, target: str, order_id: str) -> dict[str, object]:
    while True:
        event = client.expect("message", target=target)
        dto = event["args"][0]
        if dto["orderId"] == order_id:
            return dict(dto)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_subscribe_and_receive_order_events(
    server: ServerProcess, staff_token: str, transport: str
) -> None:
    with JsClient(server.url + RESTAURANT_HUB, staff_token, transport, targets=EVENTS) as client:
        started = client.start()
        assert started["event"] == "started", started
        assert started["connectionId"]
        assert client.invoke("SubscribeToRestaurant", RID) == {
            "event": "result",
            "id": 1,
            "result": None,
        }
        order = place_order(server.url, RID)
        placed = order_event(client, "ReceiveOrderPlaced", order["orderId"])
        assert list(placed) == DTO_KEYS
        assert placed["status"] == "Placed"
        accept(server, staff_token, order["orderId"])
        changed = order_event(client, "ReceiveOrderStatusChanged", order["orderId"])
        assert list(changed) == DTO_KEYS
        assert changed["status"] == "Accepted"
        assert changed["eventId"] != placed["eventId"]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_error_texts_reach_the_client_unchanged(
    server: ServerProcess, staff_token: str, transport: str
) -> None:
    with JsClient(server.url + RESTAURANT_HUB, staff_token, transport) as client:
        assert client.start()["event"] == "started"
        forbidden = client.invoke("SubscribeToRestaurant", BELLA_NAPOLI)
        assert forbidden["error"] == (
            "An unexpected error occurred invoking 'SubscribeToRestaurant' on the server. "
            "HubException: Forbidden"
        )
        unknown = client.invoke("NoSuchMethod", 1)
        assert unknown["error"] == (
            "Failed to invoke 'NoSuchMethod' due to an error on the server. "
            "HubException: Method does not exist."
        )
        not_a_guid = client.invoke("SubscribeToRestaurant", "pho-hanoi")
        assert not_a_guid["error"] == (
            "Failed to invoke 'SubscribeToRestaurant' due to an error on the server."
        )
        assert client.invoke("UnsubscribeFromRestaurant", BELLA_NAPOLI)["result"] is None


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_negotiate_without_token_is_401(server: ServerProcess, transport: str) -> None:
    with JsClient(server.url + RESTAURANT_HUB, None, transport) as client:
        failed = client.start()
        assert failed["event"] == "start_failed"
        assert failed["error"] == (
            "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'"
        )


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_automatic_reconnect_after_hub_drop_loses_groups(
    server: ServerProcess, staff_token: str, transport: str
) -> None:
    with JsClient(
        server.url + RESTAURANT_HUB,
        staff_token,
        transport,
        targets=EVENTS,
        reconnect_ms=[0, 200, 500],
    ) as client:
        first_id = client.start()["connectionId"]
        client.invoke("SubscribeToRestaurant", RID)
        drop = httpx.post(
            f"{server.url}/api/v1/dev/faults/hub-drop", json={"hub": RESTAURANT_HUB}, timeout=10
        )
        assert drop.status_code == 200
        client.expect("reconnecting")
        new_id = client.expect("reconnected")["connectionId"]
        assert new_id != first_id
        # Groups belong to the old connection: nothing arrives until the client re-joins. A raw
        # observer proves the "lost" event was broadcast before the re-join.
        with RawHub.open(server.url, RESTAURANT_HUB, staff_token) as observer:
            observer.invoke("SubscribeToRestaurant", RID)
            lost = place_order(server.url, RID)
            while observer.recv()["arguments"][0]["orderId"] != lost["orderId"]:
                pass
        client.invoke("SubscribeToRestaurant", RID)
        found = place_order(server.url, RID)
        assert order_event(client, "ReceiveOrderPlaced", found["orderId"])["status"] == "Placed"
        received = {e["args"][0]["orderId"] for e in client.seen if e.get("event") == "message"}
        assert lost["orderId"] not in received


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_server_shutdown_close_ends_the_client_without_reconnecting(
    tmp_path: Path, transport: str
) -> None:
    srv = start_server(tmp_path)
    try:
        token = login(srv.url, *staff("pho-hanoi"))
        with JsClient(srv.url + RESTAURANT_HUB, token, transport, reconnect_ms=[0, 100]) as client:
            assert client.start()["event"] == "started"
            assert srv.stop() == 0  # SIGTERM: a Close message without allowReconnect
            closed = client.expect("closed")
            assert closed["error"] is None
            assert not [e for e in client.seen if e.get("event") == "reconnecting"]
    finally:
        srv.close()


def test_client_timeout_close_allows_reconnect(tmp_path: Path) -> None:
    # The JS client pings every 15 s; a 1 s client timeout makes the server close the
    # connection with allowReconnect, which the client answers with automatic reconnect.
    srv = start_server(tmp_path, ["--client-timeout-s", "1", "--keepalive-s", "0.5"])
    try:
        token = login(srv.url, *staff("pho-hanoi"))
        with JsClient(srv.url + RESTAURANT_HUB, token, reconnect_ms=[0, 100, 100]) as client:
            first = client.start()["connectionId"]
            client.expect("reconnecting")
            assert client.expect("reconnected")["connectionId"] != first
    finally:
        srv.close()


@pytest.mark.parametrize(
    "options",
    [
        {"skipNegotiation": True},  # WebSockets straight away: the server makes a new connection
        {"statefulReconnect": True},  # asked for, not offered: plain connection, no Ack/Sequence
    ],
    ids=["skip-negotiation", "stateful-reconnect-declined"],
)
def test_websocket_options(
    server: ServerProcess, staff_token: str, options: dict[str, bool]
) -> None:
    with JsClient(
        server.url + RESTAURANT_HUB,
        staff_token,
        targets=EVENTS,
        extra_env={"KDS_OPTIONS": json.dumps(options)},
    ) as client:
        assert client.start()["event"] == "started"
        assert client.invoke("SubscribeToRestaurant", RID)["result"] is None
        order = place_order(server.url, RID)
        assert order_event(client, "ReceiveOrderPlaced", order["orderId"])["status"] == "Placed"

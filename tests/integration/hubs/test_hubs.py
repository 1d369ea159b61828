"""The real kds-server's hubs: outbox event routing, SIGTERM Close, keep-alive, teamcart."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from tests.interop.rawclient import RS, RawHub, negotiate, split_records
from tests.support.helpers import (
    CUSTOMER,
    PHO_HANOI,
    auth,
    login,
    pay,
    place_order,
    staff,
)
from tests.support.server import ServerProcess

RESTAURANT_HUB = "/hubs/restaurant-orders"
CUSTOMER_HUB = "/hubs/customer-orders"
TEAMCART_HUB = "/hubs/teamcart"
ARGS = ["--dev", "--seed", "demo", "--outbox-interval-ms", "10", "--log-level", "warning"]


def start(base: Path, *extra: str) -> ServerProcess:
    return ServerProcess([*ARGS, *extra], str(base / "kds.db"), log_dir=str(base)).start()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    srv = start(tmp_path_factory.mktemp("hubs"), "--keepalive-s", "0.3", "--teamcart")
    try:
        yield srv
    finally:
        srv.close()


def events_until(raw: RawHub, order_id: str, count: int) -> list[tuple[str, dict[str, Any]]]:
    """The next ``count`` events about ``order_id`` as (target, dto)."""
    found: list[tuple[str, dict[str, Any]]] = []
    while len(found) < count:
        record = raw.recv()
        if record.get("type") == 1 and record["arguments"][0].get("orderId") == order_id:
            found.append((record["target"], record["arguments"][0]))
    return found


def accept(server: ServerProcess, token: str, order_id: str) -> None:
    eta = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = httpx.post(
        f"{server.url}/api/v1/orders/{order_id}/accept",
        json={"restaurantId": PHO_HANOI, "estimatedDeliveryTime": eta},
        headers=auth(token),
    )
    assert response.status_code == 200, response.text


def test_routing_of_order_events_to_both_hubs(server: ServerProcess) -> None:
    staff_token = login(server.url, *staff("pho-hanoi"))
    order = place_order(server.url, PHO_HANOI, payment_method="CreditCard")
    # The customer's OrderOwner claim is taken at sign-in, so sign in after the order exists.
    customer_token = login(server.url, *CUSTOMER)
    with (
        RawHub.open(server.url, RESTAURANT_HUB, staff_token) as restaurant,
        RawHub.open(server.url, CUSTOMER_HUB, customer_token) as customer,
    ):
        assert restaurant.invoke("SubscribeToRestaurant", PHO_HANOI)["result"] is None
        assert customer.invoke("SubscribeToOrder", order["orderId"])["result"] is None
        pay(server.url, order["orderId"], succeeded=True)
        accept(server, staff_token, order["orderId"])
        assert [t for t, _ in events_until(restaurant, order["orderId"], 3)] == [
            "ReceiveOrderPaymentSucceeded",
            "ReceiveOrderPlaced",
            "ReceiveOrderStatusChanged",
        ]
        # Customers never get ReceiveOrderPlaced (8.5).
        assert [t for t, _ in events_until(customer, order["orderId"], 2)] == [
            "ReceiveOrderPaymentSucceeded",
            "ReceiveOrderStatusChanged",
        ]


def test_failed_payment_reaches_restaurant_only_as_cancelled(server: ServerProcess) -> None:
    staff_token = login(server.url, *staff("pho-hanoi"))
    order = place_order(server.url, PHO_HANOI, payment_method="PayPal")
    customer_token = login(server.url, *CUSTOMER)
    with (
        RawHub.open(server.url, RESTAURANT_HUB, staff_token) as restaurant,
        RawHub.open(server.url, CUSTOMER_HUB, customer_token) as customer,
    ):
        restaurant.invoke("SubscribeToRestaurant", PHO_HANOI)
        customer.invoke("SubscribeToOrder", order["orderId"])
        pay(server.url, order["orderId"], succeeded=False)
        [(target, dto)] = events_until(restaurant, order["orderId"], 1)
        assert (target, dto["status"]) == ("ReceiveOrderStatusChanged", "Cancelled")
        [(target, _)] = events_until(customer, order["orderId"], 1)
        assert target == "ReceiveOrderPaymentFailed"


def test_keepalive_pings_on_websockets_but_not_long_polling(server: ServerProcess) -> None:
    token = login(server.url, *staff("pho-hanoi"))
    with RawHub.open(server.url, RESTAURANT_HUB, token) as raw:
        assert raw.recv(2, skip_pings=False) == {"type": 6}
    conn_id = negotiate(server.url, RESTAURANT_HUB, token).json()["connectionToken"]
    url = f"{server.url}{RESTAURANT_HUB}?id={conn_id}"
    assert httpx.get(url, headers=auth(token)).content == b""
    httpx.post(url, headers=auth(token), content=b'{"protocol":"json","version":1}\x1e')
    assert httpx.get(url, headers=auth(token)).text == "{}" + RS
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(httpx.get, url, headers=auth(token), timeout=10)
        # Pings are 0.3 s apart on the other transports; this poll gets none in 1 s.
        done, _ = wait([pending], timeout=1.0)
        assert not done
        send = {"type": 1, "invocationId": "x", "target": "UnsubscribeFromRestaurant"}
        httpx.post(
            url,
            headers=auth(token),
            content=(json.dumps(send | {"arguments": [PHO_HANOI]}) + RS).encode(),
        )
        reply = pending.result(10)
    assert split_records(reply.text) == [{"type": 3, "invocationId": "x", "result": None}]
    assert httpx.delete(url, headers=auth(token)).status_code == 202


def test_client_timeout_closes_with_allow_reconnect(tmp_path: Path) -> None:
    srv = start(tmp_path, "--keepalive-s", "0.2", "--client-timeout-s", "0.8")
    try:
        token = login(srv.url, *staff("pho-hanoi"))
        with RawHub.open(srv.url, RESTAURANT_HUB, token) as raw:
            raw.send({"type": 6})
            assert raw.recv(5) == {"type": 7, "allowReconnect": True}
    finally:
        srv.close()


def test_sigterm_sends_close_to_every_connection(tmp_path: Path) -> None:
    srv = start(tmp_path)
    token = login(srv.url, *staff("pho-hanoi"))
    sockets = [RawHub.open(srv.url, RESTAURANT_HUB, token) for _ in range(3)]
    sockets.append(RawHub.open(srv.url, CUSTOMER_HUB, token))
    try:
        assert srv.stop() == 0
        for raw in sockets:
            assert raw.recv(5) == {"type": 7}
            with pytest.raises(ConnectionClosed) as info:
                raw.recv_frame()
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == 1000
    finally:
        for raw in sockets:
            raw.close()
        srv.close()


def test_teamcart_hub_policy_and_binding(server: ServerProcess) -> None:
    token = login(server.url, *staff("pho-hanoi"))
    with RawHub.open(server.url, TEAMCART_HUB, token) as raw:
        cart = str(uuid.uuid4())
        assert raw.invoke("SubscribeToCart", cart)["error"] == (
            "An unexpected error occurred invoking 'SubscribeToCart' on the server. "
            "HubException: Forbidden"
        )
        assert raw.invoke("SubscribeToCart", [cart])["error"] == (
            "Failed to invoke 'SubscribeToCart' due to an error on the server."
        )
        assert raw.invoke("UnsubscribeFromCart", cart)["result"] is None


def test_teamcart_hub_is_not_mapped_without_the_flag(tmp_path: Path) -> None:
    srv = start(tmp_path)
    try:
        token = login(srv.url, *staff("pho-hanoi"))
        assert negotiate(srv.url, TEAMCART_HUB, token).status_code == 404
        assert negotiate(srv.url, RESTAURANT_HUB, token).status_code == 200
    finally:
        srv.close()


def test_websocket_stays_open_past_token_expiry(server: ServerProcess) -> None:
    # CloseOnAuthenticationExpiration is off (8.1): only new requests see the expired token.
    user = staff("pho-hanoi")
    token = login(server.url, *user)
    with RawHub.open(server.url, RESTAURANT_HUB, token) as raw:
        raw.invoke("SubscribeToRestaurant", PHO_HANOI)
        expired = httpx.post(
            f"{server.url}/api/v1/dev/tokens/expire", json={"userName": user[0]}, timeout=10
        )
        assert expired.status_code == 200
        assert negotiate(server.url, RESTAURANT_HUB, token).status_code == 401
        order = place_order(server.url, PHO_HANOI)
        [(target, _)] = events_until(raw, order["orderId"], 1)
        assert target == "ReceiveOrderPlaced"

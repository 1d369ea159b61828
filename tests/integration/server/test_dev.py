"""The dev surface (contract 11, B3): order placement, payment webhook, flows, faults, tokens."""

from __future__ import annotations

import time

import pytest

from tests.integration.server.conftest import assert_validation
from tests.support import http
from tests.support.fixtures import ServerFactory
from tests.support.helpers import (
    BELLA_NAPOLI,
    PHO_HANOI,
    RESTAURANTS,
    SUSHI_KO,
    auth,
    login,
    login_tokens,
    open_orders,
    pay,
    place_order,
    staff,
    wait_until,
)
from tests.support.server import ServerProcess


@pytest.fixture(scope="module")
def url(module_dev_server: ServerProcess) -> str:
    return module_dev_server.url


def status(url: str, oid: str) -> str:
    return str(http.get(f"{url}/api/v1/dev/orders/{oid}").json()["status"])


def test_without_dev_every_dev_path_is_an_empty_404(server_factory: ServerFactory) -> None:
    server = server_factory(["--seed", "demo", "--outbox-interval-ms", "10"])
    for method, path in (
        ("POST", "/api/v1/dev/orders"),
        ("POST", "/api/v1/dev/faults/clear"),
        ("GET", f"/api/v1/dev/restaurants/{PHO_HANOI}/open-orders"),
        ("POST", "/api/v1/dev/order-simulator/start"),
    ):
        response = http.request(method, f"{server.url}{path}", json={})
        assert (response.status_code, response.content) == (404, b"")
    assert login(server.url, *staff("pho-hanoi"))  # the demo seed works without --dev


def test_place_order_validation(url: str) -> None:
    assert_validation(
        http.post(f"{url}/api/v1/dev/orders", json={"items": []}),
        {"RestaurantId": ["RestaurantId is required."]},
    )
    response = http.post(
        f"{url}/api/v1/dev/orders",
        json={
            "restaurantId": PHO_HANOI,
            "items": [{"name": "x", "quantity": 11}],
            "paymentMethod": "Bitcoin",
        },
    )
    assert_validation(
        response,
        {
            "Items[0].Quantity": ["Quantity must be between 1 and 10."],
            "PaymentMethod": [
                "PaymentMethod must be one of CreditCard, PayPal, ApplePay, GooglePay,"
                " CashOnDelivery."
            ],
        },
    )
    unknown = http.post(
        f"{url}/api/v1/dev/orders",
        json={
            "restaurantId": "11111111-2222-3333-4444-555555555555",
            "items": [{"name": "x", "quantity": 1}],
        },
    )
    assert_validation(unknown, {"RestaurantId": ["Restaurant not found."]})


def test_place_order_uses_menu_prices_and_payment_methods(url: str) -> None:
    cash = place_order(url, SUSHI_KO, items=[{"name": "miso soup (soy)", "quantity": 2}])
    assert cash["status"] == "Placed"
    detail = http.get(f"{url}/api/v1/dev/orders/{cash['orderId']}").json()
    assert (detail["items"][0]["unitPriceAmount"], detail["items"][0]["lineItemTotalAmount"]) == (
        3,
        6,
    )
    online = place_order(url, SUSHI_KO, payment_method="applepay")
    assert online["status"] == "AwaitingPayment"
    assert (
        http.get(f"{url}/api/v1/dev/orders/{online['orderId']}").json()["paymentMethod"]
        == "ApplePay"
    )


def test_payment_webhook(url: str) -> None:
    ok = place_order(url, PHO_HANOI, payment_method="CreditCard")["orderId"]
    pay(url, ok, succeeded=True)
    assert status(url, ok) == "Placed"
    again = http.post(f"{url}/api/v1/dev/orders/{ok}/payment", json={"succeeded": True})
    assert again.status_code == 409
    assert again.json()["code"] == "OrderNotAwaitingPayment"
    failed = place_order(url, PHO_HANOI, payment_method="PayPal")["orderId"]
    pay(url, failed, succeeded=False)
    assert status(url, failed) == "Cancelled"


def test_simulate_flow_runs_and_guards(url: str) -> None:
    oid = place_order(url, BELLA_NAPOLI)["orderId"]
    flow = {
        "scenario": "happyPath",
        "delaysMs": {
            "placedToAcceptedMs": 20,
            "acceptedToPreparingMs": 20,
            "preparingToReadyMs": 20,
            "readyToDeliveredMs": 20,
        },
    }
    started = http.post(f"{url}/api/v1/dev/orders/{oid}/simulate-flow", json=flow)
    assert started.status_code == 202
    running = http.post(f"{url}/api/v1/dev/orders/{oid}/simulate-flow", json=flow)
    assert (running.status_code, running.json()["code"]) == (409, "AlreadyRunning")
    wait_until(lambda: status(url, oid) == "Delivered", timeout_s=5)
    done = http.post(f"{url}/api/v1/dev/orders/{oid}/simulate-flow", json=flow)
    assert (done.status_code, done.json()["code"]) == (409, "OrderTerminal")
    accepted = place_order(url, BELLA_NAPOLI)["orderId"]
    http.post(
        f"{url}/api/v1/dev/orders/{accepted}/simulate-flow",
        json={
            "scenario": "cancelledByRestaurant",
            "delaysMs": {"placedToAcceptedMs": 0, "acceptedToCancelledMs": 60_000},
        },
    )
    wait_until(lambda: status(url, accepted) == "Accepted", timeout_s=5)
    not_placed = http.post(
        f"{url}/api/v1/dev/orders/{accepted}/simulate-flow", json={"scenario": "rejected"}
    )
    assert (not_placed.status_code, not_placed.json()["code"]) == (409, "OrderNotPlaced")
    bad = http.post(
        f"{url}/api/v1/dev/orders/{accepted}/simulate-flow", json={"scenario": "teleport"}
    )
    assert bad.status_code == 400


def test_order_simulator_start(url: str) -> None:
    response = http.post(
        f"{url}/api/v1/dev/order-simulator/start",
        json={
            "restaurantId": SUSHI_KO,
            "count": 3,
            "scenario": "fastAutoFlow",
            "notePool": ["ring twice"],
        },
    )
    assert response.status_code == 202
    body = response.json()
    assert body["restaurantId"] == SUSHI_KO
    assert [o["flowStatus"] for o in body["orders"]] == ["Started"] * 3
    assert {o["scenario"] for o in body["orders"]} == {"fastAutoFlow"}
    for order in body["orders"]:
        wait_until(lambda order=order: status(url, order["orderId"]) == "Delivered", timeout_s=10)
    incoming = http.post(
        f"{url}/api/v1/dev/order-simulator/start", json={"scenario": "incomingOnly"}
    )
    orders = incoming.json()["orders"]
    assert (incoming.json()["restaurantId"], len(orders), orders[0]["flowStatus"]) == (
        PHO_HANOI,
        1,
        "NotStarted",
    )


def test_open_orders_is_sorted_like_the_active_queue(dev_server: ServerProcess) -> None:
    url = dev_server.url
    headers = auth(login(url, *staff("sushi-ko")))
    a, b = place_order(url, SUSHI_KO)["orderId"], place_order(url, SUSHI_KO)["orderId"]
    http.post(f"{url}/api/v1/orders/{a}/reject", json={"restaurantId": SUSHI_KO}, headers=headers)
    c = place_order(url, SUSHI_KO)["orderId"]
    truth = open_orders(url, SUSHI_KO)
    assert [o["orderId"] for o in truth] == [b, c]
    assert list(truth[0]) == ["orderId", "orderNumber", "status", "lastUpdateTimestamp"]


def test_rest_fault_fails_and_delays_the_next_matching_requests(url: str) -> None:
    headers = auth(login(url, *staff("pho-hanoi")))
    path = f"{url}/api/v1/restaurants/{PHO_HANOI}/orders/new"
    http.post(
        f"{url}/api/v1/dev/faults/rest",
        json={"pathPattern": "/orders/new$", "status": 503, "count": 2},
    )
    codes = [http.get(path, headers=headers).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    http.post(
        f"{url}/api/v1/dev/faults/rest",
        json={"pathPattern": "/orders/new$", "delayMs": 300, "count": 1},
    )
    started = time.monotonic()
    assert http.get(path, headers=headers).status_code == 200
    assert time.monotonic() - started >= 0.3
    http.post(
        f"{url}/api/v1/dev/faults/rest", json={"pathPattern": "/ping", "status": 500, "count": 5}
    )
    assert http.post(f"{url}/api/v1/dev/faults/clear", json={}).status_code == 200
    assert http.get(f"{url}/ping").status_code == 200
    bad = http.post(f"{url}/api/v1/dev/faults/rest", json={"pathPattern": "(", "count": 1})
    assert bad.status_code == 400


def test_token_expiry_and_revocation(url: str) -> None:
    user = staff("bella-napoli")
    tokens = login_tokens(url, *user)
    me = f"{url}/api/v1/users/me"
    assert http.get(me, headers=auth(tokens["accessToken"])).status_code == 200
    http.post(f"{url}/api/v1/dev/tokens/expire", json={"userName": user[0]})
    assert http.get(me, headers=auth(tokens["accessToken"])).status_code == 401
    refreshed = http.post(
        f"{url}/api/v1/users/refresh", json={"refreshToken": tokens["refreshToken"]}
    )
    assert refreshed.status_code == 200
    fresh = refreshed.json()
    assert http.get(me, headers=auth(fresh["accessToken"])).status_code == 200
    http.post(f"{url}/api/v1/dev/tokens/revoke", json={"userName": user[0]})
    assert http.get(me, headers=auth(fresh["accessToken"])).status_code == 401
    again = http.post(f"{url}/api/v1/users/refresh", json={"refreshToken": fresh["refreshToken"]})
    assert again.status_code == 401


def test_outbox_pause_resume_redeliver_and_hub_drop(url: str) -> None:
    assert http.post(f"{url}/api/v1/dev/faults/outbox", json={"paused": True}).json()["paused"]
    place_order(url, PHO_HANOI)
    assert http.get(f"{url}/api/v1/dev/outbox").json()["pending"] >= 1
    resumed = http.post(f"{url}/api/v1/dev/faults/outbox", json={"paused": False, "shuffle": True})
    assert resumed.json()["paused"] is False
    wait_until(lambda: http.get(f"{url}/api/v1/dev/outbox").json()["pending"] == 0, timeout_s=5)
    assert http.post(f"{url}/api/v1/dev/faults/redeliver", json={"count": 2}).json() == {
        "redelivered": 2
    }
    assert http.post(f"{url}/api/v1/dev/faults/hub-drop", json={}).json() == {"aborted": 0}


def test_simulate_places_orders_at_the_given_rate(server_factory: ServerFactory) -> None:
    server = server_factory(["--dev", "--simulate", "1200", "--outbox-interval-ms", "10"])
    wait_until(
        lambda: sum(len(open_orders(server.url, rid)) for rid in RESTAURANTS.values()) >= 3,
        timeout_s=10,
    )


def test_order_simulator_spacing_is_bounded(url: str) -> None:
    start = f"{url}/api/v1/dev/order-simulator/start"
    too_long = http.post(start, json={"count": 200, "interOrderDelayMs": 1000})
    assert_validation(
        too_long, {"InterOrderDelayMs": ["InterOrderDelayMs × (Count − 1) must be at most 30000."]}
    )
    started = time.monotonic()
    spaced = http.post(start, json={"count": 3, "interOrderDelayMs": 100, "restaurantId": SUSHI_KO})
    assert spaced.status_code == 202
    assert time.monotonic() - started >= 0.2


def test_an_orders_events_are_its_transitions_oldest_first(url: str) -> None:
    """What the chaos checker counts taps against: one row per transition, a refused repeat
    adds none."""
    oid = place_order(url, PHO_HANOI)["orderId"]
    token = login(url, *staff("pho-hanoi"))
    eta = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 1800))
    body = {"restaurantId": PHO_HANOI, "estimatedDeliveryTime": eta}
    for _ in range(2):  # the second Accept is refused or idempotent: no second transition
        http.post(f"{url}/api/v1/orders/{oid}/accept", json=body, headers=auth(token))
    http.post(
        f"{url}/api/v1/orders/{oid}/preparing",
        json={"restaurantId": PHO_HANOI},
        headers=auth(token),
    )
    events = http.get(f"{url}/api/v1/dev/orders/{oid}/events").json()
    assert [e["type"] for e in events] == ["OrderPlaced", "OrderAccepted", "OrderPreparing"]
    assert len({e["eventId"] for e in events}) == 3
    missing = http.get(f"{url}/api/v1/dev/orders/00000000-0000-4000-8000-000000000000/events")
    assert missing.status_code == 404

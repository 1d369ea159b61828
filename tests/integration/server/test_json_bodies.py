"""Hostile JSON against the real server (issue 19): the binder's empty 400, never a 500 or reset.

Before the strict reader, each of these was an empty 500 (RecursionError, `round(nan)`, an
int64 overflow in SQLite, a surrogate SQLite cannot encode) and a lone surrogate in a hub
invocation left that connection silent. Every test also checks the next request is served.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from tests.integration.server.conftest import Tokens, utc_in
from tests.interop.rawclient import RS, RawHub
from tests.support import http
from tests.support.helpers import CUSTOMER, PHO_HANOI, login, place_order, staff
from tests.support.server import ServerProcess

DEEP = b"[" * 1000 + b"]" * 1000
HUB = "/hubs/restaurant-orders"


def post_raw(url: str, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return http.post(
        url, content=body, headers={**(headers or {}), "Content-Type": "application/json"}
    )


def assert_binding_400(response: httpx.Response) -> None:
    """What ASP.NET's binder answers for a body it cannot read (contract 3, step 1)."""
    assert (response.status_code, response.content) == (400, b""), response.text


def with_raw(body: dict[str, Any], **raw: str) -> bytes:
    """`body` as JSON with extra members whose values are raw JSON text (NaN, 1e20, …)."""
    text = json.dumps(body)[:-1]
    return (text + "".join(f',"{k}":{v}' for k, v in raw.items()) + "}").encode()


def assert_still_serving(server: ServerProcess) -> None:
    assert http.get(f"{server.url}/ping").json() == "pong"
    assert "Traceback" not in server.stderr_text()


@pytest.mark.parametrize(
    "body",
    [
        b'{"email":"\\ud800","password":"x"}',
        b'{"email":"staff.pho-hanoi@kds.example\\udfff","password":"Password123!"}',
        b'{"\\ud800":"x","email":"a","password":"x"}',
        b'{"email":"\xff","password":"x"}',
        DEEP,
        b'{"email":"a","password":' + b"[" * 65 + b"]" * 65 + b"}",
    ],
    ids=["lone-high", "lone-low", "surrogate-key", "invalid-utf8", "1000-deep", "65-deep"],
)
def test_a_login_body_the_binder_cannot_read_is_an_empty_400(
    module_dev_server: ServerProcess, body: bytes
) -> None:
    assert_binding_400(post_raw(f"{module_dev_server.url}/api/v1/users/login", body))
    assert login(module_dev_server.url, *staff("pho-hanoi"))  # the next request is served
    assert_still_serving(module_dev_server)


@pytest.fixture(scope="module")
def order_ctx(module_dev_server: ServerProcess, headers_for: Tokens) -> dict[str, Any]:
    url = module_dev_server.url
    customer = headers_for(CUSTOMER)
    me = http.get(f"{url}/api/v1/users/me", headers=customer).json()
    menu = http.get(f"{url}/api/v1/dev/restaurants/{PHO_HANOI}/menu").json()
    body = {
        "customerId": me["userId"],
        "restaurantId": PHO_HANOI,
        "items": [{"menuItemId": menu[0]["menuItemId"], "quantity": 1}],
        "deliveryAddress": {"street": "1 Main St", "city": "Hanoi", "state": "", "zipCode": "1",
                            "country": "VN"},
        "paymentMethod": "cashondelivery",
    }  # fmt: skip
    return {"url": url, "headers": customer, "body": body}


@pytest.mark.parametrize(
    "tip", ["NaN", "Infinity", "-Infinity", "1e308", "1e20", "1e16", "10000000000000000", "1e400"]
)
def test_initiate_with_a_money_value_decimal_18_2_cannot_hold_is_an_empty_400(
    order_ctx: dict[str, Any], module_dev_server: ServerProcess, tip: str
) -> None:
    url = f"{order_ctx['url']}/api/v1/orders/initiate"
    response = post_raw(url, with_raw(order_ctx["body"], tipAmount=tip), order_ctx["headers"])
    assert_binding_400(response)
    assert_still_serving(module_dev_server)


@pytest.mark.parametrize("tip", ["9999999999999999.99", "1.5", "0"])
def test_initiate_with_the_largest_decimal_18_2_or_an_ordinary_tip_is_placed(
    order_ctx: dict[str, Any], tip: str
) -> None:
    url = f"{order_ctx['url']}/api/v1/orders/initiate"
    response = post_raw(url, with_raw(order_ctx["body"], tipAmount=tip), order_ctx["headers"])
    assert response.status_code == 200, response.text
    assert response.json()["orderNumber"]


def test_initiate_and_dev_orders_refuse_a_thousand_deep_body(
    order_ctx: dict[str, Any], module_dev_server: ServerProcess
) -> None:
    url = order_ctx["url"]
    assert_binding_400(post_raw(f"{url}/api/v1/orders/initiate", DEEP, order_ctx["headers"]))
    unit_price = with_raw({"restaurantId": PHO_HANOI, "items": []}, unitPrice="1e20")
    assert_binding_400(post_raw(f"{url}/api/v1/dev/orders", unit_price))
    assert_still_serving(module_dev_server)


@pytest.mark.parametrize(
    "extra",
    [{"x": "NaN"}, {"x": "1e20"}, {"x": "-Infinity"}, {"reason": '"\\ud800"'},
     {"x": DEEP.decode()}],
    ids=["nan", "1e20", "-infinity", "surrogate", "1000-deep"],
)  # fmt: skip
def test_a_lifecycle_body_with_a_hostile_value_changes_nothing(
    module_dev_server: ServerProcess, headers_for: Tokens, extra: dict[str, str]
) -> None:
    url = module_dev_server.url
    oid = place_order(url)["orderId"]
    headers = headers_for(staff("pho-hanoi"))
    accept = {"restaurantId": PHO_HANOI, "estimatedDeliveryTime": utc_in(30)}
    response = post_raw(f"{url}/api/v1/orders/{oid}/accept", with_raw(accept, **extra), headers)
    assert_binding_400(response)
    status = http.get(f"{url}/api/v1/orders/{oid}/status", headers=headers).json()
    assert status["status"] == "Placed"  # refused before the handler ran
    ok = http.post(f"{url}/api/v1/orders/{oid}/accept", json=accept, headers=headers)
    assert ok.status_code == 200, ok.text  # the next request is served
    assert_still_serving(module_dev_server)


@pytest.mark.parametrize(
    "record",
    [
        '{"type":1,"invocationId":"1","target":"SubscribeToRestaurant","arguments":'
        + "[" * 1000 + "]" * 1000 + "}",
        '{"type":1,"invocationId":"1","target":"SubscribeToRestaurant","arguments":'
        + "[" * 64 + "]" * 64 + "}",
        '{"type":1,"invocationId":"1","target":"SubscribeToRestaurant","arguments":[NaN]}',
        '{"type":1,"invocationId":"1","target":"\\ud800","arguments":[]}',
        '{"type":1,"invocationId":"\\ud800","target":"Nope","arguments":[]}',
        '{"type":1,"invocationId":"1","target":"SubscribeToRestaurant","arguments":["\\udc00"]}',
    ],
    ids=["1000-deep", "65-deep", "nan", "surrogate-target", "surrogate-id", "surrogate-arg"],
)  # fmt: skip
def test_a_hostile_hub_record_closes_that_connection_with_an_error(
    module_dev_server: ServerProcess, record: str
) -> None:
    """As ASP.NET's JsonHubProtocol does; before, a surrogate target or id left it silent."""
    token = login(module_dev_server.url, *staff("pho-hanoi"))
    with RawHub.open(module_dev_server.url, HUB, token) as raw:
        raw.send_text(record + RS)
        try:
            answer = raw.recv(timeout_s=10)
        except ConnectionClosed:  # pragma: no cover - the Close record comes first
            pytest.fail("closed without a Close record")
        assert answer == {"type": 7, "error": "Connection closed with an error."}
    with RawHub.open(module_dev_server.url, HUB, token) as raw:
        assert "error" not in raw.invoke("SubscribeToRestaurant", PHO_HANOI)
    assert_still_serving(module_dev_server)

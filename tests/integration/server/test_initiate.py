"""`POST /api/v1/orders/initiate` (contract 10): customer ordering with Idempotency-Key."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.integration.server.conftest import (
    Tokens,
    assert_challenge,
    assert_forbidden,
    assert_problem,
    assert_validation,
)
from tests.support import http
from tests.support.helpers import CUSTOMER, PHO_HANOI, SUSHI_KO, owner, staff
from tests.support.server import ServerProcess

ADDRESS = {
    "street": "1 Main St",
    "city": "Hanoi",
    "state": "",
    "zipCode": "100000",
    "country": "VN",
}


@pytest.fixture(scope="module")
def ctx(module_dev_server: ServerProcess, headers_for: Tokens) -> dict[str, Any]:
    url = module_dev_server.url
    headers = headers_for(CUSTOMER)
    me = http.get(f"{url}/api/v1/users/me", headers=headers).json()
    menu = http.get(f"{url}/api/v1/dev/restaurants/{PHO_HANOI}/menu").json()
    return {"url": url, "headers": headers, "customer": me["userId"], "menu": menu}


def order_body(ctx: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    item = ctx["menu"][0]
    group = item["customizationGroups"][0]
    body = {
        "customerId": ctx["customer"],
        "restaurantId": PHO_HANOI,
        "items": [
            {
                "menuItemId": item["menuItemId"],
                "quantity": 2,
                "customizations": [
                    {
                        "customizationGroupId": group["customizationGroupId"],
                        "choiceIds": [group["choices"][1]["choiceId"]],
                    }
                ],
            }
        ],
        "deliveryAddress": ADDRESS,
        "paymentMethod": "cashondelivery",
        "specialInstructions": "ring the bell twice",
        "tipAmount": 1.5,
    }
    body.update(overrides)
    return body


def initiate(ctx: dict[str, Any], body: dict[str, Any], **headers: str) -> Any:
    return http.post(
        f"{ctx['url']}/api/v1/orders/initiate", json=body, headers={**ctx["headers"], **headers}
    )


def test_customer_places_an_order_the_kitchen_sees(
    ctx: dict[str, Any], headers_for: Tokens
) -> None:
    response = initiate(ctx, order_body(ctx))
    assert response.status_code == 200, response.text
    result = response.json()
    assert list(result) == [
        "orderId",
        "orderNumber",
        "totalAmount",
        "paymentIntentId",
        "clientSecret",
    ]
    assert (result["paymentIntentId"], result["clientSecret"]) == (None, None)
    detail = http.get(
        f"{ctx['url']}/api/v1/restaurants/{PHO_HANOI}/orders/{result['orderId']}",
        headers=headers_for(staff("pho-hanoi")),
    ).json()
    assert detail["status"] == "Placed"
    assert detail["note"] == "ring the bell twice"
    assert detail["tipAmount"] == 1.5
    assert detail["totalAmount"] == result["totalAmount"]["amount"]
    line = detail["items"][0]
    assert line["name"] == ctx["menu"][0]["name"]
    choice = ctx["menu"][0]["customizationGroups"][0]["choices"][1]  # Cỡ: Lớn, +15 000 ₫
    assert line["customizations"][0]["choiceName"] == choice["name"]
    assert line["lineItemTotalAmount"] == (ctx["menu"][0]["price"] + choice["priceAdjustment"]) * 2


def test_idempotency_key_replays_the_first_response(ctx: dict[str, Any]) -> None:
    key = str(uuid.uuid4())
    first = initiate(ctx, order_body(ctx), **{"Idempotency-Key": key}).json()
    again = initiate(ctx, order_body(ctx), **{"Idempotency-Key": key}).json()
    other = initiate(ctx, order_body(ctx), **{"Idempotency-Key": str(uuid.uuid4())}).json()
    assert again == first
    assert other["orderId"] != first["orderId"]
    bad = initiate(ctx, order_body(ctx), **{"Idempotency-Key": "not-a-uuid"})
    assert_validation(bad, {"IdempotencyKey": ["Idempotency-Key must be a UUID v4."]})


def test_online_payment_waits_for_the_webhook(ctx: dict[str, Any]) -> None:
    result = initiate(ctx, order_body(ctx, paymentMethod="CreditCard")).json()
    assert result["paymentIntentId"].startswith("pi_")
    assert result["clientSecret"].startswith(result["paymentIntentId"])
    status = http.get(f"{ctx['url']}/api/v1/dev/orders/{result['orderId']}").json()["status"]
    assert status == "AwaitingPayment"


def test_validation_authorization_and_domain_errors(
    ctx: dict[str, Any], headers_for: Tokens
) -> None:
    assert_validation(
        initiate(
            ctx, order_body(ctx, items=[], paymentMethod="Gold", specialInstructions="x" * 501)
        ),
        {
            "Items": ["'Items' must not be empty."],
            "PaymentMethod": ["Payment method is not supported."],
            "SpecialInstructions": ["Special instructions cannot exceed 500 characters."],
        },
    )
    someone_else = order_body(ctx, customerId=str(uuid.uuid4()))
    assert_forbidden(initiate(ctx, someone_else))
    unknown = order_body(ctx, items=[{"menuItemId": str(uuid.uuid4()), "quantity": 1}])
    assert_problem(
        initiate(ctx, unknown), 400, "InitiateOrder.MenuItemNotFound", "A menu item was not found."
    )
    closed = http.put(
        f"{ctx['url']}/api/v1/restaurants/{SUSHI_KO}/accepting-orders",
        json={"isAccepting": False},
        headers=headers_for(owner("sushi-ko")),
    )
    assert closed.status_code == 204
    sushi_item = http.get(f"{ctx['url']}/api/v1/dev/restaurants/{SUSHI_KO}/menu").json()[0]
    body = order_body(
        ctx, restaurantId=SUSHI_KO, items=[{"menuItemId": sushi_item["menuItemId"], "quantity": 1}]
    )
    assert_problem(
        initiate(ctx, body),
        400,
        "InitiateOrder.RestaurantNotAcceptingOrders",
        "The restaurant is not accepting orders right now.",
    )
    assert_challenge(http.post(f"{ctx['url']}/api/v1/orders/initiate", json=order_body(ctx)))

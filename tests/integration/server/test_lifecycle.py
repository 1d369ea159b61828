"""Contract 4.2 and 7.6: every lifecycle command, its validation, handler order and errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.integration.server.conftest import (
    Tokens,
    assert_challenge,
    assert_forbidden,
    assert_problem,
    assert_validation,
    command,
    utc_in,
)
from tests.support import http
from tests.support.helpers import (
    ADMIN,
    BELLA_NAPOLI,
    CUSTOMER,
    PHO_HANOI,
    SUSHI_KO,
    place_order,
    staff,
)
from tests.support.server import ServerProcess

MISSING = "0b7e1c7e-1111-4222-8333-944455556666"
LIFECYCLE_KEYS = [
    "orderId",
    "orderNumber",
    "status",
    "placementTimestamp",
    "lastUpdateTimestamp",
    "estimatedDeliveryTime",
    "actualDeliveryTime",
]
NAMES = {
    "accept": "AcceptOrder",
    "reject": "RejectOrder",
    "preparing": "MarkOrderPreparing",
    "ready": "MarkOrderReadyForDelivery",
    "delivered": "MarkOrderDelivered",
    "cancel": "CancelOrder",
}


@pytest.fixture(scope="module")
def url(module_dev_server: ServerProcess) -> str:
    return module_dev_server.url


@pytest.fixture(scope="module")
def pho_staff(headers_for: Tokens) -> dict[str, str]:
    return headers_for(staff("pho-hanoi"))


def body_for(action: str, rid: str = PHO_HANOI) -> dict[str, object]:
    body: dict[str, object] = {"restaurantId": rid}
    if action == "accept":
        body["estimatedDeliveryTime"] = utc_in(30)
    return body


def advance(url: str, headers: dict[str, str], oid: str, *actions: str) -> httpx.Response:
    response = None
    for action in actions:
        response = command(url, oid, action, headers, **body_for(action))
        assert response.status_code == 200, response.text
    assert response is not None
    return response


def status_of(url: str, oid: str, headers: dict[str, str]) -> dict[str, object]:
    response = http.get(f"{url}/api/v1/orders/{oid}/status", headers=headers)
    assert response.status_code == 200
    result: dict[str, object] = response.json()
    return result


def test_happy_path_walks_every_status(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    statuses = []
    for action in ("accept", "preparing", "ready", "delivered"):
        response = command(url, oid, action, pho_staff, **body_for(action))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert list(response.json()) == LIFECYCLE_KEYS
        statuses.append(response.json()["status"])
    assert statuses == ["Accepted", "Preparing", "ReadyForDelivery", "Delivered"]
    final = response.json()
    assert final["actualDeliveryTime"] == final["lastUpdateTimestamp"]
    assert final["estimatedDeliveryTime"] is not None
    assert status_of(url, oid, pho_staff)["version"] == 4


def test_delivered_at_utc_sets_the_delivery_and_update_time(
    url: str, pho_staff: dict[str, str]
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    advance(url, pho_staff, oid, "accept", "preparing", "ready")
    response = command(
        url,
        oid,
        "delivered",
        pho_staff,
        restaurantId=PHO_HANOI,
        deliveredAtUtc="2026-01-02T03:04:05.5Z",
    )
    assert response.status_code == 200
    assert response.json()["actualDeliveryTime"] == "2026-01-02T03:04:05.5Z"
    assert response.json()["lastUpdateTimestamp"] == "2026-01-02T03:04:05.5Z"


ILLEGAL = [
    ("accept", ["accept", "preparing"], "Order.InvalidOrderStatusForAccept",
     "Order cannot be accepted because it is not in 'Placed' status."),
    ("reject", ["accept"], "Order.InvalidStatusForReject",
     "Order cannot be rejected at its current stage."),
    ("preparing", [], "Order.InvalidOrderStatusForPreparing",
     "Order cannot be marked as preparing from its current status."),
    ("ready", ["accept"], "Order.InvalidOrderStatusForReadyForDelivery",
     "Order cannot be marked as ready for delivery from its current status."),
    ("delivered", ["accept", "preparing"], "Order.InvalidOrderStatusForDelivered",
     "Order cannot be marked as delivered from its current status."),
    ("cancel", ["accept", "preparing", "ready", "delivered"], "Order.InvalidOrderStatusForCancel",
     "Order cannot be cancelled at its current stage."),
]  # fmt: skip


@pytest.mark.parametrize(("action", "before", "title", "detail"), ILLEGAL)
def test_illegal_transitions_are_400_domain_errors(
    url: str, pho_staff: dict[str, str], action: str, before: list[str], title: str, detail: str
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    if before:
        advance(url, pho_staff, oid, *before)
    version = status_of(url, oid, pho_staff)["version"]
    response = command(url, oid, action, pho_staff, **body_for(action))
    assert_problem(response, 400, title, detail)
    assert response.json()["type"] == "https://tools.ietf.org/html/rfc7231#section-6.5.1"
    assert status_of(url, oid, pho_staff)["version"] == version


@pytest.mark.parametrize(
    ("action", "before"),
    [
        ("accept", ["accept"]),
        ("reject", ["reject"]),
        ("preparing", ["accept", "preparing"]),
        ("ready", ["accept", "preparing", "ready"]),
        ("delivered", ["accept", "preparing", "ready", "delivered"]),
        ("cancel", ["cancel"]),
    ],
)
def test_already_in_target_status_is_200_and_writes_nothing(
    url: str, pho_staff: dict[str, str], action: str, before: list[str]
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    first = advance(url, pho_staff, oid, *before).json()
    version = status_of(url, oid, pho_staff)["version"]
    again = command(url, oid, action, pho_staff, **body_for(action))
    assert again.status_code == 200
    assert again.json() == first
    assert status_of(url, oid, pho_staff)["version"] == version


def test_accept_again_keeps_the_first_eta(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    first = command(
        url, oid, "accept", pho_staff, restaurantId=PHO_HANOI, estimatedDeliveryTime=utc_in(20)
    )
    second = command(
        url, oid, "accept", pho_staff, restaurantId=PHO_HANOI, estimatedDeliveryTime=utc_in(90)
    )
    assert second.json()["estimatedDeliveryTime"] == first.json()["estimatedDeliveryTime"]


@pytest.mark.parametrize("action", list(NAMES))
def test_missing_order_is_404_with_the_command_code(
    url: str, pho_staff: dict[str, str], action: str
) -> None:
    response = command(url, MISSING, action, pho_staff, **body_for(action))
    assert_problem(response, 404, f"{NAMES[action]}.NotFound", "The specified order was not found.")
    assert response.json()["type"] == "https://tools.ietf.org/html/rfc7231#section-6.5.4"


@pytest.mark.parametrize("action", ["accept", "reject", "preparing", "ready", "delivered"])
def test_order_of_another_restaurant_is_403_after_the_404_check(
    url: str, headers_for: Tokens, action: str
) -> None:
    """Staff of Pho Hanoi naming their own restaurant for Bella Napoli's order: mismatch → 403."""
    oid = place_order(url, BELLA_NAPOLI)["orderId"]
    response = command(url, oid, action, headers_for(staff("pho-hanoi")), **body_for(action))
    assert_forbidden(response)


@pytest.mark.parametrize("action", ["accept", "reject", "preparing", "ready", "delivered"])
def test_body_restaurant_without_a_claim_is_403(
    url: str, pho_staff: dict[str, str], action: str
) -> None:
    oid = place_order(url, BELLA_NAPOLI)["orderId"]
    assert_forbidden(command(url, oid, action, pho_staff, **body_for(action, BELLA_NAPOLI)))


def test_validation_runs_before_authorization(url: str, headers_for: Tokens) -> None:
    customer = headers_for(CUSTOMER)
    response = command(url, MISSING, "reject", customer, reason="x" * 501)
    assert_validation(
        response,
        {
            "RestaurantGuid": ["'Restaurant Guid' must not be empty."],
            "RejectionReason": ["Rejection reason cannot exceed 500 characters."],
        },
    )


@pytest.mark.parametrize("action", ["preparing", "ready", "delivered", "cancel"])
def test_empty_restaurant_guid_is_a_validation_error(
    url: str, pho_staff: dict[str, str], action: str
) -> None:
    response = command(url, MISSING, action, pho_staff)
    assert_validation(response, {"RestaurantGuid": ["'Restaurant Guid' must not be empty."]})


def test_empty_order_id_is_a_validation_error(url: str, pho_staff: dict[str, str]) -> None:
    response = command(
        url, "00000000-0000-0000-0000-000000000000", "preparing", pho_staff, restaurantId=PHO_HANOI
    )
    assert_validation(response, {"OrderId": ["'Order Id' must not be empty."]})


def test_accept_without_restaurant_id_is_403(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    assert_forbidden(command(url, oid, "accept", pho_staff, estimatedDeliveryTime=utc_in(30)))


@pytest.mark.parametrize(
    ("eta", "messages"),
    [
        (utc_in(4), ["Estimated delivery time must be at least 5 minutes in the future."]),
        (utc_in(13 * 60), ["Estimated delivery time cannot be more than 12 hours ahead."]),
        ("2030-01-01T10:00:00", ["'EstimatedDeliveryTime' must be a UTC timestamp ending in 'Z'."]),
        (
            "2030-01-01T10:00:00+02:00",
            ["'EstimatedDeliveryTime' must be a UTC timestamp ending in 'Z'."],
        ),
    ],
)
def test_accept_eta_rules(
    url: str, pho_staff: dict[str, str], eta: str | None, messages: list[str]
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    response = command(
        url, oid, "accept", pho_staff, restaurantId=PHO_HANOI, estimatedDeliveryTime=eta
    )
    assert_validation(response, {"EstimatedDeliveryTime": messages})


def test_accept_eta_missing_fails_the_five_minute_rule_and_null_fails_binding(
    url: str, pho_staff: dict[str, str]
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    missing = command(url, oid, "accept", pho_staff, restaurantId=PHO_HANOI)
    assert_validation(
        missing,
        {
            "EstimatedDeliveryTime": [
                "Estimated delivery time must be at least 5 minutes in the future."
            ]
        },
    )
    null = command(
        url, oid, "accept", pho_staff, restaurantId=PHO_HANOI, estimatedDeliveryTime=None
    )
    assert (null.status_code, null.content) == (400, b"")


def test_accept_eta_with_zero_offset_is_utc(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    eta = utc_in(30).replace("Z", "+00:00")
    response = command(
        url, oid, "accept", pho_staff, restaurantId=PHO_HANOI, estimatedDeliveryTime=eta
    )
    assert response.status_code == 200


def test_delivered_far_in_the_future_is_refused(url: str, pho_staff: dict[str, str]) -> None:
    response = command(
        url, MISSING, "delivered", pho_staff, restaurantId=PHO_HANOI, deliveredAtUtc=utc_in(6)
    )
    assert_validation(response, {"DeliveredAtUtc": ["DeliveredAtUtc cannot be far in the future."]})


def test_cancel_reason_longer_than_500_is_refused(url: str, pho_staff: dict[str, str]) -> None:
    response = command(url, MISSING, "cancel", pho_staff, restaurantId=PHO_HANOI, reason="y" * 501)
    assert_validation(response, {"Reason": ["Cancellation reason cannot exceed 500 characters."]})


def test_reason_of_exactly_500_is_fine(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    response = command(url, oid, "reject", pho_staff, restaurantId=PHO_HANOI, reason="z" * 500)
    assert (response.status_code, response.json()["status"]) == (200, "Rejected")


def test_staff_may_cancel_until_ready(url: str, pho_staff: dict[str, str]) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    advance(url, pho_staff, oid, "accept", "preparing", "ready")
    response = command(url, oid, "cancel", pho_staff, restaurantId=PHO_HANOI, reason="out of rice")
    assert (response.status_code, response.json()["status"]) == (200, "Cancelled")


def test_customer_cancels_placed_and_accepted_but_not_later(
    url: str, pho_staff: dict[str, str], headers_for: Tokens
) -> None:
    customer = headers_for(CUSTOMER)
    placed = place_order(url, PHO_HANOI)["orderId"]
    assert command(url, placed, "cancel", customer, restaurantId=PHO_HANOI).status_code == 200
    accepted = place_order(url, PHO_HANOI)["orderId"]
    advance(url, pho_staff, accepted, "accept")
    assert command(url, accepted, "cancel", customer, restaurantId=PHO_HANOI).status_code == 200
    preparing = place_order(url, PHO_HANOI)["orderId"]
    advance(url, pho_staff, preparing, "accept", "preparing")
    response = command(url, preparing, "cancel", customer, restaurantId=PHO_HANOI)
    assert_problem(
        response,
        409,
        "CancelOrder.InvalidStatusForCustomer",
        "Order cannot be cancelled by customer at this stage.",
    )
    assert response.json()["type"] == "https://tools.ietf.org/html/rfc7231#section-6.5.8"


def test_acting_user_id_makes_staff_act_as_the_customer(
    url: str, pho_staff: dict[str, str]
) -> None:
    order = place_order(url, PHO_HANOI)["orderId"]
    advance(url, pho_staff, order, "accept", "preparing")
    detail = http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/orders/{order}", headers=pho_staff)
    customer_id = detail.json()["customerId"]
    response = command(
        url, order, "cancel", pho_staff, restaurantId=PHO_HANOI, actingUserId=customer_id
    )
    assert response.status_code == 409


def test_cancel_by_outsider_is_403_and_by_admin_is_allowed(url: str, headers_for: Tokens) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    assert_forbidden(
        command(url, oid, "cancel", headers_for(staff("sushi-ko")), restaurantId=SUSHI_KO)
    )
    response = command(url, oid, "cancel", headers_for(ADMIN), restaurantId=PHO_HANOI)
    assert (response.status_code, response.json()["status"]) == (200, "Cancelled")


def test_no_token_is_the_empty_challenge_even_with_a_bad_body(url: str) -> None:
    response = http.post(f"{url}/api/v1/orders/{MISSING}/accept", content=b"{not json")
    assert_challenge(response)


def test_malformed_json_is_an_empty_400(url: str, pho_staff: dict[str, str]) -> None:
    response = http.post(
        f"{url}/api/v1/orders/{MISSING}/accept", content=b"{not json", headers=pho_staff
    )
    assert (response.status_code, response.content) == (400, b"")
    wrong_type = command(url, MISSING, "preparing", pho_staff, restaurantId=12)
    assert (wrong_type.status_code, wrong_type.content) == (400, b"")


def test_body_over_one_megabyte_is_413(url: str, pho_staff: dict[str, str]) -> None:
    big = b'{"restaurantId":"' + PHO_HANOI.encode() + b'","reason":"' + b"x" * (1024 * 1024) + b'"}'
    response = http.post(f"{url}/api/v1/orders/{MISSING}/reject", content=big, headers=pho_staff)
    assert response.status_code == 413


def test_unknown_fields_are_ignored_and_names_are_case_insensitive(
    url: str, pho_staff: dict[str, str]
) -> None:
    oid = place_order(url, PHO_HANOI)["orderId"]
    response = command(url, oid, "reject", pho_staff, RestaurantID=PHO_HANOI, extra={"a": 1})
    assert (response.status_code, response.json()["status"]) == (200, "Rejected")


def test_non_guid_order_segment_is_an_empty_404(url: str, pho_staff: dict[str, str]) -> None:
    response = command(url, "12345", "accept", pho_staff, **body_for("accept"))
    assert (response.status_code, response.content) == (404, b"")


def test_concurrent_accepts_write_once(url: str, pho_staff: dict[str, str]) -> None:
    """Commands on one order are serialized: eight racing accepts, one transition, all 200."""
    oid = place_order(url, PHO_HANOI)["orderId"]
    body = body_for("accept")
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(
            pool.map(lambda _: command(url, oid, "accept", pho_staff, **body), range(8))
        )
    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.json()["lastUpdateTimestamp"] for r in responses}) == 1
    assert status_of(url, oid, pho_staff)["version"] == 1

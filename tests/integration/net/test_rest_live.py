"""RestClient against the real kds-server: snapshot, lifecycle, typed errors, faults, tokens."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from kds.core.orders import OrderStatus
from kds.net.errors import (
    AuthExpired,
    Forbidden,
    InvalidTransition,
    NotFound,
    ServerUnavailable,
    ValidationFailed,
)
from kds.net.retry import ReadBackoff
from tests.integration.net.conftest import SessionFactory
from tests.support.helpers import BELLA_NAPOLI, PHO_HANOI, owner, place_order, staff
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]
NO_WAIT = ReadBackoff(attempts=2, base_s=0.01, cap_s=0.02)


def dev_post(server: ServerProcess, path: str, body: dict[str, Any]) -> Any:
    response = httpx.post(f"{server.url}/api/v1/dev/{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json() if response.content else None


@pytest.fixture(autouse=True)
def clear_faults(module_dev_server: ServerProcess) -> None:
    dev_post(module_dev_server, "faults/clear", {})


def eta(minutes: int = 30) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)


def test_profile_info_and_snapshot(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF)
    me = rest.me()
    assert [(r.role, r.restaurant_id) for r in me.restaurant_roles()] == [
        ("RestaurantStaff", PHO_HANOI)
    ]
    info = rest.restaurant_info(PHO_HANOI)
    assert info.name == "Pho Hanoi"
    assert info.restaurant_id == PHO_HANOI
    placed = {place_order(module_dev_server.url, PHO_HANOI)["orderId"] for _ in range(3)}
    new = {o.order_id for o in rest.all_orders(PHO_HANOI, "new")}
    active = {o.order_id for o in rest.all_orders(PHO_HANOI, "active")}
    assert placed <= new
    assert placed <= active  # Placed is part of the active queue (contract §4.1)
    detail = rest.order_detail(PHO_HANOI, next(iter(placed)))
    assert detail.status is OrderStatus.PLACED
    assert detail.items


def test_all_pages_over_more_than_one_page(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, staff("sushi-ko")[0])
    sushi = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e03"
    for _ in range(105):
        place_order(module_dev_server.url, sushi)
    first = rest.orders_page(sushi, "new", 1)
    assert first.has_next_page
    assert first.total_count >= 105
    orders = rest.all_orders(sushi, "new")
    assert len(orders) == first.total_count
    beyond = rest.orders_page(sushi, "new", first.total_pages + 1)
    assert beyond.items == ()
    assert beyond.total_count == first.total_count


def test_lifecycle_and_typed_errors(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF)
    oid = place_order(module_dev_server.url, PHO_HANOI)["orderId"]
    with pytest.raises(InvalidTransition) as illegal:
        rest.mark_preparing(oid, PHO_HANOI)
    assert illegal.value.title == "Order.InvalidOrderStatusForPreparing"
    with pytest.raises(ValidationFailed) as too_soon:
        rest.accept(oid, PHO_HANOI, eta(1))
    assert "EstimatedDeliveryTime" in too_soon.value.errors
    accepted = rest.accept(oid, PHO_HANOI, eta())
    assert accepted.status is OrderStatus.ACCEPTED
    again = rest.accept(oid, PHO_HANOI, eta(45))  # already Accepted: idempotent 200
    assert again.estimated_delivery_time == accepted.estimated_delivery_time
    assert rest.mark_preparing(oid, PHO_HANOI).status is OrderStatus.PREPARING
    assert rest.mark_ready(oid, PHO_HANOI).status is OrderStatus.READY_FOR_DELIVERY
    done = rest.mark_delivered(oid, PHO_HANOI, datetime.now(UTC))
    assert done.status is OrderStatus.DELIVERED
    with pytest.raises(Forbidden):
        rest.order_detail(BELLA_NAPOLI, oid)
    with pytest.raises(NotFound) as missing:
        rest.order_detail(PHO_HANOI, str(uuid.uuid4()))
    assert missing.value.title == "GetRestaurantOrderById.NotFound"
    with pytest.raises(NotFound) as missing_cmd:
        rest.reject(str(uuid.uuid4()), PHO_HANOI)
    assert missing_cmd.value.title == "RejectOrder.NotFound"
    other = place_order(module_dev_server.url, PHO_HANOI)["orderId"]
    assert rest.cancel(other, PHO_HANOI, "closing early").status is OrderStatus.CANCELLED


def test_owner_can_toggle_accepting_orders(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, owner("pho-hanoi")[0])
    rest.set_accepting_orders(PHO_HANOI, False)
    assert rest.restaurant_info(PHO_HANOI).is_accepting_orders is False
    rest.set_accepting_orders(PHO_HANOI, True)
    assert rest.restaurant_info(PHO_HANOI).is_accepting_orders is True


def test_5xx_on_reads_is_retried(module_dev_server: ServerProcess, session: SessionFactory) -> None:
    rest = session(module_dev_server, STAFF, backoff=NO_WAIT)
    dev_post(
        module_dev_server,
        "faults/rest",
        {"pathPattern": "/orders/active$", "status": 503, "count": 2},
    )
    rest.all_orders(PHO_HANOI, "active")  # two 503s, then the real answer
    dev_post(
        module_dev_server,
        "faults/rest",
        {"pathPattern": "/orders/active$", "status": 500, "count": 3},
    )
    with pytest.raises(ServerUnavailable) as err:
        rest.all_orders(PHO_HANOI, "active")
    assert err.value.status == 500


def test_5xx_on_lifecycle_post_is_not_retried(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF, backoff=NO_WAIT)
    oid = place_order(module_dev_server.url, PHO_HANOI)["orderId"]
    dev_post(
        module_dev_server,
        "faults/rest",
        {"pathPattern": f"{oid}/accept$", "status": 503, "count": 1},
    )
    with pytest.raises(ServerUnavailable):
        rest.accept(oid, PHO_HANOI, eta())
    assert rest.order_detail(PHO_HANOI, oid).status is OrderStatus.PLACED  # not retried
    assert rest.accept(oid, PHO_HANOI, eta()).status is OrderStatus.ACCEPTED  # fault used up


def test_slow_server_times_out_as_server_unavailable(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF, timeout_s=0.3, backoff=NO_WAIT)
    dev_post(
        module_dev_server,
        "faults/rest",
        {"pathPattern": "/orders/new$", "delayMs": 1500, "count": 3},
    )
    with pytest.raises(ServerUnavailable, match="timed out"):
        rest.all_orders(PHO_HANOI, "new")


def test_expired_access_token_is_refreshed(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF)
    assert rest.tokens is not None
    before = rest.tokens.access_token()
    dev_post(module_dev_server, "tokens/expire", {"userName": STAFF})
    assert rest.me().email == STAFF
    assert rest.tokens.access_token() != before


def test_revoked_refresh_token_is_auth_expired(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    user = staff("bella-napoli")[0]
    rest = session(module_dev_server, user)
    dev_post(module_dev_server, "tokens/revoke", {"userName": user})
    with pytest.raises(AuthExpired):
        rest.all_orders(BELLA_NAPOLI, "new")
    assert rest.tokens is not None
    assert rest.tokens.get() is None


def test_wrong_password_is_auth_expired_with_detail(module_dev_server: ServerProcess) -> None:
    from kds.net.rest import RestClient

    rest = RestClient(module_dev_server.url)
    try:
        with pytest.raises(AuthExpired) as err:
            rest.login(STAFF, "wrong-password")
        assert err.value.detail == "Failed"
        assert "wrong-password" not in str(err.value)
    finally:
        rest.close()

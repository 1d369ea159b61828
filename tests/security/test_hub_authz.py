"""Hub authorization matrix: every hub method × role × restaurant, with a leak check.

Roles: no token, expired token, staff of this restaurant, staff of another, owner, manager (owner
of two), administrator (must be refused: no restaurant bypass, contract §2.3), customer. Over the
real server and a raw spec-level client (``tests/interop/rawclient``), so it checks the wire.

Leak check: every connection stays open after its calls; then an order is placed and moved in
every restaurant. Connections whose subscription was accepted must receive those events (the
positive control, proving events flowed), and every connection whose subscription was refused
(or that only unsubscribed) must receive none: we read each until it has seen two server pings
sent after the events went out (pings every 0.3 s; one connection's records arrive in order).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.interop.rawclient import RawHub, negotiate, ws_url
from tests.support.helpers import (
    ADMIN,
    BELLA_NAPOLI,
    CUSTOMER,
    MANAGER,
    PHO_HANOI,
    SUSHI_KO,
    auth,
    login,
    owner,
    place_order,
    staff,
)
from tests.support.server import ServerProcess

RESTAURANT_HUB = "/hubs/restaurant-orders"
CUSTOMER_HUB = "/hubs/customer-orders"
TEAMCART_HUB = "/hubs/teamcart"
UNKNOWN = str(uuid.UUID(int=7))
RESTAURANTS = {"pho": PHO_HANOI, "bella": BELLA_NAPOLI, "sushi": SUSHI_KO, "unknown": UNKNOWN}

ROLES: dict[str, tuple[str, str]] = {
    "staff_this": staff("pho-hanoi"),
    "staff_other": staff("bella-napoli"),
    "owner": owner("pho-hanoi"),
    "manager": MANAGER,
    "administrator": ADMIN,
    "customer": CUSTOMER,
}
# Which restaurants each role may subscribe to (permission claims, contract §2.3, B2).
ALLOWED = {
    "staff_this": {"pho"},
    "staff_other": {"bella"},
    "owner": {"pho"},
    "manager": {"pho", "bella"},
    "administrator": set(),
    "customer": set(),
}
EXPIRED_USER = staff("sushi-ko")  # used only here, so expiring its tokens touches nobody else


def forbidden(method: str) -> str:
    return (
        f"An unexpected error occurred invoking '{method}' on the server. HubException: Forbidden"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    base: Path = tmp_path_factory.mktemp("authz")
    args = ["--dev", "--seed", "demo", "--outbox-interval-ms", "10", "--keepalive-s", "0.3"]
    srv = ServerProcess([*args, "--teamcart", "--log-level", "warning"], str(base / "kds.db"))
    srv.log_dir = base
    srv.start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def tokens(server: ServerProcess) -> dict[str, str]:
    return {role: login(server.url, *creds) for role, creds in ROLES.items()}


@pytest.mark.parametrize("hub", [RESTAURANT_HUB, CUSTOMER_HUB, TEAMCART_HUB])
def test_no_token_and_expired_token_cannot_connect(server: ServerProcess, hub: str) -> None:
    assert negotiate(server.url, hub, None).status_code == 401
    assert negotiate(server.url, hub, "not-a-real-token").status_code == 401
    token = login(server.url, *EXPIRED_USER)
    assert negotiate(server.url, hub, token).status_code == 200
    response = httpx.post(
        f"{server.url}/api/v1/dev/tokens/expire", json={"userName": EXPIRED_USER[0]}, timeout=10
    )
    assert response.status_code == 200
    assert negotiate(server.url, hub, token).status_code == 401
    # The WebSocket upgrade itself (skipNegotiation, token in the query) is refused as well.
    url = ws_url(server.url, hub, None) + f"?access_token={token}"
    upgrade = httpx.get(url.replace("ws://", "http://", 1), timeout=5)
    assert upgrade.status_code == 401


def _drain(raw: RawHub, pings: int = 2) -> list[dict[str, Any]]:
    """Every non-ping record until ``pings`` server pings have arrived."""
    seen: list[dict[str, Any]] = []
    while pings:
        record = raw.recv(skip_pings=False)
        if record.get("type") == 6:
            pings -= 1
        else:
            seen.append(record)
    return seen


def _events(records: list[dict[str, Any]]) -> list[str]:
    return [r["arguments"][0].get("orderId", "?") for r in records if r.get("type") == 1]


def test_restaurant_hub_matrix_with_no_leaks(server: ServerProcess, tokens: dict[str, str]) -> None:
    refused: list[tuple[str, RawHub]] = []
    accepted: dict[str, tuple[RawHub, set[str]]] = {}
    opened: list[RawHub] = []
    try:
        for role, token in tokens.items():
            for name, rid in RESTAURANTS.items():
                raw = RawHub.open(server.url, RESTAURANT_HUB, token)
                opened.append(raw)
                completion = raw.invoke("SubscribeToRestaurant", rid)
                if name in ALLOWED[role]:
                    assert "error" not in completion, (role, name, completion)
                    accepted[f"{role}/{name}"] = (raw, {rid})
                else:
                    assert completion.get("error") == forbidden("SubscribeToRestaurant"), (
                        role,
                        name,
                    )
                    refused.append((f"{role}/{name}", raw))
            # Unsubscribe never checks and never fails — and must not join anything either.
            raw = RawHub.open(server.url, RESTAURANT_HUB, token)
            opened.append(raw)
            for rid in RESTAURANTS.values():
                completion = raw.invoke("UnsubscribeFromRestaurant", rid)
                assert completion.get("result") is None
                assert "error" not in completion
            refused.append((f"{role}/unsubscribe-only", raw))

        placed = {name: place_order(server.url, rid)["orderId"] for name, rid in RESTAURANTS.items()
                  if name != "unknown"}  # fmt: skip
        wanted = {PHO_HANOI: placed["pho"], BELLA_NAPOLI: placed["bella"]}
        for label, (raw, rids) in accepted.items():
            got: list[str] = []
            expected = {wanted[rid] for rid in rids}
            while not expected <= set(got):
                got += _events([raw.recv()])
            assert placed["sushi"] not in got, label
        for label, raw in refused:
            leaked = _events(_drain(raw))
            assert leaked == [], f"{label} received events it was refused: {leaked}"
    finally:
        for raw in opened:
            raw.close()


def test_customer_hub_only_the_orders_own_customer(
    server: ServerProcess, tokens: dict[str, str]
) -> None:
    order = place_order(server.url, PHO_HANOI)["orderId"]
    # OrderOwner claims are a snapshot at sign-in (§2.3): the customer signs in after ordering.
    customer = login(server.url, *CUSTOMER)
    opened: list[RawHub] = []
    refused: list[tuple[str, RawHub]] = []
    try:
        own = RawHub.open(server.url, CUSTOMER_HUB, customer)
        opened.append(own)
        assert "error" not in own.invoke("SubscribeToOrder", order)
        other = RawHub.open(server.url, CUSTOMER_HUB, customer)
        opened.append(other)
        assert other.invoke("SubscribeToOrder", str(uuid.uuid4()))["error"] == forbidden(
            "SubscribeToOrder"
        )
        refused.append(("customer/other-order", other))
        for role, token in tokens.items():
            if role == "customer":
                continue  # signed in before the order existed: covered by the claim rule above
            raw = RawHub.open(server.url, CUSTOMER_HUB, token)
            opened.append(raw)
            completion = raw.invoke("SubscribeToOrder", order)
            assert completion.get("error") == forbidden("SubscribeToOrder"), (role, completion)
            assert "error" not in raw.invoke("UnsubscribeFromOrder", order)
            refused.append((role, raw))

        eta = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
        response = httpx.post(
            f"{server.url}/api/v1/orders/{order}/accept",
            json={"restaurantId": PHO_HANOI, "estimatedDeliveryTime": eta},
            headers=auth(tokens["staff_this"]),
            timeout=10,
        )
        assert response.status_code == 200, response.text
        got: list[str] = []
        while order not in got:  # positive control: the owning customer hears the accept
            got += _events([own.recv()])
        for label, raw in refused:
            assert _events(_drain(raw)) == [], f"{label} received a customer event"
    finally:
        for raw in opened:
            raw.close()


def test_teamcart_hub_refuses_every_role_without_a_cart_claim(
    server: ServerProcess, tokens: dict[str, str]
) -> None:
    cart = str(uuid.uuid4())
    for role, token in tokens.items():
        with RawHub.open(server.url, TEAMCART_HUB, token) as raw:
            assert raw.invoke("SubscribeToCart", cart).get("error") == forbidden(
                "SubscribeToCart"
            ), role
            completion = raw.invoke("UnsubscribeFromCart", cart)
            assert "error" not in completion, role

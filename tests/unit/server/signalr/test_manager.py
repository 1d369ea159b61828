"""ConnectionManager (groups, Broadcaster protocol) and the three hubs' policies, in process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from kds.server.auth import Principal
from kds.server.broadcast import Broadcaster
from kds.server.hubs import (
    CUSTOMER_HUB,
    RESTAURANT_HUB,
    TEAMCART_HUB,
    build_hubs,
    teamcart_arguments,
    teamcart_group,
)
from kds.server.signalr import ConnectionManager, Hub, HubOptions
from kds.server.signalr.connection import HubConnection
from kds.server.signalr.hub import invoke
from kds.server.signalr.protocol import Invocation

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
OID = "0b9a2c1e-1111-4c1a-9e55-0a1b2c3d4e99"
CART = "c0ffee00-2222-4c1a-9e55-0a1b2c3d4e77"


def principal(*permissions: str, roles: tuple[str, ...] = ()) -> Principal:
    return Principal("u1", "user", frozenset(roles), frozenset(permissions))


def run(body: Callable[[ConnectionManager, dict[str, Hub]], Awaitable[None]]) -> None:
    async def main() -> None:
        manager = ConnectionManager()
        hubs = {hub.path: hub for hub in build_hubs(teamcart=True)}
        for hub in hubs.values():
            manager.add_hub(hub)
        await body(manager, hubs)

    asyncio.run(main())


async def connected(manager: ConnectionManager, hub: Hub, who: Principal) -> HubConnection:
    conn = manager.create(hub, who, 1)
    await conn.receive(b'{"protocol":"json","version":1}\x1e')
    assert conn.take_outgoing() == "{}\x1e"
    return conn


async def call(conn: HubConnection, target: str, *args: Any) -> dict[str, Any]:
    reply = await invoke(conn.hub, conn, Invocation(target, list(args), "1"), False)
    assert reply is not None
    return dict(json.loads(reply[:-1]))


def test_manager_satisfies_the_broadcaster_protocol() -> None:
    manager: Broadcaster = ConnectionManager()
    assert callable(manager.send_to_group)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (principal(f"RestaurantOwner:{RID}"), None),
        (principal(f"RestaurantStaff:{RID}"), None),
        (principal(f"RestaurantStaff:{OTHER}"), "Forbidden"),
        (principal("UserAdmin:*", roles=("Administrator",)), "Forbidden"),
        (principal(), "Forbidden"),
    ],
)
def test_restaurant_subscription_policy(who: Principal, expected: str | None) -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        conn = await connected(manager, hubs[RESTAURANT_HUB], who)
        reply = await call(conn, "SubscribeToRestaurant", RID.upper())
        members = manager.group_members(RESTAURANT_HUB, f"restaurant:{RID}")
        if expected is None:
            assert reply == {"type": 3, "invocationId": "1", "result": None}
            assert members == {conn}
        else:
            assert reply["error"].endswith(f"HubException: {expected}")
            assert not members

    run(body)


def test_unauthenticated_principal_gets_unauthorized() -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        conn = await connected(manager, hubs[RESTAURANT_HUB], None)  # type: ignore[arg-type]
        reply = await call(conn, "SubscribeToRestaurant", RID)
        assert reply["error"].endswith("HubException: Unauthorized")

    run(body)


@pytest.mark.parametrize(
    ("hub_path", "method", "resource", "allowed"),
    [
        (CUSTOMER_HUB, "SubscribeToOrder", OID, f"OrderOwner:{OID}"),
        (CUSTOMER_HUB, "SubscribeToOrder", OID, f"OrderManager:{OID}"),
        (TEAMCART_HUB, "SubscribeToCart", CART, f"TeamCartMember:{CART}"),
        (TEAMCART_HUB, "SubscribeToCart", CART, f"TeamCartHost:{CART}"),
    ],
)
def test_customer_and_teamcart_policies(
    hub_path: str, method: str, resource: str, allowed: str
) -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        ok = await connected(manager, hubs[hub_path], principal(allowed))
        assert (await call(ok, method, resource))["result"] is None
        denied = await connected(manager, hubs[hub_path], principal(f"RestaurantOwner:{RID}"))
        assert (await call(denied, method, resource))["error"].endswith("HubException: Forbidden")

    run(body)


def test_group_send_encodes_once_and_reaches_every_member_of_several_groups() -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        hub = hubs[RESTAURANT_HUB]
        who = principal(f"RestaurantOwner:{RID}", f"RestaurantOwner:{OTHER}")
        one, two = await connected(manager, hub, who), await connected(manager, hub, who)
        for conn in (one, two):
            await call(conn, "SubscribeToRestaurant", RID)
        await call(one, "SubscribeToRestaurant", OTHER)
        one.take_outgoing(), two.take_outgoing()
        await manager.send_to_group(RESTAURANT_HUB, f"restaurant:{RID}", "E", [{"a": 1}])
        await manager.send_to_group(RESTAURANT_HUB, f"restaurant:{OTHER}", "F", [2])
        await manager.send_to_group(CUSTOMER_HUB, f"restaurant:{RID}", "G", [3])  # other hub
        await manager.send_to_group("/hubs/unmapped", "x", "H", [4])  # no such hub: no-op
        first = one.take_outgoing()
        assert first == (
            '{"type":1,"target":"E","arguments":[{"a":1}]}\x1e'
            '{"type":1,"target":"F","arguments":[2]}\x1e'
        )
        assert two.take_outgoing() == '{"type":1,"target":"E","arguments":[{"a":1}]}\x1e'
        one.close()
        assert manager.group_members(RESTAURANT_HUB, f"restaurant:{OTHER}") == frozenset()
        assert manager.group_members(RESTAURANT_HUB, f"restaurant:{RID}") == {two}

    run(body)


def test_unencodable_broadcast_raises_so_the_outbox_retries() -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        conn = await connected(manager, hubs[RESTAURANT_HUB], principal(f"RestaurantStaff:{RID}"))
        await call(conn, "SubscribeToRestaurant", RID)
        with pytest.raises(ValueError, match="JSON compliant"):
            await manager.send_to_group(RESTAURANT_HUB, f"restaurant:{RID}", "E", [float("inf")])

    run(body)


def test_teamcart_events_travel_as_one_array_argument() -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        conn = await connected(manager, hubs[TEAMCART_HUB], principal(f"TeamCartMember:{CART}"))
        await call(conn, "SubscribeToCart", CART)
        conn.take_outgoing()
        group = teamcart_group(CART)
        await manager.send_to_group(TEAMCART_HUB, group, "ReceiveCartUpdated", teamcart_arguments())
        await manager.send_to_group(
            TEAMCART_HUB, group, "ReceivePaymentEvent", teamcart_arguments("u1", "OnlineSucceeded")
        )
        assert conn.take_outgoing() == (
            '{"type":1,"target":"ReceiveCartUpdated","arguments":[[]]}\x1e'
            '{"type":1,"target":"ReceivePaymentEvent","arguments":[["u1","OnlineSucceeded"]]}\x1e'
        )

    run(body)


def test_abort_and_close_all_counts_and_records() -> None:
    async def body(manager: ConnectionManager, hubs: dict[str, Hub]) -> None:
        who = principal(f"RestaurantStaff:{RID}")
        a = await connected(manager, hubs[RESTAURANT_HUB], who)
        b = await connected(manager, hubs[CUSTOMER_HUB], who)
        assert await manager.abort_connections(RESTAURANT_HUB) == 1
        assert a.aborted
        assert not a.has_outgoing()
        assert not b.closed
        await manager.close_all()
        assert b.closed
        assert manager.connection_count == 0

    run(body)


def test_a_client_that_stops_reading_is_dropped_not_buffered_forever() -> None:
    async def main() -> None:
        manager = ConnectionManager(HubOptions(max_pending_records=3))
        [hub] = [h for h in build_hubs(teamcart=False) if h.path == RESTAURANT_HUB]
        manager.add_hub(hub)
        who = principal(f"RestaurantStaff:{RID}")
        stalled, reading = await connected(manager, hub, who), await connected(manager, hub, who)
        for conn in (stalled, reading):
            await call(conn, "SubscribeToRestaurant", RID)
            conn.take_outgoing()
        for n in range(5):
            await manager.send_to_group(RESTAURANT_HUB, f"restaurant:{RID}", "E", [n])
            reading.take_outgoing()
        assert stalled.aborted
        assert manager.group_members(RESTAURANT_HUB, f"restaurant:{RID}") == {reading}

    asyncio.run(main())

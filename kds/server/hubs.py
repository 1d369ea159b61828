"""The backend's three hubs (contract 8.3, 8.7, 8.8): subscribe/unsubscribe with their policies."""

from __future__ import annotations

from typing import Any

from kds.server.auth import Principal, can_own, can_staff
from kds.server.signalr import CallContext, Hub, HubException, HubMethod, guid_arg

RESTAURANT_HUB = "/hubs/restaurant-orders"
CUSTOMER_HUB = "/hubs/customer-orders"
TEAMCART_HUB = "/hubs/teamcart"


def restaurant_group(restaurant_id: str) -> str:
    return f"restaurant:{restaurant_id.lower()}"


def order_group(order_id: str) -> str:
    return f"order:{order_id.lower()}"


def teamcart_group(cart_id: str) -> str:
    return f"teamcart:{cart_id.lower()}"


def _principal(ctx: CallContext) -> Principal:
    # [Authorize] on every hub makes a missing user unreachable; kept as the hub code has it.
    principal = ctx.principal
    if not isinstance(principal, Principal):
        raise HubException("Unauthorized")
    return principal


def _require_any(ctx: CallContext, *permissions: str) -> None:
    """A policy met by any one of `permissions` (owner or manager, member or host)."""
    held = _principal(ctx).permissions
    if not any(permission in held for permission in permissions):
        raise HubException("Forbidden")


# ---------------------------------------------------------------- RestaurantOrdersHub


async def subscribe_to_restaurant(ctx: CallContext, restaurant_id: str) -> None:
    """MustBeRestaurantOwner, then MustBeRestaurantStaff; neither → ``Forbidden``, no group."""
    principal = _principal(ctx)
    if not (can_own(principal, restaurant_id) or can_staff(principal, restaurant_id)):
        raise HubException("Forbidden")
    ctx.add_to_group(restaurant_group(restaurant_id))


async def unsubscribe_from_restaurant(ctx: CallContext, restaurant_id: str) -> None:
    """No authorization check; never fails (contract 8.3)."""
    ctx.remove_from_group(restaurant_group(restaurant_id))


# ---------------------------------------------------------------- CustomerOrdersHub


async def subscribe_to_order(ctx: CallContext, order_id: str) -> None:
    """MustBeOrderOwner: ``OrderOwner:{oid}`` or ``OrderManager:{oid}``."""
    _require_any(ctx, f"OrderOwner:{order_id}", f"OrderManager:{order_id}")
    ctx.add_to_group(order_group(order_id))


async def unsubscribe_from_order(ctx: CallContext, order_id: str) -> None:
    ctx.remove_from_group(order_group(order_id))


# ---------------------------------------------------------------- TeamCartHub


async def subscribe_to_cart(ctx: CallContext, cart_id: str) -> None:
    """MustBeTeamCartMember: ``TeamCartMember:{id}`` or ``TeamCartHost:{id}``."""
    _require_any(ctx, f"TeamCartMember:{cart_id}", f"TeamCartHost:{cart_id}")
    ctx.add_to_group(teamcart_group(cart_id))


async def unsubscribe_from_cart(ctx: CallContext, cart_id: str) -> None:
    ctx.remove_from_group(teamcart_group(cart_id))


def teamcart_arguments(*logical: Any) -> list[Any]:
    """The TeamCart notifier's wire quirk (8.8): its argument list travels as ONE array argument.

    ``ReceiveCartUpdated`` → ``arguments: [[]]``; ``ReceivePaymentEvent(user, status)`` →
    ``arguments: [["<userId>", "<status>"]]``. Pass the result to ``send_to_group``.
    """
    return [list(logical)]


def build_hubs(*, teamcart: bool) -> list[Hub]:
    """The hubs the backend maps; ``/hubs/teamcart`` only with the feature flag, as in 8.1."""
    hubs = [
        Hub(
            RESTAURANT_HUB,
            [
                HubMethod("SubscribeToRestaurant", [guid_arg], subscribe_to_restaurant),
                HubMethod("UnsubscribeFromRestaurant", [guid_arg], unsubscribe_from_restaurant),
            ],
        ),
        Hub(
            CUSTOMER_HUB,
            [
                HubMethod("SubscribeToOrder", [guid_arg], subscribe_to_order),
                HubMethod("UnsubscribeFromOrder", [guid_arg], unsubscribe_from_order),
            ],
        ),
    ]
    if teamcart:
        hubs.append(
            Hub(
                TEAMCART_HUB,
                [
                    HubMethod("SubscribeToCart", [guid_arg], subscribe_to_cart),
                    HubMethod("UnsubscribeFromCart", [guid_arg], unsubscribe_from_cart),
                ],
            )
        )
    return hubs

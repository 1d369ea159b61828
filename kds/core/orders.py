"""Order statuses, the transition graph and the immutable order values decoded from the backend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "ALLOWED_TRANSITIONS",
    "EVENT_ORDER_PAYMENT_FAILED",
    "EVENT_ORDER_PAYMENT_SUCCEEDED",
    "EVENT_ORDER_PLACED",
    "EVENT_ORDER_STATUS_CHANGED",
    "INITIAL_STATUSES",
    "OPEN_STATUSES",
    "ORDER_EVENT_NAMES",
    "TERMINAL_STATUSES",
    "Customization",
    "LifecycleResult",
    "OrderDetail",
    "OrderEvent",
    "OrderItem",
    "OrderStatus",
    "OrderSummary",
    "is_open",
    "is_terminal",
    "status_rank",
]


class OrderStatus(StrEnum):
    """The backend's `OrderStatus` as written on the wire, in its enum order (contract §5)."""

    AWAITING_PAYMENT = "AwaitingPayment"
    PLACED = "Placed"
    ACCEPTED = "Accepted"
    PREPARING = "Preparing"
    READY_FOR_DELIVERY = "ReadyForDelivery"
    DELIVERED = "Delivered"
    CANCELLED = "Cancelled"
    REJECTED = "Rejected"

    # Enum hashes members by name in Python code; a member equals its string value, so hash it
    # as that string: consistent with ==, and a C-level hash on the board's hot path.
    __hash__ = str.__hash__


TERMINAL_STATUSES: frozenset[OrderStatus] = frozenset(
    {OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.REJECTED}
)
"""Statuses an order never leaves; such orders leave the board (rule 4)."""

OPEN_STATUSES: frozenset[OrderStatus] = frozenset(
    {
        OrderStatus.PLACED,
        OrderStatus.ACCEPTED,
        OrderStatus.PREPARING,
        OrderStatus.READY_FOR_DELIVERY,
    }
)
"""The statuses of the active queue: what the kitchen board shows."""

INITIAL_STATUSES: frozenset[OrderStatus] = frozenset(
    {OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT}
)
"""Statuses an order is created in: Placed for cash on delivery, AwaitingPayment for online."""

ALLOWED_TRANSITIONS: Mapping[OrderStatus, frozenset[OrderStatus]] = MappingProxyType(
    {
        OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.PLACED, OrderStatus.CANCELLED}),
        OrderStatus.PLACED: frozenset(
            {OrderStatus.ACCEPTED, OrderStatus.REJECTED, OrderStatus.CANCELLED}
        ),
        OrderStatus.ACCEPTED: frozenset({OrderStatus.PREPARING, OrderStatus.CANCELLED}),
        OrderStatus.PREPARING: frozenset({OrderStatus.READY_FOR_DELIVERY, OrderStatus.CANCELLED}),
        OrderStatus.READY_FOR_DELIVERY: frozenset({OrderStatus.DELIVERED, OrderStatus.CANCELLED}),
        OrderStatus.DELIVERED: frozenset(),
        OrderStatus.CANCELLED: frozenset(),
        OrderStatus.REJECTED: frozenset(),
    }
)
"""The complete transition graph of contract §5 (no skipping, terminals have no exits)."""

_RANK: Mapping[OrderStatus, int] = MappingProxyType(
    {
        OrderStatus.AWAITING_PAYMENT: 0,
        OrderStatus.PLACED: 1,
        OrderStatus.ACCEPTED: 2,
        OrderStatus.PREPARING: 3,
        OrderStatus.READY_FOR_DELIVERY: 4,
        OrderStatus.DELIVERED: 5,
        OrderStatus.CANCELLED: 5,
        OrderStatus.REJECTED: 5,
    }
)


def status_rank(status: OrderStatus) -> int:
    """Position of `status` along every legal path; every transition strictly increases it.

    The board uses it to make sure a status never goes backwards, whatever order the events
    arrive in: a lower rank is always older information about the same order.
    """
    return _RANK[status]


def is_terminal(status: OrderStatus) -> bool:
    """True for Delivered, Cancelled and Rejected."""
    return status in TERMINAL_STATUSES


def is_open(status: OrderStatus) -> bool:
    """True for the four statuses the kitchen board shows."""
    return status in OPEN_STATUSES


EVENT_ORDER_PLACED = "ReceiveOrderPlaced"
EVENT_ORDER_PAYMENT_SUCCEEDED = "ReceiveOrderPaymentSucceeded"
EVENT_ORDER_PAYMENT_FAILED = "ReceiveOrderPaymentFailed"
EVENT_ORDER_STATUS_CHANGED = "ReceiveOrderStatusChanged"
ORDER_EVENT_NAMES: frozenset[str] = frozenset(
    {
        EVENT_ORDER_PLACED,
        EVENT_ORDER_PAYMENT_SUCCEEDED,
        EVENT_ORDER_PAYMENT_FAILED,
        EVENT_ORDER_STATUS_CHANGED,
    }
)
"""SignalR event names that carry an `OrderStatusBroadcastDto` (contract §8.5)."""


@dataclass(frozen=True, slots=True)
class Customization:
    """One selected choice on an order line (`OrderItemCustomizationDto`)."""

    group_name: str
    choice_name: str
    price_adjustment: Decimal | None


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One order line (`OrderItemDto`); `unit_price` is the base price without customizations."""

    order_item_id: str
    menu_item_id: str
    name: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    customizations: tuple[Customization, ...]


@dataclass(frozen=True, slots=True)
class OrderSummary:
    """A queue row (`OrderSummaryDto`, contract §6.2): no items, note, ETA or lastUpdate."""

    order_id: str
    order_number: str
    status: OrderStatus
    placement_timestamp: datetime
    restaurant_id: str
    restaurant_name: str
    restaurant_image_url: str | None
    customer_id: str
    total_amount: Decimal
    total_currency: str
    item_count: int
    source_team_cart_id: str | None
    is_from_team_cart: bool
    paid_online_amount: Decimal
    cash_on_delivery_amount: Decimal


@dataclass(frozen=True, slots=True)
class OrderDetail:
    """The fields of `OrderDetailsDto` (contract §6.3) a kitchen display uses.

    `note` is the customer's order-level instruction, ``""`` when none was given.
    """

    order_id: str
    order_number: str
    customer_id: str
    restaurant_id: str
    status: OrderStatus
    placement_timestamp: datetime
    last_update_timestamp: datetime
    estimated_delivery_time: datetime | None
    actual_delivery_time: datetime | None
    note: str
    currency: str
    subtotal_amount: Decimal
    discount_amount: Decimal
    delivery_fee_amount: Decimal
    tip_amount: Decimal
    tax_amount: Decimal
    total_amount: Decimal
    items: tuple[OrderItem, ...]
    is_from_team_cart: bool
    source_team_cart_id: str | None
    payment_method: str | None
    paid_online_amount: Decimal
    cash_on_delivery_amount: Decimal
    restaurant_name: str


@dataclass(frozen=True, slots=True)
class LifecycleResult:
    """The 200 body of every lifecycle command (`OrderLifecycleResultDto`, contract §6.5)."""

    order_id: str
    order_number: str
    status: OrderStatus
    placement_timestamp: datetime
    last_update_timestamp: datetime
    estimated_delivery_time: datetime | None
    actual_delivery_time: datetime | None


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """A hub event: the `OrderStatusBroadcastDto` of contract §8.5 plus its SignalR event name.

    The DTO is built from the order's state when it is published, so `status` may be later than
    the event name suggests (a delayed `ReceiveOrderPlaced` can carry `Accepted`): trust
    `status` and `last_update_timestamp`, never `name`.
    """

    name: str
    order_id: str
    order_number: str
    status: OrderStatus
    restaurant_id: str
    last_update_timestamp: datetime
    estimated_delivery_time: datetime | None
    actual_delivery_time: datetime | None
    delivered_at: datetime | None
    occurred_on_utc: datetime
    event_id: str

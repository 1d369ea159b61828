"""Realistic sample orders built from core values: for screenshots, the paint benchmark and tests.

No network: it feeds a `kds.core.board.Board` directly with the same event and detail values
the app layer would decode from the backend, so views render exactly what they would in service.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from kds.core.board import Board
from kds.core.orders import (
    EVENT_ORDER_PLACED,
    EVENT_ORDER_STATUS_CHANGED,
    Customization,
    OrderDetail,
    OrderEvent,
    OrderItem,
    OrderStatus,
)
from kds.core.ticket import Ticket

__all__ = [
    "MENU",
    "NOTES",
    "MenuEntry",
    "place",
    "sample_order",
    "set_status",
    "ticket_of",
]

MenuEntry = tuple[str, Decimal, tuple[tuple[str, tuple[str, ...]], ...]]
"""(name, unit price, customization groups: (group, its choices))."""

MENU: tuple[MenuEntry, ...] = (
    ("Pho Bo (beef noodle soup)", Decimal("11.50"), (("Size", ("Regular", "Large")),)),
    ("Bun Cha Hanoi", Decimal("12.00"), (("Spice", ("Mild", "Medium", "Hot")),)),
    ("Goi Cuon fresh spring rolls with shrimp and herbs", Decimal("7.50"), ()),
    ("Banh Mi Thit", Decimal("8.00"), (("Extras", ("Extra pate", "No coriander")),)),
    ("Com Tam broken rice, grilled pork chop", Decimal("12.50"), (("Egg", ("Fried egg", "None")),)),
    ("Margherita pizza", Decimal("10.00"), (("Crust", ("Classic", "Gluten-free")),)),
    ("Tiramisu", Decimal("6.00"), ()),
    ("Iced coffee with condensed milk", Decimal("4.00"), (("Sugar", ("Less", "Normal")),)),
)

NOTES = (
    "",
    "",
    "No peanuts — severe allergy!",
    "Ring the bell twice, baby sleeping",
    "Gluten free please, coeliac",
    "Extra napkins and chopsticks for 4",
)


def sample_order(
    rng: random.Random,
    restaurant_id: str,
    placed: datetime,
    *,
    lines: int | None = None,
    note: str | None = None,
    team_cart: bool = False,
    online: bool | None = None,
    menu: Sequence[MenuEntry] = MENU,
    currency: str = "USD",
    delivery_fee: Decimal = Decimal("2.00"),
) -> OrderDetail:
    """An `OrderDetail` in `Placed` with 1–5 realistic lines (deterministic for a seeded rng).

    `menu`, `currency` and `delivery_fee` let a scene price its own menu (the rush scene's
    dong prices) without a second copy of this builder; the defaults are the original menu.
    """
    order_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    millis = placed.microsecond // 1000
    number = f"ORD-{placed:%Y%m%d-%H%M%S}-{millis:03d}-{rng.randint(1000, 9998)}"
    items = []
    count = lines if lines is not None else rng.randint(1, 5)
    for name, price, groups in rng.sample(list(menu), min(count, len(menu))):
        custom = tuple(
            Customization(group, rng.choice(choices), None)
            for group, choices in groups
            if rng.random() < 0.7
        )
        qty = rng.choice((1, 1, 1, 2, 2, 3, 4))
        items.append(
            OrderItem(str(uuid.uuid4()), str(uuid.uuid4()), name, qty, price, price * qty, custom)
        )
    total = sum((i.line_total for i in items), Decimal(0))
    paid_online = rng.random() < 0.6 if online is None else online
    return OrderDetail(
        order_id=order_id,
        order_number=number,
        customer_id=str(uuid.uuid4()),
        restaurant_id=restaurant_id,
        status=OrderStatus.PLACED,
        placement_timestamp=placed,
        last_update_timestamp=placed,
        estimated_delivery_time=None,
        actual_delivery_time=None,
        note=rng.choice(NOTES) if note is None else note,
        currency=currency,
        subtotal_amount=total,
        discount_amount=Decimal(0),
        delivery_fee_amount=delivery_fee,
        tip_amount=Decimal(0),
        tax_amount=Decimal(0),
        total_amount=total + delivery_fee,
        items=tuple(items),
        is_from_team_cart=team_cart,
        source_team_cart_id=str(uuid.uuid4()) if team_cart else None,
        payment_method="CreditCard" if paid_online else "CashOnDelivery",
        paid_online_amount=total + delivery_fee if paid_online else Decimal(0),
        cash_on_delivery_amount=Decimal(0) if paid_online else total + delivery_fee,
        restaurant_name="Pho Hanoi",
    )


def _event(detail: OrderDetail, name: str, status: OrderStatus, at: datetime) -> OrderEvent:
    return OrderEvent(
        name=name,
        order_id=detail.order_id,
        order_number=detail.order_number,
        status=status,
        restaurant_id=detail.restaurant_id,
        last_update_timestamp=at,
        estimated_delivery_time=detail.estimated_delivery_time,
        actual_delivery_time=None,
        delivered_at=None,
        occurred_on_utc=at,
        event_id=str(uuid.uuid4()),
    )


def place(board: Board, detail: OrderDetail) -> None:
    """The hub's `ReceiveOrderPlaced`, then the detail fetch's answer, as the app would."""
    board.apply(_event(detail, EVENT_ORDER_PLACED, OrderStatus.PLACED, detail.placement_timestamp))
    board.apply(detail)


def set_status(
    board: Board,
    detail: OrderDetail,
    status: OrderStatus,
    at: datetime,
    eta: datetime | None = None,
) -> OrderDetail:
    """Move the order to `status` through a hub status event; returns the updated detail."""
    from dataclasses import replace

    eta = eta or detail.estimated_delivery_time
    if status is OrderStatus.ACCEPTED and eta is None:
        eta = at + timedelta(minutes=20)
    updated = replace(detail, status=status, last_update_timestamp=at, estimated_delivery_time=eta)
    board.apply(_event(updated, EVENT_ORDER_STATUS_CHANGED, status, at))
    return updated


def ticket_of(
    detail: OrderDetail,
    *,
    status: OrderStatus | None = None,
    eta: datetime | None = None,
    at: datetime | None = None,
) -> Ticket:
    """A board `Ticket` of `detail` (in `status`, with `eta`, last changed `at`), for tests of
    one view or rule without a Board."""
    return Ticket(
        order_id=detail.order_id,
        order_number=detail.order_number,
        status=status or detail.status,
        placement_timestamp=detail.placement_timestamp,
        last_update_timestamp=at or detail.last_update_timestamp,
        estimated_delivery_time=eta,
        actual_delivery_time=None,
        first_seen=at or detail.placement_timestamp,
        detail=detail,
    )

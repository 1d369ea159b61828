"""Builders for core values with sensible defaults, and a clock tests can move by hand."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from kds.core.orders import (
    EVENT_ORDER_PLACED,
    EVENT_ORDER_STATUS_CHANGED,
    Customization,
    LifecycleResult,
    OrderDetail,
    OrderEvent,
    OrderItem,
    OrderStatus,
    OrderSummary,
)
from kds.core.ticket import Ticket

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
_counter = itertools.count(1)


def oid(n: int) -> str:
    """A stable order id for order number `n`, so failures read well."""
    return f"00000000-0000-4000-8000-{n:012d}"


def new_id() -> str:
    return str(uuid.UUID(int=next(_counter)))


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class FakeClock:
    """A settable clock: `clock()` returns `now`; `advance(s)` moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def event(
    n: int,
    status: OrderStatus = OrderStatus.PLACED,
    ts: datetime | None = None,
    *,
    name: str | None = None,
    event_id: str | None = None,
    eta: datetime | None = None,
    rid: str = RID,
) -> OrderEvent:
    ts = ts or T0
    return OrderEvent(
        name=name
        or (EVENT_ORDER_PLACED if status is OrderStatus.PLACED else EVENT_ORDER_STATUS_CHANGED),
        order_id=oid(n),
        order_number=f"ORD-{n}",
        status=status,
        restaurant_id=rid,
        last_update_timestamp=ts,
        estimated_delivery_time=eta,
        actual_delivery_time=ts if status is OrderStatus.DELIVERED else None,
        delivered_at=ts if status is OrderStatus.DELIVERED else None,
        occurred_on_utc=ts,
        event_id=event_id or new_id(),
    )


def summary(
    n: int, status: OrderStatus = OrderStatus.PLACED, placed: datetime | None = None
) -> OrderSummary:
    return OrderSummary(
        order_id=oid(n),
        order_number=f"ORD-{n}",
        status=status,
        placement_timestamp=placed or T0,
        restaurant_id=RID,
        restaurant_name="Pho Hanoi",
        restaurant_image_url=None,
        customer_id=oid(9999),
        total_amount=Decimal("10.00"),
        total_currency="USD",
        item_count=1,
        source_team_cart_id=None,
        is_from_team_cart=False,
        paid_online_amount=Decimal(0),
        cash_on_delivery_amount=Decimal("10.00"),
    )


def item(name: str, quantity: int, *choices: tuple[str, str], line: int = 1) -> OrderItem:
    return OrderItem(
        order_item_id=oid(100_000 + line),
        menu_item_id=oid(200_000 + line),
        name=name,
        quantity=quantity,
        unit_price=Decimal("5.00"),
        line_total=Decimal("5.00") * quantity,
        customizations=tuple(Customization(g, c, None) for g, c in choices),
    )


def detail(
    n: int,
    status: OrderStatus = OrderStatus.PLACED,
    ts: datetime | None = None,
    *,
    placed: datetime | None = None,
    items: tuple[OrderItem, ...] = (),
    note: str = "",
    eta: datetime | None = None,
) -> OrderDetail:
    return OrderDetail(
        order_id=oid(n),
        order_number=f"ORD-{n}",
        customer_id=oid(9999),
        restaurant_id=RID,
        status=status,
        placement_timestamp=placed or T0,
        last_update_timestamp=ts or T0,
        estimated_delivery_time=eta,
        actual_delivery_time=None,
        note=note,
        currency="USD",
        subtotal_amount=Decimal("10.00"),
        discount_amount=Decimal(0),
        delivery_fee_amount=Decimal(0),
        tip_amount=Decimal(0),
        tax_amount=Decimal(0),
        total_amount=Decimal("10.00"),
        items=items or (item("Pho Bo", 1),),
        is_from_team_cart=False,
        source_team_cart_id=None,
        payment_method="CashOnDelivery",
        paid_online_amount=Decimal(0),
        cash_on_delivery_amount=Decimal("10.00"),
        restaurant_name="Pho Hanoi",
    )


def result(
    n: int, status: OrderStatus, ts: datetime, *, eta: datetime | None = None
) -> LifecycleResult:
    return LifecycleResult(
        order_id=oid(n),
        order_number=f"ORD-{n}",
        status=status,
        placement_timestamp=T0,
        last_update_timestamp=ts,
        estimated_delivery_time=eta,
        actual_delivery_time=ts if status is OrderStatus.DELIVERED else None,
    )


def held_ticket(n: int, status: OrderStatus = OrderStatus.PLACED, *, note: str = "") -> Ticket:
    """A ticket as the board holds it once everything is known: its queue row and its detail
    (one line, "2 × Phở bò", with a choice)."""
    info = detail(n, status, at(1), items=(item("Phở bò", 2, ("Size", "Lớn")),), note=note)
    return Ticket(
        info.order_id,
        info.order_number,
        status,
        T0,
        at(1),
        None,
        None,
        T0,
        info,
        summary(n, status),
    )

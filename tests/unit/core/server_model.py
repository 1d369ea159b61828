"""A small model of the backend for property tests: orders, transitions, an outbox, a wire.

It emits restaurant-hub events the way contract §5, §8.5 and §9 say: one domain event per
transition (two for a successful online payment), a fresh eventId each, the broadcast DTO built
from the order's state *when it is published*, republication with the same eventId (at least
once), and publication in any order (a failed outbox row is retried later).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from kds.core.orders import (
    ALLOWED_TRANSITIONS,
    EVENT_ORDER_PAYMENT_SUCCEEDED,
    EVENT_ORDER_PLACED,
    EVENT_ORDER_STATUS_CHANGED,
    OPEN_STATUSES,
    LifecycleResult,
    OrderDetail,
    OrderEvent,
    OrderStatus,
    OrderSummary,
)
from tests.unit.core.factories import RID, T0, item

S = OrderStatus


@dataclass
class ServerOrder:
    order_id: str
    number: str
    status: OrderStatus
    placed: datetime
    updated: datetime
    eta: datetime | None = None
    delivered: datetime | None = None
    history: list[OrderStatus] = field(default_factory=list)


@dataclass(frozen=True)
class DomainEvent:
    event_id: str
    order_id: str
    name: str
    occurred: datetime
    delivered_event: bool = False


class ServerModel:
    """The server's truth plus its outbox; deterministic given the calls made."""

    def __init__(self) -> None:
        self.now = T0
        self.orders: dict[str, ServerOrder] = {}
        self.outbox: list[DomainEvent] = []  # not yet published
        self.published: list[DomainEvent] = []  # published at least once
        self._n = 0

    # ------------------------------------------------------------------ time and ids

    def tick(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def _new_id(self) -> str:
        self._n += 1
        return str(uuid.UUID(int=(0xABC << 64) + self._n))

    # ------------------------------------------------------------------ orders

    def create(self, *, online: bool) -> ServerOrder:
        now = self.tick()
        status = S.AWAITING_PAYMENT if online else S.PLACED
        order = ServerOrder(self._new_id(), f"ORD-{self._n}", status, now, now, history=[status])
        self.orders[order.order_id] = order
        if not online:
            self._emit(order, EVENT_ORDER_PLACED)
        return order

    def pay(self, order: ServerOrder, *, succeeded: bool) -> None:
        assert order.status is S.AWAITING_PAYMENT
        if succeeded:
            self._move(order, S.PLACED)
            self._emit(order, EVENT_ORDER_PAYMENT_SUCCEEDED)
            self._emit(order, EVENT_ORDER_PLACED)
        else:
            self._move(order, S.CANCELLED)  # PaymentFailed goes to customers only
            self._emit(order, EVENT_ORDER_STATUS_CHANGED)

    def transition(self, order: ServerOrder, to: OrderStatus, back_date_s: int = 0) -> bool:
        """A lifecycle command; False (nothing happens) when the graph forbids it."""
        if to not in ALLOWED_TRANSITIONS[order.status] or order.status is S.AWAITING_PAYMENT:
            return False
        self._move(order, to)
        if to is S.ACCEPTED:
            order.eta = self.now + timedelta(minutes=30)
        if to is S.DELIVERED:
            # deliveredAtUtc has no lower bound: lastUpdateTimestamp may move back in time.
            order.updated = order.delivered = self.now - timedelta(seconds=back_date_s)
        self._emit(order, EVENT_ORDER_STATUS_CHANGED, delivered_event=to is S.DELIVERED)
        return True

    def double_accept(self, order: ServerOrder) -> None:
        """Two concurrent accepts both succeed (no concurrency token): a second Accepted state."""
        assert order.status is S.ACCEPTED
        order.updated = self.tick()
        order.eta = self.now + timedelta(minutes=45)
        self._emit(order, EVENT_ORDER_STATUS_CHANGED)

    def _move(self, order: ServerOrder, to: OrderStatus) -> None:
        assert to in ALLOWED_TRANSITIONS[order.status]
        order.status = to
        order.updated = self.tick()
        order.history.append(to)

    def _emit(self, order: ServerOrder, name: str, *, delivered_event: bool = False) -> None:
        self.outbox.append(
            DomainEvent(self._new_id(), order.order_id, name, self.now, delivered_event)
        )

    # ------------------------------------------------------------------ publication

    def publish(self, index: int) -> OrderEvent:
        """Publish one pending outbox row (any row: failed rows are retried later)."""
        dom = self.outbox.pop(index)
        self.published.append(dom)
        return self.broadcast(dom)

    def broadcast(self, dom: DomainEvent) -> OrderEvent:
        """The DTO as built at this moment from the order's current state (contract §9)."""
        order = self.orders[dom.order_id]
        return OrderEvent(
            name=dom.name,
            order_id=order.order_id,
            order_number=order.number,
            status=order.status,
            restaurant_id=RID,
            last_update_timestamp=order.updated,
            estimated_delivery_time=order.eta,
            actual_delivery_time=order.delivered,
            delivered_at=order.delivered if dom.delivered_event else None,
            occurred_on_utc=dom.occurred,
            event_id=dom.event_id,
        )

    # ------------------------------------------------------------------ REST views

    def open_orders(self) -> list[ServerOrder]:
        return [o for o in self.orders.values() if o.status in OPEN_STATUSES]

    def snapshot(self) -> list[OrderSummary]:
        """The union of /orders/new and /orders/active right now."""
        rows = [self.summary(o) for o in self.open_orders()]
        rows += [self.summary(o) for o in self.open_orders() if o.status is S.PLACED]
        return rows

    def summary(self, o: ServerOrder) -> OrderSummary:
        return OrderSummary(
            order_id=o.order_id,
            order_number=o.number,
            status=o.status,
            placement_timestamp=o.placed,
            restaurant_id=RID,
            restaurant_name="Pho Hanoi",
            restaurant_image_url=None,
            customer_id=RID,
            total_amount=Decimal("10.00"),
            total_currency="USD",
            item_count=1,
            source_team_cart_id=None,
            is_from_team_cart=False,
            paid_online_amount=Decimal(0),
            cash_on_delivery_amount=Decimal("10.00"),
        )

    def detail(self, order_id: str) -> OrderDetail:
        o = self.orders[order_id]
        return OrderDetail(
            order_id=o.order_id,
            order_number=o.number,
            customer_id=RID,
            restaurant_id=RID,
            status=o.status,
            placement_timestamp=o.placed,
            last_update_timestamp=o.updated,
            estimated_delivery_time=o.eta,
            actual_delivery_time=o.delivered,
            note="",
            currency="USD",
            subtotal_amount=Decimal("10.00"),
            discount_amount=Decimal(0),
            delivery_fee_amount=Decimal(0),
            tip_amount=Decimal(0),
            tax_amount=Decimal(0),
            total_amount=Decimal("10.00"),
            items=(item("Pho Bo", 1),),
            is_from_team_cart=False,
            source_team_cart_id=None,
            payment_method="CashOnDelivery",
            paid_online_amount=Decimal(0),
            cash_on_delivery_amount=Decimal("10.00"),
            restaurant_name="Pho Hanoi",
        )

    def result(self, order_id: str) -> LifecycleResult:
        o = self.orders[order_id]
        return LifecycleResult(
            order_id=o.order_id,
            order_number=o.number,
            status=o.status,
            placement_timestamp=o.placed,
            last_update_timestamp=o.updated,
            estimated_delivery_time=o.eta,
            actual_delivery_time=o.delivered,
        )

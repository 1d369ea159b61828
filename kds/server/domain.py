"""Order lifecycle rules (contract section 5): creation, transitions, payment, domain events.

Every state change and the outbox rows of its events are written through the caller's store
transaction (`tx`), so an order never changes without its event (and vice versa).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kds.server.clock import now_us
from kds.server.fees import delivery_fee_c, whole_units_c
from kds.server.records import Order
from kds.server.status import OPEN, OrderStatus
from kds.server.store import Queries

S = OrderStatus

CASH = "CashOnDelivery"
ONLINE_METHODS = ("CreditCard", "PayPal", "ApplePay", "GooglePay")
PAYMENT_METHODS = (*ONLINE_METHODS, CASH)
TAX_PERCENT = 8


@dataclass(frozen=True)
class Step:
    """One lifecycle command: where it may start, where it goes, its event and its error."""

    sources: tuple[OrderStatus, ...]
    target: OrderStatus
    event: str
    error_title: str
    error_detail: str


STEPS: dict[str, Step] = {
    "accept": Step(
        (S.PLACED,),
        S.ACCEPTED,
        "OrderAccepted",
        "Order.InvalidOrderStatusForAccept",
        f"Order cannot be accepted because it is not in '{S.PLACED}' status.",
    ),
    "reject": Step(
        (S.PLACED,),
        S.REJECTED,
        "OrderRejected",
        "Order.InvalidStatusForReject",
        "Order cannot be rejected at its current stage.",
    ),
    "preparing": Step(
        (S.ACCEPTED,),
        S.PREPARING,
        "OrderPreparing",
        "Order.InvalidOrderStatusForPreparing",
        "Order cannot be marked as preparing from its current status.",
    ),
    "ready": Step(
        (S.PREPARING,),
        S.READY_FOR_DELIVERY,
        "OrderReadyForDelivery",
        "Order.InvalidOrderStatusForReadyForDelivery",
        "Order cannot be marked as ready for delivery from its current status.",
    ),
    "delivered": Step(
        (S.READY_FOR_DELIVERY,),
        S.DELIVERED,
        "OrderDelivered",
        "Order.InvalidOrderStatusForDelivered",
        "Order cannot be marked as delivered from its current status.",
    ),
    "cancel": Step(
        OPEN,
        S.CANCELLED,
        "OrderCancelled",
        "Order.InvalidOrderStatusForCancel",
        "Order cannot be cancelled at its current stage.",
    ),
}


class IllegalTransition(Exception):
    """A domain `Error.Validation`: rendered as 400 with the step's title and detail."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.error_title)
        self.step = step


class NotAwaitingPayment(Exception):
    """The payment webhook for an order that is not `AwaitingPayment`."""


@dataclass(frozen=True)
class Customization:
    group_name: str
    choice_name: str
    price_adjustment_c: int | None = None


@dataclass(frozen=True)
class Line:
    name: str
    quantity: int
    unit_price_c: int
    customizations: tuple[Customization, ...] = ()
    menu_item_id: str | None = None
    image_url: str | None = None


@dataclass
class NewOrder:
    restaurant_id: str
    customer_id: str
    lines: list[Line]
    note: str = ""
    payment_method: str = CASH
    currency: str = "USD"
    tip_c: int = 0
    address: dict[str, str] = field(default_factory=dict)


def add_event(
    tx: Queries,
    event_type: str,
    order_id: str,
    occurred_us: int,
    delivered_at_us: int | None = None,
) -> str:
    """One outbox row; its eventId is fixed now and reused by every retry (section 9)."""
    event_id = str(uuid.uuid4())
    tx.insert_event(event_id, event_type, order_id, occurred_us, delivered_at_us)
    return event_id


def order_number(created_us: int, rng: random.Random) -> str:
    dt = datetime.fromtimestamp(created_us / 1_000_000, tz=UTC)
    ms = (created_us // 1000) % 1000
    return f"ORD-{dt:%Y%m%d}-{dt:%H%M%S}-{ms:03d}-{rng.randint(1000, 9998)}"


def _line_total_c(line: Line) -> int:
    adjust = sum(c.price_adjustment_c or 0 for c in line.customizations)
    return (line.unit_price_c + adjust) * line.quantity


def _items(lines: list[Line]) -> tuple[dict[str, Any], ...]:
    item_ids = sorted(str(uuid.uuid4()) for _ in lines)  # lines sort by orderItemId
    return tuple(
        {
            "orderItemId": item_id,
            "menuItemId": line.menu_item_id or str(uuid.uuid5(uuid.NAMESPACE_URL, line.name)),
            "name": line.name,
            "quantity": line.quantity,
            "unitPriceC": line.unit_price_c,
            "lineTotalC": _line_total_c(line),
            "customizations": [
                {
                    "groupName": c.group_name,
                    "choiceName": c.choice_name,
                    "adjC": c.price_adjustment_c,
                }
                for c in line.customizations
            ],
            "imageUrl": line.image_url,
        }
        for item_id, line in zip(item_ids, lines, strict=True)
    )


def create_order(tx: Queries, order: NewOrder, rng: random.Random) -> Order:
    """Insert an order: cash → `Placed` + OrderPlaced; online → `AwaitingPayment`, no event.

    `OrderCreated` is not written to the outbox: nothing subscribes to it (section 8.5)."""
    now = now_us()
    items = _items(order.lines)
    subtotal = sum(int(item["lineTotalC"]) for item in items)
    tax = whole_units_c(round(subtotal * TAX_PERCENT / 100), order.currency)
    fee = delivery_fee_c(order.currency)
    total = subtotal + fee + order.tip_c + tax
    cash = order.payment_method == CASH
    oid = str(uuid.uuid4())
    addr = order.address
    while True:
        number = order_number(now, rng)
        if not tx.order_number_taken(number):
            break
    tx.insert_order(
        Order(
            id=oid,
            restaurant_id=order.restaurant_id,
            customer_id=order.customer_id,
            order_number=number,
            status=S.PLACED if cash else S.AWAITING_PAYMENT,
            placement_us=now,
            last_update_us=now,
            eta_us=None,
            actual_delivery_us=None,
            note=order.note,
            currency=order.currency,
            subtotal_c=subtotal,
            discount_c=0,
            delivery_fee_c=fee,
            tip_c=order.tip_c,
            tax_c=tax,
            total_c=total,
            payment_method=order.payment_method,
            payment_status="Paid" if cash else "Pending",
            paid_online_c=0,
            cod_c=total if cash else 0,
            version=0,
            street=addr.get("street", ""),
            city=addr.get("city", ""),
            state=addr.get("state", ""),
            country=addr.get("country", ""),
            postal_code=addr.get("postalCode", ""),
            source_team_cart_id=None,
            items=items,
        )
    )
    if cash:
        add_event(tx, "OrderPlaced", oid, now)
    return _reload(tx, oid)


def load(tx: Queries, order_id: str) -> Order | None:
    return tx.order(order_id)


def _reload(tx: Queries, order_id: str) -> Order:
    order = tx.order(order_id)
    assert order is not None
    return order


def transition(
    tx: Queries,
    order: Order,
    action: str,
    *,
    eta_us: int | None = None,
    delivered_us: int | None = None,
) -> Order:
    """Run one lifecycle step (raises IllegalTransition); Version += 1, event emitted."""
    step = STEPS[action]
    if order.status not in step.sources:
        raise IllegalTransition(step)
    now = now_us()
    last_update = now
    eta = order.eta_us
    actual = order.actual_delivery_us
    delivered_at = None
    if action == "accept":
        eta = eta_us
    if action == "delivered":
        actual = last_update = delivered_at = delivered_us if delivered_us is not None else now
    tx.move_order(order.id, step.target, last_update, eta, actual)
    add_event(tx, step.event, order.id, now, delivered_at)
    return _reload(tx, order.id)


def settle_payment(tx: Queries, order: Order, succeeded: bool) -> Order:
    """The payment webhook: → Placed (PaymentSucceeded, Placed) or → Cancelled (Failed, …)."""
    if order.status != S.AWAITING_PAYMENT:
        raise NotAwaitingPayment(order.id)
    now = now_us()
    if succeeded:
        tx.settle_order(order.id, S.PLACED, "Paid", True, now)
        add_event(tx, "OrderPaymentSucceeded", order.id, now)
        add_event(tx, "OrderPlaced", order.id, now)
    else:
        tx.settle_order(order.id, S.CANCELLED, "Failed", False, now)
        add_event(tx, "OrderPaymentFailed", order.id, now)
        add_event(tx, "OrderCancelled", order.id, now)
    return _reload(tx, order.id)

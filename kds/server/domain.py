"""Order lifecycle rules (contract section 5): creation, transitions, payment, domain events.

Every state change and the outbox rows of its events are written by the caller's transaction,
so an order never changes without its event (and vice versa).
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kds.server.clock import now_us

STATUSES = (
    "AwaitingPayment",
    "Placed",
    "Accepted",
    "Preparing",
    "ReadyForDelivery",
    "Delivered",
    "Cancelled",
    "Rejected",
)
OPEN = ("Placed", "Accepted", "Preparing", "ReadyForDelivery")
TERMINAL = ("Delivered", "Cancelled", "Rejected")
# Active-queue priority first (Placed=1 … ReadyForDelivery=4); the rest sort after.
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
PAYMENT_METHODS = ("CreditCard", "PayPal", "ApplePay", "GooglePay", "CashOnDelivery")
DELIVERY_FEE_C = 200
TAX_PERCENT = 8


@dataclass(frozen=True)
class Step:
    """One lifecycle command: where it may start, where it goes, its event and its error."""

    sources: tuple[str, ...]
    target: str
    event: str
    error_title: str
    error_detail: str


STEPS: dict[str, Step] = {
    "accept": Step(
        ("Placed",),
        "Accepted",
        "OrderAccepted",
        "Order.InvalidOrderStatusForAccept",
        "Order cannot be accepted because it is not in 'Placed' status.",
    ),
    "reject": Step(
        ("Placed",),
        "Rejected",
        "OrderRejected",
        "Order.InvalidStatusForReject",
        "Order cannot be rejected at its current stage.",
    ),
    "preparing": Step(
        ("Accepted",),
        "Preparing",
        "OrderPreparing",
        "Order.InvalidOrderStatusForPreparing",
        "Order cannot be marked as preparing from its current status.",
    ),
    "ready": Step(
        ("Preparing",),
        "ReadyForDelivery",
        "OrderReadyForDelivery",
        "Order.InvalidOrderStatusForReadyForDelivery",
        "Order cannot be marked as ready for delivery from its current status.",
    ),
    "delivered": Step(
        ("ReadyForDelivery",),
        "Delivered",
        "OrderDelivered",
        "Order.InvalidOrderStatusForDelivered",
        "Order cannot be marked as delivered from its current status.",
    ),
    "cancel": Step(
        OPEN,
        "Cancelled",
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
    payment_method: str = "CashOnDelivery"
    currency: str = "USD"
    tip_c: int = 0
    address: dict[str, str] = field(default_factory=dict)


def add_event(
    conn: sqlite3.Connection,
    event_type: str,
    order_id: str,
    occurred_us: int,
    delivered_at_us: int | None = None,
) -> str:
    """One outbox row; its eventId is fixed now and reused by every retry (section 9)."""
    event_id = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO outbox (event_id, type, order_id, occurred_us, next_attempt_us,"
        " delivered_at_us) VALUES (?, ?, ?, ?, ?, ?)",
        (event_id, event_type, order_id, occurred_us, occurred_us, delivered_at_us),
    )
    return event_id


def order_number(created_us: int, rng: random.Random) -> str:
    dt = datetime.fromtimestamp(created_us / 1_000_000, tz=UTC)
    ms = (created_us // 1000) % 1000
    return f"ORD-{dt:%Y%m%d}-{dt:%H%M%S}-{ms:03d}-{rng.randint(1000, 9998)}"


def _line_total_c(line: Line) -> int:
    adjust = sum(c.price_adjustment_c or 0 for c in line.customizations)
    return (line.unit_price_c + adjust) * line.quantity


def create_order(conn: sqlite3.Connection, order: NewOrder, rng: random.Random) -> sqlite3.Row:
    """Insert an order: cash → `Placed` + OrderPlaced; online → `AwaitingPayment`, no event.

    `OrderCreated` is not written to the outbox: nothing subscribes to it (section 8.5)."""
    now = now_us()
    item_ids = sorted(str(uuid.uuid4()) for _ in order.lines)  # lines sort by orderItemId
    items = [
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
        for item_id, line in zip(item_ids, order.lines, strict=True)
    ]
    subtotal = sum(item["lineTotalC"] for item in items)  # type: ignore[misc]
    tax = round(subtotal * TAX_PERCENT / 100)
    total = subtotal + DELIVERY_FEE_C + order.tip_c + tax
    cash = order.payment_method == "CashOnDelivery"
    status = "Placed" if cash else "AwaitingPayment"
    oid = str(uuid.uuid4())
    addr = order.address
    while True:
        number = order_number(now, rng)
        if (
            conn.execute("SELECT 1 FROM orders WHERE order_number = ?", (number,)).fetchone()
            is None
        ):
            break
    conn.execute(
        "INSERT INTO orders (id, restaurant_id, customer_id, order_number, status, status_rank,"
        " placement_us, last_update_us, note, currency, subtotal_c, discount_c, delivery_fee_c,"
        " tip_c, tax_c, total_c, payment_method, payment_status, paid_online_c, cod_c,"
        " street, city, state, country, postal_code, items)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
        (
            oid,
            order.restaurant_id,
            order.customer_id,
            number,
            status,
            STATUS_RANK[status],
            now,
            now,
            order.note,
            order.currency,
            subtotal,
            DELIVERY_FEE_C,
            order.tip_c,
            tax,
            total,
            order.payment_method,
            "Paid" if cash else "Pending",
            total if cash else 0,
            addr.get("street", ""),
            addr.get("city", ""),
            addr.get("state", ""),
            addr.get("country", ""),
            addr.get("postalCode", ""),
            json.dumps(items),
        ),
    )
    if cash:
        add_event(conn, "OrderPlaced", oid, now)
    row = conn.execute("SELECT * FROM orders WHERE id = ?", (oid,)).fetchone()
    assert row is not None
    return row  # type: ignore[no-any-return]


def load(conn: sqlite3.Connection, order_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM orders WHERE id = ?", (order_id,)
    ).fetchone()
    return row


def transition(
    conn: sqlite3.Connection,
    order: sqlite3.Row,
    action: str,
    *,
    eta_us: int | None = None,
    delivered_us: int | None = None,
) -> sqlite3.Row:
    """Run one lifecycle step (raises IllegalTransition); Version += 1, event emitted."""
    step = STEPS[action]
    if order["status"] not in step.sources:
        raise IllegalTransition(step)
    now = now_us()
    last_update = now
    eta = order["eta_us"]
    actual = order["actual_delivery_us"]
    delivered_at = None
    if action == "accept":
        eta = eta_us
    if action == "delivered":
        actual = last_update = delivered_at = delivered_us if delivered_us is not None else now
    conn.execute(
        "UPDATE orders SET status = ?, status_rank = ?, version = version + 1,"
        " last_update_us = ?, eta_us = ?, actual_delivery_us = ? WHERE id = ?",
        (step.target, STATUS_RANK[step.target], last_update, eta, actual, order["id"]),
    )
    add_event(conn, step.event, order["id"], now, delivered_at)
    row = load(conn, order["id"])
    assert row is not None
    return row


def settle_payment(conn: sqlite3.Connection, order: sqlite3.Row, succeeded: bool) -> sqlite3.Row:
    """The payment webhook: → Placed (PaymentSucceeded, Placed) or → Cancelled (Failed, …)."""
    if order["status"] != "AwaitingPayment":
        raise NotAwaitingPayment(order["id"])
    now = now_us()
    if succeeded:
        conn.execute(
            "UPDATE orders SET status = 'Placed', status_rank = ?, version = version + 1,"
            " last_update_us = ?, payment_status = 'Paid', paid_online_c = total_c WHERE id = ?",
            (STATUS_RANK["Placed"], now, order["id"]),
        )
        add_event(conn, "OrderPaymentSucceeded", order["id"], now)
        add_event(conn, "OrderPlaced", order["id"], now)
    else:
        conn.execute(
            "UPDATE orders SET status = 'Cancelled', status_rank = ?, version = version + 1,"
            " last_update_us = ?, payment_status = 'Failed' WHERE id = ?",
            (STATUS_RANK["Cancelled"], now, order["id"]),
        )
        add_event(conn, "OrderPaymentFailed", order["id"], now)
        add_event(conn, "OrderCancelled", order["id"], now)
    row = load(conn, order["id"])
    assert row is not None
    return row

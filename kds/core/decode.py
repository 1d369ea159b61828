"""Turn decoded JSON (dicts, lists, numbers) from the backend into typed order values, or refuse.

Every function is pure and raises `ProtocolError` naming the JSON path of the first bad value, so
one malformed payload is rejected with a clear message instead of crashing the client. Unknown
extra fields are ignored (the backend may add fields). Fields the contract marks nullable may be
``null`` or absent; every other field must be present with the right type.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kds.core import fields as f
from kds.core.errors import ProtocolError, UnknownStatusError
from kds.core.fields import parse_timestamp
from kds.core.orders import (
    ORDER_EVENT_NAMES,
    Customization,
    LifecycleResult,
    OrderDetail,
    OrderEvent,
    OrderItem,
    OrderStatus,
    OrderSummary,
)

__all__ = [
    "Rejected",
    "decode_detail",
    "decode_event",
    "decode_lifecycle_result",
    "decode_status",
    "decode_summary",
    "parse_timestamp",
    "read_event",
    "read_rows",
]

_STATUSES: dict[str, OrderStatus] = {s.value: s for s in OrderStatus}


def decode_status(value: object, field: str = "status") -> OrderStatus:
    """Map a status string to `OrderStatus`; an unknown string raises `UnknownStatusError`."""
    if not isinstance(value, str):
        raise ProtocolError(field, f"expected a status string, got {f.kind(value)}")
    status = _STATUSES.get(value)
    if status is None:
        raise UnknownStatusError(field, value)
    return status


def decode_summary(obj: object) -> OrderSummary:
    """Decode one `OrderSummaryDto` queue row (contract §6.2)."""
    o = f.json_object(obj, "")
    return OrderSummary(
        order_id=f.guid(o, "orderId"),
        order_number=f.string(o, "orderNumber"),
        status=decode_status(f.get(o, "status"), "status"),
        placement_timestamp=f.timestamp(o, "placementTimestamp"),
        restaurant_id=f.guid(o, "restaurantId"),
        restaurant_name=f.string(o, "restaurantName"),
        restaurant_image_url=f.nullable(o, "restaurantImageUrl", f.string),
        customer_id=f.guid(o, "customerId"),
        total_amount=f.decimal(o, "totalAmount"),
        total_currency=f.string(o, "totalCurrency"),
        item_count=f.integer(o, "itemCount"),
        source_team_cart_id=f.nullable(o, "sourceTeamCartId", f.guid),
        is_from_team_cart=f.boolean(o, "isFromTeamCart"),
        paid_online_amount=f.decimal(o, "paidOnlineAmount"),
        cash_on_delivery_amount=f.decimal(o, "cashOnDeliveryAmount"),
    )


def _state(o: f.Fields) -> dict[str, Any]:
    """The order's identity and lifecycle state, named alike in every DTO that carries them
    (details, lifecycle results, hub events): one reading of the contract's field names."""
    return {
        "order_id": f.guid(o, "orderId"),
        "order_number": f.string(o, "orderNumber"),
        "status": decode_status(f.get(o, "status"), "status"),
        "last_update_timestamp": f.timestamp(o, "lastUpdateTimestamp"),
        "estimated_delivery_time": f.nullable(o, "estimatedDeliveryTime", f.timestamp),
        "actual_delivery_time": f.nullable(o, "actualDeliveryTime", f.timestamp),
    }


def decode_detail(obj: object) -> OrderDetail:
    """Decode an `OrderDetailsDto` (contract §6.3); the caller unwraps `{"order": ...}` itself."""
    o = f.json_object(obj, "")
    raw_items = f.json_list(o, "items")
    note = f.nullable(o, "note", f.string)
    return OrderDetail(
        **_state(o),
        customer_id=f.guid(o, "customerId"),
        restaurant_id=f.guid(o, "restaurantId"),
        placement_timestamp=f.timestamp(o, "placementTimestamp"),
        note="" if note is None else note,
        currency=f.string(o, "currency"),
        subtotal_amount=f.decimal(o, "subtotalAmount"),
        discount_amount=f.decimal(o, "discountAmount"),
        delivery_fee_amount=f.decimal(o, "deliveryFeeAmount"),
        tip_amount=f.decimal(o, "tipAmount"),
        tax_amount=f.decimal(o, "taxAmount"),
        total_amount=f.decimal(o, "totalAmount"),
        items=tuple(_item(it, f"items[{i}]") for i, it in enumerate(raw_items)),
        is_from_team_cart=f.boolean(o, "isFromTeamCart"),
        source_team_cart_id=f.nullable(o, "sourceTeamCartId", f.guid),
        payment_method=f.nullable(o, "paymentMethod", f.string),
        paid_online_amount=f.decimal(o, "paidOnlineAmount"),
        cash_on_delivery_amount=f.decimal(o, "cashOnDeliveryAmount"),
        restaurant_name=f.string(o, "restaurantName"),
    )


def decode_lifecycle_result(obj: object) -> LifecycleResult:
    """Decode the `OrderLifecycleResultDto` every lifecycle command answers with (§6.5)."""
    o = f.json_object(obj, "")
    return LifecycleResult(**_state(o), placement_timestamp=f.timestamp(o, "placementTimestamp"))


def decode_event(name: str, obj: object) -> OrderEvent:
    """Decode the one argument of an order hub event (`OrderStatusBroadcastDto`, §8.5), any
    event name; raises ``ProtocolError`` (the strict form of ``read_event``, for tools/tests)."""
    if not isinstance(name, str) or not name:
        raise ProtocolError("target", f"expected a non-empty event name, got {f.kind(name)}")
    result = read_event(name, obj, names=None)
    if isinstance(result, Rejected):
        raise result.error
    assert result is not None
    return result


# ------------------------------------------------------------------ at the edge


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be decoded: what it was, its order id if readable, and why.

    The network side decodes at the edge and hands the board these instead of raw payloads;
    the board counts them and keeps the ticket of an unreadable row (``Board.reject``).
    """

    what: str
    order_id: str | None
    error: ProtocolError


def read_event(
    name: str, obj: object, names: Collection[str] | None = ORDER_EVENT_NAMES
) -> OrderEvent | Rejected | None:
    """One hub invocation as the edge hands it on (on the socket reader thread, so it never
    raises): the order event, the ``Rejected`` of an unreadable one, or ``None`` when ``name``
    is not in ``names`` (not an order event: the hub may carry others). ``names=None`` reads
    any name."""
    if names is not None and name not in names:
        return None
    try:
        o = f.json_object(obj, "")
        return OrderEvent(
            **_state(o),
            name=name,
            restaurant_id=f.guid(o, "restaurantId"),
            delivered_at=f.nullable(o, "deliveredAt", f.timestamp),
            occurred_on_utc=f.timestamp(o, "occurredOnUtc"),
            event_id=f.guid(o, "eventId"),
        )
    except ProtocolError as exc:
        return Rejected(str(name), order_id_of(obj), exc)


def read_rows(rows: Iterable[object]) -> list[OrderSummary | Rejected]:
    """Decode queue rows one by one: a row this client cannot read costs only that row."""
    read: list[OrderSummary | Rejected] = []
    for row in rows:
        try:
            read.append(decode_summary(row))
        except ProtocolError as exc:
            read.append(Rejected("queue row", order_id_of(row), exc))
    return read


def order_id_of(obj: object) -> str | None:
    """The canonical order id of a raw payload, if it has a readable one."""
    if not isinstance(obj, Mapping):
        return None
    raw = obj.get("orderId")
    if not isinstance(raw, str):
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


# ------------------------------------------------------------------ field readers


def _item(obj: object, path: str) -> OrderItem:
    o = f.json_object(obj, path)
    raw = f.json_list(o, "customizations", path)
    quantity = f.integer(o, "quantity", path)
    if quantity < 1:
        raise ProtocolError(f"{path}.quantity", f"expected a positive quantity, got {quantity}")
    return OrderItem(
        order_item_id=f.guid(o, "orderItemId", path),
        menu_item_id=f.guid(o, "menuItemId", path),
        name=f.string(o, "name", path),
        quantity=quantity,
        unit_price=f.decimal(o, "unitPriceAmount", path),
        line_total=f.decimal(o, "lineItemTotalAmount", path),
        customizations=tuple(
            _customization(c, f"{path}.customizations[{i}]") for i, c in enumerate(raw)
        ),
    )


def _customization(obj: object, path: str) -> Customization:
    o = f.json_object(obj, path)
    return Customization(
        group_name=f.string(o, "groupName", path),
        choice_name=f.string(o, "choiceName", path),
        price_adjustment=f.nullable(o, "priceAdjustmentAmount", f.decimal, path),
    )

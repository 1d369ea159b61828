"""Turn decoded JSON (dicts, lists, numbers) from the backend into typed order values, or refuse.

Every function is pure and raises `ProtocolError` naming the JSON path of the first bad value, so
one malformed payload is rejected with a clear message instead of crashing the client. Unknown
extra fields are ignored (the backend may add fields). Fields the contract marks nullable may be
``null`` or absent; every other field must be present with the right type.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from kds.core.errors import ProtocolError, UnknownStatusError
from kds.core.orders import (
    Customization,
    LifecycleResult,
    OrderDetail,
    OrderEvent,
    OrderItem,
    OrderStatus,
    OrderSummary,
)

__all__ = [
    "decode_detail",
    "decode_event",
    "decode_lifecycle_result",
    "decode_status",
    "decode_summary",
    "parse_timestamp",
]

T = TypeVar("T")
_MISSING: Any = object()

# ISO 8601 as System.Text.Json writes DateTime: 0-7 fractional digits (trailing zeros dropped),
# then `Z` or an explicit offset. A value without either is a local time of unknown zone.
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))"
)
_STATUSES: dict[str, OrderStatus] = {s.value: s for s in OrderStatus}


def parse_timestamp(value: object, field: str) -> datetime:
    """Parse a backend timestamp into an aware UTC datetime.

    Seven fractional digits (.NET ticks) are truncated to microseconds, the same way for every
    source, so equal backend values stay equal. A naive value is refused: guessing its zone would
    shift every timer on the board.
    """
    if not isinstance(value, str):
        raise ProtocolError(field, f"expected a timestamp string, got {_kind(value)}")
    m = _TIMESTAMP.fullmatch(value)
    if m is None:
        raise ProtocolError(field, f"not an ISO 8601 timestamp with Z or an offset: {value!r}")
    year, month, day, hour, minute, second, frac, zulu, sign, off_h, off_m = m.groups()
    micro = int((frac or "0").ljust(7, "0")[:6])
    if zulu:
        tz: timezone = UTC
    else:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        if offset >= timedelta(hours=24):
            raise ProtocolError(field, f"offset out of range: {value!r}")
        tz = timezone(-offset if sign == "-" else offset)
    try:
        parsed = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
        )
    except ValueError as exc:
        raise ProtocolError(field, f"invalid date or time {value!r}: {exc}") from None
    if tz is UTC:
        return parsed
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is past datetime.max in UTC
        raise ProtocolError(field, f"timestamp out of range: {value!r}") from None


def decode_status(value: object, field: str = "status") -> OrderStatus:
    """Map a status string to `OrderStatus`; an unknown string raises `UnknownStatusError`."""
    if not isinstance(value, str):
        raise ProtocolError(field, f"expected a status string, got {_kind(value)}")
    status = _STATUSES.get(value)
    if status is None:
        raise UnknownStatusError(field, value)
    return status


def decode_summary(obj: object) -> OrderSummary:
    """Decode one `OrderSummaryDto` queue row (contract §6.2)."""
    o = _object(obj, "")
    return OrderSummary(
        order_id=_guid(o, "orderId"),
        order_number=_str(o, "orderNumber"),
        status=decode_status(_get(o, "status"), "status"),
        placement_timestamp=_time(o, "placementTimestamp"),
        restaurant_id=_guid(o, "restaurantId"),
        restaurant_name=_str(o, "restaurantName"),
        restaurant_image_url=_nullable(o, "restaurantImageUrl", _str),
        customer_id=_guid(o, "customerId"),
        total_amount=_decimal(o, "totalAmount"),
        total_currency=_str(o, "totalCurrency"),
        item_count=_int(o, "itemCount"),
        source_team_cart_id=_nullable(o, "sourceTeamCartId", _guid),
        is_from_team_cart=_bool(o, "isFromTeamCart"),
        paid_online_amount=_decimal(o, "paidOnlineAmount"),
        cash_on_delivery_amount=_decimal(o, "cashOnDeliveryAmount"),
    )


def decode_detail(obj: object) -> OrderDetail:
    """Decode an `OrderDetailsDto` (contract §6.3); the caller unwraps `{"order": ...}` itself."""
    o = _object(obj, "")
    raw_items = _get(o, "items")
    if not isinstance(raw_items, list):
        raise ProtocolError("items", f"expected an array, got {_kind(raw_items)}")
    note = _nullable(o, "note", _str)
    return OrderDetail(
        order_id=_guid(o, "orderId"),
        order_number=_str(o, "orderNumber"),
        customer_id=_guid(o, "customerId"),
        restaurant_id=_guid(o, "restaurantId"),
        status=decode_status(_get(o, "status"), "status"),
        placement_timestamp=_time(o, "placementTimestamp"),
        last_update_timestamp=_time(o, "lastUpdateTimestamp"),
        estimated_delivery_time=_nullable(o, "estimatedDeliveryTime", _time),
        actual_delivery_time=_nullable(o, "actualDeliveryTime", _time),
        note="" if note is None else note,
        currency=_str(o, "currency"),
        subtotal_amount=_decimal(o, "subtotalAmount"),
        discount_amount=_decimal(o, "discountAmount"),
        delivery_fee_amount=_decimal(o, "deliveryFeeAmount"),
        tip_amount=_decimal(o, "tipAmount"),
        tax_amount=_decimal(o, "taxAmount"),
        total_amount=_decimal(o, "totalAmount"),
        items=tuple(_item(it, f"items[{i}]") for i, it in enumerate(raw_items)),
        is_from_team_cart=_bool(o, "isFromTeamCart"),
        source_team_cart_id=_nullable(o, "sourceTeamCartId", _guid),
        payment_method=_nullable(o, "paymentMethod", _str),
        paid_online_amount=_decimal(o, "paidOnlineAmount"),
        cash_on_delivery_amount=_decimal(o, "cashOnDeliveryAmount"),
        restaurant_name=_str(o, "restaurantName"),
    )


def decode_lifecycle_result(obj: object) -> LifecycleResult:
    """Decode the `OrderLifecycleResultDto` every lifecycle command answers with (§6.5)."""
    o = _object(obj, "")
    return LifecycleResult(
        order_id=_guid(o, "orderId"),
        order_number=_str(o, "orderNumber"),
        status=decode_status(_get(o, "status"), "status"),
        placement_timestamp=_time(o, "placementTimestamp"),
        last_update_timestamp=_time(o, "lastUpdateTimestamp"),
        estimated_delivery_time=_nullable(o, "estimatedDeliveryTime", _time),
        actual_delivery_time=_nullable(o, "actualDeliveryTime", _time),
    )


def decode_event(name: str, obj: object) -> OrderEvent:
    """Decode the one argument of an order hub event (`OrderStatusBroadcastDto`, §8.5)."""
    if not isinstance(name, str) or not name:
        raise ProtocolError("target", f"expected a non-empty event name, got {_kind(name)}")
    o = _object(obj, "")
    return OrderEvent(
        name=name,
        order_id=_guid(o, "orderId"),
        order_number=_str(o, "orderNumber"),
        status=decode_status(_get(o, "status"), "status"),
        restaurant_id=_guid(o, "restaurantId"),
        last_update_timestamp=_time(o, "lastUpdateTimestamp"),
        estimated_delivery_time=_nullable(o, "estimatedDeliveryTime", _time),
        actual_delivery_time=_nullable(o, "actualDeliveryTime", _time),
        delivered_at=_nullable(o, "deliveredAt", _time),
        occurred_on_utc=_time(o, "occurredOnUtc"),
        event_id=_guid(o, "eventId"),
    )


# ------------------------------------------------------------------ field readers


def _item(obj: object, path: str) -> OrderItem:
    o = _object(obj, path)
    raw = _get(o, "customizations", path)
    if not isinstance(raw, list):
        raise ProtocolError(f"{path}.customizations", f"expected an array, got {_kind(raw)}")
    quantity = _int(o, "quantity", path)
    if quantity < 1:
        raise ProtocolError(f"{path}.quantity", f"expected a positive quantity, got {quantity}")
    return OrderItem(
        order_item_id=_guid(o, "orderItemId", path),
        menu_item_id=_guid(o, "menuItemId", path),
        name=_str(o, "name", path),
        quantity=quantity,
        unit_price=_decimal(o, "unitPriceAmount", path),
        line_total=_decimal(o, "lineItemTotalAmount", path),
        customizations=tuple(
            _customization(c, f"{path}.customizations[{i}]") for i, c in enumerate(raw)
        ),
    )


def _customization(obj: object, path: str) -> Customization:
    o = _object(obj, path)
    return Customization(
        group_name=_str(o, "groupName", path),
        choice_name=_str(o, "choiceName", path),
        price_adjustment=_nullable(o, "priceAdjustmentAmount", _decimal, path),
    )


def _object(obj: object, path: str) -> Mapping[str, object]:
    if not isinstance(obj, Mapping):
        raise ProtocolError(path, f"expected a JSON object, got {_kind(obj)}")
    return obj


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _get(o: Mapping[str, object], key: str, prefix: str = "") -> object:
    value = o.get(key, _MISSING)
    if value is _MISSING:
        raise ProtocolError(_join(prefix, key), "required field is missing")
    return value


def _nullable(
    o: Mapping[str, object],
    key: str,
    reader: Callable[[Mapping[str, object], str, str], T],
    prefix: str = "",
) -> T | None:
    if o.get(key) is None:
        return None
    return reader(o, key, prefix)


def _str(o: Mapping[str, object], key: str, prefix: str = "") -> str:
    value = _get(o, key, prefix)
    if not isinstance(value, str):
        raise ProtocolError(_join(prefix, key), f"expected a string, got {_kind(value)}")
    return value


def _guid(o: Mapping[str, object], key: str, prefix: str = "") -> str:
    value = _get(o, key, prefix)
    if not isinstance(value, str):
        raise ProtocolError(_join(prefix, key), f"expected a GUID string, got {_kind(value)}")
    try:
        # Canonical lowercase "D" form, so ids compare equal whatever casing the sender used.
        return str(uuid.UUID(value))
    except ValueError:
        raise ProtocolError(_join(prefix, key), f"not a GUID: {value!r}") from None


def _int(o: Mapping[str, object], key: str, prefix: str = "") -> int:
    value = _get(o, key, prefix)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(_join(prefix, key), f"expected an integer, got {_kind(value)}")
    return value


def _bool(o: Mapping[str, object], key: str, prefix: str = "") -> bool:
    value = _get(o, key, prefix)
    if not isinstance(value, bool):
        raise ProtocolError(_join(prefix, key), f"expected true or false, got {_kind(value)}")
    return value


def _decimal(o: Mapping[str, object], key: str, prefix: str = "") -> Decimal:
    value = _get(o, key, prefix)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ProtocolError(_join(prefix, key), f"expected a number, got {_kind(value)}")
    try:
        # repr() of a float is its shortest round-trip text: 170000.1 stays 170000.1.
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ProtocolError(_join(prefix, key), f"not a decimal: {value!r}") from None
    if not result.is_finite():
        raise ProtocolError(_join(prefix, key), f"not a finite number: {value!r}")
    return result


def _time(o: Mapping[str, object], key: str, prefix: str = "") -> datetime:
    return parse_timestamp(_get(o, key, prefix), _join(prefix, key))


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return type(value).__name__

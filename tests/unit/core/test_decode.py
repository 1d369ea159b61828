"""The decoders accept every shape the contract allows and name the field of anything else."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.core.decode import (
    decode_detail,
    decode_event,
    decode_lifecycle_result,
    decode_summary,
    parse_timestamp,
)
from kds.core.errors import ProtocolError, UnknownStatusError
from kds.core.orders import OrderStatus
from tests.unit.core import payloads

Decoder = Callable[[Any], object]


def _event(obj: Any) -> object:
    return decode_event("ReceiveOrderStatusChanged", obj)


CASES: list[tuple[str, Decoder, Callable[..., dict[str, Any]]]] = [
    ("summary", decode_summary, payloads.summary),
    ("detail", decode_detail, payloads.detail),
    ("lifecycle", decode_lifecycle_result, payloads.lifecycle),
    ("event", _event, payloads.event),
]

NULLABLE = {
    "restaurantImageUrl",
    "sourceTeamCartId",
    "estimatedDeliveryTime",
    "actualDeliveryTime",
    "deliveredAt",
    "note",
    "paymentMethod",
    "appliedCouponId",
    "imageUrl",
    "restaurantLat",
    "restaurantLon",
    "deliveryLat",
    "deliveryLon",
    "distanceKm",
}
# Fields of OrderDetailsDto a KDS does not read: they are ignored, present or not.
UNREAD = {
    "appliedCouponId",
    "cancellable",
    "restaurantLat",
    "restaurantLon",
    "deliveryLat",
    "deliveryLon",
    "distanceKm",
} | {k for k in payloads.detail() if "_" in k}


def _required(make: Callable[..., dict[str, Any]]) -> list[str]:
    return [k for k in make() if k not in NULLABLE and k not in UNREAD]


REQUIRED_CASES = [
    pytest.param(decode, make, key, id=f"{name}-{key}")
    for name, decode, make in CASES
    for key in _required(make)
]


# ------------------------------------------------------------------ happy paths


def test_decode_summary_reads_every_field() -> None:
    s = decode_summary(payloads.summary())
    assert s.order_id == payloads.ORDER_ID
    assert s.status is OrderStatus.PLACED
    assert s.placement_timestamp == datetime(2025, 9, 14, 10, 22, 10, 123456, tzinfo=UTC)
    assert s.total_amount == Decimal("170000.0")
    assert s.item_count == 2
    assert s.restaurant_image_url is None
    assert s.is_from_team_cart is False
    assert s.cash_on_delivery_amount == Decimal(170000)


def test_decode_detail_reads_items_customizations_note_and_money() -> None:
    d = decode_detail(payloads.detail())
    assert d.status is OrderStatus.ACCEPTED
    assert d.note == "no peanuts — allergy"
    assert d.estimated_delivery_time == datetime(2025, 9, 14, 11, 0, tzinfo=UTC)
    assert d.payment_method == "CashOnDelivery"
    (line,) = d.items
    assert (line.name, line.quantity, line.unit_price) == ("Pho Bo", 2, Decimal("65000.0"))
    assert [(c.group_name, c.choice_name) for c in line.customizations] == [
        ("Size", "Large"),
        ("Spice", "Hot"),
    ]
    assert line.customizations[0].price_adjustment == Decimal("10000.0")
    assert line.customizations[1].price_adjustment is None


def test_decode_detail_null_note_becomes_empty_string() -> None:
    assert decode_detail(payloads.detail(note=None)).note == ""


def test_decode_lifecycle_result() -> None:
    r = decode_lifecycle_result(payloads.lifecycle())
    assert r.status is OrderStatus.ACCEPTED
    assert r.last_update_timestamp == datetime(2025, 9, 14, 10, 23, 0, 123456, tzinfo=UTC)


def test_decode_event_keeps_the_event_name_and_trusts_the_payload_status() -> None:
    ev = decode_event("ReceiveOrderPlaced", payloads.event(status="Accepted"))
    assert ev.name == "ReceiveOrderPlaced"
    assert ev.status is OrderStatus.ACCEPTED
    assert ev.event_id == payloads.EVENT_ID


def test_ids_are_canonicalised_to_lowercase() -> None:
    ev = _event(payloads.event(orderId=payloads.ORDER_ID.upper()))
    assert ev.order_id == payloads.ORDER_ID  # type: ignore[attr-defined]


def test_money_given_as_json_decimal_text_stays_exact() -> None:
    obj = json.loads(
        json.dumps(payloads.summary()).replace("170000.0,", "170000.10,"), parse_float=Decimal
    )
    assert decode_summary(obj).total_amount == Decimal("170000.10")


@pytest.mark.parametrize(("name", "decode", "make"), CASES)
def test_unknown_extra_fields_are_ignored(name: str, decode: Decoder, make: Any) -> None:
    assert decode(make(somethingNew=[1, 2], version=7)) == decode(make())


@pytest.mark.parametrize(("name", "decode", "make"), CASES)
def test_nullable_fields_may_be_null_or_absent(name: str, decode: Decoder, make: Any) -> None:
    obj = make()
    for key in [k for k in obj if k in NULLABLE]:
        obj[key] = None
    with_nulls = decode(obj)
    for key in [k for k in obj if k in NULLABLE]:
        del obj[key]
    assert decode(obj) == with_nulls


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(("decode", "make", "key"), REQUIRED_CASES)
def test_every_missing_required_field_is_named(decode: Decoder, make: Any, key: str) -> None:
    obj = make()
    del obj[key]
    with pytest.raises(ProtocolError) as info:
        decode(obj)
    assert info.value.field == key
    assert key in str(info.value)


@pytest.mark.parametrize(("decode", "make", "key"), REQUIRED_CASES)
def test_every_required_field_with_a_wrong_type_is_named(
    decode: Decoder, make: Any, key: str
) -> None:
    obj = make()
    value = obj[key]
    # A value of a type no field of that kind accepts: a dict for scalars, a string for arrays.
    obj[key] = "oops" if isinstance(value, list) else {"x": 1}
    with pytest.raises(ProtocolError) as info:
        decode(obj)
    assert info.value.field == key


@pytest.mark.parametrize(("name", "decode", "make"), CASES)
@pytest.mark.parametrize("bad", [None, [], "text", 3])
def test_a_non_object_root_is_refused(name: str, decode: Decoder, make: Any, bad: Any) -> None:
    with pytest.raises(ProtocolError) as info:
        decode(bad)
    assert info.value.field == ""


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("orderId", "not-a-guid"),
        ("itemCount", True),
        ("itemCount", 2.0),
        ("totalAmount", "170000"),
        ("totalAmount", True),
        ("totalAmount", float("nan")),
        ("isFromTeamCart", 0),
        ("placementTimestamp", 1757845330),
        ("sourceTeamCartId", 12),
        ("restaurantImageUrl", 5),
    ],
)
def test_wrong_values_are_refused_naming_the_field(key: str, value: Any) -> None:
    with pytest.raises(ProtocolError) as info:
        decode_summary(payloads.summary(**{key: value}))
    assert info.value.field == key


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["items"][0].pop("quantity"), "items[0].quantity"),
        (lambda d: d["items"].append({"name": 3}), "items[1]"),
        (lambda d: d["items"][0].update(quantity="2"), "items[0].quantity"),
        (lambda d: d["items"][0].update(quantity=0), "items[0].quantity"),
        (lambda d: d["items"][0].update(customizations=None), "items[0].customizations"),
        (
            lambda d: d["items"][0]["customizations"][1].pop("choiceName"),
            "items[0].customizations[1].choiceName",
        ),
        (
            lambda d: d["items"][0]["customizations"][0].update(priceAdjustmentAmount="1"),
            "items[0].customizations[0].priceAdjustmentAmount",
        ),
        (lambda d: d["items"].append(7), "items[1]"),
    ],
)
def test_nested_item_errors_carry_the_json_path(mutate: Any, field: str) -> None:
    obj = payloads.detail(items=[payloads.item()])
    mutate(obj)
    with pytest.raises(ProtocolError) as info:
        decode_detail(obj)
    assert info.value.field.startswith(field)
    assert field in str(info.value)


@pytest.mark.parametrize(("name", "decode", "make"), CASES)
def test_unknown_status_raises_the_subclass_with_the_value(
    name: str, decode: Decoder, make: Any
) -> None:
    with pytest.raises(UnknownStatusError) as info:
        decode(make(status="OnHold"))
    assert isinstance(info.value, ProtocolError)
    assert info.value.value == "OnHold"
    assert info.value.field == "status"


def test_event_name_must_be_a_non_empty_string() -> None:
    with pytest.raises(ProtocolError) as info:
        decode_event("", payloads.event())
    assert info.value.field == "target"


# ------------------------------------------------------------------ timestamps


@pytest.mark.parametrize("digits", range(8))
def test_timestamps_with_0_to_7_fractional_digits(digits: int) -> None:
    frac = "1234567"[:digits]
    text = "2025-09-14T10:22:10" + (f".{frac}" if digits else "") + "Z"
    micro = int(frac.ljust(7, "0")[:6]) if digits else 0
    assert parse_timestamp(text, "t") == datetime(2025, 9, 14, 10, 22, 10, micro, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-09-14T12:22:10+02:00", datetime(2025, 9, 14, 10, 22, 10, tzinfo=UTC)),
        ("2025-09-14T05:22:10.5-05:00", datetime(2025, 9, 14, 10, 22, 10, 500000, tzinfo=UTC)),
        ("2025-09-14T10:22:10+00:00", datetime(2025, 9, 14, 10, 22, 10, tzinfo=UTC)),
        ("2025-09-14T10:22:10.000000z", datetime(2025, 9, 14, 10, 22, 10, tzinfo=UTC)),
    ],
)
def test_offsets_are_converted_to_utc(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text, "t")
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "2025-09-14T10:22:10",  # naive: zone unknown
        "2025-09-14T10:22:10.123",  # naive with a fraction
        "2025-09-14 10:22:10Z",
        "2025-09-14T10:22:10.12345678Z",  # 8 digits
        "2025-13-14T10:22:10Z",
        "2025-02-30T10:22:10Z",
        "2025-09-14T24:00:00Z",
        "2025-09-14T10:22:10+25:00",
        "9999-12-31T23:00:00-05:00",  # past datetime.max once in UTC
        "0001-01-01T00:30:00+01:00",
        "",
        "yesterday",
    ],
)
def test_bad_or_naive_timestamps_are_refused(text: str) -> None:
    with pytest.raises(ProtocolError) as info:
        parse_timestamp(text, "lastUpdateTimestamp")
    assert info.value.field == "lastUpdateTimestamp"


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_isoformat_round_trips_in_any_offset(moment: datetime, offset_min: int) -> None:
    local = moment.astimezone(timezone(timedelta(minutes=offset_min)))
    assert parse_timestamp(local.isoformat(), "t") == moment


@given(st.text(max_size=40))
def test_parse_timestamp_raises_only_protocol_error(text: str) -> None:
    try:
        parsed = parse_timestamp(text, "t")
    except ProtocolError:
        return
    assert parsed.tzinfo is UTC

"""Typed readers for one field of parsed JSON: the one set both decoders use.

``kds.core.decode`` (orders) and ``kds.net.decode`` (tokens, users, pages, restaurant info)
read fields the same way: a missing required field, a value of the wrong type or a malformed
GUID, number or timestamp raises ``ProtocolError`` naming the field's JSON path (``prefix``
joined with ``key``). Extra fields are never looked at. Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from kds.core.errors import ProtocolError

__all__ = [
    "boolean",
    "decimal",
    "get",
    "guid",
    "integer",
    "join",
    "json_list",
    "json_object",
    "kind",
    "nullable",
    "parse_timestamp",
    "positive_seconds",
    "string",
    "timestamp",
]

T = TypeVar("T")
Fields = Mapping[str, object]
_MISSING: Any = object()

# ISO 8601 as System.Text.Json writes DateTime: 0-7 fractional digits (trailing zeros dropped),
# then `Z` or an explicit offset. A value without either is a local time of unknown zone.
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))"
)


def kind(value: object) -> str:
    """How a value is named in an error: ``null``, ``str``, ``dict``, …"""
    return "null" if value is None else type(value).__name__


def join(prefix: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``prefix`` (``""``: the root)."""
    return f"{prefix}.{key}" if prefix else key


def json_object(obj: object, path: str) -> Fields:
    if not isinstance(obj, Mapping):
        raise ProtocolError(path, f"expected a JSON object, got {kind(obj)}")
    return obj


def get(o: Fields, key: str, prefix: str = "") -> object:
    """A required field's raw value (``null`` included); missing is an error."""
    value = o.get(key, _MISSING)
    if value is _MISSING:
        raise ProtocolError(join(prefix, key), "required field is missing")
    return value


def nullable(
    o: Fields, key: str, reader: Callable[[Fields, str, str], T], prefix: str = ""
) -> T | None:
    """``None`` when the field is absent or ``null``, else ``reader``'s value."""
    if o.get(key) is None:
        return None
    return reader(o, key, prefix)


def _typed(o: Fields, key: str, prefix: str, types: type | tuple[type, ...], what: str) -> Any:
    """The field's value if it is one of ``types`` (never a bool unless asked: in Python a
    bool is an int, in JSON it is not), else a ``ProtocolError`` saying ``what`` was expected."""
    value = get(o, key, prefix)
    if not isinstance(value, types) or (isinstance(value, bool) and types is not bool):
        raise ProtocolError(join(prefix, key), f"expected {what}, got {kind(value)}")
    return value


def string(o: Fields, key: str, prefix: str = "") -> str:
    return _typed(o, key, prefix, str, "a string")  # type: ignore[no-any-return]


def guid(o: Fields, key: str, prefix: str = "") -> str:
    """A GUID in the canonical lowercase "D" form, so ids compare equal whatever the casing."""
    value = _typed(o, key, prefix, str, "a GUID string")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ProtocolError(join(prefix, key), f"not a GUID: {value!r}") from None


def integer(o: Fields, key: str, prefix: str = "") -> int:
    return _typed(o, key, prefix, int, "an integer")  # type: ignore[no-any-return]


def boolean(o: Fields, key: str, prefix: str = "") -> bool:
    return _typed(o, key, prefix, bool, "true or false")  # type: ignore[no-any-return]


def decimal(o: Fields, key: str, prefix: str = "") -> Decimal:
    """A JSON number as an exact, finite ``Decimal`` (money)."""
    value = _typed(o, key, prefix, (int, float, Decimal), "a number")
    try:
        # repr() of a float is its shortest round-trip text: 170000.1 stays 170000.1.
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ProtocolError(join(prefix, key), f"not a decimal: {value!r}") from None
    if not result.is_finite():
        raise ProtocolError(join(prefix, key), f"not a finite number: {value!r}")
    return result


def positive_seconds(o: Fields, key: str, prefix: str = "") -> float:
    """A finite number of seconds above zero (JSON ``Infinity``/``NaN`` parse, and are refused)."""
    value = get(o, key, prefix)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        problem = f"expected a positive number of seconds, got {value!r}"
        raise ProtocolError(join(prefix, key), problem)
    return float(value)


def json_list(o: Fields, key: str, prefix: str = "") -> list[object]:
    return _typed(o, key, prefix, list, "an array")  # type: ignore[no-any-return]


def timestamp(o: Fields, key: str, prefix: str = "") -> datetime:
    return parse_timestamp(get(o, key, prefix), join(prefix, key))


def parse_timestamp(value: object, field: str) -> datetime:
    """Parse a backend timestamp into an aware UTC datetime.

    Seven fractional digits (.NET ticks) are truncated to microseconds, the same way for every
    source, so equal backend values stay equal. A naive value is refused: guessing its zone would
    shift every timer on the board.
    """
    if not isinstance(value, str):
        raise ProtocolError(field, f"expected a timestamp string, got {kind(value)}")
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

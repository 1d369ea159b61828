"""UTC time as integer microseconds, and its JSON/.NET renderings (one place for all of it)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# .NET DateTime ticks (100 ns since 0001-01-01) at the Unix epoch: ETags carry ticks.
_EPOCH_TICKS = 621_355_968_000_000_000
# DateTime.MinValue, what a missing DateTime binds to in the real backend.
MIN_US = -62_135_596_800_000_000

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?"
    r"(Z|z|[+-]\d{2}:?\d{2})?$"
)


class NotUtcError(ValueError):
    """A timestamp without `Z` or with a non-zero offset (we refuse; see contract section 1)."""


def now_us() -> int:
    return time.time_ns() // 1000


def format_ts(us: int) -> str:
    """System.Text.Json style: trailing `Z`, fraction without trailing zeros."""
    dt = _EPOCH + timedelta(microseconds=us)
    base = f"{dt.year:04d}-{dt:%m-%dT%H:%M:%S}"  # %Y does not zero-pad years < 1000 here
    frac = f"{dt.microsecond:06d}".rstrip("0")
    return f"{base}.{frac}Z" if frac else f"{base}Z"


def format_opt(us: int | None) -> str | None:
    return None if us is None else format_ts(us)


def parse_utc(text: str) -> int:
    """Parse an ISO-8601 UTC timestamp to microseconds.

    Raises ValueError when it is not a timestamp, NotUtcError when it has no `Z`/zero offset.
    """
    m = _ISO.match(text.strip())
    if m is None:
        raise ValueError(f"not an ISO-8601 timestamp: {text!r}")
    year, month, day, hour, minute = (int(m.group(i)) for i in range(1, 6))
    second = int(m.group(6) or 0)
    frac = (m.group(7) or "").ljust(7, "0")
    zone = m.group(8)
    if zone is None or (zone.upper() != "Z" and zone.replace(":", "")[1:] != "0000"):
        raise NotUtcError(f"not a UTC timestamp: {text!r}")
    try:
        dt = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise ValueError(f"not an ISO-8601 timestamp: {text!r}") from None
    return (dt - _EPOCH) // timedelta(microseconds=1) + int(frac) // 10


def ticks(us: int) -> int:
    return _EPOCH_TICKS + us * 10


def http_date(us: int) -> str:
    """RFC 9110 IMF-fixdate, for Last-Modified."""
    dt = _EPOCH + timedelta(microseconds=us)
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")

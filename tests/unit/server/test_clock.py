"""Timestamp rendering/parsing (System.Text.Json style, UTC only), .NET ticks, HTTP dates."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kds.server.clock import NotUtcError, format_ts, http_date, parse_utc, ticks


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("2025-09-14T10:22:10Z", "2025-09-14T10:22:10Z"),
        ("2025-09-14T10:22:10.120000Z", "2025-09-14T10:22:10.12Z"),
        ("2025-09-14T10:22:10.1234567Z", "2025-09-14T10:22:10.123456Z"),
        ("2025-09-14T10:22:10.5+00:00", "2025-09-14T10:22:10.5Z"),
        ("2025-09-14T10:22Z", "2025-09-14T10:22:00Z"),
        ("1969-12-31T23:59:59.9Z", "1969-12-31T23:59:59.9Z"),
    ],
)
def test_round_trip_drops_trailing_zeros(text: str, rendered: str) -> None:
    assert format_ts(parse_utc(text)) == rendered


@pytest.mark.parametrize(
    "text", ["2025-09-14T10:22:10", "2025-09-14T10:22:10+02:00", "2025-09-14T10:22:10-0100"]
)
def test_non_utc_is_refused(text: str) -> None:
    with pytest.raises(NotUtcError):
        parse_utc(text)


@pytest.mark.parametrize("text", ["", "yesterday", "2025-13-01T00:00:00Z", "2025-09-14"])
def test_garbage_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="timestamp"):
        parse_utc(text)


def test_dotnet_ticks_and_http_date() -> None:
    us = parse_utc("2025-09-14T10:22:10.123456Z")
    since_year_one = datetime(2025, 9, 14, 10, 22, 10, 123456) - datetime(1, 1, 1)
    assert ticks(us) == since_year_one // timedelta(microseconds=1) * 10
    assert http_date(us) == "Sun, 14 Sep 2025 10:22:10 GMT"

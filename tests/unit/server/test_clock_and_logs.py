"""Timestamp rendering/parsing (System.Text.Json style, UTC only) and log redaction."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from kds.server.binding import parse_guid
from kds.server.clock import NotUtcError, format_ts, http_date, parse_utc, ticks
from kds.server.logs import RedactingFormatter, redact


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


def test_guid_forms() -> None:
    canonical = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
    assert parse_guid(canonical.upper()) == canonical
    assert parse_guid(canonical.replace("-", "")) == canonical
    assert parse_guid("6f1c2a9e") is None


def test_tokens_are_redacted_from_log_lines() -> None:
    line = (
        "GET /hubs/restaurant-orders?id=abc&access_token=s3cr3t.t0k3n HTTP/1.1"
        ' "Authorization": "Bearer abc.def"'
    )
    cleaned = redact(line)
    assert "s3cr3t" not in cleaned
    assert "abc.def" not in cleaned
    assert "access_token=***" in cleaned
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "headers %s", ({"authorization": "Bearer zzz"},), None
    )
    assert "zzz" not in RedactingFormatter("%(message)s").format(record)

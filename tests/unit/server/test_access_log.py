"""The access log's request target: raw path, printable ASCII only, credentials masked."""

from __future__ import annotations

from typing import Any

import pytest

from kds.server.access_log import target_of


def scope(path: str, raw_path: bytes | None, query: bytes = b"") -> dict[str, Any]:
    return {"type": "http", "path": path, "raw_path": raw_path, "query_string": query}


def test_a_decoded_line_break_is_logged_as_the_client_sent_it() -> None:
    forged = "/api/v1/x\n2026-12-08 INFO kds.server.access: GET /admin 200"
    raw = b"/api/v1/x%0a2026-12-08%20INFO%20kds.server.access:%20GET%20/admin%20200"
    assert target_of(scope(forged, raw)) == raw.decode()


def test_without_a_raw_path_the_decoded_one_is_percent_encoded() -> None:
    assert target_of(scope("/a\r\nb\x00c é", None)) == "/a%0D%0Ab%00c%20%C3%A9"


def test_raw_bytes_outside_printable_ascii_are_percent_encoded() -> None:
    assert target_of(scope("/x", b"/x\n\x00\x7f", b"q=\r\n")) == "/x%0A%00%7F?q=%0D%0A"


@pytest.mark.parametrize(
    "query",
    [
        b"access_token=SECRET",
        b"access%5Ftoken=SECRET",
        b"ACCESS_TOKEN=SECRET",
        b"negotiateVersion=1&id=SECRET",
        b"id=SECRET&access_token=SECRET&id=SECRET",
        b"refresh_token=SECRET\n",
        b"token=SECRET%0aforged",
    ],
)
def test_hub_credentials_never_reach_the_target(query: bytes) -> None:
    target = target_of(scope("/hubs/restaurant-orders", b"/hubs/restaurant-orders", query))
    assert "SECRET" not in target
    assert target.startswith("/hubs/restaurant-orders?")
    assert "=***" in target


def test_id_outside_the_hubs_is_kept() -> None:
    assert target_of(scope("/api/v1/x", b"/api/v1/x", b"id=7")) == "/api/v1/x?id=7"

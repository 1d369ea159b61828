"""Which requests the dev surface treats as coming from this machine (issue 19)."""

from __future__ import annotations

import pytest

from kds.server.dev_guard import is_dev_path, is_loopback_host, refusal


@pytest.mark.parametrize(
    "host", ["localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"]
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.5", "example.com", "localhost.evil.example", "", "[::1"]
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


def _scope(*headers: tuple[str, str]) -> dict[str, object]:
    return {"headers": [(k.encode(), v.encode()) for k, v in headers]}


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:5080", "127.0.0.1:5080", "[::1]", "[::1]:5080"]
)
def test_a_loopback_host_header_is_accepted(host: str) -> None:
    assert refusal(_scope(("host", host))) is None
    assert refusal(_scope(("host", host), ("origin", "http://localhost:3000"))) is None


@pytest.mark.parametrize(
    "host",
    ["rebind.evil.example:5080", "192.168.1.5:5080", "localhost:x", "::1", "[::1]x", "[::1]:"],
)
def test_other_host_headers_are_refused(host: str) -> None:
    assert refusal(_scope(("host", host))) is not None


def test_a_missing_host_or_a_foreign_origin_is_refused() -> None:
    assert refusal(_scope()) is not None
    for origin in ("https://evil.example", "null", "http://[::1"):
        assert refusal(_scope(("host", "127.0.0.1:5080"), ("origin", origin))) is not None


def test_dev_paths() -> None:
    assert is_dev_path("/api/v1/dev/orders")
    assert not is_dev_path("/api/v1/orders/new")
    assert not is_dev_path("/api/v1/developer")

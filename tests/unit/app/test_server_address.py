"""Which server addresses would carry passwords and orders unencrypted (issue 19)."""

from __future__ import annotations

import pytest

from kds.app.server_address import is_loopback, plain_http


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST",
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "[::1]",
        "kds.localhost",
        "localhost.",
    ],
)
def test_this_machine_is_loopback(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["192.168.1.20", "10.0.0.5", "0.0.0.0", "orders.example.com", "localhost.evil.com", ""]
)
def test_other_machines_are_not(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize(
    ("url", "risky"),
    [
        ("http://192.168.1.20:8080", True),
        ("HTTP://orders.example.com", True),
        ("  http://kitchen-server/  ", True),
        ("https://192.168.1.20", False),
        ("http://127.0.0.1:8080", False),
        ("http://localhost:5000", False),
        ("http://[::1]:8080", False),
        ("", False),
    ],
)
def test_plain_http_is_http_to_another_machine(url: str, risky: bool) -> None:
    assert plain_http(url) is risky

"""`kds doctor`'s checks that need no server: plain http:// is a warning, not a failure."""

from __future__ import annotations

import pytest

from kds.app.server_address import HTTP_WARNING
from kds.cli.checks import check_tls


def test_plain_http_to_another_machine_warns() -> None:
    result = check_tls("http://192.168.1.20:8080", None, 1.0)
    assert (result.ok, result.warn, result.detail) == (True, True, HTTP_WARNING)
    assert "https" in result.hint


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost"])
def test_plain_http_on_this_machine_passes_quietly(url: str) -> None:
    result = check_tls(url, None, 1.0)
    assert (result.ok, result.warn) == (True, False)

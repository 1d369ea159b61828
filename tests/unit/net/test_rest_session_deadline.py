"""RestSession's total deadline per attempt, against a server trickling its body (issue 19).

Before: ``httpx.Timeout(timeout_s)`` bounded each read only, and a server sending one byte every
0.3 s held a call with a 10 s timeout for 18 s and more. Now each attempt ends within
``timeout_s`` with the ``ServerUnavailable`` a read timeout gives.
"""

from __future__ import annotations

import time

import pytest
from keyring.backends import fail

from kds.net.errors import ServerUnavailable
from kds.net.rest import RestClient
from kds.net.retry import ReadBackoff
from kds.net.tokens import TokenStore
from tests.unit.net.test_http_deadline import TrickleServer
from tests.unit.net.test_rest import RID


def client_of(server: TrickleServer, *, attempts: int = 0) -> RestClient:
    store = TokenStore(server.url, "staff@x", backend=fail.Keyring())
    store.save("acc-1", "ref-1", 3600)
    backoff = ReadBackoff(attempts=attempts, rng=lambda: 0.5)
    return RestClient(server.url, store, timeout_s=1.0, backoff=backoff, sleep=lambda _s: None)


def test_a_trickled_login_answer_fails_at_the_deadline_as_server_unavailable() -> None:
    server = TrickleServer()
    client = client_of(server)
    try:
        started = time.monotonic()
        with pytest.raises(ServerUnavailable) as failed:
            client.login("staff@x", "pw")
        elapsed = time.monotonic() - started
    finally:
        client.close()
        server.close()
    assert "timed out" in str(failed.value)
    assert failed.value.unsent is False  # the request reached the server
    assert 0.9 < elapsed < 5  # before: 300 s, each byte well inside the 10 s read timeout


def test_each_retry_of_a_get_has_a_deadline_of_its_own() -> None:
    server = TrickleServer()
    client = client_of(server, attempts=1)
    try:
        started = time.monotonic()
        with pytest.raises(ServerUnavailable) as failed:
            client.all_orders(RID, "new")
        elapsed = time.monotonic() - started
    finally:
        client.close()
        server.close()
    assert failed.value.unsent is False
    assert server.requests == 2  # the first attempt and one retry
    assert 1.8 < elapsed < 8

"""No token ever reaches the server's log, even at debug level and on failing requests."""

from __future__ import annotations

from tests.support import http
from tests.support.fixtures import ServerFactory
from tests.support.helpers import PHO_HANOI, auth, login_tokens, staff


def test_debug_log_has_no_tokens(server_factory: ServerFactory) -> None:
    server = server_factory(["--dev", "--outbox-interval-ms", "10", "--log-level", "debug"])
    url = server.url
    tokens = login_tokens(url, *staff("pho-hanoi"))
    access, refresh = tokens["accessToken"], tokens["refreshToken"]
    headers = auth(access)
    http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/orders/active", headers=headers)
    http.post(f"{url}/api/v1/users/refresh", json={"refreshToken": refresh})
    http.post(f"{url}/hubs/restaurant-orders/negotiate?negotiateVersion=1&access_token={access}")
    http.post(f"{url}/hubs/restaurant-orders/negotiate?negotiateVersion=1", headers=headers)
    http.get(
        f"{url}/api/v1/users/me?access_token={access}", headers={"Authorization": "Bearer nope-x"}
    )
    http.post(f"{url}/api/v1/orders/{PHO_HANOI}/accept", content=b"{bad", headers=headers)
    assert server.stop() == 0
    log = server.stderr_text()
    assert "Shutting down" in log  # the log was really written
    assert "GET /api/v1/users/me?access_token=*** 401" in log  # and the access log, redacted
    for secret in (access, refresh, "nope-x", "Password123!"):
        assert secret not in log

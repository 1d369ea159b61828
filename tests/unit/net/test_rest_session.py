"""RestSession (through RestClient) on httpx.MockTransport: login, auth refresh, retries."""

from __future__ import annotations

import json

import httpx
import pytest

from kds.net.errors import AccessRefusedAfterRefresh, AuthExpired, ServerUnavailable
from kds.net.rest import RestClient
from tests.unit.net.test_rest import BASE, OID, RID, make, page, summary


def refreshed_to(n: int) -> httpx.Response:
    """The backend's 200 for ``/users/refresh``: access token ``acc-n``, refresh ``ref-n``."""
    body = {"tokenType": "Bearer", "accessToken": f"acc-{n}", "expiresIn": 3600}
    return httpx.Response(200, json={**body, "refreshToken": f"ref-{n}"})


def test_401_refreshes_once_and_retries() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            assert json.loads(request.content) == {"refreshToken": "ref-1"}
            return refreshed_to(2)
        if request.headers["Authorization"] == "Bearer acc-1":
            return httpx.Response(401, headers={"WWW-Authenticate": "Bearer"})
        return httpx.Response(200, json=page([summary(1)], 1, 1, 1))

    client, server = make(handle)
    orders = client.all_orders(RID, "new")
    assert [o.order_number for o in orders] == ["ORD-1"]
    assert [r.url.path.rsplit("/", 1)[-1] for r in server.requests] == ["new", "refresh", "new"]
    assert client.tokens is not None
    assert client.tokens.refresh_token() == "ref-2"


def test_second_401_after_refresh_is_auth_expired() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            return refreshed_to(2)
        return httpx.Response(401)

    client, server = make(handle)
    with pytest.raises(AuthExpired) as err:
        client.me()
    assert len(server.requests) == 3
    assert "acc-" not in str(err.value)
    assert "ref-" not in str(err.value)


def test_refusal_right_after_a_refresh_is_told_apart_and_keeps_the_tokens() -> None:
    """The refresh worked, so the session must not end (the app retries; see chaos seed 992)."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            return refreshed_to(2)
        return httpx.Response(401)

    client, _ = make(handle)
    with pytest.raises(AccessRefusedAfterRefresh):
        client.me()
    assert client.tokens is not None
    assert client.tokens.refresh_token() == "ref-2"


def test_a_refresh_borrowed_from_another_worker_does_not_use_up_this_calls_own() -> None:
    """Worker B's 401 is answered by A's refresh; B's retry is refused again (tokens revoked
    meanwhile): B refreshes itself once and succeeds instead of giving up."""
    import threading

    a_refreshed = threading.Event()
    both_sent = threading.Barrier(2)
    refreshes: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            refreshes.append(json.loads(request.content)["refreshToken"])
            return refreshed_to(len(refreshes) + 1)
        if request.headers["Authorization"] == "Bearer acc-1":
            both_sent.wait(5)  # A and B both hold the stale token
            return httpx.Response(401)
        if request.headers["Authorization"] == "Bearer acc-2":
            return httpx.Response(401)  # revoked as soon as it was issued
        return httpx.Response(200, json={"restaurantId": RID, "name": "Pho Hanoi"})

    client, _ = make(handle)
    assert client.tokens is not None
    original = client._refresh_once

    def a_first(token_used: str | None, *, force: bool) -> bool:
        if threading.current_thread().name == "B":
            a_refreshed.wait(5)
        did = original(token_used, force=force)
        if threading.current_thread().name == "A":
            a_refreshed.set()
        return did

    client._refresh_once = a_first  # type: ignore[method-assign]
    errors: list[BaseException] = []
    names: list[str] = []

    def worker() -> None:
        try:
            names.append(client.restaurant_info(RID).name)
        except BaseException as exc:
            errors.append(exc)

    a = threading.Thread(target=worker, name="A")
    b = threading.Thread(target=worker, name="B")
    b.start()
    a.start()
    a.join(10)
    b.join(10)
    assert names == ["Pho Hanoi"]  # B, after its own refresh to acc-3
    assert refreshes == ["ref-1", "ref-2"]
    assert len(errors) == 1  # A refreshed itself once and was refused again
    assert isinstance(errors[0], AccessRefusedAfterRefresh)


def test_refused_refresh_clears_the_store() -> None:
    client, _ = make(lambda r: httpx.Response(401))
    with pytest.raises(AuthExpired):
        client.me()
    assert client.tokens is not None
    assert client.tokens.get() is None
    with pytest.raises(AuthExpired):
        client.access_token()


def test_proactive_refresh_at_80_percent() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            return refreshed_to(2)
        return httpx.Response(200, json={"restaurantId": RID, "name": "Pho Hanoi", "logoUrl": None})

    client, server = make(handle)
    assert client.tokens is not None
    client.tokens.save("acc-old", "ref-1", 3600)
    assert client.access_token() == "acc-old"
    client.tokens.save("acc-old", "ref-1", 0)  # already past 80 %
    info = client.restaurant_info(RID)
    assert info.name == "Pho Hanoi"
    assert server.requests[0].url.path.endswith("/users/refresh")
    assert server.requests[1].headers["Authorization"] == "Bearer acc-2"


def test_get_retries_5xx_with_backoff() -> None:
    sleeps: list[float] = []
    statuses = iter([503, 500, 200])

    def handle(request: httpx.Request) -> httpx.Response:
        status = next(statuses)
        if status != 200:
            return httpx.Response(status)
        return httpx.Response(200, json=page([], 1, 0, 0))

    client, server = make(handle, sleeps=sleeps)
    assert client.all_orders(RID, "active") == []
    assert len(server.requests) == 3
    assert sleeps == [0.1, 0.2]  # base 0.2 s doubling, jitter fixed at 0.5


def test_get_gives_up_after_the_retry_budget() -> None:
    client, server = make(lambda r: httpx.Response(502))
    with pytest.raises(ServerUnavailable) as err:
        client.order_detail(RID, OID)
    assert err.value.status == 502
    assert len(server.requests) == 3


def test_timeouts_and_connect_errors_are_server_unavailable() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client, server = make(handle)
    with pytest.raises(ServerUnavailable):
        client.me()
    assert len(server.requests) == 3

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client, server = make(slow)
    with pytest.raises(ServerUnavailable, match="timed out"):
        client.mark_preparing(OID, RID)
    assert len(server.requests) == 1


def test_login_stores_tokens_and_failed_login_is_auth_expired() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body["password"] != "right":
            return httpx.Response(
                401,
                json={
                    "type": "https://tools.ietf.org/html/rfc9110#section-15.5.2",
                    "title": "Unauthorized",
                    "status": 401,
                    "detail": "Failed",
                },
            )
        return httpx.Response(
            200,
            json={
                "tokenType": "Bearer",
                "accessToken": "A",
                "expiresIn": 3600,
                "refreshToken": "R",
            },
        )

    client = RestClient(BASE, http=httpx.Client(transport=httpx.MockTransport(handle)))
    with pytest.raises(AuthExpired) as err:
        client.login("staff@x", "wrong")
    assert err.value.detail == "Failed"
    assert "wrong" not in str(err.value)
    tokens = client.login("staff@x", "right")
    assert tokens.expires_in_s == 3600
    assert client.tokens is not None
    assert client.tokens.user == "staff@x"
    assert client.access_token() == "A"
    assert "A" not in repr(tokens).replace("Bearer", "").replace("TokenResponse", "")


def test_concurrent_401s_refresh_only_once() -> None:
    import threading

    refreshes: list[int] = []
    gate = threading.Barrier(4)

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/refresh"):
            refreshes.append(1)
            return refreshed_to(2)
        if request.headers["Authorization"] == "Bearer acc-1":
            gate.wait(5)  # all four workers hold the old token before anyone refreshes
            return httpx.Response(401)
        return httpx.Response(200, json={"restaurantId": RID, "name": "Pho Hanoi"})

    client, _ = make(handle)
    results: list[str] = []

    def worker() -> None:
        results.append(client.restaurant_info(RID).name)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == ["Pho Hanoi"] * 4
    assert len(refreshes) == 1

"""Durability: a SIGKILLed server comes back with its orders, tokens and undelivered outbox rows.

Checked over HTTP: the open-orders dev endpoint (the server's truth) and `GET /api/v1/dev/outbox`
(pending rows). That the rows go out with their original eventIds is covered in-process by
tests/unit/server/test_outbox.py::test_rows_left_at_a_crash_go_out_after_restart.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.integration.server.conftest import utc_in
from tests.support import http
from tests.support.helpers import (
    PHO_HANOI,
    auth,
    login_tokens,
    open_orders,
    place_order,
    staff,
    wait_until,
)
from tests.support.server import ServerProcess


def test_sigkill_mid_traffic_loses_nothing_acknowledged(dev_server: ServerProcess) -> None:
    url = dev_server.url
    tokens = login_tokens(url, *staff("pho-hanoi"))
    headers = auth(tokens["accessToken"])
    paused = http.post(f"{url}/api/v1/dev/faults/outbox", json={"paused": True})
    assert paused.json()["paused"] is True
    first = [place_order(url, PHO_HANOI)["orderId"] for _ in range(5)]
    accepted = http.post(
        f"{url}/api/v1/orders/{first[0]}/accept",
        json={"restaurantId": PHO_HANOI, "estimatedDeliveryTime": utc_in(30)},
        headers=headers,
    )
    assert accepted.status_code == 200
    rejected = http.post(
        f"{url}/api/v1/orders/{first[1]}/reject", json={"restaurantId": PHO_HANOI}, headers=headers
    )
    assert rejected.status_code == 200

    acknowledged: list[str] = []
    stop = threading.Event()

    def traffic() -> None:
        with httpx.Client(verify=False, timeout=5) as client:
            while not stop.is_set():
                try:
                    response = client.post(
                        f"{url}/api/v1/dev/orders",
                        json={
                            "restaurantId": PHO_HANOI,
                            "items": [{"name": "Trà đá", "quantity": 1}],
                        },
                    )
                except httpx.HTTPError:
                    return  # the server is gone
                if response.status_code == 200:
                    acknowledged.append(response.json()["orderId"])

    worker = threading.Thread(target=traffic)
    worker.start()
    try:
        wait_until(lambda: len(acknowledged) >= 20, timeout_s=10)
        dev_server.kill()  # SIGKILL while requests are in flight
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()

    dev_server.restart()
    url = dev_server.url
    open_ids = {o["orderId"] for o in open_orders(url, PHO_HANOI)}
    assert set(first) - {first[1]} <= open_ids
    assert first[1] not in open_ids  # rejected stays rejected
    statuses = {o["orderId"]: o["status"] for o in open_orders(url, PHO_HANOI)}
    assert statuses[first[0]] == "Accepted"
    assert set(acknowledged) <= open_ids  # every 200 survived the crash
    me = http.get(f"{url}/api/v1/users/me", headers=headers)
    assert me.status_code == 200  # the access token survived
    refreshed = http.post(
        f"{url}/api/v1/users/refresh", json={"refreshToken": tokens["refreshToken"]}
    )
    assert refreshed.status_code == 200
    # The outbox pause is not persisted: the rows written before the crash go out now.
    wait_until(lambda: http.get(f"{url}/api/v1/dev/outbox").json()["pending"] == 0, timeout_s=10)
    # 5 placed + 1 accepted + 1 rejected + every acknowledged order, all written while paused.
    assert http.get(f"{url}/api/v1/dev/outbox").json()["published"] >= 7 + len(acknowledged)


def test_sigterm_exits_zero_quickly_and_restart_reuses_the_port(dev_server: ServerProcess) -> None:
    oid = place_order(dev_server.url, PHO_HANOI)["orderId"]
    port = dev_server.port
    proc = dev_server.proc
    assert proc is not None
    started = time.monotonic()
    assert dev_server.stop() == 0
    assert time.monotonic() - started < 5
    dev_server.start(port=port)
    assert dev_server.port == port
    assert oid in {o["orderId"] for o in open_orders(dev_server.url, PHO_HANOI)}


def test_pause_and_resume_freeze_the_process(dev_server: ServerProcess) -> None:
    dev_server.pause()
    try:
        with pytest.raises(httpx.TimeoutException):
            http.get(f"{dev_server.url}/ping", timeout=0.3)
    finally:
        dev_server.resume()
    assert http.get(f"{dev_server.url}/ping").json() == "pong"

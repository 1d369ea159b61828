"""kds-server REST latency: the active queue with 1,000 open orders, lifecycle commands, placement.

Starts the real server as a subprocess (default 250 ms outbox, demo seed), places 1,000 open
orders through the dev endpoint (timed: orders/s), then times `GET .../orders/active?pageSize=100`
over every page and the accept → preparing commands, each over one keep-alive HTTP connection;
and, in-process, how many `Authenticator.authenticate(token)` calls run per second.
Prints a table and writes ``bench/results/server_rest.json``.

    .venv/bin/python bench/server_rest.py            # full run
    .venv/bin/python bench/server_rest.py --quick    # fewer samples (same 1,000 orders)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, now_iso, results_path  # noqa: E402

from kds.server.seed import RESTAURANT_IDS, menu_items  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

RESULTS = results_path("server_rest")
SLUG = "pho-hanoi"
PHO_HANOI = RESTAURANT_IDS[SLUG]
OPEN_ORDERS = 1000


def seed_line(slug: str) -> dict[str, object]:
    """An order line naming a real item of the demo seed (so the dev endpoint gives it that
    item's `menuItemId` and price) with one of its own choices: the seed menu, not a copy of
    its names that goes stale when the menu changes."""
    item = next(item for item in menu_items(slug) if item.groups)
    group, choices = item.groups[0]
    choice, _ = choices[-1]
    return {
        "name": item.name,
        "quantity": 2,
        "customizations": [{"groupName": group, "choiceName": choice}],
    }


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(call: object) -> float:
    started = time.perf_counter()
    response = call()  # type: ignore[operator]
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (response.status_code, response.text[:200])
    return elapsed


def authenticate_rate(quick: bool) -> float:
    """In-process `Authenticator.authenticate` calls/s: the hub side runs it on every connect."""
    from kds.server.app import build_state
    from kds.server.broadcast import NullBroadcaster
    from kds.server.config import ServerConfig

    with tempfile.TemporaryDirectory() as tmp:
        config = ServerConfig(db=f"{tmp}/kds.db", seed="demo")
        state = build_state(config, NullBroadcaster())
        signed = asyncio.run(state.authenticator.login("manager@kds.example", "Password123!"))
        token = signed["accessToken"]
        calls = 2_000 if quick else 20_000
        started = time.perf_counter()
        for _ in range(calls):
            assert state.authenticator.authenticate(token) is not None
        rate = calls / (time.perf_counter() - started)
        state.store.close()
    return rate


def run(quick: bool) -> dict[str, object]:
    queue_samples = 100 if quick else 1000
    lifecycle_orders = 50 if quick else 300
    with (
        ServerProcess(["--dev", "--seed", "demo", "--log-level", "warning"]) as server,
        httpx.Client(base_url=server.url, timeout=30, verify=False) as client,
    ):
        item = seed_line(SLUG)
        menu = client.get(f"/api/v1/restaurants/{PHO_HANOI}/menu").json()
        served = {entry["name"] for entry in menu["items"]["byId"].values()}
        assert item["name"] in served, (item["name"], "not on the served menu")
        started = time.perf_counter()
        order_ids = []
        for i in range(OPEN_ORDERS):
            body = {
                "restaurantId": PHO_HANOI,
                "items": [item],
                "note": "no peanuts" if i % 3 else "",
            }
            response = client.post("/api/v1/dev/orders", json=body)
            assert response.status_code == 200, response.text
            order_ids.append(response.json()["orderId"])
        placed_per_s = OPEN_ORDERS / (time.perf_counter() - started)

        login = client.post(
            "/api/v1/users/login",
            json={"email": "staff.pho-hanoi@kds.example", "password": "Password123!"},
        )
        client.headers["Authorization"] = f"Bearer {login.json()['accessToken']}"
        pages = OPEN_ORDERS // 100
        queue_ms = [
            timed(
                lambda page=(i % pages) + 1: client.get(
                    f"/api/v1/restaurants/{PHO_HANOI}/orders/active",
                    params={"pageSize": 100, "pageNumber": page},
                )
            )
            for i in range(queue_samples)
        ]
        eta = (datetime.now(UTC) + timedelta(minutes=45)).isoformat().replace("+00:00", "Z")
        lifecycle_ms = []
        for oid in order_ids[:lifecycle_orders]:
            lifecycle_ms.append(timed(lambda oid=oid: client.post(
                f"/api/v1/orders/{oid}/accept",
                json={"restaurantId": PHO_HANOI, "estimatedDeliveryTime": eta})))  # fmt: skip
            lifecycle_ms.append(timed(lambda oid=oid: client.post(
                f"/api/v1/orders/{oid}/preparing", json={"restaurantId": PHO_HANOI})))  # fmt: skip
    return {
        "active_queue_p50_ms_1000_orders": round(statistics.median(queue_ms), 2),
        "active_queue_p99_ms_1000_orders": round(percentile(queue_ms, 99), 2),
        "lifecycle_p50_ms": round(statistics.median(lifecycle_ms), 2),
        "lifecycle_p99_ms": round(percentile(lifecycle_ms, 99), 2),
        "orders_placed_per_s": round(placed_per_s, 1),
        "authenticate_per_s": round(authenticate_rate(quick)),
        "queue_samples": queue_samples,
        "lifecycle_samples": len(lifecycle_ms),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    args = parser.parse_args()
    figures = run(args.quick)
    print(f"{'figure':<36} {'value':>10}")
    for key, value in figures.items():
        print(f"{key:<36} {value:>10}")
    results = {k: v for k, v in figures.items() if not k.endswith("_samples")}
    results["machine"] = machine()
    results["at"] = now_iso()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

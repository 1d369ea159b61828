"""Outbox publishing (contract 8.5 and 9) in-process, through a RecordingBroadcaster."""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kds.server import seed
from kds.server.app import build_state
from kds.server.broadcast import RecordingBroadcaster
from kds.server.clock import now_us
from kds.server.config import ServerConfig
from kds.server.domain import Line, NewOrder, create_order, load, settle_payment, transition
from kds.server.outbox import CUSTOMER_HUB, RESTAURANT_HUB, backoff_us
from kds.server.state import ServerState

PHO = seed.RESTAURANT_IDS["pho-hanoi"]
DTO_KEYS = [
    "orderId",
    "orderNumber",
    "status",
    "restaurantId",
    "lastUpdateTimestamp",
    "estimatedDeliveryTime",
    "actualDeliveryTime",
    "deliveredAt",
    "occurredOnUtc",
    "eventId",
]


def make_state(db: str = ":memory:") -> tuple[ServerState, RecordingBroadcaster]:
    recorder = RecordingBroadcaster()
    state = build_state(ServerConfig(db=db, seed="demo", outbox_interval_ms=10), recorder)
    return state, recorder


def place(state: ServerState, method: str = "CashOnDelivery") -> str:
    order = NewOrder(PHO, seed.customer_id(), [Line("Phở gà", 2, 1050)], payment_method=method)
    with state.write() as conn:
        return create_order(conn, order, random.Random(1)).id


def step(state: ServerState, oid: str, *actions: str) -> None:
    for action in actions:
        with state.write() as conn:
            order = load(conn, oid)
            assert order is not None
            eta = now_us() + 30 * 60_000_000 if action == "accept" else None
            transition(conn, order, action, eta_us=eta)


def publish(state: ServerState) -> int:
    return asyncio.run(state.outbox.run_once())


def sent(recorder: RecordingBroadcaster) -> list[tuple[str, str, str]]:
    return [(m.hub_path, m.group, m.target) for m in recorder.sent]


def payloads(recorder: RecordingBroadcaster) -> list[dict[str, Any]]:
    result = []
    for message in recorder.sent:
        assert len(message.arguments) == 1
        result.append(message.arguments[0])
    return result


def event_ids(state: ServerState) -> list[str]:
    return [r["event_id"] for r in state.store.all("SELECT event_id FROM outbox ORDER BY seq")]


def test_cash_order_goes_to_the_restaurant_group_only() -> None:
    state, recorder = make_state()
    oid = place(state)
    assert publish(state) == 1
    assert sent(recorder) == [(RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderPlaced")]
    dto = payloads(recorder)[0]
    assert list(dto) == DTO_KEYS
    assert (dto["orderId"], dto["status"], dto["deliveredAt"]) == (oid, "Placed", None)
    assert dto["eventId"] == event_ids(state)[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z", dto["occurredOnUtc"])
    assert publish(state) == 0  # nothing left


def test_status_is_read_at_publish_time() -> None:
    state, recorder = make_state()
    oid = place(state)
    step(state, oid, "accept")
    publish(state)
    assert sent(recorder) == [
        (RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderPlaced"),
        (RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderStatusChanged"),
        (CUSTOMER_HUB, f"order:{oid}", "ReceiveOrderStatusChanged"),
    ]
    assert [p["status"] for p in payloads(recorder)] == ["Accepted"] * 3
    assert payloads(recorder)[0]["estimatedDeliveryTime"] is not None


def test_delivered_at_only_on_the_delivered_event() -> None:
    state, recorder = make_state()
    oid = place(state)
    step(state, oid, "accept", "preparing", "ready", "delivered")
    publish(state)
    by_event: dict[str, Any] = {}
    for p in payloads(recorder):
        by_event.setdefault(p["eventId"], p)
    delivered_at = [p["deliveredAt"] for p in by_event.values()]
    assert delivered_at[:-1] == [None] * 4
    last = list(by_event.values())[-1]
    assert last["deliveredAt"] == last["actualDeliveryTime"] is not None


def test_online_payment_success_and_failure_routes() -> None:
    state, recorder = make_state()
    ok, bad = place(state, "CreditCard"), place(state, "PayPal")
    assert publish(state) == 0  # AwaitingPayment emits nothing for the restaurant
    for oid, succeeded in ((ok, True), (bad, False)):
        with state.write() as conn:
            order = load(conn, oid)
            assert order is not None
            settle_payment(conn, order, succeeded)
    publish(state)
    assert sent(recorder) == [
        (RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderPaymentSucceeded"),
        (CUSTOMER_HUB, f"order:{ok}", "ReceiveOrderPaymentSucceeded"),
        (RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderPlaced"),
        (CUSTOMER_HUB, f"order:{bad}", "ReceiveOrderPaymentFailed"),
        (RESTAURANT_HUB, f"restaurant:{PHO}", "ReceiveOrderStatusChanged"),
    ]
    assert payloads(recorder)[-1]["status"] == "Cancelled"
    assert len({p["eventId"] for p in payloads(recorder)}) == 4


def test_failed_restaurant_send_is_retried_later_with_the_same_event_id() -> None:
    state, recorder = make_state()
    place(state)
    recorder.fail_next = 1
    before = now_us()
    publish(state)
    assert recorder.sent == []
    row = state.store.one("SELECT * FROM outbox")
    assert row is not None
    assert (row["attempt"], row["processed_us"]) == (1, None)
    assert row["next_attempt_us"] >= before + 200_000  # 2^1 × 100 ms at least
    publish(state)
    assert recorder.sent == []  # not due yet
    state.store.execute("UPDATE outbox SET next_attempt_us = 0")
    publish(state)
    assert payloads(recorder)[0]["eventId"] == row["event_id"]
    assert state.outbox.state()["pending"] == 0


def test_later_rows_overtake_a_failing_one() -> None:
    state, recorder = make_state()
    first, second = place(state), place(state)
    recorder.fail_next = 1
    publish(state)
    assert [p["orderId"] for p in payloads(recorder)] == [second]
    state.store.execute("UPDATE outbox SET next_attempt_us = 0")
    publish(state)
    assert [p["orderId"] for p in payloads(recorder)] == [second, first]


class CustomerHubDown(RecordingBroadcaster):
    async def send_to_group(
        self, hub_path: str, group: str, target: str, arguments: list[Any]
    ) -> None:
        if hub_path == CUSTOMER_HUB:
            raise ConnectionError("customer hub down")
        await super().send_to_group(hub_path, group, target, arguments)


def test_customer_hub_failures_are_swallowed() -> None:
    recorder = CustomerHubDown()
    state = build_state(ServerConfig(db=":memory:", seed="demo"), recorder)
    oid = place(state)
    step(state, oid, "accept")
    publish(state)
    assert state.outbox.state()["pending"] == 0
    assert [t for _, _, t in sent(recorder)] == ["ReceiveOrderPlaced", "ReceiveOrderStatusChanged"]


@pytest.mark.parametrize("attempt", [1, 2, 5, 11, 12, 40])
def test_backoff_is_exponential_with_jitter_capped_at_five_minutes(attempt: int) -> None:
    rng = random.Random(attempt)
    for _ in range(50):
        delay = backoff_us(attempt, rng)
        low = min(2**attempt * 100_000, 300_000_000)
        assert low <= delay <= min(low + 99_000, 300_000_000)


def test_redeliver_resends_the_last_events_with_their_ids() -> None:
    state, recorder = make_state()
    for _ in range(3):
        place(state)
    publish(state)
    ids = [p["eventId"] for p in payloads(recorder)]
    assert asyncio.run(state.outbox.redeliver(2)) == 2
    assert [p["eventId"] for p in payloads(recorder)] == [*ids, *ids[1:]]


def test_resume_with_shuffle_reorders_the_pending_rows() -> None:
    state, recorder = make_state()
    state.outbox.pause()
    for _ in range(8):
        place(state)
    state.outbox.resume(shuffle=True)
    state.outbox._rng = random.Random(7)
    publish(state)
    published = [p["eventId"] for p in payloads(recorder)]
    assert sorted(published) == sorted(event_ids(state))
    assert published != event_ids(state)


def test_rows_left_at_a_crash_go_out_after_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "kds.db")
    state, _ = make_state(db)
    oid = place(state)
    step(state, oid, "accept")
    ids = event_ids(state)
    state.store.conn.close()  # a crash: nothing published, no checkpoint
    again, recorder = make_state(db)
    publish(again)
    assert list(dict.fromkeys(p["eventId"] for p in payloads(recorder))) == ids
    assert again.outbox.state()["pending"] == 0


def test_the_publisher_loop_delivers_and_stops() -> None:
    async def scenario() -> RecordingBroadcaster:
        state, recorder = make_state()
        state.outbox.start()
        try:
            place(state)
            deadline = asyncio.get_running_loop().time() + 5
            while not recorder.sent:
                assert asyncio.get_running_loop().time() < deadline, "outbox never published"
                await asyncio.sleep(0.005)
        finally:
            await state.outbox.stop()
        return recorder

    recorder = asyncio.run(scenario())
    assert [m.target for m in recorder.sent] == ["ReceiveOrderPlaced"]


def test_order_numbers_and_totals() -> None:
    state, _ = make_state()
    oid = place(state)
    row = state.store.one("SELECT * FROM orders WHERE id = ?", (oid,))
    assert isinstance(row, sqlite3.Row)
    assert re.fullmatch(r"ORD-\d{8}-\d{6}-\d{3}-\d{4}", row["order_number"])
    assert 1000 <= int(row["order_number"][-4:]) <= 9998
    parts = row["subtotal_c"] - row["discount_c"] + row["delivery_fee_c"] + row["tip_c"]
    assert parts + row["tax_c"] == row["total_c"]
    assert row["subtotal_c"] == 2100


def test_a_backlog_drains_in_full_batches_without_waiting_a_tick_each() -> None:
    async def scenario() -> tuple[RecordingBroadcaster, float]:
        recorder = RecordingBroadcaster()
        # A 1 s interval: 200 rows in 4 batches would take > 3 s if each batch waited a tick.
        state = build_state(
            ServerConfig(db=":memory:", seed="demo", outbox_interval_ms=1000), recorder
        )
        for _ in range(200):
            place(state)
        loop = asyncio.get_running_loop()
        started = loop.time()
        state.outbox.start()
        try:
            while len(recorder.sent) < 200:
                assert loop.time() - started < 10, "backlog never drained"
                await asyncio.sleep(0.01)
        finally:
            await state.outbox.stop()
        return recorder, loop.time() - started

    recorder, elapsed = asyncio.run(scenario())
    assert len(recorder.sent) == 200
    assert elapsed < 2.5  # one wake-up tick, then back-to-back batches

"""Property tests of the order lifecycle: any command sequence keeps the domain's invariants."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kds.server import seed
from kds.server.app import build_state
from kds.server.broadcast import NullBroadcaster
from kds.server.clock import format_ts, parse_utc
from kds.server.config import ServerConfig
from kds.server.domain import (
    STEPS,
    IllegalTransition,
    Line,
    NewOrder,
    NotAwaitingPayment,
    create_order,
    load,
    settle_payment,
    transition,
)
from kds.server.status import STATUSES, TERMINAL

ACTIONS = [*STEPS, "pay-ok", "pay-fail"]
STATE = build_state(ServerConfig(db=":memory:", seed="demo"), NullBroadcaster())
PHO = seed.RESTAURANT_IDS["pho-hanoi"]


@settings(max_examples=150, deadline=None)
@given(
    online=st.booleans(),
    actions=st.lists(st.sampled_from(ACTIONS), max_size=12),
)
def test_any_command_sequence_keeps_the_invariants(online: bool, actions: list[str]) -> None:
    method = "CreditCard" if online else "CashOnDelivery"
    order = NewOrder(PHO, seed.customer_id(), [Line("Soup", 1, 500)], payment_method=method)
    with STATE.write() as conn:
        oid = create_order(conn, order, random.Random(0)).id

    def events() -> int:
        row = STATE.store.one("SELECT COUNT(*) AS n FROM outbox WHERE order_id = ?", (oid,))
        assert row is not None
        return int(row["n"])

    history = []
    for action in actions:
        with STATE.write() as conn:
            before = load(conn, oid)
            assert before is not None
            events_before = events()
            try:
                if action.startswith("pay-"):
                    after = settle_payment(conn, before, action == "pay-ok")
                    emitted = 2
                else:
                    after = transition(conn, before, action, eta_us=before.placement_us + 1)
                    emitted = 1
            except (IllegalTransition, NotAwaitingPayment):
                after, emitted = before, 0
        assert after.status in STATUSES
        assert after.version == before.version + (1 if emitted else 0)
        assert events() == events_before + emitted
        assert after.last_update_us >= before.placement_us
        if before.status in TERMINAL:
            assert after.status == before.status  # terminal states are final
        if before.status == "AwaitingPayment" and emitted:
            assert action.startswith("pay-")  # only the webhook leaves AwaitingPayment
        history.append(after.status)
    # No step is skipped: Preparing only ever follows Accepted, Ready only Preparing.
    statuses = ["AwaitingPayment" if online else "Placed", *history]
    for previous, current in itertools.pairwise(statuses):
        if current != previous:
            allowed = {s for step in STEPS.values() if step.target == current for s in step.sources}
            allowed |= {"AwaitingPayment"} if current in ("Placed", "Cancelled") else set()
            assert previous in allowed, (previous, current)


@given(st.integers(min_value=-62_135_596_800_000_000, max_value=253_402_300_799_999_999))
def test_timestamps_round_trip(us: int) -> None:
    assert parse_utc(format_ts(us)) == us

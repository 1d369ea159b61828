"""Property tests: any delivery of a server history converges to the server's open orders.

A model server (server_model.py) runs a random history of cash and online orders through every
legal transition; its events reach the board duplicated, reordered, delayed across a resync or
dropped, details arrive late, and the board's own actions are applied at once (rule 6). After a
final resync and detail fetch the board must equal the server's open orders, must never have
shown a status going backwards, and must have alerted exactly once per order it first learned
of as Placed.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from kds.core.board import Board
from kds.core.changes import AlertRaised, OrderAdded, OrderRemoved, OrderUpdated
from kds.core.orders import (
    ALLOWED_TRANSITIONS,
    OPEN_STATUSES,
    TERMINAL_STATUSES,
    OrderDetail,
    OrderEvent,
    OrderStatus,
    OrderSummary,
    status_rank,
)
from tests.unit.core.conftest import Recorder
from tests.unit.core.factories import RID, FakeClock
from tests.unit.core.server_model import ServerModel

S = OrderStatus

OPS = [
    "create_cash",
    "create_online",
    "pay_ok",
    "pay_fail",
    "advance",
    "advance",
    "double_accept",
    "publish",
    "publish",
    "publish",
    "redeliver",
    "flush",
    "deliver",
    "deliver",
    "deliver",
    "drop",
    "resync",
    "resync",
    "detail_request",
    "detail_deliver",
    "own_action",
    "acknowledge",
]
Op = tuple[str, int, int]
lossless_op_strategy = st.tuples(
    st.sampled_from([op for op in OPS if op != "drop"]),
    st.integers(0, 1 << 16),
    st.integers(0, 1 << 16),
)
op_strategy = st.tuples(st.sampled_from(OPS), st.integers(0, 1 << 16), st.integers(0, 1 << 16))


FORWARD = {
    S.PLACED: S.ACCEPTED,
    S.ACCEPTED: S.PREPARING,
    S.PREPARING: S.READY_FOR_DELIVERY,
    S.READY_FOR_DELIVERY: S.DELIVERED,
}


def pick_target(status: OrderStatus, b: int) -> OrderStatus:
    """Mostly the next kitchen step (most orders complete); every fifth time any legal one."""
    if b % 5:
        return FORWARD[status]
    targets = sorted(ALLOWED_TRANSITIONS[status])
    return targets[b // 5 % len(targets)]


class Harness:
    """The server model, the wire between it and the board, and the app's part in between."""

    def __init__(self, board: Board) -> None:
        self.server = ServerModel()
        self.board = board
        self.seen = Recorder()
        board.subscribe(self.seen)
        self.wire: list[OrderEvent] = []
        self.details: list[OrderDetail] = []
        self.snapshot: list[OrderSummary] | None = None
        self.acknowledged: set[str] = set()
        # A resync in progress: ops left until the snapshot is read, then until it is applied.
        self.read_in: int | None = None
        self.apply_in: int | None = None
        self.abort = False

    def run(self, ops: list[Op]) -> None:
        for kind, a, b in ops:
            getattr(self, f"op_{kind}")(a, b)
            self._resync_step()

    def _resync_step(self) -> None:
        """Advance a scheduled resync: other ops keep running while the snapshot is fetched."""
        if self.read_in is not None:
            self.read_in -= 1
            if self.read_in < 0:
                self.read_in = None
                if self.abort:  # the fetch failed
                    self.board.abort_resync()
                    self.apply_in = None
                else:
                    self.snapshot = self.server.snapshot()
        elif self.apply_in is not None:
            self.apply_in -= 1
            if self.apply_in < 0:
                self.apply_in = None
                assert self.snapshot is not None
                self.board.apply_snapshot(self.snapshot)
                self.snapshot = None

    # ------------------------------------------------------------------ the server side

    def op_create_cash(self, a: int, b: int) -> None:
        self.server.create(online=False)

    def op_create_online(self, a: int, b: int) -> None:
        self.server.create(online=True)

    def _awaiting(self, a: int) -> object:
        waiting = [o for o in self.server.orders.values() if o.status is S.AWAITING_PAYMENT]
        return waiting[a % len(waiting)] if waiting else None

    def op_pay_ok(self, a: int, b: int) -> None:
        order = self._awaiting(a)
        if order is not None:
            self.server.pay(order, succeeded=True)  # type: ignore[arg-type]

    def op_pay_fail(self, a: int, b: int) -> None:
        order = self._awaiting(a)
        if order is not None:
            self.server.pay(order, succeeded=False)  # type: ignore[arg-type]

    def op_advance(self, a: int, b: int) -> None:
        orders = self.server.open_orders()
        if not orders:
            return
        order = orders[a % len(orders)]
        self.server.transition(order, pick_target(order.status, b), back_date_s=b % 900)

    def op_double_accept(self, a: int, b: int) -> None:
        accepted = [o for o in self.server.orders.values() if o.status is S.ACCEPTED]
        if accepted:
            self.server.double_accept(accepted[a % len(accepted)])

    def op_publish(self, a: int, b: int) -> None:
        if self.server.outbox:
            # Mostly the oldest row, as the poller does; sometimes a later one (a retry delay).
            index = 0 if b % 3 else a % len(self.server.outbox)
            self.wire.append(self.server.publish(index))

    def op_flush(self, a: int, b: int) -> None:
        """A healthy poller tick: every pending row goes out in order and arrives promptly."""
        while self.server.outbox:
            self.wire.append(self.server.publish(0))
        for ev in self.wire:
            self.board.apply(ev)
        self.wire.clear()

    def op_redeliver(self, a: int, b: int) -> None:
        if self.server.published:
            dom = self.server.published[a % len(self.server.published)]
            self.wire.append(self.server.broadcast(dom))  # same eventId, DTO rebuilt now

    # ------------------------------------------------------------------ the wire and the app

    def op_deliver(self, a: int, b: int) -> None:
        if self.wire:
            self.board.apply(self.wire.pop(0 if b % 2 else a % len(self.wire)))

    def op_drop(self, a: int, b: int) -> None:
        if self.wire:
            self.wire.pop(a % len(self.wire))

    def op_resync(self, a: int, b: int) -> None:
        """Reconnect: buffer from now, read the snapshot a ops later, apply it b ops after that."""
        if self.board.resyncing:
            return
        self.board.begin_resync()
        self.snapshot = None
        self.read_in, self.apply_in = a % 10, b % 10
        self.abort = a % 11 == 0

    def op_detail_request(self, a: int, b: int) -> None:
        pending = self.board.pending_details()
        if pending:
            self.details.append(self.server.detail(pending[a % len(pending)]))

    def op_detail_deliver(self, a: int, b: int) -> None:
        if self.details:
            self.board.apply(self.details.pop(a % len(self.details)))

    def op_own_action(self, a: int, b: int) -> None:
        tickets = self.board.open_orders()
        if not tickets:
            return
        ticket = tickets[a % len(tickets)]
        target = pick_target(ticket.status, b)
        order = self.server.orders[ticket.order_id]
        if order.status is target:
            ok = True  # 200 for "already in that status", no event
        else:
            ok = self.server.transition(order, target, back_date_s=b % 900)
        if ok:
            self.board.apply(self.server.result(order.order_id))

    def op_acknowledge(self, a: int, b: int) -> None:
        alerts = self.board.unacknowledged_alerts()
        if alerts:
            order_id = alerts[a % len(alerts)].order_id
            self.board.acknowledge(order_id)
            self.acknowledged.add(order_id)

    # ------------------------------------------------------------------ the end

    def finish(self) -> None:
        """Reconnect once more: resync, let stragglers arrive, fetch every pending detail."""
        if self.board.resyncing:
            self.board.apply_snapshot(self.snapshot or self.server.snapshot())
            self.read_in = self.apply_in = None
        self.board.begin_resync()
        self.board.apply_snapshot(self.server.snapshot())
        for ev in self.wire:
            self.board.apply(ev)
        for d in self.details:
            self.board.apply(d)
        for _ in range(3):
            for order_id in self.board.pending_details():
                self.board.apply(self.server.detail(order_id))
        assert self.board.pending_details() == []

    def finish_lossless(self) -> None:
        """No event was lost: publish and deliver everything, fetch details, no final resync."""
        if self.board.resyncing:
            self.board.apply_snapshot(self.snapshot or self.server.snapshot())
            self.read_in = self.apply_in = None
        while self.server.outbox:
            self.wire.append(self.server.publish(0))
        for ev in self.wire:
            self.board.apply(ev)
        for d in self.details:
            self.board.apply(d)
        for _ in range(3):
            for order_id in self.board.pending_details():
                self.board.apply(self.server.detail(order_id))
        assert self.board.pending_details() == []

    def board_state(self) -> dict[str, OrderStatus]:
        return {t.order_id: t.status for t in self.board.open_orders()}

    def board_times(self) -> dict[str, tuple[object, ...]]:
        return {
            t.order_id: (t.status, t.last_update_timestamp, t.estimated_delivery_time)
            for t in self.board.open_orders()
        }

    def server_times(self) -> dict[str, tuple[object, ...]]:
        return {o.order_id: (o.status, o.updated, o.eta) for o in self.server.open_orders()}

    def server_state(self) -> dict[str, OrderStatus]:
        return {o.order_id: o.status for o in self.server.open_orders()}

    def check_never_backwards(self) -> None:
        shown: dict[str, int] = {}
        closed: set[str] = set()
        for change in self.seen.changes:
            if isinstance(change, OrderAdded | OrderUpdated):
                t = change.order
                assert t.order_id not in closed, f"{t.order_id} came back after {t.status}"
                assert t.status in OPEN_STATUSES
                assert t.status in self.server.orders[t.order_id].history
                rank = status_rank(t.status)
                assert rank >= shown.get(t.order_id, 0), f"{t.order_id} went back to {t.status}"
                shown[t.order_id] = rank
            elif isinstance(change, OrderRemoved) and change.final_status is not None:
                assert change.final_status in TERMINAL_STATUSES
                closed.add(change.order_id)

    def check_alerts(self) -> None:
        first: dict[str, OrderStatus] = {}
        for change in self.seen.changes:
            if isinstance(change, OrderAdded):
                first.setdefault(change.order.order_id, change.order.status)
        raised = Counter(c.order_id for c in self.seen.of(AlertRaised))  # type: ignore[attr-defined]
        for order_id, status in first.items():
            assert raised[order_id] == (1 if status is S.PLACED else 0), order_id
        assert set(raised) <= set(first)
        placed_now = {i for i, s in self.board_state().items() if s is S.PLACED}
        sounding = {a.order_id for a in self.board.unacknowledged_alerts()}
        assert sounding == placed_now - self.acknowledged, "a Placed order is silent"


@given(st.lists(op_strategy, min_size=40, max_size=300))
def test_property_board_converges_to_the_server(ops: list[Op]) -> None:
    h = Harness(Board(RID, clock=FakeClock()))
    h.run(ops)
    h.check_never_backwards()
    h.finish()
    assert h.board_state() == h.server_state()
    h.check_never_backwards()
    h.check_alerts()


@given(st.lists(lossless_op_strategy, min_size=40, max_size=300))
def test_property_lossless_delivery_converges_without_a_final_resync(ops: list[Op]) -> None:
    # Duplicated, reordered and delayed (but never lost) events, late details and our own
    # actions must converge by rules 2, 3, 5 and 6 alone: no final snapshot to hide a mistake.
    h = Harness(Board(RID, clock=FakeClock()))
    h.run(ops)
    h.finish_lossless()
    assert h.board_state() == h.server_state()
    # Every order's latest state was delivered, so timestamps and ETAs match exactly too.
    assert h.board_times() == h.server_times()
    h.check_never_backwards()
    h.check_alerts()


@given(st.lists(op_strategy, min_size=40, max_size=300))
def test_property_converges_even_with_a_tiny_dedupe_window(ops: list[Op]) -> None:
    # The eventId window is only a shortcut: with ids forgotten after two events, comparing
    # (status rank, lastUpdateTimestamp) alone must still keep the board right.
    h = Harness(Board(RID, dedupe_max_ids=2, clock=FakeClock()))
    h.run(ops)
    h.finish()
    assert h.board_state() == h.server_state()


@given(st.lists(op_strategy, min_size=40, max_size=300))
def test_property_statuses_the_board_shows_between_resyncs_are_real(ops: list[Op]) -> None:
    # Whatever the interleaving, every ticket on the board at every step is in a status the
    # order really had, and the board never holds more tickets than orders ever opened.
    h = Harness(Board(RID, clock=FakeClock()))
    for op in ops:
        h.run([op])
        for order_id, status in h.board_state().items():
            assert status in h.server.orders[order_id].history

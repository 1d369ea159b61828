"""StepLedger without a server: which kept steps are held, offered, cancelled, adopted, discarded.

The ledger is the book side of the step queue (`StepSender` adds the sending): these tests fill
a real SQLite queue on disk, open the ledger on it for a user and restaurant, and check what
the screen would read and what every step's fate is.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.qt_thread import QtThread, Worker
from kds.app.step_ledger import StepLedger
from kds.app.step_store import StepStore, step_store_path
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import QueuedStep, StepFate, StepState
from tests.unit.core.factories import summary

S = OrderStatus
RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
TAP = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def order(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def step(
    n: int,
    action: Action = Action.START,
    from_status: OrderStatus = S.ACCEPTED,
    *,
    user: str = "anna",
    restaurant_id: str = RID,
    second: int = 0,
) -> QueuedStep:
    return QueuedStep(
        id=str(uuid.uuid4()),
        user=user,
        restaurant_id=restaurant_id,
        order_id=order(n),
        label=f"#{n}",
        action=action,
        eta_min=20 if action is Action.ACCEPT else None,
        reason=None,
        tapped_at=TAP + timedelta(seconds=n * 10 + second),
        from_status=from_status,
    )


def summary_of(n: int) -> Any:
    """Order `n` as the queue lists it, Placed (the factories number orders the same way)."""
    row = summary(n)
    assert row.order_id == order(n)
    return row


class Rig:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.disk = Worker(QtThread(), 1, "kds-test-disk")
        self.ledger = StepLedger(BoardModel(), self.disk, lambda: StepStore(path))
        self.fates: dict[str, str] = {}
        self.offered: list[tuple[QueuedStep, ...]] = []
        self.notices: list[tuple[str, str]] = []
        self.counts: list[int] = []
        self.ledger.settled.connect(lambda sid, fate: self.fates.__setitem__(sid, fate))
        self.ledger.foreign_found.connect(self.offered.append)
        self.ledger.notice.connect(lambda level, text: self.notices.append((level, text)))
        self.ledger.count_changed.connect(self.counts.append)

    def keep(self, *steps: QueuedStep, sending: bool = False) -> None:
        store = StepStore(self.path)
        try:
            for s in steps:
                assert store.add(s, sending=sending)
        finally:
            store.close()

    def on_disk(self, **scope: str) -> list[str]:
        store = StepStore(self.path)
        try:
            return [k.step.id for k in store.pending(**scope)]
        finally:
            store.close()


@pytest.fixture
def rig(qapp: Any, tmp_path: Path) -> Iterator[Rig]:
    rig = Rig(step_store_path(tmp_path / "kds" / "state.json"))
    yield rig
    rig.disk.shutdown()
    rig.ledger.close()


def test_own_steps_are_held_in_tap_order_and_another_users_are_offered(
    qtbot: QtBot, rig: Rig
) -> None:
    start, ready = step(1), step(1, Action.READY, S.PREPARING, second=1)
    theirs = step(2, user="binh")
    elsewhere = step(3, restaurant_id=OTHER_RID)
    rig.keep(start, theirs, ready, elsewhere)  # the queue keeps them in the order taken
    rig.ledger._open("anna", RID)
    assert rig.ledger.loading  # the book is empty, but steps are kept: not settled yet
    assert len(rig.ledger) == 0
    qtbot.waitUntil(lambda: rig.ledger.count() == 2, timeout=5_000)
    assert not rig.ledger.loading
    assert [h.step.id for h in rig.ledger.held(order(1))] == [start.id, ready.id]
    assert rig.ledger.projected_status(order(1)) is S.READY_FOR_DELIVERY
    assert rig.ledger.held(order(3)) == ()  # another restaurant's: left on disk
    assert rig.offered == [(theirs,)]
    assert rig.ledger.held(order(2)) == ()  # not held until someone adopts it
    assert rig.counts[-1] == 2


def test_a_step_being_sent_is_shown_as_sending_and_cannot_be_cancelled(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.keep(step(1), sending=True)
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: len(rig.ledger) == 1, timeout=5_000)
    (shown,) = rig.ledger.held(order(1))
    assert shown.state is StepState.SENDING
    assert not rig.ledger.cancel_latest(order(1))
    assert rig.fates == {}


def test_cancel_takes_back_the_latest_step_only_with_a_notice(qtbot: QtBot, rig: Rig) -> None:
    start, ready = step(1), step(1, Action.READY, S.PREPARING, second=1)
    rig.keep(start, ready)
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: len(rig.ledger) == 2, timeout=5_000)
    assert rig.ledger.cancel_latest(order(1))
    assert [h.step.id for h in rig.ledger.held(order(1))] == [start.id]
    assert rig.fates == {ready.id: StepFate.CANCELLED.value}
    assert rig.notices == [("info", "Your Ready for #1 was cancelled; not sent.")]
    qtbot.waitUntil(lambda: rig.on_disk(restaurant_id=RID) == [start.id], timeout=5_000)
    assert not rig.ledger.cancel_latest(order(9))  # nothing held for that order


def test_adopted_steps_become_the_users_own_and_discarded_ones_are_gone(
    qtbot: QtBot, rig: Rig
) -> None:
    adopted, dropped = step(2, user="binh"), step(4, user="binh", second=1)
    rig.keep(adopted, dropped)
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: bool(rig.offered), timeout=5_000)
    rig.ledger.adopt([adopted])
    rig.ledger.discard([dropped])
    qtbot.waitUntil(lambda: len(rig.ledger) == 1, timeout=5_000)
    (held,) = rig.ledger.held(order(2))
    assert held.step.id == adopted.id
    qtbot.waitUntil(lambda: rig.on_disk(restaurant_id=RID) == [adopted.id], timeout=5_000)
    assert rig.on_disk(user="anna", restaurant_id=RID) == [adopted.id]
    rig.ledger.discard([adopted])
    assert rig.fates == {adopted.id: StepFate.DISCARDED.value}
    assert len(rig.ledger) == 0


def test_a_kept_accept_answers_its_order_so_the_board_does_not_alert_for_it(
    qtbot: QtBot, rig: Rig
) -> None:
    """A terminal restarted between the cook's Accept and the server's answer: the new board
    must not sound for an order the cook already answered."""
    rig.keep(step(1, Action.ACCEPT, S.PLACED), step(2, user="binh"))
    board = rig.ledger._model.reset(RID)
    assert board is not None
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: len(rig.ledger) == 1, timeout=5_000)
    board.apply_snapshot([summary_of(1), summary_of(2)])
    assert [a.order_id for a in board.unacknowledged_alerts()] == [order(2)]


def test_opening_another_user_or_restaurant_clears_the_book_and_keeps_the_disk(
    qtbot: QtBot, rig: Rig
) -> None:
    mine = step(1)
    rig.keep(mine)
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: len(rig.ledger) == 1, timeout=5_000)
    changed: list[str] = []
    rig.ledger.changed.connect(changed.append)
    rig.ledger._open(None, None)
    assert len(rig.ledger) == 0
    assert not rig.ledger.loading
    assert changed == [order(1)]
    assert rig.counts[-1] == 0
    assert rig.on_disk(restaurant_id=RID) == [mine.id]
    assert rig.fates == {}  # not ended: kept for the next sign-in


def test_the_cancel_notice_in_vietnamese(qtbot: QtBot, rig: Rig, vietnamese: None) -> None:
    rig.keep(step(1, Action.READY, S.PREPARING))
    rig.ledger._open("anna", RID)
    qtbot.waitUntil(lambda: len(rig.ledger) == 1, timeout=5_000)
    assert rig.ledger.cancel_latest(order(1))
    assert rig.notices == [("info", "Đã hủy thao tác Xong cho #1; chưa gửi.")]

"""AutoAccept on a real BoardModel, with the session's tap path replaced by a recorder.

What the recorder stands in for: ``Session.run``, which acknowledges an Accept's alert at once
(``Action.acknowledges``) before it sends. The two-terminal race against the real server is in
``tests/integration/app/test_auto_accept.py``.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app.auto_accept import AutoAccept
from kds.app.board_model import BoardModel
from kds.core.actions import Action, ActionRequest
from kds.core.board import Board
from kds.core.orders import OrderStatus
from kds.ui.alerts import AlertController
from tests.support.ui_fakes import FakePlayer
from tests.unit.core.factories import OTHER_RID, RID, T0, event, oid, summary


class Terminal:
    """A board model, an AutoAccept on it, and what was sent (acknowledged as Session.run
    does)."""

    def __init__(self, *, enabled: bool = True, accepting: bool | None = True) -> None:
        self.model = BoardModel()
        self.sent: list[ActionRequest] = []
        self.auto = AutoAccept(self.model, self.run, enabled=enabled, eta_min=30)
        self.model.reset(RID)
        self.auto.set_accepting(accepting)

    @property
    def board(self) -> Board:
        assert self.model.board is not None
        return self.model.board

    def run(self, request: ActionRequest) -> None:
        self.sent.append(request)
        if request.action.acknowledges:
            self.board.acknowledge(request.order_id)

    def sent_ids(self) -> list[str]:
        return [r.order_id for r in self.sent]


def settle(qapp: QApplication) -> None:
    """Deliver the queued changes (AutoAccept reacts after the board has finished reporting)."""
    qapp.processEvents()


def test_each_placed_order_is_accepted_once_with_the_configured_eta(
    qtbot: QtBot, qapp: QApplication
) -> None:
    t = Terminal()
    t.board.apply(event(1))
    t.board.apply(event(2))
    qtbot.waitUntil(lambda: len(t.sent) == 2)
    assert t.sent == [
        ActionRequest(oid(1), Action.ACCEPT, eta_min=30, automatic=True),
        ActionRequest(oid(2), Action.ACCEPT, eta_min=30, automatic=True),
    ]
    # Still Placed until the answer comes: a re-published event, a resync row and a switch
    # off and on again send nothing more for the same order.
    t.board.apply(event(1, ts=T0 + timedelta(seconds=1)))
    t.board.begin_resync()
    t.board.apply_snapshot([summary(1), summary(2)])
    t.auto.set_enabled(False)
    t.auto.set_enabled(True)
    t.auto.set_accepting(True)
    settle(qapp)
    assert t.sent_ids() == [oid(1), oid(2)]


def test_placed_orders_a_resync_finds_are_accepted_and_other_statuses_are_not(
    qtbot: QtBot, qapp: QApplication
) -> None:
    t = Terminal()
    t.board.begin_resync()
    t.board.apply_snapshot([summary(1), summary(2, OrderStatus.ACCEPTED), summary(3)])
    qtbot.waitUntil(lambda: len(t.sent) == 2)
    settle(qapp)
    assert t.sent_ids() == [oid(1), oid(3)]


def test_off_by_default_and_never_without_a_restaurant(qapp: QApplication) -> None:
    model = BoardModel()
    sent: list[ActionRequest] = []
    auto = AutoAccept(model, sent.append)
    assert auto.enabled is False
    auto.set_accepting(True)
    board = model.reset(RID)
    assert board is not None
    board.apply(event(1))
    settle(qapp)
    assert sent == []
    model.reset(None)  # signed in, no restaurant selected
    auto.set_enabled(True)
    settle(qapp)
    assert sent == []


def test_switched_on_it_accepts_the_orders_already_waiting(
    qtbot: QtBot, qapp: QApplication
) -> None:
    t = Terminal(enabled=False)
    t.board.apply(event(1))
    settle(qapp)
    assert t.sent == []
    t.auto.set_enabled(True)
    assert t.sent_ids() == [oid(1)]


def test_paused_or_unknown_holds_orders_and_resuming_accepts_them(
    qtbot: QtBot, qapp: QApplication
) -> None:
    t = Terminal(accepting=None)  # the restaurant's state not read yet
    t.board.apply(event(1))
    settle(qapp)
    assert t.sent == []
    t.auto.set_accepting(False)
    t.board.apply(event(2))
    settle(qapp)
    assert t.sent == []
    assert {a.order_id for a in t.model.alerts()} == {oid(1), oid(2)}  # they alert meanwhile
    t.auto.set_accepting(True)
    assert t.sent_ids() == [oid(1), oid(2)]
    assert t.model.alerts() == []


def test_an_order_accepted_elsewhere_before_its_turn_is_not_sent(qapp: QApplication) -> None:
    t = Terminal()
    t.board.apply(event(1))
    t.board.apply(event(1, OrderStatus.ACCEPTED, T0 + timedelta(seconds=1)))  # the other screen
    settle(qapp)
    assert t.sent == []


def test_a_new_board_is_a_new_memory(qtbot: QtBot, qapp: QApplication) -> None:
    t = Terminal()
    t.board.apply(event(1))
    qtbot.waitUntil(lambda: len(t.sent) == 1)
    t.model.reset(OTHER_RID)
    t.board.apply(event(2, rid=OTHER_RID))
    qtbot.waitUntil(lambda: len(t.sent) == 2)
    t.model.reset(RID)  # selected again: an order still Placed there gets its accept again
    t.board.apply(event(1))
    qtbot.waitUntil(lambda: len(t.sent) == 3)
    assert t.sent_ids() == [oid(1), oid(2), oid(1)]


def test_the_chime_sounds_once_and_stops_at_once(qtbot: QtBot, qapp: QApplication) -> None:
    """The accept goes out after AlertRaised, so its acknowledgement silences a raised alert:
    no repeat, however long the server takes to answer."""
    t = Terminal()
    player = FakePlayer()
    alerts = AlertController(t.model, player, repeat_s=1.0)
    t.board.apply(event(1))
    assert len(player.played) == 1
    assert oid(1) in alerts.alerting
    qtbot.waitUntil(lambda: len(t.sent) == 1)
    assert alerts.alerting == {}  # nothing sounding: the repeat timer has nothing to repeat
    assert len(player.played) == 1
    alerts.stop()


def test_two_accepts_that_both_succeed_show_the_order_once_and_chime_once(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """Contract §4.2: the backend has no concurrency token, so two terminals' accepts may
    both succeed and emit two Accepted events (two event ids, two times, two ETAs)."""
    t = Terminal()
    player = FakePlayer()
    alerts = AlertController(t.model, player, repeat_s=1.0)
    t.board.apply(event(1))
    qtbot.waitUntil(lambda: len(t.sent) == 1)
    t.board.apply(
        event(1, OrderStatus.ACCEPTED, T0 + timedelta(seconds=1), eta=T0 + timedelta(minutes=30))
    )
    t.board.apply(
        event(1, OrderStatus.ACCEPTED, T0 + timedelta(seconds=2), eta=T0 + timedelta(minutes=20))
    )
    settle(qapp)
    tickets = t.model.tickets()
    assert [(x.order_id, x.status) for x in tickets] == [(oid(1), OrderStatus.ACCEPTED)]
    assert tickets[0].estimated_delivery_time == T0 + timedelta(minutes=20)  # the later one
    assert len(player.played) == 1
    assert alerts.alerting == {}
    assert t.sent_ids() == [oid(1)]
    alerts.stop()

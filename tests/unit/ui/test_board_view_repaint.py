"""Speed by construction: an event repaints only its ticket; the tick only timer labels.

(A change that makes a ticket taller or shorter also repaints the visible tickets after it in
the flow, which move: that is the only way other tickets are touched.)
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import OrderStatus
from kds.ui.board_view import BoardView
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class PaintCounter(QObject):
    """Counts paint events per watched widget."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[int] = Counter()

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.counts[id(watched)] += 1
        return False


def settle(qapp: QApplication) -> None:
    for _ in range(5):
        qapp.processEvents()


def test_a_status_change_repaints_only_that_ticket(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    board = board_of(model)
    accepted, new = [], []
    for i in range(30):  # a rush: more than one page
        detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=40 - i), lines=2)
        place(board, detail)
        if i % 2:
            accepted.append(set_status(board, detail, OrderStatus.ACCEPTED, clock.now))
        else:
            new.append(detail)
    view = BoardView(model, clock=clock, tick_ms=3_600_000)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    settle(qapp)
    counter = PaintCounter()
    for ticket_view in view.views.values():
        counter.watch(ticket_view)
    clock.advance(0.2)  # the same displayed second: no timer text changes anywhere
    set_status(board, accepted[0], OrderStatus.PREPARING, clock.now)
    settle(qapp)
    target = view.views[accepted[0].order_id]
    assert counter.counts[id(target)] >= 1
    others = [v for v in view.views.values() if v is not target]
    assert all(counter.counts[id(v)] == 0 for v in others)  # same lane or not
    out_of_view = [v for v in view.views.values() if not v.isVisible()]
    assert out_of_view  # the case is real: some tickets are on the next page
    assert all(counter.counts[id(v)] == 0 for v in out_of_view)
    clock.advance(0.2)
    view.views[new[0].order_id].set_flash_phase(True)  # a flash is a plain update(): one ticket
    view.views[new[0].order_id].set_flashing(True)
    settle(qapp)
    assert counter.counts[id(view.views[new[0].order_id])] >= 1
    assert all(counter.counts[id(view.views[d.order_id])] == 0 for d in new[1:])


def test_the_tick_repaints_timer_labels_not_whole_tickets(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    board = board_of(model)
    for i in range(6):
        place(board, sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=i), lines=3))
    view = BoardView(model, clock=clock, tick_ms=3_600_000)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    settle(qapp)
    counter = PaintCounter()
    for ticket_view in view.views.values():
        counter.watch(ticket_view.timer_label)
        for label in ticket_view.units:
            counter.watch(label)
    assert view.tick() == 0
    clock.advance(1)
    assert view.tick() == len(view.views)
    settle(qapp)
    visible = [v for v in view.views.values() if v.isVisible()]
    assert visible
    for ticket_view in view.views.values():
        for label in ticket_view.units:
            assert counter.counts[id(label)] == 0  # no re-wrap, no relayout
        painted = counter.counts[id(ticket_view.timer_label)]
        assert painted >= 1 if ticket_view in visible else painted == 0

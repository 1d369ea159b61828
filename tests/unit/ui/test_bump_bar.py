"""The bump bar: position digits (two within a second for 10 and up), Enter through the undo
window, Backspace to take the latest step back, page keys."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.step_window import StepWindow
from kds.core.actions import Action, ActionRequest
from kds.ui.board_view import BoardView
from kds.ui.bump_bar import BumpBar
from kds.ui.density import Density
from tests.support.sample_orders import place, sample_order
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Keys:
    """The bump bar under test with its board, its window and a hand-moved clock."""

    def __init__(self, qtbot: QtBot, model: BoardModel, clock: FakeClock, count: int) -> None:
        rng = random.Random(4)
        for i in range(count):
            detail = sample_order(
                rng, RESTAURANT, clock.now - timedelta(minutes=count - i), lines=1
            )
            place(board_of(model), detail)
        self.view = BoardView(model, clock=clock, tick_ms=3_600_000, density=Density.DENSE)
        qtbot.addWidget(self.view)
        self.view.resize(1920, 1080)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.sent: list[ActionRequest] = []
        # the window hands over the whole PendingStep; the bump bar's tests read its request
        self.steps = StepWindow(lambda step: self.sent.append(step.request), model, window_s=5.0)
        self.now = 0.0
        self.bar = BumpBar(
            self.view,
            self.steps,
            lambda order_id, action: self.steps.propose(
                ActionRequest(order_id, action, eta_min=20 if action.needs_eta else None)
            ),
            lambda order_id: None,
            {},
            clock=lambda: self.now,
        )

    def press(self, command: str, after_s: float = 0.1) -> bool:
        self.now += after_s
        return self.bar.run(command)


def test_digits_pick_the_ticket_with_that_number_and_two_quick_digits_make_ten_and_up(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    keys = Keys(qtbot, model, clock, 14)
    on_page = keys.view.page_ids()
    assert len(on_page) >= 12
    keys.press("select_3")
    assert keys.view.selected_id == on_page[2]
    assert keys.view.views[on_page[2]].position_label.text() == "3"  # the number it shows
    keys.press("select_1", after_s=2.0)
    keys.press("select_2", after_s=0.4)  # "1", "2" within a second: twelve
    assert keys.view.selected_id == on_page[11]
    keys.press("select_2", after_s=1.5)  # alone again: two
    assert keys.view.selected_id == on_page[1]
    keys.press("select_9", after_s=2.0)
    keys.press("select_9", after_s=0.2)  # 99 is not on the page: the second 9 alone
    assert keys.view.selected_id == on_page[8]


def test_enter_sends_through_the_window_and_backspace_takes_the_latest_back(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    keys = Keys(qtbot, model, clock, 3)
    first, second = keys.view.page_ids()[:2]
    keys.press("select_1")
    assert keys.press("bump")
    keys.press("select_2")
    keys.press("bump")
    assert keys.steps.waiting() == [first, second]
    assert keys.press("undo")  # the latest: the second
    assert keys.steps.waiting() == [first]
    keys.press("select_1")
    keys.press("bump")  # bumped again: sent at once
    assert [r.order_id for r in keys.sent] == [first]
    assert keys.sent[0].action is Action.ACCEPT
    assert not keys.press("undo")  # nothing left waiting


def test_page_keys_turn_the_page(qtbot: QtBot, model: BoardModel, clock: FakeClock) -> None:
    keys = Keys(qtbot, model, clock, 40)
    assert keys.view.plan.pages > 1
    keys.press("next_page")
    assert keys.view.page == 1
    keys.press("previous_page")
    assert keys.view.page == 0
    assert not keys.press("no_such_command")

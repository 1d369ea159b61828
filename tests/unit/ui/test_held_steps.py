"""Held steps on the ticket (issue 18): the strip's words and cancel, the step after them on
the step button, a card that grows rather than clips, and a board that remembers them."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import StepState
from kds.ui.board_view import BoardView
from kds.ui.density import Density
from kds.ui.held_steps import HeldStepsStrip, held_text
from kds.ui.theme import DARK
from kds.ui.ticket_view import TicketView
from tests.support.fake_steps import held_step
from tests.support.sample_orders import place, sample_order, set_status, ticket_of
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

START = held_step("o1", Action.START)
READY = held_step("o1", Action.READY)
READY_SENDING = held_step("o1", Action.READY, StepState.SENDING)
START_SENDING = held_step("o1", Action.START, StepState.SENDING)


# ---------------------------------------------------------------------- the strip


def test_the_words_name_the_steps_in_tap_order_and_where_they_are() -> None:
    assert held_text((START, READY), offline=True) == ("◷ Start → Ready · sends when back online")
    assert held_text((READY_SENDING,), offline=False) == "◷ Ready · sending…"
    # the first step is out: the later ones follow it, whatever the connection says
    assert held_text((START_SENDING, READY), offline=True) == "◷ Start → Ready · sending…"
    assert held_text((START,), offline=False) == "◷ Start · waiting to send"
    assert held_text((), offline=True) == ""


def test_the_strip_offers_to_cancel_the_latest_step_only_while_it_is_queued(
    qtbot: QtBot,
) -> None:
    strip = HeldStepsStrip(64)
    qtbot.addWidget(strip)
    assert strip.isHidden()
    assert strip.show_held((START, READY), offline=True)
    assert not strip.isHidden()
    assert strip.label.text() == "◷ Start → Ready · sends when back online"
    assert strip.cancellable
    assert strip.cancel_button.text() == "✕ Cancel Ready"
    assert strip.cancel_button.minimumHeight() >= 64  # a wet finger's target
    assert not strip.show_held((START, READY), offline=True)  # nothing new: nothing redone
    assert strip.show_held((READY_SENDING,), offline=False)
    assert strip.label.text() == "◷ Ready · sending…"
    assert not strip.cancellable  # out of the cook's hands: no button that cannot work
    assert strip.show_held((), offline=False)
    assert strip.isHidden()


def test_the_strip_shows_its_words_as_plain_text(qtbot: QtBot) -> None:
    strip = HeldStepsStrip(64)
    qtbot.addWidget(strip)
    assert strip.label.textFormat().name == "PlainText"


# ---------------------------------------------------------------------- the ticket


def make_ticket(
    qtbot: QtBot, clock: FakeClock, status: OrderStatus = OrderStatus.ACCEPTED
) -> TicketView:
    detail = sample_order(random.Random(3), RESTAURANT, clock.now - timedelta(minutes=2), lines=2)
    view = TicketView(ticket_of(detail, status=status), clock.now)
    qtbot.addWidget(view)
    return view


def test_the_step_button_offers_the_step_after_the_held_ones_and_reverts_when_they_clear(
    qtbot: QtBot, clock: FakeClock
) -> None:
    view = make_ticket(qtbot, clock, OrderStatus.ACCEPTED)
    assert view.step_action is Action.START
    view.set_held((held_step(view.order_id, Action.START),), offline=True)
    assert view.step_action is Action.READY  # a cook may queue Start, then Ready
    assert view.button(Action.READY) is not None
    assert view.working_status is OrderStatus.PREPARING
    view.set_held(
        (held_step(view.order_id, Action.START), held_step(view.order_id, Action.READY)),
        offline=True,
    )
    assert view.step_action is Action.HAND_OVER
    view.set_held((), offline=True)
    assert view.step_action is Action.START  # the ticket's own status again
    assert view.held_strip.isHidden()


def test_the_next_step_holds_when_the_ticket_status_changes_underneath(
    qtbot: QtBot, clock: FakeClock
) -> None:
    view = make_ticket(qtbot, clock, OrderStatus.PLACED)
    held = (held_step(view.order_id, Action.ACCEPT), held_step(view.order_id, Action.START))
    view.set_held(held, offline=False)
    assert view.step_action is Action.READY
    # the Accept lands (the Start still held): the status moves, the offer stays after Start
    detail = view.ticket.detail
    assert detail is not None
    view.set_ticket(ticket_of(detail, status=OrderStatus.ACCEPTED), clock.now)
    assert view.step_action is Action.READY
    view.set_held((), offline=False)
    assert view.step_action is Action.START


def test_a_held_handed_over_leaves_no_step_to_offer(qtbot: QtBot, clock: FakeClock) -> None:
    view = make_ticket(qtbot, clock, OrderStatus.READY_FOR_DELIVERY)
    view.set_held((held_step(view.order_id, Action.HAND_OVER),), offline=True)
    assert view.step_action is None
    assert view.primary_button is None


def test_cancel_on_the_ticket_asks_for_its_order(qtbot: QtBot, clock: FakeClock) -> None:
    view = make_ticket(qtbot, clock)
    view.set_held((held_step(view.order_id, Action.START),), offline=True)
    view.show()
    seen: list[str] = []
    view.cancel_held_requested.connect(seen.append)
    view.held_strip.cancel_button.click()
    assert seen == [view.order_id]


def test_the_card_grows_for_the_strip_and_shrinks_back(qtbot: QtBot, clock: FakeClock) -> None:
    view = make_ticket(qtbot, clock)
    before = view.measure(320)
    view.set_held((held_step(view.order_id, Action.START),), offline=True)
    assert view.needs_measure
    with_strip = view.measure(320)
    assert with_strip.head > before.head + view.held_strip.cancel_button.minimumHeight()
    assert with_strip.units == before.units
    view.set_held((held_step(view.order_id, Action.START, StepState.SENDING),), offline=False)
    no_button = view.measure(320)
    assert before.head < no_button.head < with_strip.head  # the words stay, the button went
    view.set_held((), offline=False)
    assert view.measure(320) == before


# ---------------------------------------------------------------------- the board


def shown_board(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, density: Density = Density.COMFORTABLE
) -> BoardView:
    view = BoardView(model, clock=clock, tick_ms=3_600_000, density=density, theme=DARK)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def inside(widget: QWidget, card: QWidget) -> bool:
    return card.rect().contains(QRect(widget.mapTo(card, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("density", list(Density))
def test_a_card_with_held_steps_shows_its_buttons_whole(
    qtbot: QtBot,
    qapp: QApplication,
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    density: Density,
) -> None:
    qapp.setStyleSheet(DARK.style_sheet())  # the sizes a kitchen sees, per density
    detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=3), lines=3)
    place(board_of(model), detail)
    set_status(board_of(model), detail, OrderStatus.ACCEPTED, clock.now)
    view = shown_board(qtbot, model, clock, density)
    card = view.views[detail.order_id]
    height = card.height()
    view.set_held(detail.order_id, (held_step(detail.order_id, Action.START),), offline=True)
    assert card.height() > height
    cancel = card.held_strip.cancel_button
    step = card.button(Action.READY)
    assert cancel.isVisible()
    assert step is not None
    assert inside(cancel, card.head)  # never clipped
    assert inside(cancel, card)
    assert inside(step, card.head)
    assert cancel.width() >= cancel.minimumSizeHint().width()  # its words whole
    assert cancel.height() == step.height()  # the same touch target as the step
    view.set_held(detail.order_id, (), offline=True)
    assert card.height() == height


def test_a_ticket_made_again_keeps_showing_its_held_steps(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=3), lines=2)
    place(board_of(model), detail)
    set_status(board_of(model), detail, OrderStatus.ACCEPTED, clock.now)
    view = shown_board(qtbot, model, clock)
    order_id = detail.order_id
    view.set_held(order_id, (held_step(order_id, Action.START),), offline=True)
    assert view.held_ids() == {order_id}
    first = view.ticket_view(order_id)
    model.reset(RESTAURANT, clock=clock)  # the board rebuilt (a resync from scratch)…
    assert view.ticket_view(order_id) is None
    place(board_of(model), detail)  # …and the order back: a new card
    set_status(board_of(model), detail, OrderStatus.ACCEPTED, clock.now)
    card = view.ticket_view(order_id)
    assert card is not None
    assert card is not first
    assert card.held_strip.label.text() == "◷ Start · sends when back online"
    assert card.step_action is Action.READY
    view.set_held(order_id, (), offline=True)
    assert view.held_ids() == frozenset()


def test_the_board_forwards_a_ticket_cancel(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=3), lines=1)
    place(board_of(model), detail)
    view = shown_board(qtbot, model, clock)
    view.set_held(detail.order_id, (held_step(detail.order_id, Action.ACCEPT),), offline=True)
    with qtbot.waitSignal(view.cancel_held_requested) as blocker:
        view.views[detail.order_id].held_strip.cancel_button.click()
    assert blocker.args == [detail.order_id]

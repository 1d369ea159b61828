"""The board page with a session's kept steps (issue 18), through `KeptSteps`: tickets and the
header follow `steps`, a ticket's cancel reaches the session, a cancelled held step drops the
step waiting after it, confirming dialogs take the one tap path, and steps another user left
are put to the one signed in."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.actions import Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.core.step_queue import StepState
from kds.ui.board_page import BoardPage
from kds.ui.dialogs import OTHER_ETA, AcceptDialog, MoreDialog, ReasonDialog
from kds.ui.kept_step_dialogs import ForeignStepsDialog
from kds.ui.ticket_view import TicketView
from tests.support.fake_session import FakeSession
from tests.support.fake_steps import held_step, queued_step
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, FakePlayer, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Scene:
    """A page over a fake session, with one order (accepted unless told) on its board."""

    def __init__(
        self,
        qtbot: QtBot,
        model: BoardModel,
        clock: FakeClock,
        status: OrderStatus = OrderStatus.ACCEPTED,
    ) -> None:
        detail = sample_order(random.Random(5), RESTAURANT, clock.now - timedelta(minutes=2))
        place(board_of(model), detail)
        if status is not OrderStatus.PLACED:
            set_status(board_of(model), detail, status, clock.now)
        self.order_id = detail.order_id
        self.session = FakeSession(model)
        self.steps = self.session.steps
        self.page = BoardPage(self.session, FakePlayer(), clock=clock, undo_s=5.0)  # type: ignore[arg-type]
        qtbot.addWidget(self.page)
        self.page.resize(1024, 600)
        self.page.show()
        qtbot.waitExposed(self.page)

    @property
    def ticket(self) -> TicketView:
        view = self.page.board_view.ticket_view(self.order_id)
        assert view is not None
        return view

    def label(self) -> str:
        return self.ticket.number_label.text()


@pytest.fixture
def scene(qtbot: QtBot, model: BoardModel, clock: FakeClock) -> Scene:
    return Scene(qtbot, model, clock)


def test_held_steps_show_on_the_ticket_and_in_the_header(scene: Scene) -> None:
    header = scene.page.header
    assert header.held_label.isHidden()
    scene.steps.put(scene.order_id, held_step(scene.order_id, Action.START))
    strip = scene.ticket.held_strip
    assert strip.label.text() == "◷ Start · sends when back online"  # not connected yet
    assert scene.ticket.step_action is Action.READY
    assert header.held_label.text() == "◷ 1 step to send"
    assert header.held_label.isVisible()
    scene.session.connection_changed.emit("connected", "")
    assert strip.label.text() == "◷ Start · waiting to send"  # every held ticket re-worded
    scene.steps.put(
        scene.order_id,
        held_step(scene.order_id, Action.START, StepState.SENDING),
        held_step(scene.order_id, Action.READY),
    )
    assert strip.label.text() == "◷ Start → Ready · sending…"
    assert header.held_label.text() == "◷ 2 steps to send"
    scene.session.connection_changed.emit("reconnecting", "")
    assert strip.label.text() == "◷ Start → Ready · sending…"  # what is out stays out


def test_the_ticket_cancel_takes_back_the_latest_held_step_without_asking(scene: Scene) -> None:
    scene.steps.put(
        scene.order_id,
        held_step(scene.order_id, Action.START),
        held_step(scene.order_id, Action.READY),
    )
    scene.ticket.held_strip.cancel_button.click()
    assert scene.steps.cancelled == [scene.order_id]
    assert scene.page.dialog is None  # an undo, not a question
    assert scene.ticket.held_strip.label.text() == "◷ Start · sends when back online"
    assert scene.ticket.held_strip.cancel_button.text() == "✕ Cancel Start"
    scene.ticket.held_strip.cancel_button.click()
    assert scene.ticket.held_strip.isHidden()
    assert scene.ticket.step_action is Action.START
    assert scene.page.header.held_label.isHidden()


def test_cancelling_a_held_step_drops_the_step_waiting_after_it(scene: Scene) -> None:
    scene.steps.put(scene.order_id, held_step(scene.order_id, Action.START))
    scene.page.request_step(scene.order_id, Action.READY)  # queued after the held Start
    pending = scene.page.steps.pending(scene.order_id)
    assert pending is not None
    assert pending.from_status is OrderStatus.PREPARING
    scene.ticket.held_strip.cancel_button.click()
    assert scene.page.steps.pending(scene.order_id) is None  # its start was taken back
    assert "your Ready was not sent" in scene.page.notice_label.text()
    assert scene.session.called("take_step") == []


def test_another_eta_is_taken_as_a_step_tapped_now(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    scene = Scene(qtbot, model, clock, OrderStatus.PLACED)
    scene.page.ask_eta(scene.order_id)
    dialog = scene.page.dialog
    assert isinstance(dialog, AcceptDialog)
    dialog.preset_buttons[30].click()
    assert scene.session.called("take_step") == [
        (
            (ActionRequest(scene.order_id, Action.ACCEPT, eta_min=30),),
            {"label": scene.label(), "tapped_at": clock.now},
        )
    ]
    assert scene.session.called("run") == []


@pytest.mark.parametrize("action", [Action.CANCEL, Action.REJECT])
def test_a_confirmed_reason_is_taken_as_a_step(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, action: Action
) -> None:
    new = OrderStatus.PLACED if action is Action.REJECT else OrderStatus.ACCEPTED
    scene = Scene(qtbot, model, clock, new)
    scene.page.open_more(scene.order_id)
    more = scene.page.dialog
    assert isinstance(more, MoreDialog)
    more.buttons[action.value].click()
    reason = scene.page.dialog
    assert isinstance(reason, ReasonDialog)
    reason.preset_buttons[0].click()
    reason.confirm_button.click()
    ((request,), kwargs) = scene.session.called("take_step")[0]
    assert request.order_id == scene.order_id
    assert request.action is action
    assert request.reason == reason.preset_buttons[0].text()
    assert kwargs["label"] == scene.label()
    assert scene.session.called("run") == []


def test_more_offers_from_where_the_held_steps_leave_the_order(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    scene = Scene(qtbot, model, clock, OrderStatus.PLACED)
    scene.steps.put(scene.order_id, held_step(scene.order_id, Action.ACCEPT))
    scene.page.open_more(scene.order_id)
    more = scene.page.dialog
    assert isinstance(more, MoreDialog)
    assert OTHER_ETA not in more.buttons  # Accept is held already: no second Accept
    assert Action.REJECT.value not in more.buttons  # nor a Reject of an accepted order
    assert Action.CANCEL.value in more.buttons


def foreign_steps(scene: Scene) -> tuple[object, ...]:
    return (
        queued_step(scene.order_id, Action.READY, user="anna@example.com", step_id="a"),
        queued_step("other", Action.START, label="#0042", user="anna@example.com", step_id="b"),
    )


def test_steps_left_by_another_user_are_sent_as_mine_when_asked(scene: Scene) -> None:
    left = foreign_steps(scene)
    scene.steps.foreign_found.emit(left)
    dialog = scene.page.dialog
    assert isinstance(dialog, ForeignStepsDialog)
    assert "#1234 Ready — tapped" in dialog.list_label.text()
    assert "by anna@example.com" in dialog.list_label.text()
    dialog.adopt_button.click()
    assert scene.steps.adopted == [left]
    assert scene.steps.discarded == []
    assert scene.page.kept.foreign_dialog is None


def test_steps_left_by_another_user_can_be_discarded(scene: Scene) -> None:
    left = foreign_steps(scene)
    scene.steps.foreign_found.emit(left)
    dialog = scene.page.dialog
    assert isinstance(dialog, ForeignStepsDialog)
    dialog.discard_button.click()
    assert scene.steps.discarded == [left]
    assert scene.steps.adopted == []


def test_steps_left_by_another_user_can_wait_for_a_later_sign_in(scene: Scene) -> None:
    scene.steps.foreign_found.emit(foreign_steps(scene))
    dialog = scene.page.dialog
    assert isinstance(dialog, ForeignStepsDialog)
    dialog.later_button.click()
    assert scene.steps.discarded == []
    assert scene.steps.adopted == []
    assert scene.page.dialog is None


def test_a_cancel_too_late_says_so(scene: Scene) -> None:
    """The ticket offered the cancel a moment before the request went out: the cook is told
    why nothing was taken back."""
    scene.steps.put(scene.order_id, held_step(scene.order_id, Action.START))
    cancel = scene.ticket.held_strip.cancel_button
    scene.steps.by_order[scene.order_id] = (
        held_step(scene.order_id, Action.START, StepState.SENDING),
    )  # went out, its `changed` not delivered yet
    cancel.click()
    assert scene.steps.cancelled == [scene.order_id]
    assert scene.page.notice_label.text() == (
        f"▲ {scene.label()}: too late to cancel Start, it is being sent."
    )


def test_the_bump_key_takes_the_step_after_the_held_ones(scene: Scene) -> None:
    scene.steps.put(scene.order_id, held_step(scene.order_id, Action.START))
    scene.page.board_view.select(scene.order_id)
    assert scene.page.run_command("bump")
    pending = scene.page.steps.pending(scene.order_id)
    assert pending is not None
    assert pending.request.action is Action.READY

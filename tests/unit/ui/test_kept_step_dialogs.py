"""The questions about kept steps no one ticket owns (issue 18): signing out with steps not yet
at the server, and steps another user left on this terminal — their words and their choices,
on their own and through the main window's sign-out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.settings import Settings, StateFile
from kds.core.actions import Action
from kds.ui.kept_step_dialogs import (
    FOREIGN_SHOWN_MAX,
    ForeignStepsDialog,
    SignOutStepsDialog,
    foreign_step_line,
    sign_out_question,
)
from kds.ui.main_window import MainWindow
from kds.ui.widgets import BIG_TOUCH_HEIGHT
from tests.support.fake_session import FakeSession
from tests.support.fake_steps import held_step, queued_step
from tests.support.ui_fakes import FakePlayer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_sign_out_question_counts_the_steps() -> None:
    assert sign_out_question(1) == "1 step has not reached the server yet."
    assert sign_out_question(3) == "3 steps have not reached the server yet."


def test_a_left_step_reads_with_its_order_step_time_and_user() -> None:
    tapped = datetime(2026, 11, 25, 14, 2, tzinfo=UTC)
    step = queued_step("o1", Action.READY, user="anna@example.com", tapped_at=tapped)
    local = tapped.astimezone().strftime("%H:%M")  # the terminal's clock, as the cook reads it
    assert foreign_step_line(step) == f"#1234 Ready — tapped {local} by anna@example.com"


def test_the_sign_out_dialog_has_three_touch_sized_answers(qtbot: QtBot) -> None:
    dialog = SignOutStepsDialog(2)
    qtbot.addWidget(dialog)
    assert dialog.question.text() == "2 steps have not reached the server yet."
    buttons = (dialog.keep_button, dialog.discard_button, dialog.stay_button)
    assert [b.text() for b in buttons] == [
        "Keep them for the next sign-in",
        "Discard them",
        "Stay signed in",
    ]
    assert all(b.minimumHeight() >= BIG_TOUCH_HEIGHT for b in buttons)


def test_the_left_steps_dialog_lists_them_as_plain_text_and_counts_the_rest(
    qtbot: QtBot,
) -> None:
    steps = [
        queued_step(f"o{i}", Action.START, label=f"#{i:04d}", user="<b>anna</b>", step_id=str(i))
        for i in range(FOREIGN_SHOWN_MAX + 3)
    ]
    dialog = ForeignStepsDialog(steps)
    qtbot.addWidget(dialog)
    text = dialog.list_label.text()
    assert text.count("\n") == FOREIGN_SHOWN_MAX  # the shown ones, then the count of the rest
    assert text.endswith("… and 3 more")
    assert "by <b>anna</b>" in text
    assert dialog.list_label.textFormat().name == "PlainText"  # a user name is never markup
    assert dialog.steps == tuple(steps)
    buttons = (dialog.adopt_button, dialog.discard_button, dialog.later_button)
    assert [b.text() for b in buttons] == ["Send them as me", "Discard them", "Decide later"]


# ---------------------------------------------------------------------- sign-out in the window


@pytest.fixture
def signed_in(
    qtbot: QtBot, tmp_path: Path, model: BoardModel
) -> Iterator[tuple[MainWindow, FakeSession]]:
    """A window resumed into a fake session. At the end it is shut down and its deferred
    deletions (a dialog closed with WA_DeleteOnClose) run while it is still alive: run after
    Python dropped it, they crash the test process."""
    StateFile(tmp_path / "state.json").save_choices(
        {"server_url": "https://kds.example", "user": "cook@example.com"}
    )
    settings = Settings.load(state_path=tmp_path / "state.json", paths=[], env={})
    session = FakeSession(model)
    window = MainWindow(lambda _url: session, FakePlayer(), settings)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    assert window.session is session  # resumed
    yield window, session
    window.shutdown()
    qtbot.wait(1)


def hold_two(session: FakeSession) -> None:
    session.steps.put("o1", held_step("o1", Action.START), held_step("o1", Action.READY))


def sign_out(window: MainWindow) -> SignOutStepsDialog | None:
    window.open_settings()
    settings_dialog = window.settings_dialog
    assert settings_dialog is not None
    settings_dialog.sign_out_button.click()
    return window.sign_out_dialog


def test_sign_out_without_held_steps_asks_nothing(
    signed_in: tuple[MainWindow, FakeSession],
) -> None:
    window, session = signed_in
    assert sign_out(window) is None
    assert session.called("logout") == [((), {})]


def test_sign_out_can_keep_the_held_steps_for_the_next_sign_in(
    signed_in: tuple[MainWindow, FakeSession],
) -> None:
    window, session = signed_in
    hold_two(session)
    dialog = sign_out(window)
    assert dialog is not None
    assert dialog.question.text() == "2 steps have not reached the server yet."
    assert session.called("logout") == []  # asked first
    dialog.keep_button.click()
    assert session.called("logout") == [((), {})]
    assert session.steps.discarded == []
    assert window.sign_out_dialog is None


def test_sign_out_can_discard_the_held_steps(
    signed_in: tuple[MainWindow, FakeSession],
) -> None:
    window, session = signed_in
    hold_two(session)
    held = tuple(h.step for h in session.steps.all_held())
    dialog = sign_out(window)
    assert dialog is not None
    dialog.discard_button.click()
    assert session.steps.discarded == [held]
    assert session.called("logout") == [((), {})]


def test_staying_signed_in_keeps_everything(
    signed_in: tuple[MainWindow, FakeSession],
) -> None:
    window, session = signed_in
    hold_two(session)
    dialog = sign_out(window)
    assert dialog is not None
    dialog.stay_button.click()
    assert session.called("logout") == []
    assert session.steps.discarded == []
    assert session.steps.count() == 2
    assert window.sign_out_dialog is None

"""The questions about kept steps in Vietnamese."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from kds.core.actions import Action
from kds.ui.held_steps import cancel_text, held_text
from kds.ui.kept_step_dialogs import (
    ForeignStepsDialog,
    SignOutStepsDialog,
    foreign_question,
    foreign_step_line,
    sign_out_question,
)
from tests.support.fake_steps import held_step, queued_step


def test_the_questions_count_in_vietnamese(vietnamese: None) -> None:
    assert sign_out_question(1) == "1 thao tác chưa tới máy chủ."
    assert sign_out_question(3) == "3 thao tác chưa tới máy chủ."
    assert foreign_question(2).startswith("2 thao tác do người khác bấm")
    tapped = datetime(2026, 11, 25, 14, 2, tzinfo=UTC)
    step = queued_step("o1", Action.READY, user="anna@example.com", tapped_at=tapped)
    local = tapped.astimezone().strftime("%H:%M")
    assert foreign_step_line(step) == f"#1234 Xong — anna@example.com bấm lúc {local}"


def test_the_dialogs_buttons_speak_vietnamese(qtbot: QtBot, vietnamese: None) -> None:
    sign_out = SignOutStepsDialog(2)
    qtbot.addWidget(sign_out)
    assert sign_out.windowTitle() == "Đăng xuất"
    assert sign_out.stay_button.text() == "Không đăng xuất"
    steps = [queued_step(f"o{i}", Action.START, user="an@example.com") for i in range(11)]
    foreign = ForeignStepsDialog(steps)
    qtbot.addWidget(foreign)
    assert foreign.adopt_button.text() == "Gửi dưới tên tôi"
    assert foreign.later_button.text() == "Để sau"
    assert foreign.list_label.text().endswith("… và 3 thao tác nữa")


def test_the_held_strip_words_in_vietnamese(vietnamese: None) -> None:
    start, ready = held_step("o1", Action.START), held_step("o1", Action.READY)
    assert held_text((start, ready), offline=False) == "◷ Bắt đầu → Xong · chờ gửi"
    assert cancel_text(Action.READY) == "✕ Hủy Xong"

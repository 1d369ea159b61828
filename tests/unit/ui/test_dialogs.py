"""Accept and reason dialogs: one-tap presets, the ETA window, the 500-character reason limit."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kds.core.actions import ETA_MAX_MIN, ETA_MIN_MIN
from kds.ui.actions import ETA_PRESETS_MIN, REJECT_REASONS
from kds.ui.dialogs import AcceptDialog, ReasonDialog


def test_each_eta_preset_is_one_tap(qtbot: QtBot) -> None:
    for minutes in ETA_PRESETS_MIN:
        dialog = AcceptDialog("#1234")
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.eta_chosen) as blocker:
            dialog.preset_buttons[minutes].click()
        assert blocker.args == [minutes]
        assert dialog.result() == AcceptDialog.DialogCode.Accepted
        assert dialog.preset_buttons[minutes].minimumHeight() >= 64


def test_custom_eta_stays_inside_the_backend_window(qtbot: QtBot) -> None:
    dialog = AcceptDialog("#1234")
    qtbot.addWidget(dialog)
    dialog.custom.setValue(1)
    assert dialog.custom.value() == ETA_MIN_MIN > 5
    dialog.custom.setValue(10_000)
    assert dialog.custom.value() == ETA_MAX_MIN < 12 * 60
    with qtbot.waitSignal(dialog.eta_chosen) as blocker:
        dialog.custom_button.click()
    assert blocker.args == [ETA_MAX_MIN]


def test_back_chooses_nothing(qtbot: QtBot) -> None:
    dialog = AcceptDialog("#1234")
    qtbot.addWidget(dialog)
    chosen: list[int] = []
    dialog.eta_chosen.connect(chosen.append)
    dialog.back_button.click()
    assert chosen == []
    assert dialog.result() == AcceptDialog.DialogCode.Rejected


def test_reason_preset_free_text_and_limit(qtbot: QtBot) -> None:
    dialog = ReasonDialog("Reject", "#1234", REJECT_REASONS)
    qtbot.addWidget(dialog)
    dialog.preset_buttons[0].click()
    assert dialog.reason() == REJECT_REASONS[0]
    assert dialog.preset_buttons[0].isChecked()
    dialog.text.setPlainText("x" * 600)
    assert len(dialog.text.toPlainText()) == 500
    assert dialog.counter.text() == "500 / 500"
    with qtbot.waitSignal(dialog.reason_confirmed) as blocker:
        dialog.confirm_button.click()
    assert blocker.args == ["x" * 500]


def test_confirm_without_a_reason_sends_empty_text(qtbot: QtBot) -> None:
    dialog = ReasonDialog("Cancel", "#1234", ())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.reason_confirmed) as blocker:
        dialog.confirm_button.click()
    assert blocker.args == [""]

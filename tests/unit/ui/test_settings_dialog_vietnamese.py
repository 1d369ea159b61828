"""The settings dialog in Vietnamese fits a 1024×600 screen, every word whole (issue 20)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.ui.settings_dialog import SettingsDialog
from kds.ui.theme import DARK
from tests.support.text_fit import clipped_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.usefixtures("vietnamese")
def test_the_settings_dialog_fits_1024_by_600_in_vietnamese(
    qtbot: QtBot, qapp: QApplication
) -> None:
    qapp.setStyleSheet(DARK.style_sheet())
    dialog = SettingsDialog(
        "dark",
        1.0,
        pinned={"theme": "env KDS_THEME"},
        stations=["Bếp nóng", "Quầy nước"],
        station="Bếp nóng",
    )
    qtbot.addWidget(dialog)
    assert dialog.language_buttons["auto"].text() == "Tự động (theo máy)"
    assert dialog.language_buttons["vi"].text() == "Tiếng Việt"
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024, hint
    assert hint.height() <= 600, hint
    dialog.resize(min(dialog.sizeHint().width(), 1024), min(dialog.sizeHint().height(), 600))
    qapp.processEvents()
    assert clipped_texts(dialog) == []

"""`FitButton` shows the longest wording that fits its width, and never less room than its last."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kds.ui.fit_button import FitButton

LONG, SHORT = "Nhận đơn · 5 s", "Nhận đơn"


def test_the_longest_wording_that_fits_is_shown(qtbot: QtBot) -> None:
    button = FitButton()
    qtbot.addWidget(button)
    button.set_texts(LONG, SHORT)
    button.show()  # a hidden widget gets its resize events when shown
    button.resize(button.width_for(LONG) + 4, 48)
    assert button.text() == LONG
    button.resize(button.width_for(SHORT), 48)
    assert button.text() == SHORT
    assert button.fontMetrics().horizontalAdvance(SHORT) <= button.text_room()
    button.resize(button.width_for(LONG) + 4, 48)
    assert button.text() == LONG  # back when there is room again


def test_the_layout_never_gives_it_less_than_its_last_wording(qtbot: QtBot) -> None:
    button = FitButton()
    qtbot.addWidget(button)
    button.set_texts(LONG, SHORT)
    assert button.minimumSizeHint().width() == button.width_for(SHORT)
    button.set_texts(SHORT)
    assert button.text() == SHORT

"""The rush board's foot bar: counts, page, what is off screen, never wider than the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.core.timers import TimerLevel
from kds.ui.pager import PagerBar, PageStatus
from kds.ui.theme import DARK

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BUSY = PageStatus(
    page=1,
    pages=3,
    before=9,
    after=11,
    oldest_off="31:00",
    oldest_level=TimerLevel.CRITICAL,
    alerting_off=4,
    counts=(20, 6, 4),
)


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_a_busy_page_says_everything_and_fits_the_screen(
    qtbot: QtBot, qapp: QApplication, width: int
) -> None:
    qapp.setStyleSheet(DARK.style_sheet())
    try:
        bar = PagerBar(DARK)
        qtbot.addWidget(bar)
        bar.resize(width, 60)
        bar.show()
        qtbot.waitExposed(bar)
        bar.show_status(BUSY)
        assert bar.minimumSizeHint().width() <= width  # it never widens the board
        summary = bar.summary.text()
        for words in ("2/3", "20 off", "31:00", "★ 4 NEW"):
            assert words in summary
        assert bar.previous.text() == "← 9 older"
        assert bar.next.text() == "11 more →"
        counts = bar.counts.text()
        assert "20" in counts
        assert "6" in counts
        assert "4" in counts
        fits = bar.summary.fontMetrics().horizontalAdvance
        assert fits(bar.counts.text()) <= bar.counts.width() + 2  # shown whole, not cut
        if width >= 1920:
            assert "in progress" in counts  # words where there is room
    finally:
        qapp.setStyleSheet("")


def test_one_page_says_all_on_screen(qtbot: QtBot) -> None:
    bar = PagerBar(DARK)
    qtbot.addWidget(bar)
    bar.show_status(PageStatus(counts=(1, 0, 0)))
    assert "all on screen" in bar.summary.text()
    assert not bar.next.isVisibleTo(bar)
    assert not bar.previous.isVisibleTo(bar)

"""The rush board in Vietnamese from 1024×600 up: no word on a button or label is cut.

Vietnamese runs longer than English. Every text the board shows — the step, "⋯", Undo, the
held steps' cancel, the status band, the number, the clock, the pager — is checked against the
room it is drawn in, with the ticket states that make the step row busiest (a countdown beside
Undo, a call in flight, held steps) on the pages shown. English is checked the same way: the
same rules hold for the source language.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.ui.board_view import BoardView
from kds.ui.density import Density, default_density
from kds.ui.main import scale_for_size
from kds.ui.theme import DARK
from kds.ui.ticket_card import CUT_MARK
from kds.ui.ticket_view import TicketView
from tests.support.fake_steps import held_step
from tests.support.rush_scene import build_rush_scene
from tests.support.text_fit import clipped_texts
from tests.support.ui_fakes import FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIZES = [(1024, 600), (1280, 800), (1920, 1080)]


def busiest_board(qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock,
                  size: tuple[int, int]) -> BoardView:  # fmt: skip
    """The rush scene at `size`, styled and dense as `kds` makes it there, with a countdown
    beside Undo, a call in flight and held steps on the first page's tickets."""
    scale = scale_for_size(*size)
    theme = DARK.scaled(scale)
    qapp.setStyleSheet(theme.style_sheet())
    build_rush_scene(board_of(model), clock.now)
    density = default_density(*size, scale)
    view = BoardView(model, theme=theme, clock=clock, density=density, tick_ms=3_600_000)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    ids = view.page_ids()
    steps = {i: view.views[i].step_action for i in ids}
    handed = next(i for i in ids if steps[i] is Action.HAND_OVER)
    view.set_pending(handed, 5)  # the longest English step, counting down beside Undo
    new = next(i for i in ids if view.views[i].ticket.status is OrderStatus.PLACED)
    view.set_held(new, (held_step(new, Action.ACCEPT),), offline=False)
    view.set_pending(new, 10)  # and the Start after it, counting down
    others = [i for i in ids if i not in (handed, new)]
    view.set_busy(others[0], steps[others[0]])  # its step in flight: "Đang …"
    view.set_held(others[1], (held_step(others[1], Action.START),), offline=True)
    for _ in range(5):
        qapp.processEvents()
    return view


def assert_nothing_cut(qapp: QApplication, view: BoardView) -> None:
    for page in range(min(view.plan.pages, 4)):
        view.show_page(page)
        for _ in range(3):
            qapp.processEvents()
        assert clipped_texts(view) == [], f"page {page + 1}"
        for order_id in view.page_ids():
            card = view.views[order_id]
            mark = card.fontMetrics().horizontalAdvance(translate("TicketCard", CUT_MARK))
            assert mark <= card.width() - 24  # the painted "cut here" line, were it cut


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_word_on_the_board_is_cut_in_vietnamese(
    qtbot: QtBot,
    qapp: QApplication,
    model: BoardModel,
    clock: FakeClock,
    vietnamese: None,
    size: tuple[int, int],
) -> None:
    try:
        view = busiest_board(qtbot, qapp, model, clock, size)
        if size == (1024, 600):
            assert view.density is Density.DENSE  # the narrowest step row kds makes
        assert "đơn" in view.pager.next.text()  # Vietnamese on screen, not the source
        assert_nothing_cut(qapp, view)
    finally:
        qapp.setStyleSheet("")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_word_on_the_board_is_cut_in_english(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock, size: tuple[int, int]
) -> None:
    try:
        assert_nothing_cut(qapp, busiest_board(qtbot, qapp, model, clock, size))
    finally:
        qapp.setStyleSheet("")


def test_the_board_speaks_vietnamese(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock, vietnamese: None
) -> None:
    try:
        view = busiest_board(qtbot, qapp, model, clock, (1024, 600))
        steps = {b.text() for b in view.findChildren(QAbstractButton) if b.isVisible()}
        # The countdown before Undo's word (the arrow says undo): "Đã giao · 5 s" and "↶"
        # where the dense row is short, the words in full where it is not.
        assert any(text.startswith("Đã giao") for text in steps), steps
        undo = {b.text() for b in view.findChildren(QAbstractButton) if b.objectName() == "undo"}
        assert undo & {"↶ Hoàn tác", "↶"}, undo
        assert any(text.startswith("Đang ") for text in steps)  # a call in flight
        assert "✕ Hủy Nhận đơn" in steps  # the held Accept's cancel names its step
        counts = view.pager.counts.text()
        assert "mới" in counts or counts.startswith("★")
        assert "đơn sau →" in view.pager.next.text()
        conts = [c for i in view.order_ids() for c in view.continuations(i)]
        assert conts
        assert all(c.header.text().endswith(" (tiếp)") for c in conts)
        cards = [v for v in view.views.values() if isinstance(v, TicketView)]
        texts = [c.held_strip.label.text() for c in cards if c.held_strip.isVisibleTo(c)]
        assert "◷ Bắt đầu · gửi khi kết nối lại" in texts
        assert "◷ Nhận đơn · chờ gửi" in texts
    finally:
        qapp.setStyleSheet("")

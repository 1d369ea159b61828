"""One ticket in Vietnamese: its buttons' words, and capitals with stacked marks never cut."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.stations import Station
from kds.ui.density import Density
from kds.ui.line_text import Placement
from kds.ui.styled_text import StyledText
from kds.ui.theme import DARK
from kds.ui.ticket_view import TicketView
from tests.support.fake_steps import held_step
from tests.support.sample_orders import sample_order, ticket_of
from tests.support.ui_fakes import RESTAURANT, FakeClock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

STACKED = "ỄẶỘ"
MENU = ((f"{STACKED} GÀ ỐC ẾCH", Decimal(65000), (("Cỡ", (f"LỚN {STACKED}",)),)),)


def card(qtbot: QtBot, status: OrderStatus, note: str = "", **kwargs: object) -> TicketView:
    clock = FakeClock()
    detail = sample_order(
        random.Random(5), RESTAURANT, clock.now - timedelta(minutes=3), lines=1, note=note,
        menu=MENU, currency="VND",
    )  # fmt: skip
    view = TicketView(ticket_of(detail, status=status), clock.now, DARK, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    return view


def test_a_ticket_s_buttons_speak_vietnamese(qtbot: QtBot, vietnamese: None) -> None:
    new = card(qtbot, OrderStatus.PLACED)
    assert new.primary_button is not None
    assert new.primary_button.text() == "Nhận đơn"
    assert Action.REJECT in new.other_actions  # behind "⋯", in the confirming dialog
    assert new.more_button.toolTip().startswith("Thêm:")
    new.set_busy(Action.ACCEPT)
    assert new.primary_button.text() == "Đang nhận…"
    new.set_busy(None)
    new.set_pending(4)
    assert new.undo_button.text() in ("↶ Hoàn tác", "↶")
    assert new.primary_button.text() in ("Nhận đơn · 4 s", "Nhận đơn")
    steps = {
        OrderStatus.ACCEPTED: "Bắt đầu",
        OrderStatus.PREPARING: "Xong",
        OrderStatus.READY_FOR_DELIVERY: "Đã giao",
    }
    for status, word in steps.items():
        button = card(qtbot, status).primary_button
        assert button is not None
        assert button.text() == word


def test_the_held_strip_and_a_station_speak_vietnamese(qtbot: QtBot, vietnamese: None) -> None:
    view = card(qtbot, OrderStatus.ACCEPTED)
    view.set_held((held_step(view.order_id, Action.START),), offline=True)
    assert view.held_strip.label.text() == "◷ Bắt đầu · gửi khi kết nối lại"
    assert view.held_strip.cancel_button.text() == "✕ Hủy Bắt đầu"
    assert view.primary_button is not None
    assert view.primary_button.text() == "Xong"  # the step after the held one
    bar = Station("bar", ("Đồ uống",))
    station = card(qtbot, OrderStatus.ACCEPTED, placement=Placement(station=bar))
    assert station.primary_button is not None
    assert station.primary_button.text() == "✓ Quầy xong"


def ink_rows(label: StyledText) -> tuple[int, int]:
    """The first and last pixel rows the label paints glyphs in (its own background, if any,
    is painted over the whole label: those rows are told apart from it by the label's colour
    at its right edge)."""
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    label.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)  # no backdrop
    rows = [
        y
        for y in range(image.height())
        if any(
            image.pixel(x, y) != image.pixel(image.width() - 1, y)
            for x in range(14, image.width() - 8)
        )
    ]
    return rows[0], rows[-1]


def test_capitals_with_stacked_marks_are_not_cut_at_the_dense_line_height(
    qtbot: QtBot, qapp: QApplication, vietnamese: None
) -> None:
    """A glyph cut at a line's edge leaves ink in the line's first or last pixel row; a
    whole one leaves at least a row of air (Ễ rises above DejaVu Sans' ascent by 4 px)."""
    qapp.setStyleSheet(DARK.style_sheet())
    try:
        view = card(qtbot, OrderStatus.PLACED, note=f"{STACKED} KHÔNG HÀNH {STACKED}",
                    density=Density.DENSE)  # fmt: skip
        view.ensurePolished()
        width = 260
        block = view.measure(width)
        view.place(width, block.head + sum(block.units) + view.padding, len(view.units))
        view.show()
        qtbot.waitExposed(view)
        lines = [*view.line_labels, view.note_label]
        assert len(lines) == 2
        for label in lines:
            assert label is not None
            assert STACKED in label.text()
            tall = label.fontMetrics().tightBoundingRect(STACKED).height()
            assert label.height() >= tall
            first, last = ink_rows(label)
            assert first > 0, f"{label.text()!r} cut at its top"
            assert last < label.height() - 1, f"{label.text()!r} cut at its foot"
    finally:
        qapp.setStyleSheet("")

"""Issue 19: no string from the server or a customer is ever read as markup on the board page.

A hostile server (or customer) can put HTML into an order number, an item or choice name, a
note, a restaurant name. Qt's labels guess "rich text" from the text itself unless told
otherwise (`Qt.TextFormat.AutoText`), so a guard per label is not enough: this test fills the
page with markup in every field a server supplies and then walks every label of the page —
any label that may interpret markup must not hold a byte of that data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import Customization, OrderStatus
from kds.ui.board_page import BoardPage
from tests.support.fake_session import FakeSession
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, FakePlayer, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

MARK = "<b>x</b><img src=evil>"


def test_markup_from_the_server_is_shown_as_typed_never_interpreted(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    detail = sample_order(random.Random(7), RESTAURANT, clock.now - timedelta(minutes=3))
    hostile = replace(
        detail,
        order_number=f"ORD-{MARK}",
        note=f"no peanuts {MARK}",
        items=tuple(
            replace(
                line,
                name=f"{line.name} {MARK}",
                customizations=(Customization(f"Size {MARK}", f"Large {MARK}", None),),
            )
            for line in detail.items
        ),
    )
    place(board_of(model), hostile)
    set_status(board_of(model), hostile, OrderStatus.ACCEPTED, clock.now)
    session = FakeSession(model)
    page = BoardPage(session, FakePlayer(), clock=clock, undo_s=5.0)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    session.restaurant_selected.emit(RESTAURANT, f"Phở {MARK}")
    session.notice.emit("error", f"server said {MARK}")
    session.action_failed.emit(hostile.order_id, "start_preparing", f"refused: {MARK}")
    qtbot.wait(10)

    labels = page.findChildren(QLabel)
    shown = [label for label in labels if MARK in label.text()]
    names = {label.objectName() for label in shown}
    assert {"restaurantName", "ticketError", "ticketMeta"} <= names  # it looks at something
    markup = [
        (label.objectName(), label.textFormat().name)
        for label in shown
        if label.textFormat() is not Qt.TextFormat.PlainText
    ]
    assert markup == []
    page.header.stop()

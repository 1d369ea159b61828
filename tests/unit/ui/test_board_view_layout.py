"""Legibility: from 1024×600 to 1920×1080 every card on the page shows all its text, uncut."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import OrderStatus
from kds.ui.board_view import BoardView
from kds.ui.theme import DARK, LIGHT, Theme
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def fill(model: BoardModel, clock: FakeClock, rng: random.Random) -> None:
    board = board_of(model)
    for i in range(9):
        detail = sample_order(
            rng, RESTAURANT, clock.now - timedelta(minutes=20 - i), lines=5, team_cart=i == 2,
            note="No peanuts, severe allergy; ring the bell twice please" if i % 3 == 0 else "",
        )  # fmt: skip
        place(board, detail)
        at: datetime = clock.now - timedelta(minutes=10 - i)
        if i % 3 >= 1:
            eta = at + timedelta(minutes=20)  # an ETA line under the age: a taller head
            detail = set_status(board, detail, OrderStatus.ACCEPTED, at, eta)
        if i % 3 == 2:
            detail = set_status(board, detail, OrderStatus.PREPARING, at + timedelta(seconds=1))
            set_status(board, detail, OrderStatus.READY_FOR_DELIVERY, at + timedelta(seconds=2))


CASES = [
    ((1024, 600), DARK),
    ((1280, 800), DARK),
    ((1920, 1080), DARK),
    ((1024, 600), LIGHT),
    # Larger text needs a wider screen: at 120 % the number and timer row needs ~1200 px.
    ((1280, 800), LIGHT.scaled(1.2)),
    ((1920, 1080), LIGHT.scaled(1.5)),
]


@pytest.mark.parametrize(
    ("size", "theme"), CASES, ids=[f"{w}x{h}-{t.name}-{t.font_scale}" for (w, h), t in CASES]
)
def test_every_card_on_the_page_fits_and_nothing_is_squeezed(
    qtbot: QtBot,
    qapp: QApplication,
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    size: tuple[int, int],
    theme: Theme,
) -> None:
    qapp.setStyleSheet(theme.style_sheet())
    fill(model, clock, rng)
    view = BoardView(model, theme=theme, clock=clock)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(5):
        qapp.processEvents()
    canvas = view.canvas.rect()
    for page in range(view.plan.pages):
        view.show_page(page)
        cards = [c for c in view.canvas.children() if isinstance(c, QWidget) and c.isVisible()]
        assert cards
        rects = [c.geometry() for c in cards]
        for i, rect in enumerate(rects):
            assert canvas.contains(rect)  # nothing off the canvas
            assert not any(rect.intersects(other) for other in rects[i + 1 :])  # no overlap
        for order_id in view.page_ids():
            ticket = view.views[order_id]
            assert ticket.width() >= ticket.min_width()  # number, timer, step row unsqueezed
            head = ticket.head.geometry()
            assert ticket.rect().contains(head)
            parts = view.parts_of(order_id)
            assert parts is not None
            if parts.step is not None:  # the step whole inside its head, not cut at its foot
                step = parts.step.geometry()
                assert ticket.head.rect().contains(step)
            labels = ticket.units[: ticket.shown]
            shown_cards = [c for c in view.continuations(order_id) if c.isVisible()]
            for card in (ticket, *shown_cards):
                shown = [u for u in getattr(card, "units", []) if u.isVisibleTo(card)]
                for label in shown if card is not ticket else labels:
                    assert label.wordWrap()
                    assert label.height() >= label.heightForWidth(label.width())  # not cut
                    assert card.rect().contains(label.geometry())

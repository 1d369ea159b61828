"""The rush board's pages: oldest first, the foot bar, "cont." columns, idle return, numbers."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.actions import Action
from kds.core.orders import OrderDetail, OrderStatus
from kds.ui.board_view import BoardView
from kds.ui.density import Density
from kds.ui.theme import DARK
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def styled(qapp: QApplication) -> Iterator[None]:
    """Styled as the app styles it: text sizes decide what fits a column."""
    qapp.setStyleSheet(DARK.style_sheet())
    yield
    qapp.setStyleSheet("")


def shown_board(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, size: tuple[int, int], **kwargs: Any
) -> BoardView:
    view = BoardView(model, clock=clock, tick_ms=3_600_000, **kwargs)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def rush(model: BoardModel, clock: FakeClock, rng: random.Random, count: int) -> list[str]:
    """`count` orders a minute apart, oldest first."""
    ids = []
    for i in range(count):
        detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=count - i))
        place(board_of(model), detail)
        ids.append(detail.order_id)
    return ids


def inside(widget: QWidget, area: QWidget) -> bool:
    """`widget` is shown and lies wholly inside `area` (both on screen)."""
    top_left = widget.mapTo(area, QPoint(0, 0))
    return widget.isVisible() and area.rect().contains(QRect(top_left, widget.size()))


def test_a_rush_pages_oldest_first_and_the_foot_says_what_is_off_screen(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    ids = rush(model, clock, rng, 30)
    view = shown_board(qtbot, model, clock, (1280, 800))
    assert view.order_ids() == ids  # one flow, oldest first
    first_page = view.page_ids()
    assert view.plan.pages > 1
    assert first_page == ids[: len(first_page)]  # page 1 holds the oldest
    for order_id in first_page:  # every step on the page is reachable without scrolling
        parts = view.parts_of(order_id)
        assert parts is not None
        assert parts.step is not None
        assert inside(parts.step, view.canvas)
        assert all(inside(number, view.canvas) for number in parts.number[:1])
    status = view.pager.status
    assert (status.page, status.before, status.after) == (0, 0, 30 - len(first_page))
    oldest_off = view.views[ids[len(first_page)]].ticket
    assert status.oldest_off == f"{30 - len(first_page):02d}:00"  # a minute apart
    assert oldest_off.order_id == ids[len(first_page)]
    assert f"1/{view.plan.pages}" in view.pager.summary.text()
    assert f"{status.after} more →" == view.pager.next.text()
    assert view.pager.next.isVisible()
    assert not view.pager.previous.isVisible()
    view.pager.next.click()
    assert view.page == 1
    assert view.pager.status.before == len(first_page)
    assert view.pager.previous.isVisible()
    assert not any(view.views[i].isVisible() for i in first_page)  # hidden, not scrolled


def test_the_foot_counts_a_new_order_alerting_off_screen(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    ids = rush(model, clock, rng, 30)
    view = shown_board(qtbot, model, clock, (1280, 800))
    newest = ids[-1]
    assert newest not in view.page_ids()
    view.set_flashing(newest, True)
    assert view.pager.status.alerting_off == 1
    assert "★ 1 NEW" in view.pager.summary.text()
    view.select(newest)  # going to it shows its page
    assert newest in view.page_ids()
    assert view.pager.status.alerting_off == 0


def test_an_idle_board_returns_to_its_first_page(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rush(model, clock, rng, 30)
    view = shown_board(qtbot, model, clock, (1280, 800), idle_return_ms=50)
    view.next_page()
    assert view.page == 1
    qtbot.waitUntil(lambda: view.page == 0, timeout=5_000)


def long_order(rng: random.Random, clock: FakeClock, lines: int) -> OrderDetail:
    detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=90), lines=1)
    item = detail.items[0]
    items = tuple(
        dataclasses.replace(item, order_item_id=f"{item.order_item_id}-{i}", name=f"Line {i}")
        for i in range(lines)
    )
    return dataclasses.replace(detail, items=items)


def test_a_ticket_taller_than_a_column_continues_and_keeps_its_step_in_the_first(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = long_order(rng, clock, 50)  # the backend's maximum
    place(board_of(model), detail)
    rush(model, clock, rng, 3)
    view = shown_board(qtbot, model, clock, (1280, 800))
    conts = view.continuations(detail.order_id)
    assert conts
    assert all(c.header.text().endswith(" cont.") for c in conts)
    parts = view.parts_of(detail.order_id)
    assert parts is not None
    assert len(parts.lines) == 50  # every line somewhere, none dropped
    assert parts.step is not None
    assert parts.step.parent() is not None
    first = view.views[detail.order_id]
    assert first.isAncestorOf(parts.step)  # the step is in the first column
    assert inside(parts.step, view.canvas)
    for order_id in view.page_ids():  # its neighbours keep their steps in their first cards
        neighbour = view.parts_of(order_id)
        assert neighbour is not None
        assert neighbour.step is not None
        assert view.views[order_id].isAncestorOf(neighbour.step)


def test_a_note_taller_than_a_column_is_cut_with_a_visible_mark(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    note = "Allergy: peanuts. " + "Please ring twice and leave it at the door. " * 12
    detail = sample_order(rng, RESTAURANT, clock.now, lines=1, note=note[:500])
    place(board_of(model), detail)
    view = shown_board(qtbot, model, clock, (1024, 600), density=Density.DENSE)
    cards = [view.views[detail.order_id], *view.continuations(detail.order_id)]
    note = view.views[detail.order_id].note_label
    assert note is not None
    assert not any(card.clipped for card in cards)  # the longest note the contract allows fits
    view.resize(1024, 420)  # a smaller screen than any kitchen's: then it is cut, and says so
    cards = [view.views[detail.order_id], *view.continuations(detail.order_id)]
    assert any(card.clipped for card in cards)


def test_orders_sharing_their_last_four_digits_show_enough_to_tell_apart(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    a = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=2))
    b = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=1))
    a = dataclasses.replace(a, order_number="ORD-20261207-101010-123-4567")
    b = dataclasses.replace(b, order_number="ORD-20261207-101010-124-4567")
    view = shown_board(qtbot, model, clock, (1280, 800))
    place(board_of(model), a)
    assert view.views[a.order_id].number_label.text() == "#4567"
    place(board_of(model), b)
    texts = {view.views[x.order_id].number_label.text() for x in (a, b)}
    assert texts == {"#34567", "#44567"}
    model.reset(RESTAURANT, clock=clock)
    place(board_of(model), a)
    assert view.views[a.order_id].number_label.text() == "#4567"


def test_a_card_that_changed_off_screen_is_whole_when_its_page_comes(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    ids = rush(model, clock, rng, 30)
    view = shown_board(qtbot, model, clock, (1280, 800))
    off = ids[-1]
    assert off not in view.page_ids()
    detail = board_of(model).get(off)
    assert detail is not None
    assert detail.detail is not None
    clock.advance(1)
    eta = clock.now + timedelta(minutes=20)  # an ETA line comes while the card is hidden
    set_status(board_of(model), detail.detail, OrderStatus.ACCEPTED, clock.now, eta)
    view.select(off)
    card = view.views[off]
    assert card.isVisible()
    assert card.eta_label.isVisibleTo(card)
    step = card.button(Action.START)
    assert step is not None
    assert card.head.rect().contains(step.geometry())  # not a pixel cut off its foot
    assert card.rect().contains(card.head.geometry())

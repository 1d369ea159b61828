"""The rush scene holds exactly the board issue 16 describes, the same on every run."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, datetime

import pytest

from kds.core.board import Board
from kds.core.orders import OrderDetail, OrderStatus
from kds.core.ticket import Ticket
from kds.ui.text import has_allergy_word, short_number
from tests.support.rush_scene import (
    RUSH_ALLERGY_NOTE,
    RUSH_CURRENCY,
    RUSH_LINE_BUCKETS,
    RUSH_NOTES,
    RUSH_ORDERS,
    RUSH_RESTAURANT,
    RUSH_SPAN,
    RUSH_STATUSES,
    build_rush_scene,
    rush_menu,
    rush_orders,
)

NOW = datetime(2026, 3, 14, 12, 30, tzinfo=UTC)


def scene(seed: int = 16) -> tuple[list[str], list[Ticket]]:
    board = Board(RUSH_RESTAURANT, clock=lambda: NOW)
    ids = build_rush_scene(board, NOW, seed=seed)
    tickets = [board.get(order_id) for order_id in ids]
    assert all(t is not None for t in tickets)
    return ids, [t for t in tickets if t is not None]


def detail(ticket: Ticket) -> OrderDetail:
    assert ticket.detail is not None
    return ticket.detail


@pytest.mark.parametrize("seed", [16, 3])
def test_the_counts_are_exact_for_any_seed(seed: int) -> None:
    ids, tickets = scene(seed)
    assert len(ids) == len(set(ids)) == RUSH_ORDERS == 30
    assert Counter(t.status for t in tickets) == {
        OrderStatus.PLACED: 20,
        OrderStatus.ACCEPTED: 3,
        OrderStatus.PREPARING: 3,
        OrderStatus.READY_FOR_DELIVERY: 4,
    }
    assert dict(RUSH_STATUSES) == dict(Counter(t.status for t in tickets))
    lines = [len(detail(t).items) for t in tickets]
    buckets = Counter(next(b for b in RUSH_LINE_BUCKETS if b[0] <= n <= b[1]) for n in lines)
    assert buckets == {(1, 1): 10, (2, 3): 12, (4, 5): 6, (7, 8): 2} == dict(RUSH_LINE_BUCKETS)
    long_statuses = {t.status for t in tickets if len(detail(t).items) >= 4}
    assert len(long_statuses) >= 3  # the long orders are not all in one lane

    notes = [detail(t).note for t in tickets]
    assert [i for i, note in enumerate(notes) if note] == list(range(0, 30, 3))
    assert RUSH_NOTES == 10
    assert [n for n in notes if has_allergy_word(n)] == [RUSH_ALLERGY_NOTE]

    items = [item for t in tickets for item in detail(t).items]
    customized = sum(1 for item in items if item.customizations)
    assert abs(2 * customized - len(items)) <= 2  # half the lines, ±1
    names = {item.name for item in items}
    assert any(not name.isascii() for name in names)  # Vietnamese, with its diacritics
    assert any(name.isascii() for name in names)  # and English
    assert {detail(t).currency for t in tickets} == {RUSH_CURRENCY}
    assert all(item.unit_price == item.unit_price.to_integral_value() for item in items)
    assert len({short_number(t.order_number) for t in tickets}) == 30


def test_ages_are_oldest_first_within_the_span_and_further_orders_older_on_average() -> None:
    _, tickets = scene()
    placed = [t.placed_at for t in tickets]
    assert placed == sorted(placed)
    assert all(NOW - RUSH_SPAN <= p < NOW for p in placed)
    new = [NOW - t.placed_at for t in tickets if t.status is OrderStatus.PLACED]
    further = [NOW - t.placed_at for t in tickets if t.status is not OrderStatus.PLACED]
    assert statistics.mean(s.total_seconds() for s in further) > statistics.mean(
        s.total_seconds() for s in new
    )
    assert min(further) < max(new)  # but not strictly: a quick order overtakes a slow one
    for ticket in tickets:
        if ticket.status is not OrderStatus.PLACED:
            assert ticket.estimated_delivery_time is not None
            assert ticket.last_update_timestamp is not None
            assert ticket.placed_at < ticket.last_update_timestamp < NOW


def test_the_scene_is_the_same_on_every_call() -> None:
    first_ids, first = scene()
    second_ids, second = scene()
    assert first_ids == second_ids
    assert [t.detail for t in first] == [t.detail for t in second]
    assert [(t.status, t.estimated_delivery_time) for t in first] == [
        (t.status, t.estimated_delivery_time) for t in second
    ]


def test_every_scene_line_is_on_the_scene_menu_and_some_carry_allergens() -> None:
    menu = rush_menu()
    lines = [line for order in rush_orders(NOW, seed=7) for line in order.detail.items]
    infos = [menu.resolve(line.menu_item_id) for line in lines]
    assert all(info.known and not info.is_other for info in infos)
    assert {info.category_name for info in infos} == {"Món chính", "Ăn thêm", "Đồ uống"}
    assert any(info.allergens for info in infos)
    assert any(info.dietary for info in infos)

"""All-day counts sum New and In-progress items and group customizations under each item."""

from __future__ import annotations

from kds.core.allday import all_day
from kds.core.board import Board
from kds.core.orders import OrderDetail, OrderItem, OrderStatus
from tests.unit.core.factories import at, detail, event, item

S = OrderStatus


def show(board: Board, n: int, status: OrderStatus, *items: OrderItem) -> None:
    """Put a ticket on the board the usual way: its event first, then its fetched detail."""
    board.apply(event(n, status, at(1)))
    d: OrderDetail = detail(n, status, at(1), items=items)
    board.apply(d)


def test_all_day_sums_items_and_choices_over_new_and_in_progress(board: Board) -> None:
    show(
        board,
        1,
        S.PLACED,
        item("Pho Bo", 3, ("Size", "Large"), ("Spice", "Hot"), line=1),
        item("Spring Rolls", 1, line=2),
    )
    show(board, 2, S.PREPARING, item("Pho Bo", 4, ("Size", "Large")))
    show(board, 3, S.READY_FOR_DELIVERY, item("Pho Bo", 9))  # already made: not counted
    board.apply(event(4, S.ACCEPTED, at(1)))  # detail still pending
    counts = board.all_day()
    assert [i.text for i in counts.items] == [
        "Pho Bo ×7: Size: Large ×7, Spice: Hot ×3",
        "Spring Rolls ×1",
    ]
    assert counts.tickets_counted == 2
    assert counts.tickets_pending == 1


def test_all_day_of_nothing_is_empty() -> None:
    counts = all_day([])
    assert counts.items == ()
    assert (counts.tickets_counted, counts.tickets_pending) == (0, 0)


def test_all_day_orders_ties_by_name_and_choices_by_count(board: Board) -> None:
    show(
        board,
        1,
        S.ACCEPTED,
        item("Bun Cha", 2, ("Extra", "Herbs"), line=1),
        item("Banh Mi", 2, ("Spice", "Mild"), line=2),
        item("Banh Mi", 1, ("Spice", "Hot"), ("Extra", "Egg"), line=3),
        item("Banh Mi", 1, ("Spice", "Hot"), line=4),
    )
    items = board.all_day().items
    assert [i.text for i in items] == [
        "Banh Mi ×4: Spice: Hot ×2, Spice: Mild ×2, Extra: Egg ×1",
        "Bun Cha ×2: Extra: Herbs ×2",
    ]

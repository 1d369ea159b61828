"""All-day counts sum New and In-progress items and group customizations under each item."""

from __future__ import annotations

import dataclasses

from kds.core.allday import all_day
from kds.core.board import Board
from kds.core.menu import Menu
from kds.core.orders import OrderDetail, OrderItem, OrderStatus
from kds.core.stations import Station
from tests.support.menus import seed_menu
from tests.unit.core.factories import at, detail, event, item

S = OrderStatus
MENU = seed_menu("pho-hanoi")


def by_category(menu: Menu, name: str) -> list[str]:
    category = menu.category_named(name)
    assert category is not None
    return [i.id for i in menu.items if i.category_id == category.id]


def placed(menu_item_id: str, name: str, quantity: int, n: int) -> OrderItem:
    """A line for a menu item (its category places it at a station)."""
    return dataclasses.replace(item(name, quantity, line=n), menu_item_id=menu_item_id)


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


def test_a_station_counts_only_its_own_lines_and_other_ones(board: Board) -> None:
    main, drink = by_category(MENU, "Món chính"), by_category(MENU, "Đồ uống & Khác")
    bar = Station("bar", ("đồ uống & khác",))
    show(board, 1, S.ACCEPTED, placed(main[0], "Pho Bo", 2, 1), placed(drink[0], "Tra Da", 3, 2))
    show(board, 2, S.PREPARING, placed(main[0], "Pho Bo", 1, 1), placed("junk", "Free text", 1, 2))
    show(board, 3, S.PREPARING, placed(main[1], "Bun Cha", 4, 1))  # not on the bar's screen
    show(board, 4, S.PLACED, placed(drink[0], "Tra Da", 5, 1))  # New: the bar has no show_new
    board.apply(event(5, S.ACCEPTED, at(1)))  # detail pending: on the bar's screen, loading
    board.apply(event(6, S.PLACED, at(1)))  # detail pending, New: not on the bar's screen
    counts = board.all_day(menu=MENU, station=bar)
    assert [i.text for i in counts.items] == ["Tra Da ×3", "Free text ×1"]
    assert (counts.tickets_counted, counts.tickets_pending) == (2, 1)
    with_new = board.all_day(menu=MENU, station=dataclasses.replace(bar, show_new=True))
    assert [i.text for i in with_new.items] == ["Tra Da ×8", "Free text ×1"]
    assert (with_new.tickets_counted, with_new.tickets_pending) == (3, 2)


def test_without_a_station_the_menu_changes_nothing_and_without_a_menu_all_lines_count(
    board: Board,
) -> None:
    drink = by_category(MENU, "Đồ uống & Khác")
    show(board, 1, S.ACCEPTED, placed(drink[0], "Tra Da", 1, 1), item("Pho Bo", 2, line=2))
    show(board, 2, S.PLACED, item("Pho Bo", 1, line=1))
    board.apply(event(3, S.PLACED, at(1)))
    everything = board.all_day()
    assert board.all_day(menu=MENU) == everything
    assert [i.text for i in everything.items] == ["Pho Bo ×3", "Tra Da ×1"]
    assert (everything.tickets_counted, everything.tickets_pending) == (2, 1)
    no_menu = board.all_day(station=Station("bar", ("Đồ uống & Khác",)))
    assert [i.text for i in no_menu.items] == ["Pho Bo ×2", "Tra Da ×1"]
    assert (no_menu.tickets_counted, no_menu.tickets_pending) == (1, 0)

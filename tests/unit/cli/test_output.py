"""The `kds tail` writer: JSON lines are flushed objects, nothing after the board closes."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid

from kds.cli.output import TailWriter, missing_categories_warning
from kds.core.orders import OrderItem, OrderStatus
from kds.core.stations import Station
from kds.core.ticket import Ticket
from tests.support.menus import seed_menu
from tests.unit.core.factories import detail, item


def test_tail_writer_json_lines_are_flushed_objects() -> None:
    buf = io.StringIO()
    out = TailWriter(True, buf)
    out.notice("warning", "Server unreachable")
    out.remove("o1", None)
    out.closed = True
    out.alert("o2", "ORD-2")  # nothing after the board line
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == [
        {"type": "notice", "level": "warning", "message": "Server unreachable"},
        {"type": "remove", "orderId": "o1", "status": None},
    ]


MENU = seed_menu("pho-hanoi")


def ticket_with(*items: OrderItem) -> Ticket:
    d = detail(1, items=items)
    return Ticket(
        d.order_id,
        d.order_number,
        d.status,
        d.placement_timestamp,
        d.last_update_timestamp,
        None,
        None,
        d.placement_timestamp,
        detail=d,
    )


def on_menu(menu_item_id: str, name: str, n: int) -> OrderItem:
    return dataclasses.replace(item(name, 2, line=n), menu_item_id=menu_item_id)


def test_upsert_lines_carry_category_and_tags_from_the_menu() -> None:
    tagged = next(i for i in MENU.items if i.allergens and i.dietary)
    category = MENU.category(tagged.category_id)
    assert category is not None
    t = ticket_with(on_menu(tagged.id, "A", 1), on_menu(str(uuid.uuid4()), "Gone", 2))
    buf = io.StringIO()
    TailWriter(True, buf).upsert(t, MENU)
    assert json.loads(buf.getvalue())["order"]["lines"] == [
        {
            "name": "A",
            "quantity": 2,
            "category": category.name,
            "allergens": [a.name for a in tagged.allergens],
            "dietary": [d.name for d in tagged.dietary],
        },
        {"name": "Gone", "quantity": 2, "category": "Other", "allergens": [], "dietary": []},
    ]
    text = io.StringIO()
    TailWriter(False, text).upsert(t, MENU)
    head, first, second = text.getvalue().splitlines()
    assert head.startswith("upsert  ORD-1  Placed")
    allergens = ", ".join(a.name for a in tagged.allergens)
    assert first == f"    2 × A  [{category.name}]  allergens: {allergens}"
    assert second == "    2 × Gone  [Other]"


def test_upsert_without_a_menu_or_a_detail() -> None:
    tagged = next(i for i in MENU.items if i.allergens)
    t = ticket_with(on_menu(tagged.id, "A", 1))
    buf = io.StringIO()
    out = TailWriter(True, buf)
    out.upsert(t, None)
    out.upsert(dataclasses.replace(t, detail=None))
    first, pending = (json.loads(line)["order"] for line in buf.getvalue().splitlines())
    assert first["lines"] == [
        {"name": "A", "quantity": 2, "category": "Other", "allergens": [], "dietary": []}
    ]
    assert pending["lines"] is None


# -- kds tail --station --------------------------------------------------------------------------


def _category_item(name: str) -> str:
    category = MENU.category_named(name)
    assert category is not None
    return next(i.id for i in MENU.items if i.category_id == category.id)


BAR = Station("bar", ("Đồ uống & Khác",))
GHOST = Station("ghost", ("Cocktails", "đồ uống & khác", "Sushi"))


def accepted(n: int, *items: OrderItem) -> Ticket:
    return dataclasses.replace(ticket_with(*items), order_id=f"o{n}", status=OrderStatus.ACCEPTED)


def drink_and_mains(n: int) -> Ticket:
    return accepted(
        n,
        on_menu(_category_item("Món chính"), "Phở", 1),
        on_menu(_category_item("Đồ uống & Khác"), "Trà đá", 2),
        on_menu(str(uuid.uuid4()), "Gone", 3),
        on_menu(_category_item("Khai vị"), "Chả giò", 4),
    )


def records(buf: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_station_upsert_prints_only_its_lines_and_counts_the_others() -> None:
    buf = io.StringIO()
    out = TailWriter(True, buf, station=BAR)
    out.upsert(drink_and_mains(1), MENU)
    [record] = records(buf)
    order = record["order"]
    assert isinstance(order, dict)
    assert [line["name"] for line in order["lines"]] == ["Trà đá", "Gone"]  # "Other" too
    assert order["hiddenLines"] == 2
    assert order["station"] == "bar"
    text = io.StringIO()
    TailWriter(False, text, station=BAR).upsert(drink_and_mains(1), MENU)
    assert text.getvalue().splitlines()[1:] == [
        "    2 × Trà đá  [Đồ uống & Khác]",
        "    2 × Gone  [Other]",
        "    +2 lines at other stations",
    ]


def test_station_skips_orders_it_does_not_show_and_their_removes_alerts_and_board() -> None:
    mains_only = accepted(2, on_menu(_category_item("Món chính"), "Phở", 1))
    placed = dataclasses.replace(drink_and_mains(3), status=OrderStatus.PLACED)
    pending = dataclasses.replace(drink_and_mains(4), detail=None)
    buf = io.StringIO()
    out = TailWriter(True, buf, station=BAR)
    for t in (mains_only, placed, pending, drink_and_mains(5)):
        out.upsert(t, MENU)
        out.alert(t.order_id, t.order_number, t, MENU)
    out.alert("o6", "ORD-6")  # no ticket yet: a New order, not on this station
    out.remove("o2", "Delivered")
    out.remove("o5", "Cancelled")
    out.board([mains_only, placed, pending, drink_and_mains(5)], MENU)
    got = records(buf)
    assert [(r["type"], r.get("order", r).get("orderId")) for r in got] == [  # type: ignore[union-attr]
        ("upsert", "o4"),
        ("alert", "o4"),
        ("upsert", "o5"),
        ("alert", "o5"),
        ("remove", "o5"),
        ("board", None),
    ]
    assert got[0]["order"] == {**got[0]["order"], "lines": None, "hiddenLines": 0}  # type: ignore[dict-item]
    assert got[4] == {"type": "remove", "orderId": "o5", "status": "Cancelled", "station": "bar"}
    assert [o["orderId"] for o in got[-1]["orders"]] == ["o4", "o5"]  # type: ignore[union-attr]


def test_station_show_new_and_an_order_leaving_the_station_on_a_new_menu() -> None:
    buf = io.StringIO()
    out = TailWriter(True, buf, station=dataclasses.replace(BAR, show_new=True))
    placed = dataclasses.replace(drink_and_mains(1), status=OrderStatus.PLACED)
    out.alert(placed.order_id, placed.order_number, placed, MENU)
    out.upsert(placed, MENU)
    drinks = MENU.category_named("Đồ uống & Khác")
    assert drinks is not None
    renamed = dataclasses.replace(
        MENU,
        categories=tuple(
            dataclasses.replace(c, name="Bar") if c.id == drinks.id else c for c in MENU.categories
        ),
    )
    no_other = dataclasses.replace(
        placed, detail=dataclasses.replace(placed.detail, items=placed.items[:2])
    )  # type: ignore[arg-type]
    out.upsert(no_other, renamed)  # its drink is in "Bar" now: off the bar's screen
    out.remove(placed.order_id, "Cancelled")  # already gone from this station
    got = records(buf)
    assert [r["type"] for r in got] == ["alert", "upsert", "remove"]
    assert got[2] == {
        "type": "remove",
        "orderId": "o1",
        "status": None,
        "station": "bar",
        "reason": "station",
    }
    text = io.StringIO()
    TailWriter(False, text).write(got[2])
    assert text.getvalue() == "remove  o1  not at station bar\n"


def test_missing_categories_warning_names_them() -> None:
    assert missing_categories_warning(BAR, MENU) is None
    assert missing_categories_warning(GHOST, None) is None
    message = missing_categories_warning(GHOST, MENU)
    assert message is not None
    assert message.startswith("station 'ghost': 'Cocktails', 'Sushi' are not categories of")

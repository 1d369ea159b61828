"""The `kds tail` writer: JSON lines are flushed objects, nothing after the board closes."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid

from kds.cli.output import TailWriter
from kds.core.orders import OrderItem
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

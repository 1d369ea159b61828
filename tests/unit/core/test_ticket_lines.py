from __future__ import annotations

import dataclasses
import uuid

from hypothesis import given
from hypothesis import strategies as st

from kds.core.menu import OTHER_CATEGORY, Menu
from kds.core.orders import OrderItem
from kds.core.ticket_lines import OTHER_GROUP, group_lines, place_lines
from tests.support.menus import seed_menu
from tests.unit.core.factories import item

MENU = seed_menu("pho-hanoi")


def line(menu_item_id: str, name: str = "x", n: int = 1) -> OrderItem:
    return dataclasses.replace(item(name, 1, line=n), menu_item_id=menu_item_id)


def by_category(menu: Menu, name: str) -> list[str]:
    category = menu.category_named(name)
    assert category is not None
    return [i.id for i in menu.items if i.category_id == category.id]


def test_without_a_menu_every_line_is_other_in_order_sequence() -> None:
    items = [line(str(uuid.uuid4()), f"l{i}", i) for i in range(3)]
    (group,) = group_lines(items, None)
    assert group.is_other
    assert group.name == OTHER_CATEGORY
    assert [p.item for p in group.lines] == items
    assert [p.index for p in group.lines] == [0, 1, 2]


def test_groups_follow_menu_order_with_other_last_and_lines_keep_their_sequence() -> None:
    main = by_category(MENU, "Món chính")
    drinks = by_category(MENU, "Đồ uống & Khác")
    unknown = str(uuid.uuid4())
    items = [line(unknown, "gone", 0), line(drinks[0], "d", 1), line(main[1], "m1", 2)]
    items.append(line(main[0], "m0", 3))
    groups = group_lines(items, MENU)
    assert [g.name for g in groups] == ["Món chính", "Đồ uống & Khác", OTHER_CATEGORY]
    assert [[p.item.name for p in g.lines] for g in groups] == [["m1", "m0"], ["d"], ["gone"]]
    assert groups[0].order < groups[1].order < groups[2].order
    assert groups[2].is_other
    assert not groups[0].is_other


def test_tags_come_with_the_line() -> None:
    tagged = next(i for i in MENU.items if i.allergens)
    (placed,) = place_lines([line(tagged.id)], MENU)
    assert placed.info.allergens == tagged.allergens
    assert placed.info.known


@given(st.lists(st.sampled_from([*(i.id for i in MENU.items), "junk", ""]), max_size=30))
def test_no_line_is_ever_dropped_or_repeated(ids: list[str]) -> None:
    items = [line(mid, n=n) for n, mid in enumerate(ids)]
    groups = group_lines(items, MENU)
    assert sorted(p.index for g in groups for p in g.lines) == list(range(len(items)))
    assert len({g.category_id for g in groups}) == len(groups)


def test_other_is_marked_for_translation_as_the_menu_names_it() -> None:
    """The screen translates the "Other" heading by `OTHER_GROUP`: it must be the menu's word."""
    assert OTHER_GROUP == OTHER_CATEGORY == "Other"
    unknown = group_lines([line(str(uuid.uuid4()))], MENU)
    assert [(g.name, g.is_other) for g in unknown] == [(OTHER_GROUP, True)]

"""A malformed menu never crashes the board: every line shows once, unplaced lines under "Other".

Issue 17: "a menu document with missing or unknown fields, unknown tag categories or dangling
ids never crashes the board; the line falls back to Other". The documents are the rush scene's
own menu (its orders' items) or another restaurant's (items none of the orders have), damaged
the ways a read model rebuilt after menu events can be; every one `decode_menu` accepts is set
on a board showing the 30-order rush scene.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.errors import ProtocolError
from kds.core.menu import OTHER_CATEGORY, Menu, decode_menu
from kds.core.ticket import Ticket
from kds.ui.board_view import BoardView
from kds.ui.line_text import Role
from tests.support.menus import menu_document
from tests.support.rush_scene import build_rush_scene, rush_menu, rush_menu_document
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RUSH_DOC = rush_menu_document()
FOREIGN_DOC = {**menu_document("pho-hanoi"), "restaurantId": RESTAURANT}  # none of our items

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
_IDS = st.uuids().map(str)
_TAG_CATEGORIES = st.sampled_from(["Cuisine", "SpiceLevel", "allergen", "DIETARY", "Ǆ", ""])
_DAMAGE = (
    "tag category",
    "dangling category",
    "dangling tag",
    "drop category",
    "drop tag",
    "drop item",
    "dangling order",
    "extra field",
    "unavailable",
    "anything",
)


def _entries(doc: dict[str, Any], section: str) -> dict[str, Any]:
    by_id: dict[str, Any] = doc[section]["byId"]
    return by_id


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


@st.composite
def damaged_documents(draw: st.DrawFn) -> Any:
    """A menu document damaged 0–5 times; most decode, some raise ProtocolError. Any field
    deleted or replaced ("anything") is the last damage: a section may be gone after it."""
    doc = copy.deepcopy(draw(st.sampled_from([RUSH_DOC, FOREIGN_DOC])))
    for _ in range(draw(st.integers(0, 5))):
        damage = draw(st.sampled_from(_DAMAGE))
        items, categories, legend = (_entries(doc, s) for s in ("items", "categories", "tagLegend"))
        item = draw(st.sampled_from(sorted(items))) if items else None
        if damage == "tag category" and legend:
            legend[draw(st.sampled_from(sorted(legend)))]["category"] = draw(_TAG_CATEGORIES)
        elif damage == "dangling category" and item is not None:
            items[item]["categoryId"] = draw(_IDS)
        elif damage == "dangling tag" and item is not None:
            items[item]["dietaryTagIds"].append(draw(_IDS))
        elif damage == "drop category" and categories:
            del categories[draw(st.sampled_from(sorted(categories)))]
        elif damage == "drop tag" and legend:
            del legend[draw(st.sampled_from(sorted(legend)))]
        elif damage == "drop item" and item is not None:
            del items[item]
        elif damage == "dangling order":
            doc["categories"]["order"].append(draw(_IDS))
            if categories:
                cid = draw(st.sampled_from(sorted(categories)))
                categories[cid]["itemOrder"].insert(0, draw(_IDS))
        elif damage == "extra field":
            target = draw(st.sampled_from([doc, *items.values(), *categories.values()]))
            target[draw(st.text(min_size=1, max_size=6))] = draw(_JSON)
        elif damage == "unavailable" and item is not None:
            items[item]["isAvailable"] = False
        elif damage == "anything":  # any field deleted or replaced: mostly a ProtocolError
            path = draw(st.sampled_from(_paths(doc)[1:]))
            target = doc
            for key in path[:-1]:
                target = target[key]
            if draw(st.booleans()):
                del target[path[-1]]
            else:
                target[path[-1]] = draw(_JSON)
            break  # the document's shape may be gone: the damages above need it
    return doc


@pytest.fixture
def rush_view(qtbot: QtBot, model: BoardModel, clock: FakeClock) -> BoardView:
    build_rush_scene(board_of(model), clock.now)
    view = BoardView(model, clock=clock, tick_ms=60_000)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def assert_board_shows_every_line(model: BoardModel, view: BoardView) -> None:
    menu = model.menu
    tickets: list[Ticket] = model.tickets()
    assert len(tickets) == 30
    for ticket in tickets:
        ticket_view = view.ticket_view(ticket.order_id)
        assert ticket_view is not None
        labels = ticket_view.line_labels
        assert len(labels) == len(ticket.items)
        assert sorted(label.unit.line for label in labels) == list(range(len(ticket.items)))
        infos = [None if menu is None else menu.resolve(item.menu_item_id) for item in ticket.items]
        categories = {None if info is None else info.category_id for info in infos}
        heading: str | None = None
        for label in labels:
            first = label.unit.paras[0].spans
            if first and first[0].role is Role.CATEGORY:
                heading = first[0].text
            line = label.unit.line
            assert line is not None
            info = infos[line]
            if len(categories) == 1:
                assert heading is None  # one category: no heading
            elif info is None or info.is_other:
                assert heading == OTHER_CATEGORY
            else:
                assert heading == info.category_name
    assert view.plan.pages >= 1


def _on_board(menu: Menu) -> Menu:
    """`menu` as the board's restaurant's (a damaged restaurantId would just be ignored)."""
    return dataclasses.replace(menu, restaurant_id=RESTAURANT)


def _dangling(doc: dict[str, Any]) -> dict[str, Any]:
    """The rush menu with its first item's category gone and an unknown tag category."""
    doc = copy.deepcopy(doc)
    first = next(iter(_entries(doc, "items").values()))
    first["categoryId"] = "00000000-0000-4000-8000-000000000000"
    for tag in _entries(doc, "tagLegend").values():
        tag["category"] = "Cuisine"
    return doc


def test_the_example_menu_places_a_line_under_other() -> None:
    menu = decode_menu(_dangling(RUSH_DOC))
    first = next(iter(_entries(RUSH_DOC, "items")))
    assert menu.resolve(first).is_other
    assert menu.resolve(first).known
    assert not any(i.allergens for i in menu.items)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=damaged_documents())
@example(doc=_dangling(RUSH_DOC))
def test_a_damaged_menu_never_crashes_the_board(
    rush_view: BoardView, model: BoardModel, doc: Any
) -> None:
    try:
        menu = decode_menu(doc)
    except ProtocolError:
        assume(False)
        return
    model.set_menu(_on_board(menu))
    assert model.menu is not None
    assert_board_shows_every_line(model, rush_view)


def test_switching_menus_and_none_repeatedly_keeps_every_line(
    rush_view: BoardView, model: BoardModel
) -> None:
    foreign = decode_menu(FOREIGN_DOC)
    for menu in (rush_menu(), foreign, None, rush_menu(), None, foreign, rush_menu()) * 2:
        model.set_menu(menu)
        assert model.menu == menu
        assert_board_shows_every_line(model, rush_view)

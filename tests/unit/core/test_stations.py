"""Station slices: which orders and lines a station's screen shows, and which it counts as
"+N lines at other stations"; "Other" lines are on every station, never on none."""

from __future__ import annotations

import dataclasses
import unicodedata
import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.core.menu import OTHER_CATEGORY, Menu, MenuCategory, MenuItem, normalise_name
from kds.core.orders import OrderItem, OrderStatus
from kds.core.stations import (
    Station,
    StationProfiles,
    shown_categories,
    station_slice,
    stations_for,
    unclaimed_categories,
    unknown_categories,
)
from kds.core.ticket import Ticket
from tests.support.menus import seed_menu
from tests.unit.core.factories import OTHER_RID, RID, T0, detail, item, oid

S = OrderStatus
MENU = seed_menu("pho-hanoi")
MAIN, DRINKS, SIDES = "Món chính", "Đồ uống & Khác", "Ăn thêm"
BAR = Station("bar", (DRINKS,))
KITCHEN = Station("bep", (MAIN, SIDES))


def ids_in(menu: Menu, name: str) -> list[str]:
    category = menu.category_named(name)
    assert category is not None
    return [i.id for i in menu.items if i.category_id == category.id]


def line(menu_item_id: str, name: str, n: int) -> OrderItem:
    return dataclasses.replace(item(name, 1, line=n), menu_item_id=menu_item_id)


def ticket(status: OrderStatus, *items: OrderItem, pending: bool = False) -> Ticket:
    return Ticket(
        order_id=oid(1),
        order_number="ORD-1",
        status=status,
        placement_timestamp=T0,
        last_update_timestamp=T0,
        estimated_delivery_time=None,
        actual_delivery_time=None,
        first_seen=T0,
        detail=None if pending else detail(1, status, items=items),
    )


def mixed(status: OrderStatus = S.ACCEPTED) -> Ticket:
    """Two mains, a drink, a side and a line the menu does not know, interleaved."""
    main, drink, side = ids_in(MENU, MAIN), ids_in(MENU, DRINKS), ids_in(MENU, SIDES)
    return ticket(
        status,
        line(main[0], "pho", 0),
        line(drink[0], "tra da", 1),
        line(str(uuid.uuid4()), "gone", 2),
        line(side[0], "quay", 3),
        line(main[1], "bun", 4),
    )


def names(part: object) -> list[list[str]]:
    assert part is not None
    return [[p.item.name for p in g.lines] for g in part.groups]  # type: ignore[attr-defined]


def test_an_order_spanning_stations_shows_each_its_lines_and_other_everywhere() -> None:
    order = mixed()
    bar = station_slice(order, MENU, BAR)
    kitchen = station_slice(order, MENU, KITCHEN)
    assert bar is not None
    assert kitchen is not None
    assert names(bar) == [["tra da"], ["gone"]]
    assert bar.hidden == 3
    assert [g.name for g in bar.groups] == [DRINKS, OTHER_CATEGORY]
    assert names(kitchen) == [["pho", "bun"], ["quay"], ["gone"]]
    assert kitchen.hidden == 1
    assert kitchen.indices == {0, 2, 3, 4}
    assert [p.index for p in kitchen.lines] == [0, 4, 3, 2]


def test_the_expo_view_shows_everything_whole() -> None:
    order = mixed(S.PLACED)
    expo = station_slice(order, MENU, None)
    assert expo is not None
    assert expo.hidden == 0
    assert expo.indices == set(range(5))
    assert not expo.loading


def test_an_order_without_lines_for_the_station_is_not_on_its_screen() -> None:
    drinks_only = ticket(S.PREPARING, line(ids_in(MENU, DRINKS)[0], "tra da", 0))
    assert station_slice(drinks_only, MENU, KITCHEN) is None
    assert names(station_slice(drinks_only, MENU, BAR)) == [["tra da"]]


def test_other_lines_alone_put_the_order_on_every_station() -> None:
    unknown = ticket(S.ACCEPTED, line(str(uuid.uuid4()), "free text", 0))
    for station in (BAR, KITCHEN, Station("empty", ())):
        assert names(station_slice(unknown, MENU, station)) == [["free text"]]


def test_without_a_menu_a_station_never_hides_a_line() -> None:
    order = mixed()
    part = station_slice(order, None, BAR)
    assert part is not None
    assert part.hidden == 0
    assert part.indices == set(range(5))


@pytest.mark.parametrize(
    ("status", "show_new", "shown"),
    [
        (S.PLACED, False, False),
        (S.PLACED, True, True),
        (S.ACCEPTED, False, True),
        (S.PREPARING, False, True),
        (S.READY_FOR_DELIVERY, False, True),
        (S.AWAITING_PAYMENT, True, False),
        (S.DELIVERED, True, False),
    ],
)
def test_new_orders_only_with_show_new(status: OrderStatus, show_new: bool, shown: bool) -> None:
    station = dataclasses.replace(KITCHEN, show_new=show_new)
    assert (station_slice(mixed(status), MENU, station) is not None) is shown


def test_an_order_whose_detail_is_pending_shows_as_loading_from_accepted_on() -> None:
    part = station_slice(ticket(S.ACCEPTED, pending=True), MENU, BAR)
    assert part is not None
    assert part.loading
    assert (part.groups, part.hidden) == ((), 0)
    assert station_slice(ticket(S.PLACED, pending=True), MENU, BAR) is None
    expo = station_slice(ticket(S.PLACED, pending=True), MENU, None)
    assert expo is not None
    assert expo.loading


def test_names_match_after_nfc_and_case_folding() -> None:
    decomposed = unicodedata.normalize("NFD", "ĐỒ UỐNG & KHÁC")
    assert decomposed != "ĐỒ UỐNG & KHÁC"
    station = Station("bar", (decomposed, "  món chính"))
    assert unknown_categories(station, MENU) == ("  món chính",)  # spaces are not trimmed
    assert shown_categories(station, MENU) == (DRINKS,)
    assert names(station_slice(mixed(), MENU, station)) == [["tra da"], ["gone"]]
    assert shown_categories(Station("x", ("MÓN CHÍNH", "ăn thêm")), MENU) == (MAIN, SIDES)


def test_unknown_categories_are_listed_once_in_the_stations_order() -> None:
    station = Station("bar", ("Bia", DRINKS, "bia", "Cà phê"))
    assert unknown_categories(station, MENU) == ("Bia", "Cà phê")
    assert shown_categories(station, MENU) == (DRINKS,)
    assert unknown_categories(station, None) == ()
    assert shown_categories(station, None) == ("Bia", DRINKS, "Cà phê")


def test_a_station_naming_only_missing_categories_still_shows_other_lines() -> None:
    ghost = Station("ghost", ("Bia",))
    assert (
        station_slice(ticket(S.ACCEPTED, line(ids_in(MENU, MAIN)[0], "pho", 0)), MENU, ghost)
        is None
    )
    assert names(station_slice(mixed(), MENU, ghost)) == [["gone"]]


def test_unclaimed_categories_are_on_the_expo_view_only() -> None:
    assert unclaimed_categories([BAR], MENU) == (MAIN, "Khai vị", SIDES, "Tráng miệng")
    assert unclaimed_categories([BAR, KITCHEN], MENU) == ("Khai vị", "Tráng miệng")


def test_a_restaurants_own_profiles_replace_the_default_ones() -> None:
    profiles = StationProfiles(
        default={"bar": BAR, "bep": KITCHEN}, by_restaurant={RID: {"grill": Station("grill", ())}}
    )
    assert list(stations_for(profiles, RID.upper())) == ["grill"]
    assert list(stations_for(profiles, OTHER_RID)) == ["bar", "bep"]
    assert list(stations_for(profiles, None)) == ["bar", "bep"]
    assert profiles.names() == {"bar", "bep", "grill"}


# -- properties over arbitrary menus and orders ------------------------------------------------

_NAMES = ["Món chính", "MÓN CHÍNH", unicodedata.normalize("NFD", "Món chính"), "Đồ uống", "Bia"]
_CIDS = [str(uuid.UUID(int=i)) for i in range(1, 5)]
_IIDS = [str(uuid.UUID(int=100 + i)) for i in range(8)]


@st.composite
def menus(draw: st.DrawFn) -> Menu:
    """Up to four categories (names may repeat after normalising), items in them or in a
    category the menu lacks (a dangling id)."""
    cids = draw(st.lists(st.sampled_from(_CIDS), unique=True, max_size=4))
    categories = tuple(
        MenuCategory(cid, draw(st.sampled_from(_NAMES)), n, n) for n, cid in enumerate(cids)
    )
    items = tuple(
        MenuItem(iid, f"item {n}", draw(st.sampled_from([*_CIDS, "dangling"])), True)
        for n, iid in enumerate(draw(st.lists(st.sampled_from(_IIDS), unique=True)))
    )
    return Menu(RID, datetime(2026, 1, 1, tzinfo=UTC), categories, items)


stations = st.builds(
    Station,
    name=st.sampled_from(["bar", "bep", "grill"]),
    categories=st.lists(st.sampled_from([*_NAMES, "Ăn thêm"]), max_size=3).map(tuple),
    show_new=st.booleans(),
)
orders = st.builds(
    lambda ids, status: ticket(status, *(line(mid, f"l{n}", n) for n, mid in enumerate(ids))),
    st.lists(st.sampled_from([*_IIDS, "junk", ""]), min_size=1, max_size=12),
    st.sampled_from([S.PLACED, S.ACCEPTED, S.PREPARING, S.READY_FOR_DELIVERY]),
)


@given(menus() | st.none(), orders, st.lists(stations, max_size=4))
def test_every_line_is_shown_or_counted_and_none_is_lost(
    menu: Menu | None, order: Ticket, profile: list[Station]
) -> None:
    all_lines = set(range(len(order.items)))
    expo = station_slice(order, menu, None)
    assert expo is not None
    assert (expo.indices, expo.hidden) == (all_lines, 0)
    shown_anywhere: set[int] = set()
    other = {p.index for g in expo.groups if g.is_other for p in g.lines}
    for station in profile:
        part = station_slice(order, menu, station)
        if part is None:
            # Not on this screen: the status, or not one line is its own or "Other".
            assert not station.shows_status(order.status) or not any(
                g.is_other or normalise_name(g.name) in station.wanted for g in expo.groups
            )
            continue
        assert part.indices <= all_lines
        assert len(part.lines) == len(part.indices)  # no line repeated
        assert len(part.indices) + part.hidden == len(all_lines)
        assert other <= part.indices  # "Other" is on every station
        assert [g.order for g in part.groups] == sorted(g.order for g in part.groups)
        shown_anywhere |= part.indices
    active = [s for s in profile if s.shows_status(order.status)]
    if menu is None or not active:
        return
    # Every line is on some station's screen, unless its category is one no station claims.
    unclaimed = set(unclaimed_categories(active, menu))
    for group in expo.groups:
        if group.is_other or group.name not in unclaimed:
            assert {p.index for p in group.lines} <= shown_anywhere

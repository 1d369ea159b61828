"""The saved board: its document round-trips exactly, a bad part costs only that part, and a
restored board meets the resync under the usual rules (issue 18, item 3)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.core.board import Board
from kds.core.board_snapshot import (
    SNAPSHOT_VERSION,
    BoardSnapshot,
    capture,
    decode,
    encode,
    restore_board,
)
from kds.core.changes import AlertRaised, OrderRemoved
from kds.core.errors import ProtocolError
from kds.core.menu import Menu, MenuCategory, MenuItem, Tag, TagKind
from kds.core.orders import (
    OPEN_STATUSES,
    Customization,
    OrderDetail,
    OrderItem,
    OrderStatus,
    OrderSummary,
)
from kds.core.ticket import Ticket
from tests.unit.core.conftest import Recorder
from tests.unit.core.factories import (
    OTHER_RID,
    RID,
    T0,
    FakeClock,
    at,
    detail,
    event,
    held_ticket,
    oid,
    summary,
)

PLACED, ACCEPTED, PREPARING = OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.PREPARING


def round_trip(snapshot: BoardSnapshot) -> BoardSnapshot:
    return decode(json.loads(json.dumps(encode(snapshot))))


# ------------------------------------------------------------------ strategies

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from("Phở bò tái nạm gầu, ít hành, không rau mùi <b>&amp;</b>\"'\\\n\t"),
    max_size=30,
)
_IDS = st.uuids().map(str)
_MONEY = st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.sampled_from(
    [Decimal("12.50"), Decimal("-0"), Decimal("1E+3"), Decimal("170000.1"), Decimal("0.000001")]
)
_ZONES = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
_TIMES = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC) | _ZONES
)
_STATUSES = st.sampled_from(sorted(OPEN_STATUSES))

_customization = st.builds(Customization, _TEXT, _TEXT, st.none() | _MONEY)
_item = st.builds(
    OrderItem,
    _IDS,
    _IDS,
    _TEXT,
    st.integers(1, 99),
    _MONEY,
    _MONEY,
    st.lists(_customization, max_size=3).map(tuple),
)


@st.composite
def tickets(draw: st.DrawFn) -> Ticket:
    order_id, number, status = draw(_IDS), draw(_TEXT), draw(_STATUSES)
    row = OrderSummary(
        order_id, number, status, draw(_TIMES), RID, draw(_TEXT), draw(st.none() | _TEXT),
        draw(_IDS), draw(_MONEY), "VND", draw(st.integers(0, 50)), draw(st.none() | _IDS),
        draw(st.booleans()), draw(_MONEY), draw(_MONEY),
    )  # fmt: skip
    info = OrderDetail(
        order_id, number, draw(_IDS), RID, status, draw(_TIMES), draw(_TIMES),
        draw(st.none() | _TIMES), draw(st.none() | _TIMES), draw(_TEXT), "VND", draw(_MONEY),
        draw(_MONEY), draw(_MONEY), draw(_MONEY), draw(_MONEY), draw(_MONEY),
        tuple(draw(st.lists(_item, max_size=4))), draw(st.booleans()), draw(st.none() | _IDS),
        draw(st.none() | _TEXT), draw(_MONEY), draw(_MONEY), draw(_TEXT),
    )  # fmt: skip
    return Ticket(
        order_id, number, status, draw(st.none() | _TIMES), draw(st.none() | _TIMES),
        draw(st.none() | _TIMES), draw(st.none() | _TIMES), draw(_TIMES),
        draw(st.none() | st.just(info)), draw(st.none() | st.just(row)),
    )  # fmt: skip


_tag = st.builds(Tag, _IDS, _TEXT, _TEXT, st.sampled_from(list(TagKind)))
_tags = st.lists(_tag, max_size=2).map(tuple)


@st.composite
def menus(draw: st.DrawFn) -> Menu:
    categories = tuple(
        MenuCategory(draw(_IDS), draw(_TEXT), draw(st.integers(-5, 5)), n)
        for n in range(draw(st.integers(0, 3)))
    )
    items = tuple(
        MenuItem(
            draw(_IDS), draw(_TEXT), draw(_IDS), draw(st.booleans()),
            *draw(st.tuples(_tags, _tags, _tags)),
        )
        for _ in range(draw(st.integers(0, 4)))
    )  # fmt: skip
    return Menu(RID, draw(_TIMES), categories, items)


@st.composite
def snapshots(draw: st.DrawFn) -> BoardSnapshot:
    held = draw(st.lists(tickets(), max_size=5, unique_by=lambda t: t.order_id))
    acknowledged = frozenset(t.order_id for t in held if t.status is PLACED and draw(st.booleans()))
    return BoardSnapshot(
        RID, draw(_TEXT), draw(_TIMES), draw(st.none() | _TIMES), tuple(held), acknowledged,
        draw(st.none() | menus()),
    )  # fmt: skip


# ------------------------------------------------------------------ the document


@given(snapshot=snapshots())
def test_encode_json_decode_round_trips_exactly(snapshot: BoardSnapshot) -> None:
    back = round_trip(snapshot)
    assert back == snapshot
    assert back.problems == ()
    # Money keeps its exact text, not just its value.
    assert [str(x) for x in _money(back)] == [str(x) for x in _money(snapshot)]


def _money(snapshot: BoardSnapshot) -> list[Decimal]:
    return [
        m
        for t in snapshot.tickets
        if t.detail is not None
        for line in t.detail.items
        for m in (line.unit_price, line.line_total)
    ]


def _saved(*held: Ticket, acknowledged: frozenset[str] = frozenset()) -> BoardSnapshot:
    return BoardSnapshot(RID, "cook@example.com", at(30), at(29), held, acknowledged, None)


def test_a_bad_ticket_is_left_out_and_reported_the_others_restore() -> None:
    snapshot = _saved(held_ticket(1), held_ticket(2), held_ticket(3))
    doc = json.loads(json.dumps(encode(snapshot)))
    doc["tickets"][1]["detail"]["items"][0]["quantity"] = "two"
    back = decode(doc)
    assert [t.order_id for t in back.tickets] == [oid(1), oid(3)]
    assert [p.field for p in back.problems] == ["tickets[1].detail.items[0].quantity"]


_T0, _D0 = "tickets[0].summary", "tickets[0].detail"


def _t0(doc: Any) -> Any:
    return doc["tickets"][0]


@pytest.mark.parametrize(
    ("mangle", "path"),
    [
        (lambda d: _t0(d).pop("status"), "tickets[0].status"),
        (lambda d: _t0(d).update(status="Delivered"), "tickets[0].status"),
        (lambda d: _t0(d).update(status="Teleported"), "tickets[0].status"),
        (lambda d: _t0(d)["summary"].update(total_amount=10.5), f"{_T0}.total_amount"),
        (lambda d: _t0(d)["summary"].update(total_amount="NaN"), f"{_T0}.total_amount"),
        (lambda d: _t0(d).update(first_seen="2026-01-01T12:00:00"), "tickets[0].first_seen"),
        (lambda d: _t0(d)["detail"].update(restaurant_id=OTHER_RID), f"{_D0}.restaurant_id"),
        (lambda d: _t0(d).update(order_id=oid(2)), f"{_T0}.order_id"),
        (lambda d: d["tickets"].__setitem__(0, d["tickets"][1]), "tickets[1].order_id"),
    ],
)  # fmt: skip
def test_each_bad_field_is_named_by_its_path(mangle: Any, path: str) -> None:
    doc = json.loads(json.dumps(encode(_saved(held_ticket(1), held_ticket(2)))))
    mangle(doc)
    back = decode(doc)
    assert [p.field for p in back.problems] == [path]
    assert oid(2) in {t.order_id for t in back.tickets}


def test_a_bad_menu_or_acknowledged_list_is_dropped_and_reported() -> None:
    menu = Menu(RID, T0, (MenuCategory(oid(7), "Món chính", 0, 0),), ())
    doc = json.loads(json.dumps(encode(replace(_saved(held_ticket(1)), menu=menu))))
    doc["menu"]["categories"][0]["order"] = "first"
    doc["acknowledged"] = [oid(1), 5]
    back = decode(doc)
    assert back.menu is None
    assert back.acknowledged == frozenset()
    assert [p.field for p in back.problems] == ["acknowledged[1]", "menu.categories[0].order"]
    assert len(back.tickets) == 1


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {},
        {"kind": "something else"},
        {**encode(_saved()), "version": SNAPSHOT_VERSION + 1},
        {**encode(_saved()), "restaurant_id": "not a guid"},
        {**encode(_saved()), "tickets": {}},
        {**encode(_saved()), "saved_at": None},
    ],
)
def test_a_document_that_is_no_snapshot_of_this_version_raises(doc: object) -> None:
    with pytest.raises(ProtocolError):
        decode(doc)


# ------------------------------------------------------------------ restoring


@pytest.fixture
def restarted(clock: FakeClock) -> tuple[Board, Recorder]:
    """A fresh board after a restart, recording its changes."""
    board = Board(RID, clock=clock)
    seen = Recorder()
    board.subscribe(seen)
    return board, seen


def _live_board(clock: FakeClock) -> Board:
    """The board before the restart: #1 acknowledged, #2 alerting, #3 being made."""
    board = Board(RID, clock=clock)
    board.apply_snapshot([summary(1), summary(2), summary(3, PREPARING)])
    for n, status in ((1, PLACED), (2, PLACED), (3, PREPARING)):
        board.apply(detail(n, status, at(1), note="<b>không hành</b>"))
    board.acknowledge(oid(1))
    return board


def test_capture_lists_the_acknowledged_new_orders(clock: FakeClock) -> None:
    snapshot = capture(
        _live_board(clock), user="u", saved_at=at(5), last_synced_at=at(4), menu=None
    )
    assert snapshot.acknowledged == {oid(1)}
    assert [t.order_id for t in snapshot.tickets] == [oid(1), oid(2), oid(3)]


def test_restore_shows_the_saved_tickets_with_their_details(
    clock: FakeClock, restarted: tuple[Board, Recorder]
) -> None:
    before = _live_board(clock)
    snapshot = round_trip(capture(before, user="u", saved_at=at(5), last_synced_at=None, menu=None))
    board, _ = restarted
    assert restore_board(board, snapshot) == 3
    assert board.open_orders() == before.open_orders()
    assert board.pending_details() == []  # no refetch needed to show them
    assert board.get(oid(1)).note == "<b>không hành</b>"  # type: ignore[union-attr]


def test_an_acknowledged_order_does_not_alert_an_unacknowledged_new_one_does(
    clock: FakeClock, restarted: tuple[Board, Recorder]
) -> None:
    snapshot = capture(_live_board(clock), user="u", saved_at=at(5), last_synced_at=None, menu=None)
    board, seen = restarted
    restore_board(board, snapshot)
    assert [a.order_id for a in board.unacknowledged_alerts()] == [oid(2)]
    assert [c.order_id for c in seen.of(AlertRaised)] == [oid(2)]  # type: ignore[attr-defined]


def test_the_resync_replaces_the_restored_board_by_the_usual_rules(
    clock: FakeClock, restarted: tuple[Board, Recorder]
) -> None:
    snapshot = capture(_live_board(clock), user="u", saved_at=at(5), last_synced_at=None, menu=None)
    board, seen = restarted
    restore_board(board, snapshot)
    seen.changes.clear()
    clock.advance(600)
    board.begin_resync()
    # #1 still new (acknowledged), #2 accepted elsewhere, #3 gone, #4 placed during the outage.
    board.apply_snapshot([summary(1), summary(2, ACCEPTED), summary(4)])
    assert {t.order_id for t in board.open_orders()} == {oid(1), oid(2), oid(4)}
    # Only the order that appears only in the resync alerts; #2's alert was answered elsewhere.
    assert [c.order_id for c in seen.of(AlertRaised)] == [oid(4)]  # type: ignore[attr-defined]
    assert [a.order_id for a in board.unacknowledged_alerts()] == [oid(4)]
    # #3 is no longer listed: it leaves, into recall, and stays closed.
    assert [c.order_id for c in seen.of(OrderRemoved)] == [oid(3)]  # type: ignore[attr-defined]
    assert [r.ticket.order_id for r in board.recall()] == [oid(3)]
    board.apply(event(3, PREPARING, at(2)))
    assert oid(3) not in board
    # #2 moved on: its held detail is stale, so it is refetched; the others keep theirs.
    assert board.pending_details() == [oid(4), oid(2)]  # queue order: New first


def test_an_unacknowledged_new_order_still_new_in_the_resync_keeps_alerting_once(
    clock: FakeClock, restarted: tuple[Board, Recorder]
) -> None:
    snapshot = capture(_live_board(clock), user="u", saved_at=at(5), last_synced_at=None, menu=None)
    board, seen = restarted
    restore_board(board, snapshot)
    board.begin_resync()
    board.apply_snapshot([summary(1), summary(2), summary(3, PREPARING)])
    assert [c.order_id for c in seen.of(AlertRaised)] == [oid(2)]  # type: ignore[attr-defined]
    assert [a.order_id for a in board.unacknowledged_alerts()] == [oid(2)]


def test_a_restored_ticket_is_not_rolled_back_by_an_older_event(
    restarted: tuple[Board, Recorder],
) -> None:
    board, _ = restarted
    restore_board(board, _saved(held_ticket(3, PREPARING)))
    board.apply(event(3, ACCEPTED, at(0.5)))
    assert board.get(oid(3)).status is PREPARING  # type: ignore[union-attr]
    board.apply(event(3, OrderStatus.READY_FOR_DELIVERY, at(2)))
    assert board.get(oid(3)).status is OrderStatus.READY_FOR_DELIVERY  # type: ignore[union-attr]


def test_restore_needs_an_empty_board_of_the_same_restaurant(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="empty"):
        restore_board(_live_board(clock), _saved(held_ticket(5)))
    with pytest.raises(ValueError, match="restaurant"):
        restore_board(Board(OTHER_RID, clock=clock), _saved(held_ticket(5)))

"""BoardModel turns the Board's change feed into per-ticket Qt signals, on the Qt thread."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.changes import BoardCleared, MenuChanged
from kds.core.decode import read_event
from kds.core.lanes import Lane
from tests.support.changes import listen
from tests.support.menus import seed_menu
from tests.unit.core import payloads

RID = payloads.RESTAURANT_ID
OID = payloads.ORDER_ID


def record(model: BoardModel) -> list[tuple[Any, ...]]:
    seen: list[tuple[Any, ...]] = []
    listen(
        model,
        added=lambda t: seen.append(("added", t.order_id)),
        updated=lambda t, _old: seen.append(("changed", t.order_id)),
        removed=lambda oid, st: seen.append(("removed", oid, st)),
        alert=lambda oid, num: seen.append(("alert", oid, num)),
        alert_cleared=lambda oid: seen.append(("alert_cleared", oid)),
        cleared=lambda: seen.append(("cleared",)),
    )
    return seen


def test_signals_follow_one_order_through_its_life(qtbot: QtBot) -> None:
    model = BoardModel()
    assert model.tickets() == []
    assert model.all_day().tickets_counted == 0
    board = model.reset(RID)
    assert board is not None
    seen = record(model)
    number = payloads.event()["orderNumber"]

    board.apply(read_event("ReceiveOrderPlaced", payloads.event()))
    assert seen == [("added", OID), ("alert", OID, number)]
    assert [t.order_id for t in model.lane(Lane.NEW)] == [OID]
    assert [a.order_id for a in model.alerts()] == [OID]

    seen.clear()
    accepted = payloads.event(
        status="Accepted",
        lastUpdateTimestamp="2025-09-14T10:23:00Z",
        eventId="0b7e9a5c-2222-4d2a-8c3b-123456789abc",
    )
    board.apply(read_event("ReceiveOrderStatusChanged", accepted))
    assert seen == [("changed", OID), ("alert_cleared", OID)]
    assert model.get(OID) is not None
    assert model.lane(Lane.IN_PROGRESS)

    seen.clear()
    cancelled = payloads.event(
        status="Cancelled",
        lastUpdateTimestamp="2025-09-14T10:24:00Z",
        eventId="0b7e9a5c-3333-4d2a-8c3b-123456789abc",
    )
    board.apply(read_event("ReceiveOrderStatusChanged", cancelled))
    assert seen == [("removed", OID, "Cancelled")]
    assert len(model) == 0
    assert model.recall()[0].ticket.order_id == OID


def test_reset_clears_views_and_detaches_the_old_board(qtbot: QtBot) -> None:
    model = BoardModel()
    old = model.reset(RID)
    assert old is not None
    old.apply(read_event("ReceiveOrderPlaced", payloads.event()))
    seen = record(model)

    new = model.reset("6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02")
    assert seen == [("cleared",)]
    assert new is not None
    assert model.board is new
    assert model.tickets() == []
    # A late result applied to the old board reaches no view.
    old.apply(
        read_event(
            "ReceiveOrderStatusChanged",
            payloads.event(status="Accepted", eventId="0b7e9a5c-4444-4d2a-8c3b-123456789abc"),
        )
    )
    assert seen == [("cleared",)]

    model.reset(None)
    assert seen == [("cleared",), ("cleared",)]
    assert model.board is None


def test_set_menu_emits_menu_changed_once_per_different_menu(qtbot: QtBot) -> None:
    model = BoardModel()
    model.reset(RID)
    seen: list[object] = []
    model.changed.connect(seen.append)
    menu = seed_menu("pho-hanoi")
    model.set_menu(menu)
    model.set_menu(menu)  # the same object
    model.set_menu(seed_menu("pho-hanoi"))  # an equal value (a 200 with the same document)
    assert seen == [MenuChanged(menu)]
    assert model.menu is menu
    model.set_menu(None)
    assert seen == [MenuChanged(menu), MenuChanged(None)]
    assert model.menu is None


def test_a_menu_of_another_restaurant_is_never_set(qtbot: QtBot) -> None:
    model = BoardModel()
    seen: list[object] = []
    model.changed.connect(seen.append)
    model.set_menu(seed_menu("pho-hanoi"))  # no board yet
    model.reset(RID)
    model.set_menu(seed_menu("bella-napoli"))
    assert model.menu is None
    assert seen == []


def test_reset_forgets_the_menu_with_board_cleared_only(qtbot: QtBot) -> None:
    model = BoardModel()
    model.reset(RID)
    model.set_menu(seed_menu("pho-hanoi"))
    seen: list[object] = []
    model.changed.connect(seen.append)
    model.reset(RID)
    assert model.menu is None
    assert seen == [BoardCleared()]

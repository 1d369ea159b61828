"""A station terminal: only its orders and lines, "+N at other stations", "done here", the bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.config import StationChoice
from kds.app.done_here import DoneHere
from kds.core.changes import OrderRemoved
from kds.core.menu import normalise_name
from kds.core.orders import OrderStatus
from kds.core.stations import Station
from kds.ui.board_view import BoardView
from kds.ui.line_text import ELSEWHERE, ITEMS
from kds.ui.station_screen import StationScreen
from kds.ui.theme import DARK
from kds.ui.ticket_buttons import DONE_HERE_TEXT
from tests.support.rush_scene import build_rush_scene, rush_menu
from tests.support.ui_fakes import FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BAR = Station("bar", ("ĐỒ UỐNG",))  # matched after NFC + case folding
MENU = rush_menu()
DRINKS = {i.id for i in MENU.items if MENU.category(i.category_id).name == "Đồ uống"}  # type: ignore[union-attr]


def screen(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> tuple[BoardView, StationScreen, list[str]]:
    view = BoardView(model, clock=clock, tick_ms=60_000)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    ids = build_rush_scene(board_of(model), clock.now)
    model.set_menu(MENU)
    station = StationScreen(view, DARK, lambda rid, name: DoneHere(tmp_path / "d.json", rid, name))
    return view, station, ids


def test_a_station_shows_only_its_orders_and_lines_and_counts_the_rest(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> None:
    view, station, ids = screen(qtbot, model, clock, tmp_path)
    assert sorted(view.order_ids()) == sorted(ids)  # the expo view: everything
    station.apply(StationChoice(BAR, {"bar": BAR}), model.restaurant_id)
    board = board_of(model)
    shown = set(view.order_ids())
    for oid in ids:
        ticket = board.get(oid)
        assert ticket is not None
        drinks = [i for i in ticket.items if i.menu_item_id in DRINKS]
        on_screen = bool(drinks) and ticket.status is not OrderStatus.PLACED
        assert (oid in shown) == on_screen
        if not on_screen:
            continue
        tv = view.views[oid]
        drink_lines = [n for n, i in enumerate(ticket.items) if i.menu_item_id in DRINKS]
        assert sorted(u.unit.line for u in tv.line_labels) == drink_lines  # only the bar's
        others = len(ticket.items) - len(drinks)
        elsewhere = [u for u in tv.units if u.objectName() == ELSEWHERE]
        assert [u.text() for u in elsewhere] == (
            [f"+{others} line{'s' if others != 1 else ''} at other stations"] if others else []
        )
        assert tv.primary_button is not None
        assert tv.primary_button.text() == DONE_HERE_TEXT  # the order's steps stay with the expo
        assert tv.other_actions == ()  # its "⋯" offers the items' "86" only
    assert shown
    assert station.bar.isVisible()
    assert station.bar.text().startswith("STATION BAR · shows Đồ uống + lines in no category")


def test_done_here_takes_it_off_this_screen_kept_across_a_restart_and_recall_brings_it_back(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> None:
    view, station, _ = screen(qtbot, model, clock, tmp_path)
    choice = StationChoice(BAR, {"bar": BAR})
    station.apply(choice, model.restaurant_id)
    oid = view.order_ids()[0]
    button = view.views[oid].primary_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert oid not in view.order_ids()
    assert oid in station.done
    station.stop()  # the write lands
    again = StationScreen(view, DARK, lambda rid, name: DoneHere(tmp_path / "d.json", rid, name))
    again.apply(choice, model.restaurant_id)
    qtbot.waitUntil(lambda: oid in again.done)
    assert oid not in view.order_ids()
    again.bring_back(oid)
    assert oid in view.order_ids()
    again.stop()
    assert DoneHere(tmp_path / "d.json", str(model.restaurant_id), "bar").order_ids == frozenset()


def test_an_order_that_leaves_the_board_loses_its_mark(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> None:
    view, station, _ = screen(qtbot, model, clock, tmp_path)
    station.apply(StationChoice(BAR, {"bar": BAR}), model.restaurant_id)
    oid = view.order_ids()[0]
    station.mark_done(oid)
    station.on_change(OrderRemoved(oid, OrderStatus.DELIVERED))
    assert oid not in station.done
    station.stop()


def test_a_category_missing_from_the_menu_is_named_on_the_bar_and_warned_once(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> None:
    view, station, _ids = screen(qtbot, model, clock, tmp_path)
    grill = Station("grill", ("Nướng", "Món chính"))
    with qtbot.waitSignal(station.notice) as notice:
        station.apply(StationChoice(grill, {"grill": grill}), model.restaurant_id)
    assert "Nướng" in notice.args[1]
    assert "⚠ not on this menu: Nướng" in station.bar.text()
    assert "shows Món chính" in station.bar.text()
    seen: list[object] = []
    station.notice.connect(lambda *a: seen.append(a))
    model.set_menu(rush_menu())  # an equal menu again: no second warning
    station.apply(StationChoice(grill, {"grill": grill}), model.restaurant_id)
    assert seen == []
    assert view.order_ids()  # main dishes still shown
    station.stop()


def test_back_to_the_expo_view_shows_everything_with_its_steps(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, tmp_path: Path
) -> None:
    view, station, ids = screen(qtbot, model, clock, tmp_path)
    station.apply(StationChoice(BAR, {"bar": BAR}), model.restaurant_id)
    station.apply(StationChoice(None, {"bar": BAR}), model.restaurant_id)
    assert sorted(view.order_ids()) == sorted(ids)
    assert not station.bar.isVisible()
    first = view.views[view.order_ids()[0]]
    assert first.primary_button is not None
    assert first.primary_button.text() != DONE_HERE_TEXT
    assert all(u.objectName() != ELSEWHERE for v in view.views.values() for u in v.units)
    assert {u.objectName() for v in view.views.values() for u in v.units} >= {ITEMS}
    assert normalise_name("ĐỒ UỐNG") == normalise_name("Đồ uống")
    station.stop()

#!/usr/bin/env python3
"""Render the kitchen screen offscreen into `docs/screenshots/` for review and the README.

The board is fed in-process (no server) with a realistic mix of orders of different ages, so
every timer colour, an allergy note, a TeamCart badge and cash/online payment all show. The
session here is a `ShowcaseSession`: the real `BoardModel` plus the signals a `Session` emits,
with no network; actions report that honestly instead of pretending to succeed.

``--scene rush`` renders the rush scene instead (`tests.support.rush_scene`: the 30-order board
issue 16's layout is measured on) at the three board sizes, as ``rush-board-<size>.png``; the
default scene and its files are unchanged.

``--language vi`` renders the same scenes in Vietnamese into ``docs/screenshots/vi/`` (the
catalogue must be built: ``scripts/setup`` does it).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QWidget

from kds.app import i18n
from kds.app.board_model import BoardModel
from kds.app.config import StationChoice
from kds.app.offline_start import offline_words
from kds.core.actions import Action, ActionRequest
from kds.core.ids import canonical_id
from kds.core.lanes import Lane
from kds.core.orders import OrderStatus
from kds.core.sold_out import SoldOut, SoldOutItem
from kds.core.stations import Station
from kds.ui.alert_player import SilentAlertPlayer
from kds.ui.board_page import BoardPage
from kds.ui.density import default_density
from kds.ui.dialogs import AcceptDialog
from kds.ui.login_view import LoginView
from kds.ui.main import scale_for_size
from kds.ui.panels import AllDayPanel
from kds.ui.text import short_number
from kds.ui.theme import THEMES, Theme
from tests.support.fake_session import FakeRestaurant, FakeSession
from tests.support.fake_steps import held_step
from tests.support.rush_scene import build_rush_scene, rush_menu
from tests.support.sample_orders import place, sample_order, set_status

RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


class ShowcaseSession(FakeSession):
    """A signed-in owner of one restaurant whose board is filled locally (see module doc):
    the test suite's `FakeSession` whose intents act on that board instead of being recorded."""

    def __init__(self) -> None:
        super().__init__(BoardModel(), "https://orders.example.com")
        self.board.setParent(self)
        self.board.reset(RESTAURANT)
        self.restaurant_list = [FakeRestaurant(RESTAURANT, "Pho Hanoi", "RestaurantOwner")]
        self.sold_out = SoldOut()

    def login(self, user: str, password: str) -> None:
        self.login_failed.emit("unreachable", "Screenshot mode: there is no server.")

    def resume(self) -> None:
        self.signed_out.emit()

    def logout(self) -> None:
        self.signed_out.emit()

    def select_restaurant(self, restaurant_id: str) -> None:
        self.restaurant_selected.emit(RESTAURANT, "Pho Hanoi")

    def run(self, request: ActionRequest) -> None:
        self.action_failed.emit(
            request.order_id, request.action.value, "Screenshot mode: there is no server."
        )

    def take_step(self, request: ActionRequest, *, label: str, tapped_at: datetime) -> None:
        self.run(request)

    def acknowledge(self, order_id: str) -> None:
        if self.board.board is not None:
            self.board.board.acknowledge(order_id)

    def set_accepting_orders(self, accepting: bool) -> None:
        self.accepting_orders_changed.emit(accepting)

    def mark_item(self, menu_item_id: str, name: str, available: bool) -> None:
        """As if the server said 204: the item shows sold out (or back) at once."""
        items = {i.item_id: i for i in self.sold_out}
        if available:
            items.pop(canonical_id(menu_item_id), None)
        else:
            items[canonical_id(menu_item_id)] = SoldOutItem(
                canonical_id(menu_item_id), name, datetime.now(UTC), pending=True
            )
        self.sold_out = SoldOut(tuple(sorted(items.values(), key=lambda i: i.name)))
        self.sold_out_changed.emit(self.sold_out)

    def shutdown(self) -> None:
        self.board.reset(None)


def fill(session: ShowcaseSession, now: datetime) -> None:
    """New orders aged 1–9 min, in-progress ones early/due/late, two ready ones."""
    board = session.board.board
    assert board is not None
    rng = random.Random(2026)

    def order(age_min: float, **kw: object) -> object:
        detail = sample_order(rng, RESTAURANT, now - timedelta(minutes=age_min), **kw)  # type: ignore[arg-type]
        place(board, detail)
        return detail

    order(1, lines=2, online=True)
    order(3.5, note="No peanuts — severe allergy! Ring the bell twice.", online=False)
    order(6.2, team_cart=True, lines=5)
    order(9.1, lines=1, online=False)
    flows = [  # (age, status, minutes since the change, ETA minutes from now)
        (12, OrderStatus.ACCEPTED, 10, 18),
        (16, OrderStatus.PREPARING, 8, 3.5),
        (31, OrderStatus.PREPARING, 20, -2.2),
        (14, OrderStatus.PREPARING, 9, 11),
        (22, OrderStatus.READY_FOR_DELIVERY, 2, 5),
        (28, OrderStatus.READY_FOR_DELIVERY, 7, -1),
    ]
    for age, status, since, eta_in in flows:
        detail = order(age, note="" if age != 14 else "Gluten free please, coeliac")
        at = now - timedelta(minutes=age - 1)
        eta = now + timedelta(minutes=eta_in)
        detail = set_status(board, detail, OrderStatus.ACCEPTED, at, eta)  # type: ignore[arg-type]
        if status is not OrderStatus.ACCEPTED:
            detail = set_status(board, detail, OrderStatus.PREPARING, at + timedelta(seconds=30))
        if status is OrderStatus.READY_FOR_DELIVERY:
            set_status(board, detail, status, now - timedelta(minutes=since))
    connected(session, now)


def fill_rush(session: ShowcaseSession, now: datetime) -> None:
    """The rush scene: 30 open orders, 20 of them New (see `tests.support.rush_scene`)."""
    board = session.board.board
    assert board is not None
    build_rush_scene(board, now)
    connected(session, now)


SCENES: dict[str, Callable[[ShowcaseSession, datetime], None]] = {
    "service": fill,
    "rush": fill_rush,
}


def connected(session: ShowcaseSession, now: datetime) -> None:
    """The header of a healthy board: connected, synced a while ago, an event just now."""
    session.connection_changed.emit("connected", "")
    session.synced.emit(now - timedelta(seconds=42))
    session.event_received.emit(now - timedelta(seconds=3))


def grab(widget: QWidget, out: Path, name: str, size: tuple[int, int] | None = None) -> Path:
    if size is not None:
        widget.resize(*size)
    widget.show()
    app = QApplication.instance()
    assert app is not None
    for _ in range(10):  # layouts settle over several passes of posted events
        app.processEvents()
    path = out / name
    widget.grab().save(str(path))
    print(f"wrote {path}")
    return path


BOARD_SIZES = ((1920, 1080), (1280, 800), (1024, 600))


def showcase_page(
    scene: Callable[[ShowcaseSession, datetime], None],
    theme: Theme,
    size: tuple[int, int],
    now: datetime,
    session: ShowcaseSession | None = None,
) -> tuple[ShowcaseSession, BoardPage]:
    """A `BoardPage` over a showcase session filled with `scene`, styled as `kds` styles it on
    a screen of `size` (the default text scale for that size) and clocked at `now`.

    Also what `bench/board_density.py` measures, so the screenshots and the figures show the
    same board; it passes its own `session` (one that applies the steps it taps).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scale = scale_for_size(*size)
    scaled = theme.scaled(scale)
    app.setStyleSheet(scaled.style_sheet())
    session = session or ShowcaseSession()
    density = default_density(*size, scale)
    page = BoardPage(session, SilentAlertPlayer(), theme=scaled, clock=lambda: now, density=density)  # type: ignore[arg-type]
    session.restaurant_selected.emit(RESTAURANT, "Pho Hanoi")
    session.restaurants_changed.emit()
    scene(session, now)
    page.header.refresh()
    page.board_view.tick()
    return session, page


def station_shots(
    scene: Callable[[ShowcaseSession, datetime], None], theme: Theme, out: Path, now: datetime
) -> None:
    """The rush on the bar's screen (drinks only, "done here"), with one item sold out; and
    the ticket with the most allergen tags, alone, as a cook sees it."""
    size = (1280, 800)
    session, page = showcase_page(scene, theme, size, now)
    page.notice_label.hide()
    menu = rush_menu()
    session.board.set_menu(menu)
    tea = next(i for i in menu.items if i.name == "Iced lemon tea")
    session.mark_item(tea.id, tea.name, available=False)
    bar = Station("bar", ("Đồ uống",))
    page.set_station(StationChoice(bar, {"bar": bar}), RESTAURANT)
    grab(page, out, f"station-bar-{theme.name}-{size[0]}x{size[1]}.png", size)
    page.set_station(StationChoice(None, {"bar": bar}), RESTAURANT)
    views = page.board_view.views.values()
    tagged = max(views, key=lambda v: sum(u.unit.allergen for u in v.units))
    tagged.setParent(None)  # type: ignore[call-overload]  # alone, at a column's width
    tagged.ensurePolished()
    tagged.set_position(None)  # the bump-bar number belongs to the board it left
    width = 380
    block = tagged.measure(width)
    tagged.place(width, block.head + sum(block.units) + tagged.padding, len(tagged.units))
    grab(tagged, out, f"allergen-ticket-{theme.name}.png")
    tagged.deleteLater()
    page.stop()
    session.shutdown()
    page.deleteLater()


def offline_shots(
    scene: Callable[[ShowcaseSession, datetime], None], theme: Theme, out: Path, now: datetime
) -> None:
    """The rush with the server away: the banner with "offline since … · last synced …", and
    steps the cooks took meanwhile kept on their tickets ("sends when back online")."""
    for size in ((1920, 1080), (1024, 600)):
        session, page = showcase_page(scene, theme, size, now)
        page.notice_label.hide()
        session.board.set_menu(rush_menu())
        since, synced = now - timedelta(minutes=3), now - timedelta(minutes=4)
        session.connection_changed.emit("disconnected", offline_words(since, synced))
        tickets = session.board.tickets()
        new = [t for t in tickets if t.status is OrderStatus.PLACED][:2]
        cooking = [t for t in tickets if t.status is OrderStatus.ACCEPTED][:1]
        for ticket in new:
            label = f"#{short_number(ticket.order_number)}"
            session.steps.put(
                ticket.order_id, held_step(ticket.order_id, Action.ACCEPT, label=label)
            )
        for ticket in cooking:
            label = f"#{short_number(ticket.order_number)}"
            session.steps.put(
                ticket.order_id,
                held_step(ticket.order_id, Action.START, label=label),
                held_step(ticket.order_id, Action.READY, label=label),
            )
        grab(page, out, f"offline-{theme.name}-{size[0]}x{size[1]}.png", size)
        page.stop()
        session.shutdown()
        page.deleteLater()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=sorted(THEMES), default="dark")
    parser.add_argument("--out", type=Path, help=f"default {OUT} (vi: its vi/ folder)")
    parser.add_argument("--language", choices=i18n.LANGUAGES, default="en")
    parser.add_argument(
        "--scene", choices=sorted(SCENES), default="service", help="which board to render"
    )
    args = parser.parse_args(argv)
    out: Path = args.out or (OUT if args.language == "en" else OUT / args.language)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    if not i18n.install(args.language) and args.language != "en":
        sys.exit(f"screenshots: no {args.language} catalogue (run scripts/setup)")
    theme = THEMES[args.theme]
    app.setStyleSheet(theme.style_sheet())  # type: ignore[union-attr]
    now = datetime.now(UTC)
    scene = SCENES[args.scene]
    service = args.scene == "service"
    if service:
        login = LoginView("https://orders.example.com", "staff.pho-hanoi@kds.example")
        login.setObjectName("page")
        login.show_error(i18n.translate("Messages", "Wrong user name or password."))
        grab(login, out, "login.png", (1280, 800))

    prefix = "board-" if service else f"{args.scene}-{theme.name}-"
    for size in BOARD_SIZES:
        session, page = showcase_page(scene, theme, size, now)
        if not service:
            # "No sound device" is this soundless build box talking, not the kitchen's board
            page.notice_label.hide()
            session.board.set_menu(rush_menu())  # as the menu loader sets it
        grab(page, out, f"{prefix}{size[0]}x{size[1]}.png", size)
        page.stop()
        session.shutdown()
        page.deleteLater()
    if not service:  # the board alone, a station's screen, one allergen ticket, offline
        station_shots(scene, theme, out, now)
        offline_shots(scene, theme, out, now)
        return 0
    session, page = showcase_page(scene, theme, (1280, 800), now)

    first_new = page.board_view.views[page.board_view.lane_ids(Lane.NEW)[0]]
    dialog = AcceptDialog(f"#{short_number(first_new.ticket.order_number)}", page)
    grab(dialog, out, "accept-dialog.png", (900, 560))
    dialog.close()

    all_day = AllDayPanel(session.board, theme, page)
    grab(all_day, out, "all-day.png", (760, 800))
    all_day.close()

    session.connection_changed.emit("reconnecting", "connection reset by peer")
    grab(page, out, "reconnecting-1280x800.png", (1280, 800))
    page.stop()
    session.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

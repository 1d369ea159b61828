"""`FakeSession`: a `SessionApi` without a network, for page and window tests.

It has every signal of `kds.app.session.Session` (same signatures), a real `BoardModel` the
test feeds, kept steps in a `FakeSteps`, and records each intent the screen sends
(`calls`: ``(name, args, kwargs)``), so a test asserts what the screen asked for, not how a
session would carry it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from kds.app.board_model import BoardModel
from tests.support.fake_steps import FakeSteps
from tests.support.ui_fakes import RESTAURANT

__all__ = ["FakeRestaurant", "FakeSession"]


@dataclass(frozen=True)
class FakeRestaurant:
    restaurant_id: str = RESTAURANT
    name: str = "Pho Hanoi"
    role: str = "RestaurantStaff"


@dataclass
class _Settings:
    base_url: str = "https://kds.example"


class FakeSession(QObject):
    """A signed-in terminal's session, as far as the screen can tell."""

    login_succeeded = Signal()
    login_failed = Signal(str, str)
    restaurants_changed = Signal()
    restaurant_selected = Signal(str, str)
    connection_changed = Signal(str, str)
    synced = Signal(object)
    event_received = Signal(object)
    action_started = Signal(str, str)
    action_finished = Signal(str, str)
    action_failed = Signal(str, str, str)
    action_held = Signal(str, str)
    accepting_orders_changed = Signal(bool)
    sold_out_changed = Signal(object)
    sold_out_failed = Signal(str, str)
    notice = Signal(str, str)
    signed_out = Signal()

    def __init__(self, board: BoardModel, base_url: str = "https://kds.example") -> None:
        super().__init__()
        self.board = board
        self.settings: Any = _Settings(base_url.rstrip("/"))
        self.restaurant_id: str | None = RESTAURANT
        self.steps = FakeSteps()
        self.restaurant_list: list[FakeRestaurant] = [FakeRestaurant()]
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def _record(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, args, kwargs))

    def called(self, name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """The arguments of each call of `name`, in order."""
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]

    def restaurants(self) -> Sequence[FakeRestaurant]:
        return tuple(self.restaurant_list)

    def login(self, user: str, password: str) -> None:
        self._record("login", user)

    def resume(self) -> None:
        self._record("resume")

    def logout(self) -> None:
        self._record("logout")

    def select_restaurant(self, restaurant_id: str) -> None:
        self._record("select_restaurant", restaurant_id)

    def run(self, request: Any) -> None:
        self._record("run", request)

    def take_step(self, request: Any, *, label: str, tapped_at: Any) -> None:
        self._record("take_step", request, label=label, tapped_at=tapped_at)

    def acknowledge(self, order_id: str) -> None:
        self._record("acknowledge", order_id)

    def set_accepting_orders(self, accepting: bool) -> None:
        self._record("set_accepting_orders", accepting)

    def mark_item(self, menu_item_id: str, name: str, available: bool) -> None:
        self._record("mark_item", menu_item_id, name, available)

    def set_auto_accept(self, enabled: bool) -> None:
        self._record("set_auto_accept", enabled)

    def shutdown(self) -> None:
        self._record("shutdown")

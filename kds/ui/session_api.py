"""`SessionApi`: the part of `kds.app.session.Session` the screen uses, as a structural type.

Why not import `Session`: it pulls in the REST and hub clients, and the import-linter contract
keeps `kds.ui` from reaching httpx/signalrcore even indirectly. The entry point (`kds` with no
subcommand, in `kds.cli`) builds real sessions and hands `run_gui` a factory.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import SignalInstance

from kds.app.board_model import BoardModel
from kds.app.settings import SessionSettings
from kds.core.actions import ActionRequest
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep, QueuedStep

__all__ = ["RestaurantInfo", "SessionApi", "StepsApi"]


class RestaurantInfo(Protocol):
    """`kds.app.session.Restaurant`."""

    @property
    def restaurant_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


class StepsApi(Protocol):
    """`kds.app.step_sender.StepSender`: the cook's steps kept until the server applies them.

    Signals:
        changed(str order_id): the order's held steps changed (read `held`).
        count_changed(int): how many steps are held for this restaurant (the header's count).
        foreign_found(object): a tuple of `QueuedStep` left on this terminal by another user
            for the restaurant just opened: ask whoever is signed in to send or discard them.
    """

    @property
    def changed(self) -> SignalInstance: ...
    @property
    def count_changed(self) -> SignalInstance: ...
    @property
    def foreign_found(self) -> SignalInstance: ...

    def held(self, order_id: str) -> tuple[HeldStep, ...]:
        """The order's kept steps, in tap order (empty when none)."""
        ...

    def projected_status(self, order_id: str) -> OrderStatus | None:
        """Where the order's held steps leave it (the last one's target); None when none."""
        ...

    def count(self) -> int:
        """Steps held for the open restaurant (own steps only)."""
        ...

    def all_held(self) -> tuple[HeldStep, ...]:
        """Every step held for the open restaurant, in tap order (the sign-out question)."""
        ...

    def cancel_latest(self, order_id: str) -> bool:
        """The cook takes back the order's last held step; False when it is already being
        sent (then its answer decides) or there is none. A notice says what was cancelled."""
        ...

    def adopt(self, steps: Sequence[QueuedStep]) -> None:
        """Send another user's steps (listed by `foreign_found`) as the signed-in user's."""
        ...

    def discard(self, steps: Sequence[QueuedStep]) -> None:
        """Forget steps for good (another user's, or one's own at sign-out): never sent."""
        ...


class SessionApi(Protocol):
    """Signals and intents of a signed-in terminal (see `Session`'s docstring for meanings)."""

    board: BoardModel
    settings: SessionSettings
    restaurant_id: str | None

    @property
    def steps(self) -> StepsApi: ...

    @property
    def login_succeeded(self) -> SignalInstance: ...
    @property
    def login_failed(self) -> SignalInstance: ...
    @property
    def restaurants_changed(self) -> SignalInstance: ...
    @property
    def restaurant_selected(self) -> SignalInstance: ...
    @property
    def connection_changed(self) -> SignalInstance: ...
    @property
    def synced(self) -> SignalInstance: ...
    @property
    def event_received(self) -> SignalInstance: ...
    @property
    def action_started(self) -> SignalInstance: ...
    @property
    def action_finished(self) -> SignalInstance: ...
    @property
    def action_failed(self) -> SignalInstance: ...
    @property
    def action_held(self) -> SignalInstance: ...
    @property
    def accepting_orders_changed(self) -> SignalInstance: ...
    @property
    def sold_out_changed(self) -> SignalInstance: ...
    @property
    def sold_out_failed(self) -> SignalInstance: ...
    @property
    def notice(self) -> SignalInstance: ...
    @property
    def signed_out(self) -> SignalInstance: ...

    def restaurants(self) -> Sequence[RestaurantInfo]: ...
    def login(self, user: str, password: str) -> None: ...
    def resume(self) -> None: ...
    def logout(self) -> None: ...
    def select_restaurant(self, restaurant_id: str) -> None: ...
    def run(self, request: ActionRequest) -> None: ...
    def take_step(self, request: ActionRequest, *, label: str, tapped_at: datetime) -> str | None:
        """A cook's step leaving its undo window (or a confirming dialog): kept on disk, then
        sent — at once when the server answers, after the reconnect otherwise."""
        ...

    def acknowledge(self, order_id: str) -> None: ...
    def set_accepting_orders(self, accepting: bool) -> None: ...
    def mark_item(self, menu_item_id: str, name: str, available: bool) -> None: ...
    def set_auto_accept(self, enabled: bool) -> None: ...
    def shutdown(self) -> None: ...
    def deleteLater(self) -> None: ...

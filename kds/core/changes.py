"""Typed change notifications the board emits, and the tiny observer list that delivers them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kds.core.menu import Menu
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket

__all__ = [
    "AlertCleared",
    "AlertRaised",
    "BoardCleared",
    "Change",
    "ChangeFeed",
    "Feed",
    "MenuChanged",
    "OrderAdded",
    "OrderRemoved",
    "OrderUpdated",
    "UnknownStatusSeen",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OrderAdded:
    """A ticket appeared on the board."""

    order: Ticket


@dataclass(frozen=True, slots=True)
class OrderUpdated:
    """A ticket changed (status, timestamps, detail); `old_status` may equal the new one."""

    order: Ticket
    old_status: OrderStatus


@dataclass(frozen=True, slots=True)
class OrderRemoved:
    """A ticket left the board; `final_status` is None when a resync no longer listed it."""

    order_id: str
    final_status: OrderStatus | None


@dataclass(frozen=True, slots=True)
class AlertRaised:
    """A genuinely new order arrived: play the alert until it is cleared (rule 7)."""

    order_id: str
    order_number: str


@dataclass(frozen=True, slots=True)
class AlertCleared:
    """The order's alert was acknowledged, or the order left Placed or the board."""

    order_id: str


@dataclass(frozen=True, slots=True)
class BoardCleared:
    """Every ticket, alert and memory was dropped (restaurant switch, logout)."""


@dataclass(frozen=True, slots=True)
class MenuChanged:
    """The menu the board places lines by changed; ``None``: no menu (lines show as "Other").

    Not emitted when a board is cleared: ``BoardCleared`` also means "no menu" to a view.
    """

    menu: Menu | None


@dataclass(frozen=True, slots=True)
class UnknownStatusSeen:
    """The backend sent a status this client does not know; the ticket keeps its last state."""

    order_id: str
    value: str


Change = (
    OrderAdded
    | OrderUpdated
    | OrderRemoved
    | AlertRaised
    | AlertCleared
    | BoardCleared
    | UnknownStatusSeen
    | MenuChanged
)
Listener = Callable[[Change], None]


class Feed(Protocol):
    """Where a board reports its changes: a ``ChangeFeed``, or a Qt signal's instance (the
    Qt adapter hands the board its ``changed`` signal, so a change reaches the views with no
    dispatch code of ours in between). Falsy when nobody listens."""

    def emit(self, change: Change, /) -> Any: ...


class ChangeFeed:
    """Delivers changes to subscribers in subscription order.

    A listener that raises is logged and skipped: one bad view must not corrupt the board or
    starve the other listeners.
    """

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def __bool__(self) -> bool:
        """True when someone listens, so callers can skip building change objects."""
        return bool(self._listeners)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add `listener`; returns a function that removes it again (idempotent)."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, change: Change) -> None:
        for listener in tuple(self._listeners):
            try:
                listener(change)
            except Exception:
                _log.exception("board change listener %r failed on %r", listener, change)

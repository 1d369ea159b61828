"""The new-order alerts a board holds until someone answers them (rule 7), and the statuses it
could not read: two small ledgers the ``Board`` keeps beside its tickets."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

__all__ = ["Alert", "AlertLedger", "UnknownStatuses"]

_log = logging.getLogger("kds.core.board")


@dataclass(frozen=True, slots=True)
class Alert:
    """An unacknowledged new-order alert (rule 7)."""

    order_id: str
    order_number: str
    raised_at: datetime


class AlertLedger:
    """Alerts still sounding, oldest first. Raising and clearing return whether anything
    changed, so the board reports each change once."""

    __slots__ = ("_alerts",)

    def __init__(self) -> None:
        self._alerts: dict[str, Alert] = {}

    def __contains__(self, order_id: object) -> bool:
        return order_id in self._alerts

    def pending(self) -> list[Alert]:
        return list(self._alerts.values())

    def raise_for(self, order_id: str, order_number: str, now: datetime) -> None:
        self._alerts[order_id] = Alert(order_id, order_number, now)

    def clear(self, order_id: str) -> bool:
        return self._alerts.pop(order_id, None) is not None

    def clear_all(self) -> None:
        self._alerts.clear()


class UnknownStatuses:
    """Order id → a status string this client does not know (bounded, oldest dropped first).

    An entry stays until a known status arrives for that order; the same value is noted (and
    logged) once.
    """

    __slots__ = ("_by_order", "_cap")

    def __init__(self, cap: int = 1000) -> None:
        self._by_order: dict[str, str] = {}
        self._cap = cap

    def __bool__(self) -> bool:
        return bool(self._by_order)

    def view(self) -> Mapping[str, str]:
        return MappingProxyType(self._by_order)

    def note(self, order_id: str, value: str) -> bool:
        """Remember ``value`` for the order; False when it was already known (nothing new)."""
        if self._by_order.get(order_id) == value:
            return False
        if order_id not in self._by_order and len(self._by_order) >= self._cap:
            del self._by_order[next(iter(self._by_order))]
        self._by_order[order_id] = value
        _log.warning(
            "order %s has unknown status %r; keeping its last known state", order_id, value
        )
        return True

    def forget(self, order_id: str) -> None:
        self._by_order.pop(order_id, None)

    def clear(self) -> None:
        self._by_order.clear()

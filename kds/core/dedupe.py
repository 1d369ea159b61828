"""A set of recently seen ids bounded by count and by age, so long-running terminals stay small."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["RecentIds"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RecentIds(Generic[K, V]):
    """Remembers ids (with an optional value) for at most `max_ids` entries and `max_age_s`.

    Used for hub `eventId`s (at-least-once delivery sends duplicates with the same id, contract
    §9) and for orders that left the board. Entries expire in insertion order; overwriting an
    entry's value keeps its original age, so a chatty id cannot live forever.

    A deque of (time, id) plus a dict is used instead of popping from the front of a dict:
    CPython dicts leave deleted slots at the front, which makes repeated front pops quadratic.
    """

    __slots__ = ("_max_age_s", "_max_ids", "_order", "_values")

    def __init__(self, max_ids: int, max_age_s: float) -> None:
        if max_ids < 1:
            raise ValueError("max_ids must be at least 1")
        if max_age_s <= 0:
            raise ValueError("max_age_s must be positive")
        self._max_ids = max_ids
        self._max_age_s = max_age_s
        self._values: dict[K, V | None] = {}
        self._order: deque[tuple[float, K]] = deque()

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: K) -> V | None:
        """The value stored for `key`, or None when absent (or stored without a value)."""
        return self._values.get(key)

    def add(self, key: K, now_s: float, value: V | None = None) -> bool:
        """Remember `key`; False (and nothing changed) if it is already remembered."""
        values = self._values
        if key in values:
            return False
        values[key] = value
        order = self._order
        order.append((now_s, key))
        cutoff = now_s - self._max_age_s
        # Expire by age first, then by count; both from the oldest end.
        while order[0][0] < cutoff or len(order) > self._max_ids:
            _, old = order.popleft()
            del values[old]
        return True

    def put(self, key: K, now_s: float, value: V) -> None:
        """Remember `key` with `value`, overwriting the value of an existing entry."""
        if not self.add(key, now_s, value):
            self._values[key] = value

    def expire(self, now_s: float) -> None:
        """Drop entries older than the age limit (also done on every add)."""
        order = self._order
        cutoff = now_s - self._max_age_s
        while order and order[0][0] < cutoff:
            _, old = order.popleft()
            del self._values[old]

    def clear(self) -> None:
        self._values.clear()
        self._order.clear()

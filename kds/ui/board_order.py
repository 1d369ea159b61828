"""The rush board's running order: open orders oldest first, and their short numbers.

Kept sorted by bisection on the core sort key (placement time, then order id) so a new order
costs one insert however many are open. It also knows which open orders share the four
digits a cook calls out, so both can show enough of their number to be told apart (two
orders clash on the last four digits in about one rush in twenty).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import datetime

from kds.core.lanes import lane_sort_key
from kds.core.ticket import Ticket
from kds.ui.text import distinct_digits, short_number

__all__ = ["BoardOrder"]

SortKey = tuple[datetime, str]


class BoardOrder:
    """Order ids oldest first, with each one's sort key and order number.

    Attributes:
        ids: the open order ids, oldest first (read-only for callers).
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._keys: list[SortKey] = []
        self._number: dict[str, str] = {}
        self._by_short: defaultdict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self.ids)

    def insert(self, ticket: Ticket) -> None:
        key = lane_sort_key(ticket)
        index = bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self.ids.insert(index, ticket.order_id)
        self._set_number(ticket.order_id, ticket.order_number)

    def remove(self, order_id: str) -> None:
        if order_id not in self._number:
            return
        index = self.ids.index(order_id)
        del self.ids[index]
        del self._keys[index]
        number = self._number.pop(order_id)
        self._by_short[short_number(number)].discard(order_id)

    def reposition(self, ticket: Ticket) -> None:
        """Move the ticket if its sort key or number changed (a detail brought the real ones)."""
        index = self.ids.index(ticket.order_id)
        if self._keys[index] != lane_sort_key(ticket) or (
            self._number[ticket.order_id] != ticket.order_number
        ):
            self.remove(ticket.order_id)
            self.insert(ticket)

    def clear(self) -> None:
        self.ids.clear()
        self._keys.clear()
        self._number.clear()
        self._by_short.clear()

    def _set_number(self, order_id: str, number: str) -> None:
        self._number[order_id] = number
        self._by_short[short_number(number)].add(order_id)

    def digits_for(self, order_number: str) -> dict[str, int]:
        """The digits each open order sharing `order_number`'s short number should show."""
        group = self._by_short.get(short_number(order_number), set())
        numbers = [self._number[i] for i in group]
        digits = distinct_digits(numbers)
        return {order_id: digits for order_id in group}

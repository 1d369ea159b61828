"""The board's bookkeeping: its tickets and what it keeps beside them, each change reported once.

`kds.core.board.Board` decides what an input means under DESIGN.md rules 1–8 (staleness,
dedupe, resync, which order is new); `BoardState`, its base, is what those decisions change and
what views and the app read: the open tickets, the orders that left (so a late event cannot
bring one back), the recall list, the alerts still sounding and the statuses this client could
not read. Every change goes through the few methods here, which keep those in step (a ticket
that leaves stops alerting, a known status ends an unknown one) and emit its `Change` on the
feed. Kept apart so the rules read as rules, not mixed with the bookkeeping they drive.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime

from kds.core.alerts import Alert, AlertLedger, UnknownStatuses
from kds.core.allday import AllDay, all_day
from kds.core.changes import (
    AlertCleared,
    AlertRaised,
    BoardCleared,
    ChangeFeed,
    Feed,
    Listener,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
    UnknownStatusSeen,
)
from kds.core.dedupe import RecentIds
from kds.core.lanes import queue_sort_key
from kds.core.menu import Menu
from kds.core.orders import OrderStatus
from kds.core.stations import Station
from kds.core.ticket import RecalledTicket, Ticket

__all__ = ["BoardState"]

_PLACED = OrderStatus.PLACED
_ANSWERED_MAX = 1_000  # orders answered before the board saw them (a restart's kept steps)


class BoardState:
    """The open tickets of one restaurant's board and the ledgers beside them (see the module
    docstring); `kds.core.board.Board` is the one subclass.

    Nothing here blocks or does I/O; call it from one thread (the Qt main thread).
    """

    def __init__(
        self,
        *,
        departed_max_ids: int,
        departed_max_age_s: float,
        recall_size: int,
        clock: Callable[[], datetime],
        feed: Feed | None,
    ) -> None:
        self._clock = clock
        self._tickets: dict[str, Ticket] = {}
        # Orders that left the board → True if closed with a known terminal status, False if
        # a resync no longer listed them. Keeps late events from resurrecting them and stops a
        # second alert (rules 4, 7). Both mean "closed": statuses never return to open.
        self._departed: RecentIds[str, bool] = RecentIds(departed_max_ids, departed_max_age_s)
        self._alerts = AlertLedger()
        self._answered: dict[str, None] = {}  # insertion-ordered, bounded (`answered`)
        self._recall: deque[RecalledTicket] = deque(maxlen=recall_size)
        self._unknown = UnknownStatuses()
        self._feed: Feed = ChangeFeed() if feed is None else feed

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._tickets)

    def __contains__(self, order_id: object) -> bool:
        return order_id in self._tickets

    def get(self, order_id: str) -> Ticket | None:
        return self._tickets.get(order_id)

    def open_orders(self) -> list[Ticket]:
        """Every ticket, sorted as the backend's active queue (status, placement, id)."""
        return sorted(self._tickets.values(), key=queue_sort_key)

    def pending_details(self) -> list[str]:
        """Order ids whose detail must still be fetched, oldest ticket first (rules 1, 5).

        Also a ticket that has a detail but no ``lastUpdateTimestamp``: a snapshot row moved it
        to a newer status (rows carry no times), so its held detail, ETA and timestamp are
        stale. Without a refetch it would show, say, Accepted with no ETA until the next event
        (found by the chaos suite: an echo lost in a connection reset, then a resync)."""
        pending = [
            t for t in self._tickets.values() if t.detail is None or t.last_update_timestamp is None
        ]
        pending.sort(key=queue_sort_key)
        return [t.order_id for t in pending]

    def all_day(self, *, menu: Menu | None = None, station: Station | None = None) -> AllDay:
        """Item totals over the New and In-progress lanes (of `station`'s lines only, if given:
        `kds.core.allday.all_day`)."""
        return all_day(self._tickets.values(), menu=menu, station=station)

    def unacknowledged_alerts(self) -> list[Alert]:
        """Alerts still sounding, oldest first."""
        return self._alerts.pending()

    def recall(self) -> list[RecalledTicket]:
        """The last tickets that left the board, newest first (bounded, rule 4)."""
        return list(self._recall)

    @property
    def unknown_statuses(self) -> Mapping[str, str]:
        """Order id → status string this client does not understand (read-only view)."""
        return self._unknown.view()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Receive every change; returns an unsubscribe function (the board's own feed only:
        a board given a Qt signal as its feed fans out through the signal)."""
        if not isinstance(self._feed, ChangeFeed):
            raise TypeError("this board reports through the feed it was given")
        return self._feed.subscribe(listener)

    def silence(self) -> None:
        """Report nothing more (this board was replaced: its views show another one)."""
        self._feed = ChangeFeed()

    # ------------------------------------------------------------------ alerts, unknown statuses

    def note_unknown_status(self, order_id: str, value: str) -> None:
        """Record that `order_id` arrived with a status this client does not know.

        The ticket keeps its last known state; the condition stays visible in
        `unknown_statuses` until a known status arrives for that order. Logged once per value.
        """
        if self._unknown.note(order_id, value) and self._feed:
            self._feed.emit(UnknownStatusSeen(order_id, value))

    def acknowledge(self, order_id: str) -> bool:
        """Silence the alert of `order_id` (tapped, accepted or rejected); False if none."""
        return self._clear_alert(order_id)

    def answered(self, order_id: str) -> None:
        """The cook has answered `order_id` already — an Accept or Reject kept for the server
        from before a restart, read back from disk — so it must not sound when this board first
        sees it; one already sounding stops. Every order nobody answered still alerts once."""
        if order_id in self._tickets:
            self._clear_alert(order_id)
            return
        self._answered[order_id] = None
        if len(self._answered) > _ANSWERED_MAX:
            del self._answered[next(iter(self._answered))]

    def unacknowledge(self, order_id: str) -> bool:
        """Sound the alert of a new order again (its Accept was undone); False if the order is
        not a new order on the board or is alerting already."""
        ticket = self._tickets.get(order_id)
        if ticket is None or ticket.status is not _PLACED or order_id in self._alerts:
            return False
        self._raise_alert(ticket, self._clock())
        return True

    def clear(self) -> None:
        """Forget every ticket, departure, alert and unknown status."""
        self._tickets.clear()
        self._departed.clear()
        self._alerts.clear_all()
        self._answered.clear()
        self._recall.clear()
        self._unknown.clear()
        if self._feed:
            self._feed.emit(BoardCleared())

    # ------------------------------------------------------------------ changes

    def _add(self, ticket: Ticket, *, alert: bool, now: datetime) -> None:
        self._tickets[ticket.order_id] = ticket
        self._unknown.forget(ticket.order_id)
        feed = self._feed
        if feed:
            feed.emit(OrderAdded(ticket))
        # Rule 7: once per order id first seen as Placed; `alert` is False for an order the
        # board has seen before (it left and came back), so it never sounds twice.
        if alert and ticket.status is _PLACED and ticket.order_id not in self._answered:
            self._raise_alert(ticket, now)

    def _raise_alert(self, ticket: Ticket, now: datetime) -> None:
        self._alerts.raise_for(ticket.order_id, ticket.order_number, now)
        if self._feed:
            self._feed.emit(AlertRaised(ticket.order_id, ticket.order_number))

    def _replace(self, held: Ticket, ticket: Ticket) -> None:
        order_id = ticket.order_id
        self._tickets[order_id] = ticket
        if self._unknown:
            self._unknown.forget(order_id)
        if self._feed:
            self._feed.emit(OrderUpdated(ticket, held.status))
        if ticket.status is not _PLACED and order_id in self._alerts:
            self._clear_alert(order_id)  # accepted or rejected elsewhere

    def _remove(self, ticket: Ticket, final: OrderStatus | None, now: datetime) -> None:
        order_id = ticket.order_id
        del self._tickets[order_id]
        self._departed.put(order_id, now.timestamp(), final is not None)
        self._recall.appendleft(RecalledTicket(ticket, final, now))
        self._unknown.forget(order_id)
        self._clear_alert(order_id)
        if self._feed:
            self._feed.emit(OrderRemoved(order_id, final))

    def _clear_alert(self, order_id: str) -> bool:
        if not self._alerts.clear(order_id):
            return False
        if self._feed:
            self._feed.emit(AlertCleared(order_id))
        return True

"""The kitchen board: a pure, synchronous state machine that applies DESIGN.md rules 1–8.

The app layer does all I/O and feeds the board snapshots, hub events, details and action
results; the board decides what is shown, what is stale, what needs a detail fetch and when the
new-order alert sounds, and reports every change to its subscribers.

How a newer observation is told from an older one is explained in `kds.core.merge`. What the
rules change (the tickets, departures, recall, alerts and unknown statuses) and the change each
reports live in the Board's base, `kds.core.board_state.BoardState`, with the reading side
(`open_orders`, `pending_details`, `all_day`, …).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime
from functools import partial

from kds.core.alerts import Alert
from kds.core.board_state import BoardState
from kds.core.changes import Feed
from kds.core.decode import Rejected
from kds.core.dedupe import RecentIds
from kds.core.errors import UnknownStatusError
from kds.core.merge import compare, merge_observation, merge_row, ticket_from_row
from kds.core.orders import (
    OPEN_STATUSES,
    TERMINAL_STATUSES,
    LifecycleResult,
    OrderDetail,
    OrderEvent,
    OrderSummary,
    status_rank,
)
from kds.core.outcome import ApplyOutcome, BoardStats
from kds.core.ticket import Ticket

__all__ = ["Alert", "Board", "Observation"]

Observation = OrderEvent | Rejected | OrderDetail | LifecycleResult
"""What ``Board.apply`` takes: every input of one order, as the edge decoded it."""

_log = logging.getLogger(__name__)


# A C-level callable: the board reads the clock on every event.
_utcnow: Callable[[], datetime] = partial(datetime.now, UTC)


class Board(BoardState):
    """Open orders of one restaurant, kept consistent with the backend under rules 1–8.

    Attributes:
        restaurant_id: canonical lowercase GUID; payloads of other restaurants are ignored.
        stats: counts of every `ApplyOutcome`, plus snapshots applied.

    Nothing here blocks or does I/O; call it from one thread (the Qt main thread).
    """

    def __init__(
        self,
        restaurant_id: str,
        *,
        dedupe_max_ids: int = 10_000,
        dedupe_max_age_s: float = 1800.0,
        departed_max_ids: int = 10_000,
        recall_size: int = 20,
        clock: Callable[[], datetime] = _utcnow,
        feed: Feed | None = None,
    ) -> None:
        self.restaurant_id = str(uuid.UUID(restaurant_id))
        super().__init__(
            departed_max_ids=departed_max_ids,
            departed_max_age_s=dedupe_max_age_s,
            recall_size=recall_size,
            clock=clock,
            feed=feed,
        )
        self.stats = BoardStats()
        self._seen_events: RecentIds[str, None] = RecentIds(dedupe_max_ids, dedupe_max_age_s)
        self._buffer: list[OrderEvent] | None = None

    # ------------------------------------------------------------------ resync (rules 1, 3, 8)

    @property
    def resyncing(self) -> bool:
        """True between `begin_resync` and `apply_snapshot`/`abort_resync`."""
        return self._buffer is not None

    def begin_resync(self) -> None:
        """Start buffering hub events: call before fetching the snapshot (rule 3)."""
        if self._buffer is None:
            self._buffer = []

    def abort_resync(self) -> None:
        """The snapshot fetch failed: apply what was buffered on the current board and stop."""
        self._replay()

    def apply_snapshot(self, summaries: Iterable[OrderSummary | Rejected]) -> None:
        """Make the open set equal to `summaries`, then replay buffered events (rules 1, 3).

        Tickets missing from the snapshot leave the board and stay closed (an order absent from
        a read taken after it was open can only be terminal); new ones appear with their detail
        pending and alert when Placed (rule 7: an order placed during an outage must not arrive
        silently). A ``Rejected`` row is a row this client could
        not read: it is counted (``reject``) and its order keeps its current ticket rather than
        vanish.

        Call `begin_resync` before starting the fetch: an event applied live between the read
        and this call would add an order the (older) snapshot does not list, and it would be
        dropped as closed.
        """
        now = self._clock()
        rows: dict[str, OrderSummary] = {}
        keep: set[str] = set()
        for s in summaries:
            if isinstance(s, Rejected):
                self.reject(s)
                if s.order_id is not None:
                    keep.add(s.order_id)
                continue
            if s.restaurant_id != self.restaurant_id or s.status not in OPEN_STATUSES:
                continue
            prev = rows.get(s.order_id)  # /new and /active both list Placed orders
            if prev is None or status_rank(s.status) > status_rank(prev.status):
                rows[s.order_id] = s
        for order_id, held in list(self._tickets.items()):
            if order_id not in rows and order_id not in keep:
                self._remove(held, None, now)
        for order_id, row in rows.items():
            current = self._tickets.get(order_id)
            if current is None:
                self._learn_from_row(row, now)
            else:
                self._refresh_from_row(current, row)
        self.stats.snapshots += 1
        self._replay()

    # ------------------------------------------------------------------ live input

    def apply(self, item: Observation) -> ApplyOutcome:
        """One input as the edge decoded it, under rules 2 and 4–7.

        A hub event (buffered during a resync, deduplicated by ``eventId``, an echo of the held
        state is a no-op), the ``Rejected`` of an unreadable one (counted, see `reject`), an
        order's detail (items, note and ETA; an older detail never rolls a status back), or the
        200 of our own lifecycle command (rule 6: applied at once; its echo is then a no-op).
        An order the board does not hold is learnt (rule 5: ``NEEDS_DETAIL``); another
        restaurant's input is ignored.
        """
        if isinstance(item, Rejected):
            return self.reject(item)
        placement: datetime | None = None
        if isinstance(item, LifecycleResult):
            placement = item.placement_timestamp
        elif item.restaurant_id != self.restaurant_id:
            return self._count(ApplyOutcome.IGNORED_OTHER_RESTAURANT)
        elif self._buffer is not None and isinstance(item, OrderEvent):
            self._buffer.append(item)
            return self._count(ApplyOutcome.BUFFERED)
        now = self._clock()
        event = isinstance(item, OrderEvent)
        if isinstance(item, OrderEvent) and not self._seen_events.add(
            item.event_id, now.timestamp()
        ):
            return self._count(ApplyOutcome.DUPLICATE)
        status, ts = item.status, item.last_update_timestamp
        held = self._tickets.get(item.order_id)
        if held is None:
            outcome = self._learn(item, now)
        elif event and held.status is status and held.last_update_timestamp == ts:
            outcome = ApplyOutcome.UNCHANGED  # the echo of our own action, or a re-publication
        else:
            order = compare(status, ts, held.status, held.last_update_timestamp)
            ticket = merge_observation(held, order, item, placement)
            if ticket is None:
                outcome = ApplyOutcome.STALE
            elif order <= 0 and ticket == held:  # a newer observation always changes it
                outcome = ApplyOutcome.UNCHANGED
            elif status in TERMINAL_STATUSES and order > 0:
                self._remove(ticket, status, now)
                outcome = ApplyOutcome.APPLIED
            else:
                self._replace(held, ticket)
                outcome = ApplyOutcome.APPLIED
        self.stats.counts[outcome] += 1  # inline _count: this is the hot path
        return outcome

    def reject(self, rejected: Rejected) -> ApplyOutcome:
        """Count an input the edge could not decode; the board is unchanged. An unknown status
        is remembered for the order (``UnknownStatusSeen``): its ticket keeps its last state."""
        _log.warning("rejected %s: %s", rejected.what, rejected.error)
        if isinstance(rejected.error, UnknownStatusError) and rejected.order_id is not None:
            self.note_unknown_status(rejected.order_id, rejected.error.value)
        return self._count(ApplyOutcome.REJECTED)

    def restore(self, tickets: Iterable[Ticket], acknowledged: Collection[str] = ()) -> int:
        """Show a saved board (`kds.core.board_snapshot`) on this empty one, provisionally.

        A Placed ticket not in `acknowledged` alerts again (it was alerting when saved). The
        next `apply_snapshot` settles them by the usual rules; returns the tickets shown.
        """
        if self._tickets or self._departed:
            raise ValueError("restore needs an empty board")
        now = self._clock()
        for t in tickets:
            if t.status in OPEN_STATUSES and t.order_id not in self._tickets:
                self._add(t, alert=t.order_id not in acknowledged, now=now)
        return len(self._tickets)

    def clear(self) -> None:
        """Forget everything (restaurant switch, logout); stops any resync in progress."""
        self._seen_events.clear()
        self._buffer = None
        super().clear()

    # ------------------------------------------------------------------ internals

    def _count(self, outcome: ApplyOutcome) -> ApplyOutcome:
        self.stats.counts[outcome] += 1
        return outcome

    def _replay(self) -> None:
        buffered, self._buffer = self._buffer, None
        for ev in buffered or ():
            self.apply(ev)

    def _learn(
        self, item: OrderEvent | OrderDetail | LifecycleResult, now: datetime
    ) -> ApplyOutcome:
        """An order the board does not hold (rule 5).

        The ticket always starts with its detail pending, even when `detail` is given: the app
        fetches details only for tickets on the board, so a detail for one that is not is a
        slow response that may predate its cancellation. A fresh fetch settles it.
        """
        order_id, status = item.order_id, item.status
        if order_id in self._departed:
            # It closed (terminal, or absent from a complete snapshot taken after it was
            # open): anything that still says open is older than that.
            return ApplyOutcome.STALE
        if status in TERMINAL_STATUSES:
            # A failed online payment arrives as Cancelled for an order never seen: ignore it,
            # but remember it so a delayed event cannot bring it back.
            self._departed.put(order_id, now.timestamp(), True)
            return ApplyOutcome.IGNORED_TERMINAL_UNKNOWN
        if status not in OPEN_STATUSES:
            return ApplyOutcome.IGNORED_NOT_OPEN
        ticket = Ticket(
            order_id=order_id,
            order_number=item.order_number,
            status=status,
            placement_timestamp=item.placement_timestamp if isinstance(item, OrderDetail) else None,
            last_update_timestamp=item.last_update_timestamp,
            estimated_delivery_time=item.estimated_delivery_time,
            actual_delivery_time=item.actual_delivery_time,
            first_seen=now,
        )
        self._add(ticket, alert=True, now=now)
        return ApplyOutcome.NEEDS_DETAIL

    def _learn_from_row(self, row: OrderSummary, now: datetime) -> None:
        closed = self._departed.get(row.order_id)
        if closed:
            return  # the board saw it terminal: the row predates that
        # Listed again after a resync dropped it: only a skewed paged read can do that, and the
        # newer snapshot wins. It was seen before, so it does not alert again.
        self._add(ticket_from_row(row, now), alert=closed is None, now=now)

    def _refresh_from_row(self, held: Ticket, row: OrderSummary) -> None:
        ticket = merge_row(held, row)
        if ticket != held:
            self._replace(held, ticket)

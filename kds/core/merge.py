"""How one observation of an order (event, detail, action result, queue row) meets the ticket held.

Ordering: every legal transition strictly raises `status_rank`, so for one order the pair
(status rank, lastUpdateTimestamp) orders all observations. Rank comes first because
`lastUpdateTimestamp` is not monotone: "mark delivered" may back-date it to `deliveredAtUtc`
(contract §4.2), and a back-dated Delivered must still close the ticket. Within one rank the
later timestamp wins (two concurrent accepts give two Accepted states); an equal pair is the
same state (our own action's echo). Queue rows carry no timestamp: a row is newer only when its
rank is higher, so a snapshot never rolls back a status the board already holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from kds.core.orders import OrderDetail, OrderStatus, OrderSummary, status_rank
from kds.core.ticket import Ticket

__all__ = ["compare", "merge_observation", "merge_row", "ticket_from_row"]


def compare(
    status: OrderStatus, ts: datetime | None, held: OrderStatus, held_ts: datetime | None
) -> int:
    """+1 if (status, ts) is newer than the held pair, -1 if older, 0 if the same state.

    A missing timestamp (a queue row) makes equal ranks the same state.
    """
    rank, held_rank = status_rank(status), status_rank(held)
    if rank != held_rank:
        return 1 if rank > held_rank else -1
    if ts is None or held_ts is None or ts == held_ts:
        return 0
    return 1 if ts > held_ts else -1


class Observed(Protocol):
    """What every timestamped observation of an order carries (an event, a detail, our own
    action's result)."""

    @property
    def status(self) -> OrderStatus: ...
    @property
    def last_update_timestamp(self) -> datetime: ...
    @property
    def estimated_delivery_time(self) -> datetime | None: ...
    @property
    def actual_delivery_time(self) -> datetime | None: ...


def merge_observation(
    held: Ticket, order: int, seen: Observed, placement: datetime | None = None
) -> Ticket | None:
    """The ticket after the observation ``seen``, ``order`` (see `compare`) away from `held`.

    None when the observation is older and brings nothing new. An older detail still brings its
    items and note, but never its status (rule 2). ``placement``: the placement time an action
    result carries (a detail carries its own).
    """
    detail = seen if isinstance(seen, OrderDetail) else None
    if detail is not None:
        placement = detail.placement_timestamp
    if order < 0:
        if detail is None or held.detail is not None:
            return None
        return Ticket(
            held.order_id,
            held.order_number,
            held.status,
            held.placement_timestamp or placement,
            held.last_update_timestamp,
            held.estimated_delivery_time,
            held.actual_delivery_time,
            held.first_seen,
            detail,
            held.summary,
        )
    # Same state with a known timestamp: keep what is held. Newer, or the held state came
    # from a timestamp-less queue row: the observation's times are the current ones.
    take = order > 0 or held.last_update_timestamp is None
    return Ticket(
        held.order_id,
        held.order_number,
        seen.status,
        held.placement_timestamp or placement,
        seen.last_update_timestamp if take else held.last_update_timestamp,
        seen.estimated_delivery_time if take else held.estimated_delivery_time,
        seen.actual_delivery_time if take else held.actual_delivery_time,
        held.first_seen,
        detail or held.detail,
        held.summary,
    )


def ticket_from_row(row: OrderSummary, now: datetime) -> Ticket:
    """A new ticket from a queue row: header only, detail pending, timestamp unknown."""
    return Ticket(
        order_id=row.order_id,
        order_number=row.order_number,
        status=row.status,
        placement_timestamp=row.placement_timestamp,
        last_update_timestamp=None,
        estimated_delivery_time=None,
        actual_delivery_time=None,
        first_seen=now,
        summary=row,
    )


def merge_row(held: Ticket, row: OrderSummary) -> Ticket:
    """The ticket after a queue row: its status only if it ranks higher (no timestamp)."""
    newer = status_rank(row.status) > status_rank(held.status)
    return Ticket(
        held.order_id,
        held.order_number,
        row.status if newer else held.status,
        row.placement_timestamp,
        None if newer else held.last_update_timestamp,
        held.estimated_delivery_time,
        held.actual_delivery_time,
        held.first_seen,
        held.detail,
        row,
    )

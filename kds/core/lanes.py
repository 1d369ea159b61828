"""Which lane a ticket sits in and how lanes and the active queue are sorted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
from types import MappingProxyType

from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket

__all__ = [
    "LANE_OF_STATUS",
    "QUEUE_PRIORITY",
    "Lane",
    "lane_of",
    "lane_sort_key",
    "lane_tickets",
    "queue_sort_key",
]


class Lane(Enum):
    """The three columns of the kitchen board, in workflow order."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    READY = "ready"

    @property
    def title(self) -> str:
        """Heading shown above the lane."""
        return _TITLES[self]


_TITLES = {Lane.NEW: "New", Lane.IN_PROGRESS: "In progress", Lane.READY: "Ready"}

LANE_OF_STATUS: Mapping[OrderStatus, Lane] = MappingProxyType(
    {
        OrderStatus.PLACED: Lane.NEW,
        OrderStatus.ACCEPTED: Lane.IN_PROGRESS,
        OrderStatus.PREPARING: Lane.IN_PROGRESS,
        OrderStatus.READY_FOR_DELIVERY: Lane.READY,
    }
)

QUEUE_PRIORITY: Mapping[OrderStatus, int] = MappingProxyType(
    {
        OrderStatus.PLACED: 1,
        OrderStatus.ACCEPTED: 2,
        OrderStatus.PREPARING: 3,
        OrderStatus.READY_FOR_DELIVERY: 4,
    }
)
"""Status priority of the backend's active queue (contract §4.1)."""


def lane_of(status: OrderStatus) -> Lane | None:
    """The lane for an open status; None for AwaitingPayment and terminal statuses."""
    return LANE_OF_STATUS.get(status)


def lane_sort_key(ticket: Ticket) -> tuple[datetime, str]:
    """Oldest first within a lane: placement time, then order id (as the backend sorts)."""
    return (ticket.placed_at, ticket.order_id)


def lane_tickets(tickets: Iterable[Ticket], lane: Lane) -> list[Ticket]:
    """The tickets of one lane, oldest first."""
    return sorted((t for t in tickets if LANE_OF_STATUS.get(t.status) is lane), key=lane_sort_key)


def queue_sort_key(ticket: Ticket) -> tuple[int, datetime, str]:
    """The active queue's order: status priority, placement time, order id (contract §4.1)."""
    return (QUEUE_PRIORITY.get(ticket.status, 99), ticket.placed_at, ticket.order_id)

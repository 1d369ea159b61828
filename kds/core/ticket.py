"""The board's view of one open order: what is known, from where, and what is still missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kds.core.orders import OrderDetail, OrderItem, OrderStatus, OrderSummary

__all__ = ["RecalledTicket", "Ticket"]


@dataclass(frozen=True, slots=True)
class Ticket:
    """One order on the board. Immutable: the board replaces it on every change.

    A ticket can exist before its detail is known (rule 1: show the header first), so the item
    list, note and placement time may be missing; `detail_pending` says so.

    Attributes:
        last_update_timestamp: None while the ticket is known only from a queue row, which
            carries no timestamp; any later event, detail or action result fills it.
        placement_timestamp: None when the ticket was learned from a hub event (the broadcast
            DTO has no placement time) and no detail has arrived yet.
        first_seen: the board's clock when the ticket appeared; the fallback for ageing.
    """

    order_id: str
    order_number: str
    status: OrderStatus
    placement_timestamp: datetime | None
    last_update_timestamp: datetime | None
    estimated_delivery_time: datetime | None
    actual_delivery_time: datetime | None
    first_seen: datetime
    detail: OrderDetail | None = None
    summary: OrderSummary | None = None

    @property
    def detail_pending(self) -> bool:
        """True until the order's detail (items, note) has been applied."""
        return self.detail is None

    @property
    def placed_at(self) -> datetime:
        """Best known placement time: the real one, else the last update, else first seen.

        For an order first seen through `ReceiveOrderPlaced` the last update is its placement.
        """
        return self.placement_timestamp or self.last_update_timestamp or self.first_seen

    @property
    def items(self) -> tuple[OrderItem, ...]:
        """The order lines, empty while the detail is pending."""
        return () if self.detail is None else self.detail.items

    @property
    def note(self) -> str:
        """The customer's order-level instruction, ``""`` if none or not yet known."""
        return "" if self.detail is None else self.detail.note


@dataclass(frozen=True, slots=True)
class RecalledTicket:
    """A ticket that left the board, kept in the bounded recall list (rule 4).

    Attributes:
        final_status: the terminal status, or None when the order simply vanished from a resync
            snapshot (the board knows it closed but not how).
    """

    ticket: Ticket
    final_status: OrderStatus | None
    left_at: datetime

"""Order statuses (contract section 5) as one enum: the only place their wire strings are spelled.

The server keeps its own enum rather than importing the client's (`kds.core`): the reference
backend must stay independent of every client layer (import-linter contract).
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    """The backend's `OrderStatus`, values exactly as the JSON and the hubs carry them.

    A StrEnum, so a member serializes, compares and stores as its wire string.
    Declaration order is the backend's and the OpenAPI enum's order.
    """

    AWAITING_PAYMENT = "AwaitingPayment"
    PLACED = "Placed"
    ACCEPTED = "Accepted"
    PREPARING = "Preparing"
    READY_FOR_DELIVERY = "ReadyForDelivery"
    DELIVERED = "Delivered"
    CANCELLED = "Cancelled"
    REJECTED = "Rejected"


S = OrderStatus
STATUSES: tuple[OrderStatus, ...] = tuple(OrderStatus)
# The kitchen's queue: what `orders/active` lists and a restaurant may still cancel.
OPEN: tuple[OrderStatus, ...] = (S.PLACED, S.ACCEPTED, S.PREPARING, S.READY_FOR_DELIVERY)
TERMINAL: tuple[OrderStatus, ...] = (S.DELIVERED, S.CANCELLED, S.REJECTED)
# Orders whose customer gets an `OrderOwner:{id}` claim at sign-in (contract 2.3).
ACTIVE_FOR_CUSTOMER: tuple[OrderStatus, ...] = (S.AWAITING_PAYMENT, *OPEN)
# What a customer may still cancel (CancelOrderCommandHandler), and the DTO's `cancellable`.
CUSTOMER_CANCELLABLE: tuple[OrderStatus, ...] = (S.PLACED, S.ACCEPTED)
SHOWN_CANCELLABLE: tuple[OrderStatus, ...] = (S.AWAITING_PAYMENT, S.PLACED)
# Active-queue priority first (Placed=1 … ReadyForDelivery=4); the rest sort after.
STATUS_RANK: dict[OrderStatus, int] = {status: rank for rank, status in enumerate(STATUSES)}

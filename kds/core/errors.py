"""Typed errors for bad input from the backend, so callers can reject it without crashing."""

from __future__ import annotations

__all__ = ["ProtocolError", "UnknownStatusError"]


class ProtocolError(ValueError):
    """The backend sent something that does not match the contract.

    Attributes:
        field: the JSON path of the offending value (``"items[2].quantity"``), or ``""`` for
            the whole object, so a log line points at the exact spot in the payload.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        where = field if field else "<root>"
        super().__init__(f"{where}: {problem}")


class UnknownStatusError(ProtocolError):
    """A status string this client does not know (a newer backend may add statuses).

    It is its own type because the right reaction differs from other bad input: the board keeps
    the order's last known state and shows the condition instead of dropping the order.

    Attributes:
        value: the status string as received.
    """

    def __init__(self, field: str, value: str) -> None:
        self.value = value
        super().__init__(field, f"unknown order status {value!r}")

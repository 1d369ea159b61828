"""``listen(model, added=…, updated=…, …)``: per-kind callbacks on a ``BoardModel.changed``.

Tests and benches that care about one kind of change connect here instead of each writing its
own ``isinstance`` chain. The callbacks get plain values: ``added(ticket)``,
``updated(ticket, old_status)``, ``removed(order_id, final_status)`` (``""`` when a resync no
longer listed it), ``alert(order_id, order_number)``, ``alert_cleared(order_id)``,
``cleared()``, ``unknown(order_id, value)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kds.app.board_model import BoardModel
from kds.core.changes import (
    AlertCleared,
    AlertRaised,
    BoardCleared,
    Change,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
    UnknownStatusSeen,
)

Callback = Callable[..., Any]


def listen(
    model: BoardModel,
    *,
    added: Callback | None = None,
    updated: Callback | None = None,
    removed: Callback | None = None,
    alert: Callback | None = None,
    alert_cleared: Callback | None = None,
    cleared: Callback | None = None,
    unknown: Callback | None = None,
) -> None:
    def on_change(change: Change) -> None:
        if isinstance(change, OrderAdded) and added is not None:
            added(change.order)
        elif isinstance(change, OrderUpdated) and updated is not None:
            updated(change.order, change.old_status.value)
        elif isinstance(change, OrderRemoved) and removed is not None:
            final = change.final_status
            removed(change.order_id, "" if final is None else final.value)
        elif isinstance(change, AlertRaised) and alert is not None:
            alert(change.order_id, change.order_number)
        elif isinstance(change, AlertCleared) and alert_cleared is not None:
            alert_cleared(change.order_id)
        elif isinstance(change, BoardCleared) and cleared is not None:
            cleared()
        elif isinstance(change, UnknownStatusSeen) and unknown is not None:
            unknown(change.order_id, change.value)

    model.changed.connect(on_change)

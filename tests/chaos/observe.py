"""What each session under test showed over time: statuses per order, alerts, first sight.

Fed by the ``BoardModel`` signals (the same the GUI renders), so the checker judges what a cook
would have seen, not the board's internals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kds.app.session import Session
from kds.core.ticket import Ticket
from tests.support.changes import listen

RANK = {"Placed": 1, "Accepted": 2, "Preparing": 3, "ReadyForDelivery": 4}


@dataclass
class Observer:
    """Attach to one session; everything it records is in Qt-thread order."""

    name: str
    session: Session
    restaurant_id: str
    alerts: list[str] = field(default_factory=list)
    first_status: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    regressions: list[tuple[str, str, str]] = field(default_factory=list)  # (order, from, to)
    # This session's own lifecycle calls still on the wire. A call delayed by the proxy can
    # reach the server after the heal, so "converged" only counts once none is in flight
    # (seed 701: an accept landed 1.5 s late, after the boards had matched the truth).
    actions_in_flight: int = 0
    # Orders alerting when this terminal was switched off (`World.restart_terminal`): their
    # alert sounds again when it comes back, rightly; that second alert is not a duplicate.
    forgiven: set[str] = field(default_factory=set)
    # Alerts raised and not yet answered on the board shown. When the board is dropped (the
    # terminal signed out by the faults, then in again by its cook: seed 1113) they sound again
    # on the next board, rightly, as after a restart: forgiven once.
    sounding: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        model = self.session.board
        listen(
            model,
            alert=self._on_alert,
            alert_cleared=self.sounding.discard,
            cleared=self._on_board_dropped,
            added=self._on_ticket,
            updated=self._on_ticket,
        )
        self.session.action_started.connect(self._on_action_started)
        self.session.action_finished.connect(self._on_action_ended)
        self.session.action_failed.connect(self._on_action_ended)
        self.session.action_held.connect(self._on_action_ended)  # no server: kept, not on the wire

    def _on_action_started(self, *_: str) -> None:
        self.actions_in_flight += 1

    def _on_action_ended(self, *_: str) -> None:
        self.actions_in_flight = max(0, self.actions_in_flight - 1)  # failed before it started

    def _on_board_dropped(self) -> None:
        self.forgiven |= self.sounding
        self.sounding.clear()

    def _on_alert(self, order_id: str, _number: str) -> None:
        self.sounding.add(order_id)
        if order_id in self.forgiven:
            self.forgiven.discard(order_id)
            return
        self.alerts.append(order_id)

    def _on_ticket(self, ticket: Ticket, *_old_status: str) -> None:
        order_id = ticket.order_id
        status = ticket.status.value
        self.first_status.setdefault(order_id, status)
        seen = self.statuses[order_id]
        if seen and RANK.get(status, 99) < RANK.get(seen[-1], 99):
            self.regressions.append((order_id, seen[-1], status))
        if not seen or seen[-1] != status:
            seen.append(status)

    def board(self) -> list[tuple[str, str, Any]]:
        return [
            (t.order_id, t.status.value, t.last_update_timestamp)
            for t in self.session.board.tickets()
        ]

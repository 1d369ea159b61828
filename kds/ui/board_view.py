"""`BoardView`: the three lanes of a `BoardModel`, with selection and the 1 Hz timer tick.

Each model signal touches one ticket view: added → one insert, changed → that view's labels
(and a move if its lane or sort position changed), removed → one delete. The tick asks each
view to refresh its timer text, which repaints only views whose text or level changed.

`parts_of` and `offscreen_indicator` say which widgets show a ticket and which widget counts the
tickets out of view: what `bench/board_density.py` measures (visible tickets, taps, paint) in
terms any layout can answer, so the figures compare across layouts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kds.app.board_model import BoardModel
from kds.core.actions import Action, next_step
from kds.core.changes import BoardCleared, Change, OrderAdded, OrderRemoved, OrderUpdated
from kds.core.lanes import LANE_OF_STATUS, Lane
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerThresholds
from kds.ui.lane_view import LaneView
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_view import TicketView

__all__ = ["BoardView", "TicketParts", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class TicketParts:
    """The widgets that show one ticket: what a cook must see to read it and tap to move it on.

    Tuples because a layout may split one ticket over several widgets (a long order continued
    in the next column): the ticket is readable only when every one of them is on screen.

    Attributes:
        number: the widgets showing the ticket's short number.
        lines: the widgets showing its item lines (with their choices).
        step: the button of its primary step (`kds.core.actions.next_step` of its status), or
            None when it offers none.
    """

    number: tuple[QWidget, ...]
    lines: tuple[QWidget, ...]
    step: QWidget | None


class BoardView(QWidget):
    """New / In progress / Ready columns over a `BoardModel`.

    Signals:
        step_requested(ActionRequest): a ticket's step that needs no input was tapped.
        action_requested(order_id, action): a ticket's step that needs input was tapped.
        ticket_tapped(order_id): a ticket card was tapped (acknowledges its alert).
        selection_changed(order_id): the selected ticket ("" for none).

    Attributes:
        lanes: lane → its `LaneView`.
        views: order id → its `TicketView`.
        selected_id: the selected ticket's order id, or None.
    """

    step_requested = Signal(object)
    action_requested = Signal(str, str)
    ticket_tapped = Signal(str)
    selection_changed = Signal(str)

    def __init__(
        self,
        model: BoardModel,
        *,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        clock: Callable[[], datetime] = utc_now,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._thresholds = thresholds
        self._clock = clock
        self.views: dict[str, TicketView] = {}
        self.selected_id: str | None = None
        self.lanes = {lane: LaneView(lane) for lane in Lane}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        for lane in Lane:
            layout.addWidget(self.lanes[lane], 1)
        model.changed.connect(self._on_change)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        now = clock()
        for ticket in model.tickets():
            self._add(ticket, now)

    # ------------------------------------------------------------------ reading

    def ticket_view(self, order_id: str) -> TicketView | None:
        return self.views.get(order_id)

    def lane_ids(self, lane: Lane) -> list[str]:
        """Order ids in display order (tests, keyboard)."""
        return [v.order_id for v in self.lanes[lane].views]

    def parts_of(self, order_id: str) -> TicketParts | None:
        """The widgets showing `order_id`'s ticket, or None when it is not on the board.

        Here one card per ticket: its number label, its items label and its step button.
        """
        view = self.views.get(order_id)
        if view is None:
            return None
        action = next_step(view.ticket.status)
        step = view.button(action) if action is not None else None
        return TicketParts((view.number_label,), (view.items_label,), step)

    @property
    def offscreen_indicator(self) -> QWidget | None:
        """The widget that tells the cook how many tickets are out of view, if the layout has
        one. None here: each lane scrolls, and only its title's count ("New (20)") says so."""
        return None

    # ------------------------------------------------------------------ model → view

    def _add(self, ticket: Ticket, now: datetime) -> None:
        lane = LANE_OF_STATUS.get(ticket.status)
        if lane is None or ticket.order_id in self.views:
            return
        home = self.lanes[lane]
        view = TicketView(ticket, now, self._theme, self._thresholds, parent=home.content)
        view.step_requested.connect(self.step_requested)  # signal to signal: no code of ours
        view.action_requested.connect(self.action_requested)
        view.tapped.connect(self._on_view_tapped)
        self.views[ticket.order_id] = view
        home.insert(view)

    def _on_change(self, change: Change) -> None:
        """The board's change, as the Board emitted it through the model's signal."""
        if isinstance(change, OrderUpdated):  # the common case, handled here: one hop less
            ticket = change.order
            view = self.views.get(ticket.order_id)
            if view is None:
                self._add(ticket, self._clock())
                return
            old_lane = LANE_OF_STATUS.get(view.ticket.status)
            new_lane = LANE_OF_STATUS.get(ticket.status)
            view.set_ticket(ticket, self._clock())
            if old_lane is not new_lane and old_lane is not None and new_lane is not None:
                self.lanes[old_lane].take(view)
                self.lanes[new_lane].insert(view)
            elif new_lane is not None:
                self.lanes[new_lane].reposition(view)
        elif isinstance(change, OrderAdded):
            self._add(change.order, self._clock())
        elif isinstance(change, OrderRemoved):
            self._remove(change.order_id)
        elif isinstance(change, BoardCleared):
            self._clear()

    def _remove(self, order_id: str) -> None:
        view = self.views.pop(order_id, None)
        if view is None:
            return
        lane = LANE_OF_STATUS.get(view.ticket.status)
        if lane is not None:
            self.lanes[lane].take(view)
        if self.selected_id == order_id:
            self._select(None)
        view.hide()  # out of the layout but still a child until deleted: never paint it again
        view.deleteLater()

    def _clear(self) -> None:
        for lane in self.lanes.values():
            for view in list(lane.views):
                lane.take(view)
                view.hide()
                view.deleteLater()
        self.views.clear()
        self._select(None)

    def tick(self) -> int:
        """Refresh every ticket's timer; returns how many views changed (the 1 Hz clock)."""
        now = self._clock()
        return sum(1 for view in self.views.values() if view.tick(now))

    # ------------------------------------------------------------------ per-ticket state

    def set_busy(self, order_id: str, action: Action | None) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_busy(action)

    def set_error(self, order_id: str, text: str | None) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_error(text)

    def set_flashing(self, order_id: str, flashing: bool) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_flashing(flashing)

    def set_flash_phase(self, on: bool) -> None:
        for view in self.views.values():
            if view.flashing:
                view.set_flash_phase(on)

    # ------------------------------------------------------------------ selection

    def _on_view_tapped(self, order_id: str) -> None:
        self._select(order_id)
        self.ticket_tapped.emit(order_id)

    def select(self, order_id: str | None) -> None:
        self._select(order_id if order_id in self.views else None)

    def _select(self, order_id: str | None) -> None:
        if order_id == self.selected_id:
            return
        old = self.views.get(self.selected_id or "")
        if old is not None:
            old.set_selected(False)
        self.selected_id = order_id
        view = self.views.get(order_id or "")
        if view is not None:
            view.set_selected(True)
            lane = LANE_OF_STATUS.get(view.ticket.status)
            if lane is not None:
                self.lanes[lane].ensure_visible(view)
        self.selection_changed.emit(order_id or "")

    def _position(self) -> tuple[int, int]:
        """(lane index, ticket index) of the selection; (0, -1) when nothing is selected."""
        view = self.views.get(self.selected_id or "")
        if view is None:
            return 0, -1
        lane = LANE_OF_STATUS[view.ticket.status]
        return list(Lane).index(lane), self.lanes[lane].index_of(view)

    def move_selection(self, d_lane: int, d_index: int) -> None:
        """Arrow keys: up/down within a lane, left/right to the neighbouring non-empty lane."""
        lanes = list(Lane)
        lane_i, index = self._position()
        if d_lane:
            for step in range(1, len(lanes)):
                candidate = lane_i + d_lane * step
                if not 0 <= candidate < len(lanes):
                    break
                views = self.lanes[lanes[candidate]].views
                if views:
                    self._select(views[min(max(index, 0), len(views) - 1)].order_id)
                    return
            return
        views = self.lanes[lanes[lane_i]].views
        if not views:
            for lane in lanes:  # nothing selected yet: start at the first non-empty lane
                if self.lanes[lane].views:
                    self._select(self.lanes[lane].views[0].order_id)
                    return
            return
        self._select(views[min(max(index + d_index, 0), len(views) - 1)].order_id)

    def select_number(self, n: int) -> None:
        """Number key `n` (1-based): the n-th ticket of the selected ticket's lane (or New)."""
        lane_i, _ = self._position()
        views = self.lanes[list(Lane)[lane_i]].views
        if 1 <= n <= len(views):
            self._select(views[n - 1].order_id)

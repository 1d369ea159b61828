"""`BoardView`: the rush board — every open order in one oldest-first flow of columns, paged.

Where each card goes is a pure plan (`flow.plan_flow`) over the cards' measured heights; this
view keeps one `TicketView` per open order (plus `TicketContinuation` cards for a ticket
taller than a column), places the cards of the page shown, hides the rest, and keeps the
`PagerBar` at its foot saying what is off screen. A model change touches one ticket's labels
and re-plans from cached heights, so an event costs the same however long the shift has run.
The 1 Hz tick refreshes timers (repainting only the cards whose text or level changed) and
the pager's "oldest off screen" age. After 30 s without a touch the board returns to page 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kds.app.board_model import BoardModel
from kds.core.actions import Action
from kds.core.changes import (
    BoardCleared,
    Change,
    MenuChanged,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
)
from kds.core.lanes import LANE_OF_STATUS, Lane
from kds.core.menu import Menu
from kds.core.step_queue import HeldStep
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerThresholds
from kds.ui.board_cards import CardPlacer, TicketParts
from kds.ui.board_order import BoardOrder
from kds.ui.density import Density
from kds.ui.flow import FlowPlan, Segment, neighbour, plan_flow
from kds.ui.line_text import Placement
from kds.ui.pager import PagerBar, page_status
from kds.ui.shown_orders import ShownOrders
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_card import TicketContinuation, band_height
from kds.ui.ticket_view import UNIT_SPACING, TicketView

__all__ = ["IDLE_RETURN_MS", "BoardView", "TicketParts", "utc_now"]

IDLE_RETURN_MS = 30_000
"""Back to page 1 (the oldest orders) after this long without a touch on the board."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class BoardView(QWidget):
    """The open orders of a `BoardModel`, oldest first, in pages of columns.

    Signals:
        step_requested(ActionRequest): a ticket's step that needs no input was tapped.
        action_requested(order_id, action): a ticket's step that needs input was tapped.
        more_requested(order_id): a ticket's "⋯" was tapped.
        eta_requested(order_id): a ticket's Accept was held (the ETA presets).
        undo_requested(order_id): a ticket's Undo was tapped (its step waits).
        done_requested(order_id): "Done here" was tapped on a station screen.
        ticket_tapped(order_id): a ticket card was tapped (acknowledges its alert).
        selection_changed(order_id): the selected ticket ("" for none).
        cancel_held_requested(order_id): a ticket's "✕ Cancel …" (its latest held step).

    Attributes:
        views: order id → its `TicketView`.
        selected_id: the selected ticket's order id, or None.
        page: the page shown (0-based); `plan.pages` pages in all.
        plan: the placement of every card at the current size.
        pager: the foot bar.
    """

    step_requested = Signal(object)
    action_requested = Signal(str, str)
    more_requested = Signal(str)
    eta_requested = Signal(str)
    undo_requested = Signal(str)
    done_requested = Signal(str)
    ticket_tapped = Signal(str)
    selection_changed = Signal(str)
    cancel_held_requested = Signal(str)

    def __init__(
        self,
        model: BoardModel,
        *,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        density: Density = Density.COMFORTABLE,
        clock: Callable[[], datetime] = utc_now,
        tick_ms: int = 1000,
        idle_return_ms: int = IDLE_RETURN_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._thresholds = thresholds
        self._clock = clock
        self.density = density
        metrics = density.metrics
        self._margin = metrics.margin  # spacing is for the eye, not scaled with the text
        self._gap = metrics.gap
        self._column_min = theme.px(metrics.column_width)
        self.views: dict[str, TicketView] = {}
        # Each order's held steps as last told (`set_held`): a ticket made again — back on a
        # station, the board rebuilt — shows them from its first frame.
        self._held: dict[str, tuple[tuple[HeldStep, ...], bool]] = {}
        self._order = BoardOrder()
        self._shown = ShownOrders(Placement(menu=model.menu))
        self.selected_id: str | None = None
        self.page = 0
        self.plan = FlowPlan((), 1, {})
        self.canvas = QWidget()
        self.canvas.setObjectName("boardCanvas")
        self.pager = PagerBar(theme)
        self.pager.previous_requested.connect(self.previous_page)
        self.pager.next_requested.connect(self.next_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.pager)
        band = band_height(theme)
        self._cont_head = self._margin + band + UNIT_SPACING
        self.cards = CardPlacer(self.canvas, theme, self._margin, band, self._on_view_tapped)
        model.changed.connect(self._on_change)
        self.canvas.installEventFilter(self)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_return_ms)
        self._idle.timeout.connect(lambda: self.show_page(0))
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        now = clock()
        for ticket in model.tickets():
            self._shown.put(ticket)
            self._add(ticket, now, relayout=False)
        self.relayout()

    # ------------------------------------------------------------------ reading

    def ticket_view(self, order_id: str) -> TicketView | None:
        return self.views.get(order_id)

    def order_ids(self) -> list[str]:
        """Every open order in flow order (oldest first)."""
        return list(self._order.ids)

    def lane_ids(self, lane: Lane) -> list[str]:
        """The open orders of one status group, oldest first (tests, the demo)."""
        return [i for i in self._order.ids if LANE_OF_STATUS[self.views[i].ticket.status] is lane]

    def page_ids(self, page: int | None = None) -> list[str]:
        """The orders whose first card (and so whose step) is on `page` (default: shown)."""
        page = self.page if page is None else page
        return [s.key for s in self.plan.segments if s.first and s.page == page]

    def continuations(self, order_id: str) -> list[TicketContinuation]:
        return self.cards.continuations(order_id)

    def parts_of(self, order_id: str) -> TicketParts | None:
        """The widgets showing `order_id`'s number, lines and step, on or off the page shown
        (the density bench checks which of them lie inside the window)."""
        view = self.views.get(order_id)
        return None if view is None else self.cards.parts_of(view, self.plan)

    def open_ids(self) -> frozenset[str]:
        """Every open order of the board, shown on this screen or not."""
        return frozenset(self._shown.tickets)

    @property
    def offscreen_indicator(self) -> QWidget:
        """The widget that counts an order that is not on the page shown."""
        return self.pager.summary

    # ------------------------------------------------------------------ model → view

    def _add(self, ticket: Ticket, now: datetime, relayout: bool = True) -> None:
        if LANE_OF_STATUS.get(ticket.status) is None or ticket.order_id in self.views:
            return
        view = TicketView(
            ticket,
            now,
            self._theme,
            self._thresholds,
            self.density,
            parent=self.canvas,
            placement=self.placement,
        )
        view.hide()
        view.ensurePolished()
        view.step_requested.connect(self.step_requested)  # signal to signal: no code of ours
        view.action_requested.connect(self.action_requested)
        view.more_requested.connect(self.more_requested)
        view.undo_requested.connect(self.undo_requested)
        view.done_requested.connect(self.done_requested)
        view.eta_requested.connect(self.eta_requested)
        view.cancel_held_requested.connect(self.cancel_held_requested)
        view.tapped.connect(self._on_view_tapped)
        held = self._held.get(ticket.order_id)
        if held is not None:
            view.set_held(*held)
        self.views[ticket.order_id] = view
        # never narrower than a card's head needs (a longer number, a larger text scale)
        self._column_min = max(self._column_min, view.min_width())
        self._order.insert(ticket)
        self._renumber(ticket.order_number)
        if relayout:
            self.relayout()

    def _on_change(self, change: Change) -> None:
        """The board's change, as the Board emitted it through the model's signal."""
        if isinstance(change, OrderUpdated):  # the common case, handled here: one hop less
            ticket = change.order
            view = self.views.get(ticket.order_id)
            if not self._shown.put(ticket):
                self._remove(ticket.order_id)
            elif view is None:
                self._add(ticket, self._clock())
            else:
                old_number = view.ticket.order_number
                view.set_ticket(ticket, self._clock())
                self._order.reposition(ticket)
                if ticket.order_number != old_number:
                    self._renumber(old_number)
                    self._renumber(ticket.order_number)
                self.relayout()
        elif isinstance(change, OrderAdded):
            if self._shown.put(change.order):
                self._add(change.order, self._clock())
        elif isinstance(change, OrderRemoved):
            self._shown.drop(change.order_id)
            self._remove(change.order_id)
        elif isinstance(change, BoardCleared):
            self._shown.clear()
            self._clear()
        elif isinstance(change, MenuChanged):
            self.set_menu(change.menu)

    @property
    def placement(self) -> Placement:
        return self._shown.placement

    def set_placement(self, placement: Placement) -> None:
        """Place every ticket's lines by another menu, sold-out set or station; tickets the
        station does not show leave, those it now shows come; one re-plan at the end."""
        self._shown.placement = placement
        self._refilter()

    def set_menu(self, menu: Menu | None) -> None:
        self.set_placement(replace(self.placement, menu=menu))

    def set_done(self, done: frozenset[str]) -> None:
        """The orders this station marked "done here": off its screen until recalled."""
        self._shown.done = frozenset(done)
        self._refilter()

    def _refilter(self) -> None:
        now, changed = self._clock(), False
        for order_id, ticket in self._shown.tickets.items():
            view = self.views.get(order_id)
            if not self._shown.shows(ticket):
                if view is not None:
                    self._remove(order_id, relayout=False)
                    changed = True
            elif view is None:
                self._add(ticket, now, relayout=False)
                changed = True
            else:
                changed = view.set_placement(self.placement) or changed
        if changed:
            self.relayout()

    def _remove(self, order_id: str, relayout: bool = True) -> None:
        view = self.views.pop(order_id, None)
        if view is None:
            return
        self._order.remove(order_id)
        if self.selected_id == order_id:
            self._select(None)
        self.cards.drop(view)
        self._renumber(view.ticket.order_number)
        if relayout:
            self.relayout()

    def _clear(self) -> None:
        for view in self.views.values():
            self.cards.drop(view)
        self.views.clear()
        self._order.clear()
        self._select(None)
        self.relayout()

    def _renumber(self, order_number: str) -> None:
        """Give orders sharing a short number enough digits to tell them apart."""
        for order_id, digits in self._order.digits_for(order_number).items():
            view = self.views.get(order_id)
            if view is not None:
                view.set_digits(digits)

    # ------------------------------------------------------------------ layout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The canvas changed size (the window, or the pager's height): re-plan the flow."""
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.relayout()
        return False

    def _columns(self) -> tuple[int, int]:
        """(columns a page, column width) for the canvas's current width."""
        width = self.canvas.width()
        columns = max(1, (width - self._margin) // (self._column_min + self._margin))
        return columns, max(self._column_min // 2, (width - self._margin) // columns - self._margin)

    def relayout(self) -> None:
        """Re-plan the flow from the cards' (cached) heights and place the page shown."""
        columns, column_width = self._columns()
        self.cards.column_width = column_width
        blocks = [self.views[i].measure(column_width) for i in self._order.ids]
        padding = self._margin
        self.plan = plan_flow(
            blocks,
            column_height=max(1, self.canvas.height() - 2 * self._margin),
            columns=columns,
            gap=self._gap,
            padding=padding,
            cont_head=self._cont_head,
        )
        self.page = min(self.page, self.plan.pages - 1)
        segments: dict[str, list[Segment]] = {}
        for segment in self.plan.segments:
            segments.setdefault(segment.key, []).append(segment)
        position = 0
        for order_id, parts in segments.items():
            self.cards.place(self.views[order_id], parts, self.page)
            on_page = parts[0].page == self.page
            position += on_page
            self.views[order_id].set_position(position if on_page else None)
        self._update_pager()

    # ------------------------------------------------------------------ pages

    def show_page(self, page: int) -> None:
        page = min(max(page, 0), self.plan.pages - 1)
        if page != self.page:
            self.page = page
            self.relayout()
        if page:
            self._idle.start()

    def next_page(self) -> None:
        self.show_page(self.page + 1)

    def previous_page(self) -> None:
        self.show_page(self.page - 1)

    def _update_pager(self, now: datetime | None = None) -> None:
        views = [self.views[order_id] for order_id in self._order.ids]
        tickets = [(view.ticket, view.flashing) for view in views]
        now = now or self._clock()
        self.pager.show_status(page_status(tickets, self.plan, self.page, now, self._thresholds))

    def tick(self) -> int:
        """Refresh every ticket's timer and the pager; returns how many views changed."""
        now = self._clock()
        changed = 0
        stale = False
        for view in self.views.values():
            if view.tick(now):
                changed += 1
                self.cards.repaint(view.order_id)  # a continuation shows the level too
                stale = stale or view.needs_measure
        if stale:
            self.relayout()  # an ETA line came or went: that card's height changed
        else:
            self._update_pager(now)
        return changed

    # ------------------------------------------------------------------ per-ticket state

    def set_busy(self, order_id: str, action: Action | None) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_busy(action)

    def set_pending(self, order_id: str, seconds: int | None) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_pending(seconds)

    def set_held(self, order_id: str, held: tuple[HeldStep, ...], offline: bool) -> None:
        """Show the order's steps kept for the server (empty: none) on its ticket, now and
        whenever its ticket is made again."""
        if held:
            self._held[order_id] = (held, offline)
        else:
            self._held.pop(order_id, None)
        view = self.views.get(order_id)
        if view is not None:
            view.set_held(held, offline)
            if view.needs_measure:
                self.relayout()

    def held_ids(self) -> frozenset[str]:
        """The orders shown with held steps (to re-word them when the connection changes)."""
        return frozenset(self._held)

    def set_error(self, order_id: str, text: str | None) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_error(text)
            self.relayout()

    def set_flashing(self, order_id: str, flashing: bool) -> None:
        view = self.views.get(order_id)
        if view is not None:
            view.set_flashing(flashing)
            self.cards.repaint(order_id)
            self._update_pager()

    def set_flash_phase(self, on: bool) -> None:
        for view in self.views.values():
            if view.flashing and view.set_flash_phase(on):
                self.cards.repaint(view.order_id)

    # ------------------------------------------------------------------ selection

    def _on_view_tapped(self, order_id: str) -> None:
        if self.page:
            self._idle.start()  # a touch: stay on this page a while longer
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
            self.cards.repaint(old.order_id)
        self.selected_id = order_id
        view = self.views.get(order_id or "")
        if view is not None:
            view.set_selected(True)
            self.cards.repaint(view.order_id)
            self.show_page(self.plan.page_of.get(view.order_id, self.page))
        self.selection_changed.emit(order_id or "")

    def move_selection(self, d_column: int, d_index: int) -> None:
        """Arrow keys: up/down along the flow, left/right to the neighbouring column."""
        ids = self._order.ids
        if not ids:
            return
        if self.selected_id not in self.views:
            on_page = self.page_ids()
            self._select(on_page[0] if on_page else ids[0])
            return
        index = ids.index(self.selected_id)
        if d_index:
            self._select(ids[min(max(index + d_index, 0), len(ids) - 1)])
            return
        target = neighbour(self.plan, self.selected_id, d_column, max(1, self._columns()[0]))
        if target is not None:
            self._select(target)

    def select_number(self, n: int) -> None:
        """Number key `n` (1-based): the n-th ticket on the page shown."""
        on_page = self.page_ids()
        if 1 <= n <= len(on_page):
            self._select(on_page[n - 1])

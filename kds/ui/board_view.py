"""`BoardView`: the rush board — every open order in one oldest-first flow of columns, paged.

Where each card goes is a pure plan (`flow.plan_flow`) over the cards' measured heights. The
board is three parts: `BoardTickets` keeps one `TicketView` per open order shown, current with
the model; `BoardPages` plans the flow, has `CardPlacer` place the cards of the page shown
(plus `TicketContinuation` cards for a ticket taller than a column), hides the rest, and keeps
the `PagerBar` at its foot saying what is off screen; this widget holds them together and
owns what the page and the keys ask of it: per-ticket state, the 1 Hz tick, the selection.
A model change touches one ticket's labels and re-plans from cached heights, so an event costs
the same however long the shift has run. The tick refreshes timers (repainting only the cards
whose text or level changed) and the pager's "oldest off screen" age. After 30 s without a
touch the board returns to page 1.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kds.app.board_model import BoardModel
from kds.core.actions import Action
from kds.core.lanes import LANE_OF_STATUS, Lane
from kds.core.menu import Menu
from kds.core.step_queue import HeldStep
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerThresholds
from kds.ui.board_cards import CardPlacer, TicketParts
from kds.ui.board_pages import IDLE_RETURN_MS, BoardPages
from kds.ui.board_tickets import BoardTickets
from kds.ui.density import Density
from kds.ui.flow import FlowPlan, neighbour
from kds.ui.line_text import Placement
from kds.ui.pager import PagerBar
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_card import TicketContinuation, band_height
from kds.ui.ticket_requests import TicketRequests
from kds.ui.ticket_view import UNIT_SPACING, TicketView

__all__ = ["BoardView", "TicketParts", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


class BoardView(TicketRequests):
    """The open orders of a `BoardModel`, oldest first, in pages of columns.

    Signals:
        every request of every ticket shown (`TicketRequests`, forwarded from its card), and
        ticket_tapped(order_id): a ticket card was tapped (acknowledges its alert).
        selection_changed(order_id): the selected ticket ("" for none).

    Attributes:
        views: order id → its `TicketView`.
        selected_id: the selected ticket's order id, or None.
        paging: the flow's plan and the page shown (`page`, `plan`, `pager` read it).
    """

    ticket_tapped = Signal(str)
    selection_changed = Signal(str)

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
        self.selected_id: str | None = None
        self.canvas = QWidget()
        self.canvas.setObjectName("boardCanvas")
        self.tickets = BoardTickets(
            Placement(menu=model.menu),
            clock,
            make=self._make,
            dropped=self._dropped,
            relayout=self.relayout,
            parent=self,
        )
        self.views = self.tickets.views
        self._order = self.tickets.order
        margin, band = density.metrics.margin, band_height(theme)
        self.cards = CardPlacer(self.canvas, theme, margin, band, self._on_view_tapped)
        self.paging = BoardPages(
            self.canvas,
            self.cards,
            self.views,
            self._order,
            theme=theme,
            thresholds=thresholds,
            density=density,
            clock=clock,
            cont_head=margin + band + UNIT_SPACING,
            idle_return_ms=idle_return_ms,
            parent=self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.pager)
        model.changed.connect(self.tickets.on_change)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        self.tickets.load(model.tickets())
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
        return self.paging.page_ids(page)

    @property
    def page(self) -> int:
        """The page shown (0-based); `plan.pages` pages in all."""
        return self.paging.page

    @property
    def plan(self) -> FlowPlan:
        """The placement of every card at the current size."""
        return self.paging.plan

    @property
    def pager(self) -> PagerBar:
        """The foot bar."""
        return self.paging.pager

    def continuations(self, order_id: str) -> list[TicketContinuation]:
        return self.cards.continuations(order_id)

    def parts_of(self, order_id: str) -> TicketParts | None:
        """The widgets showing `order_id`'s number, lines and step, on or off the page shown
        (the density bench checks which of them lie inside the window)."""
        view = self.views.get(order_id)
        return None if view is None else self.cards.parts_of(view, self.plan)

    def open_ids(self) -> frozenset[str]:
        """Every open order of the board, shown on this screen or not."""
        return frozenset(self.tickets.shown.tickets)

    @property
    def offscreen_indicator(self) -> QWidget:
        """The widget that counts an order that is not on the page shown."""
        return self.pager.summary

    # ------------------------------------------------------------------ model → view

    @property
    def placement(self) -> Placement:
        return self.tickets.shown.placement

    def set_placement(self, placement: Placement) -> None:
        """Place every ticket's lines by another menu, sold-out set or station (`BoardTickets`)."""
        self.tickets.set_placement(placement)

    def set_menu(self, menu: Menu | None) -> None:
        self.tickets.set_menu(menu)

    def set_done(self, done: frozenset[str]) -> None:
        """The orders this station marked "done here": off its screen until recalled."""
        self.tickets.set_done(done)

    def _make(self, ticket: Ticket, now: datetime) -> TicketView:
        """The card of a ticket that comes onto the screen: its requests are the board's, it
        shows the order's held steps from its first frame, and the columns fit its head."""
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
        self.forward_requests(view)
        view.tapped.connect(self._on_view_tapped)
        held = self.tickets.held.get(ticket.order_id)
        if held is not None:
            view.set_held(*held)
        self.paging.widen(view.min_width())
        return view

    def _dropped(self, view: TicketView) -> None:
        """A card left the board (its order closed, filtered out, or the board cleared)."""
        if self.selected_id == view.order_id:
            self._select(None)
        self.cards.drop(view)

    # ------------------------------------------------------------------ layout and pages

    def relayout(self) -> None:
        """Re-plan the flow from the cards' (cached) heights and place the page shown."""
        self.paging.relayout()

    def show_page(self, page: int) -> None:
        self.paging.show_page(page)

    def next_page(self) -> None:
        self.paging.next_page()

    def previous_page(self) -> None:
        self.paging.previous_page()

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
            self.paging.update_pager(now)
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
        view = self.tickets.set_held(order_id, held, offline)
        if view is not None and view.needs_measure:
            self.relayout()

    def held_ids(self) -> frozenset[str]:
        """The orders shown with held steps (to re-word them when the connection changes)."""
        return frozenset(self.tickets.held)

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
            self.paging.update_pager()

    def set_flash_phase(self, on: bool) -> None:
        for view in self.views.values():
            if view.flashing and view.set_flash_phase(on):
                self.cards.repaint(view.order_id)

    # ------------------------------------------------------------------ selection

    def _on_view_tapped(self, order_id: str) -> None:
        self.paging.touched()
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
        target = neighbour(self.plan, self.selected_id, d_column, max(1, self.paging.columns()[0]))
        if target is not None:
            self._select(target)

    def select_number(self, n: int) -> None:
        """Number key `n` (1-based): the n-th ticket on the page shown."""
        on_page = self.page_ids()
        if 1 <= n <= len(on_page):
            self._select(on_page[n - 1])

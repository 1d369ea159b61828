"""`BoardPages`: where the rush board's cards go at the canvas's size, and which page is shown.

`BoardView` keeps one `TicketView` per open order and turns model changes, taps and keys into
calls on them; this is the other half of the board's job, the geometry: it plans the flow
(`flow.plan_flow` over the cards' cached heights, as many columns as fit the canvas), has the
`CardPlacer` put the page shown on screen, keeps the `PagerBar` at the foot saying what is off
screen, and returns to page 1 after `IDLE_RETURN_MS` without a touch. It reads the board's
cards and their order, never the model: a plan is a function of what the board shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kds.core.timers import TimerThresholds
from kds.ui.board_cards import CardPlacer
from kds.ui.board_order import BoardOrder
from kds.ui.density import Density
from kds.ui.flow import FlowPlan, Segment, plan_flow
from kds.ui.pager import PagerBar, page_status
from kds.ui.theme import Theme
from kds.ui.ticket_view import TicketView

__all__ = ["IDLE_RETURN_MS", "BoardPages"]

IDLE_RETURN_MS = 30_000
"""Back to page 1 (the oldest orders) after this long without a touch on the board."""


class BoardPages(QObject):
    """Plans and pages the cards of `views`, in `order`, on `canvas`.

    Args:
        views, order: the board's cards by order id, and their flow order (read, never
            changed here).
        cont_head: the height of a continuation card's header (planned for each split).

    Attributes:
        page: the page shown (0-based); `plan.pages` pages in all.
        plan: the placement of every card at the current size.
        pager: the foot bar.
        column_min: the narrowest column; widened to the widest card head (`widen`).
    """

    def __init__(
        self,
        canvas: QWidget,
        cards: CardPlacer,
        views: dict[str, TicketView],
        order: BoardOrder,
        *,
        theme: Theme,
        thresholds: TimerThresholds,
        density: Density,
        clock: Callable[[], datetime],
        cont_head: int,
        idle_return_ms: int,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._cards = cards
        self._views = views
        self._order = order
        self._thresholds = thresholds
        self._clock = clock
        metrics = density.metrics
        self._margin = metrics.margin  # spacing is for the eye, not scaled with the text
        self._gap = metrics.gap
        self._cont_head = cont_head
        self.column_min = theme.px(metrics.column_width)
        self.page = 0
        self.plan = FlowPlan((), 1, {})
        self.pager = PagerBar(theme)
        self.pager.previous_requested.connect(self.previous_page)
        self.pager.next_requested.connect(self.next_page)
        canvas.installEventFilter(self)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_return_ms)
        self._idle.timeout.connect(lambda: self.show_page(0))

    def widen(self, head_width: int) -> None:
        """Never narrower than a card's head needs (a longer number, a larger text scale)."""
        self.column_min = max(self.column_min, head_width)

    def page_ids(self, page: int | None = None) -> list[str]:
        """The orders whose first card (and so whose step) is on `page` (default: shown)."""
        page = self.page if page is None else page
        return [s.key for s in self.plan.segments if s.first and s.page == page]

    # ------------------------------------------------------------------ layout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The canvas changed size (the window, or the pager's height): re-plan the flow."""
        if watched is self._canvas and event.type() == QEvent.Type.Resize:
            self.relayout()
        return False

    def columns(self) -> tuple[int, int]:
        """(columns a page, column width) for the canvas's current width."""
        width = self._canvas.width()
        columns = max(1, (width - self._margin) // (self.column_min + self._margin))
        return columns, max(self.column_min // 2, (width - self._margin) // columns - self._margin)

    def relayout(self) -> None:
        """Re-plan the flow from the cards' (cached) heights and place the page shown."""
        columns, column_width = self.columns()
        self._cards.column_width = column_width
        blocks = [self._views[i].measure(column_width) for i in self._order.ids]
        padding = self._margin
        self.plan = plan_flow(
            blocks,
            column_height=max(1, self._canvas.height() - 2 * self._margin),
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
            self._cards.place(self._views[order_id], parts, self.page)
            on_page = parts[0].page == self.page
            position += on_page
            self._views[order_id].set_position(position if on_page else None)
        self.update_pager()

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

    def touched(self) -> None:
        """A touch on the board: stay on this page a while longer."""
        if self.page:
            self._idle.start()

    def update_pager(self, now: datetime | None = None) -> None:
        views = [self._views[order_id] for order_id in self._order.ids]
        tickets = [(view.ticket, view.flashing) for view in views]
        now = now or self._clock()
        self.pager.show_status(page_status(tickets, self.plan, self.page, now, self._thresholds))

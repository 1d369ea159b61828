"""`CardPlacer`: puts each ticket's cards where the flow plan says, on the page shown.

A ticket is its `TicketView` plus, when it is taller than the rest of a column, continuation
cards in the next columns; this module owns those continuations (made when a plan first needs
them, dropped when it no longer does) and answers which widgets show a ticket (`TicketParts`).
Kept out of `BoardView`, which turns model changes, pages and selection into calls here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from kds.ui.flow import FlowPlan, Segment
from kds.ui.line_text import ITEMS
from kds.ui.theme import Theme
from kds.ui.ticket_card import TicketContinuation
from kds.ui.ticket_view import UNIT_SPACING, TicketView

__all__ = ["CardPlacer", "TicketParts"]


@dataclass(frozen=True, slots=True)
class TicketParts:
    """The widgets that show one ticket's number, lines and step (readability checks).

    Attributes:
        number: the short number, and each continuation's "#1234 cont." header.
        lines: the item-line labels, wherever they are shown.
        step: the primary step's button, or None for a ticket without one.
    """

    number: tuple[QWidget, ...]
    lines: tuple[QWidget, ...]
    step: QWidget | None


class CardPlacer:
    """Places cards on `canvas` in columns `margin` px apart.

    Args:
        on_tapped: called with the order id when a continuation card is tapped.
    """

    def __init__(
        self,
        canvas: QWidget,
        theme: Theme,
        margin: int,
        band: int,
        on_tapped: Callable[[str], None],
    ) -> None:
        self._canvas = canvas
        self._theme = theme
        self._margin = margin
        self._band = band
        self._on_tapped = on_tapped
        self._conts: dict[str, list[TicketContinuation]] = {}
        self.column_width = 0

    def continuations(self, order_id: str) -> list[TicketContinuation]:
        return list(self._conts.get(order_id, ()))

    def place(self, view: TicketView, parts: list[Segment], page: int) -> None:
        """Show the ticket's cards that are on `page` where `parts` says; hide the others."""
        width = self.column_width
        first = parts[0]
        if first.page == page:
            view.place(width, first.height, first.stop, first.clipped)
            view.move(self._x(first.column), self._margin + first.top)
            view.show()
        elif view.isVisibleTo(self._canvas):
            view.hide()
        conts = self._conts.setdefault(view.order_id, [])
        wanted = parts[1:]
        while len(conts) > len(wanted):
            _discard(conts.pop())
        for i, segment in enumerate(wanted):
            key = (segment.start, segment.stop, view.units_version)
            if i >= len(conts) or (conts[i].start, conts[i].stop, conts[i].version) != key:
                if i < len(conts):
                    _discard(conts[i])
                conts[i : i + 1] = [self._continuation(view, segment)]
            card = conts[i]
            card.clipped = segment.clipped
            if segment.page == page:
                measured = view.measure(width).units[segment.start : segment.stop]
                heights = [h - UNIT_SPACING for h in measured]
                card.place(width, segment.height, self._band, UNIT_SPACING, heights)
                card.move(self._x(segment.column), self._margin + segment.top)
                card.show()
            elif card.isVisibleTo(self._canvas):
                card.hide()
        if not conts:
            del self._conts[view.order_id]

    def drop(self, view: TicketView) -> None:
        """The ticket left the board: its cards go (hidden now, deleted later)."""
        for card in (view, *self._conts.pop(view.order_id, ())):
            _discard(card)

    def repaint(self, order_id: str) -> None:
        """A continuation shows its ticket's level, flash and selection too."""
        for card in self._conts.get(order_id, ()):
            card.update()

    def parts_of(self, view: TicketView, plan: FlowPlan) -> TicketParts:
        """The widgets showing `view`'s ticket, on or off the page shown."""
        conts = self._conts.get(view.order_id, [])
        first_stop = next(
            (s.stop for s in plan.segments if s.key == view.order_id and s.first),
            len(view.units),
        )
        lines = [u for u in view.units[:first_stop] if u.objectName() == ITEMS]
        lines += [u for c in conts for u in c.units if u.objectName() == ITEMS]
        return TicketParts(
            number=(view.number_label, *(c.header for c in conts)),
            lines=tuple(lines),
            step=view.primary_button,
        )

    def _continuation(self, view: TicketView, segment: Segment) -> TicketContinuation:
        units = view.units_from(segment.start)[: segment.stop - segment.start]
        number = view.number_label.text().removeprefix("#")
        card = TicketContinuation(
            view.order_id, number, units, self._theme, view.state, self._margin, self._canvas
        )
        card.start, card.stop, card.version = segment.start, segment.stop, view.units_version
        card.tapped.connect(self._on_tapped)
        return card

    def _x(self, column: int) -> int:
        return self._margin + column * (self.column_width + self._margin)


def _discard(card: QWidget) -> None:
    card.hide()  # out of the flow but still a child until deleted: never paint it again
    card.deleteLater()

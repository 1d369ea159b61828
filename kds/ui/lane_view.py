"""`LaneView`: one column of tickets (New, In progress or Ready), kept sorted oldest first.

Tickets are inserted at their sorted position (bisect on the core sort key) rather than the
lane being rebuilt, so an event costs one insert or move however long the shift has run.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kds.core.lanes import Lane, lane_sort_key
from kds.ui.ticket_view import TicketView

__all__ = ["LaneView"]

SortKey = tuple[datetime, str]


class LaneView(QFrame):
    """A titled, vertically scrolling column of `TicketView`s.

    Attributes:
        lane: which lane this is.
        views: the ticket views in display order (oldest first).
    """

    def __init__(self, lane: Lane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lane")
        self.lane = lane
        self.views: list[TicketView] = []
        self._keys: list[SortKey] = []
        self.title = QLabel()
        self.title.setObjectName("laneTitle")
        self._content = QWidget()
        self._content.setObjectName("laneContent")
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(3, 4, 3, 4)
        self._column.setSpacing(10)
        # The trailing stretch takes the space the tickets do not need, so tickets keep their
        # height-for-width (wrapped text) and sit at the top without gaps.
        self._column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll_area, 1)
        self._update_title()

    def __len__(self) -> int:
        return len(self.views)

    @property
    def content(self) -> QWidget:
        """The widget tickets live in: build a `TicketView` with it as parent.

        A view built without a parent is style-polished twice, once when it first sizes itself
        and again when `insert` reparents it (the app style sheet is re-resolved for every
        child): 6.3 ms per new ticket at 1920×1080 against 4.5 ms built in place.
        """
        return self._content

    def insert(self, view: TicketView) -> None:
        """Place `view` at its sorted position."""
        key = lane_sort_key(view.ticket)
        index = bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self.views.insert(index, view)
        self._column.insertWidget(index, view)
        view.show()
        self._update_title()

    def take(self, view: TicketView) -> None:
        """Remove `view` from the lane (the caller re-homes or deletes it)."""
        index = self.views.index(view)
        del self.views[index]
        del self._keys[index]
        self._column.removeWidget(view)
        self._update_title()

    def reposition(self, view: TicketView) -> None:
        """Move `view` if its sort key changed (e.g. the detail brought the real placement)."""
        index = self.views.index(view)
        if self._keys[index] != lane_sort_key(view.ticket):
            self.take(view)
            self.insert(view)

    def index_of(self, view: TicketView) -> int:
        return self.views.index(view)

    def ensure_visible(self, view: TicketView) -> None:
        self.scroll_area.ensureWidgetVisible(view, 0, 20)

    def _update_title(self) -> None:
        self.title.setText(f"{self.lane.title} ({len(self.views)})")

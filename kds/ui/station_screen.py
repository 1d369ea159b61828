"""`StationScreen`: a terminal's station — what the board shows, the bar that says so, "done here".

A station terminal (the bar, the grill) shows only the orders with lines for its menu
categories and only those lines (`kds.core.stations`); the expo view (no station) shows
everything. This object applies the terminal's `StationChoice` to the board, keeps the
station bar under the header saying which categories the screen shows (a station never hides
anything silently: a category name its menu lacks is named there, and warned about once per
menu), and keeps the orders this terminal marked "done here".

The marks are saved by `kds.app.done_here.DoneHere` on a thread of their own (the file is
fsynced: the Qt thread never waits on the disk); the screen works from its own copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from kds.app.config import StationChoice
from kds.app.done_here import DoneHere
from kds.app.i18n import translate
from kds.core.changes import BoardCleared, Change, MenuChanged, OrderRemoved
from kds.core.menu import Menu
from kds.core.stations import Station, shown_categories, unknown_categories
from kds.ui.board_view import BoardView
from kds.ui.theme import Theme

__all__ = ["MarksFactory", "StationScreen", "station_text"]

log = logging.getLogger(__name__)

MarksFactory = Callable[[str, str], DoneHere]
"""(restaurant id, station name) → that station's "done here" marks (`Settings.done_here`)."""


def station_text(station: Station, menu: Menu | None) -> str:
    """The station bar's words: the station, what it shows, what its config names in vain."""
    shows = shown_categories(station, menu)  # station and category names are data
    categories = ", ".join(shows) or translate("StationScreen", "no menu category")
    text = translate("StationScreen", "STATION {station} · shows {categories}").format(
        station=station.name.upper(), categories=categories
    )
    text += translate("StationScreen", " + lines in no category")
    if station.show_new:
        text += translate("StationScreen", " · new orders too")
    missing = unknown_categories(station, menu)
    if missing:
        text += translate("StationScreen", " · ⚠ not on this menu: {categories}").format(
            categories=", ".join(missing)
        )
    return text


class StationScreen(QObject):
    """Applies a station to `board_view` and keeps its bar and its "done here" marks.

    Signals:
        notice(str level, str message): something the cook should read (done here, a warning).
        marks_loaded(): the station's saved marks were read (the recall panel lists them).

    Attributes:
        bar: the label under the header (hidden on the expo view).
        station: the station shown, or None (the expo view).
        done: the orders marked "done here" on this station.
    """

    notice = Signal(str, str)
    marks_loaded = Signal()
    _loaded = Signal(int, object)  # (the apply() it answers, the ids read): from the disk thread

    def __init__(
        self,
        board_view: BoardView,
        theme: Theme,
        open_marks: MarksFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = board_view
        self._open_marks = open_marks
        # One disk thread, first in first out: a mark tapped before the file was read is
        # written after it, never lost. `_disk_marks` is touched on that thread only.
        self._disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kds-done-here")
        self._disk_marks: DoneHere | None = None
        self._generation = 0  # which apply() a load answers
        self._warned: set[tuple[str, str]] = set()  # (station, menu restaurant) warned about
        self.station: Station | None = None
        self.done: frozenset[str] = frozenset()
        self.bar = QLabel()
        self.bar.setTextFormat(Qt.TextFormat.PlainText)  # category names are the menu's
        self.bar.setObjectName("stationBar")
        self.bar.setWordWrap(True)  # never cut: the categories it shows must be readable
        self.bar.setStyleSheet(
            f"background: {theme.panel}; color: {theme.text}; font-weight: bold;"
            f" font-size: {theme.px(15)}px; padding: 4px 8px;"
        )
        self.bar.hide()
        self._loaded.connect(self._on_loaded)
        board_view.done_requested.connect(self.mark_done)

    # ------------------------------------------------------------------ the station
    def apply(self, choice: StationChoice, restaurant_id: str | None) -> None:
        """Show `choice`'s station (or the expo view) for `restaurant_id`."""
        if choice.warning:
            log.warning("%s", choice.warning)
            self.notice.emit("warning", choice.warning)
        self.station = choice.station
        self.done = frozenset()
        self._generation += 1
        self._view.set_done(self.done)
        self._view.set_placement(replace(self._view.placement, station=self.station))
        self._show_bar()
        opener = self._open_marks
        if self.station is None or not restaurant_id or opener is None:
            opener = None
        name = self.station.name if self.station is not None else ""
        self._disk.submit(self._open, opener, restaurant_id or "", name, self._generation)

    def _open(self, opener: MarksFactory | None, restaurant_id: str, name: str, gen: int) -> None:
        """On the disk thread: open the station's marks (or none) and tell the Qt thread."""
        self._disk_marks = None if opener is None else opener(restaurant_id, name)
        if self._disk_marks is not None:
            self._loaded.emit(gen, self._disk_marks.order_ids)

    def _write(self, order_id: str, done: bool) -> None:
        """On the disk thread, after the open that came before it."""
        marks = self._disk_marks
        if marks is not None:
            (marks.mark if done else marks.unmark)(order_id)

    def _forget(self, open_order_ids: frozenset[str]) -> None:
        if self._disk_marks is not None:
            self._disk_marks.forget_except(open_order_ids)

    def _on_loaded(self, generation: int, ids: frozenset[str]) -> None:
        if generation != self._generation:
            return  # the station changed while the file was read
        self.done = self.done | ids
        self._view.set_done(self.done)
        self.marks_loaded.emit()

    def on_change(self, change: Change) -> None:
        """The board's change: a new menu re-words the bar; a gone order loses its mark."""
        if isinstance(change, MenuChanged):
            self._show_bar()
        elif isinstance(change, OrderRemoved) and change.order_id in self.done:
            self.bring_back(change.order_id, quiet=True)
        elif isinstance(change, BoardCleared):
            self._show_bar()

    def _show_bar(self) -> None:
        station = self.station
        if station is None:
            self.bar.hide()
            return
        menu = self._view.placement.menu
        self.bar.setText(station_text(station, menu))
        self.bar.show()
        missing = unknown_categories(station, menu)
        key = (station.name, menu.restaurant_id if menu else "")
        if missing and key not in self._warned:
            self._warned.add(key)
            log.warning(
                "Station %s: %s is not a category of this menu (check the station's profile in "
                "config.toml).",
                station.name,
                ", ".join(missing),
            )
            message = translate(
                "StationScreen",
                "Station {station}: {categories} is not a category of this menu (check the "
                "station's profile in config.toml).",
            )
            self.notice.emit(
                "warning", message.format(station=station.name, categories=", ".join(missing))
            )

    # ------------------------------------------------------------------ done here
    def mark_done(self, order_id: str) -> None:
        """This station's part of the order is made: off its screen until recalled."""
        if self.station is None or order_id in self.done:
            return
        self.done = self.done | {order_id}
        self._view.set_done(self.done)
        self._disk.submit(self._write, order_id, True)
        self.notice.emit("info", translate("StationScreen", "Done here. Recall brings it back."))

    def bring_back(self, order_id: str, *, quiet: bool = False) -> None:
        """Recall: the order is on this station's screen again."""
        if order_id not in self.done:
            return
        self.done = self.done - {order_id}
        self._view.set_done(self.done)
        self._disk.submit(self._write, order_id, False)
        if not quiet:
            self.notice.emit("info", translate("StationScreen", "Back on the board."))

    def prune(self, open_order_ids: frozenset[str]) -> None:
        """After a sync: forget the marks of orders no longer open (closed while this terminal
        was off), so the file stays small."""
        kept = self.done & open_order_ids
        if kept != self.done:
            self.done = kept
            self._view.set_done(kept)
        self._disk.submit(self._forget, open_order_ids)

    def stop(self) -> None:
        """Let pending writes finish (a mark must not be lost when the page goes)."""
        self._disk.shutdown(wait=True)

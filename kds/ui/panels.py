"""Look-up panels over the board model: Recall (orders that left the board, and on a station the
orders marked "done here") and All-day counts.

Built from widgets, not HTML: item, choice and note text is the customers' and the server's,
shown as plain text (`StyledText`, plain `QLabel`s); the look comes from object names.
Each panel rebuilds its rows when the board changes while it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kds.app import local_formats
from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.core.allday import AllDayItem
from kds.core.ticket import Ticket
from kds.ui.eighty_six import EightySix
from kds.ui.line_text import Placement, ticket_units
from kds.ui.styled_text import StyledText
from kds.ui.text import STATUS_TEXT, cut_shown, short_number, status_chip
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_card import unit_labels
from kds.ui.widgets import big_button, page_title, touch_button

__all__ = ["AllDayPanel", "RecallPanel"]


def plain_label(text: str, name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data is text, never markup
    label.setWordWrap(wrap)
    return label


class _Panel(QDialog):
    """A full-height scrolling column of rows with a big Close button; rebuilt on changes.

    Args:
        placement: how this screen places lines (menu, sold-out items, station), read each
            time the rows are built.
    """

    def __init__(
        self,
        title: str,
        model: BoardModel,
        theme: Theme,
        parent: QWidget | None,
        placement: Callable[[], Placement],
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._model = model
        self._theme = theme
        self._placement = placement
        heading = page_title(title)
        self.body = QWidget()
        self.body.setObjectName("panelBody")
        self._rows = QVBoxLayout(self.body)
        self._rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        close = big_button(translate("Panel", "Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        model.changed.connect(self.refresh)
        self.resize(760, 640)
        self._built = False
        self._widgets: list[QWidget] = []

    def refresh(self, *_: object) -> None:
        if self.isVisible() or not self._built:
            self._rebuild()

    def _rebuild(self) -> None:
        for widget in self._widgets:
            self._rows.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._widgets = self.rows()
        for widget in self._widgets:
            self._rows.addWidget(widget)
        self._built = True

    def rows(self) -> list[QWidget]:
        """The panel's rows; each subclass builds its own."""
        raise NotImplementedError

    def text(self) -> str:
        """Everything the panel says, row by row, as plain text (tests, accessibility)."""
        if not self._built:
            self._rebuild()
        parts = []
        for row in self._widgets:
            for widget in (row, *row.findChildren(QWidget)):
                if isinstance(widget, StyledText | QLabel | QPushButton):
                    parts.append(widget.text())
        return "\n".join(parts)

    def showEvent(self, event: QShowEvent) -> None:
        self._rebuild()
        super().showEvent(event)


class AllDayPanel(_Panel):
    """How many of each item (and each choice) the New and In-progress tickets still need — of
    this station's lines only, on a station screen."""

    def __init__(
        self,
        model: BoardModel,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        placement: Callable[[], Placement] = Placement,
        sold: EightySix | None = None,
    ):
        self._sold = sold
        super().__init__(translate("AllDayPanel", "All day"), model, theme, parent, placement)
        if sold is not None:
            sold.changed.connect(self.refresh)

    def _sold_rows(self) -> list[QWidget]:
        """What is sold out now, each with "as of HH:MM" and its way back."""
        sold = self._sold
        if sold is None or not sold.state.items:
            return []
        head = translate("AllDayPanel", "⊘ Sold out now ({count})").format(count=len(sold.state))
        rows: list[QWidget] = [plain_label(head, "soldOutHead")]
        for entry in sold.state:
            when = local_formats.clock_time(entry.as_of)
            wait = translate("AllDayPanel", " · the menu has not caught up yet")
            wait = wait if entry.pending else ""
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = translate("AllDayPanel", "⊘ {item} — sold out as of {time}")
            label = plain_label(text.format(item=entry.name, time=when) + wait, "soldOutItem")
            label.setStyleSheet(f"color: {self._theme.critical}; font-weight: bold;")
            back_text = translate("AllDayPanel", "✓ {item} is back").format(item=entry.name)
            back = touch_button(back_text, name="itemBack")
            back.clicked.connect(
                lambda _=False, e=entry: sold.ask(e.item_id, e.name, True, over=self)
            )
            line.addWidget(label, 1)
            line.addWidget(back)
            rows.append(row)
        return rows

    def _mark_button(self, item: AllDayItem) -> QPushButton | None:
        """ "⊘ 86" (or "✓ back") for the item's menu entry; None if the menu does not know it."""
        sold, menu = self._sold, self._placement().menu
        known = [menu.item(i) for i in item.menu_item_ids] if menu is not None else []
        entry = next((e for e in known if e is not None), None)
        if sold is None or entry is None:
            return None
        out = sold.is_sold_out(entry.id)
        text = translate("AllDayPanel", "✓ back") if out else translate("AllDayPanel", "⊘ 86")
        button = touch_button(text, name="markItem")
        tip = (
            translate("AllDayPanel", "{item}: back on the menu")
            if out
            else translate("AllDayPanel", "{item}: sold out")
        )
        button.setToolTip(tip.format(item=entry.name))
        button.clicked.connect(lambda: sold.ask(entry.id, entry.name, out, over=self))
        return button

    def _item_row(self, item: AllDayItem) -> list[QWidget]:
        # the counts are the order's own; the names are cut as a card cuts them (issue 19)
        head = plain_label(f"{item.quantity} × {cut_shown(item.name)}", "allDayItem")
        head.setStyleSheet(f"font-size: {self._theme.px(26)}px; font-weight: bold;")
        mark = self._mark_button(item)
        rows: list[QWidget] = [head]
        if mark is not None:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(head, 1)
            line.addWidget(mark)
            rows = [row]
        for c in item.choices:
            text = f"    {cut_shown(c.group_name)}: {cut_shown(c.choice_name)} ×{c.quantity}"
            choice = plain_label(text, "allDay")
            choice.setStyleSheet(f"color: {self._theme.muted_text};")
            rows.append(choice)
        return rows

    def rows(self) -> list[QWidget]:
        placement = self._placement()
        counts = self._model.all_day(menu=placement.menu, station=placement.station)
        rows: list[QWidget] = [w for item in counts.items for w in self._item_row(item)]
        if not rows:
            rows.append(
                plain_label(translate("AllDayPanel", "Nothing to make right now."), "allDayEmpty")
            )
        rows = [*self._sold_rows(), *rows]
        if placement.station is None:
            footer = translate(
                "AllDayPanel", "Counted over {count} tickets in New and In progress."
            )
        else:
            footer = translate(
                "AllDayPanel",
                "Counted over {count} tickets in New and In progress for station {station}.",
            )
        station = placement.station.name if placement.station is not None else ""
        footer = footer.format(count=counts.tickets_counted, station=station)
        if counts.tickets_pending:
            pending = translate("AllDayPanel", " {count} still loading — totals may grow.")
            footer += pending.format(count=counts.tickets_pending)
        foot = plain_label(footer, "allDayFooter")
        foot.setStyleSheet(f"color: {self._theme.muted_text};")
        rows.append(foot)
        return rows


class RecallPanel(_Panel):
    """The last orders that left the board this session, newest first, with their lines; on a
    station, first the orders it marked "done here", each with "Bring back"."""

    def __init__(
        self,
        model: BoardModel,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        placement: Callable[[], Placement] = Placement,
        done_here: Callable[[], frozenset[str]] = frozenset,
        bring_back: Callable[[str], None] | None = None,
    ):
        self._done_here = done_here
        self._bring_back = bring_back
        title = translate("RecallPanel", "Recall — last orders off the board")
        super().__init__(title, model, theme, parent, placement)

    def _ticket_rows(self, ticket: Ticket, head: str, placement: Placement) -> list[QWidget]:
        label = plain_label(head, "recallHead")
        label.setStyleSheet(f"font-size: {self._theme.px(24)}px; font-weight: bold;")
        units = ticket_units(ticket, placement)
        return [label, *unit_labels(units, self._theme, self.body)]

    def _done_rows(self) -> list[QWidget]:
        rows: list[QWidget] = []
        done = [t for oid in self._done_here() if (t := self._model.get(oid)) is not None]
        if not done:
            return rows
        section = translate("RecallPanel", "Done here ({count})").format(count=len(done))
        rows.append(plain_label(section, "recallSection"))
        for ticket in sorted(done, key=lambda t: t.placed_at):
            number = short_number(ticket.order_number)
            status = status_chip(ticket.status)
            rows += self._ticket_rows(ticket, f"#{number} · {status}", self._placement())
            back = touch_button(translate("RecallPanel", "↶ Bring back"), name="bringBack")
            if self._bring_back is not None:
                back.clicked.connect(lambda _=False, oid=ticket.order_id: self._on_back(oid))
            rows.append(back)
        return rows

    def _on_back(self, order_id: str) -> None:
        if self._bring_back is not None:
            self._bring_back(order_id)
        self._rebuild()

    def rows(self) -> list[QWidget]:
        rows = self._done_rows()
        recalled = self._model.recall()
        whole = replace(self._placement(), station=None)  # a closed order: all of it
        if rows and recalled:
            rows.append(plain_label(translate("RecallPanel", "Left the board"), "recallSection"))
        for entry in recalled:
            ticket = entry.ticket
            final = (
                translate("Status", STATUS_TEXT[entry.final_status])
                if entry.final_status is not None
                else translate("RecallPanel", "Closed elsewhere")
            )
            left = local_formats.clock_time(entry.left_at, seconds=True)
            head = translate("RecallPanel", "#{number} — {status} at {time} · {order}").format(
                number=short_number(ticket.order_number),
                status=final,
                time=left,
                order=ticket.order_number,
            )
            rows += self._ticket_rows(ticket, head, whole)
        if not rows:
            empty = translate("RecallPanel", "No order has left the board yet.")
            rows.append(plain_label(empty, "recallEmpty"))
        return rows

"""Look-up panels over the board model: Recall (orders that left the board) and All-day counts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from kds.app.board_model import BoardModel
from kds.core.ticket import RecalledTicket
from kds.ui.text import STATUS_TEXT, items_html, short_number
from kds.ui.theme import DARK, Theme
from kds.ui.widgets import big_button, page_title

__all__ = ["AllDayPanel", "RecallPanel"]


class _Panel(QDialog):
    """A full-height scrolling text panel with a big Close button; refreshed on model changes."""

    def __init__(self, title: str, model: BoardModel, theme: Theme, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._model = model
        self._theme = theme
        heading = page_title(title)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        close = big_button("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        model.changed.connect(self.refresh)
        self.resize(760, 640)

    def refresh(self, *_: object) -> None:
        if self.isVisible() or not self.body.text():
            self.body.setText(self.render_html())

    def render_html(self) -> str:
        """The panel's content; each subclass renders its own."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        self.body.setText(self.render_html())
        super().showEvent(event)


class AllDayPanel(_Panel):
    """How many of each item (and each choice) the New and In-progress tickets still need."""

    def __init__(self, model: BoardModel, theme: Theme = DARK, parent: QWidget | None = None):
        super().__init__("All day", model, theme, parent)

    def render_html(self) -> str:
        counts = self._model.all_day()
        muted = self._theme.muted_text
        rows = []
        for item in counts.items:
            rows.append(
                f'<div style="font-size:{self._theme.px(26)}px"><b>{item.quantity} ×</b> '
                f"{html.escape(item.name)}</div>"
            )
            for c in item.choices:
                rows.append(
                    f'<div style="color:{muted}">&nbsp;&nbsp;&nbsp;&nbsp;'
                    f"{html.escape(c.group_name)}: {html.escape(c.choice_name)} "
                    f"<b>×{c.quantity}</b></div>"
                )
        if not rows:
            rows.append("<i>Nothing to make right now.</i>")
        footer = f"Counted over {counts.tickets_counted} tickets in New and In progress."
        if counts.tickets_pending:
            footer += f" <b>{counts.tickets_pending} still loading — totals may grow.</b>"
        return "".join(rows) + f'<p style="color:{muted}">{footer}</p>'


class RecallPanel(_Panel):
    """The last orders that left the board this session, newest first, with their details."""

    def __init__(self, model: BoardModel, theme: Theme = DARK, parent: QWidget | None = None):
        super().__init__("Recall — last orders off the board", model, theme, parent)

    def _entry(self, recalled: RecalledTicket) -> str:
        ticket = recalled.ticket
        final = (
            STATUS_TEXT[recalled.final_status]
            if recalled.final_status is not None
            else "Closed elsewhere"
        )
        left = recalled.left_at.astimezone().strftime("%H:%M:%S")
        head = (
            f'<div style="font-size:{self._theme.px(26)}px"><b>#'
            f"{html.escape(short_number(ticket.order_number))}</b> — {html.escape(final)} "
            f'<span style="color:{self._theme.muted_text}">at {left} · '
            f"{html.escape(ticket.order_number)}</span></div>"
        )
        note = f"<div><i>Note: {html.escape(ticket.note)}</i></div>" if ticket.note else ""
        return head + items_html(ticket, self._theme.muted_text) + note + "<hr>"

    def render_html(self) -> str:
        recalled = self._model.recall()
        if not recalled:
            return "<i>No order has left the board yet.</i>"
        return "".join(self._entry(r) for r in recalled)

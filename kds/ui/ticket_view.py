"""`TicketView`: one order on the board, readable from two metres, with its one-tap buttons.

The view paints its own card (background, level-coloured border, flash, selection) so that a
flash or a selection change is a cheap `update()` of one widget, not a style-sheet re-polish.
`set_ticket` touches only the labels whose content changed; `tick` rewrites the timer text only
when the displayed second or level changes.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kds.core.actions import ACTIONS_FOR_STATUS, Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerLevel, TimerThresholds, ticket_timer
from kds.ui.actions import BUSY_LABELS, LABELS
from kds.ui.text import (
    STATUS_TEXT,
    emphasise_allergies,
    has_allergy_word,
    items_html,
    payment_text,
    short_number,
)
from kds.ui.theme import DARK, Theme

__all__ = ["TicketView"]


def _label(name: str, *, wrap: bool = False, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    if wrap:  # wrapped labels must be allowed to grow taller, never elide (issue 8, item 8)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class TicketView(QWidget):
    """Renders one `Ticket`.

    Signals:
        step_requested(ActionRequest): a step that needs no input was tapped (Start, Ready,
            Handed over): it goes straight to the session.
        action_requested(order_id, action): a step that needs input was tapped (`Action`
            value: Accept's ETA, a reason): the page opens its dialog.
        tapped(order_id): the card itself was tapped (select, acknowledge the alert).

    Attributes:
        ticket: the ticket shown.
        level: the timer level at the last tick.
        busy_action: the action in flight, or None.
    """

    step_requested = Signal(object)
    action_requested = Signal(str, str)
    tapped = Signal(str)

    def __init__(
        self,
        ticket: Ticket,
        now: datetime,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._thresholds = thresholds
        self.level = TimerLevel.OK
        self.busy_action: Action | None = None
        self.selected = False
        self.flashing = False
        self._flash_on = False
        self._timer_text = ""
        self._eta_text = ""
        self._buttons: dict[Action, QPushButton] = {}
        self._shown_actions: tuple[Action, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The card's content lives in `_body`, laid out by the card itself (see `_fit_height`).
        self._body = QWidget(self)
        self._body.setObjectName("ticketBody")

        self.number_label = _label("ticketNumber")
        self.timer_label = _label("ticketTimer", rich=True)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.eta_label = _label("ticketEta", rich=True)
        self.eta_label.hide()
        self._fix_clock_label_sizes()
        self.meta_label = _label("ticketMeta", wrap=True, rich=True)
        self.items_label = _label("ticketItems", wrap=True, rich=True)
        self.note_label = _label("ticketNote", wrap=True, rich=True)
        self.error_label = _label("ticketError", wrap=True)
        self.note_label.hide()
        self.error_label.hide()

        top = QHBoxLayout()
        top.addWidget(self.number_label)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        self._button_grid = QGridLayout()
        self._button_grid.setSpacing(8)
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(16, 6, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.eta_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.items_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addLayout(self._button_grid)

        self._body_layout = layout
        self.ticket = ticket
        self._render_all(ticket)
        self.tick(now)
        self._fit_height(layout.totalSizeHint().width())

    # ------------------------------------------------------------------ geometry

    def content_height(self, width: int) -> int:
        """The height the card needs at `width`: its text wrapped, nothing cut."""
        layout = self._body_layout
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def _fit_height(self, width: int | None = None) -> None:
        """Make the card exactly as tall as its wrapped content at its width.

        Why not let the lane's layout ask each card for its height-for-width: Qt then
        re-wraps the text of *every* card in the lane on each change, so one new order cost
        ~100 ms with 150 tickets in a lane. With a fixed height per card the lane's layout
        pass is ~0.5 ms whatever the lane's length; only the changed card re-wraps.
        """
        width = self.width() if width is None else width
        height = self.content_height(width)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)
        self._body.setGeometry(0, 0, width, height)

    def sizeHint(self) -> QSize:
        return QSize(self._body_layout.totalSizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._body_layout.totalMinimumSize().width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()
        else:
            self._body.setGeometry(0, 0, self.width(), self.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the content changed size
            self._fit_height()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ model → view

    @property
    def order_id(self) -> str:
        return self.ticket.order_id

    def set_ticket(self, ticket: Ticket, now: datetime) -> None:
        """Show a newer version of the ticket; only changed parts are re-rendered."""
        old, self.ticket = self.ticket, ticket
        if ticket.status is not old.status:
            self.busy_action = None  # our action (or someone else's) has landed
            self.set_error(None)
            self._render_buttons(ticket.status)
        if ticket.detail is not old.detail:
            self._render_items(ticket)
            self._render_note(ticket)
        if ticket.order_number != old.order_number:
            self._render_number(ticket)
        self._render_meta(ticket)
        self.tick(now)

    def tick(self, now: datetime) -> bool:
        """Refresh the age/ETA text and level; returns True if anything visible changed."""
        timer = ticket_timer(self.ticket, now, self._thresholds)
        level = timer.level
        colour = self._theme.level_colour(level)
        text = f'<span style="color:{colour}">{level.icon} {timer.age_text}</span>'
        text += f'<br><span style="color:{colour}; font-size:{self._theme.px(16)}px">'
        text += f"{level.label}</span>"
        eta = ""
        if timer.eta_text is not None and self.ticket.status is not OrderStatus.PLACED:
            late = timer.eta_remaining is not None and timer.eta_remaining.total_seconds() < 0
            eta_word = "LATE by" if late else "ETA in"
            eta_value = timer.eta_text.removeprefix("-")
            eta = f'<span style="color:{colour}">{eta_word} {eta_value}</span>'
        changed = False
        if text != self._timer_text:
            self._timer_text = text
            self.timer_label.setText(text)
            changed = True
        if eta != self._eta_text:
            self._eta_text = eta
            self.eta_label.setText(eta)
            self.eta_label.setVisible(bool(eta))
            changed = True
        if level is not self.level:
            self.level = level
            self.update()
            changed = True
        return changed

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on its button and block every button (no double-fire)."""
        self.busy_action = action
        for act, button in self._buttons.items():
            button.setEnabled(action is None)
            button.setText(BUSY_LABELS[act] if act is action else LABELS[act])

    def set_error(self, text: str | None) -> None:
        """Show the server's text for a failed action on the ticket (None hides it)."""
        if text:
            self.error_label.setText(f"⚠ {text}")
            self.error_label.show()
        else:
            self.error_label.hide()
            self.error_label.clear()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def set_flashing(self, flashing: bool) -> None:
        if flashing != self.flashing:
            self.flashing = flashing
            self._flash_on = flashing
            self.update()

    def set_flash_phase(self, on: bool) -> None:
        """Called by the board's flash clock; repaints only a flashing ticket."""
        if self.flashing and on != self._flash_on:
            self._flash_on = on
            self.update()

    def button(self, action: Action) -> QPushButton | None:
        """The button for `action` if the ticket currently shows it (tests, keyboard)."""
        return self._buttons.get(action) if action in self._shown_actions else None

    # ------------------------------------------------------------------ rendering

    def _fix_clock_label_sizes(self) -> None:
        """Give the labels rewritten every second a fixed size, fitting their widest text.

        A fixed-size widget does not ask its parent layouts for new geometry when its text
        changes (Qt skips the propagation), so the 1 Hz tick repaints two small labels instead
        of re-laying-out (re-wrapping) every ticket of the lane.
        """
        theme = self._theme
        for label in (self.timer_label, self.eta_label):
            label.ensurePolished()
        big = QFontMetrics(self.timer_label.font())
        small_font = QFont(self.timer_label.font())
        small_font.setPixelSize(theme.px(16))
        small = QFontMetrics(small_font)
        widest = max(big.horizontalAdvance(f"{level.icon} 999:59") for level in TimerLevel)
        width = max(widest, max(small.horizontalAdvance(lv.label) for lv in TimerLevel)) + 6
        self.timer_label.setFixedSize(width, big.height() + small.height() + 6)
        eta = QFontMetrics(self.eta_label.font())
        self.eta_label.setFixedSize(eta.horizontalAdvance("LATE by 999:59") + 6, eta.height() + 4)

    def _render_all(self, ticket: Ticket) -> None:
        self._render_number(ticket)
        self._render_meta(ticket)
        self._render_items(ticket)
        self._render_note(ticket)
        self._render_buttons(ticket.status)

    def _render_number(self, ticket: Ticket) -> None:
        self.number_label.setText(f"#{short_number(ticket.order_number)}")
        self.number_label.setToolTip(ticket.order_number)

    def _render_meta(self, ticket: Ticket) -> None:
        theme = self._theme
        parts = [f"<b>{html.escape(STATUS_TEXT[ticket.status].upper())}</b>"]
        badge = f'<span style="background:{theme.badge_bg}">&nbsp;{{}}&nbsp;</span>'
        if (ticket.detail is not None and ticket.detail.is_from_team_cart) or (
            ticket.summary is not None and ticket.summary.is_from_team_cart
        ):
            parts.append(badge.format("TEAMCART"))
        pay = payment_text(ticket.detail, ticket)
        if pay:
            parts.append(badge.format(html.escape(pay)))
        # zero-width spaces after the dashes let the long number wrap on a narrow lane
        number = html.escape(ticket.order_number).replace("-", "-\u200b")
        text = " ".join(parts) + f'<br><span style="color:{theme.muted_text}">{number}</span>'
        if text != self.meta_label.text():
            self.meta_label.setText(text)

    def _render_items(self, ticket: Ticket) -> None:
        self.items_label.setText(items_html(ticket, self._theme.muted_text))

    def _render_note(self, ticket: Ticket) -> None:
        note = ticket.note.strip()
        if not note:
            self.note_label.hide()
            return
        icon = "⚠ ALLERGY — " if has_allergy_word(note) else "✎ "
        body = emphasise_allergies(note, self._theme.allergy)
        self.note_label.setText(f"<b>{icon}NOTE:</b> {body}")
        self.note_label.show()

    def _render_buttons(self, status: OrderStatus) -> None:
        actions = ACTIONS_FOR_STATUS.get(status, ())
        if actions == self._shown_actions:
            return
        for button in self._buttons.values():
            button.hide()
        # Three buttons do not fit a 1024-px-wide screen's lane side by side: the main step
        # then gets a full-width row of its own, the others share the row below.
        positions = (
            [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]
            if len(actions) == 3
            else [(0, i, 1, 1) for i in range(len(actions))]
        )
        for action, (row, col, rows, cols) in zip(actions, positions, strict=True):
            button = self._buttons.get(action) or self._make_button(action)
            self._button_grid.removeWidget(button)
            self._button_grid.addWidget(button, row, col, rows, cols)
            button.setEnabled(self.busy_action is None)
            button.setText(LABELS[action])
            button.show()
        self._shown_actions = actions

    def _make_button(self, action: Action) -> QPushButton:
        button = QPushButton(LABELS[action])
        button.setObjectName(f"action_{action.value}")
        role = "primary" if action in (Action.ACCEPT, Action.START, Action.READY) else ""
        role = "danger" if action in (Action.REJECT, Action.CANCEL) else role
        if role:
            button.setProperty("role", role)
        button.setMinimumHeight(64)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the board, not the button
        button.setProperty("action", action.value)
        button.clicked.connect(self._on_button_clicked)
        self._buttons[action] = button
        return button

    # ------------------------------------------------------------------ events

    def _on_button_clicked(self) -> None:
        button = self.sender()
        value = button.property("action") if button is not None else None
        if self.busy_action is not None or not value:  # a disabled button cannot click, but…
            return
        action = Action(value)
        if action.needs_eta or action.takes_reason:
            self.action_requested.emit(self.order_id, action.value)
        else:
            self.step_requested.emit(ActionRequest(self.order_id, action))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit(self.order_id)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.flashing and self._flash_on:
            background = theme.flash
        elif self.selected:
            background = theme.ticket_selected
        else:
            background = theme.ticket
        border = theme.level_colour(self.level)
        width = 8 if self.selected else 4
        rect = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.setPen(QPen(QColor(theme.accent if self.selected else border), width))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 10, 10)
        # a level stripe on the left: the colour cue, repeated by the icon + words in the timer
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(border))
        painter.drawRoundedRect(QRectF(width, width, 8, rect.height() - width), 3, 3)
        painter.end()

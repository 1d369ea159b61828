"""`BoardPage`: the kitchen screen in service — header, connection banner, lanes, alerts, keys.

It turns taps and keys into `Session` intents (the accept/reason dialogs, `PageDialogs`, where
an action needs more than a tap) and turns the session's action signals back into progress and
error text on the ticket concerned.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from kds.app.config import StationChoice
from kds.app.i18n import translate
from kds.app.step_window import UNDO_WINDOW_S, StepWindow
from kds.app.step_words import step_name
from kds.core.actions import ETA_DEFAULT_MIN, Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.core.timers import DEFAULT_THRESHOLDS, TimerThresholds
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.alert_player import AlertPlayer
from kds.ui.alerts import AlertController
from kds.ui.board_view import BoardView, utc_now
from kds.ui.bump_bar import BumpBar
from kds.ui.density import Density
from kds.ui.eighty_six import EightySix
from kds.ui.header import HeaderBar
from kds.ui.kept_steps import KeptSteps
from kds.ui.keymap import KeyMap
from kds.ui.offline_alarm import OfflineAlarm
from kds.ui.overlay import ScreenFlash
from kds.ui.page_dialogs import PageDialogs
from kds.ui.session_api import SessionApi
from kds.ui.station_screen import MarksFactory, StationScreen
from kds.ui.text import short_number
from kds.ui.theme import DARK, Theme

__all__ = ["BANNER_TEXT", "OFFLINE_ALARM_TEXT", "BoardPage"]

BANNER_TEXT = {
    "connecting": QT_TRANSLATE_NOOP("BoardPage", "Connecting to the order server…"),
    "reconnecting": QT_TRANSLATE_NOOP(
        "BoardPage",
        "⚠ RECONNECTING — new orders and changes may be missing until the connection is "
        "back. The board will resynchronise by itself.",
    ),
    "disconnected": QT_TRANSLATE_NOOP(
        "BoardPage", "■ OFFLINE — this board is not receiving orders."
    ),
}
"""The banner's words by connection state (English sources, translated when shown)."""

OFFLINE_ALARM_TEXT = QT_TRANSLATE_NOOP(
    "BoardPage",
    "■ OFFLINE over a minute — orders may be waiting that this screen cannot see. "
    "Tap here to silence the alarm for 5 minutes.",
)


class BoardPage(QWidget):
    """Everything on screen while a restaurant is selected.

    Signals:
        switch_requested(): the header's restaurant button.
        settings_requested(): the header's settings button.

    Attributes:
        header, board_view, alerts, banner, notice_label, flash: the parts (tests use them).
        dialog: the action dialog or panel currently open, or None (`dialogs` opens them).
    """

    switch_requested = Signal()
    settings_requested = Signal()

    def __init__(
        self,
        session: SessionApi,
        player: AlertPlayer,
        *,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        keymap: KeyMap | None = None,
        clock: Callable[[], datetime] = utc_now,
        repeat_s: float = 15.0,
        escalate_s: float = 60.0,
        notice_s: float = 20.0,
        density: Density = Density.COMFORTABLE,
        accept_eta_min: int = ETA_DEFAULT_MIN,
        undo_s: float = UNDO_WINDOW_S,
        open_marks: MarksFactory | None = None,
        offline_alarm_s: float = 60.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._session = session
        self._theme = theme
        self._keymap = keymap or KeyMap()
        self._accept_eta_min = accept_eta_min
        model = session.board
        self.header = HeaderBar(session, clock, theme, compact=density is not Density.COMFORTABLE)
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # carries the server's words
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            f"background: {theme.warning}; color: #000; font-weight: bold;"
            f" font-size: {theme.px(22)}px; padding: 10px;"
        )
        self.banner.hide()
        self._banner_state = ("disconnected", "")
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)  # server text: never markup
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            f"background: {theme.badge_bg}; padding: 8px; font-size: {theme.px(18)}px;"
        )
        self.notice_label.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(round(notice_s * 1000))
        self._notice_timer.timeout.connect(self.notice_label.hide)
        self.board_view = BoardView(
            model, theme=theme, thresholds=thresholds, density=density, clock=clock
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.station = StationScreen(self.board_view, theme, open_marks, self)
        self.station.notice.connect(self.show_notice)
        self.eighty_six = EightySix(session, self.board_view, self._open, self.show_notice, self)
        layout.addWidget(self.header)
        layout.addWidget(self.station.bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.board_view, 1)
        self.flash = ScreenFlash(self, theme)
        self.alerts = AlertController(
            model, player, repeat_s=repeat_s, escalate_s=escalate_s, parent=self
        )

        self.alerts.ticket_flashing_changed.connect(self.board_view.set_flashing)
        self.alerts.flash_phase_changed.connect(self.board_view.set_flash_phase)
        self.alerts.flash_phase_changed.connect(self.flash.set_phase)
        self.alerts.screen_flash_changed.connect(lambda _on: self._update_flash())
        self.offline = OfflineAlarm(
            self.alerts.ring, after_s=offline_alarm_s, repeat_s=repeat_s, parent=self
        )
        self.offline.alarm_changed.connect(self._on_offline_alarm)
        self.offline.phase_changed.connect(self.flash.set_phase)
        self.banner.installEventFilter(self)  # a tap on it silences the offline alarm
        self.alerts.sound_unavailable.connect(lambda text: self.show_notice("warning", text))
        for order_id in self.alerts.alerting:
            self.board_view.set_flashing(order_id, True)
        self.header.mute_toggled.connect(self.alerts.set_muted)
        self.header.switch_requested.connect(self.switch_requested)
        self.header.settings_requested.connect(self.settings_requested)
        self.header.recall_requested.connect(self.open_recall)
        self.header.all_day_requested.connect(self.open_all_day)
        self.header.accepting_toggled.connect(session.set_accepting_orders)
        # A tapped step waits out its undo window, then goes to the session's one tap path.
        self.steps = StepWindow(
            lambda step: session.take_step(
                step.request, label=step.label, tapped_at=step.tapped_at
            ),
            model,
            status_of=self._working_status,
            window_s=undo_s,
            wall_clock=clock,  # the tap time kept with the step: the page's clock, as `kept`
            label_of=self._label,
            parent=self,
        )
        self.board_view.step_requested.connect(self.steps.propose)
        self.board_view.undo_requested.connect(self.steps.undo)
        self.steps.changed.connect(self._on_step_changed)
        self.steps.dropped.connect(lambda _order, text: self.show_notice("warning", text))
        # Steps kept for the server: on their tickets, counted in the header, cancellable.
        self.kept = KeptSteps(
            session,
            self.board_view,
            self.header,
            self.steps,
            self._open,
            self._label,
            clock,
            self.show_notice,
            self,
        )
        self.dialogs = PageDialogs(
            self,
            session,
            self.board_view,
            self.station,
            self.eighty_six,
            self.kept,
            theme,
            self._label,
            self.show_notice,
        )
        self._countdown = QTimer(self)
        self._countdown.setInterval(200)
        self._countdown.timeout.connect(self._show_countdowns)
        self.bump_bar = BumpBar(
            self.board_view,
            self.steps,
            self.request_step,
            session.acknowledge,
            {
                "recall": self.open_recall,
                "all_day": self.open_all_day,
                "mute": self.header.mute_button.toggle,
            },
        )
        self.board_view.action_requested.connect(self._on_action_requested)
        self.board_view.more_requested.connect(self.dialogs.open_more)
        self.board_view.eta_requested.connect(self.dialogs.ask_eta)
        self.board_view.ticket_tapped.connect(session.acknowledge)
        session.action_started.connect(self._on_action_started)
        session.action_finished.connect(self._on_action_finished)
        session.action_failed.connect(self._on_action_failed)
        # No server: the step is kept (its ticket says so); the ticket is not busy any more.
        session.action_held.connect(self._on_action_finished)
        session.connection_changed.connect(self._on_connection_changed)
        session.notice.connect(self.show_notice)
        model.changed.connect(self.dialogs.on_change)
        model.changed.connect(self.station.on_change)
        session.synced.connect(lambda _at: self.station.prune(self.board_view.open_ids()))
        self._on_connection_changed(self.header.state, "")

    # ------------------------------------------------------------------ session → screen

    def _on_connection_changed(self, state: str, detail: str) -> None:
        self.offline.set_connection(state)
        self.kept.set_connection(state)
        self._banner_state = (state, detail)
        self._show_banner()

    def _show_banner(self) -> None:
        state, detail = self._banner_state
        text = BANNER_TEXT.get(state)
        if text is None:
            self.banner.hide()
            return
        if self.offline.alarming:
            text = translate("BoardPage", OFFLINE_ALARM_TEXT)
        else:
            text = translate("BoardPage", text)
            if self.offline.snoozed_until is not None:
                text += "  " + translate("BoardPage", "Alarm silenced for 5 minutes.")
        self.banner.setText(text + (f"  ({detail})" if detail else ""))
        self.banner.show()

    def _on_offline_alarm(self, _on: bool) -> None:
        self._show_banner()
        self._update_flash()

    def _update_flash(self) -> None:
        """The whole-screen flash: an alert waiting too long, or a board offline too long."""
        self.flash.set_active(self.alerts.screen_flashing or self.offline.alarming)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.banner and event.type() == QEvent.Type.MouseButtonPress:
            self.offline.snooze()
            self._show_banner()
            return True
        return super().eventFilter(watched, event)

    def show_notice(self, level: str, message: str) -> None:
        icon = {"error": "■", "warning": "▲"}.get(level, "●")
        self.notice_label.setText(f"{icon} {message}")
        self.notice_label.show()
        self._notice_timer.start()

    def _on_action_started(self, order_id: str, action: str) -> None:
        self.board_view.set_error(order_id, None)
        self.board_view.set_busy(order_id, Action(action))

    def _on_action_finished(self, order_id: str, action: str) -> None:
        self.board_view.set_busy(order_id, None)

    def _on_action_failed(self, order_id: str, action: str, server_text: str) -> None:
        if self.board_view.ticket_view(order_id) is None:
            # The ticket left the board meanwhile: the failure must still be seen.
            failed = translate("BoardPage", "{step} failed: {reason}")
            self.show_notice(
                "error", failed.format(step=step_name(Action(action)), reason=server_text)
            )
            return
        self.board_view.set_busy(order_id, None)
        self.board_view.set_error(order_id, server_text)

    # ------------------------------------------------------------------ intents

    def _working_status(self, order_id: str) -> OrderStatus | None:
        """Where the order stands as the cook works it: after its kept steps, else the board's."""
        ticket = self._session.board.get(order_id)
        if ticket is None:
            return None
        return self._session.steps.projected_status(order_id) or ticket.status

    def _label(self, order_id: str) -> str:
        ticket = self._session.board.get(order_id)
        return (
            f"#{short_number(ticket.order_number)}" if ticket else translate("BoardPage", "order")
        )

    def _on_action_requested(self, order_id: str, action_name: str) -> None:
        self.request_step(order_id, Action(action_name))

    def request_step(self, order_id: str, action: Action) -> None:
        """A step asked for by a tap or the bump bar: Accept promises the default ETA, and
        like every step it waits out its undo window; Reject and Cancel ask first."""
        if self.dialogs.idle_ticket(order_id) is None:
            return
        if action.needs_eta:
            self.steps.propose(ActionRequest(order_id, action, eta_min=self._accept_eta_min))
        elif action.takes_reason:
            self.dialogs.ask_reason(order_id, action)
        else:
            self.steps.propose(ActionRequest(order_id, action))

    def _on_step_changed(self, order_id: str) -> None:
        if self.steps.pending(order_id) is None:
            self.board_view.set_pending(order_id, None)
        else:
            self._show_countdowns()
        if len(self.steps):
            self._countdown.start()
        else:
            self._countdown.stop()

    def _show_countdowns(self) -> None:
        for order_id in self.steps.waiting():
            seconds = math.ceil(self.steps.remaining_s(order_id))
            self.board_view.set_pending(order_id, max(1, seconds))

    @property
    def dialog(self) -> QDialog | None:
        """The action dialog or panel currently open, or None."""
        return self.dialogs.dialog

    def _open(self, dialog: QDialog, order_id: str | None = None) -> None:
        self.dialogs.open(dialog, order_id)

    def open_more(self, order_id: str) -> None:
        """ "⋯": another ETA, Reject or Cancel, each confirmed by its own dialog."""
        self.dialogs.open_more(order_id)

    def ask_eta(self, order_id: str) -> None:
        """Accept with an ETA other than the default: the preset dialog."""
        self.dialogs.ask_eta(order_id)

    def open_recall(self) -> None:
        self.dialogs.open_recall()

    def open_all_day(self) -> None:
        self.dialogs.open_all_day()

    def set_station(self, choice: StationChoice, restaurant_id: str | None) -> None:
        """Show `choice`'s station (or the expo view) at `restaurant_id`."""
        self.station.apply(choice, restaurant_id)

    # ------------------------------------------------------------------ keyboard / bump bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self._keymap.command_for(event)
        if command is None or not self.run_command(command):
            super().keyPressEvent(event)

    def run_command(self, command: str) -> bool:
        """Run a key-map command; False if it does not apply here."""
        return self.bump_bar.run(command)

    def stop(self) -> None:
        """Stop the page's clocks and sound (it is being replaced or the app quits); a step
        still in its undo window is sent rather than lost."""
        self.steps.flush()
        self.station.stop()
        self.offline.stop()
        self._countdown.stop()
        self.alerts.stop()
        self.header.stop()

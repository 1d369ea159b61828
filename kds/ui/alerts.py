"""`AlertController`: new-order alerts that repeat until acknowledged and escalate if ignored.

Rules (issue 8, item 5; DESIGN rule 7): a new order sounds and its ticket flashes; the sound
repeats every `repeat_s` while any alert is unacknowledged; once the oldest alert is older than
`escalate_s` the whole screen flashes; a cancelled order sounds a distinct alert. The board
model decides what is a new order (including orders found by a resync); this class only
decides how loud to be about it. With no sound device it stays visual and says so once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.core.changes import AlertCleared, AlertRaised, BoardCleared, Change, OrderRemoved
from kds.core.orders import OrderStatus
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.alert_player import AlertPlayer, AlertSound

__all__ = ["SOUND_UNAVAILABLE_NOTICE", "AlertController"]

SOUND_UNAVAILABLE_NOTICE = QT_TRANSLATE_NOOP(
    "AlertController", "No sound device: new-order alerts are visual only."
)
"""The notice when no sound plays (in English; `sound_unavailable` carries it translated)."""


class AlertController(QObject):
    """Sound and flash state for the board's unacknowledged alerts.

    Signals:
        ticket_flashing_changed(order_id, flashing): start/stop flashing one ticket.
        flash_phase_changed(on): the flash clock (toggles every `flash_ms` while alerting).
        screen_flash_changed(on): an alert has waited longer than `escalate_s` (or stopped).
        sound_unavailable(message): the first time a sound could not be played.
        muted_changed(muted): the mute switch moved.

    Attributes:
        alerting: order id → monotonic time the alert was raised.
        played: how many sounds were asked of the player (for the status line and tests).
    """

    ticket_flashing_changed = Signal(str, bool)
    flash_phase_changed = Signal(bool)
    screen_flash_changed = Signal(bool)
    sound_unavailable = Signal(str)
    muted_changed = Signal(bool)

    def __init__(
        self,
        model: BoardModel,
        player: AlertPlayer,
        *,
        repeat_s: float = 15.0,
        escalate_s: float = 60.0,
        flash_ms: int = 500,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._player = player
        self._escalate_s = escalate_s
        self._clock = clock
        self.alerting: dict[str, float] = {}
        self.muted = False
        self.screen_flashing = False
        self.played = 0
        self._sound_failed = False
        self._phase = False
        self._repeat = QTimer(self)
        self._repeat.setInterval(round(repeat_s * 1000))
        self._repeat.timeout.connect(self._on_repeat_timeout)
        self._flash = QTimer(self)
        self._flash.setInterval(flash_ms)
        self._flash.timeout.connect(self._on_flash_timeout)
        model.changed.connect(self._on_change)
        for alert in model.alerts():  # a model that already holds alerts (view built late)
            self._on_alert_raised(alert.order_id, alert.order_number)

    # ------------------------------------------------------------------ controls

    def set_muted(self, muted: bool) -> None:
        """Silence the sound; flashing and escalation go on (a missed order stays visible)."""
        if muted != self.muted:
            self.muted = muted
            if muted:
                self._player.stop()
            self.muted_changed.emit(muted)

    def ring(self) -> None:
        """Sound the new-order alert once (the offline alarm), muted when the switch says so."""
        self._play(AlertSound.NEW_ORDER)

    def stop(self) -> None:
        """Stop timers and sound (the screen is closing)."""
        self._repeat.stop()
        self._flash.stop()
        self._player.stop()

    # ------------------------------------------------------------------ model events

    def _on_change(self, change: Change) -> None:
        if isinstance(change, AlertRaised):
            self._on_alert_raised(change.order_id, change.order_number)
        elif isinstance(change, AlertCleared):
            self._on_alert_cleared(change.order_id)
        elif isinstance(change, OrderRemoved):
            if change.final_status is OrderStatus.CANCELLED:
                self._play(AlertSound.CANCELLED)
            self._on_alert_cleared(change.order_id)
        elif isinstance(change, BoardCleared):
            for order_id in list(self.alerting):
                self._on_alert_cleared(order_id)

    def _on_alert_raised(self, order_id: str, order_number: str) -> None:
        if order_id in self.alerting:
            return
        self.alerting[order_id] = self._clock()
        self.ticket_flashing_changed.emit(order_id, True)
        self._play(AlertSound.NEW_ORDER)
        # Restart the repeat interval: the next reminder comes `repeat_s` after the newest ring.
        self._repeat.start()
        if not self._flash.isActive():
            self._flash.start()

    def _on_alert_cleared(self, order_id: str) -> None:
        if self.alerting.pop(order_id, None) is None:
            return
        self.ticket_flashing_changed.emit(order_id, False)
        if not self.alerting:
            self._quiet()
        else:
            self._check_escalation()

    # ------------------------------------------------------------------ timers

    def _on_repeat_timeout(self) -> None:
        if self.alerting:
            self._play(AlertSound.NEW_ORDER)

    def _on_flash_timeout(self) -> None:
        self._phase = not self._phase
        self.flash_phase_changed.emit(self._phase)
        self._check_escalation()

    def _check_escalation(self) -> None:
        oldest = min(self.alerting.values(), default=None)
        escalate = oldest is not None and self._clock() - oldest >= self._escalate_s
        if escalate != self.screen_flashing:
            self.screen_flashing = escalate
            self.screen_flash_changed.emit(escalate)

    def _quiet(self) -> None:
        self._repeat.stop()
        self._flash.stop()
        if self._phase:
            self._phase = False
            self.flash_phase_changed.emit(False)
        self._check_escalation()

    def _play(self, sound: AlertSound) -> None:
        if self.muted:
            return
        self.played += 1
        if not self._player.play(sound) and not self._sound_failed:
            self._sound_failed = True
            self.sound_unavailable.emit(translate("AlertController", SOUND_UNAVAILABLE_NOTICE))

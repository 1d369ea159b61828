"""`OfflineAlarm`: a board that has been offline a minute sounds and flashes like a missed order.

While the hub is down the screen cannot see new orders, and a quiet banner is easy to miss
in a rush: orders may be waiting that nobody knows of. So after `after_s` seconds offline
(`offline_alarm_s`, 60 by default; 0: the banner only) the alarm sounds — every `repeat_s`,
the new-order sound, through the alert controller so the mute switch holds — and the screen
flashes. A tap on the banner silences it for `snooze_s` (five minutes); if the board is still
offline then, it alarms again. Back online, everything stops at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

__all__ = ["OFFLINE_STATES", "SNOOZE_S", "OfflineAlarm"]

OFFLINE_STATES = frozenset({"connecting", "reconnecting", "disconnected"})
"""Connection states in which the board may be missing orders."""
SNOOZE_S = 300.0


class OfflineAlarm(QObject):
    """The alarm's state, driven by the connection state and a 1 s tick.

    Signals:
        alarm_changed(bool): the alarm started (sound + flash) or stopped.
        phase_changed(bool): the flash clock while alarming.

    Attributes:
        offline_since: when the board went offline (the clock's time), or None while live.
        alarming: sounding and flashing now.
        snoozed_until: the end of a silence asked for by a tap, or None.
    """

    alarm_changed = Signal(bool)
    phase_changed = Signal(bool)

    def __init__(
        self,
        sound: Callable[[], None],
        *,
        after_s: float = 60.0,
        repeat_s: float = 15.0,
        snooze_s: float = SNOOZE_S,
        flash_ms: int = 500,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sound = sound
        self._after_s = after_s
        self._repeat_s = repeat_s
        self._snooze_s = snooze_s
        self._clock = clock
        self.offline_since: float | None = None
        self.alarming = False
        self.snoozed_until: float | None = None
        self._last_sound = 0.0
        self._phase = False
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.check)
        self._flash = QTimer(self)
        self._flash.setInterval(flash_ms)
        self._flash.timeout.connect(self._on_flash)

    def set_connection(self, state: str) -> None:
        """The session's connection state; any state but live counts as offline."""
        if state in OFFLINE_STATES:
            if self.offline_since is None:
                self.offline_since = self._clock()
                if self._after_s > 0:
                    self._tick.start()
        else:
            self.offline_since = None
            self.snoozed_until = None
            self._tick.stop()
            self._set_alarming(False)

    def offline_s(self) -> float:
        """How long the board has been offline (0 while live)."""
        return 0.0 if self.offline_since is None else self._clock() - self.offline_since

    def snooze(self) -> None:
        """A tap on the banner: quiet for `snooze_s`, then again if still offline."""
        if self.offline_since is None:
            return
        self.snoozed_until = self._clock() + self._snooze_s
        self._set_alarming(False)

    def check(self) -> None:
        """Once a second while offline: start, repeat or end the alarm."""
        if self.offline_since is None or self._after_s <= 0:
            return
        now = self._clock()
        if self.snoozed_until is not None:
            if now < self.snoozed_until:
                return
            self.snoozed_until = None
        if now - self.offline_since < self._after_s:
            return
        if not self.alarming:
            self._set_alarming(True)
            self._ring(now)
        elif now - self._last_sound >= self._repeat_s:
            self._ring(now)

    def stop(self) -> None:
        self._tick.stop()
        self._set_alarming(False)

    def _ring(self, now: float) -> None:
        self._last_sound = now
        self._sound()

    def _set_alarming(self, on: bool) -> None:
        if on == self.alarming:
            return
        self.alarming = on
        if on:
            self._flash.start()
        else:
            self._flash.stop()
            if self._phase:
                self._phase = False
                self.phase_changed.emit(False)
        self.alarm_changed.emit(on)

    def _on_flash(self) -> None:
        self._phase = not self._phase
        self.phase_changed.emit(self._phase)

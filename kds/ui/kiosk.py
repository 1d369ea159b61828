"""`Kiosk`: the window alone on its screen — full size, frameless, focused, no cursor, no blanking.

Why not just `showFullScreen()`: on X11 full screen is a request (`_NET_WM_STATE_FULLSCREEN`)
that a window manager carries out. Under a bare X server, as an `xinit`-only kiosk runs, there
is none, and the window stayed at its size hint: 1172×401 on a 1920×1080 screen, 909×385 on
1280×800 (issue 16). So the window places itself at its screen's full geometry, and again when
that screen changes size or the window moves to another screen; the full-screen request is
still made, for the window managers that honour it (the rectangle is the same).

Focus likewise: without a window manager nobody gives a new window X input focus, so a USB bump
bar (a keyboard, see `kds.ui.keymap`) typed into nothing until someone touched the screen. The
window activates itself; the page it shows keeps its own focus widget (`MainWindow` focuses the
board whenever it shows it).
"""

from __future__ import annotations

import logging
import os
from typing import Protocol

from PySide6.QtCore import QMetaObject, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kds.ui.screen_keepawake import ScreenKeepAwake

__all__ = ["KeepAwake", "Kiosk", "keep_awake_for"]

_log = logging.getLogger(__name__)


class KeepAwake(Protocol):
    """Keeps the screen from blanking between `start` and `stop` (`ScreenKeepAwake` on X11)."""

    def start(self) -> bool: ...
    def stop(self) -> None: ...


class _NotHandled:
    """Wayland, the Linux console, offscreen: blanking is not ours to switch; say so once."""

    def __init__(self, platform_name: str) -> None:
        self._platform = platform_name

    def start(self) -> bool:
        _log.warning(
            "kiosk: screen blanking is left to the system on the %r platform (only X11 is "
            "handled); turn it off there if the screen goes dark",
            self._platform,
        )
        return False

    def stop(self) -> None:
        return None


def keep_awake_for(platform_name: str) -> KeepAwake:
    """The keep-awake for Qt's platform: the X server's settings on ``xcb``, else nothing."""
    if platform_name == "xcb":
        return ScreenKeepAwake(os.environ.get("DISPLAY"))
    return _NotHandled(platform_name)


class Kiosk(QObject):
    """Puts `window` in kiosk mode on `start` and undoes what outlives it on `stop`.

    Args:
        window: the top-level window (`MainWindow`); it becomes this object's parent.
        keep_awake: None picks `keep_awake_for` Qt's platform (tests pass a fake).
    """

    def __init__(self, window: QWidget, keep_awake: KeepAwake | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._keep_awake = keep_awake or keep_awake_for(QGuiApplication.platformName())
        self._screen: QScreen | None = None
        self._screen_link: QMetaObject.Connection | None = None
        self._cursor_hidden = False

    @property
    def screen(self) -> QScreen | None:
        """The screen the window is kept on."""
        return self._screen

    def start(self) -> None:
        """Show the window frameless over its whole screen, active, cursor hidden, no blanking."""
        window = self._window
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self._follow(window.screen())  # placed before it is mapped: no first frame at hint size
        window.showFullScreen()
        handle = window.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._follow)
        self.place()
        window.raise_()
        window.activateWindow()  # Qt sets X input focus itself when no window manager does
        if not self._cursor_hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True
        self._keep_awake.start()

    def stop(self) -> None:
        """Cursor and screen blanking back as they were (the app is about to exit)."""
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False
        self._keep_awake.stop()

    def place(self) -> None:
        """Cover the whole screen (not only its available area: no panel shows through)."""
        screen = self._screen
        if screen is None:
            return
        target = screen.geometry()
        if self._window.geometry() != target:
            self._window.setGeometry(target)

    def _follow(self, screen: QScreen | None) -> None:
        """Keep to `screen`: its size changes (xrandr, a new panel) re-place the window."""
        if self._screen_link is not None:
            QObject.disconnect(self._screen_link)  # False if that screen is gone: fine
            self._screen_link = None
        self._screen = screen
        if screen is not None:
            # a bound slot of this QObject, not a lambda: Qt drops the connection when the
            # kiosk goes, so a screen (which outlives windows) never calls into a dead one
            self._screen_link = screen.geometryChanged.connect(self._on_screen_resized)
        self.place()

    def _on_screen_resized(self, _rect: QRect) -> None:
        self.place()

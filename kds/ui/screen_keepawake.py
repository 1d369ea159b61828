"""`ScreenKeepAwake`: the X server's screensaver and DPMS off while the kiosk board runs, then back.

Why: an X server left to its defaults blanks the screen after 600 idle seconds and, with DPMS,
powers the panel down. Idle means no key or pointer input, and a kitchen screen can go long
without either while orders keep arriving: a new order on a blank screen is a missed order. A
desktop session would turn this off in its power settings; an `xinit`-only kiosk has none.

Why libX11/libXext through ctypes and not `xset s off -dpms`: `xset` (x11-xserver-utils) is not
a dependency of the .deb and is often absent on a minimal kiosk, while libX11 is always there
(Qt's xcb platform links it) and libXext nearly always. The same three calls `xset` makes are
made here, on a connection of our own (PySide6 does not hand out Qt's ``Display*``).

Why change the settings and put them back, rather than `XScreenSaverSuspend` (which the server
drops by itself when the client goes): libXss is an extra library that kiosks often lack, and
the settings can be read back, which is how the tests check them. The cost: a process killed
with SIGKILL leaves blanking off until the X server restarts, the safe side for a kiosk. SIGINT
and SIGTERM close the window and restore (see `kds.ui.main`).

Not handled here: Wayland (blanking is the compositor's, which has no common interface for
it) and the Linux console (eglfs/linuxfb). `kds.ui.kiosk` logs one line saying so and goes on.
Nothing here raises: a missing library or display is logged once and the board runs anyway.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

__all__ = [
    "BlankingSettings",
    "KeepAwakeUnavailable",
    "ScreenKeepAwake",
    "XConnection",
    "XSettingsConnection",
]

_log = logging.getLogger(__name__)

_SCREEN_SAVER_RESET = 0  # XForceScreenSaver mode: wake the screen if it is blanked now


class KeepAwakeUnavailable(RuntimeError):
    """No X library or no X display: the message says which."""


@dataclass(frozen=True)
class BlankingSettings:
    """What the X server does when idle: `XGetScreenSaver`'s four values and the DPMS switch.

    Attributes:
        timeout_s: idle seconds before the screensaver starts; 0 means never.
        interval_s, prefer_blanking, allow_exposures: the rest of `XSetScreenSaver`, kept as read.
        dpms_enabled: whether DPMS may power the panel down; None when the server has no DPMS
            extension (Xvfb) or libXext is missing, so there is nothing to switch.
    """

    timeout_s: int
    interval_s: int
    prefer_blanking: int
    allow_exposures: int
    dpms_enabled: bool | None

    @property
    def blanks(self) -> bool:
        """True if the server would ever blank or power down the screen with these settings."""
        return self.timeout_s != 0 or bool(self.dpms_enabled)

    def awake(self) -> BlankingSettings:
        """These settings with the screensaver and DPMS off (DPMS stays None if absent)."""
        dpms = None if self.dpms_enabled is None else False
        return replace(self, timeout_s=0, dpms_enabled=dpms)

    def describe(self) -> str:
        saver = f"screensaver after {self.timeout_s} s" if self.timeout_s else "screensaver off"
        dpms = {None: "no DPMS", True: "DPMS on", False: "DPMS off"}[self.dpms_enabled]
        return f"{saver}, {dpms}"


class XSettingsConnection(Protocol):
    """What `ScreenKeepAwake` needs of an X connection (tests pass a fake with DPMS)."""

    def read(self) -> BlankingSettings: ...
    def write(self, settings: BlankingSettings, *, wake: bool = False) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class _Libraries:
    x11: ctypes.CDLL
    xext: ctypes.CDLL | None  # DPMS lives in libXext; without it only the screensaver is off


def _open_library(soname: str, short: str) -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(soname)
    except OSError:
        path = ctypes.util.find_library(short)
        try:
            return ctypes.CDLL(path) if path else None
        except OSError:
            return None


@functools.cache
def _libraries() -> _Libraries:
    """libX11 and libXext with the prototypes used here, loaded once per process."""
    x11 = _open_library("libX11.so.6", "X11")
    if x11 is None:
        raise KeepAwakeUnavailable("libX11 not found")
    display, c_int = ctypes.c_void_p, ctypes.c_int
    int_p = ctypes.POINTER(c_int)
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = display
    x11.XCloseDisplay.argtypes = [display]
    x11.XGetScreenSaver.argtypes = [display, int_p, int_p, int_p, int_p]
    x11.XSetScreenSaver.argtypes = [display, c_int, c_int, c_int, c_int]
    x11.XForceScreenSaver.argtypes = [display, c_int]
    x11.XSync.argtypes = [display, c_int]
    xext = _open_library("libXext.so.6", "Xext")
    if xext is None:
        _log.warning("kiosk: libXext not found: DPMS may still power the screen down")
    else:
        xext.DPMSQueryExtension.argtypes = [display, int_p, int_p]
        bool_p = ctypes.POINTER(ctypes.c_ubyte)  # Xmd.h: typedef unsigned char BOOL
        xext.DPMSInfo.argtypes = [display, ctypes.POINTER(ctypes.c_ushort), bool_p]
        xext.DPMSEnable.argtypes = [display]
        xext.DPMSDisable.argtypes = [display]
    return _Libraries(x11, xext)


class XConnection:
    """A short-lived Xlib connection that reads and writes `BlankingSettings`.

    Only calls that cannot fail with an X protocol error are made (DPMS ones only after
    `DPMSQueryExtension` says the extension is there): Xlib's default error handler would exit
    the process, and installing another one is process-wide, Qt's GLX code included.

    Args:
        display_name: e.g. ``":0"``; None uses ``$DISPLAY``, as Qt does.

    Raises:
        KeepAwakeUnavailable: libX11 is missing or the display cannot be opened.
    """

    def __init__(self, display_name: str | None = None) -> None:
        self._libs = _libraries()
        name = display_name.encode() if display_name is not None else None
        self._display: int | None = self._libs.x11.XOpenDisplay(name)
        if not self._display:
            raise KeepAwakeUnavailable(f"cannot open X display {display_name or '$DISPLAY'}")
        self._has_dpms = self._query_dpms()

    def _query_dpms(self) -> bool:
        if self._libs.xext is None:
            return False
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        found = self._libs.xext.DPMSQueryExtension(
            self._display, ctypes.byref(event_base), ctypes.byref(error_base)
        )
        return bool(found)

    def read(self) -> BlankingSettings:
        values = [ctypes.c_int() for _ in range(4)]
        self._libs.x11.XGetScreenSaver(self._display, *(ctypes.byref(v) for v in values))
        dpms: bool | None = None
        if self._has_dpms and self._libs.xext is not None:
            level, state = ctypes.c_ushort(), ctypes.c_ubyte()
            if self._libs.xext.DPMSInfo(self._display, ctypes.byref(level), ctypes.byref(state)):
                dpms = bool(state.value)
        timeout, interval, prefer_blanking, allow_exposures = (v.value for v in values)
        return BlankingSettings(timeout, interval, prefer_blanking, allow_exposures, dpms)

    def write(self, settings: BlankingSettings, *, wake: bool = False) -> None:
        """Apply `settings`; `wake` also ends a screensaver that is showing right now."""
        x11 = self._libs.x11
        x11.XSetScreenSaver(
            self._display,
            settings.timeout_s,
            settings.interval_s,
            settings.prefer_blanking,
            settings.allow_exposures,
        )
        if settings.dpms_enabled is not None and self._has_dpms and self._libs.xext is not None:
            # DPMSDisable also turns a powered-down panel back on (the server sets DPMSModeOn).
            switch = (
                self._libs.xext.DPMSEnable if settings.dpms_enabled else self._libs.xext.DPMSDisable
            )
            switch(self._display)
        if wake:
            x11.XForceScreenSaver(self._display, _SCREEN_SAVER_RESET)
        x11.XSync(self._display, 0)  # the server has them before the connection closes

    def close(self) -> None:
        if self._display:
            self._libs.x11.XCloseDisplay(self._display)
            self._display = None

    def __enter__(self) -> XConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ScreenKeepAwake:
    """Turns blanking off on `start` and puts the settings found then back on `stop`.

    A connection is opened for each of the two steps and closed at once, so nothing of ours
    stays open on the X server in between. Both steps log instead of raising.

    Args:
        display_name: the X display; None uses ``$DISPLAY``.
        connect: opens a connection (tests pass a fake one); `XConnection` by default.
    """

    def __init__(
        self,
        display_name: str | None = None,
        *,
        connect: Callable[[str | None], XSettingsConnection] = XConnection,
    ) -> None:
        self._display_name = display_name
        self._connect = connect
        self.saved: BlankingSettings | None = None
        """The settings found by `start` while they are ours to restore; None otherwise."""

    @property
    def active(self) -> bool:
        return self.saved is not None

    def start(self) -> bool:
        """Screensaver and DPMS off; False (and one log line) if that could not be done."""
        if self.saved is not None:
            return True
        try:
            connection = self._connect(self._display_name)
        except KeepAwakeUnavailable as exc:
            _log.warning("kiosk: cannot keep the screen from blanking: %s", exc)
            return False
        try:
            found = connection.read()
            connection.write(found.awake(), wake=True)
        finally:
            connection.close()
        self.saved = found
        dpms_note = "" if found.dpms_enabled is not None else " (DPMS not available)"
        _log.info("kiosk: screen blanking off until exit%s; was: %s", dpms_note, found.describe())
        return True

    def stop(self) -> None:
        """Put back what `start` found; does nothing if `start` did not succeed."""
        saved, self.saved = self.saved, None
        if saved is None:
            return
        try:
            connection = self._connect(self._display_name)
        except KeepAwakeUnavailable as exc:
            _log.warning("kiosk: could not restore screen blanking (%s): %s", saved.describe(), exc)
            return
        try:
            connection.write(saved)
        finally:
            connection.close()
        _log.info("kiosk: screen blanking restored: %s", saved.describe())

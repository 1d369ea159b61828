"""Kiosk mode on a real X server with no window manager (Xvfb), as an `xinit`-only kiosk runs:
the window fills the screen, takes the keyboard, and the screensaver is off until exit.

Each case runs the window in a child process: Qt's platform is chosen once per process, and
the rest of the suite runs offscreen. Before the fix the window stayed at its size hint
(1172×401 on 1920×1080, 909×385 on 1280×800) and the screen's corner showed the bare root.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kds.ui.screen_keepawake import BlankingSettings, XConnection
from tests.support.xvfb import XvfbFactory

CHILD = r"""
import ctypes, json, sys, time
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from kds.app.settings import Settings
from kds.ui.alert_player import SilentAlertPlayer
from kds.ui.kiosk import Kiosk
from kds.ui.main_window import MainWindow
from kds.ui.screen_keepawake import XConnection


def wait_for(condition, timeout_ms):
    # QTest.qWaitFor is not in PySide6: the same loop, events processed while polling.
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition() and time.monotonic() < deadline:
        QTest.qWait(20)


def no_session(url):
    raise AssertionError("no session in this test")


def type_key(keysym):
    # A key from the X server, as a bump bar's would come: XTest, with no click before it.
    try:
        x11, xtst = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXtst.so.6")
    except OSError:
        return False
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    code = x11.XKeysymToKeycode(display, x11.XStringToKeysym(keysym))
    xtst.XTestFakeKeyEvent(display, code, 1, 0)
    xtst.XTestFakeKeyEvent(display, code, 0, 0)
    x11.XCloseDisplay(display)  # flushes
    return True


settings = Settings.load(state_path=Path(sys.argv[1]), paths=[], env={})
window = MainWindow(no_session, SilentAlertPlayer(), settings, resume=False)
kiosk = Kiosk(window)
kiosk.start()
screen = window.screen()
size = screen.geometry().size()


def corner():
    image = screen.grabWindow(0).toImage()
    return image.pixelColor(size.width() - 2, size.height() - 2).name()


wait_for(lambda: window.isActiveWindow() and corner() != "#000000", 10_000)
with XConnection() as connection:
    running = connection.read().timeout_s
geometry = window.geometry()
report = {
    "screen": [size.width(), size.height()],
    "window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
    "active": window.isActiveWindow(),
    "corner": corner(),
    "timeout_running": running,
    "typed": None,
}
focused = app.focusWidget()
if type_key(b"k"):
    wait_for(lambda: "k" in focused.text(), 5_000)
    report["typed"] = focused.text()
kiosk.stop()
window.shutdown()
print(json.dumps(report))
"""


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 800)])
def test_the_kiosk_fills_a_screen_that_has_no_window_manager(
    xvfb: XvfbFactory, tmp_path: Path, no_leaks: None, width: int, height: int
) -> None:
    display = xvfb(width, height)
    with XConnection(display) as connection:
        found = connection.read()
    assert found.timeout_s == 600  # the X server's default: it would blank after 10 minutes
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "state.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.splitlines()[-1])
    assert report["screen"] == [width, height]
    assert report["window"] == [0, 0, width, height]
    assert report["active"]
    assert report["corner"] != "#000000", "the bare root shows in the corner"
    assert report["timeout_running"] == 0
    with XConnection(display) as connection:
        assert connection.read() == found  # put back at exit
    assert found == BlankingSettings(600, 600, 1, 1, None)
    if report["typed"] is None:
        pytest.skip("libXtst is missing: no X key could be sent (the rest was checked)")
    assert report["typed"].endswith("k")  # the key reached the window before any click

"""Ctrl+C (SIGINT) closes the plain kitchen screen while Qt's event loop runs (100 ms heartbeat),
and so does SIGTERM (systemd stopping a kiosk), which also puts the screen's blanking back.

The login page runs no Python timers of its own, so without the heartbeat the interpreter
never gets to run the signal handler and the process keeps running.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kds.ui.screen_keepawake import XConnection
from tests.integration.cli.tailproc import ROOT, kds_env
from tests.support.xvfb import XvfbFactory

pytestmark = pytest.mark.slow

_DRIVER = """
import sys
from kds.app.session import Session
from kds.ui.main import run_gui
sys.exit(run_gui(sys.argv[1:], Session, on_window=lambda w: print("up", flush=True)))
"""


def run_until_up_then_signal(
    tmp_path: Path,
    sig: signal.Signals,
    extra: list[str],
    env: dict[str, str],
    while_up: Callable[[], object] = lambda: None,
) -> tuple[int, str]:
    """Start the GUI at its login page, wait for its window, call `while_up`, send `sig`:
    (exit code, stderr)."""
    out = tmp_path / "gui.out"
    args = ["--server", "http://127.0.0.1:9", "--no-sound", "--state", str(tmp_path / "state.json")]
    with out.open("w") as out_f:
        proc = subprocess.Popen(
            [sys.executable, "-c", _DRIVER, *args, *extra],
            stdout=out_f,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 30
        while "up" not in out.read_text():
            assert proc.poll() is None, "the GUI ended before its window was up"
            assert time.monotonic() < deadline, "window not up within 30 s"
            time.sleep(0.05)  # polling the driver's output with a deadline
        while_up()
        proc.send_signal(sig)
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        proc.stderr.close()
    return code, stderr


def test_sigint_closes_the_gui_at_the_login_page(tmp_path: Path) -> None:
    code, stderr = run_until_up_then_signal(tmp_path, signal.SIGINT, [], kds_env(tmp_path))
    assert code == 0, stderr
    assert "Traceback" not in stderr


def test_sigterm_closes_the_kiosk_and_puts_the_screen_blanking_back(
    tmp_path: Path, xvfb: XvfbFactory
) -> None:
    display = xvfb(1280, 800)
    with XConnection(display) as connection:
        before = connection.read()
    assert before.timeout_s == 600  # the X server's default: blank after 10 idle minutes
    running: list[int] = []

    def read_running() -> None:
        with XConnection(display) as connection:
            running.append(connection.read().timeout_s)

    env = {**kds_env(tmp_path), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    code, stderr = run_until_up_then_signal(
        tmp_path, signal.SIGTERM, ["--kiosk"], env, while_up=read_running
    )
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert running == [0]
    with XConnection(display) as connection:
        assert connection.read() == before

"""Ctrl+C (SIGINT) closes the plain kitchen screen while Qt's event loop runs (100 ms heartbeat).

The login page runs no Python timers of its own, so without the heartbeat the interpreter
never gets to run the signal handler and the process keeps running.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.cli.tailproc import ROOT, kds_env

pytestmark = pytest.mark.slow

_DRIVER = """
import sys
from kds.app.session import Session
from kds.ui.main import run_gui
sys.exit(run_gui(sys.argv[1:], Session, on_window=lambda w: print("up", flush=True)))
"""


def test_sigint_closes_the_gui_at_the_login_page(tmp_path: Path) -> None:
    out = tmp_path / "gui.out"
    args = ["--server", "http://127.0.0.1:9", "--no-sound", "--state", str(tmp_path / "state.json")]
    with out.open("w") as out_f:
        proc = subprocess.Popen(
            [sys.executable, "-c", _DRIVER, *args],
            stdout=out_f,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=kds_env(tmp_path),
        )
    try:
        deadline = time.monotonic() + 30
        while "up" not in out.read_text():
            assert proc.poll() is None, "the GUI ended before its window was up"
            assert time.monotonic() < deadline, "window not up within 30 s"
            time.sleep(0.05)  # polling the driver's output with a deadline
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        proc.stderr.close()
    assert code == 0, stderr
    assert "Traceback" not in stderr

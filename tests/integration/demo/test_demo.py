"""`kds demo` end to end: the real server, the real GUI (offscreen), and a clean stop every way."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kds.cli.demo import BOARD_UP_LINE, FIRST_ORDER_LINE
from tests.integration.cli.tailproc import ROOT, kds_env

pytestmark = pytest.mark.slow

_SERVER_LINE = re.compile(r"kds demo: server on (http://\S+),")


def _wait_for(path: Path, pattern: str, proc: subprocess.Popen[str], timeout_s: float) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = path.read_text(errors="replace")
        if pattern in text:
            return text
        if proc.poll() is not None:
            break
        time.sleep(0.05)  # polling a log file with a deadline
    raise AssertionError(f"{pattern!r} not seen; stderr:\n{path.read_text(errors='replace')}")


def _server_is_gone(url: str) -> None:
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/ping", timeout=2)


def _demo(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], Path, Path]:
    out, err = tmp_path / "demo.out", tmp_path / "demo.err"
    with out.open("w") as out_f, err.open("w") as err_f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kds", "demo", "--no-sound", *args],
            stdout=out_f,
            stderr=err_f,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=kds_env(tmp_path),
        )
    return proc, out, err


def test_demo_shows_the_simulators_first_order_on_the_real_board(tmp_path: Path) -> None:
    proc, out, err = _demo(tmp_path, "--exit-when-first-order")
    try:
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = err.read_text()
    assert code == 0, stderr
    line = out.read_text().strip()
    assert re.fullmatch(rf"{re.escape(FIRST_ORDER_LINE)} [0-9a-f-]{{36}} in [A-Z_]+", line), line
    assert BOARD_UP_LINE in stderr
    match = _SERVER_LINE.search(stderr)
    assert match, stderr
    _server_is_gone(match.group(1))
    assert "Password123!" not in stderr + line


def test_ctrl_c_closes_the_gui_and_stops_the_server(tmp_path: Path) -> None:
    proc, _out, err = _demo(tmp_path)
    try:
        text = _wait_for(err, BOARD_UP_LINE, proc, 60)
        match = _SERVER_LINE.search(text)
        assert match, text
        assert httpx.get(f"{match.group(1)}/ping", timeout=5).status_code == 200
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == 0, err.read_text()
    _server_is_gone(match.group(1))


def test_without_a_display_it_says_so_in_one_line(tmp_path: Path) -> None:
    env = kds_env(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "kds", "demo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no display" in lines[0]
    assert "kds tail" in lines[0]

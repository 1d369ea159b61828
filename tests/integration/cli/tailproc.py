"""`kds tail` as a subprocess whose stdout lines are read with deadlines."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]


def kds_env(tmp: Path) -> dict[str, str]:
    """Headless: a private HOME/XDG dirs, no keyring backend, no display."""
    env = dict(os.environ)
    env.pop("KDS_PASSWORD", None)
    env.update(
        HOME=str(tmp),
        XDG_STATE_HOME=str(tmp / "state"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


class TailProcess:
    """``kds tail ...`` with the password on stdin; ``lines`` collects what it printed."""

    def __init__(self, args: list[str], password: str, tmp: Path) -> None:
        cmd = [sys.executable, "-m", "kds", "tail", *args, "--password-stdin"]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=kds_env(tmp),
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(password + "\n")
        self.proc.stdin.close()
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="tail-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def _drain(self, timeout_s: float) -> bool:
        """Move what arrived into ``lines``; False once stdout is closed."""
        try:
            item = self._queue.get(timeout=timeout_s)
        except queue.Empty:
            return True
        if item is None:
            return False
        self.lines.append(item)
        return True

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]

    def wait_for(self, predicate: Any, timeout_s: float = 15.0) -> dict[str, Any]:
        """The first JSON record (seen so far or later) for which ``predicate`` holds."""
        deadline = time.monotonic() + timeout_s
        index = 0
        while True:
            records = self.records()
            for record in records[index:]:
                if predicate(record):
                    return record
            index = len(records)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching line within {timeout_s} s: {self.lines[-5:]}")
            if not self._drain(min(remaining, 0.2)) and self._queue.empty():
                raise AssertionError(f"tail ended ({self.stderr()}); last {self.lines[-5:]}")

    def finish(self, sig: int | None = signal.SIGTERM, timeout_s: float = 20.0) -> int:
        """Send ``sig`` (None: just wait), collect every line, return the exit code."""
        if sig is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout_s)
        self._reader.join(timeout_s)
        while self._drain(0):
            pass
        return code

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read()

    def kill(self) -> None:
        """End the process if still running and close its pipes (fixture teardown)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(5)
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()

"""Runs tests/interop/driver.mjs (the official @microsoft/signalr client) from pytest."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
NODE = shutil.which("node")


def node_ready() -> bool:
    return NODE is not None and (HERE / "node_modules" / "@microsoft" / "signalr").is_dir()


class JsClient:
    """One node process = one HubConnection; ``expect`` waits for a JSON event line."""

    def __init__(
        self,
        hub_url: str,
        token: str | None,
        transport: str = "WebSockets",
        *,
        targets: tuple[str, ...] = (),
        reconnect_ms: list[int] | None = None,
        script: str = "driver.mjs",
        extra_env: dict[str, str] | None = None,
    ) -> None:
        assert NODE is not None, "node is required (scripts/setup installs it)"
        env = {
            **os.environ,
            "KDS_HUB_URL": hub_url,
            "KDS_TOKEN": token or "",
            "KDS_TRANSPORT": transport,
            "KDS_TARGETS": ",".join(targets),
            **(extra_env or {}),
        }
        if reconnect_ms is not None:
            env["KDS_RECONNECT"] = json.dumps(reconnect_ms)
        self._proc = subprocess.Popen(
            [NODE, str(HERE / script)],
            cwd=HERE,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        self._threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        self._ids = 0

    def _read_stdout(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            if line.strip():
                self.events.put(json.loads(line))

    def _read_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self.stderr.append(line.rstrip())

    def command(self, cmd: str, **fields: Any) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"cmd": cmd, **fields}) + "\n")
        self._proc.stdin.flush()

    def expect(self, event: str, timeout_s: float = 10.0, **match: Any) -> dict[str, Any]:
        """The next event named ``event`` whose fields equal ``match`` (others are kept in seen)."""
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"no {event} {match} within {timeout_s} s; seen {self.seen[-10:]}; "
                    f"stderr {self.stderr[-10:]}"
                )
            try:
                item = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(item)
            if item.get("event") == event and all(item.get(k) == v for k, v in match.items()):
                return item

    def start(self, timeout_s: float = 10.0) -> dict[str, Any]:
        self.command("start")
        return self.expect_any(("started", "start_failed"), timeout_s)

    def expect_any(self, names: tuple[str, ...], timeout_s: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"none of {names} within {timeout_s} s; seen {self.seen[-10:]}"
                )
            try:
                item = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(item)
            if item.get("event") in names:
                return item

    def invoke(self, method: str, *args: Any, timeout_s: float = 10.0) -> dict[str, Any]:
        """``result`` or ``invoke_error`` event of this call."""
        self._ids += 1
        call_id = self._ids
        self.command("invoke", id=call_id, method=method, args=list(args))
        deadline = time.monotonic() + timeout_s
        while True:
            item = self.expect_any(("result", "invoke_error"), deadline - time.monotonic())
            if item.get("id") == call_id:
                return item

    def close(self, timeout_s: float = 10.0) -> None:
        if self._proc.poll() is None:
            try:
                self.command("stop")
                self._proc.wait(timeout_s)
            except (BrokenPipeError, subprocess.TimeoutExpired, OSError):
                self._proc.kill()
                self._proc.wait(5)
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        for thread in self._threads:  # they end at EOF, once the process is gone
            thread.join(5)
        for stream in (self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> JsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

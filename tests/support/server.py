"""Run the real kds-server as a subprocess on 127.0.0.1 for integration tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

_READY = re.compile(r"^kds-server listening on (http://(\S+):(\d+))$", re.MULTILINE)


class ServerError(RuntimeError):
    """The server did not start (or stop) as expected; the message carries its stderr tail."""


class ServerProcess:
    """One kds-server subprocess.

    `args` are extra command-line options (e.g. `["--dev", "--seed", "demo"]`); `--port` and
    `--db` are managed here. `db_path=None` uses a file in a private temp dir (removed by
    `close()`), so `restart()` keeps the data either way. stdout and stderr go to files in
    `log_dir` (the temp dir by default): read `stderr_text()` when a test fails.
    """

    def __init__(
        self,
        args: list[str] | None = None,
        db_path: str | None = None,
        *,
        log_dir: str | None = None,
        ready_timeout_s: float = 20.0,
    ) -> None:
        self.args = list(args or [])
        self._tmp = tempfile.mkdtemp(prefix="kds-server-")
        self.db_path = db_path or os.path.join(self._tmp, "kds.db")
        self.log_dir = Path(log_dir or self._tmp)
        self.ready_timeout_s = ready_timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.host = "127.0.0.1"
        self.port = 0
        self.starts = 0
        self.stdout_path = self.log_dir / "server.stdout"
        self.stderr_path = self.log_dir / "server.stderr"
        self._paused = False

    # ------------------------------------------------------------ lifecycle
    def start(self, port: int = 0) -> ServerProcess:
        """Spawn `python -m kds.server --port PORT` and wait for its ready line."""
        if self.running:
            raise ServerError("already running")
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        out = self.stdout_path.open("wb")
        err = self.stderr_path.open("ab")
        err.write(f"--- start #{self.starts} ---\n".encode())
        err.flush()
        cmd = [sys.executable, "-m", "kds.server", "--host", self.host, "--port", str(port)]
        cmd += ["--db", self.db_path, *self.args]
        try:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        finally:
            out.close()
            err.close()
        self._paused = False
        deadline = time.monotonic() + self.ready_timeout_s
        while True:
            match = _READY.search(self.stdout_path.read_text(errors="replace"))
            if match:
                self.url, self.port = match.group(1), int(match.group(3))
                return self
            code = self.proc.poll()
            if code is not None:
                self.proc = None
                raise ServerError(
                    f"kds-server exited with {code} before ready:\n{self.stderr_tail()}"
                )
            if time.monotonic() > deadline:
                self.kill()
                raise ServerError(
                    f"kds-server not ready in {self.ready_timeout_s} s:\n{self.stderr_tail()}"
                )
            time.sleep(0.01)  # polling the ready line with a deadline

    def stop(self, timeout_s: float = 10.0) -> int:
        """SIGTERM and wait (graceful: hub Close messages, store flushed); returns the exit code.

        Raises ServerError if it does not exit in time (it is then killed)."""
        proc = self.proc
        if proc is None:
            return 0
        if self._paused:
            self.resume()
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            self.proc = None
            raise ServerError(f"kds-server ignored SIGTERM for {timeout_s} s") from None
        self.proc = None
        return code

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs (the crash case for restart tests)."""
        proc = self.proc
        if proc is None:
            return
        proc.kill()
        proc.wait()
        self.proc = None
        self._paused = False

    def restart(self, *, kill: bool = False) -> ServerProcess:
        """Stop (SIGTERM, or SIGKILL with `kill=True`) and start again on the same db.

        It first tries to rebind the same port, so clients can reconnect to the same URL; if
        that port was taken meanwhile it falls back to a fresh port and `url` changes."""
        old_port = self.port
        if kill:
            self.kill()
        else:
            self.stop()
        try:
            return self.start(port=old_port)
        except ServerError:
            return self.start(port=0)

    def pause(self) -> None:
        """SIGSTOP: the process freezes with its sockets open (a hung server)."""
        if self.proc is not None and not self._paused:
            self.proc.send_signal(signal.SIGSTOP)
            self._paused = True

    def resume(self) -> None:
        if self.proc is not None and self._paused:
            self.proc.send_signal(signal.SIGCONT)
            self._paused = False

    def close(self) -> None:
        """Stop (killing if SIGTERM does not work) and remove the private temp dir."""
        with contextlib.suppress(ServerError):
            self.stop()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # ------------------------------------------------------------ inspection
    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    def stderr_text(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stderr_tail(self, lines: int = 40) -> str:
        return "\n".join(self.stderr_text().splitlines()[-lines:])

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

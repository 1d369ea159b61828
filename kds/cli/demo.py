"""`kds demo`: a throw-away kds-server with live simulated orders, and the kitchen screen on it.

Why a subcommand and not a shell script: it must work from the installed package too (the
`.deb` bundle has no source tree), and only Python here knows how to stop the server whatever
way the GUI ends (closed, Ctrl+C, or an exception).

Its messages speak the screen's language (`kds.cli.language`), except the first-order line,
which is for tests and scripts.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from kds.cli.language import CHOICES, speak, translate
from kds.core.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kds.app.session import Session
    from kds.app.settings import SessionSettings
    from kds.ui.main_window import MainWindow

__all__ = ["DEMO_PASSWORD", "DEMO_RESTAURANT_ID", "DEMO_USER", "add_parser", "has_display"]

DEMO_USER = "staff.pho-hanoi@kds.example"
DEMO_PASSWORD = "Password123!"  # the public seed account of backend-contract B2, not a secret
DEMO_RESTAURANT_ID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
FIRST_ORDER_LINE = "kds demo: first order on the board:"  # for tests: never translated
BOARD_UP_LINE = QT_TRANSLATE_NOOP(
    "Demo", "kds demo: the board is up (close the window or press Ctrl+C to stop)"
)
_READY = re.compile(r"^kds-server listening on (http://\S+)$", re.MULTILINE)
_PR_SET_PDEATHSIG = 1


class DemoError(RuntimeError):
    """The demo server did not start; the message says why (with its log tail)."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="the kitchen screen on a local server with simulated orders")
    p.add_argument(
        "--rate",
        type=float,
        default=12.0,
        help="simulated orders a minute over the 3 demo restaurants (default 12: ~4 on the board)",
    )
    p.add_argument("--burst", type=int, default=4, help="orders placed at start (default 4)")
    p.add_argument(
        "--kiosk",
        action="store_true",
        help="fill the screen (window manager or not): no frame, no cursor, no screen blanking",
    )
    p.add_argument("--no-sound", action="store_true", help="visual alerts only")
    p.add_argument(
        "--language",
        choices=CHOICES,
        help="screen language (default: the `language` setting, else the system's)",
    )
    p.add_argument(
        "--exit-when-first-order",
        action="store_true",
        help=f"print '{FIRST_ORDER_LINE} #N' and quit once a ticket shows (tests)",
    )
    p.set_defaults(run=run)


def has_display(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """True when Qt can open a window: an X11 or Wayland display, or a platform set explicitly."""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return True
    return env.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "vnc", "eglfs", "linuxfb")


def server_command() -> list[str]:
    """The kds-server next to a frozen `kds` (the .deb bundle), else this Python's module."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).with_name("kds-server"))]
    return [sys.executable, "-m", "kds.server"]


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the demo process dies without cleaning up (a crash)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class DemoServer:
    """`kds-server --dev --seed demo --simulate RATE` on a free port, its store in `workdir`."""

    def __init__(self, workdir: Path, rate: float) -> None:
        self.workdir = workdir
        self.rate = rate
        self.url = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self.stdout_path = workdir / "server.stdout"
        self.stderr_path = workdir / "server.log"

    def start(self, timeout_s: float = 30.0) -> str:
        cmd = [*server_command(), "--dev", "--seed", "demo", "--simulate", f"{self.rate:g}"]
        cmd += ["--host", "127.0.0.1", "--port", "0", "--db", str(self.workdir / "demo.db")]
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
            )
        deadline = time.monotonic() + timeout_s
        while True:
            match = _READY.search(self.stdout_path.read_text(errors="replace"))
            if match:
                self.url = match.group(1)
                return self.url
            if self.proc.poll() is not None or time.monotonic() > deadline:
                tail = self.stderr_path.read_text(errors="replace")[-800:]
                failed = translate("Demo", "kds-server did not start (exit {code}): {log}")
                raise DemoError(failed.format(code=self.proc.poll(), log=tail))
            time.sleep(0.05)  # polling the ready line with a deadline

    def burst(self, count: int) -> None:
        """A few orders at once, spread over ~5 s and moving on their own: a lively first minute."""
        if count <= 0:
            return
        body = {
            "restaurantId": DEMO_RESTAURANT_ID,
            "count": count,
            "scenario": "autoFlow",
            "interOrderDelayMs": 1200,
        }
        resp = httpx.post(f"{self.url}/api/v1/dev/order-simulator/start", json=body, timeout=10)
        if resp.status_code != 202:
            refused = translate("Demo", "the simulator refused the first orders: HTTP {status}")
            raise DemoError(refused.format(status=resp.status_code))

    def stop(self) -> None:
        """SIGTERM (the server closes its hubs and flushes), SIGKILL after 8 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=8)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


def _session_factory(workdir: Path) -> Callable[[SessionSettings], Session]:
    """Sessions with tokens in memory and state in the demo dir: the real keyring is untouched."""
    from kds.app.memory_keyring import MemoryKeyring
    from kds.app.session import Session
    from kds.net.tokens import TokenStore

    keyring = MemoryKeyring()

    def make(settings: SessionSettings) -> Session:
        demo_settings = replace(settings, state_path=workdir / "state.json")
        return Session(
            demo_settings,
            token_store_factory=lambda user: TokenStore(
                demo_settings.base_url, user, backend=keyring
            ),
        )

    return make


def _on_window(url: str, exit_when_first_order: bool) -> Callable[[MainWindow], None]:
    """Signs in through the login page (as a person would), and optionally watches the board."""
    from PySide6.QtCore import QTimer

    from kds.core.lanes import Lane

    def hook(window: MainWindow) -> None:
        window.login.login_requested.emit(url, DEMO_USER, DEMO_PASSWORD)
        poll = QTimer(window)
        announced = False

        def check() -> None:
            nonlocal announced
            page = window.board_page
            if page is None or window.stack.currentWidget() is not page:
                return
            if not announced:
                announced = True
                print(translate("Demo", BOARD_UP_LINE), file=sys.stderr, flush=True)
            if not exit_when_first_order:
                poll.stop()
                return
            for lane in Lane:
                for order_id in page.board_view.lane_ids(lane):
                    if page.board_view.ticket_view(order_id) is not None:
                        poll.stop()
                        print(f"{FIRST_ORDER_LINE} {order_id} in {lane.name}", flush=True)
                        window.close()
                        return

        poll.timeout.connect(check)
        poll.start(100)

    return hook


def run(args: argparse.Namespace) -> int:
    if not has_display():
        speak(args.language)  # a QCoreApplication, for this one message
        no_display = translate(
            "Demo",
            "kds demo: no display (DISPLAY/WAYLAND_DISPLAY unset) — try `kds tail` for a "
            "text view, or QT_QPA_PLATFORM=offscreen",
        )
        print(no_display, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    # The screen's application, made now so the messages before the window speak its language
    # (run_gui uses it and installs the same catalogue).
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    workdir = Path(tempfile.mkdtemp(prefix="kds-demo-"))
    speak(args.language, state_path=workdir / "state.json")
    server = DemoServer(workdir, args.rate)
    try:
        url = server.start()
        signing_in = translate("Demo", "kds demo: server on {url}, signing in as {user}")
        print(signing_in.format(url=url, user=DEMO_USER), file=sys.stderr)
        server.burst(args.burst)
        from kds.app.logging_setup import setup_logging
        from kds.ui.main import run_gui

        setup_logging(log_path=workdir / "kds.log")  # the demo's log goes with its store

        gui_args = ["--server", url, "--user", DEMO_USER, "--state", str(workdir / "state.json")]
        gui_args += ["--kiosk"] * args.kiosk + ["--no-sound"] * args.no_sound
        gui_args += ["--language", args.language] if args.language else []
        return run_gui(
            gui_args,
            _session_factory(workdir),
            on_window=_on_window(url, args.exit_when_first_order),
        )
    except DemoError as exc:
        print(f"kds demo: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

"""The real stack for the GUI benchmarks: a kds-server subprocess and a signed-in `BoardPage`.

`ui_latency.py` and `board_density.py` both time "hub event → board painted" on the same stack:
a kds-server (dev seed, 10 ms outbox), the real `Session` (REST + SignalR hub) and the real
`BoardPage`, styled and text-scaled as `kds` renders it on a screen of that size. Kept here so
the two measure the same thing the same way. Import it after the script has put the repository
root on ``sys.path`` (as every bench script does before importing ``kds``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from kds.app.live import default_hub_factory
from kds.app.session import Session
from kds.app.settings import SessionSettings, StateFile
from kds.core.orders import OrderEvent
from kds.net.hub import HubClient
from kds.ui.alert_player import SilentAlertPlayer
from kds.ui.board_page import BoardPage
from kds.ui.main import scale_for_size
from kds.ui.theme import DARK

__all__ = ["OWNER", "PASSWORD", "RESTAURANT", "LiveBoard", "PaintProbe", "start_server", "wait"]

RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OWNER = "owner.pho-hanoi@kds.example"
PASSWORD = "Password123!"


def start_server(tmp: str) -> tuple[subprocess.Popen[bytes], str]:
    """A kds-server on a free port with the dev seed and a 10 ms outbox; (process, base url)."""
    out_path = Path(tmp) / "server.out"
    cmd = [sys.executable, "-m", "kds.server", "--port", "0", "--dev", "--seed", "demo",
           "--db", str(Path(tmp) / "kds.db"), "--outbox-interval-ms", "10",
           "--log-level", "warning"]  # fmt: skip
    with out_path.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = re.search(r"listening on (http://\S+)", out_path.read_text())
        if match:
            return proc, match.group(1)
        time.sleep(0.02)  # polling the ready line with a deadline
    proc.kill()
    raise RuntimeError("kds-server did not start")


def wait(app: QApplication, predicate: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Run the event loop until `predicate` holds (TimeoutError after `timeout_s`)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        app.processEvents()
        time.sleep(0.001)  # let the worker threads run between event-loop passes


class LiveBoard:
    """The owner of Pho Hanoi signed in through a real `Session`, its `BoardPage` shown at
    `size`, and a REST client to place orders (dev route) and run the kitchen's commands.

    Attributes:
        received_at: order id → when its first hub event reached the client (perf_counter, on
            the socket reader thread): the start of "hub event → board painted".
    """

    def __init__(
        self, app: QApplication, url: str, tmp: str, size: tuple[int, int] = (1920, 1080)
    ) -> None:
        self.app = app
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=10)
        token = self.http.post(
            "/api/v1/users/login", json={"email": OWNER, "password": PASSWORD}
        ).json()["accessToken"]
        self.auth = {"Authorization": f"Bearer {token}"}
        state = Path(tmp) / "state.json"
        self.received_at: dict[str, float] = {}

        def hub_factory(hub_url: str, token_provider: Any, **kwargs: Any) -> HubClient:
            deliver = kwargs["on_event"]

            def on_event(name: str, event: Any) -> None:  # decoded on the reader thread
                if isinstance(event, OrderEvent):
                    self.received_at.setdefault(event.order_id, time.perf_counter())
                deliver(name, event)

            return default_hub_factory(hub_url, token_provider, **{**kwargs, "on_event": on_event})

        self.session = Session(
            SessionSettings(url, state_path=state), hub_factory=hub_factory, state=StateFile(state)
        )
        # Styled and scaled exactly as `kds` shows it on a screen of this size.
        theme = DARK.scaled(scale_for_size(*size))
        app.setStyleSheet(theme.style_sheet())
        self.page = BoardPage(self.session, SilentAlertPlayer(), theme=theme)
        self.page.resize(*size)
        self.page.show()
        self.session.login(OWNER, PASSWORD)
        wait(app, lambda: self.session.live.live)

    def place(self, items: list[dict[str, Any]], note: str = "") -> str:
        """A cash order through the dev route (so it is Placed at once); its order id."""
        body = {"restaurantId": RESTAURANT, "items": items, "note": note}
        return str(self.http.post("/api/v1/dev/orders", json=body).json()["orderId"])

    def command(self, order_id: str, action: str, **extra: Any) -> None:
        """A kitchen command (``accept``, ``preparing``, ``ready``, ``reject``…) as the owner."""
        body = {"restaurantId": RESTAURANT, **extra}
        response = self.http.post(
            f"/api/v1/orders/{order_id}/{action}", json=body, headers=self.auth
        )
        response.raise_for_status()

    def close(self) -> None:
        self.page.stop()
        self.session.shutdown()
        self.http.close()


class PaintProbe(QObject):
    """When a widget's paints end: an event filter that paints the widget itself and notes the
    time after, so the end of the paint is timed without subclassing the widget (any layout's
    widgets can be probed). `ends` in perf_counter, `cpu_ends` in the Qt thread's CPU time."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.ends: list[float] = []
        self.cpu_ends: list[float] = []
        self._inside = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or self._inside:
            return False
        self._inside = True
        try:
            watched.event(event)
        finally:
            self._inside = False
        self.ends.append(time.perf_counter())
        self.cpu_ends.append(time.thread_time())
        return True

    def first_after(self, moment: float) -> float | None:
        return next((end for end in self.ends if end > moment), None)

    def first_after_with_cpu(self, moment: float) -> tuple[float, float] | None:
        """(perf_counter, thread CPU time) of the first paint that ended after `moment`."""
        return next(
            ((end, cpu) for end, cpu in zip(self.ends, self.cpu_ends, strict=True) if end > moment),
            None,
        )

"""The world a chaos schedule runs in: one kds-server, a TCP proxy, three live sessions, actors.

Sessions under test are the product's own ``kds.app.session.Session`` objects (what the GUI
and ``kds tail`` run), several on one Qt event loop in this process: two terminals of Pho Hanoi
behind the proxy (staff, owner) and the manager on Bella Napoli connected directly. Their
settings inject short delays only where the production default is not what is under test:
hub retry ``0 / 0.2 / 0.5 s`` (then every 0.5 s), receive watchdog 3 s (server pings every
1 s), snapshot retry from 0.2 s; the periodic safety resync is OFF, so convergence comes from
the consistency rules alone.

Backend activity comes from actors that talk to the server directly over REST (another staff
terminal, the customer, the payment webhook): they are not behind the proxy, so the kitchen
keeps working while a terminal is partitioned.

Cooks' taps on the proxied terminals go through ``Session.take_step`` (issue 18) and are kept
in a ledger (`Taps`): each tap's step id, and how its step ended (``steps.settled``) on
whichever session instance ended it — a terminal switched off and on again (its state file,
queue and saved board kept) finishes the taps of the one before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtTest import QTest

from kds.app.memory_keyring import MemoryKeyring
from kds.app.offline_start import OfflineState
from kds.app.session import Session
from kds.app.settings import SessionSettings, StateFile
from kds.core.decode import parse_timestamp
from kds.net.hub import HubClient
from kds.net.retry import HubRetryPolicy
from kds.net.tokens import TokenStore
from tests.chaos.observe import Observer
from tests.support.helpers import (
    BELLA_NAPOLI,
    CUSTOMER,
    MANAGER,
    PASSWORD,
    PHO_HANOI,
    owner,
    staff,
)
from tests.support.proxy import TcpProxy
from tests.support.server import ServerProcess

SERVER_ARGS = ["--dev", "--seed", "demo", "--outbox-interval-ms", "10", "--keepalive-s", "1"]
SERVER_ARGS += ["--log-level", "warning"]
RETRY = HubRetryPolicy(delays_s=(0.0, 0.2, 0.5), steady_s=0.5)
RESTAURANTS = {"pho": PHO_HANOI, "bella": BELLA_NAPOLI}
LONGEST_RETRY_S = 0.5 * (1 + RETRY.jitter_ratio)
OFFLINE_RETRY_S = 0.5  # a restarted terminal's sign-in retries while its saved board shows
DEAD_PORT = 1  # nothing listens there: the proxy's upstream connections are refused


@dataclass(frozen=True)
class Tap:
    """One cook's tap kept by a session: what, on which order, by which terminal."""

    step_id: str
    terminal: str
    order_id: str
    action: str
    label: str


@dataclass
class Taps:
    """Every tap of a schedule and how each ended (any number of ends per id is recorded: more
    than one is itself a failure), plus what the terminals told a person."""

    taps: list[Tap] = field(default_factory=list)
    fates: dict[str, list[str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # order, action, text

    def watch(self, session: Session) -> None:
        session.steps.settled.connect(self._on_settled)
        session.notice.connect(lambda _level, text: self.notices.append(text))
        session.action_failed.connect(self._on_failed)

    def _on_failed(self, order_id: str, action: str, text: str) -> None:
        self.failures.append((order_id, action, text))

    def _on_settled(self, step_id: str, fate: str) -> None:
        self.fates.setdefault(step_id, []).append(fate)


def spin(seconds: float) -> None:
    """Let the Qt loop (the sessions) run for ``seconds`` of schedule time."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        QTest.qWait(max(1, min(20, int(left * 1000))))


def wait_for(predicate: Callable[[], Any], timeout_s: float, what: str) -> Any:
    """Run the Qt loop until ``predicate()`` is truthy; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout_s
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout_s} s\n{_thread_stacks()}")
        QTest.qWait(10)
    return value


def _thread_stacks() -> str:
    """Every thread's stack, for a wait that timed out: where was the session stuck?

    An intermittent "login …: not within 20 s" (about one World start in 30 in full-suite runs,
    none in 80 starts alone) showed the login POST answered and ``users/me`` never sent."""
    import sys
    import threading
    import traceback

    names = {t.ident: t.name for t in threading.enumerate()}
    parts = []
    for ident, frame in sys._current_frames().items():
        stack = "".join(traceback.format_stack(frame)[-8:])
        parts.append(f"--- thread {names.get(ident, ident)}\n{stack}")
    return "\n".join(parts)


def chaos_hub(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    return HubClient(
        url,
        token_provider,
        retry_policy=RETRY,
        watchdog_timeout_s=3.0,
        ping_interval_s=1.0,
        connect_timeout_s=5.0,
        stop_timeout_s=3.0,
        **kwargs,
    )


class Actor:
    """Another terminal (or the customer) calling the REST API directly, re-logging on 401."""

    def __init__(self, world: World, user: str, password: str) -> None:
        self.world = world
        self.user, self._password = user, password
        self._token = ""
        self.refused = 0  # 400/404/409: the order moved meanwhile (a race, not a failure)

    def _login(self) -> None:
        body = {"email": self.user, "password": self._password}
        response = httpx.post(f"{self.world.server.url}/api/v1/users/login", json=body)
        response.raise_for_status()
        self._token = response.json()["accessToken"]

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        for _ in range(2):
            if not self._token:
                self._login()
            headers = {"Authorization": f"Bearer {self._token}"}
            url = f"{self.world.server.url}/api/v1/{path}"
            response = httpx.post(url, json=body, headers=headers, timeout=10)
            if response.status_code != 401:
                break
            self._token = ""
        if response.status_code in (400, 404, 409):
            self.refused += 1
        elif response.status_code != 200:
            raise AssertionError(f"{self.user} POST {path}: {response.status_code}")
        return response


class World:
    """Everything one schedule needs; ``close()`` stops it all (no thread left behind)."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.server = ServerProcess(
            SERVER_ARGS, str(workdir / "kds.db"), log_dir=str(workdir / "server")
        )
        self.proxy: TcpProxy | None = None
        self.sessions: list[Session] = []
        self.observers: list[Observer] = []
        self.keyring = MemoryKeyring()
        self.outbox_paused = False
        self.blackhole_until: float | None = None
        self.outage = False
        self.taps = Taps()
        self.signed_in_again: list[str] = []
        self._typing: set[Session] = set()  # sessions a "cook" is signing in again
        self._plan: dict[str, tuple[str, str, str, str]] = {}  # name → url, user, password, rid

    # ------------------------------------------------------------------ set-up
    def start(self) -> World:
        self.server.start()
        self.proxy = TcpProxy(self.server.port).start()
        self.kitchen = {
            "pho": Actor(self, *staff("pho-hanoi")),
            "bella": Actor(self, *owner("bella-napoli")),
        }
        self.customer = Actor(self, *CUSTOMER)
        plan = [
            ("pho-staff", self.proxy.url, staff("pho-hanoi"), PHO_HANOI),
            ("pho-owner", self.proxy.url, owner("pho-hanoi"), PHO_HANOI),
            ("bella-manager", self.server.url, MANAGER, BELLA_NAPOLI),
        ]
        for name, url, (user, password), rid in plan:
            self._add_session(name, url, user, password, rid)
        for session in self.sessions:
            wait_for(
                lambda s=session: s.live.live and s.live.snapshot_count >= 2,
                20,
                f"session {session.user} live",
            )
        return self

    def _new_session(self, name: str, url: str, user: str | None) -> Session:
        settings = SessionSettings(
            url,
            user=user,
            auto_select=False,
            safety_resync_s=0.0,
            snapshot_retry_s=0.2,
            offline_retry_s=OFFLINE_RETRY_S,
        )
        session = Session(
            settings,
            hub_factory=chaos_hub,
            token_store_factory=lambda u: TokenStore(settings.base_url, u, backend=self.keyring),
            state=StateFile(self.workdir / f"state-{name}.json"),
        )
        self.taps.watch(session)
        return session

    def _add_session(self, name: str, url: str, user: str, password: str, rid: str) -> None:
        self._plan[name] = (url, user, password, rid)
        session = self._new_session(name, url, None)
        self.sessions.append(session)
        self.observers.append(Observer(name, session, rid))
        signed_in: list[bool] = []
        refused: list[str] = []
        session.login_succeeded.connect(lambda: signed_in.append(True))
        session.login_failed.connect(lambda kind, text: refused.append(f"{kind}: {text}"))
        session.login(user, password)
        try:
            wait_for(lambda: signed_in or refused, 20, f"login {user}")
            if refused:  # say why at once: a silent failure once looked like a 20 s stall
                raise AssertionError(f"login {user} failed: {refused[0]}")
        except AssertionError as exc:  # client or server stalled? Say which, with both sides
            raise AssertionError(
                f"{exc}\n--- server stderr\n{self.server.stderr_tail(30)}"
            ) from None
        session.select_restaurant(rid)

    def restart_terminal(self, name: str) -> None:
        """Switch a terminal off (its session shut down: the board saved, held steps on disk)
        and on again: a new session on the same state file signs in silently (`resume`),
        showing the saved board while the server cannot be reached."""
        index = next(i for i, o in enumerate(self.observers) if o.name == name)
        old = self.observers[index]
        board = old.session.board.board
        alerting = {a.order_id for a in board.unacknowledged_alerts()} if board else set()
        self.sessions[index].shutdown()
        url, user, _password, rid = self._plan[name]
        session = self._new_session(name, url, user)

        def open_restaurant() -> None:  # the chaos sessions do not auto-select
            if session.restaurant_id is None:
                session.select_restaurant(rid)

        session.login_succeeded.connect(open_restaurant)
        self.sessions[index] = session
        # The same terminal: its history goes on. An order still alerting when it went off
        # alerts again when it comes back (rightly); one it had answered must not.
        self.observers[index] = Observer(
            name,
            session,
            rid,
            alerts=old.alerts,
            # and so does one forgiven at the last switch-off that had not sounded again yet
            # (switched off twice in a row before it showed a board: seed 523)
            forgiven=alerting | old.forgiven,
            first_status=old.first_status,
            statuses=old.statuses,
            regressions=old.regressions,
        )
        session.resume()

    def cut(self, on: bool) -> None:
        """The proxied terminals' network: refused (``on``) or through to the server."""
        assert self.proxy is not None
        self.outage = on
        self.proxy.retarget(DEAD_PORT if on else self.server.port)
        if on:
            self.proxy.reset()

    # ------------------------------------------------------------------ truth
    def truth(self, restaurant_id: str) -> list[tuple[str, str, Any]]:
        url = f"{self.server.url}/api/v1/dev/restaurants/{restaurant_id}/open-orders"
        response = httpx.get(url, timeout=10)
        response.raise_for_status()
        return [
            (o["orderId"], o["status"], parse_timestamp(o["lastUpdateTimestamp"], "ts"))
            for o in response.json()
        ]

    def events(self, order_id: str) -> list[str]:
        """The order's transitions at the server (event types, oldest first)."""
        url = f"{self.server.url}/api/v1/dev/orders/{order_id}/events"
        response = httpx.get(url, timeout=10)
        response.raise_for_status()
        return [str(e["type"]) for e in response.json()]

    def dev(self, path: str, body: dict[str, Any]) -> Any:
        response = httpx.post(f"{self.server.url}/api/v1/dev/{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else None

    # ------------------------------------------------------------------ heal / close
    def heal(self) -> None:
        """End every fault: proxy clean, dev faults cleared (outbox resumed), server up."""
        assert self.proxy is not None
        if self.blackhole_until is not None:
            spin(max(0.0, self.blackhole_until - time.monotonic()))
            self.blackhole_until = None
        self.proxy.heal()
        if not self.server.running:
            self.server.start(port=self.server.port)
        if self.outage:
            self.cut(False)
        self.dev("faults/clear", {})
        self.outbox_paused = False
        self.sign_in_signed_out()

    def sign_in_signed_out(self) -> None:
        """A terminal the faults signed out is signed in again by its cook, as in a kitchen.

        Why it happens at all: kds-server rotates refresh tokens and the old one dies, so a
        refresh whose answer the network lost (a proxy reset mid-request) leaves the terminal
        a dead token; the next silent sign-in is refused and the terminal signs out, keeping
        its held steps on disk for the next sign-in. Counted (`signed_in_again`): the soak
        reports how often a person had to type a password. Called at the heal and while
        convergence is measured (a retried sign-in may be refused only then)."""
        for observer in self.observers:
            session = observer.session
            retrying = session.offline.state is not OfflineState.IDLE  # it comes up by itself
            signed_out = session.user is None and session.restaurant_id is None
            if signed_out and not retrying and session not in self._typing:
                _url, user, password, rid = self._plan[observer.name]
                self.signed_in_again.append(observer.name)
                self._typing.add(session)

                def open_restaurant(s: Session = session, r: str = rid) -> None:
                    if s.restaurant_id is None:
                        s.select_restaurant(r)

                session.login_succeeded.connect(open_restaurant)
                session.login(user, password)

    def close(self) -> None:
        if self.proxy is not None:
            self.proxy.heal()
        for session in self.sessions:
            session.shutdown()
        if self.proxy is not None:
            self.proxy.close()
        self.server.close()


def eta() -> str:
    return (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


__all__ = ["PASSWORD", "RESTAURANTS", "World", "eta", "spin", "wait_for"]

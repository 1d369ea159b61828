"""Fixtures for in-process session tests against the real kds-server (pytest-qt)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.app.memory_keyring import MemoryKeyring
from kds.app.session import Session
from kds.app.settings import SessionSettings, StateFile
from kds.core.decode import parse_timestamp
from kds.core.ticket import Ticket
from kds.net.hub import HubClient
from kds.net.redact import install_redaction
from kds.net.retry import HubRetryPolicy
from kds.net.tokens import TokenStore
from tests.support.changes import listen
from tests.support.helpers import open_orders
from tests.support.server import ServerProcess


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(scope="package", autouse=True)
def token_free_logs() -> Iterator[None]:
    """Every log record of the package's sessions, at DEBUG: none may contain a token."""
    install_redaction()
    capture = _Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    obtained: set[str] = set()
    original_save = TokenStore.save

    def save(self: TokenStore, access_token: str, refresh_token: str, expires_in_s: float) -> Any:
        obtained.update((access_token, refresh_token))
        return original_save(self, access_token, refresh_token, expires_in_s)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TokenStore, "save", save)
        try:
            yield
        finally:
            root.removeHandler(capture)
            root.setLevel(old_level)
    leaks = [line for line in capture.lines for t in obtained if t in line]
    assert obtained, "no token was obtained: the audit checked nothing"
    assert not leaks, f"{len(leaks)} log lines contain a token, e.g. {leaks[0][:300]!r}"


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: MemoryKeyring, no_leaks: None) -> None:
    """A memory keyring; no hub, signalrcore or session thread, no socket outlives the test."""


def fast_hub(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    """The default hub with reconnect delays short enough for tests."""
    policy = HubRetryPolicy(delays_s=(0.0, 0.2, 0.5), steady_s=0.5)
    return HubClient(url, token_provider, retry_policy=policy, **kwargs)


class Recorder:
    """Everything a session and its board model said, in order."""

    def __init__(self, session: Session) -> None:
        self.alerts: list[str] = []
        self.states: list[str] = []
        self.notices: list[tuple[str, str]] = []
        self.shown: set[str] = set()  # every order id ever added to the board
        self.first_status: dict[str, str] = {}  # status when the order first appeared
        self.failures: list[tuple[str, str, str]] = []
        self.finished: list[tuple[str, str]] = []
        self.selected: list[str] = []
        self.signed_out = 0
        self.login_failed: list[tuple[str, str]] = []
        m = session.board
        listen(m, alert=lambda oid, _n: self.alerts.append(oid), added=self._on_ticket_added)
        self._model = m
        session.connection_changed.connect(lambda s, _d: self.states.append(s))
        session.notice.connect(lambda lvl, msg: self.notices.append((lvl, msg)))
        session.action_failed.connect(lambda *a: self.failures.append(a))
        session.action_finished.connect(lambda *a: self.finished.append(a))
        session.restaurant_selected.connect(lambda rid, _n: self.selected.append(rid))
        session.signed_out.connect(self._on_signed_out)
        session.login_failed.connect(lambda k, m_: self.login_failed.append((k, m_)))

    def _on_ticket_added(self, ticket: Ticket) -> None:
        self.shown.add(ticket.order_id)
        self.first_status.setdefault(ticket.order_id, ticket.status.value)

    def _on_signed_out(self) -> None:
        self.signed_out += 1


SessionFactory = Callable[..., tuple[Session, Recorder]]


@pytest.fixture
def make_session(qtbot: QtBot, tmp_path: Path) -> Iterator[SessionFactory]:
    """``make(server, **settings) -> (session, recorder)``, not signed in; shut down at teardown."""
    made: list[Session] = []

    def make(server: ServerProcess, **kwargs: Any) -> tuple[Session, Recorder]:
        kwargs.setdefault("state_path", tmp_path / f"state{len(made)}.json")
        settings = SessionSettings(server.url, **kwargs)
        session = Session(settings, hub_factory=fast_hub, state=StateFile(settings.state_path))
        made.append(session)
        return session, Recorder(session)

    yield make
    for session in made:
        session.shutdown()


def sign_in(qtbot: QtBot, session: Session, user: str, password: str = "Password123!") -> None:
    with qtbot.waitSignal(session.login_succeeded, timeout=10_000):
        session.login(user, password)


def go_live(qtbot: QtBot, session: Session, rec: Recorder, rid: str) -> None:
    """Select ``rid`` (unless auto-selected) and wait until subscribed and synced."""
    if session.restaurant_id != rid:
        session.select_restaurant(rid)
    qtbot.waitUntil(lambda: session.live.live and session.live.snapshot_count >= 2, timeout=15_000)


def board_state(session: Session) -> list[tuple[str, str, Any]]:
    return [(t.order_id, t.status.value, t.last_update_timestamp) for t in session.board.tickets()]


def truth_state(server: ServerProcess, rid: str) -> list[tuple[str, str, Any]]:
    return [
        (o["orderId"], o["status"], parse_timestamp(o["lastUpdateTimestamp"], "ts"))
        for o in open_orders(server.url, rid)
    ]


def wait_converged(
    qtbot: QtBot, session: Session, server: ServerProcess, rid: str, timeout_s: float = 15.0
) -> None:
    """Board == the server's open orders (ids, order, statuses, timestamps once details are in)."""
    last: dict[str, Any] = {}

    def check() -> bool:
        truth = truth_state(server, rid)
        mine = board_state(session)
        last["diff"] = (truth, mine)
        return mine == truth

    try:
        qtbot.waitUntil(check, timeout=int(timeout_s * 1000))
    except AssertionError:
        truth, mine = last["diff"]
        raise AssertionError(
            f"board never converged: server {len(truth)} orders, board {len(mine)}; "
            f"missing {sorted(set(truth) - set(mine))[:5]}, "
            f"extra {sorted(set(mine) - set(truth))[:5]}"
        ) from None


def assert_alerts_once(rec: Recorder, still_placed: set[str]) -> None:
    """Every order first seen as Placed alerted exactly once, and nothing else alerted.

    ``still_placed``: orders the test left in Placed; none of them may be missed, whether they
    arrived live or only in a resync snapshot.
    """
    dupes = {oid for oid in rec.alerts if rec.alerts.count(oid) > 1}
    assert not dupes, f"alerted more than once: {dupes}"
    first_placed = {oid for oid, status in rec.first_status.items() if status == "Placed"}
    assert set(rec.alerts) == first_placed
    missed = still_placed - set(rec.alerts)
    assert not missed, f"orders left in Placed that never alerted: {missed}"

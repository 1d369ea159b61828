"""Never lose a tap (issue 18): a saved board restored at a restart, and the steps taken during a
Wi-Fi drop replayed when the server is back.

Runs the real kds-server as a subprocess (demo seed) and the real ``kds.app.session.Session``
on a QCoreApplication in this process, with its default hub retry policy. Figures:

- ``board_file_kb``: the saved board of 300 open orders, every detail in, as
  the session's own `BoardKeeper` wrote it (seeded with ``traffic.seed``, signed in, live,
  every detail fetched, shut down — the shutdown writes the last change).
- ``restore_board_s``: what a restart pays before the saved board can be drawn, on a new
  `BoardModel`: ``BoardStore.load()`` (read, ``json.loads``, decode) + ``model.reset`` +
  ``restore_board`` + ``model.set_menu`` (median of N). No view is attached (no paint).
  Split as ``restore_load_s`` (the ``load()`` part) and ``restore_model_s`` (the rest).
- ``board_json_parse_s``: the anchor, in the same run: reading the same file and
  ``json.loads`` of it, nothing else (median of N); ``restore_vs_json_parse_x`` the ratio.
- ``resume_offline_s``: a new Session on the same state file and keyring with the server
  stopped: from ``Session.resume()`` until the restored board is on the model
  (``restaurant_selected``, emitted once the board is in; median of N) — the failed silent
  sign-in included.
- ``replay_s_100_taps``: 100 open Accepted orders on a live session (a fresh server and
  terminal each round); the server stopped (SIGTERM); one Start taken on each
  (``session.take_step``), all held; the server started again on the same port. From the
  first ``session.synced`` after that (fresh truth) until ``session.steps.count_changed(0)``
  (nothing held); afterwards every order is checked to be Preparing at the server (median of
  the rounds).
- ``online_s_100_taps``: the anchor, in the same run on the same session: a Ready taken on
  each of the same orders while online, from the first take until the last of them is
  ``action_finished``; ``replay_vs_online_x`` the ratio.
- ``hub_back_to_synced_s``: for context, from the server listening again to that first
  ``synced``: the hub's reconnect delay and the resync, which the replay does not pay.

Full run: 21 restores, parses and resumes, 5 replay rounds. ``--quick`` (run_all's smoke): a
board of 60 orders, 3 restores, parses and resumes, one replay round (still 100 taps: a few
seconds). No figure is asserted anywhere.

    .venv/bin/python bench/offline.py
    .venv/bin/python bench/offline.py --quick
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_results  # noqa: E402
from _qt_loop import spin_until  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

from kds.app.board_model import BoardModel  # noqa: E402
from kds.app.board_store import BoardStore, board_store_path  # noqa: E402
from kds.app.memory_keyring import MemoryKeyring  # noqa: E402
from kds.app.session import Session  # noqa: E402
from kds.app.settings import SessionSettings, StateFile  # noqa: E402
from kds.core.actions import Action, ActionRequest  # noqa: E402
from kds.core.board_snapshot import BoardSnapshot, restore_board  # noqa: E402
from kds.core.orders import OrderStatus  # noqa: E402
from kds.net.tokens import TokenStore  # noqa: E402
from tests.integration.app.traffic import Kitchen, seed  # noqa: E402
from tests.support.helpers import PHO_HANOI, open_orders, staff  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

STAFF, PASSWORD = staff("pho-hanoi")
ORDERS = 300
TAPS = 100
SERVER_ARGS = ["--dev", "--seed", "demo", "--log-level", "warning"]


class Terminal:
    """One terminal's disk (state file, step queue, saved boards) and keyring."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.state_path = directory / "state.json"
        self.keyring = MemoryKeyring()

    def session(self, url: str) -> Session:
        settings = SessionSettings(url, state_path=self.state_path)
        return Session(
            settings,
            token_store_factory=lambda user: TokenStore(url, user, backend=self.keyring),
            state=StateFile(self.state_path),
        )

    def store(self) -> BoardStore:
        return BoardStore(board_store_path(self.state_path, STAFF, PHO_HANOI), STAFF, PHO_HANOI)


def all_in(session: Session, orders: int) -> bool:
    return (
        session.live.live
        and len(session.board) == orders
        and not any(t.detail_pending for t in session.board.tickets())
    )


# ------------------------------------------------------------------ restore at a restart


def save_board(server: ServerProcess, terminal: Terminal, orders: int) -> BoardSnapshot:
    """A live session's own saved board of ``orders`` open orders, every detail in."""
    seed(server, PHO_HANOI, orders)
    session = terminal.session(server.url)
    try:
        session.login(STAFF, PASSWORD)
        spin_until(lambda: all_in(session, orders), 120, every_ms=100)
    finally:
        session.shutdown()  # writes the board's last change and waits for the disk
    snapshot = terminal.store().load().snapshot
    assert snapshot is not None, "nothing saved"
    assert len(snapshot.tickets) == orders, len(snapshot.tickets)
    assert all(t.detail is not None for t in snapshot.tickets), "details missing"
    assert snapshot.menu is not None, "no menu saved"
    return snapshot


def restore_once(store: BoardStore, orders: int) -> tuple[float, float]:
    """(load, reset + restore + set_menu) in seconds, on a new model."""
    model = BoardModel()
    started = time.perf_counter()
    loaded = store.load()
    snapshot = loaded.snapshot
    assert snapshot is not None
    read = time.perf_counter()
    board = model.reset(PHO_HANOI)
    assert board is not None
    restore_board(board, snapshot)
    model.set_menu(snapshot.menu)
    done = time.perf_counter()
    assert len(model) == orders
    assert model.menu is snapshot.menu
    assert not loaded.problems, loaded.problems
    model.reset(None)
    return read - started, done - read


def parse_once(path: Path) -> float:
    started = time.perf_counter()
    json.loads(path.read_bytes())
    return time.perf_counter() - started


def resume_offline(server: ServerProcess, terminal: Terminal, orders: int) -> float:
    """With the server stopped: ``resume()`` → the restored board on the model."""
    assert not server.running
    session = terminal.session(server.url)
    shown: list[float] = []
    session.restaurant_selected.connect(lambda _rid, _name: shown.append(time.monotonic()))
    try:
        started = time.monotonic()
        session.resume()
        spin_until(lambda: bool(shown), 30)
        assert session.restaurant_id == PHO_HANOI
        assert len(session.board) == orders
        return shown[0] - started
    finally:
        session.shutdown()


def restoring(tmp: Path, orders: int, runs: int) -> dict[str, float]:
    terminal = Terminal(tmp / "restore")
    server = ServerProcess(SERVER_ARGS, log_dir=str(tmp / "restore-server"))
    server.start()
    try:
        save_board(server, terminal, orders)
        server.stop()
        store = terminal.store()
        parse = [parse_once(store.path) for _ in range(runs)]
        load, model = [], []
        for _ in range(runs):
            a, b = restore_once(store, orders)
            load.append(a)
            model.append(b)
        total = [a + b for a, b in zip(load, model, strict=True)]
        resumes = [resume_offline(server, terminal, orders) for _ in range(runs)]
    finally:
        server.close()
    restore_s, parse_s = statistics.median(total), statistics.median(parse)
    return {
        "restore_orders": float(orders),
        "board_file_kb": round(store.path.stat().st_size / 1024, 1),
        "restore_board_s": round(restore_s, 4),
        "restore_load_s": round(statistics.median(load), 4),
        "restore_model_s": round(statistics.median(model), 4),
        "board_json_parse_s": round(parse_s, 4),
        "restore_vs_json_parse_x": round(restore_s / parse_s, 1),
        "resume_offline_s": round(statistics.median(resumes), 4),
    }


# ------------------------------------------------------------------ replay after a drop


def take(session: Session, order_id: str, action: Action) -> None:
    request = ActionRequest(order_id, action)
    session.take_step(request, label="#" + order_id[:4], tapped_at=datetime.now(UTC))


def replay_once(tmp: Path, taps: int) -> tuple[float, float, float]:
    """(replay, online anchor, listening → first synced) on a fresh server and terminal."""
    terminal = Terminal(tmp)
    server = ServerProcess(SERVER_ARGS, log_dir=str(tmp / "server"))
    server.start()
    session: Session | None = None
    try:
        ids = seed(server, PHO_HANOI, taps)
        kitchen = Kitchen(server, "pho-hanoi", PHO_HANOI)
        for order_id in ids:
            kitchen.move_to(order_id, "Accepted")
        session = s = terminal.session(server.url)
        synced: list[float] = []
        finished: list[tuple[float, str, str]] = []
        nothing_held: list[float] = []
        failed: list[Any] = []
        s.synced.connect(lambda _at: synced.append(time.monotonic()))
        s.action_finished.connect(lambda o, a: finished.append((time.monotonic(), o, a)))
        s.action_failed.connect(lambda *a: failed.append(a))
        s.steps.count_changed.connect(
            lambda n: nothing_held.append(time.monotonic()) if not n else None
        )

        def accepted() -> bool:
            tickets = s.board.tickets()
            return all_in(s, taps) and all(t.status is OrderStatus.ACCEPTED for t in tickets)

        s.login(STAFF, PASSWORD)
        spin_until(accepted, 60, every_ms=50)
        spin_until(lambda: s.steps.fresh, 30)

        server.stop()
        spin_until(lambda: not s.live.live and not s.steps.fresh, 30)
        for order_id in ids:
            take(s, order_id, Action.START)
        assert s.steps.count() == taps
        assert not finished, finished[:3]
        assert not failed, failed[:3]
        mark = len(synced)
        nothing_held.clear()
        server.start(port=server.port)
        listening = time.monotonic()
        spin_until(lambda: len(synced) > mark and bool(nothing_held), 120)
        first_synced = synced[mark]
        replay = nothing_held[0] - first_synced
        assert replay >= 0, "replayed before fresh truth"
        assert s.steps.count() == 0
        assert not failed, failed[:3]
        started = [o for _, o, a in finished if a == Action.START.value]
        assert sorted(started) == sorted(ids), len(started)
        truth = {o["orderId"]: o["status"] for o in open_orders(server.url, PHO_HANOI)}
        assert all(truth[o] == "Preparing" for o in ids), truth

        spin_until(lambda: s.steps.fresh and all(
            (t := s.board.get(o)) is not None and t.status is OrderStatus.PREPARING for o in ids
        ), 30)  # fmt: skip
        finished.clear()
        begun = time.monotonic()
        for order_id in ids:
            take(s, order_id, Action.READY)
        spin_until(lambda: len(finished) >= taps, 60)
        assert not failed, failed[:3]
        assert sorted(o for _, o, a in finished if a == Action.READY.value) == sorted(ids)
        online = finished[-1][0] - begun
        return replay, online, first_synced - listening
    finally:
        if session is not None:
            session.shutdown()
        server.close()


def replaying(tmp: Path, taps: int, runs: int) -> dict[str, float]:
    rounds = [replay_once(tmp / f"replay{n}", taps) for n in range(runs)]
    replay = statistics.median(r[0] for r in rounds)
    online = statistics.median(r[1] for r in rounds)
    return {
        "taps": float(taps),
        f"replay_s_{taps}_taps": round(replay, 3),
        f"online_s_{taps}_taps": round(online, 3),
        "replay_vs_online_x": round(replay / online, 2),
        "hub_back_to_synced_s": round(statistics.median(r[2] for r in rounds), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke sizes (run_all --quick)")
    args = parser.parse_args()
    orders, runs, rounds = (60, 3, 1) if args.quick else (ORDERS, 21, 5)
    _app = QCoreApplication.instance() or QCoreApplication(["bench-offline"])  # for the loops
    with tempfile.TemporaryDirectory(prefix="kds-bench-offline-") as tmp:
        figures = restoring(Path(tmp), orders, runs)
        figures.update(replaying(Path(tmp), TAPS, rounds))
    print(f"{'figure (median)':<28} {'value':>10}")
    for key, value in figures.items():
        print(f"{key:<28} {value:>10}")
    path = write_results("offline", figures)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

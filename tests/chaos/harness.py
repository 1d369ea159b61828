"""Run one chaos schedule, heal, measure convergence, judge; shrink a failing one.

Convergence time is measured from the moment every fault is healed (proxy clean, dev faults
cleared and the outbox resumed, server up) until every session's board equals the server's
truth — same open orders, order, statuses, and timestamps once details are in. The budget is
``CONVERGE_BUDGET_S`` (2 s), plus, when the schedule broke hub connections (restart,
blackhole, proxy reset, hub-drop, outage), the reconnect schedule's longest delay
(``LONGEST_RETRY_S``: 0.5 s + 20 % jitter) and one receive-watchdog period (3 s) if a
blackhole was still holding at the heal — a connection that died silently is only noticed by
the watchdog, by design — and, when a terminal was switched off and on, its sign-in retry
(``OFFLINE_RETRY_S``). Converged also means every tap's step has ended (nothing held).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kds.core.actions import Action, ActionRequest, next_step
from tests.chaos import checker
from tests.chaos.schedule import Schedule, Step, format_replay
from tests.chaos.world import (
    LONGEST_RETRY_S,
    OFFLINE_RETRY_S,
    RESTAURANTS,
    Tap,
    World,
    eta,
    spin,
)

CONVERGE_BUDGET_S = 2.0
WATCHDOG_S = 3.0
MEASURE_LIMIT_S = 20.0  # keep measuring past the budget, to tell "slow" from "never"
CONNECTION_BREAKERS = {"restart", "blackhole_on", "proxy_reset", "hub_drop", "outage_on"}
TAP_TERMINALS = ("pho-staff", "pho-owner")  # the proxied ones: an outage cuts them off


@dataclass
class Report:
    seed: int
    steps: int
    converge_s: float | None  # None: never converged within MEASURE_LIMIT_S
    budget_s: float
    verdict: checker.Verdict
    orders: int = 0
    notes: list[str] = field(default_factory=list)
    tap_fates: dict[str, int] = field(default_factory=dict)  # fate → taps that ended so
    signed_in_again: int = 0  # terminals a person had to sign in again after the faults

    @property
    def ok(self) -> bool:
        return self.verdict.ok and self.converge_s is not None and self.converge_s <= self.budget_s

    def describe(self) -> str:
        took = "never" if self.converge_s is None else f"{self.converge_s:.2f} s"
        return (
            f"seed {self.seed}: {self.steps} steps, {self.orders} orders, converged {took} "
            f"(budget {self.budget_s:.1f} s): {self.verdict.summary()}"
        )


class Runner:
    """Applies steps to a started ``World``."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.orders = 0

    def _pick(self, restaurant: str, pick: int, statuses: set[str] | None = None) -> str | None:
        rows = self.world.truth(RESTAURANTS[restaurant])
        ids = sorted(oid for oid, status, _ in rows if statuses is None or status in statuses)
        return ids[pick % len(ids)] if ids else None

    def apply(self, step: Step) -> None:
        w, a = self.world, step.args
        getattr(self, f"_do_{step.kind}")(w, a)
        spin(step.gap_s)

    # ---------------------------------------------------------------- activity
    def _place(self, w: World, restaurant: str, method: str) -> str:
        body = {
            "restaurantId": RESTAURANTS[restaurant],
            "items": [{"name": "Chaos bowl", "quantity": 1, "unitPrice": 9.5}],
            "paymentMethod": method,
        }
        self.orders += 1
        return str(w.dev("orders", body)["orderId"])

    def _do_place_cash(self, w: World, a: dict[str, object]) -> None:
        self._place(w, str(a["restaurant"]), "CashOnDelivery")

    def _do_place_online(self, w: World, a: dict[str, object]) -> None:
        oid = self._place(w, str(a["restaurant"]), "CreditCard")
        w.dev(f"orders/{oid}/payment", {"succeeded": bool(a["succeeded"])})

    def _do_advance(self, w: World, a: dict[str, object]) -> None:
        restaurant = str(a["restaurant"])
        rows = {oid: st for oid, st, _ in w.truth(RESTAURANTS[restaurant])}
        oid = self._pick(restaurant, int(str(a["pick"])))
        if oid is None:
            return
        action = {"Placed": "accept", "Accepted": "preparing", "Preparing": "ready"}.get(
            rows[oid], "delivered"
        )
        body: dict[str, object] = {"restaurantId": RESTAURANTS[restaurant]}
        if action == "accept":
            body["estimatedDeliveryTime"] = eta()
        w.kitchen[restaurant].post(f"orders/{oid}/{action}", body)

    def _do_staff_cancel(self, w: World, a: dict[str, object]) -> None:
        restaurant = str(a["restaurant"])
        oid = self._pick(restaurant, int(str(a["pick"])))
        if oid is not None:
            body = {"restaurantId": RESTAURANTS[restaurant], "reason": "out of stock"}
            w.kitchen[restaurant].post(f"orders/{oid}/cancel", body)

    def _do_customer_cancel(self, w: World, a: dict[str, object]) -> None:
        restaurant = str(a["restaurant"])
        oid = self._pick(restaurant, int(str(a["pick"])))
        if oid is not None:
            body = {"restaurantId": RESTAURANTS[restaurant], "reason": "changed my mind"}
            w.customer.post(f"orders/{oid}/cancel", body)

    def _do_session_accept(self, w: World, a: dict[str, object]) -> None:
        restaurant = str(a["restaurant"])
        observer = next(o for o in w.observers if o.restaurant_id == RESTAURANTS[restaurant])
        placed = sorted(oid for oid, status, _ in observer.board() if status == "Placed")
        if placed:
            order_id = placed[int(str(a["pick"])) % len(placed)]
            observer.session.run(ActionRequest(order_id, Action.ACCEPT, eta_min=30))

    def _do_session_tap(self, w: World, a: dict[str, object]) -> None:
        """A cook taps the next step of an order on their terminal's board (where its held
        steps leave it): kept, and sent now or after the outage."""
        name = TAP_TERMINALS[int(str(a["who"])) % len(TAP_TERMINALS)]
        observer = next(o for o in w.observers if o.name == name)
        session = observer.session
        if session.restaurant_id is None:
            return  # switched on, not yet showing a board
        tickets = sorted(session.board.tickets(), key=lambda t: t.order_id)
        choices = []
        for ticket in tickets:
            status = session.steps.projected_status(ticket.order_id) or ticket.status
            action = next_step(status)
            if action is not None:
                choices.append((ticket, action))
        if not choices:
            return
        ticket, action = choices[int(str(a["pick"])) % len(choices)]
        eta_min = 30 if action is Action.ACCEPT else None
        label = f"#{ticket.order_number}"
        request = ActionRequest(ticket.order_id, action, eta_min=eta_min)
        step_id = session.take_step(request, label=label, tapped_at=datetime.now(UTC))
        if step_id is not None:
            w.taps.taps.append(Tap(step_id, name, ticket.order_id, action.value, label))

    # ---------------------------------------------------------------- faults
    def _do_outage_on(self, w: World, a: dict[str, object]) -> None:
        w.cut(True)

    def _do_outage_off(self, w: World, a: dict[str, object]) -> None:
        if w.outage:
            w.cut(False)

    def _do_terminal_restart(self, w: World, a: dict[str, object]) -> None:
        w.restart_terminal(TAP_TERMINALS[int(str(a["who"])) % len(TAP_TERMINALS)])

    def _do_hub_drop(self, w: World, a: dict[str, object]) -> None:
        w.dev("faults/hub-drop", {})

    def _do_outbox_pause(self, w: World, a: dict[str, object]) -> None:
        w.dev("faults/outbox", {"paused": True, "shuffle": bool(a.get("shuffle"))})
        w.outbox_paused = True

    def _do_outbox_resume(self, w: World, a: dict[str, object]) -> None:
        if w.outbox_paused:
            w.dev("faults/outbox", {"paused": False, "shuffle": True})
            w.outbox_paused = False

    def _do_redeliver(self, w: World, a: dict[str, object]) -> None:
        w.dev("faults/redeliver", {"count": a["count"]})

    def _do_rest_5xx(self, w: World, a: dict[str, object]) -> None:
        body = {"pathPattern": a["pattern"], "status": a["status"], "count": a["count"]}
        w.dev("faults/rest", body)

    def _do_rest_delay(self, w: World, a: dict[str, object]) -> None:
        body = {"pathPattern": a["pattern"], "delayMs": a["delay_ms"], "count": a["count"]}
        w.dev("faults/rest", body)

    def _do_token_expire(self, w: World, a: dict[str, object]) -> None:
        w.dev("tokens/expire", {})

    def _do_restart(self, w: World, a: dict[str, object]) -> None:
        w.server.restart(kill=True)
        w.outbox_paused = False  # faults live in the server's memory: a restart clears them
        assert w.proxy is not None
        if not w.outage:  # an outage keeps the terminals cut off from the new process too
            w.proxy.retarget(w.server.port)

    def _do_blackhole_on(self, w: World, a: dict[str, object]) -> None:
        assert w.proxy is not None
        w.proxy.blackhole(True)
        w.blackhole_until = time.monotonic() + float(str(a["hold_s"]))

    def _do_blackhole_off(self, w: World, a: dict[str, object]) -> None:
        assert w.proxy is not None
        if w.blackhole_until is not None:
            spin(max(0.0, w.blackhole_until - time.monotonic()))
            w.blackhole_until = None
        w.proxy.blackhole(False)

    def _do_latency_on(self, w: World, a: dict[str, object]) -> None:
        assert w.proxy is not None
        w.proxy.latency(float(str(a["latency_s"])))

    def _do_latency_off(self, w: World, a: dict[str, object]) -> None:
        assert w.proxy is not None
        w.proxy.latency(0.0)

    def _do_proxy_reset(self, w: World, a: dict[str, object]) -> None:
        assert w.proxy is not None
        w.proxy.reset()


def budget_for(schedule: Schedule, blackhole_at_heal: bool) -> float:
    budget = CONVERGE_BUDGET_S
    if any(step.kind in CONNECTION_BREAKERS for step in schedule.steps):
        budget += LONGEST_RETRY_S
    if blackhole_at_heal:
        budget += WATCHDOG_S
    if any(step.kind == "terminal_restart" for step in schedule.steps):
        budget += OFFLINE_RETRY_S
    return budget


def _all_converged(world: World) -> bool:
    if any(o.actions_in_flight for o in world.observers):
        return False
    if any(len(o.session.steps) or o.session.steps.loading for o in world.observers):
        # A tap is still held or on its way (even before its request left), or the held ones
        # are being read back from disk (a sign-in again clears the book first: seed 166).
        return False
    truths = {rid: world.truth(rid) for rid in RESTAURANTS.values()}
    return all(checker.board_matches(o.board(), truths[o.restaurant_id]) for o in world.observers)


def measure(world: World, limit_s: float = MEASURE_LIMIT_S) -> float | None:
    """Seconds from now until every board equals the truth (None past ``limit_s``)."""
    from PySide6.QtTest import QTest

    started = time.monotonic()
    while True:
        world.sign_in_signed_out()  # a terminal signed out by the faults: its cook signs in
        if _all_converged(world):
            return time.monotonic() - started
        if time.monotonic() - started > limit_s:
            return None
        QTest.qWait(10)


def judge(world: World) -> checker.Verdict:
    verdict = checker.Verdict()
    for o in world.observers:
        part = checker.check_session(
            o.board(), world.truth(o.restaurant_id), o.alerts, o.first_status, o.regressions
        )
        verdict.merge(part, o.name)
    events = {tap.order_id: world.events(tap.order_id) for tap in world.taps.taps}
    verdict.merge(checker.check_taps(world.taps, events), "taps")
    return verdict


def run_schedule(schedule: Schedule, workdir: Path | None = None, *, quick: bool = False) -> Report:
    """Fresh world, the steps, heal, measure, judge; the world is always closed.

    ``quick``: stop measuring 1 s past the budget (shrinking only needs pass/fail)."""
    own = workdir is None
    base = Path(tempfile.mkdtemp(prefix="kds-chaos-")) if workdir is None else workdir
    world = World(base)
    try:
        world.start()
        runner = Runner(world)
        for step in schedule.steps:
            runner.apply(step)
        blackhole_at_heal = world.blackhole_until is not None
        world.heal()
        budget = budget_for(schedule, blackhole_at_heal)
        converge_s = measure(world, budget + 1.0 if quick else MEASURE_LIMIT_S)
        report = Report(
            seed=schedule.seed,
            steps=len(schedule.steps),
            converge_s=converge_s,
            budget_s=budget,
            verdict=judge(world),
            orders=runner.orders,
            signed_in_again=len(world.signed_in_again),
            tap_fates=dict(
                Counter(
                    world.taps.fates.get(tap.step_id, ["unsettled"])[0] for tap in world.taps.taps
                )
            ),
        )
        if converge_s is None:
            report.notes.append(world.server.stderr_tail(15))
        return report
    finally:
        world.close()
        if own:
            shutil.rmtree(base, ignore_errors=True)


def shrink(
    schedule: Schedule,
    fails: Callable[[Schedule], bool] | None = None,
    budget_s: float = 90.0,
) -> Schedule:
    """Drop steps while the schedule still fails, within ``budget_s`` (a minimal replay).

    Chunks first (halves, quarters, …, single steps, last chunk first), so a long schedule
    shrinks in few reruns. Reruns stop measuring shortly after the budget: a failure here
    means "not converged in time", and waiting the full 20 s would only slow the search.
    """
    still_fails = fails or (lambda s: not run_schedule(s, quick=True).ok)
    deadline = time.monotonic() + budget_s
    current = schedule
    size = max(1, len(current.steps) // 2)
    while time.monotonic() < deadline:
        start = len(current.steps) - size
        while start >= 0 and time.monotonic() < deadline:
            candidate = Schedule(
                current.seed, current.steps[:start] + current.steps[start + size :]
            )
            if candidate.steps != current.steps and still_fails(candidate):
                current = candidate
            start -= size
        if size == 1:
            break
        size = max(1, size // 2)
    return current


def failure_text(report: Report, replay: Schedule) -> str:
    return (
        f"chaos schedule failed — {report.describe()}\n"
        f"reproduce: bench/chaos_soak.py --schedules 1 --seed {report.seed}\n"
        f"minimal replay ({len(replay.steps)} steps):\n{format_replay(replay)}\n"
        + "\n".join(report.notes)
    )


def seeds(first: int, count: int) -> list[int]:
    """The seeds of a run: ``first`` and the ones after it (any int works; kept explicit)."""
    return [first + i for i in range(count)]


__all__ = ["Report", "failure_text", "run_schedule", "seeds", "shrink"]

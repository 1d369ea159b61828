"""Seeded chaos schedules: backend activity interleaved with faults, as plain data.

A schedule is a list of ``Step``s generated from ``random.Random(seed)``, so ``--seed S``
rebuilds it exactly; ``format_replay`` prints it as Python a test can paste back in
(``Schedule(seed, [Step(...), ...])``). Steps name what happens, never which order id: the
harness picks orders at run time from the server's truth with the step's own ``pick``
number, so a shrunk schedule (steps dropped) still runs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

PHO = "pho"
BELLA = "bella"

ACTIVITY = (
    "place_cash",  # args: restaurant
    "place_online",  # args: restaurant, succeeded (payment webhook right after)
    "advance",  # another staff terminal moves an open order one step (args: restaurant, pick)
    "staff_cancel",  # another staff terminal cancels an open order (args: restaurant, pick)
    "customer_cancel",  # the customer cancels (409 once past Accepted: that is fine)
    "session_accept",  # a session under test accepts a Placed order on its own board (rule 6)
    "session_tap",  # a cook taps the next step on a proxied session's board (args: who, pick)
)
FAULTS = (
    "hub_drop",  # dev: abort every hub connection at the transport
    "outbox_pause",  # dev: pause the outbox; resumed (shuffled) by a later step or the heal
    "outbox_resume",
    "redeliver",  # dev: broadcast the last N events again (same eventIds)
    "rest_5xx",  # dev: the next N matching requests fail with a 5xx
    "rest_delay",  # dev: the next N matching requests wait first
    "token_expire",  # dev: every access token expires now (refresh tokens stay valid)
    "restart",  # SIGKILL the server and start it again on the same db (and port)
    "blackhole_on",  # proxy: nothing moves (proxied sessions only)
    "blackhole_off",
    "latency_on",  # proxy: every chunk delayed
    "latency_off",
    "proxy_reset",  # proxy: abort every proxied connection
    "outage_on",  # proxy: the server is unreachable (refused) for the proxied sessions
    "outage_off",
    "terminal_restart",  # a proxied session is switched off and on again (args: who)
)
REST_PATTERNS = (
    "/orders/(new|active)$",  # the snapshot
    "/restaurants/[^/]+/orders/[0-9a-f-]{36}$",  # order detail
    "/hubs/restaurant-orders/negotiate$",  # the hub's first request
    "/users/refresh$",  # token refresh
)


@dataclass(frozen=True)
class Step:
    kind: str
    args: dict[str, Any] = field(default_factory=dict)
    gap_s: float = 0.05  # time the sessions get (Qt loop running) before the next step

    def __repr__(self) -> str:
        return f"Step({self.kind!r}, {self.args!r}, gap_s={self.gap_s})"


@dataclass(frozen=True)
class Schedule:
    seed: int
    steps: list[Step]

    def without(self, index: int) -> Schedule:
        return Schedule(self.seed, self.steps[:index] + self.steps[index + 1 :])

    @property
    def restarts(self) -> int:
        return sum(step.kind == "restart" for step in self.steps)


def _activity(rng: random.Random) -> Step:
    kind = rng.choices(ACTIVITY, weights=(5, 3, 5, 1, 1, 2, 2))[0]
    if kind == "session_tap":
        return _tap(rng)
    restaurant = PHO if rng.random() < 0.75 else BELLA
    args: dict[str, Any] = {"restaurant": restaurant}
    if kind == "place_online":
        args["succeeded"] = rng.random() < 0.7
    if kind in ("advance", "staff_cancel", "customer_cancel", "session_accept"):
        args["pick"] = rng.randrange(1000)
    return Step(kind, args, gap_s=round(rng.uniform(0.0, 0.15), 3))


def _tap(rng: random.Random) -> Step:
    """A cook's tap on one of the two proxied Pho Hanoi terminals (issue 18: every tap is
    applied exactly once or reported to a person)."""
    args = {"restaurant": PHO, "who": rng.randrange(2), "pick": rng.randrange(1000)}
    return Step("session_tap", args, gap_s=round(rng.uniform(0.0, 0.15), 3))


def _outage(rng: random.Random) -> list[Step]:
    """The Wi-Fi drops for the kitchen's terminals: taps meanwhile, sometimes a terminal
    switched off and on, then the network is back (or the heal brings it)."""
    steps = [Step("outage_on", {}, gap_s=round(rng.uniform(0.0, 0.3), 3))]
    steps += [_tap(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.4:
        steps.append(Step("terminal_restart", {"who": rng.randrange(2)}, gap_s=0.2))
        steps += [_tap(rng) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.85:
        steps.append(Step("outage_off", {}, gap_s=0.05))
    return steps


def _fault(rng: random.Random) -> Step:
    kind = rng.choice(
        ("hub_drop", "outbox_pause", "redeliver", "rest_5xx", "rest_delay", "token_expire",
         "restart", "blackhole_on", "latency_on", "proxy_reset", "outage_on",
         "terminal_restart")
    )  # fmt: skip
    args: dict[str, Any] = {}
    if kind == "outbox_pause":
        args["shuffle"] = rng.random() < 0.7
    elif kind == "redeliver":
        args["count"] = rng.randint(1, 15)
    elif kind == "rest_5xx":
        args.update(pattern=rng.choice(REST_PATTERNS), status=rng.choice((500, 502, 503)))
        args["count"] = rng.randint(1, 4)
    elif kind == "rest_delay":
        args.update(pattern=rng.choice(REST_PATTERNS), delay_ms=rng.randint(100, 1500))
        args["count"] = rng.randint(1, 4)
    elif kind == "latency_on":
        args["latency_s"] = round(rng.uniform(0.02, 0.3), 3)
    elif kind == "blackhole_on":
        args["hold_s"] = round(rng.uniform(0.2, 4.0), 2)  # > the 3 s watchdog now and then
    elif kind == "terminal_restart":
        args["who"] = rng.randrange(2)
    return Step(kind, args, gap_s=round(rng.uniform(0.0, 0.2), 3))


_CLOSERS = {"outbox_pause": "outbox_resume", "latency_on": "latency_off"}


def generate(seed: int, activity_steps: int = 10, fault_steps: int = 4) -> Schedule:
    """A schedule of ``activity_steps`` activities with ``fault_steps`` faults mixed in.

    Paired faults get their closing step a few steps later (or at the heal, if that lands past
    the end); a blackhole holds for ``hold_s`` with activity going on meanwhile.
    """
    rng = random.Random(seed)
    steps = [_activity(rng) for _ in range(activity_steps)]
    for _ in range(fault_steps):
        fault = _fault(rng)
        at = rng.randrange(len(steps) + 1)
        if fault.kind == "outage_on":  # a block of its own: taps during it, maybe a restart
            steps[at:at] = _outage(rng)
            continue
        steps.insert(at, fault)
        closer = _CLOSERS.get(fault.kind)
        if fault.kind == "blackhole_on":
            closer = "blackhole_off"
        if closer is not None and rng.random() < 0.8:
            steps.insert(min(len(steps), at + 1 + rng.randint(1, 4)), Step(closer, {}, 0.05))
    return Schedule(seed, steps)


def format_replay(schedule: Schedule) -> str:
    lines = [f"Schedule({schedule.seed}, ["]
    lines += [f"    {step!r}," for step in schedule.steps]
    lines.append("])")
    return "\n".join(lines)

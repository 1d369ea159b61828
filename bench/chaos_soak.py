"""Chaos soak: N seeded schedules (activity + faults) against three live sessions, then the checker.

The same harness as ``tests/chaos`` (CI runs 20): each schedule gets a fresh kds-server, a TCP
proxy and three ``Session``s; after the heal the checker compares every board with the
server's truth and the alerts with what was shown, and every cook's tap with the server's
transitions (issue 18). Prints a table and writes ``bench/results/chaos_soak.json``
(``schedules``, ``lost``, ``phantom``, ``duplicate_alerts``, ``regressions``, the tap rules'
counts, ``taps`` and ``taps_<fate>``, ``max_converge_s`` …). A failing schedule is shrunk and
its replay printed.

    .venv/bin/python bench/chaos_soak.py                        # 1,000 schedules from seed 1
    .venv/bin/python bench/chaos_soak.py --schedules 1 --seed 17  # replay one schedule
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import machine, now_iso, results_path  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

from tests.chaos import checker, harness  # noqa: E402
from tests.chaos.schedule import generate  # noqa: E402

RESULTS = results_path("chaos_soak")


class Totals:
    """Figures over the schedules run so far."""

    KEYS = tuple(vars(checker.Verdict()))  # every rule, the taps' (issue 18) included
    FATES = ("sent", "applied", "dropped", "refused", "unsettled")

    def __init__(self, requested: int, first_seed: int) -> None:
        self.requested, self.first_seed = requested, first_seed
        self.started = time.perf_counter()
        self.counts = dict.fromkeys(self.KEYS, 0)
        self.fates = dict.fromkeys(self.FATES, 0)
        self.converge: list[float] = []
        self.failed: list[int] = []
        self.done = self.never = self.over_budget = self.orders = self.steps = 0
        self.signed_in_again = 0

    def add(self, report: harness.Report) -> None:
        self.done += 1
        self.steps += report.steps
        self.signed_in_again += report.signed_in_again
        self.orders += report.orders
        for key in self.KEYS:
            self.counts[key] += len(getattr(report.verdict, key))
        for fate, n in report.tap_fates.items():
            self.fates[fate] = self.fates.get(fate, 0) + n
        if report.converge_s is None:
            self.never += 1
        else:
            self.converge.append(report.converge_s)
            self.over_budget += report.converge_s > report.budget_s
        if not report.ok:
            self.failed.append(report.seed)

    def summary(self) -> dict[str, object]:
        ordered = sorted(self.converge) or [0.0]
        return {
            "schedules": self.done,
            "requested_schedules": self.requested,
            "first_seed": self.first_seed,
            "failed_schedules": len(self.failed),
            "failed_seeds": self.failed[:50],
            **self.counts,
            "taps": sum(self.fates.values()),
            **{f"taps_{fate}": n for fate, n in self.fates.items()},
            "signed_in_again": self.signed_in_again,
            "never_converged": self.never,
            "over_budget": self.over_budget,
            "max_converge_s": round(ordered[-1], 3),
            "p50_converge_s": round(statistics.median(ordered), 3),
            "p99_converge_s": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 3),
            "steps": self.steps,
            "orders": self.orders,
            "duration_s": round(time.perf_counter() - self.started, 1),
            "machine": machine(),
            "at": now_iso(),
        }


def write(result: dict[str, object]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1, help="first seed (then seed+1, …)")
    parser.add_argument("--activity", type=int, default=10, help="activity steps per schedule")
    parser.add_argument("--faults", type=int, default=4, help="fault steps per schedule")
    parser.add_argument("--no-shrink", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON file")
    args = parser.parse_args(argv)

    app = QCoreApplication.instance() or QCoreApplication(["chaos-soak"])
    totals = Totals(args.schedules, args.seed)
    print(f"{'seed':>6} {'steps':>5} {'orders':>6} {'converge_s':>10} {'budget_s':>8}  verdict")
    for seed in harness.seeds(args.seed, args.schedules):
        schedule = generate(seed, args.activity, args.faults)
        report = harness.run_schedule(schedule)
        totals.add(report)
        took = "never" if report.converge_s is None else f"{report.converge_s:.2f}"
        verdict = "ok" if report.ok else report.verdict.summary()
        print(
            f"{seed:>6} {report.steps:>5} {report.orders:>6} {took:>10} {report.budget_s:>8.1f}"
            f"  {verdict}",
            flush=True,
        )
        if not report.ok:
            replay = schedule if args.no_shrink else harness.shrink(schedule)
            print(harness.failure_text(report, replay), flush=True)
        if not args.no_write and totals.done % 10 == 0:
            write(totals.summary())  # a long soak stopped early still leaves its figures
    del app
    result = totals.summary()
    print()
    for key, value in result.items():
        if key not in ("machine", "at", "failed_seeds"):
            print(f"{key:<20}{value}")
    if not args.no_write:
        write(result)
    return 1 if totals.failed else 0


if __name__ == "__main__":
    sys.exit(main())

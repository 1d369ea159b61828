"""Chaos schedules: seeded activity + faults against three live sessions, then the checker.

CI runs ``CHAOS_SCHEDULES`` (20) schedules from seed ``KDS_CHAOS_SEED`` (default 1); the soak
(``bench/chaos_soak.py``) runs 1,000. A failing schedule is shrunk (steps dropped while it still
fails, 150 s at most) and the failure names its seed and prints the minimal replay.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QCoreApplication

from tests.chaos import harness
from tests.chaos.schedule import Schedule, Step, generate

CHAOS_SCHEDULES = 20
FIRST_SEED = int(os.environ.get("KDS_CHAOS_SEED", "1"))


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("seed", harness.seeds(FIRST_SEED, CHAOS_SCHEDULES))
def test_schedule_converges(seed: int, qapp: QCoreApplication) -> None:
    schedule = generate(seed)
    report = harness.run_schedule(schedule)
    if not report.ok:
        replay = harness.shrink(schedule, budget_s=150.0)
        pytest.fail(harness.failure_text(report, replay))
    assert report.converge_s is not None
    assert report.converge_s <= report.budget_s


def test_every_fault_and_activity_kind_appears_in_the_ci_seeds() -> None:
    """The 20 CI schedules exercise every step kind at least once."""
    from tests.chaos.schedule import ACTIVITY, FAULTS

    kinds = {
        step.kind
        for seed in harness.seeds(FIRST_SEED, CHAOS_SCHEDULES)
        for step in generate(seed).steps
    }
    every = set(ACTIVITY) | set(FAULTS)
    assert every <= kinds, f"never scheduled: {sorted(every - kinds)}"


def test_schedules_are_reproducible_from_their_seed() -> None:
    assert generate(42) == generate(42)
    assert generate(42) != generate(43)


def test_shrink_keeps_only_the_steps_the_failure_needs() -> None:
    steps = [Step("place_cash", {"restaurant": "pho"}) for _ in range(6)]
    steps.insert(3, Step("restart"))
    schedule = Schedule(5, steps)

    def fails(candidate: Schedule) -> bool:  # "fails" whenever a restart follows an order
        kinds = [s.kind for s in candidate.steps]
        return "restart" in kinds and kinds.index("restart") > 0

    replay = harness.shrink(schedule, fails, budget_s=10)
    assert [s.kind for s in replay.steps] == ["place_cash", "restart"]

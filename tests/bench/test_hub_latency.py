"""Issue 15: the hub benchmark's p99 ratio is taken over rounds whose fan-out order is balanced."""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import hub_latency
finally:
    sys.path.remove(str(ROOT / "bench"))


@pytest.mark.parametrize("n", [3, 4])
def test_each_client_takes_each_fan_out_position_and_follows_each_other_equally(n: int) -> None:
    rows = hub_latency.fan_out_orders(n)
    assert all(sorted(row) == list(range(n)) for row in rows)
    positions = Counter((pos, c) for row in rows for pos, c in enumerate(row))
    assert set(positions.values()) == {len(rows) // n}
    assert len(positions) == n * n
    pairs = Counter((a, b) for row in rows for a, b in pairwise(row))
    assert len(pairs) == n * (n - 1)
    assert len(set(pairs.values())) == 1


def test_spread_of_per_round_ratios() -> None:
    stats = hub_latency.spread([1.0, 0.8, 1.4, 0.9, 1.1])
    assert (stats["median"], stats["min"], stats["max"]) == (1.0, 0.8, 1.4)
    assert stats["q1"] == pytest.approx(0.9)
    assert stats["q3"] == pytest.approx(1.1)
    assert hub_latency.spread([1.3]) == dict.fromkeys(("median", "min", "q1", "q3", "max"), 1.3)

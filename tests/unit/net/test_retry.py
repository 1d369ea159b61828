"""Retry policies: the hub policy's schedule and bounds, and REST read backoff."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kds.net.retry import HubRetryPolicy, ReadBackoff


def test_schedule_starts_immediately_then_steps_up() -> None:
    policy = HubRetryPolicy(rng=lambda: 0.5)  # 0.5 = no jitter either way
    delays = [policy.next_delay_s(n, 0.0, None) for n in range(7)]
    assert delays == [0.0, 2.0, 5.0, 10.0, 10.0, 10.0, 10.0]


def test_jitter_spreads_the_steady_delay() -> None:
    low = HubRetryPolicy(rng=lambda: 0.0).next_delay_s(50, 600.0, None)
    high = HubRetryPolicy(rng=lambda: 0.999999).next_delay_s(50, 600.0, None)
    assert low == 8.0
    assert high is not None
    assert 11.99 < high <= 12.0


@given(
    attempt=st.integers(min_value=0, max_value=10**6),
    elapsed=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    rnd=st.floats(min_value=0, max_value=1, exclude_max=True),
    error=st.sampled_from([None, OSError("x"), TimeoutError()]),
)
def test_delays_within_bounds_never_none(
    attempt: int, elapsed: float, rnd: float, error: BaseException | None
) -> None:
    policy = HubRetryPolicy(rng=lambda: rnd)
    delay = policy.next_delay_s(attempt, elapsed, error)
    assert delay is not None
    assert 0.0 <= delay <= policy.max_delay_s()
    if attempt >= 4:
        assert 8.0 <= delay <= 12.0


@given(retry=st.integers(min_value=0, max_value=1000), rnd=st.floats(0, 1, exclude_max=True))
def test_read_backoff_bounded(retry: int, rnd: float) -> None:
    backoff = ReadBackoff(rng=lambda: rnd)
    assert 0.0 <= backoff.delay_s(retry) <= backoff.cap_s

"""Retry policies: when to try again after a failure, for the hub supervisor and REST reads."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["HubRetryPolicy", "ReadBackoff", "RetryPolicy"]


class RetryPolicy(Protocol):
    """Decides the delay before reconnect attempt ``attempt`` (0-based), or ``None`` to give up.

    ``elapsed_s`` is the time since the connection was lost; ``error`` is the last failure (or
    ``None`` when the previous connection simply closed).
    """

    def next_delay_s(
        self, attempt: int, elapsed_s: float, error: BaseException | None
    ) -> float | None: ...


@dataclass
class HubRetryPolicy:
    """The kitchen screen's policy: ``[0, 2, 5, 10]`` s, then every 10 s with jitter, forever.

    A KDS runs unattended: giving up would leave a silent board, so this never returns ``None``.
    Jitter (±``jitter_ratio`` of the steady delay) spreads a restaurant's terminals out after a
    server restart so they do not all reconnect in the same instant. The first immediate
    attempt gets no jitter: a dropped Wi-Fi frame should be repaired at once.
    """

    delays_s: Sequence[float] = (0.0, 2.0, 5.0, 10.0)
    steady_s: float = 10.0
    jitter_ratio: float = 0.2
    rng: Callable[[], float] = field(default=random.random, repr=False)

    def next_delay_s(
        self, attempt: int, elapsed_s: float, error: BaseException | None
    ) -> float | None:
        if attempt < len(self.delays_s):
            base = float(self.delays_s[attempt])
            if base == 0.0:
                return 0.0
        else:
            base = self.steady_s
        spread = base * self.jitter_ratio
        return max(0.0, base - spread + 2.0 * spread * self.rng())

    def max_delay_s(self) -> float:
        """The largest delay this policy can return (for tests and UI countdowns)."""
        top = max([*self.delays_s, self.steady_s])
        return top * (1.0 + self.jitter_ratio)


@dataclass
class ReadBackoff:
    """Exponential backoff with full jitter for idempotent REST reads (GET only).

    ``attempts`` counts retries after the first try; delay ``n`` is uniform in
    ``[0, min(cap_s, base_s * 2**n)]`` (the "full jitter" scheme, which spreads load best).
    """

    attempts: int = 2
    base_s: float = 0.2
    cap_s: float = 2.0
    rng: Callable[[], float] = field(default=random.random, repr=False)

    def delay_s(self, retry: int) -> float:
        return min(self.cap_s, self.base_s * (2.0**retry)) * self.rng()

"""`spin_until`: the benches' one way to wait for the client on a real Qt event loop."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer

__all__ = ["spin_until"]


def spin_until(predicate: Callable[[], bool], timeout_s: float, every_ms: int = 10) -> float:
    """Run a real Qt event loop until ``predicate()``, checked every ``every_ms``; when it held.

    The loop sleeps between events as ``kds`` does. An earlier version spun ``processEvents``
    and ran the predicate every 2 ms: a check that costs a millisecond (sorting 300 tickets, a
    REST call for the truth) then held the GIL most of the time and starved the session's worker
    threads, so it measured the benchmark instead of the client (cold start details 38.5 s vs
    0.5 s naive). Where the exact moment matters, the caller records it from a signal
    (``DetailsTracker``) and the predicate only reads it.
    """
    if predicate():
        return time.monotonic()
    loop = QEventLoop()
    held: list[float] = []
    deadline = time.monotonic() + timeout_s

    def check() -> None:
        if predicate():
            held.append(time.monotonic())
            loop.quit()
        elif time.monotonic() > deadline:
            loop.quit()

    tick = QTimer()
    tick.timeout.connect(check)
    tick.start(every_ms)
    try:
        loop.exec()
    finally:
        tick.stop()
    if not held:
        raise TimeoutError(f"not reached within {timeout_s} s")
    return held[0]

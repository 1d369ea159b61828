"""The Idempotency-Key cache of `POST /api/v1/orders/initiate` (contract 10)."""

from __future__ import annotations

import threading
import time
from typing import Any

IDEMPOTENCY_TTL_S = 300


class IdempotencyCache:
    """Successful responses per (user, command, key) for 5 minutes (SimpleIdempotencyBehaviour).

    In memory: a restart forgets it, as a restart of one backend instance would."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str], tuple[float, Any]] = {}

    def get(self, key: tuple[str, str, str]) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                self._entries.pop(key, None)
                return None
            return entry[1]

    def put(self, key: tuple[str, str, str], value: Any) -> None:
        with self._lock:
            now = time.monotonic()
            self._entries = {k: v for k, v in self._entries.items() if v[0] >= now}
            self._entries[key] = (now + IDEMPOTENCY_TTL_S, value)

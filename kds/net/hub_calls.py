"""Hub method calls waiting for their completion: the one table that matches answers to calls.

``HubClient.invoke`` registers a call before it sends it and blocks on it; the socket reader
thread completes it when the server's Completion message arrives (matched by invocation id);
a dropped connection or a stopped client fails every call still waiting, so no caller blocks
past the connection it sent on. Completions for unknown ids (late answers on a connection
already given up on) are ignored.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from kds.net.errors import ConnectionLost, hub_error_from_text

__all__ = ["PendingCall", "PendingCalls"]

log = logging.getLogger(__name__)


@dataclass
class PendingCall:
    """One call on its way: set ``done`` after ``result`` or ``error``."""

    method: str
    invocation_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


class PendingCalls:
    """Thread-safe: calls are added by any thread, completed by the reader, failed by the
    supervisor."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, PendingCall] = {}

    def add(self, method: str) -> PendingCall:
        call = PendingCall(method)
        with self._lock:
            self._calls[call.invocation_id] = call
        return call

    def discard(self, call: PendingCall) -> None:
        """Forget a call that was never sent or timed out."""
        with self._lock:
            self._calls.pop(call.invocation_id, None)

    def complete(self, invocation_id: str, result: Any, error: str | None) -> None:
        """The server's Completion: the call's result, or its error text as a typed error."""
        with self._lock:
            call = self._calls.pop(invocation_id, None)
        if call is None:
            log.debug("completion for unknown invocation %s ignored", invocation_id)
            return
        if error is not None:
            call.error = hub_error_from_text(error, call.method)
        else:
            call.result = result
        call.done.set()

    def fail_all(self, why: str) -> None:
        """Every call still waiting ends with ``ConnectionLost`` (``why``: "connection lost")."""
        with self._lock:
            calls = list(self._calls.values())
            self._calls.clear()
        for call in calls:
            call.error = ConnectionLost(f"hub call {call.method}: {why}")
            call.done.set()

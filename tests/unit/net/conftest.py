"""Unit-test fixtures for kds.net: no hub thread may outlive its test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

HUB_THREADS = ("kds-hub", "Signalrcore")


def leftover_threads(before: set[threading.Thread]) -> list[str]:
    return [
        t.name
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith(HUB_THREADS)
    ]


@pytest.fixture(autouse=True)
def no_leftover_hub_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3.0
    while (names := leftover_threads(before)) and time.monotonic() < deadline:
        time.sleep(0.01)  # teardown helpers finish within their own timeouts; poll briefly
    assert not names, f"threads left running after the test: {names}"

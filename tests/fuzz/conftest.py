"""Fuzz tests log a warning per skipped malformed hub record: keep those out of the output."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def quiet_hub_warnings() -> Iterator[None]:
    logger = logging.getLogger("kds.net.hub_signalrcore")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)

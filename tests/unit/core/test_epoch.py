"""Epoch: a stamp is current until the epoch advances, and only then."""

from __future__ import annotations

from kds.core.epoch import Epoch


def test_a_stamp_goes_stale_when_the_epoch_advances() -> None:
    epoch = Epoch()
    first = epoch.stamp()
    assert epoch.current(first)
    assert epoch.stamp() == first  # taking a stamp changes nothing
    second = epoch.advance()
    assert not epoch.current(first)
    assert epoch.current(second)
    assert epoch.stamp() == second
    epoch.advance()
    assert not epoch.current(second)

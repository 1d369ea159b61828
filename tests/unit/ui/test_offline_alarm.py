"""A board offline a minute sounds and flashes; a tap silences it for five; back online stops it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kds.ui.offline_alarm import OfflineAlarm


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def alarm(qtbot: QtBot, after_s: float = 60.0) -> tuple[OfflineAlarm, Clock, list[float]]:
    clock = Clock()
    rings: list[float] = []
    offline = OfflineAlarm(lambda: rings.append(clock.now), after_s=after_s, clock=clock)
    return offline, clock, rings


def test_it_waits_a_minute_then_sounds_and_repeats(qtbot: QtBot) -> None:
    offline, clock, rings = alarm(qtbot)
    changes: list[bool] = []
    offline.alarm_changed.connect(changes.append)
    offline.set_connection("reconnecting")
    clock.now += 59
    offline.check()
    assert not offline.alarming
    assert rings == []
    clock.now += 1
    offline.check()
    assert offline.alarming
    assert changes == [True]
    assert len(rings) == 1
    clock.now += 10
    offline.check()
    assert len(rings) == 1  # not before the repeat interval
    clock.now += 5
    offline.check()
    assert len(rings) == 2
    offline.set_connection("disconnected")  # still offline: the clock keeps its start
    assert offline.offline_s() == 75


def test_a_tap_silences_it_for_five_minutes_then_it_alarms_again(qtbot: QtBot) -> None:
    offline, clock, rings = alarm(qtbot)
    offline.set_connection("disconnected")
    clock.now += 61
    offline.check()
    offline.snooze()
    assert not offline.alarming
    clock.now += 299
    offline.check()
    assert not offline.alarming
    assert len(rings) == 1
    clock.now += 1
    offline.check()
    assert offline.alarming
    assert len(rings) == 2


def test_back_online_stops_everything_and_the_next_outage_counts_afresh(qtbot: QtBot) -> None:
    offline, clock, rings = alarm(qtbot)
    offline.set_connection("connecting")  # never live yet counts: the board may be missing orders
    clock.now += 60
    offline.check()
    assert offline.alarming
    offline.set_connection("connected")
    assert not offline.alarming
    assert offline.offline_since is None
    offline.set_connection("reconnecting")
    clock.now += 30
    offline.check()
    assert not offline.alarming
    assert len(rings) == 1


def test_zero_means_the_banner_only(qtbot: QtBot) -> None:
    offline, clock, rings = alarm(qtbot, after_s=0)
    offline.set_connection("disconnected")
    clock.now += 3600
    offline.check()
    assert not offline.alarming
    assert rings == []

"""AlertController with a real BoardModel: sound once per new order, repeat, escalate, stop."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import OrderStatus
from kds.ui.alert_player import AlertSound
from kds.ui.alerts import SOUND_UNAVAILABLE_NOTICE, AlertController
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, FakePlayer, board_of


class Monotonic:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def controller(model: BoardModel) -> Iterator[tuple[AlertController, FakePlayer, Monotonic]]:
    player, mono = FakePlayer(), Monotonic()
    alerts = AlertController(model, player, repeat_s=0.05, escalate_s=60, flash_ms=20, clock=mono)
    yield alerts, player, mono
    alerts.stop()


def test_new_order_sounds_flashes_and_repeats_until_acknowledged(
    qtbot: QtBot,
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    controller: tuple[AlertController, FakePlayer, Monotonic],
) -> None:
    alerts, player, _ = controller
    flashing: list[tuple[str, bool]] = []
    alerts.ticket_flashing_changed.connect(lambda oid, on: flashing.append((oid, on)))
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    assert player.played == [AlertSound.NEW_ORDER]
    assert flashing == [(detail.order_id, True)]
    qtbot.waitUntil(lambda: len(player.played) >= 3, timeout=3000)
    board_of(model).acknowledge(detail.order_id)
    assert flashing[-1] == (detail.order_id, False)
    assert alerts.alerting == {}
    heard = len(player.played)
    with qtbot.waitSignal(alerts.flash_phase_changed, timeout=500, raising=False):
        pass  # the flash clock is stopped: nothing more will come
    assert len(player.played) == heard


def test_escalates_after_the_delay_and_calms_down(
    qtbot: QtBot,
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    controller: tuple[AlertController, FakePlayer, Monotonic],
) -> None:
    alerts, _, mono = controller
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    assert not alerts.screen_flashing
    mono.t += 61
    with qtbot.waitSignal(alerts.screen_flash_changed, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]
    clock.advance(1)
    set_status(board_of(model), detail, OrderStatus.ACCEPTED, clock.now)  # accepted elsewhere
    assert not alerts.screen_flashing


def test_cancellation_of_an_order_on_the_board_has_its_own_sound(
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    controller: tuple[AlertController, FakePlayer, Monotonic],
) -> None:
    _, player, _ = controller
    detail = sample_order(rng, RESTAURANT, clock.now)
    board = board_of(model)
    place(board, detail)
    clock.advance(1)
    detail = set_status(board, detail, OrderStatus.ACCEPTED, clock.now)
    clock.advance(1)
    set_status(board, detail, OrderStatus.CANCELLED, clock.now)
    assert player.played == [AlertSound.NEW_ORDER, AlertSound.CANCELLED]


def test_mute_keeps_the_visual_alert(
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    controller: tuple[AlertController, FakePlayer, Monotonic],
) -> None:
    alerts, player, _ = controller
    alerts.set_muted(True)
    place(board_of(model), sample_order(rng, RESTAURANT, clock.now))
    assert player.played == []
    assert len(alerts.alerting) == 1
    assert player.stops == 1


def test_no_device_means_one_notice_only(
    model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    alerts = AlertController(model, FakePlayer(works=False), repeat_s=60, flash_ms=1000)
    notices: list[str] = []
    alerts.sound_unavailable.connect(notices.append)
    for _ in range(3):
        place(board_of(model), sample_order(rng, RESTAURANT, clock.now))
    assert notices == [SOUND_UNAVAILABLE_NOTICE]
    assert len(alerts.alerting) == 3
    alerts.stop()

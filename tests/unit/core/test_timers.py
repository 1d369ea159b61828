"""Ticket age, ETA countdown and urgency levels, with their text and icon cues."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.timers import (
    DEFAULT_THRESHOLDS,
    TimerLevel,
    TimerThresholds,
    eta_remaining,
    format_mmss,
    ticket_age,
    ticket_timer,
    timer_level,
)
from tests.unit.core.factories import T0, at, oid

S = OrderStatus
L = TimerLevel


def ticket(
    status: OrderStatus,
    *,
    placed_min: float | None = 0,
    updated_min: float | None = 0,
    eta_min: float | None = None,
) -> Ticket:
    return Ticket(
        order_id=oid(1),
        order_number="ORD-1",
        status=status,
        placement_timestamp=None if placed_min is None else at(placed_min),
        last_update_timestamp=None if updated_min is None else at(updated_min),
        estimated_delivery_time=None if eta_min is None else at(eta_min),
        actual_delivery_time=None,
        first_seen=T0,
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (7, "00:07"),
        (307, "05:07"),
        (75 * 60 + 3, "75:03"),
        (-130, "-02:10"),
        (-0.5, "-00:00"),
        (59.9, "00:59"),
    ],
)
def test_format_mmss(seconds: float, text: str) -> None:
    assert format_mmss(timedelta(seconds=seconds)) == text


def test_age_is_from_placement_and_never_negative() -> None:
    t = ticket(S.PLACED, placed_min=2)
    assert ticket_age(t, at(5)) == timedelta(minutes=3)
    assert ticket_age(t, at(1)) == timedelta(0)  # our clock behind the server's


def test_age_falls_back_to_the_last_update_without_placement() -> None:
    t = ticket(S.PLACED, placed_min=None, updated_min=1)
    assert ticket_age(t, at(4)) == timedelta(minutes=3)


def test_eta_countdown_goes_negative_when_late() -> None:
    t = ticket(S.PREPARING, eta_min=30)
    assert eta_remaining(t, at(25)) == timedelta(minutes=5)
    assert eta_remaining(t, at(32)) == timedelta(minutes=-2)
    assert eta_remaining(ticket(S.PREPARING), at(1)) is None


@pytest.mark.parametrize(
    ("minute", "level"),
    [(0, L.OK), (4.99, L.OK), (5, L.WARNING), (7.99, L.WARNING), (8, L.CRITICAL), (60, L.CRITICAL)],
)
def test_new_tickets_warn_at_5_and_go_critical_at_8_minutes(minute: float, level: L) -> None:
    assert timer_level(ticket(S.PLACED), at(minute)) is level


@pytest.mark.parametrize(
    ("minute", "level"),
    [
        (0, L.OK),
        (24.9, L.OK),
        (25.1, L.WARNING),
        (29.9, L.WARNING),
        (30, L.CRITICAL),
        (40, L.CRITICAL),
    ],
)
@pytest.mark.parametrize("status", [S.ACCEPTED, S.PREPARING])
def test_in_progress_levels_follow_the_promised_eta(
    status: OrderStatus, minute: float, level: L
) -> None:
    assert timer_level(ticket(status, eta_min=30), at(minute)) is level


@pytest.mark.parametrize(("minute", "level"), [(14, L.OK), (15, L.WARNING), (25, L.CRITICAL)])
def test_in_progress_without_an_eta_uses_age(minute: float, level: L) -> None:
    assert timer_level(ticket(S.ACCEPTED), at(minute)) is level


@pytest.mark.parametrize(("minute", "level"), [(4, L.OK), (5, L.WARNING), (10, L.CRITICAL)])
def test_ready_tickets_age_from_when_they_became_ready(minute: float, level: L) -> None:
    t = ticket(S.READY_FOR_DELIVERY, placed_min=-30, updated_min=0, eta_min=-100)
    assert timer_level(t, at(minute)) is level


def test_ready_ticket_with_unknown_ready_time_is_ok() -> None:
    assert timer_level(ticket(S.READY_FOR_DELIVERY, updated_min=None), at(60)) is L.OK


def test_thresholds_are_configurable() -> None:
    fast = TimerThresholds(new_warning_s=60, new_critical_s=120)
    assert timer_level(ticket(S.PLACED), at(1.5), fast) is L.WARNING
    assert timer_level(ticket(S.PLACED), at(1.5)) is L.OK


@pytest.mark.parametrize(
    "kwargs",
    [
        {"new_warning_s": 600, "new_critical_s": 300},
        {"ready_warning_s": -1},
        {"eta_warning_remaining_s": 0, "eta_critical_remaining_s": 60},
    ],
)
def test_inconsistent_thresholds_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="warning"):
        TimerThresholds(**kwargs)


def test_every_level_has_a_distinct_label_and_icon() -> None:
    assert len({lvl.label for lvl in L}) == len({lvl.icon for lvl in L}) == 3
    assert L.OK.value < L.WARNING.value < L.CRITICAL.value


def test_ticket_timer_bundles_texts_and_level() -> None:
    t = ticket(S.PREPARING, placed_min=0, eta_min=30)
    timer = ticket_timer(t, at(31.5))
    assert timer.age_text == "31:30"
    assert timer.eta_text == "-01:30"
    assert timer.level is L.CRITICAL
    assert ticket_timer(ticket(S.PLACED), at(1), DEFAULT_THRESHOLDS).eta_text is None

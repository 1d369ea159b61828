"""The once-a-second texts: the age with its level in words, or the ETA under it (in English
and in Vietnamese; the age and the ETA stay digits)."""

from __future__ import annotations

import random
from datetime import timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerLevel
from kds.ui.theme import DARK
from kds.ui.ticket_clock import ClockLabels, clock_texts
from tests.support.sample_orders import sample_order, ticket_of
from tests.support.ui_fakes import RESTAURANT, FakeClock


def ticket(clock: FakeClock, status: OrderStatus, eta_in_min: float | None) -> Ticket:
    detail = sample_order(random.Random(2), RESTAURANT, clock.now - timedelta(minutes=1))
    eta = None if eta_in_min is None else clock.now + timedelta(minutes=eta_in_min)
    return ticket_of(detail, status=status, eta=eta, at=clock.now)


def test_a_new_order_shows_its_age_and_level_in_words_and_no_eta() -> None:
    clock = FakeClock()
    texts = clock_texts(ticket(clock, OrderStatus.PLACED, 20), clock.now, DARK, DEFAULT_THRESHOLDS)
    assert "01:00" in texts.timer_html
    assert texts.level.label in texts.timer_html
    assert texts.eta_html == ""


def test_a_missed_eta_is_red_even_when_the_age_level_is_fine() -> None:
    clock = FakeClock()
    late = ticket(clock, OrderStatus.READY_FOR_DELIVERY, -2)
    texts = clock_texts(late, clock.now, DARK, DEFAULT_THRESHOLDS)
    assert texts.level is TimerLevel.OK  # a fresh Ready ticket: its age is fine
    assert "LATE by 02:00" in texts.eta_html
    assert DARK.critical in texts.eta_html  # the words and the colour agree
    assert texts.level.label not in texts.timer_html  # the ETA line says how it stands
    on_time = clock_texts(
        ticket(clock, OrderStatus.PREPARING, 5), clock.now, DARK, DEFAULT_THRESHOLDS
    )
    assert "ETA in 05:00" in on_time.eta_html
    assert DARK.critical not in on_time.eta_html


def test_the_eta_in_vietnamese_keeps_its_digits(vietnamese: None) -> None:
    clock = FakeClock()
    late = clock_texts(
        ticket(clock, OrderStatus.READY_FOR_DELIVERY, -2), clock.now, DARK, DEFAULT_THRESHOLDS
    )
    assert "⚠ TRỄ 02:00" in late.eta_html
    on_time = clock_texts(
        ticket(clock, OrderStatus.PREPARING, 5), clock.now, DARK, DEFAULT_THRESHOLDS
    )
    assert "dự kiến còn 05:00" in on_time.eta_html
    new = clock_texts(ticket(clock, OrderStatus.PLACED, 20), clock.now, DARK, DEFAULT_THRESHOLDS)
    assert "01:00" in new.timer_html  # the age: digits in every language


def test_the_eta_label_is_wide_enough_for_the_vietnamese_words(
    qtbot: QtBot, vietnamese: None
) -> None:
    labels = ClockLabels(DARK, DEFAULT_THRESHOLDS)
    host = QWidget()
    host.setLayout(labels.column)
    qtbot.addWidget(host)
    labels.fix_sizes()
    clock = FakeClock()
    labels.show(ticket(clock, OrderStatus.PREPARING, 99), clock.now)
    widest = labels.eta.fontMetrics().horizontalAdvance("dự kiến còn 99:00")
    assert labels.eta.width() >= widest

"""The held-steps book: per order, in tap order; what the screen reads from it."""

from __future__ import annotations

from datetime import timedelta

from kds.app.held_book import Held, HeldBook
from kds.app.step_store import StoredStep
from kds.core.actions import Action
from kds.core.orders import OrderStatus as S
from kds.core.step_queue import StepState
from tests.unit.core.test_step_queue import OID, TAP, step

OTHER = "00000000-0000-4000-8000-000000000002"


def test_an_orders_steps_stay_in_tap_order_and_project_the_last_ones_target() -> None:
    book = HeldBook()
    accept = Held(step(Action.ACCEPT, S.PLACED), StepState.QUEUED)
    start = Held(step(Action.START, S.ACCEPTED), StepState.QUEUED)
    book.add(accept)
    book.add(start)
    assert book.steps(OID) == [accept, start]
    assert book.first(OID) is accept
    assert book.last(OID) is start
    assert book.projected_status(OID) is S.PREPARING
    assert len(book) == 2
    assert list(book) == [OID]
    assert book.remove(accept)
    assert not book.remove(accept)
    assert book.projected_status(OID) is S.PREPARING
    assert book.remove(start)
    assert book.projected_status(OID) is None
    assert len(book) == 0
    assert list(book) == []


def test_two_taps_of_the_same_step_are_two_entries() -> None:
    one = step(Action.READY, S.PREPARING)
    a, b = Held(one, StepState.QUEUED), Held(one, StepState.QUEUED)
    assert a != b  # identity: removing one never removes the other


def test_only_a_queued_step_not_on_its_way_is_cancellable() -> None:
    held = Held(step(Action.READY, S.PREPARING), StepState.QUEUED)
    assert held.cancellable
    held.in_flight = True
    assert not held.cancellable
    assert not Held(held.step, StepState.SENDING).cancellable


def test_every_step_in_tap_time_order_across_orders() -> None:
    book = HeldBook()
    late = Held(
        step(Action.READY, S.PREPARING, tapped_at=TAP + timedelta(minutes=1)), StepState.QUEUED
    )
    early = Held(step(Action.ACCEPT, S.PLACED, order_id=OTHER), StepState.QUEUED)
    book.add(late)
    book.add(early)
    assert book.every() == [early, late]


def test_loading_from_disk_keeps_state_skips_what_is_held_and_names_the_orders() -> None:
    book = HeldBook()
    first = step(Action.ACCEPT, S.PLACED)
    held = Held(first, StepState.QUEUED)
    book.add(held)
    sending = step(Action.START, S.ACCEPTED, order_id=OTHER)
    touched = book.load([StoredStep(first, False, 0), StoredStep(sending, True, 1)])
    assert touched == [OTHER]
    assert book.steps(OID) == [held]
    (loaded,) = book.steps(OTHER)
    assert loaded.state is StepState.SENDING
    assert not loaded.in_flight
    assert book.clear() == [OID, OTHER]
    assert len(book) == 0

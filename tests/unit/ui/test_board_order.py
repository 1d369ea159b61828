"""The rush board's running order and the digits that tell clashing numbers apart."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kds.core.ticket import Ticket
from kds.ui.board_order import BoardOrder
from tests.support.sample_orders import sample_order, ticket_of

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


def ticket(rng: random.Random, minutes_ago: int, number: str | None = None) -> Ticket:
    detail = sample_order(rng, "r", NOW - timedelta(minutes=minutes_ago))
    if number is not None:
        detail = dataclasses.replace(detail, order_number=number)
    return ticket_of(detail, at=NOW)


@given(st.lists(st.integers(0, 500), max_size=30), st.randoms(use_true_random=False))
def test_ids_stay_oldest_first_through_inserts_and_removals(
    ages: list[int], rng: random.Random
) -> None:
    order = BoardOrder()
    tickets = [
        dataclasses.replace(ticket(rng, age), order_id=f"o{i}") for i, age in enumerate(ages)
    ]
    for t in tickets:
        order.insert(t)
    expected = [t.order_id for t in sorted(tickets, key=lambda t: (t.placed_at, t.order_id))]
    assert order.ids == expected
    for t in tickets[::2]:
        order.remove(t.order_id)
    assert order.ids == [i for i in expected if i not in {t.order_id for t in tickets[::2]}]


def test_clashing_numbers_get_more_digits_and_lose_them_when_alone() -> None:
    rng = random.Random(1)
    order = BoardOrder()
    a = ticket(rng, 5, "ORD-20261207-101010-123-4567")
    b = ticket(rng, 4, "ORD-20261207-101010-124-4567")
    c = ticket(rng, 3, "ORD-20261207-101010-125-9999")
    for t in (a, b, c):
        order.insert(t)
    assert order.digits_for(a.order_number) == {a.order_id: 5, b.order_id: 5}
    assert order.digits_for(c.order_number) == {c.order_id: 4}
    order.remove(b.order_id)
    assert order.digits_for(a.order_number) == {a.order_id: 4}

"""The one Action type: what each status offers follows the transition graph."""

from __future__ import annotations

import pytest

from kds.core.actions import ACTIONS_FOR_STATUS, Action, ActionRequest, next_step
from kds.core.orders import ALLOWED_TRANSITIONS, OPEN_STATUSES, OrderStatus

S = OrderStatus


def test_each_open_status_offers_its_main_step_first_and_cancel_last() -> None:
    assert dict(ACTIONS_FOR_STATUS) == {
        S.PLACED: (Action.ACCEPT, Action.REJECT, Action.CANCEL),
        S.ACCEPTED: (Action.START, Action.CANCEL),
        S.PREPARING: (Action.READY, Action.CANCEL),
        S.READY_FOR_DELIVERY: (Action.HAND_OVER, Action.CANCEL),
    }


def test_every_offered_action_is_an_allowed_transition() -> None:
    for status, actions in ACTIONS_FOR_STATUS.items():
        assert status in OPEN_STATUSES
        for action in actions:
            assert action.target in ALLOWED_TRANSITIONS[status], (status, action)


def test_every_action_is_offered_somewhere() -> None:
    offered = {a for actions in ACTIONS_FOR_STATUS.values() for a in actions}
    assert offered == set(Action)


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (S.PLACED, Action.ACCEPT),
        (S.ACCEPTED, Action.START),
        (S.PREPARING, Action.READY),
        (S.READY_FOR_DELIVERY, Action.HAND_OVER),
        (S.AWAITING_PAYMENT, None),
        (S.DELIVERED, None),
        (S.CANCELLED, None),
        (S.REJECTED, None),
    ],
)
def test_next_step(status: OrderStatus, step: Action | None) -> None:
    assert next_step(status) is step


def test_a_request_carries_exactly_what_its_action_needs() -> None:
    assert ActionRequest("o", Action.ACCEPT, eta_min=15).eta_min == 15
    assert ActionRequest("o", Action.CANCEL).reason is None
    assert ActionRequest("o", Action.REJECT, reason="busy").reason == "busy"
    with pytest.raises(ValueError, match="accept needs ETA"):
        ActionRequest("o", Action.ACCEPT)
    with pytest.raises(ValueError, match="start_preparing takes no ETA"):
        ActionRequest("o", Action.START, eta_min=10)
    with pytest.raises(ValueError, match="mark_ready takes no reason"):
        ActionRequest("o", Action.READY, reason="why")


def test_only_deciding_on_a_new_order_acknowledges_it() -> None:
    assert {a for a in Action if a.acknowledges} == {Action.ACCEPT, Action.REJECT}

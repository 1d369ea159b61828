"""The offline step queue's replay decisions (issue 18, item 2): SEND, APPLIED, DROP, WAIT."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.core.actions import ACTIONS_FOR_STATUS, ETA_MIN_MIN, Action, ActionRequest
from kds.core.orders import ALLOWED_TRANSITIONS, OrderStatus
from kds.core.step_queue import (
    STEP_NAMES,
    Outcome,
    QueuedStep,
    Truth,
    Unseen,
    decide,
    foreign,
    own,
    plan_replay,
    request_at_send,
    source_statuses,
)

S = OrderStatus
RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
USER = "user-a"
OID = "00000000-0000-4000-8000-000000000001"
TAP = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def step(
    action: Action,
    from_status: OrderStatus,
    *,
    order_id: str = OID,
    label: str = "#1234",
    eta_min: int | None = None,
    reason: str | None = None,
    user: str = USER,
    restaurant_id: str = RID,
    tapped_at: datetime = TAP,
) -> QueuedStep:
    if action is Action.ACCEPT and eta_min is None:
        eta_min = 20
    return QueuedStep(
        id=str(uuid.uuid4()),
        user=user,
        restaurant_id=restaurant_id,
        order_id=order_id,
        label=label,
        action=action,
        eta_min=eta_min,
        reason=reason,
        tapped_at=tapped_at,
        from_status=from_status,
    )


# ---------------------------------------------------------------------- each outcome


def test_send_when_the_order_is_where_the_step_starts() -> None:
    d = decide(step(Action.READY, S.PREPARING), S.PREPARING)
    assert d.outcome is Outcome.SEND
    assert d.leaves is S.READY_FOR_DELIVERY
    assert d.notice == ""


@pytest.mark.parametrize("now", [S.READY_FOR_DELIVERY, S.DELIVERED])
def test_a_lost_answer_counts_as_applied_when_the_order_is_at_or_past_the_target(
    now: OrderStatus,
) -> None:
    """The send reached the server, the answer did not reach us: the resync shows the order at
    (or past) the step's target, so nothing is sent again and nobody is told of a loss."""
    d = decide(step(Action.READY, S.PREPARING), now)
    assert d.outcome is Outcome.APPLIED
    assert d.leaves is now
    assert d.notice == ""


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (S.CANCELLED, "#1234 was cancelled while offline; your Ready was not sent."),
        (S.REJECTED, "#1234 was rejected while offline; your Ready was not sent."),
        (Unseen.GONE, "#1234 is no longer on the board; your Ready was not sent."),
    ],
)
def test_a_closed_order_drops_the_step_with_a_notice(now: Truth, words: str) -> None:
    d = decide(step(Action.READY, S.PREPARING), now)
    assert d.outcome is Outcome.DROP
    assert d.notice == words


def test_handed_over_elsewhere_drops_a_cancel() -> None:
    d = decide(step(Action.CANCEL, S.READY_FOR_DELIVERY, reason="burnt"), S.DELIVERED)
    assert d.outcome is Outcome.DROP
    assert d.notice == "#1234 was handed over elsewhere while offline; your Cancel was not sent."


def test_moved_on_by_another_screen_drops_a_cancel_tapped_on_a_new_order() -> None:
    """Strict: a Cancel tapped on a new order is not sent once someone else started it."""
    d = decide(step(Action.CANCEL, S.PLACED), S.PREPARING)
    assert d.outcome is Outcome.DROP
    assert "moved on by another screen" in d.notice
    assert "your Cancel was not sent" in d.notice


def test_a_reject_is_not_applied_by_an_accept_elsewhere() -> None:
    d = decide(step(Action.REJECT, S.PLACED), S.ACCEPTED)
    assert d.outcome is Outcome.DROP
    assert d.notice.startswith("#1234 ")


def test_no_fresh_truth_yet_waits_and_so_do_the_steps_after_it() -> None:
    start, ready = step(Action.START, S.ACCEPTED), step(Action.READY, S.PREPARING)
    plan = plan_replay([start, ready], {})
    assert [d.outcome for _, d in plan] == [Outcome.WAIT, Outcome.WAIT]


def test_the_callers_step_names_word_the_notice() -> None:
    d = decide(step(Action.HAND_OVER, S.READY_FOR_DELIVERY), S.CANCELLED, name=lambda a: "Bump")
    assert d.notice == "#1234 was cancelled while offline; your Bump was not sent."


# ---------------------------------------------------------------------- sequences of one order


def test_start_then_ready_queued_offline_are_both_sent() -> None:
    start, ready = step(Action.START, S.ACCEPTED), step(Action.READY, S.PREPARING)
    plan = plan_replay([start, ready], {OID: S.ACCEPTED})
    assert [(s, d.outcome) for s, d in plan] == [(start, Outcome.SEND), (ready, Outcome.SEND)]


def test_start_applied_by_a_lost_answer_then_ready_is_sent() -> None:
    start, ready = step(Action.START, S.ACCEPTED), step(Action.READY, S.PREPARING)
    plan = plan_replay([start, ready], {OID: S.PREPARING})
    assert [d.outcome for _, d in plan] == [Outcome.APPLIED, Outcome.SEND]


def test_start_then_ready_on_an_order_cancelled_meanwhile_tells_of_both() -> None:
    start, ready = step(Action.START, S.ACCEPTED), step(Action.READY, S.PREPARING)
    plan = plan_replay([start, ready], lambda _: S.CANCELLED)
    assert [d.notice for _, d in plan] == [
        "#1234 was cancelled while offline; your Start was not sent.",
        "#1234 was cancelled while offline; your Ready was not sent.",
    ]


def test_other_orders_are_decided_on_their_own_truth() -> None:
    a = step(Action.START, S.ACCEPTED, order_id="a", label="#1")
    b = step(Action.START, S.ACCEPTED, order_id="b", label="#2")
    plan = plan_replay([a, b], {"a": S.ACCEPTED, "b": S.REJECTED})
    assert [d.outcome for _, d in plan] == [Outcome.SEND, Outcome.DROP]
    assert plan[1][1].notice.startswith("#2 was rejected")


# ---------------------------------------------------------------------- arguments made true


def test_accepts_eta_counts_from_the_send_and_never_below_the_minimum() -> None:
    now = TAP + timedelta(minutes=30)
    assert request_at_send(step(Action.ACCEPT, S.PLACED, eta_min=20), now).eta_min == 20
    low = request_at_send(step(Action.ACCEPT, S.PLACED, eta_min=1), now)
    assert low.eta_min == ETA_MIN_MIN


def test_hand_over_carries_the_tap_time_never_later_than_now() -> None:
    s = step(Action.HAND_OVER, S.READY_FOR_DELIVERY)
    later = TAP + timedelta(minutes=12)
    assert request_at_send(s, later) == ActionRequest(OID, Action.HAND_OVER, delivered_at=TAP)
    set_back = TAP - timedelta(hours=1)  # the clock went back since the tap
    assert request_at_send(s, set_back).delivered_at == set_back


def test_other_steps_carry_what_was_tapped() -> None:
    s = step(Action.CANCEL, S.PREPARING, reason="out of dough")
    assert request_at_send(s, TAP) == ActionRequest(OID, Action.CANCEL, reason="out of dough")
    assert request_at_send(step(Action.START, S.ACCEPTED), TAP).automatic is False


def test_delivered_at_only_for_hand_over_and_aware() -> None:
    with pytest.raises(ValueError, match="delivery time"):
        ActionRequest(OID, Action.READY, delivered_at=TAP)
    with pytest.raises(ValueError, match="timezone-aware"):
        ActionRequest(OID, Action.HAND_OVER, delivered_at=datetime(2030, 1, 1))


# ---------------------------------------------------------------------- building steps


def test_a_step_is_built_from_its_request() -> None:
    req = ActionRequest(OID, Action.ACCEPT, eta_min=25)
    s = QueuedStep.of(
        req, user=USER, restaurant_id=RID, label="#7", from_status=S.PLACED, tapped_at=TAP
    )
    assert uuid.UUID(s.id).version == 4
    assert (s.order_id, s.action, s.eta_min, s.label) == (OID, Action.ACCEPT, 25, "#7")


def test_a_wrong_step_fails_where_it_is_built() -> None:
    with pytest.raises(ValueError, match="does not start from"):
        step(Action.READY, S.ACCEPTED)
    with pytest.raises(ValueError, match="timezone-aware"):
        step(Action.START, S.ACCEPTED, tapped_at=datetime(2030, 1, 1))
    with pytest.raises(ValueError, match="takes no ETA"):
        step(Action.START, S.ACCEPTED, eta_min=10)


def test_steps_of_another_user_or_restaurant_are_foreign() -> None:
    mine = step(Action.START, S.ACCEPTED)
    theirs = step(Action.START, S.ACCEPTED, user="user-b")
    elsewhere = step(Action.START, S.ACCEPTED, restaurant_id=OTHER_RID)
    steps = [mine, theirs, elsewhere]
    assert foreign(steps, USER, RID) == [theirs, elsewhere]
    assert own(steps, USER, RID) == [mine]


# ---------------------------------------------------------------------- properties


def _history(start: OrderStatus, moves: list[int]) -> OrderStatus:
    """Walk the transition graph from ``start``: each move picks one of the exits."""
    status = start
    for m in moves:
        exits = sorted(ALLOWED_TRANSITIONS[status])
        if not exits:
            break
        status = exits[m % len(exits)]
    return status


_STEPPABLE = sorted(ACTIONS_FOR_STATUS)


@st.composite
def queued_steps(draw: st.DrawFn) -> list[QueuedStep]:
    """A cook's steps on a handful of orders, each tapped where the previous one leaves it."""
    out: list[QueuedStep] = []
    where: dict[str, OrderStatus] = {}
    for _ in range(draw(st.integers(0, 8))):
        order_id = draw(st.sampled_from(["a", "b", "c"]))
        status = where.get(order_id) or draw(st.sampled_from(_STEPPABLE))
        actions = ACTIONS_FOR_STATUS.get(status)
        if not actions:
            continue
        action = draw(st.sampled_from(actions))
        out.append(step(action, status, order_id=order_id, label=f"#{order_id}"))
        where[order_id] = action.target
    return out


truths = st.one_of(
    st.builds(
        _history, st.sampled_from([S.PLACED, S.AWAITING_PAYMENT]), st.lists(st.integers(0, 3))
    ),
    st.sampled_from(list(Unseen)),
)


@given(queued_steps(), st.dictionaries(st.sampled_from(["a", "b", "c"]), truths))
def test_replay_properties(steps: list[QueuedStep], truth: dict[str, Truth]) -> None:
    plan = plan_replay(steps, truth)
    assert [s for s, _ in plan] == steps  # every step gets exactly one decision, in order
    now: dict[str, Truth] = {}
    for s, d in plan:
        before = now.get(s.order_id, truth.get(s.order_id, Unseen.NOT_YET))
        assert d == decide(s, before)  # decided against what the steps before it leave
        if d.outcome is Outcome.SEND:
            assert before in source_statuses(s.action)  # never sent from a wrong status
            assert before is s.from_status
            assert before is not s.action.target  # never both applied and sent
        if d.outcome is Outcome.APPLIED:
            assert isinstance(before, OrderStatus)
        if d.outcome is Outcome.DROP:
            assert d.notice
            assert s.label in d.notice
            assert STEP_NAMES[s.action] in d.notice
        else:
            assert d.notice == ""
        if d.outcome is Outcome.WAIT:
            assert before is Unseen.NOT_YET
        now[s.order_id] = d.leaves


@given(st.sampled_from(list(Action)), st.sampled_from(list(OrderStatus)))
def test_one_step_against_any_status(action: Action, status: OrderStatus) -> None:
    for start in source_statuses(action):
        d = decide(step(action, start), status)
        assert (d.outcome is Outcome.SEND) == (status is start)
        if status is action.target:
            assert d.outcome is Outcome.APPLIED

"""A step's name and the replay's notices in the screen's language."""

from __future__ import annotations

from datetime import UTC, datetime

from kds.app.step_words import replay_words, step_name
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import STEP_NAMES, QueuedStep, Unseen, decide

S = OrderStatus
TAP = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def _step(action: Action, from_status: OrderStatus, label: str = "#1234") -> QueuedStep:
    return QueuedStep(
        id="s1",
        user="anna",
        restaurant_id="6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01",
        order_id="00000000-0000-4000-8000-000000000001",
        label=label,
        action=action,
        eta_min=None,
        reason=None,
        tapped_at=TAP,
        from_status=from_status,
    )


def test_english_is_the_step_names_as_written() -> None:
    assert [step_name(a) for a in Action] == [STEP_NAMES[a] for a in Action]
    # the buttons' words (`kds.ui.actions.LABELS`) are these: moved from the ui's own copy
    d = decide(_step(Action.READY, S.PREPARING), S.CANCELLED, name=step_name, words=replay_words)
    assert d.notice == "#1234 was cancelled while offline; your Ready was not sent."


def test_vietnamese_step_names_and_replay_notices(vietnamese: None) -> None:
    assert step_name(Action.ACCEPT) == "Nhận đơn"
    assert step_name(Action.REJECT) == "Từ chối"
    assert step_name(Action.START) == "Bắt đầu"
    assert step_name(Action.READY) == "Xong"
    assert step_name(Action.HAND_OVER) == "Đã giao"
    ready = _step(Action.READY, S.PREPARING)
    d = decide(ready, S.CANCELLED, name=step_name, words=replay_words)
    assert d.notice == "#1234 đã bị hủy khi mất kết nối; thao tác Xong chưa được gửi."
    d = decide(ready, Unseen.GONE, name=step_name, words=replay_words)
    assert d.notice == "#1234 không còn trên bảng đơn; thao tác Xong chưa được gửi."
    nameless = _step(Action.CANCEL, S.ACCEPTED, label="")
    d = decide(nameless, S.PREPARING, name=step_name, words=replay_words)
    assert d.notice == (
        "Một đơn đã được màn hình khác chuyển bước khi mất kết nối; thao tác Hủy đơn chưa được gửi."
    )
    # The core's defaults stay English (its own tests, logs).
    assert decide(ready, S.CANCELLED).notice.startswith("#1234 was cancelled")

"""DirectActions with a recorded REST client: answers applied, failures judged, stale ones dropped.

The path auto-accept takes (not kept on disk): these tests check what it tells the session
(`started`, `finished`, `failed`, `notice`, `auth_expired`) and what it does to the board.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.direct_actions import DirectActions
from kds.app.qt_thread import QtThread, Worker
from kds.core.actions import Action, ActionRequest
from kds.core.board import Board
from kds.core.epoch import Epoch
from kds.core.orders import OrderStatus
from kds.net.errors import AuthExpired, InvalidTransition, ServerUnavailable
from kds.net.rest import RestClient
from tests.unit.core.factories import RID, T0, at, event, oid, result

S = OrderStatus
START, ACCEPT = Action.START.value, Action.ACCEPT.value


class RecordingRest:
    """`perform` answers with ``answer`` (a result, or an exception to raise)."""

    def __init__(self) -> None:
        self.answer: Any = None
        self.sent: list[ActionRequest] = []

    def perform(self, rid: str, request: ActionRequest, now: Any) -> Any:
        self.sent.append(request)
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


class Rig:
    def __init__(self) -> None:
        self.model = BoardModel()
        self.model.reset(RID)
        self.epoch = Epoch()
        self.calls = Worker(QtThread(), 1, "kds-test-call")
        self.details: list[int] = []
        self.judged: list[tuple[ActionRequest, BaseException]] = []
        self.verdict: str | None = "Auto-accept of order ORD-1 failed. Please handle it by hand."
        self.direct = DirectActions(
            self.model,
            self.calls,
            self.epoch,
            fetch_details=lambda: self.details.append(1),
            judge=self.judge,
            clock=lambda: T0,
        )
        self.rest = RecordingRest()
        self.said: list[tuple[str, ...]] = []
        self.direct.started.connect(lambda o, a: self.said.append(("started", o, a)))
        self.direct.finished.connect(lambda o, a: self.said.append(("finished", o, a)))
        self.direct.failed.connect(lambda o, a, t: self.said.append(("failed", o, a, t)))
        self.direct.notice.connect(lambda level, t: self.said.append(("notice", level, t)))
        self.direct.auth_expired.connect(lambda: self.said.append(("auth_expired",)))

    @property
    def board(self) -> Board:
        assert self.model.board is not None
        return self.model.board

    def judge(self, request: ActionRequest, exc: BaseException) -> str | None:
        self.judged.append((request, exc))
        return self.verdict

    def run(self, request: ActionRequest) -> None:
        self.direct.run(cast(RestClient, self.rest), RID, request)


@pytest.fixture
def rig(qapp: Any) -> Iterator[Rig]:
    rig = Rig()
    yield rig
    rig.calls.shutdown()


def test_an_accept_answers_the_alert_at_once_and_its_answer_is_applied(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.board.apply(event(1))
    assert [a.order_id for a in rig.board.unacknowledged_alerts()] == [oid(1)]
    rig.rest.answer = result(1, S.ACCEPTED, at(1))
    rig.run(ActionRequest(oid(1), Action.ACCEPT, eta_min=20))
    assert rig.board.unacknowledged_alerts() == []  # before the answer
    qtbot.waitUntil(lambda: ("finished", oid(1), ACCEPT) in rig.said, timeout=5_000)
    assert rig.said[0] == ("started", oid(1), ACCEPT)
    ticket = rig.model.get(oid(1))
    assert ticket is not None
    assert ticket.status is S.ACCEPTED


def test_an_answer_for_an_order_the_board_lacks_asks_for_its_details(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.rest.answer = result(7, S.PREPARING, at(1))
    rig.run(ActionRequest(oid(7), Action.START))
    qtbot.waitUntil(lambda: rig.details == [1], timeout=5_000)


def test_an_answer_after_the_restaurant_changed_is_not_applied(qtbot: QtBot, rig: Rig) -> None:
    rig.board.apply(event(1, S.ACCEPTED))
    rig.rest.answer = result(1, S.PREPARING, at(1))
    rig.run(ActionRequest(oid(1), Action.START))
    rig.epoch.advance()  # another restaurant opened while the call was out
    qtbot.waitUntil(lambda: ("finished", oid(1), START) in rig.said, timeout=5_000)
    ticket = rig.model.get(oid(1))
    assert ticket is not None
    assert ticket.status is S.ACCEPTED
    assert rig.details == []


def test_an_automatic_accept_that_lost_the_race_is_no_error(qtbot: QtBot, rig: Rig) -> None:
    rig.verdict = None  # the order had moved on
    rig.rest.answer = InvalidTransition("moved on", status=400)
    rig.run(ActionRequest(oid(1), Action.ACCEPT, eta_min=30, automatic=True))
    qtbot.waitUntil(lambda: ("finished", oid(1), ACCEPT) in rig.said, timeout=5_000)
    assert [s for s in rig.said if s[0] in ("failed", "notice")] == []
    assert len(rig.judged) == 1


def test_an_automatic_accept_that_failed_says_so_to_a_person(qtbot: QtBot, rig: Rig) -> None:
    rig.rest.answer = ServerUnavailable("no server")
    rig.run(ActionRequest(oid(1), Action.ACCEPT, eta_min=30, automatic=True))
    qtbot.waitUntil(lambda: any(s[0] == "notice" for s in rig.said), timeout=5_000)
    assert rig.said[1][:3] == ("failed", oid(1), ACCEPT)
    assert rig.said[2] == ("notice", "error", rig.verdict)


def test_a_cooks_failure_is_not_judged_and_refused_tokens_end_the_session(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.rest.answer = AuthExpired("refused", status=401)
    rig.run(ActionRequest(oid(1), Action.START))
    qtbot.waitUntil(lambda: ("auth_expired",) in rig.said, timeout=5_000)
    assert rig.judged == []
    assert rig.said[1][:3] == ("failed", oid(1), START)
    assert not any(s[0] == "notice" for s in rig.said)


def test_nothing_is_sent_without_a_restaurant(rig: Rig) -> None:
    rig.direct.run(None, None, ActionRequest(oid(1), Action.START))
    assert rig.said == [("failed", oid(1), START, "Not signed in to a restaurant.")]
    assert rig.rest.sent == []

"""`OrderTruth`: what the last snapshot says of an order a kept step acts on.

Replay (`kds.app.step_sender`) decides each kept step against its order's status *now*. For
an order on the board that is its ticket; for one that just closed with a known ending, the
board's recall says how. An order a snapshot simply no longer lists could have been handed
over (the step's lost answer: applied) or cancelled (a drop, with a notice) — only its detail
tells, so it is fetched once, and the step waits (`Unseen.NOT_YET`) until it arrives. A 404 is
`Unseen.GONE`: the step is dropped and a person told.
"""

from __future__ import annotations

from collections.abc import Callable

from kds.app.board_model import BoardModel
from kds.app.qt_thread import Worker
from kds.core.orders import OrderDetail
from kds.core.step_queue import Truth, Unseen
from kds.net.errors import NotFound
from kds.net.rest import RestClient

__all__ = ["OrderTruth"]

Learnt = Callable[[str, Truth], None]
"""``(order_id, truth)``: a looked-up order's truth arrived."""
Failed = Callable[[str, BaseException], None]
"""``(order_id, exc)``: the look-up found no server (or was refused for good)."""


class OrderTruth:
    """Reads the board, and looks up closed orders' details on the calls worker.

    Args:
        model: the board model.
        calls: the session's worker for REST calls.
        learnt / failed: called on the Qt thread with a look-up's outcome.
    """

    def __init__(self, model: BoardModel, calls: Worker, learnt: Learnt, failed: Failed) -> None:
        self._model = model
        self._calls = calls
        self._learnt = learnt
        self._failed = failed
        self._looking: set[str] = set()
        self._generation = 0

    def reset(self) -> None:
        """Forget look-ups in flight (another restaurant): their answers are dropped."""
        self._generation += 1
        self._looking.clear()

    def of(self, order_id: str, rest: RestClient | None, restaurant_id: str | None) -> Truth:
        """The order's truth now; NOT_YET while its detail is being fetched (``learnt`` then
        brings it)."""
        ticket = self._model.get(order_id)
        if ticket is not None:
            return ticket.status
        board = self._model.board
        if board is not None:
            for recalled in board.recall():
                if recalled.ticket.order_id == order_id and recalled.final_status is not None:
                    return recalled.final_status
        if rest is not None and restaurant_id is not None:
            self._look_up(order_id, rest, restaurant_id)
        return Unseen.NOT_YET

    def _look_up(self, order_id: str, rest: RestClient, restaurant_id: str) -> None:
        if order_id in self._looking:
            return
        self._looking.add(order_id)
        generation = self._generation

        def found(detail: OrderDetail) -> None:
            if generation == self._generation:
                self._looking.discard(order_id)
                self._learnt(order_id, detail.status)

        def missing(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._looking.discard(order_id)
            if isinstance(exc, NotFound):
                self._learnt(order_id, Unseen.GONE)
            else:
                self._failed(order_id, exc)

        self._calls.run(lambda: rest.order_detail(restaurant_id, order_id), found, missing)

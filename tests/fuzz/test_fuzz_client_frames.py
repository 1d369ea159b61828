"""The client's hub frame path (signalrcore parser, our per-record guard, HubClient, Board).

Nothing may escape it: a malformed record is skipped, a malformed event is counted as rejected
by the board, and an error completion always becomes a typed ``HubError``.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from kds.net.errors import HubError
from tests.fuzz import inputs, targets
from tests.unit.core import payloads

frame_text = st.lists(
    st.text(max_size=40) | st.sampled_from(['{"type":1', '"arguments":', "}", "\x1e", "[", "null"]),
    max_size=8,
).map("".join)


@settings(max_examples=1500)
@given(frame_text)
def test_any_text_frame(frame: str) -> None:
    targets.client_frame(frame)


@settings(max_examples=1500)
@given(st.randoms(use_true_random=False))
def test_structured_and_mutated_frames(rng: random.Random) -> None:
    targets.client_frame_bytes(inputs.hub_frame(rng))


def test_a_good_record_next_to_bad_ones_still_reaches_the_board() -> None:
    frames = targets.ClientFrames()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    event = payloads.event(lastUpdateTimestamp=now, occurredOnUtc=now)
    good = {"type": 1, "target": "ReceiveOrderPlaced", "arguments": [event]}
    frame = '{"type":1,"target":"X","arguments":5}\x1e' + json.dumps(good) + "\x1e{bad\x1e"
    frames.feed(frame)
    assert [t.order_id for t in frames.board.open_orders()] == [payloads.ORDER_ID]


def test_regression_wrong_typed_arguments_and_error_are_skipped_not_raised() -> None:
    """Found by this suite: ``arguments: 5`` raised TypeError and ``error: 7`` AttributeError
    on the socket reader thread, which dropped the hub connection."""
    frames = targets.ClientFrames()
    frames.feed('{"type":1,"target":"ReceiveOrderPlaced","arguments":5}\x1e')
    frames.feed('{"type":1,"target":5,"arguments":[]}\x1e')
    pending = frames._expect_completions()
    frames.transport.on_message(None, '{"type":3,"invocationId":"1","error":7}\x1e')
    error = pending["1"].error
    assert isinstance(error, HubError)
    assert "malformed" in str(error)

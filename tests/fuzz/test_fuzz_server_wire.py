"""The running server's hub endpoint under fuzzed frames (over a real WebSocket).

After a good handshake, each case sends one fuzzed text frame (structurally wrong or
byte-mutated records), then a sentinel invocation. The server must either answer the sentinel
or end the connection with a Close message — never crash, never hang, never send a malformed
record — and it must keep serving everyone else.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed

from tests.fuzz import inputs
from tests.interop.rawclient import RS, RawHub
from tests.support.helpers import PHO_HANOI, login, staff
from tests.support.http import get
from tests.support.server import ServerProcess

HUB = "/hubs/restaurant-orders"


def _records(frame: str | bytes) -> list[dict[str, object]]:
    assert isinstance(frame, str), "the JSON protocol sends text frames only"
    assert frame.endswith(RS), f"partial record sent: {frame!r}"
    return [json.loads(record) for record in frame.split(RS)[:-1]]


@pytest.fixture(scope="module")
def token(module_dev_server: ServerProcess) -> str:
    return login(module_dev_server.url, *staff("pho-hanoi"))


@settings(max_examples=100)
@given(rng=st.randoms(use_true_random=False))
def test_fuzzed_frames_get_an_answer_or_a_close(
    rng: random.Random, module_dev_server: ServerProcess, token: str
) -> None:
    frame = inputs.hub_frame(rng).decode("utf-8", errors="replace")
    sentinel = {"type": 1, "invocationId": "sentinel", "target": "UnsubscribeFromRestaurant"}
    sentinel["arguments"] = [PHO_HANOI]
    with RawHub.open(module_dev_server.url, HUB, token) as raw:
        try:
            raw.send_text(frame)
            raw.send_text(json.dumps(sentinel) + RS)
            while True:
                for record in _records(raw.recv_frame(timeout_s=10)):
                    if record.get("type") == 7:  # Close: the server refused the input
                        return
                    if record.get("invocationId") == "sentinel":
                        assert record["type"] == 3
                        return
        except ConnectionClosed:
            return  # closed after (or without) its Close message: allowed for bad input


def test_the_server_still_serves_after_the_fuzzing(module_dev_server: ServerProcess) -> None:
    assert get(f"{module_dev_server.url}/ping").json() == "pong"
    token = login(module_dev_server.url, *staff("pho-hanoi"))
    with RawHub.open(module_dev_server.url, HUB, token) as raw:
        assert "error" not in raw.invoke("SubscribeToRestaurant", PHO_HANOI)
    assert "Traceback" not in module_dev_server.stderr_text()  # no unhandled error inside

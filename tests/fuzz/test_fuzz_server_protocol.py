"""The server's SignalR protocol handling (record buffer, handshake, message parser).

Any bytes, split anywhere: only the server's ``ProtocolError`` family may come out (the
connection is then closed with an error, as ASP.NET does).
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import engine, inputs, targets


@settings(max_examples=800)
@given(st.lists(st.binary(max_size=120), max_size=6))
def test_any_byte_chunks(chunks: list[bytes]) -> None:
    targets.server_records(chunks)


@settings(max_examples=800)
@given(st.randoms(use_true_random=False))
def test_structured_streams_split_anywhere(rng: random.Random) -> None:
    targets.server_records(inputs.handshake_stream(rng))


@settings(max_examples=400)
@given(st.binary(max_size=200))
def test_any_single_record(record: bytes) -> None:
    targets.server_message(record)


def test_seeded_engine_slice() -> None:
    """A slice of the soak's own loop (every target, seed 11): the soak and CI agree."""
    result = engine.run_cases(seed=11, count=1000)
    assert result.cases == 1000
    assert set(result.per_kind) == set(engine.KINDS)
    assert result.escaped == []

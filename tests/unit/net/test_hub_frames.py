"""The hub's WebSocket frame reader: size limit before allocation, fragments joined once (issue 19).

signalrcore read a frame by allocating whatever length it declared and joined fragments with
``payload += data``; these feed ``FrameReader`` bytes from memory and count what it reads.
"""

from __future__ import annotations

import logging
import struct

import pytest
from signalrcore.transport.sockets.errors import SocketClosedError

from kds.net import hub_frames
from kds.net.hub_frames import MAX_HUB_MESSAGE_BYTES, FrameReader, MessageTooLarge, log_refusal


def frame(
    payload: bytes, *, opcode: int = 0x1, fin: bool = True, declared: int | None = None
) -> bytes:
    """One unmasked server frame; ``declared`` overrides the length in the header."""
    length = len(payload) if declared is None else declared
    head = bytes([(0x80 if fin else 0) | opcode])
    if length <= 125:
        head += bytes([length])
    elif length <= 0xFFFF:
        head += bytes([126]) + struct.pack(">H", length)
    else:
        head += bytes([127]) + struct.pack(">Q", length)
    return head + payload


def fragments(payload: bytes, size: int) -> bytes:
    """``payload`` as a text frame and continuation frames of ``size`` bytes each."""
    pieces = [payload[i : i + size] for i in range(0, len(payload), size)]
    last = len(pieces) - 1
    return b"".join(
        frame(piece, opcode=0x1 if i == 0 else 0x0, fin=i == last) for i, piece in enumerate(pieces)
    )


class Wire:
    """A socket's ``recv_into`` over bytes in memory, counting the calls and the bytes asked."""

    def __init__(self, data: bytes, chunk: int = 1 << 16) -> None:
        self.data = memoryview(data)
        self.pos = 0
        self.chunk = chunk
        self.calls = 0
        self.largest_ask = 0

    def recv_into(self, view: memoryview) -> int:
        self.calls += 1
        self.largest_ask = max(self.largest_ask, len(view))
        n = min(len(view), self.chunk, len(self.data) - self.pos)
        view[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n


def test_a_frame_declaring_100_mb_is_refused_from_its_header_alone() -> None:
    wire = Wire(frame(b"x" * 16, declared=100 * 1024 * 1024))
    with pytest.raises(MessageTooLarge) as refused:
        FrameReader(wire.recv_into).read_message()
    assert refused.value.size == 100 * 1024 * 1024
    assert refused.value.limit == MAX_HUB_MESSAGE_BYTES
    assert wire.pos == 10  # the 2-byte header and the 8-byte length: not one payload byte
    assert wire.largest_ask == 8  # no buffer for the payload was asked for
    assert isinstance(refused.value, ConnectionError)  # to the hub client: a dropped socket


def test_a_frame_of_exactly_the_limit_is_read() -> None:
    payload = b"a" * MAX_HUB_MESSAGE_BYTES
    assert FrameReader(Wire(frame(payload)).recv_into).read_message() == payload


def test_fragments_adding_up_past_the_limit_are_refused_at_the_fragment_that_crosses_it() -> None:
    limit = 1000
    wire = Wire(fragments(b"b" * 1500, 100))
    with pytest.raises(MessageTooLarge) as refused:
        FrameReader(wire.recv_into, limit=limit).read_message()
    assert refused.value.size == 1100
    assert wire.pos == 10 * (2 + 100) + 2  # ten fragments read, the 11th's header only


def test_a_message_in_10000_fragments_is_reassembled_with_a_read_per_header_and_payload() -> None:
    payload = bytes(range(256)) * 400  # 102,400 bytes
    wire = Wire(fragments(payload, 10) + frame(b"next"))
    reader = FrameReader(wire.recv_into)
    assert reader.read_message() == payload
    # Two reads per fragment (header, payload): work grows with the fragments, not their square.
    assert wire.calls == 2 * 10_240
    assert reader.read_message() == b"next"


def test_a_payload_split_across_many_receives_is_read_into_one_buffer() -> None:
    payload = b"c" * 70_000
    wire = Wire(frame(payload), chunk=7)
    assert FrameReader(wire.recv_into).read_message() == payload


def test_a_ping_between_fragments_is_not_part_of_the_message() -> None:
    data = frame(b"he", fin=False) + frame(b"PING", opcode=0x9) + frame(b"llo", opcode=0x0)
    assert FrameReader(Wire(data).recv_into).read_message() == b"hello"


def test_a_lone_pong_is_returned_as_traffic_like_signalrcore_did() -> None:
    assert FrameReader(Wire(frame(b"", opcode=0xA)).recv_into).read_message() == b""


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(frame(b"\x03\xe8", opcode=0x8), id="close frame"),
        pytest.param(frame(b"abc", fin=True)[:3], id="stream ends mid-payload"),
        pytest.param(b"", id="stream ends before a header"),
    ],
)
def test_a_close_or_an_ended_stream_is_a_closed_socket(data: bytes) -> None:
    with pytest.raises(SocketClosedError):
        FrameReader(Wire(data).recv_into).read_message()


def test_a_masked_frame_from_the_server_fails_the_connection() -> None:
    masked = bytes([0x81, 0x80 | 3]) + b"\0\0\0\0" + b"abc"
    with pytest.raises(ConnectionError, match="masked"):
        FrameReader(Wire(masked).recv_into).read_message()


def test_a_refusal_warns_once_per_process_then_logs_at_debug(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_frames, "_refusal_warned", False)
    caplog.set_level(logging.DEBUG, logger="kds.net.hub_frames")
    for _ in range(3):
        log_refusal(MessageTooLarge(104_857_600, MAX_HUB_MESSAGE_BYTES))
    levels = [r.levelno for r in caplog.records]
    assert levels == [logging.WARNING, logging.DEBUG, logging.DEBUG]
    assert "104857600 bytes" in caplog.records[0].getMessage()
    assert "1048576-byte limit" in caplog.records[0].getMessage()

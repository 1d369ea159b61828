"""The pure protocol module: framing, handshake, message parsing and encoding."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.server.signalr import protocol as p


def test_records_split_on_separator_and_partial_record_kept() -> None:
    buf = p.RecordBuffer()
    assert buf.feed(b'{"a":1}\x1e{"b"') == [b'{"a":1}']
    assert buf.pending_bytes == 4
    assert buf.feed(b":2}\x1e\x1e") == [b'{"b":2}', b""]
    assert buf.pending_bytes == 0


def test_record_of_exactly_the_limit_passes_and_one_more_byte_fails() -> None:
    buf = p.RecordBuffer(max_record_bytes=10)
    assert buf.feed(b"123456789\x1e") == [b"123456789"]
    with pytest.raises(p.MessageTooLargeError, match="maximum message size of 10B"):
        p.RecordBuffer(max_record_bytes=10).feed(b"1234567890\x1e")


def test_partial_record_over_the_limit_fails_before_its_separator_arrives() -> None:
    buf = p.RecordBuffer(max_record_bytes=10)
    buf.feed(b"12345")
    with pytest.raises(p.MessageTooLargeError):
        buf.feed(b"67890")


@pytest.mark.parametrize("version", [0, 1, 2])
def test_json_handshake_versions_up_to_2_are_accepted(version: int) -> None:
    request = p.parse_handshake(f'{{"protocol":"json","version":{version}}}'.encode())
    p.check_handshake(request)


@pytest.mark.parametrize(
    ("record", "text"),
    [
        (
            b'{"protocol":"json","version":3}',
            "The server does not support version 3 of the 'json' protocol.",
        ),
        (b'{"protocol":"messagepack","version":1}', "The protocol 'messagepack' is not supported."),
    ],
)
def test_refused_handshakes_carry_aspnet_texts(record: bytes, text: str) -> None:
    with pytest.raises(p.HandshakeError) as info:
        p.check_handshake(p.parse_handshake(record))
    assert str(info.value) == text


@pytest.mark.parametrize(
    "record", [b"", b"[]", b'{"protocol":1,"version":1}', b'{"protocol":"json"}', b"\xff"]
)
def test_malformed_handshakes_are_protocol_errors(record: bytes) -> None:
    with pytest.raises(p.ProtocolError):
        p.parse_handshake(record)


def test_messages_parse_into_typed_objects() -> None:
    assert p.parse_message(b'{"type":1,"target":"T","arguments":[1],"headers":{"a":"b"}}') == (
        p.Invocation("T", [1], None, [])
    )
    assert p.parse_message(b'{"type":1,"invocationId":"0","target":"T","arguments":[]}') == (
        p.Invocation("T", [], "0", [])
    )
    assert p.parse_message(b'{"type":4,"invocationId":"1","target":"S","arguments":[]}') == (
        p.StreamInvocation("1", "S", [])
    )
    assert p.parse_message(b'{"type":5,"invocationId":"1"}') == p.CancelInvocation("1")
    assert p.parse_message(b'{"type":6}') == p.Ping()
    assert p.parse_message(b'{"type":7,"error":"x","allowReconnect":true}') == p.Close("x", True)
    assert p.parse_message(b'{"type":3,"invocationId":"1","result":null}') == p.Completion(
        "1", None, None, True
    )
    assert p.parse_message(b'{"type":8,"sequenceId":3}') == p.Ignored(8)
    assert p.parse_message(b'{"type":99}') == p.Ignored(99)


@pytest.mark.parametrize(
    "record",
    [
        b'{"type":1,"arguments":[]}',
        b'{"type":1,"target":"T"}',
        b'{"type":1,"target":"T","arguments":{}}',
        b'{"type":1,"target":"T","arguments":[],"invocationId":5}',
        b'{"type":3,"invocationId":"1","result":1,"error":"e"}',
        b'{"type":"1"}',
        b'{"type":true}',
        b'{"target":"T"}',
        b'{"type":1,"target":"T","arguments":[NaN]}',
        b'{"type":1,"target":"T","arguments":[-Infinity]}',
        b'{"type":1,"target":"T","arguments":' + b"[" * 64 + b"]" * 64 + b"}",  # depth 65
        b'{"type":1,"target":"T","arguments":' + b"[" * 1000 + b"]" * 1000 + b"}",
        b'{"type":1,"target":"\\ud800","arguments":[]}',  # a lone surrogate: target,
        b'{"type":1,"invocationId":"\\udfff","target":"T","arguments":[]}',  # id,
        b'{"type":1,"target":"T","arguments":[{"\\ud800":1}]}',  # a key in an argument
        b'{"type":1,"target":"T\xff","arguments":[]}',  # not UTF-8
        b"[1]",
        b"not json",
    ],
)
def test_malformed_messages_are_protocol_errors(record: bytes) -> None:
    with pytest.raises(p.ProtocolError):
        p.parse_message(record)


def test_depth_64_and_any_number_size_still_parse() -> None:
    """ASP.NET's reader allows 64 levels; numbers are judged only when an argument binds them."""
    deep = b"[" * 63 + b"]" * 63
    assert p.parse_message(b'{"type":1,"target":"T","arguments":' + deep + b"}").arguments
    message = p.parse_message(b'{"type":1,"target":"T","arguments":[1e20,10000000000000000]}')
    assert message == p.Invocation("T", [1e20, 10**16], None, [])


def test_a_lone_surrogate_in_the_handshake_is_a_protocol_error() -> None:
    with pytest.raises(p.ProtocolError):
        p.parse_handshake(b'{"protocol":"json\\ud800","version":1}')


def test_encodings_are_exact_wire_text() -> None:
    assert p.HANDSHAKE_OK == "{}\x1e"
    assert p.PING_RECORD == '{"type":6}\x1e'
    assert p.encode_close() == '{"type":7}\x1e'
    assert p.encode_close(p.CLOSE_WITH_ERROR) == (
        '{"type":7,"error":"Connection closed with an error."}\x1e'
    )
    assert p.encode_close(allow_reconnect=True) == '{"type":7,"allowReconnect":true}\x1e'
    assert p.encode_completion("0") == '{"type":3,"invocationId":"0","result":null}\x1e'
    assert p.encode_completion("0", error="e") == '{"type":3,"invocationId":"0","error":"e"}\x1e'
    assert p.encode_invocation("T", [{"k": "é"}]) == (
        '{"type":1,"target":"T","arguments":[{"k":"é"}]}\x1e'
    )
    assert p.encode_handshake_error("nope") == '{"error":"nope"}\x1e'


def test_encoding_refuses_nan_so_a_broken_broadcast_raises() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        p.encode_invocation("T", [float("nan")])


MESSAGE_TYPES = (
    p.Invocation,
    p.StreamInvocation,
    p.StreamItem,
    p.Completion,
    p.CancelInvocation,
    p.Ping,
    p.Close,
    p.Ignored,
)


@given(st.lists(st.binary(max_size=200), max_size=8))
def test_any_bytes_give_messages_or_protocol_error_only(chunks: list[bytes]) -> None:
    buf = p.RecordBuffer(max_record_bytes=256)
    for chunk in chunks:
        try:
            records = buf.feed(chunk)
        except p.ProtocolError:
            continue
        for record in records:
            with contextlib.suppress(p.ProtocolError):
                assert isinstance(p.parse_message(record), MESSAGE_TYPES)
            with contextlib.suppress(p.ProtocolError):
                p.check_handshake(p.parse_handshake(record))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    st.dictionaries(
        st.sampled_from(["type", "target", "arguments", "invocationId", "error", "result", "item"]),
        json_values,
    )
)
def test_any_json_object_gives_a_message_or_protocol_error(obj: dict[str, object]) -> None:
    with contextlib.suppress(p.ProtocolError):
        message = p.parse_message(json.dumps(obj).encode())
        assert isinstance(message, MESSAGE_TYPES)

"""Negotiate and the WebSocket transport of the standalone hub server, byte for byte."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.interop.rawclient import RS, RawHub, negotiate, split_records, ws_url
from tests.unit.server.signalr.conftest import GOOD_TOKEN, HUB, ServerMaker, ThreadedServer

AUTH = {"Authorization": f"Bearer {GOOD_TOKEN}"}


def open_ws(server: ThreadedServer, conn_id: str | None) -> RawHub:
    ws = connect(
        ws_url(server.url, HUB, conn_id),
        additional_headers=AUTH,
        open_timeout=5,
        ping_interval=None,
        legacy=True,
    )
    return RawHub(ws, None)


def fresh_id(server: ThreadedServer) -> str:
    return str(negotiate(server.url, HUB, GOOD_TOKEN).json()["connectionToken"])


def test_negotiate_v1_gives_separate_token_and_exact_transports(hub_server: ThreadedServer) -> None:
    response = negotiate(hub_server.url, HUB, GOOD_TOKEN, 1)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == [
        "negotiateVersion",
        "connectionId",
        "connectionToken",
        "availableTransports",
    ]
    assert body["negotiateVersion"] == 1
    assert body["connectionToken"] != body["connectionId"]
    assert body["availableTransports"] == [
        {"transport": "WebSockets", "transferFormats": ["Text", "Binary"]},
        {"transport": "ServerSentEvents", "transferFormats": ["Text"]},
        {"transport": "LongPolling", "transferFormats": ["Text", "Binary"]},
    ]


def test_negotiate_v0_has_no_token_and_the_id_is_used(hub_server: ThreadedServer) -> None:
    body = negotiate(hub_server.url, HUB, GOOD_TOKEN, None).json()
    assert body["negotiateVersion"] == 0
    assert "connectionToken" not in body
    with open_ws(hub_server, body["connectionId"]) as raw:
        raw.send_text('{"protocol":"json","version":0}' + RS)
        assert raw.recv_frame() == "{}" + RS


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("negotiateVersion=7", {"negotiateVersion": 1}),
        ("NegotiateVersion=1", {"negotiateVersion": 1}),
        ("negotiateVersion=abc", {"error": "The client requested a non-integer protocol version."}),
        (
            "negotiateVersion=-1",
            {
                "error": "The client requested version '-1', but the server does not "
                "support this version."
            },
        ),
    ],
)
def test_negotiate_version_rules(
    hub_server: ThreadedServer, query: str, expected: dict[str, object]
) -> None:
    response = httpx.post(f"{hub_server.url}{HUB}/negotiate?{query}", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    for key, value in expected.items():
        assert body[key] == value
    if "error" in expected:
        assert list(body) == ["error"]


def test_negotiate_is_post_only_and_needs_a_token(hub_server: ThreadedServer) -> None:
    assert httpx.get(f"{hub_server.url}{HUB}/negotiate", headers=AUTH).status_code == 405
    unauthorized = httpx.post(f"{hub_server.url}{HUB}/negotiate?negotiateVersion=1")
    assert unauthorized.status_code == 401
    assert unauthorized.content == b""
    assert unauthorized.headers["www-authenticate"] == "Bearer"
    assert "useStatefulReconnect" not in unauthorized.text
    wrong = httpx.post(f"{hub_server.url}{HUB}/negotiate", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    query_token = httpx.post(f"{hub_server.url}{HUB}/negotiate?access_token={GOOD_TOKEN}")
    assert query_token.status_code == 200


@pytest.mark.parametrize("version", [0, 1, 2])
def test_handshake_versions_0_to_2_accepted(hub_server: ThreadedServer, version: int) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        raw.send_text(f'{{"protocol":"json","version":{version}}}' + RS)
        assert raw.recv_frame() == "{}" + RS


@pytest.mark.parametrize(
    ("handshake", "error"),
    [
        (
            '{"protocol":"json","version":3}',
            "The server does not support version 3 of the 'json' protocol.",
        ),
        ('{"protocol":"messagepack","version":1}', "The protocol 'messagepack' is not supported."),
        ('{"protocol":"json"}', "An unexpected error occurred during connection handshake."),
        ("garbage", "An unexpected error occurred during connection handshake."),
    ],
)
def test_refused_handshake_sends_error_then_closes(
    hub_server: ThreadedServer, handshake: str, error: str
) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        raw.send_text(handshake + RS)
        assert raw.recv_frame() == json.dumps({"error": error}, separators=(",", ":")) + RS
        with pytest.raises(ConnectionClosed):
            raw.recv_frame()


def test_records_after_the_handshake_in_the_same_frame_are_processed(
    hub_server: ThreadedServer,
) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        raw.send_text(
            '{"protocol":"json","version":1}'
            + RS
            + '{"type":1,"invocationId":"0","target":"Echo","arguments":[1]}'
            + RS
            + '{"type":1,"invocationId":"1","target":"Add","arguments":[2,3]}'
            + RS
        )
        records = [raw.recv() for _ in range(3)]
        assert records == [
            {},
            {"type": 3, "invocationId": "0", "result": 1},
            {"type": 3, "invocationId": "1", "result": 5},
        ]


def test_partial_records_are_buffered_across_frames(hub_server: ThreadedServer) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        raw.send_text('{"protocol":"js')
        raw.send_text('on","version":1}' + RS + '{"type":1,"invocationId":"7",')
        raw.send_text('"target":"Echo","arguments":["x"]}' + RS)
        assert raw.recv() == {}
        assert raw.recv() == {"type": 3, "invocationId": "7", "result": "x"}


def test_binary_frames_are_accepted_and_answered_in_text_frames(hub_server: ThreadedServer) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        raw.ws.send(('{"protocol":"json","version":1}' + RS).encode())
        assert raw.recv_frame() == "{}" + RS
        raw.ws.send(b'{"type":1,"invocationId":"b","target":"Echo","arguments":[true]}\x1e')
        assert raw.recv() == {"type": 3, "invocationId": "b", "result": True}


def test_server_to_client_records_are_whole_and_batched(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        assert raw.invoke("Join", "g1")["result"] is None
        assert raw.invoke("Broadcast", "g1", {"n": 1}) == {
            "type": 3,
            "invocationId": "1",
            "result": None,
        }
        assert raw.recv() == {"type": 1, "target": "Message", "arguments": [{"n": 1}]}
        for frame in raw.frames:
            assert isinstance(frame, str)
            assert frame.endswith(RS)


def test_exact_error_texts(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        assert raw.invoke("Nope")["error"] == (
            "Failed to invoke 'Nope' due to an error on the server. "
            "HubException: Method does not exist."
        )
        assert (
            raw.invoke("Add", 1)["error"] == "Failed to invoke 'Add' due to an error on the server."
        )
        assert raw.invoke("Guid", "not-a-guid")["error"] == (
            "Failed to invoke 'Guid' due to an error on the server."
        )
        assert raw.invoke("HubFail", "Forbidden")["error"] == (
            "An unexpected error occurred invoking 'HubFail' on the server. HubException: Forbidden"
        )
        completion = raw.invoke("Fail")
        assert completion["error"] == "An unexpected error occurred invoking 'Fail' on the server."
        assert "result" not in completion
        # Method names are matched ignoring case, as ASP.NET's dispatcher does.
        assert raw.invoke("echo", 5)["result"] == 5
        upper = "6F1C2A9E-3B7D-4C1A-9E55-0A1B2C3D4E01"
        assert raw.invoke("Guid", upper)["result"] == upper.lower()


def test_non_blocking_calls_never_get_a_reply_even_on_error(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        raw.send(
            {"type": 1, "target": "Fail", "arguments": []},
            {"type": 1, "target": "Nope", "arguments": []},
            {"type": 1, "target": "Echo", "arguments": [1]},
        )
        assert raw.invoke("Echo", "after") == {"type": 3, "invocationId": "0", "result": "after"}


def test_stream_invocation_and_cancel(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        raw.send(
            {"type": 5, "invocationId": "unknown"},
            {"type": 4, "invocationId": "s1", "target": "Echo", "arguments": [1]},
            {"type": 4, "invocationId": "s2", "target": "Nope", "arguments": []},
            {"type": 8, "sequenceId": 1},
        )
        assert raw.recv() == {
            "type": 3,
            "invocationId": "s1",
            "error": "The client attempted to invoke the non-streaming 'Echo' method "
            "with a streaming invocation.",
        }
        assert raw.recv()["error"] == (
            "Failed to invoke 'Nope' due to an error on the server. "
            "HubException: Method does not exist."
        )
        assert raw.invoke("Echo", 2)["result"] == 2


def test_message_over_32kb_closes_with_an_error(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        big = {"type": 1, "invocationId": "0", "target": "Echo", "arguments": ["x" * 33_000]}
        raw.send(big)
        assert raw.recv() == {"type": 7, "error": "Connection closed with an error."}
        with pytest.raises(ConnectionClosed) as info:
            raw.recv_frame()
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 1000


def test_message_just_under_32kb_is_fine(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        head = '{"type":1,"invocationId":"0","target":"Echo","arguments":["'
        tail = '"]}'
        filler = "y" * (32 * 1024 - 1 - len(head) - len(tail))
        raw.send_text(head + filler + tail + RS)
        assert raw.recv()["result"] == filler


def test_protocol_error_closes_with_an_error(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        raw.send_text('{"type":1,"target":5}' + RS)
        assert raw.recv() == {"type": 7, "error": "Connection closed with an error."}


def test_client_close_message_ends_the_connection(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        raw.send({"type": 7})
        with pytest.raises(ConnectionClosed):
            raw.recv_frame()


def test_websocket_status_codes(hub_server: ThreadedServer) -> None:
    with pytest.raises(InvalidStatus) as unknown:
        open_ws(hub_server, "no-such-id")
    assert unknown.value.response.status_code == 404
    assert unknown.value.response.body == b"No Connection with that ID"
    with pytest.raises(InvalidStatus) as unauthorized:
        connect(ws_url(hub_server.url, HUB, fresh_id(hub_server)), open_timeout=5, legacy=True)
    assert unauthorized.value.response.status_code == 401
    conn_id = fresh_id(hub_server)
    with open_ws(hub_server, conn_id):
        with pytest.raises(InvalidStatus) as conflict:
            open_ws(hub_server, conn_id)
        assert conflict.value.response.status_code == 409
        post = httpx.post(f"{hub_server.url}{HUB}?id={conn_id}", headers=AUTH, content=b"x")
        assert post.status_code == 405
        assert post.text == "POST requests are not allowed for WebSocket connections."
        delete = httpx.delete(f"{hub_server.url}{HUB}?id={conn_id}", headers=AUTH)
        assert delete.status_code == 400
        assert delete.text == "Cannot terminate this connection using the DELETE endpoint."


def test_access_token_query_works_for_websockets(hub_server: ThreadedServer) -> None:
    conn_id = fresh_id(hub_server)
    url = ws_url(hub_server.url, HUB, conn_id) + f"&access_token={GOOD_TOKEN}"
    with connect(url, open_timeout=5, ping_interval=None) as ws:
        ws.send('{"protocol":"json","version":1}' + RS)
        assert ws.recv(timeout=5) == "{}" + RS


def test_skip_negotiation_websocket_is_a_new_connection(hub_server: ThreadedServer) -> None:
    with open_ws(hub_server, None) as raw:
        raw.send_text('{"protocol":"json","version":1}' + RS)
        assert raw.recv_frame() == "{}" + RS
        assert isinstance(raw.invoke("GetConnectionId")["result"], str)


def test_keepalive_pings_and_client_timeout(make_server: ServerMaker) -> None:
    server = make_server(keepalive_s=0.2, client_timeout_s=0.6)
    with RawHub.open(server.url, HUB, GOOD_TOKEN) as raw:
        assert raw.recv(skip_pings=False) == {"type": 6}
        raw.send({"type": 6})  # starts the client-timeout clock, as ASP.NET does
        closing = raw.recv(5)
        assert closing == {"type": 7, "allowReconnect": True}


def test_no_client_timeout_before_the_first_client_ping(make_server: ServerMaker) -> None:
    server = make_server(keepalive_s=0.1, client_timeout_s=0.3)
    with RawHub.open(server.url, HUB, GOOD_TOKEN) as raw:
        pings = [raw.recv(skip_pings=False) for _ in range(8)]  # ~0.8 s of silence from us
        assert pings == [{"type": 6}] * 8
        assert raw.invoke("Echo", 1)["result"] == 1


def test_handshake_timeout(hub_server: ThreadedServer) -> None:
    with open_ws(hub_server, fresh_id(hub_server)) as raw:
        assert raw.recv_frame(5) == '{"error":"Handshake was canceled."}' + RS


def test_groups_vanish_when_the_connection_closes(hub_server: ThreadedServer) -> None:
    with RawHub.open(hub_server.url, HUB, GOOD_TOKEN) as raw:
        raw.invoke("Join", "vanish")
        assert len(hub_server.manager.group_members(HUB, "vanish")) == 1
        raw.invoke("Leave", "vanish")
        assert len(hub_server.manager.group_members(HUB, "vanish")) == 0
        raw.invoke("Join", "vanish")
        raw.invoke("Join", "second")
    from tests.support.helpers import wait_until

    wait_until(lambda: not hub_server.manager.group_members(HUB, "vanish"), 5)
    assert not hub_server.manager.group_members(HUB, "second")


def test_abort_drops_without_close_message_and_close_all_sends_close(
    make_server: ServerMaker,
) -> None:
    server = make_server()
    with (
        RawHub.open(server.url, HUB, GOOD_TOKEN) as one,
        RawHub.open(server.url, HUB, GOOD_TOKEN) as two,
    ):
        assert server.call(server.manager.abort_connections(HUB)) == 2
        for raw in (one, two):
            with pytest.raises(ConnectionClosed) as info:
                raw.recv_frame()
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == 1011
            assert raw.frames == ["{}" + RS]
    with RawHub.open(server.url, HUB, GOOD_TOKEN) as raw:
        server.call(server.manager.close_all())
        assert split_records(str(raw.recv_frame())) == [{"type": 7}]
        with pytest.raises(ConnectionClosed) as info:
            raw.recv_frame()
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 1000

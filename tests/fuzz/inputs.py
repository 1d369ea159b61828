"""Seeded fuzz inputs: valid samples, structurally valid-but-wrong variants, and byte mutations.

Pure ``random.Random`` (no hypothesis) so ``bench/fuzz_soak.py`` can run a million cases fast
and replay any one from ``(seed, case index)``. The hypothesis tests build their own
strategies but start from the same valid samples.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from tests.unit.core import payloads

PHO = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"


def samples() -> dict[str, Any]:
    """One valid JSON value per decoder (what the backend really sends)."""
    return {
        "decode_summary": payloads.summary(),
        "decode_detail": payloads.detail(),
        "decode_lifecycle_result": payloads.lifecycle(),
        "decode_event": payloads.event(),
        "decode_token_response": {
            "tokenType": "Bearer",
            "accessToken": "opaque-access",
            "expiresIn": 3600,
            "refreshToken": "opaque-refresh",
        },
        "decode_user_profile": {
            "userId": "9a0c0305-e82c-4f89-41d3-3f2504e03301",
            "name": "staff",
            "email": "staff.pho-hanoi@kds.example",
            "phoneNumber": None,
            "address": None,
            "lastLoginAt": "2025-09-14T10:22:10Z",
            "roles": ["User"],
            "claims": [{"type": "permission", "value": f"RestaurantStaff:{PHO}"}],
        },
        "decode_page": {
            "items": [payloads.summary()],
            "pageNumber": 1,
            "totalPages": 1,
            "totalCount": 1,
            "hasPreviousPage": False,
            "hasNextPage": False,
        },
        "decode_restaurant_info": {
            "restaurantId": PHO,
            "name": "Pho Hanoi",
            "isAcceptingOrders": True,
        },
        "decode_problem": {
            "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
            "title": "Order.InvalidOrderStatusForAccept",
            "status": 400,
            "detail": "Order cannot be accepted because it is not in 'Placed' status.",
        },
    }


WRONG_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, -(2**63), 1e308, -0.0, 0.5, "", " ", "null",
    "Placed", "placed", "PLACED", "Unknown", "\x00", "\ud7ff", "é" * 3, "9" * 400,
    "2025-13-40T99:99:99Z", "2025-09-14T10:22:10", "2025-09-14T10:22:10+25:00",
    "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "not-a-guid",
    "6f1c2a9e3b7d4c1a9e550a1b2c3d4e01", "{6F1C2A9E-3B7D-4C1A-9E55-0A1B2C3D4E01}",
    [], [None], [[]], {}, {"a": 1}, "NaN", "Infinity", "-1e400",
]  # fmt: skip


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = [prefix]
    if isinstance(obj, dict):
        for key, value in obj.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _paths(value, (*prefix, i))
    return found


def _set(obj: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = obj
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return obj


def wrong_variant(rng: random.Random, valid: Any) -> Any:
    """``valid`` with 1–3 edits: a value of the wrong type or range, a dropped or added key."""
    obj = copy.deepcopy(valid)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(obj))
        roll = rng.random()
        if roll < 0.6:
            obj = _set(obj, path, copy.deepcopy(rng.choice(WRONG_VALUES)))
        elif path and roll < 0.85:
            parent = obj
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
        else:
            target = obj
            for key in path:
                target = target[key]
            if isinstance(target, dict):
                key = rng.choice(["extra", "status", "orderId", ""])
                target[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
    return obj


def mutate(rng: random.Random, data: bytes, max_len: int = 4096) -> bytes:
    """Classic byte-level mutations (flip, insert, delete, duplicate, splice, truncate)."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        roll = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if roll == 0 and buf:
            buf[pos % len(buf)] ^= 1 << rng.randrange(8)
        elif roll == 1:
            buf[pos:pos] = bytes([rng.randrange(256)])
        elif roll == 2 and buf:
            del buf[pos : pos + rng.randint(1, 8)]
        elif roll == 3 and buf:
            chunk = buf[pos : pos + rng.randint(1, 32)]
            buf[pos:pos] = chunk
        elif roll == 4:
            buf[pos:pos] = rng.choice([b"\x1e", b'"', b"{", b"}", b"[", b"]", b",", b":", b"\\"])
        elif roll == 5:
            buf = buf[:pos]
        else:
            buf[pos:pos] = rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x00", b"1e999"])
    return bytes(buf[:max_len])


def hub_records(rng: random.Random) -> list[dict[str, Any]]:
    """Well-formed and wrong-typed SignalR JSON messages, as the client or server may get them."""
    event = payloads.event(restaurantId=PHO)
    wrong = wrong_variant(rng, event)
    candidates: list[dict[str, Any]] = [
        {"type": 1, "target": "ReceiveOrderPlaced", "arguments": [event]},
        {"type": 1, "target": "ReceiveOrderStatusChanged", "arguments": [wrong]},
        {"type": 1, "target": "SubscribeToRestaurant", "arguments": [PHO], "invocationId": "0"},
        {"type": 3, "invocationId": str(rng.randrange(5)), "error": "x HubException: Forbidden"},
        {"type": 3, "invocationId": str(rng.randrange(5)), "result": None},
        {"type": 4, "invocationId": "1", "target": "S", "arguments": []},
        {"type": 2, "invocationId": "1", "item": 1},
        {"type": 5, "invocationId": "1"},
        {"type": 6},
        {"type": 7, "error": "bye", "allowReconnect": True},
        {"type": rng.randrange(-2, 12)},
    ]  # fmt: skip
    return [wrong_variant(rng, c) if rng.random() < 0.5 else c for c in rng.sample(candidates, 3)]


def hub_frame(rng: random.Random) -> bytes:
    """One frame of 1–3 records: structurally wrong or byte-mutated about half the time, and
    carrying a hostile JSON value (see ``hostile_token``) in about a quarter of them."""
    records = hub_records(rng)
    if rng.random() < 0.25:
        text = b"".join(hostile_json(rng, r) + b"\x1e" for r in records)
    else:
        text = "".join(json.dumps(r) + "\x1e" for r in records).encode()
    return mutate(rng, text) if rng.random() < 0.5 else text


# ------------------------------------------------------------------ hostile JSON
# What System.Text.Json refuses and Python's json module does not (issue 19): nesting past 64,
# the NaN/Infinity literals, numbers no decimal(18,2) stores, lone surrogates, invalid UTF-8.
HOSTILE_FIXED: list[bytes] = [
    b"NaN", b"Infinity", b"-Infinity", b"1e308", b"-1e308", b"1e400", b"1e20", b"1e16", b"-1e16",
    b"10000000000000000", b"1E+16", b'"\\ud800"', b'"\\udfff"', b'{"\\ud800":1}',
    b'"\xff"', b'"\xed\xa0\x80"', b"[" * 65 + b"]" * 65, b"[" * 1000 + b"]" * 1000,
]  # fmt: skip


def hostile_token(rng: random.Random) -> bytes:
    """One raw JSON value that a System.Text.Json binder refuses, fixed or randomly built."""
    roll = rng.randrange(6)
    if roll == 0:
        return rng.choice(HOSTILE_FIXED)
    if roll == 1:  # nested arrays and objects, 65 to a few thousand deep
        depth = rng.choice([65, 66, 100, 1000, rng.randint(65, 2000)])
        opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}"), (b'[{"a":', b"}]")])
        return opener * depth + b"1" + closer * depth
    if roll == 2:  # an integer of 17 or more digits
        digits = str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=rng.randint(16, 60)))
        return (rng.choice(["", "-"]) + digits).encode()
    if roll == 3:  # a float of magnitude 10^16 or more
        return f"{rng.choice(['', '-'])}{rng.uniform(1, 9.99):.2f}e{rng.randint(16, 400)}".encode()
    if roll == 4:  # a lone surrogate escape, in a string value or a key
        escape = f"\\u{rng.randint(0xD800, 0xDFFF):04x}".encode()
        text = b'"ab' + escape + b'cd"'
        return b"{" + text + b":1}" if rng.random() < 0.3 else text
    return rng.choice([b"NaN", b"Infinity", b"-Infinity"])


def hostile_json(rng: random.Random, valid: Any) -> bytes:
    """``valid`` as bytes with 1–3 of its values replaced by hostile tokens (a scalar or an empty
    container, having no values, becomes one token)."""
    obj = copy.deepcopy(valid)
    if not [p for p in _paths(obj) if p]:
        return hostile_token(rng)
    marks: dict[bytes, bytes] = {}
    for i in range(rng.randint(1, 3)):  # paths again each time: a mark may replace a subtree
        mark = f"\x00hostile{i}\x00"
        obj = _set(obj, rng.choice([p for p in _paths(obj) if p]), mark)
        marks[json.dumps(mark).encode()] = hostile_token(rng)
    data = json.dumps(obj).encode()
    for mark, token in marks.items():
        data = data.replace(mark, token)
    return data  # the last mark set is always there: nothing can overwrite it


def rest_body() -> dict[str, Any]:
    """A body carrying the fields of every REST command (contract 2.2, 4.1a, 4.2, 10, B3)."""
    return {
        "email": "staff.pho-hanoi@kds.example",
        "password": "not-the-password",
        "refreshToken": "opaque",
        "restaurantId": PHO,
        "customerId": PHO,
        "estimatedDeliveryTime": "2030-01-01T12:00:00Z",
        "reason": "fuzz",
        "items": [{"menuItemId": PHO, "quantity": 1, "customizations": []}],
        "deliveryAddress": {"street": "1", "city": "Hanoi", "country": "VN"},
        "paymentMethod": "cashondelivery",
        "tipAmount": 1.5,
        "isAvailable": True,
        "isAcceptingOrders": True,
        "succeeded": True,
        "count": 1,
    }


def handshake_stream(rng: random.Random) -> list[bytes]:
    """A server-side connection stream: a handshake then records, split at random points."""
    hello = {"protocol": "json", "version": 1}
    if rng.random() < 0.5:
        hello = wrong_variant(rng, hello)
    data = (json.dumps(hello) + "\x1e").encode() + hub_frame(rng)
    if rng.random() < 0.3:
        data = mutate(rng, data)
    cuts = sorted(rng.randrange(len(data) + 1) for _ in range(rng.randint(0, 3)))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]

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
    """One frame of 1–3 records, structurally wrong or byte-mutated about half the time."""
    text = "".join(json.dumps(r) + "\x1e" for r in hub_records(rng)).encode()
    return mutate(rng, text) if rng.random() < 0.5 else text


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

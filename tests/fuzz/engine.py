"""A seeded fuzz loop over every target (the soak's engine; a CI test runs a slice of it).

Case ``i`` of seed ``s`` is generated from ``random.Random(f"{s}:{i}")``, so any escape is
replayed on its own with ``run_case(seed, i)``.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field

from tests.fuzz import inputs, targets

_NAMES = sorted(targets.DECODERS)
_SAMPLES = inputs.samples()
KINDS = ("dto_wrong", "dto_bytes", "client_frame", "server_stream", "server_record", "server_body")
_REST_BODY = inputs.rest_body()


@dataclass
class FuzzResult:
    cases: int = 0
    per_kind: Counter[str] = field(default_factory=Counter)
    escaped: list[tuple[int, str]] = field(default_factory=list)  # (case index, message)


def run_case(seed: int, index: int) -> str:
    """Run case ``index`` of ``seed``; returns its kind, raises ``targets.Escaped``."""
    rng = random.Random(f"{seed}:{index}")
    kind = KINDS[index % len(KINDS)]
    if kind == "dto_wrong":
        name = rng.choice(_NAMES)
        targets.dto(name, inputs.wrong_variant(rng, _SAMPLES[name]))
    elif kind == "dto_bytes":
        name = rng.choice(_NAMES)
        targets.dto_bytes(name, inputs.mutate(rng, json.dumps(_SAMPLES[name]).encode()))
    elif kind == "client_frame":
        targets.client_frame_bytes(inputs.hub_frame(rng))
    elif kind == "server_stream":
        targets.server_records(inputs.handshake_stream(rng))
    elif kind == "server_record":
        frame = inputs.hub_frame(rng)
        targets.server_message(frame.split(b"\x1e", 1)[0])
    elif rng.random() < 0.7:
        targets.server_body(inputs.hostile_json(rng, _REST_BODY), hostile=True)
    else:
        targets.server_body(inputs.mutate(rng, json.dumps(_REST_BODY).encode()), hostile=False)
    return kind


def run_cases(seed: int, count: int, start: int = 0, max_escapes: int = 20) -> FuzzResult:
    result = FuzzResult()
    for index in range(start, start + count):
        try:
            result.per_kind[run_case(seed, index)] += 1
        except targets.Escaped as exc:
            result.per_kind[KINDS[index % len(KINDS)]] += 1
            if len(result.escaped) < max_escapes:
                result.escaped.append((index, str(exc)))
            else:
                result.escaped.append((index, ""))
        result.cases += 1
    return result

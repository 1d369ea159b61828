"""Coverage-guided fuzzing of the same targets with atheris (libFuzzer), in its own process.

Optional: atheris is not a project dependency (it ships a CPython 3.11 manylinux wheel, so
``pip install atheris`` works on x86-64 Linux without a compiler). ``bench/fuzz_soak.py
--engine atheris`` runs this as ``python -m tests.fuzz.atheris_child --runs N --seed S`` and
reads libFuzzer's summary; libFuzzer exits the process itself, non-zero on the first escape.

The first input byte picks the target (DTO decoder bodies, client hub frames, server record
streams, single server records); the corpus starts from the valid samples.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["kds"]):
    from tests.fuzz import inputs, targets

NAMES = sorted(targets.DECODERS)
KINDS = 4


def one_input(data: bytes) -> None:
    if not data:
        return
    selector, body = data[0], data[1:]
    kind = selector % KINDS
    if kind == 0:
        targets.dto_bytes(NAMES[(selector // KINDS) % len(NAMES)], body)
    elif kind == 1:
        targets.client_frame_bytes(body)
    elif kind == 2:
        cut = (selector // KINDS) * len(body) // 64  # split the stream somewhere
        targets.server_records([body[:cut], body[cut:]])
    else:
        targets.server_message(body)


def seed_corpus(directory: Path) -> None:
    samples = inputs.samples()
    for i, name in enumerate(NAMES):
        body = json.dumps(samples[name]).encode()
        (directory / f"dto-{name}").write_bytes(bytes([i * KINDS]) + body)
    event = {"type": 1, "target": "ReceiveOrderPlaced", "arguments": [samples["decode_event"]]}
    frame = (json.dumps(event) + "\x1e").encode()
    hello = b'{"protocol":"json","version":1}\x1e'
    (directory / "client-frame").write_bytes(bytes([1]) + frame)
    (directory / "server-stream").write_bytes(bytes([2 + KINDS * 20]) + hello + frame)
    (directory / "server-record").write_bytes(bytes([3]) + frame[:-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    corpus = Path(tempfile.mkdtemp(prefix="kds-atheris-"))
    seed_corpus(corpus)
    argv = [sys.argv[0], f"-runs={args.runs}", f"-seed={args.seed}", "-max_len=4096"]
    atheris.Setup([*argv, str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

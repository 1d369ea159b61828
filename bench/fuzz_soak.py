"""Fuzz soak: a million seeded cases through every decoding path; only typed errors may escape.

The same targets and generators as ``tests/fuzz`` (CI runs ~10k hypothesis cases + a 1,000-case
slice of this loop): DTO decoders with wrong-typed fields and mutated bodies, the client's hub
frame path (signalrcore parser → our record guard → HubClient → Board), and the server's record
buffer / handshake / message parser. Cases are split over worker processes (one per core); any
escape is printed with its ``(seed, index)`` and replays alone with
``python -c "from tests.fuzz.engine import run_case; run_case(SEED, INDEX)"``.

    .venv/bin/python bench/fuzz_soak.py                     # 1,000,000 cases, seed 1
    .venv/bin/python bench/fuzz_soak.py --cases 50000 --seed 7 --workers 1
    .venv/bin/python bench/fuzz_soak.py --engine atheris    # coverage-guided, needs atheris

``--engine atheris`` runs the same targets under atheris/libFuzzer (``tests/fuzz/atheris_child
.py``, one process, instrumented ``kds``) and adds ``atheris_*`` keys to the same JSON file.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, now_iso, results_path  # noqa: E402

from tests.fuzz.engine import FuzzResult, run_cases  # noqa: E402

RESULTS = results_path("fuzz_soak")


def _slice(args: tuple[int, int, int]) -> FuzzResult:
    seed, start, count = args
    logging.disable(logging.WARNING)  # one "skipping a malformed hub message" per bad record
    return run_cases(seed, count, start=start)


def run_atheris(cases: int, seed: int) -> dict[str, object]:
    """Run the atheris child and read libFuzzer's summary (it stops at the first escape)."""
    cmd = [sys.executable, "-m", "tests.fuzz.atheris_child", "--runs", str(cases)]
    cmd += ["--seed", str(seed)]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    duration = time.perf_counter() - started
    runs = re.search(r"^Done (\d+) runs", done.stderr, re.MULTILINE)
    edges = re.findall(r"cov: (\d+)", done.stderr)
    if done.returncode != 0:
        print(done.stderr[-3000:])
    return {
        "atheris_cases": int(runs.group(1)) if runs else 0,
        "atheris_escaped_errors": 0 if done.returncode == 0 else 1,
        "atheris_duration_s": round(duration, 1),
        "atheris_edges": int(edges[-1]) if edges else 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON file")
    parser.add_argument("--engine", choices=("seeded", "atheris"), default="seeded")
    args = parser.parse_args(argv)
    if args.engine == "atheris":
        found = run_atheris(args.cases, args.seed)
        for key, value in found.items():
            print(f"{key:<24}{value}")
        if not args.no_write:
            merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
            merged.update(found, at=now_iso())
            RESULTS.write_text(json.dumps(merged, indent=2) + "\n")
        return 1 if found["atheris_escaped_errors"] else 0

    chunk = 20_000
    slices = [(args.seed, s, min(chunk, args.cases - s)) for s in range(0, args.cases, chunk)]
    started = time.perf_counter()
    total = FuzzResult()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for part in pool.map(_slice, slices):
            total.cases += part.cases
            total.per_kind.update(part.per_kind)
            total.escaped += part.escaped
    duration = time.perf_counter() - started

    print(f"{'target':<16}{'cases':>12}")
    for kind, count in sorted(total.per_kind.items()):
        print(f"{kind:<16}{count:>12,}")
    print(
        f"{'total':<16}{total.cases:>12,}   in {duration:.1f} s ({total.cases / duration:,.0f}/s)"
    )
    print(f"escaped errors: {len(total.escaped)}")
    for index, message in total.escaped[:20]:
        print(f"  seed {args.seed} case {index}: {message}")

    result = {
        "cases": total.cases,
        "escaped_errors": len(total.escaped),
        "duration_s": round(duration, 1),
        "cases_per_s": round(total.cases / duration),
        "seed": args.seed,
        "machine": machine(),
        "at": now_iso(),
    }
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return 1 if total.escaped else 0


if __name__ == "__main__":
    sys.exit(main())

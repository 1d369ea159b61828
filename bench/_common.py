"""Shared bench helpers: machine line, timestamp, percentile and the results JSON in one place.

Every benchmark writes a flat JSON object with ``machine`` and ``at``; keeping the format here
means the files agree and ``run_all.py`` can redirect them (``KDS_BENCH_RESULTS_DIR``) so a
``--quick`` run never overwrites the committed full-run figures.
"""

from __future__ import annotations

import json
import math
import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_ENV = "KDS_BENCH_RESULTS_DIR"


def machine() -> str:
    """The machine line every result carries (figures are only comparable on the same box)."""
    impl = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{platform.platform()} {platform.machine()} {os.cpu_count()} cpus, {impl}"


def now_iso() -> str:
    """UTC timestamp, seconds precision."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile, ``q`` in [0, 1]; NaN for no samples (shown, never hidden)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))
    return float(ordered[rank])


def results_dir() -> Path:
    """``bench/results`` unless ``KDS_BENCH_RESULTS_DIR`` points elsewhere (run_all --quick)."""
    override = os.environ.get(RESULTS_ENV)
    return Path(override) if override else ROOT / "bench" / "results"


def results_path(script: str) -> Path:
    """Where ``bench/<script>.py`` writes its figures."""
    return results_dir() / f"{script}.json"


def write_results(script: str, figures: dict[str, Any]) -> Path:
    """Add ``machine``/``at`` and write the flat JSON object; returns the path written."""
    path = results_path(script)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = {**figures, "machine": machine(), "at": now_iso()}
    path.write_text(json.dumps(out, indent=2) + "\n")
    return path

"""CI runs the benchmark suite in its quick form: it must finish and write valid figures.

No timing is asserted here (the machines are shared and noisy); the figures are for people.
What is checked is that every benchmark ran, that the merged JSON is a flat object of finite
numbers with ``machine`` and ``at``, that every table row found its figure, and that a quick
run leaves the committed full-run results alone.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
SCRIPTS = ("board_apply", "server_rest", "session", "hub_latency", "server_fanout", "ui_latency",
           "shift_soak", "board_density", "menu_scale", "offline", "hostile_ticket")  # fmt: skip


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in RESULTS.glob("*")}


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_quick_run_all_completes_and_writes_valid_json(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    before = _digests()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = json.loads(out.read_text())
    assert isinstance(data, dict)
    assert isinstance(data.pop("machine"), str)
    assert isinstance(data.pop("at"), str)
    for key, value in data.items():
        assert isinstance(value, int | float), key
        assert math.isfinite(value), key
    for script in SCRIPTS:
        assert any(k.startswith(f"{script}__") for k in data), f"{script} wrote no figures"

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run_all
    finally:
        sys.path.remove(str(ROOT / "bench"))
    merged = {k.replace("__", ".", 1): v for k, v in data.items()}
    missing = [row.value for row in run_all.ROWS if row.value not in merged]
    missing += [row.anchor for row in run_all.ROWS if row.anchor and row.anchor not in merged]
    assert not missing, f"table rows without their figure: {missing}"
    assert "value" in proc.stdout  # the table was printed
    assert _digests() == before, "a quick run must not overwrite bench/results"


def test_only_a_full_run_writes_the_committed_latest_json_by_default() -> None:
    """Issue 15: ``--quick`` wrote its tiny-size figures over ``bench/results/latest.json``."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run_all
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert run_all.default_out(quick=False) == RESULTS / "latest.json"
    assert RESULTS not in run_all.default_out(quick=True).parents

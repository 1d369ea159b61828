"""Run every benchmark and print one table: each figure beside its anchor from the same run.

Absolute times on a shared 2-core box are noisy, so each headline figure is paired with an
anchor measured in the same run (a 60 Hz frame, the official JS client, the naive client, the
retry delay, the start of the soak) and shown as a ratio. Each benchmark still runs alone; this
script runs them as subprocesses and reads their JSON. ``--quick`` (what CI runs) uses tiny
sizes and writes the per-script JSON to a temporary directory, so it never overwrites the
committed full-run figures; a full run writes ``latest.json``, a quick one a file in the temp
directory (or ``--out`` for either).

    .venv/bin/python bench/run_all.py            # full run, tens of minutes
    .venv/bin/python bench/run_all.py --quick    # < 1 minute, smoke
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import RESULTS_ENV, machine, now_iso  # noqa: E402

FRAME_60HZ_MS = 1000 / 60

# script -> (full-run args, quick-run args). Quick sizes are tiny on purpose: CI gives the whole
# quick run about a minute on a loaded 2-core box; the full run is for people.
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "board_apply": ([], ["--events", "20000"]),
    "server_rest": ([], ["--quick"]),
    "session": ([], ["--quick"]),
    "hub_latency": ([], ["--orders", "40", "--burst", "300", "--ladder", "1000"]),
    "server_fanout": ([], ["--quick"]),
    "ui_latency": ([], ["--quick"]),
    "shift_soak": ([], ["--quick"]),
    "board_density": ([], ["--quick"]),
    "menu_scale": ([], ["--quick"]),
    "offline": ([], ["--quick"]),
    "hostile_ticket": ([], ["--quick"]),
    "allergy_scan": ([], ["--quick"]),
}


@dataclass(frozen=True)
class Row:
    """One table row: the figure, its anchor (both keys into the merged results) and the goal."""

    measure: str
    value: str
    anchor: str | None  # a results key, or None when the anchor is a constant
    goal: str
    anchor_const: float | None = None


ROWS = [
    Row(
        "hub event → ticket painted p99, 0 tickets (ms)",
        "ui_latency.hub_to_paint_p99_0_ms",
        None,
        "≤ 16 ms",
        FRAME_60HZ_MS,
    ),
    Row(
        "hub event → ticket painted p99, 300 tickets (ms)",
        "ui_latency.hub_to_paint_p99_300_ms",
        None,
        "≤ 16 ms",
        FRAME_60HZ_MS,
    ),
    # The ratio to the JS client is measured per round (all clients on the same events, the
    # fan-out order rotated); the row shows the median of the rounds' ratios (anchor 1.0).
    Row(
        "hub event → board model p99 ÷ JS p99 (×, median)",
        "hub_latency.board_model_vs_js_p99_ratio_median_x",
        None,
        "≤ 1.2× JS",
        1.0,
    ),
    Row(
        "hub event → HubClient p99 ÷ JS p99 (×, median)",
        "hub_latency.hubclient_vs_js_p99_ratio_median_x",
        None,
        "≤ 1.2× JS",
        1.0,
    ),
    Row(
        "sustained events, no backlog (/s)",
        "hub_latency.sustained_events_per_s",
        "hub_latency.raw_signalrcore_sustained_events_per_s",
        "≥ 2,000/s, ≥ 0.8× raw",
    ),
    Row(
        "cold start → headers, 300 orders (s)",
        "session.cold_start_headers_s_300",
        "session.naive_details_s_300",
        "≤ 1 s",
    ),
    Row(
        "cold start → details, 300 orders (s)",
        "session.cold_start_details_s_300",
        "session.naive_details_s_300",
        "≤ 2 s",
    ),
    Row(
        "cold start → details, 20 ms per GET (s)",
        "session.cold_start_details_rtt20ms_300_s",
        "session.naive_details_rtt20ms_300_s",
        "< naive",
    ),
    Row(
        "server restart → converged (s)",
        "session.restart_converged_s",
        "session.restart_retry_delay_s",
        "≤ 1 s + delay",
    ),
    Row(
        "shift soak RSS growth after warm-up (MB)",
        "shift_soak.rss_growth_mb",
        None,
        "≤ 10 MB",
        10.0,
    ),
    Row(
        "shift soak hub → painted p99, last 10 % (ms)",
        "shift_soak.paint_p99_last_tenth_ms",
        "shift_soak.paint_p99_first_tenth_ms",
        "unchanged (≈ 1×)",
    ),
    Row(
        "fan-out p99, 500 connections (ms)",
        "server_fanout.fanout_p99_ms_500_conn",
        "server_fanout.js_client_p99_ms_500_conn",
        "≤ 50 ms",
    ),
    Row(
        "fan-out messages out, 500 connections (/s)",
        "server_fanout.messages_out_per_s_500_conn",
        None,
        "≥ 20,000/s",
        20000.0,
    ),
    Row("board apply (events/s)", "board_apply.events_per_s", None, "≥ 200,000/s", 200000.0),
    Row(
        "REST lifecycle p99 (ms)",
        "server_rest.lifecycle_p99_ms",
        "server_rest.lifecycle_p50_ms",
        "headline",
    ),
    # The decode runs on the calls worker (never the Qt thread); its anchor is parsing the
    # same JSON, measured in the same run.
    Row(
        "2,000-item menu decode, worker (ms)",
        "menu_scale.decode_ms",
        "menu_scale.json_parse_ms",
        "≤ 100 ms, off the Qt thread",
    ),
    # A new menu re-renders every open ticket's lines on the Qt thread: once per real menu
    # change (a 304 changes nothing); anchored on the 12-item rush menu on the same board.
    Row(
        "new 2,000-item menu, 300-order board (ms)",
        "menu_scale.menu_change_board_ms",
        "menu_scale.menu_change_board_ms_anchor",
        "≤ 1.5× a 12-item menu",
    ),
    # Issue 18. A restart with the server down: the saved board read, decoded and put on a new
    # model with its menu (what is paid before the board can be drawn), anchored on parsing
    # the same file's JSON. (--quick: a 60-order board.)
    Row(
        "saved board restored, 300 orders (s)",
        "offline.restore_board_s",
        "offline.board_json_parse_s",
        "≤ 1 s",
    ),
    # From the first snapshot after the server is back (its reconnect delay is not counted:
    # offline.hub_back_to_synced_s) until nothing is held; anchored on the same 100 steps
    # taken online.
    Row(
        "100 held steps replayed after fresh truth (s)",
        "offline.replay_s_100_taps",
        "offline.online_s_100_taps",
        "≤ 2 s",
    ),
    # Issue 19. One card for a hostile server's order (10,000 lines, a 1 MB note) built and
    # painted on the Qt thread, cut to the contract's caps; anchored on a 5-line ticket's card.
    Row(
        "hostile ticket built + painted, median (ms)",
        "hostile_ticket.worst_ticket_build_ms",
        "hostile_ticket.ordinary_ticket_build_ms",
        "≤ 16 ms",
    ),
    # Issue 20. The allergy scan reads Vietnamese (with and without diacritics) as well as
    # English; anchored on the English-only regex it replaced, over the same notes.
    Row(
        "allergy scan per note, English + Vietnamese (µs)",
        "allergy_scan.scan_us_per_note",
        "allergy_scan.english_regex_us_per_note",
        "≤ 2× the English-only scan",
    ),
]


def run_bench(script: str, args: list[str], results: Path, timeout_s: float) -> dict[str, Any]:
    """Run ``bench/<script>.py`` and return its JSON figures (raises on failure)."""
    env = {**os.environ, RESULTS_ENV: str(results), "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, str(ROOT / "bench" / f"{script}.py"), *args]
    started = time.monotonic()
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s, check=False
    )
    took = time.monotonic() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"{script} failed with exit code {proc.returncode}")
    print(f"  {script:14} {took:7.1f} s", flush=True)
    data = json.loads((results / f"{script}.json").read_text())
    if not isinstance(data, dict):
        raise SystemExit(f"{script} wrote no JSON object")
    return data


def _num(merged: dict[str, Any], key: str | None) -> float:
    if key is None or key not in merged:
        return math.nan
    value = merged[key]
    return float(value) if isinstance(value, int | float) else math.nan


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def table(merged: dict[str, Any]) -> tuple[list[str], dict[str, float]]:
    """The printed lines and the headline figures (value, anchor, ratio per row) for JSON."""
    lines = [f"{'measure':46} {'value':>10} {'anchor':>10} {'ratio':>7}  goal"]
    figures: dict[str, float] = {}
    for row in ROWS:
        value = _num(merged, row.value)
        anchor = row.anchor_const if row.anchor is None else _num(merged, row.anchor)
        anchor = math.nan if anchor is None else anchor
        ratio = value / anchor if anchor and not math.isnan(anchor) else math.nan
        lines.append(
            f"{row.measure:46} {_fmt(value):>10} {_fmt(anchor):>10} {_fmt(ratio):>7}  {row.goal}"
        )
        stem = row.value.replace(".", "__")
        if not math.isnan(ratio):
            figures[f"{stem}__vs_anchor_ratio"] = round(ratio, 3)
    return lines, figures


def default_out(quick: bool) -> Path:
    """Where the merged JSON goes without ``--out``: the committed ``bench/results/latest.json``
    for a full run only — a quick run's tiny sizes must never replace the full-run figures."""
    if quick:
        return Path(tempfile.gettempdir()) / "kds-bench-quick-latest.json"
    return ROOT / "bench" / "results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (CI smoke, < 1 min)")
    parser.add_argument(
        "--out", type=Path, help="the merged JSON (default: see default_out)", default=None
    )
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args(argv)
    names = args.only or list(BENCHES)
    merged: dict[str, Any] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kds-bench-all-") as tmp:
        results = Path(tmp) if args.quick else ROOT / "bench" / "results"
        print(f"run_all ({'quick' if args.quick else 'full'}): {', '.join(names)}", flush=True)
        for name in names:
            full, quick = BENCHES[name]
            # Generous: a loaded box must not turn a slow run into a failure; a hang still ends.
            timeout = 600.0 if args.quick else 7200.0
            data = run_bench(name, quick if args.quick else full, results, timeout)
            for key, value in data.items():
                if key not in ("machine", "at") and isinstance(value, int | float):
                    merged[f"{name}__{key}"] = value
    lines, ratios = table({k.replace("__", ".", 1): v for k, v in merged.items()})
    print("\n" + "\n".join(lines))
    out: dict[str, Any] = {**merged, **ratios}
    out["run_all_duration_s"] = round(time.monotonic() - started, 1)
    out["machine"] = machine()
    out["at"] = now_iso()
    path = args.out or default_out(args.quick)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

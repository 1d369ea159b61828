"""The convergence checker: every session's board against the server's truth, and the alerts.

Pure functions over plain data, so the checker itself is unit-tested with boards that are
wrong on purpose (``test_checker.py``).

Rules (issue 11, DESIGN.md consistency rules):
- lost: an open order of the truth that a session does not show (or shows with another status
  or, once its detail is in, another ``lastUpdateTimestamp``);
- phantom: an order a session shows that is not open on the server;
- regression: a session showed an order going back in status (Accepted → Placed);
- alerts: exactly once per order first seen as Placed; nothing else alerts; every order still
  Placed at the end alerted (a missed order never arrives silently).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = tuple[str, str, Any]  # (order id, status, lastUpdateTimestamp or None before the detail)


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    phantom: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # shown, but status/timestamp differ
    duplicate_alerts: list[str] = field(default_factory=list)
    missed_alerts: list[str] = field(default_factory=list)
    unexpected_alerts: list[str] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.phantom
            or self.wrong
            or self.duplicate_alerts
            or self.missed_alerts
            or self.unexpected_alerts
            or self.regressions
        )

    def merge(self, other: Verdict, prefix: str) -> None:
        for name in vars(self):
            getattr(self, name).extend(f"{prefix}:{x}" for x in getattr(other, name))

    def summary(self) -> str:
        parts = [f"{name}={len(v)} {v[:3]}" for name, v in vars(self).items() if v]
        return "; ".join(parts) or "ok"


def board_matches(board: list[Row], truth: list[Row]) -> bool:
    """Converged: the same open orders, in the same order, with the same statuses and times."""
    return board == truth


def compare_board(board: list[Row], truth: list[Row]) -> Verdict:
    verdict = Verdict()
    mine = {oid: (status, ts) for oid, status, ts in board}
    real = {oid: (status, ts) for oid, status, ts in truth}
    verdict.lost = sorted(set(real) - set(mine))
    verdict.phantom = sorted(set(mine) - set(real))
    verdict.wrong = sorted(
        f"{oid} shows {mine[oid][0]}@{mine[oid][1]} not {real[oid][0]}@{real[oid][1]}"
        for oid in set(mine) & set(real)
        if mine[oid] != real[oid]
    )
    if not (verdict.lost or verdict.phantom or verdict.wrong) and board != truth:
        verdict.wrong.append("same orders, different order on the board")
    return verdict


def check_alerts(
    alerts: Iterable[str], first_status: Mapping[str, str], still_placed: Iterable[str]
) -> Verdict:
    verdict = Verdict()
    counts = Counter(alerts)
    verdict.duplicate_alerts = sorted(oid for oid, n in counts.items() if n > 1)
    first_placed = {oid for oid, status in first_status.items() if status == "Placed"}
    verdict.unexpected_alerts = sorted(set(counts) - first_placed)
    verdict.missed_alerts = sorted((first_placed | set(still_placed)) - set(counts))
    return verdict


def check_session(
    board: list[Row],
    truth: list[Row],
    alerts: Iterable[str],
    first_status: Mapping[str, str],
    regressions: Iterable[tuple[str, str, str]],
) -> Verdict:
    verdict = compare_board(board, truth)
    alert_verdict = check_alerts(
        alerts, first_status, [oid for oid, status, _ in truth if status == "Placed"]
    )
    verdict.duplicate_alerts = alert_verdict.duplicate_alerts
    verdict.missed_alerts = alert_verdict.missed_alerts
    verdict.unexpected_alerts = alert_verdict.unexpected_alerts
    verdict.regressions = [f"{oid} {a}->{b}" for oid, a, b in regressions]
    return verdict

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
- taps (issue 18), counted at the server (each order's transitions, its outbox rows): every
  cook's tap ends exactly once; one that ended "sent" or "applied" shows as exactly one
  transition of its kind; one dropped or refused was told to a person (a notice naming the
  order, or the failure on its ticket); no order changes the same way twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

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
    unsettled_taps: list[str] = field(default_factory=list)  # never ended: silently lost
    twice_settled_taps: list[str] = field(default_factory=list)
    unapplied_taps: list[str] = field(default_factory=list)  # "sent"/"applied", not at server
    silent_drops: list[str] = field(default_factory=list)  # dropped/refused, nobody told
    twice_applied: list[str] = field(default_factory=list)  # an order changed the same way twice

    @property
    def ok(self) -> bool:
        return not any(getattr(self, name) for name in vars(self))

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


EVENT_OF_ACTION = {
    "accept": "OrderAccepted",
    "reject": "OrderRejected",
    "start_preparing": "OrderPreparing",
    "mark_ready": "OrderReadyForDelivery",
    "hand_over": "OrderDelivered",
    "cancel": "OrderCancelled",
}
"""A step (`kds.core.actions.Action` value) → the event the server records when it applies."""

REACHED = ("sent", "applied")
TOLD = ("dropped", "refused")


class TapLike(Protocol):
    @property
    def step_id(self) -> str: ...
    @property
    def order_id(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def label(self) -> str: ...


class LedgerLike(Protocol):
    @property
    def taps(self) -> Sequence[TapLike]: ...
    @property
    def fates(self) -> Mapping[str, Sequence[str]]: ...
    @property
    def notices(self) -> Sequence[str]: ...
    @property
    def failures(self) -> Sequence[tuple[str, str, str]]: ...


def check_taps(ledger: LedgerLike, events: Mapping[str, Sequence[str]]) -> Verdict:
    """Every tap against its order's transitions at the server (``events``: order → event
    types, oldest first) and what the terminals told a person."""
    verdict = Verdict()
    for order_id, kinds in events.items():
        counts = Counter(kinds)
        verdict.twice_applied += sorted(f"{order_id} {k}x{n}" for k, n in counts.items() if n > 1)
    for tap in ledger.taps:
        fates = list(ledger.fates.get(tap.step_id, ()))
        what = f"{tap.label} {tap.action}"
        if not fates:
            verdict.unsettled_taps.append(what)
            continue
        if len(fates) > 1:
            verdict.twice_settled_taps.append(f"{what} {fates}")
        fate = fates[0]
        if fate in REACHED:
            done = Counter(events.get(tap.order_id, ()))[EVENT_OF_ACTION[tap.action]]
            if done != 1:
                verdict.unapplied_taps.append(f"{what} {fate} but {done} at the server")
        elif fate in TOLD:
            told = any(tap.label in text for text in ledger.notices) or any(
                order == tap.order_id and action == tap.action
                for order, action, _ in ledger.failures
            )
            if not told:
                verdict.silent_drops.append(f"{what} {fate}")
    return verdict

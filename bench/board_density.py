"""Board density on the rush scene: what a cook sees and taps at once, and how fast a burst shows.

Issue 16 replaces the board's layout; these figures are taken on the fixed rush scene
(`tests.support.rush_scene`: 30 open orders, 20 of them New) so the old and the new layout are
compared on the same board. Everything is asked of the layout through `BoardView.parts_of` (the
widgets showing a ticket's number, its lines and its primary step) and
`BoardView.offscreen_indicator`, so the same code measures any layout that answers them.

On the real `BoardPage` over a local showcase session (as `scripts/screenshots.py` builds it),
at each window size with the text scale `kds.ui.main.scale_for_size` gives it, styled as `kds`
styles it (dark theme), shown offscreen and laid out:

- ``visible_tickets_<size>``: rush tickets a cook can read and move on without touching the
  screen: every number and line widget and the primary step button shown and lying wholly
  inside the window, cut by no ancestor (a lane's scroll viewport, a column, the window).
- ``visible_tickets_menu_<size>`` (issue 17): the same, with the scene's menu placing the lines
  (`tests.support.rush_scene.rush_menu`): category headings on tickets that span categories,
  allergen and dietary tags after the names. What a kitchen whose menu loaded sees.
- ``item_text_px_<size>``: the rendered height of item text, ``QFontMetrics(font).height()`` of
  the oldest ticket's first line widget: ascent + descent of the font the lines are drawn in.
- ``taps_to_clear_rush`` and ``scrolls_to_clear_rush`` (1280×800): every order taken to handed
  over through the screen. Each round taps (``QTest.mouseClick``) the primary step of the oldest
  order whose step button can be tapped (its centre on screen); the Accept dialog's ETA preset
  is a tap too. A step that waits out an undo window (`BoardPage.steps`) is let go when the
  window ends, which is time passing, not a tap. The session applies each step to the board at
  once. When no step can be
  tapped, one scroll gesture: `BoardView.next_page()` if the layout has pages, else one page
  of the scroll area holding the oldest order, towards its step button.

On the real stack (`_live_board`: kds-server, `Session` over REST + SignalR, `BoardPage` at
1920×1080), with the 30 rush orders on the board in their statuses, 40 new orders are placed
within 2 s (one every 50 ms), five such bursts (one with ``--quick``):

- ``burst_hub_to_paint_p99_ms``: each order's first hub event reaching the client → the board
  painted with that order counted: the end of the first paint of its ticket's widgets
  (`parts_of`) if any of them is on screen, else the end of the first paint, after the order
  joined the view, of the widget that counts it (`offscreen_indicator`; without one, the title
  of its lane, whose "New (N)" counts it).
- ``burst_last_painted_ms``: the burst's last hub event → every order of it painted so (the
  median over the bursts).

``--label before`` writes every figure as ``<key>_before`` and keeps the other keys of
``bench/results/board_density.json``; a plain run writes plain keys and keeps the labelled ones.
No figure here is asserted anywhere: they are for people comparing layouts.

    .venv/bin/python bench/board_density.py                  # 5 bursts
    .venv/bin/python bench/board_density.py --quick          # 1 burst
    .venv/bin/python bench/board_density.py --label before   # the current layout's figures
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import keyring  # noqa: E402
from _common import machine, now_iso, percentile, results_path, write_results  # noqa: E402
from _live_board import LiveBoard, PaintProbe, start_server, wait  # noqa: E402
from PySide6.QtCore import QEvent, QRect, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget  # noqa: E402
from screenshots import ShowcaseSession, fill_rush, showcase_page  # noqa: E402

from kds.app import i18n  # noqa: E402
from kds.app.memory_keyring import MemoryKeyring  # noqa: E402
from kds.core.actions import ActionRequest  # noqa: E402
from kds.core.changes import Change, OrderAdded  # noqa: E402
from kds.core.lanes import LANE_OF_STATUS  # noqa: E402
from kds.core.orders import OrderStatus  # noqa: E402
from kds.ui.board_page import BoardPage  # noqa: E402
from kds.ui.board_view import BoardView, TicketParts  # noqa: E402
from kds.ui.dialogs import AcceptDialog  # noqa: E402
from kds.ui.theme import DARK  # noqa: E402
from tests.support.rush_scene import RUSH_ORDERS, RushOrder, rush_menu, rush_orders  # noqa: E402
from tests.support.sample_orders import set_status  # noqa: E402

SCRIPT = "board_density"
SIZES = ((1920, 1080), (1280, 800), (1024, 600))
CLEAR_SIZE = (1280, 800)
BURST_ORDERS = 40
BURST_SPAN_S = 2.0
ETA_TAP_MIN = 20
"""The Accept dialog's preset the clearing run taps (any preset is one tap)."""
NOW = datetime(2026, 3, 14, 12, 30, tzinfo=UTC)
"""The scene's clock for the showcase boards (fixed: the same timer colours on every run)."""


# ---------------------------------------------------------------------- what a cook can see


def _chain(widget: QWidget, window: QWidget) -> list[QWidget] | None:
    """`widget` and its ancestors up to (not including) `window`; None if not inside it."""
    chain = []
    current: QWidget | None = widget
    while current is not None and current is not window:
        chain.append(current)
        current = current.parentWidget()
    return chain if current is window else None


def wholly_shown(widget: QWidget, window: QWidget) -> bool:
    """`widget` is shown and its whole rect lies inside `window`, cut by no ancestor.

    The rect is carried up the parent chain in each parent's coordinates and must stay inside
    every parent's rect: a ticket half under a scroll viewport's edge is cut by the viewport,
    one beyond a column's end by the column, whatever the window's size.
    """
    chain = _chain(widget, window)
    if chain is None or not widget.isVisibleTo(window) or widget.rect().isEmpty():
        return False
    rect = QRect(widget.rect())
    for child in chain:
        parent = child.parentWidget()
        assert parent is not None
        rect = rect.translated(child.pos())
        if parent.rect().intersected(rect) != rect:
            return False
    return True


def tappable(widget: QWidget, window: QWidget) -> bool:
    """A tap at `widget`'s centre reaches it: shown, the centre inside every ancestor."""
    chain = _chain(widget, window)
    if chain is None or not widget.isVisibleTo(window) or not widget.isEnabled():
        return False
    point = widget.rect().center()
    for child in chain:
        parent = child.parentWidget()
        assert parent is not None
        point = point + child.pos()
        if not parent.rect().contains(point):
            return False
    return True


def readable(parts: TicketParts | None, window: QWidget) -> bool:
    """Every part of the ticket wholly shown: number, each line, and its step button."""
    if parts is None or parts.step is None or not parts.number or not parts.lines:
        return False
    widgets = (*parts.number, *parts.lines, parts.step)
    return all(wholly_shown(w, window) for w in widgets)


def settle(app: QApplication, passes: int = 10) -> None:
    """Layouts settle over several passes of posted events (as `scripts/screenshots.py`)."""
    for _ in range(passes):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# ---------------------------------------------------------------------- the showcase board


class StepSession(ShowcaseSession):
    """The showcase session, but a tapped step lands on the board at once, as if the server
    had confirmed it and its hub event had come back: started, applied, finished."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self._at = now

    def run(self, request: ActionRequest) -> None:
        board = self.board.board
        ticket = board.get(request.order_id) if board is not None else None
        if board is None or ticket is None or ticket.detail is None:
            super().run(request)
            return
        self.action_started.emit(request.order_id, request.action.value)
        self._at += timedelta(seconds=1)  # each change newer than the last
        eta = None
        if request.eta_min is not None:
            eta = self._at + timedelta(minutes=request.eta_min)
        set_status(board, ticket.detail, request.action.target, self._at, eta)
        self.action_finished.emit(request.order_id, request.action.value)


def rush_page(
    app: QApplication, size: tuple[int, int], *, menu: bool = False
) -> tuple[StepSession, BoardPage]:
    """The rush scene on a `BoardPage` of `size`, shown offscreen and laid out (with `menu`,
    its lines placed by the scene's menu)."""
    session = StepSession(NOW)
    _, page = showcase_page(fill_rush, DARK, size, NOW, session)
    page.resize(*size)
    page.show()
    settle(app)
    # The "no sound device" notice is a 20-second message of this soundless box, not the board
    # a kitchen works with: hidden so it takes no height from the lanes.
    page.notice_label.hide()
    if menu:
        session.board.set_menu(rush_menu())  # as the menu loader sets it
    settle(app)
    return session, page


def close_page(app: QApplication, session: StepSession, page: BoardPage) -> None:
    page.stop()
    session.shutdown()
    page.close()
    page.deleteLater()
    settle(app, 2)


def visible_tickets(page: BoardPage, ids: list[str]) -> int:
    view = page.board_view
    return sum(1 for oid in ids if readable(view.parts_of(oid), page))


def item_text_px(page: BoardPage, ids: list[str]) -> int:
    parts = page.board_view.parts_of(ids[0])
    assert parts is not None
    assert parts.lines
    line = parts.lines[0]
    line.ensurePolished()
    return line.fontMetrics().height()


def scroll_towards(view: BoardView, target: QWidget) -> None:
    """One scroll gesture: the next page if the layout pages, else one page of the scroll area
    holding `target`, in its direction."""
    next_page: Callable[[], object] | None = getattr(view, "next_page", None)
    if next_page is not None:
        next_page()
        return
    area: QWidget | None = target.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        raise RuntimeError("the step is off screen and nothing scrolls or pages to it")
    viewport = area.viewport()
    centre = target.mapTo(viewport, target.rect().center())
    bar = area.verticalScrollBar()
    bar.setValue(bar.value() + (bar.pageStep() if centre.y() > 0 else -bar.pageStep()))


def clear_rush(
    app: QApplication, session: StepSession, page: BoardPage, ids: list[str]
) -> dict[str, int]:
    """Every order to handed over by taps: see the module docstring. Returns taps and scrolls."""
    view = page.board_view
    taps = scrolls = 0
    for _ in range(20 * RUSH_ORDERS):  # a bound, far above the ~120 taps the scene needs
        open_ids = [oid for oid in ids if view.parts_of(oid) is not None]
        if not open_ids:
            return {"taps_to_clear_rush": taps, "scrolls_to_clear_rush": scrolls}
        target = None
        for oid in open_ids:
            parts = view.parts_of(oid)
            if parts is not None and parts.step is not None and tappable(parts.step, page):
                target = parts.step
                break
        if target is None:
            oldest = view.parts_of(open_ids[0])
            assert oldest is not None
            assert oldest.step is not None
            scroll_towards(view, oldest.step)
            scrolls += 1
            settle(app, 3)
            continue
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        taps += 1
        settle(app, 3)
        steps = getattr(page, "steps", None)  # a layout with an undo window: let it run out
        if steps is not None:
            steps.flush()  # time passing, not a tap: the step goes when its window ends
            settle(app, 3)
        dialog = page.dialog
        if isinstance(dialog, AcceptDialog):
            QTest.mouseClick(dialog.preset_buttons[ETA_TAP_MIN], Qt.MouseButton.LeftButton)
            taps += 1
            settle(app, 3)
    raise RuntimeError(f"the rush was not cleared after {taps} taps and {scrolls} scrolls")


def showcase_figures(app: QApplication) -> dict[str, float]:
    ids = [order.order_id for order in rush_orders(NOW)]
    figures: dict[str, float] = {}
    for size in SIZES:
        tag = f"{size[0]}x{size[1]}"
        session, page = rush_page(app, size)
        figures[f"visible_tickets_{tag}"] = visible_tickets(page, ids)
        figures[f"item_text_px_{tag}"] = item_text_px(page, ids)
        if size == CLEAR_SIZE:
            figures.update(clear_rush(app, session, page, ids))
        close_page(app, session, page)
        session, page = rush_page(app, size, menu=True)
        figures[f"visible_tickets_menu_{tag}"] = visible_tickets(page, ids)
        close_page(app, session, page)
    return figures


# ---------------------------------------------------------------------- the live burst


def order_items(order: RushOrder) -> list[dict[str, Any]]:
    """The order's lines as the dev route takes them."""
    return [
        {
            "name": item.name,
            "quantity": item.quantity,
            "unitPrice": float(item.unit_price),
            "customizations": [
                {"groupName": c.group_name, "choiceName": c.choice_name}
                for c in item.customizations
            ],
        }
        for item in order.detail.items
    ]


class Burst(LiveBoard):
    """The live board at 1920×1080 with the rush scene's 30 orders, and bursts of new ones."""

    def __init__(self, app: QApplication, url: str, tmp: str) -> None:
        super().__init__(app, url, tmp, (1920, 1080))
        self.added_at: dict[str, float] = {}
        self.part_probes: dict[str, list[PaintProbe]] = {}
        self.counter_probes: dict[int, PaintProbe] = {}
        self.counter_of: dict[str, PaintProbe] = {}
        self.session.board.changed.connect(self._on_change)

    def _probe_counter(self, widget: QWidget) -> PaintProbe:
        probe = self.counter_probes.get(id(widget))
        if probe is None:
            probe = self.counter_probes[id(widget)] = PaintProbe(widget)
        return probe

    def _on_change(self, change: Change) -> None:
        """After the board view took the order in (connected after it): probe its widgets."""
        if not isinstance(change, OrderAdded):
            return
        oid = change.order.order_id
        self.added_at.setdefault(oid, time.perf_counter())
        view = self.page.board_view
        parts = view.parts_of(oid)
        widgets = [] if parts is None else [*parts.number, *parts.lines]
        self.part_probes[oid] = [PaintProbe(w) for w in widgets]
        counter = view.offscreen_indicator
        if counter is None:
            lane = LANE_OF_STATUS.get(change.order.status)
            counter = view.lanes[lane].title if lane is not None else None
        if counter is not None:
            self.counter_of[oid] = self._probe_counter(counter)

    def preload(self) -> None:
        """The rush scene's 30 orders, each brought to its status through the kitchen's
        commands (placed now: the server stamps its own times)."""
        eta = datetime.now(UTC) + timedelta(minutes=30)
        eta_text = eta.isoformat().replace("+00:00", "Z")
        steps = {
            OrderStatus.ACCEPTED: ("accept",),
            OrderStatus.PREPARING: ("accept", "preparing"),
            OrderStatus.READY_FOR_DELIVERY: ("accept", "preparing", "ready"),
        }
        for order in rush_orders(NOW):
            oid = self.place(order_items(order), order.detail.note)
            for step in steps.get(order.status, ()):
                extra = {"estimatedDeliveryTime": eta_text} if step == "accept" else {}
                self.command(oid, step, **extra)
        wait(self.app, lambda: len(self.session.board) == RUSH_ORDERS)
        wait(self.app, lambda: all(t.detail is not None for t in self.session.board.tickets()))
        settle(self.app)

    def painted(self, oid: str) -> float | None:
        """When the board was painted with `oid` counted (see the module docstring)."""
        ends = [probe.ends[0] for probe in self.part_probes.get(oid, []) if probe.ends]
        if ends:
            return max(ends)
        counter = self.counter_of.get(oid)
        added = self.added_at.get(oid)
        return None if counter is None or added is None else counter.first_after(added)

    def burst(self, round_no: int) -> tuple[list[float], float]:
        """40 orders in 2 s; (hub → painted per order in ms, last event → all painted in ms)."""
        pool = rush_orders(NOW, seed=100 + round_no)
        placed: list[str] = []

        def post() -> None:
            start = time.perf_counter()
            for i in range(BURST_ORDERS):
                order = pool[i % len(pool)]
                placed.append(self.place(order_items(order), order.detail.note))
                pause = start + (i + 1) * BURST_SPAN_S / BURST_ORDERS - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)  # the burst's pace: one order every 50 ms

        poster = threading.Thread(target=post, name="burst-poster")
        poster.start()
        wait(self.app, lambda: not poster.is_alive())
        poster.join()
        wait(self.app, lambda: all(self.painted(oid) is not None for oid in placed))
        wait_s = time.perf_counter() + 0.2
        wait(self.app, lambda: time.perf_counter() > wait_s)  # paints still due land too
        samples = []
        for oid in placed:
            painted = self.painted(oid)
            assert painted is not None
            samples.append((painted - self.received_at[oid]) * 1000)
        last_event = max(self.received_at[oid] for oid in placed)
        all_painted = max(p for oid in placed if (p := self.painted(oid)) is not None)
        for oid in placed:
            self.command(oid, "reject", reason="benchmark")
        wait(self.app, lambda: len(self.session.board) == RUSH_ORDERS)
        settle(self.app)
        return samples, (all_painted - last_event) * 1000


def burst_figures(app: QApplication, rounds: int) -> dict[str, float]:
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="kds-bench-density-") as tmp:
        proc, url = start_server(tmp)
        bench = None
        try:
            bench = Burst(app, url, tmp)
            bench.preload()
            samples: list[float] = []
            lasts: list[float] = []
            for round_no in range(rounds):
                hub_ms, last_ms = bench.burst(round_no)
                samples += hub_ms
                lasts.append(last_ms)
        finally:
            if bench is not None:
                bench.close()
            proc.terminate()
            proc.wait(10)
    return {
        "burst_hub_to_paint_p50_ms": round(percentile(samples, 0.5), 2),
        "burst_hub_to_paint_p99_ms": round(percentile(samples, 0.99), 2),
        "burst_last_painted_ms": round(statistics.median(lasts), 2),
    }


# ---------------------------------------------------------------------- results


def merged(
    figures: dict[str, float], label: str | None, existing: dict[str, Any]
) -> dict[str, Any]:
    """The figures under their keys (``<key>_<label>`` with a label) over the keys already
    written: a labelled run keeps every other key, a plain run keeps the labelled ones. A
    labelled run notes its own machine and time beside its figures (``machine_<label>``)."""
    suffix = f"_{label}" if label else ""
    kept = {k: v for k, v in existing.items() if k not in ("machine", "at")}
    out = {**kept, **{f"{key}{suffix}": value for key, value in figures.items()}}
    if label:
        out[f"machine_{label}"] = machine()
        out[f"at_{label}"] = now_iso()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one burst, not five")
    parser.add_argument("--label", help="write each figure as <key>_<label> (e.g. before)")
    parser.add_argument(
        "--language",
        choices=i18n.LANGUAGES,
        default="en",
        help="the screen's language (issue 20: the goals hold in Vietnamese too); vi labels "
        "the figures _vi unless --label says otherwise",
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    if not i18n.install(args.language) and args.language != "en":
        raise SystemExit(f"board_density: no {args.language} catalogue (run scripts/setup)")
    label = args.label or (None if args.language == "en" else args.language)
    figures = showcase_figures(app)
    figures.update(burst_figures(app, 1 if args.quick else 5))
    path = results_path(SCRIPT)
    existing = json.loads(path.read_text()) if path.exists() else {}
    print(f"board_density on the rush scene ({'quick' if args.quick else 'full'})")
    print(f"  {'figure':<34} {'this run':>10} {'before':>10}")
    for key, value in figures.items():
        print(f"  {key:<34} {value:>10} {existing.get(f'{key}_before', '—'):>10}")
    written = write_results(SCRIPT, merged(figures, label, existing))
    print(f"  wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

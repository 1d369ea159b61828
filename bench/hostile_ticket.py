"""A hostile order on one card (issue 19): 10,000 lines and a 1 MB note, built and painted.

The adversarial review's order of 50 lines and a 1 MB note froze the GUI thread for 9 s (and
took 877 MB); one of 10,000 lines took 1.2 s. A card now shows what the backend contract lets a
real order hold (`kds.core.ticket_caps`: 50 lines, 500 characters of any text, each cut said),
so such an order should cost about what a real 50-line order costs. Figures, on the offscreen
GUI, styled as `kds` styles it at 1920×1080 (dark theme), one card `COLUMN_WIDTH` px wide:

- ``worst_ticket_build_ms`` (median of N) and ``worst_ticket_build_max_ms``: a `TicketView`
  built for a ticket of 10,000 lines (the ordinary ticket's, repeated) and a 1 MB note (an
  allergy word at its start), measured at the column's width, placed showing every unit (the
  whole card in one column: more than the board paints at once, which continues a tall card
  in the next column) and rendered into a `QImage`. Goal ≤ 16 ms (one 60 Hz frame).
- ``ordinary_ticket_build_ms`` (median) and ``ordinary_ticket_build_max_ms``: the same for an
  ordinary 5-line ticket with a short note, the anchor measured in the same run;
  ``worst_vs_ordinary_x`` is the ratio of the medians.
- ``peak_rss_mb``: the process's peak resident memory after every build (the hostile order's
  own 1 MB note and 10,000 lines included): for scale, against the issue's 877 MB.

``--quick`` (run_all's smoke): fewer builds. No figure is asserted anywhere.

    .venv/bin/python bench/hostile_ticket.py
    .venv/bin/python bench/hostile_ticket.py --quick
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_results  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kds.core.ticket import Ticket  # noqa: E402
from kds.ui.main import scale_for_size  # noqa: E402
from kds.ui.theme import DARK, Theme  # noqa: E402
from kds.ui.ticket_view import TicketView  # noqa: E402
from tests.support.sample_orders import sample_order, ticket_of  # noqa: E402

SCRIPT = "hostile_ticket"
COLUMN_WIDTH = 380
"""About a column of the 1920×1080 board (five columns)."""
HOSTILE_LINES = 10_000
NOTE_BYTES = 1 << 20
RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
PLACED = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def ordinary_ticket() -> Ticket:
    """A real-looking order: 5 lines with their choices, a short note."""
    detail = sample_order(
        random.Random(19), RESTAURANT, PLACED, lines=5, note="Gluten free please, coeliac"
    )
    return ticket_of(detail)


def hostile_ticket() -> Ticket:
    """The ordinary order's lines (and choices) repeated to 10,000, and a 1 MB note."""
    base = ordinary_ticket()
    assert base.detail is not None
    lines = base.detail.items
    items = tuple(lines[i % len(lines)] for i in range(HOSTILE_LINES))
    words = "peanut allergy, no onions, extra chilli on the side please "
    note = (words * (NOTE_BYTES // len(words) + 1))[:NOTE_BYTES]
    return ticket_of(replace(base.detail, items=items, note=note))


def build_and_paint(app: QApplication, ticket: Ticket, theme: Theme) -> float:
    """One card for `ticket`, measured, placed whole and rendered offscreen: ms taken."""
    started = time.perf_counter()
    view = TicketView(ticket, PLACED, theme)
    block = view.measure(COLUMN_WIDTH)
    height = block.head + sum(block.units) + view.padding
    view.place(COLUMN_WIDTH, height, len(block.units))
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    view.render(image)
    took = (time.perf_counter() - started) * 1000
    view.deleteLater()  # freed outside the timed part, as the board frees a card later
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke sizes (run_all --quick)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme = DARK.scaled(scale_for_size(1920, 1080))
    app.setStyleSheet(theme.style_sheet())
    runs = 5 if args.quick else 51
    ordinary, hostile = ordinary_ticket(), hostile_ticket()
    build_and_paint(app, ordinary, theme)  # warm-up: formats, fonts, the style sheet
    build_and_paint(app, hostile, theme)
    calm, worst = [], []
    for _ in range(runs):  # interleaved: a busy moment of the box weighs on both alike
        calm.append(build_and_paint(app, ordinary, theme))
        worst.append(build_and_paint(app, hostile, theme))
    figures: dict[str, float] = {
        "worst_ticket_build_ms": round(statistics.median(worst), 2),
        "worst_ticket_build_max_ms": round(max(worst), 2),
        "ordinary_ticket_build_ms": round(statistics.median(calm), 2),
        "ordinary_ticket_build_max_ms": round(max(calm), 2),
    }
    figures["worst_vs_ordinary_x"] = round(
        figures["worst_ticket_build_ms"] / figures["ordinary_ticket_build_ms"], 2
    )
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    for key, value in figures.items():
        print(f"{key:32} {value:>10}")
    path = write_results(SCRIPT, figures)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

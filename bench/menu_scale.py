"""A huge menu (issue 17: "a menu that is huge (2,000 items)"): decoding it, placing lines by it,
and a board of 300 open orders re-placed when it arrives.

The document is built as kds-server builds one (`kds.server.menu_view.document`): the rush
scene's 12 items (`tests.support.rush_scene`) plus generated ones, 2,000 items in all over 40
categories, each with a choice group and up to three tags of the seed legend (allergens,
dietary marks and tags of other kinds). Figures:

- ``json_parse_ms``: ``json.loads`` of the document's text, for scale (median of N).
- ``decode_ms``: ``decode_menu`` of the parsed document (median of N).
- ``resolve_us``: one ``Menu.resolve`` of an order line's ``menuItemId`` (the mean over a pass
  over every item id and as many unknown ones, median of N passes).
- ``menu_change_board_ms``: on the offscreen GUI, a `BoardView` at 1920×1080 (dark theme,
  scaled as `kds` scales it) showing the rush scene's 30 orders plus 270 more (300 open, their
  lines spread over the huge menu's items): how long ``model.set_menu(huge)`` takes to return,
  every ticket's lines re-rendered by category with their tags and the board planned again
  (median of N changes, each from the 12-item rush menu).
- ``menu_change_board_ms_anchor``: the same for ``model.set_menu(rush_menu)`` (from the huge
  one), the anchor measured in the same run on the same board.
- ``rss_growth_mb``: the process's resident memory after 50 menu switches (huge ↔ rush, the
  event loop run between them, deferred deletes included) minus before them (after warm-up).

``--quick`` (run_all's smoke): the same 2,000-item menu, fewer repetitions, 100 open orders and
10 switches. No figure is asserted anywhere.

    .venv/bin/python bench/menu_scale.py
    .venv/bin/python bench/menu_scale.py --quick
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_results  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kds.app.board_model import BoardModel  # noqa: E402
from kds.core.menu import Menu, decode_menu  # noqa: E402
from kds.core.orders import OrderStatus  # noqa: E402
from kds.server.menu_view import document  # noqa: E402
from kds.server.menus import TAGS  # noqa: E402
from kds.server.records import MenuItem, Restaurant  # noqa: E402
from kds.ui.board_view import BoardView  # noqa: E402
from kds.ui.main import scale_for_size  # noqa: E402
from kds.ui.theme import DARK  # noqa: E402
from tests.support.rush_scene import (  # noqa: E402
    RUSH_CURRENCY,
    RUSH_MENU,
    RUSH_RESTAURANT,
    build_rush_scene,
    rush_menu,
    rush_menu_document,
)
from tests.support.sample_orders import place, sample_order, set_status  # noqa: E402

ITEMS = 2_000
CATEGORIES = 40
OPEN_ORDERS = 300


def huge_document(items: int = ITEMS, categories: int = CATEGORIES) -> dict[str, Any]:
    """The rush menu's items plus generated ones up to `items`, over `categories` categories
    (the rush menu's three among them), as kds-server would serve it."""
    rng = random.Random(17)
    rush = rush_menu_document()
    rush_categories = {c["id"]: c["name"] for c in rush["categories"]["byId"].values()}
    legend = rush["tagLegend"]["byId"]
    made: list[MenuItem] = []
    for entry in rush["items"]["byId"].values():
        groups = next(g for name, _, g in RUSH_MENU if name == entry["name"])
        made.append(
            MenuItem(
                entry["id"],
                entry["name"],
                int(entry["price"]["amount"] * 100),
                None,
                [(group, [(c, None) for c in choices]) for group, choices in groups],
                category=rush_categories[entry["categoryId"]],
                tags=tuple(legend[tid]["name"] for tid in entry["dietaryTagIds"]),
            )
        )
    names = list(dict.fromkeys(rush_categories.values()))
    names += [f"Danh mục {n:02d}" for n in range(categories - len(names))]
    tags = sorted(TAGS)
    for n in range(items - len(made)):
        made.append(
            MenuItem(
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                f"Món số {n:04d} {rng.choice(('bò', 'gà', 'chay', 'hải sản', 'heo'))}",
                rng.randrange(20_000, 200_000) * 100,
                None,
                [("Cỡ", [("Thường", None), ("Lớn", 15000.0)])],
                category=names[n % len(names)],
                tags=tuple(rng.sample(tags, rng.randint(0, 3))),
            )
        )
    restaurant = Restaurant(
        RUSH_RESTAURANT, "pho-hanoi", "Pho Hanoi", None, RUSH_CURRENCY, True,
        None, None, None, None, None, None, None,
    )  # fmt: skip
    return document(restaurant, made, 1_765_000_000_000_000)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_loop_once(app: QApplication) -> None:
    """One pass of the event loop, deferred deletes included (else they look like a leak)."""
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def decoding(doc: dict[str, Any], runs: int) -> tuple[Menu, dict[str, float]]:
    text = json.dumps(doc, ensure_ascii=False)
    parsed = json.loads(text)
    menu = decode_menu(parsed)
    assert len(menu.items) == len(doc["items"]["byId"])
    ids = [i.id for i in menu.items]
    probes = ids + [str(uuid.UUID(int=n, version=4)) for n in range(len(ids))]

    def resolve_all() -> None:
        for probe in probes:
            menu.resolve(probe)

    return menu, {
        "menu_items": float(len(menu.items)),
        "menu_categories": float(len(menu.categories)),
        "menu_document_kb": round(len(text.encode()) / 1024, 1),
        "json_parse_ms": round(median_ms(lambda: json.loads(text), runs), 2),
        "decode_ms": round(median_ms(lambda: decode_menu(parsed), runs), 2),
        "resolve_us": round(median_ms(resolve_all, runs) * 1000 / len(probes), 3),
    }


def board(
    app: QApplication, huge: Menu, open_orders: int, changes: int, switches: int
) -> dict[str, float]:
    """The rush scene plus more orders on a 1920×1080 board; menu changes timed; RSS."""
    now = datetime.now(UTC)
    model = BoardModel()
    core = model.reset(RUSH_RESTAURANT, clock=lambda: now)
    assert core is not None
    build_rush_scene(core, now)
    rng = random.Random(300)
    item_ids = [i.id for i in huge.items]
    statuses = (OrderStatus.ACCEPTED, OrderStatus.PREPARING)
    for n in range(open_orders - len(core)):
        placed = now - timedelta(minutes=rng.uniform(1, 40), seconds=n)
        detail = sample_order(rng, RUSH_RESTAURANT, placed, menu=RUSH_MENU, currency="VND")
        items = tuple(replace(i, menu_item_id=rng.choice(item_ids)) for i in detail.items)
        detail = replace(detail, items=items)
        place(core, detail)
        if rng.random() < 0.4:
            set_status(core, detail, rng.choice(statuses), placed + timedelta(minutes=1))
    theme = DARK.scaled(scale_for_size(1920, 1080))
    app.setStyleSheet(theme.style_sheet())
    view = BoardView(model, theme=theme, clock=lambda: now, tick_ms=3_600_000)
    view.resize(1920, 1080)
    view.show()
    run_loop_once(app)
    rush = rush_menu()
    assert rush.restaurant_id == huge.restaurant_id
    model.set_menu(rush)
    run_loop_once(app)

    def change(menu: Menu) -> float:
        start = time.perf_counter()
        model.set_menu(menu)
        took = (time.perf_counter() - start) * 1000
        assert model.menu is menu
        run_loop_once(app)
        return took

    to_huge: list[float] = []
    to_rush: list[float] = []
    for _ in range(2):  # warm-up
        change(huge)
        change(rush)
    rss_before = rss_mb()
    for _ in range(changes):
        to_huge.append(change(huge))
        to_rush.append(change(rush))
    for n in range(switches - 2 * changes):
        change(huge if n % 2 == 0 else rush)
    if model.menu is not rush:
        change(rush)
    result = {
        "open_orders": float(len(model)),
        "tickets_shown": float(len(view.views)),
        "pages": float(view.plan.pages),
        "menu_change_board_ms": round(statistics.median(to_huge), 1),
        "menu_change_board_ms_anchor": round(statistics.median(to_rush), 1),
        "menu_change_board_max_ms": round(max(to_huge), 1),
        "menu_switches": float(max(switches, 2 * changes)),
        "rss_growth_mb": round(rss_mb() - rss_before, 1),
    }
    view.close()
    view.deleteLater()
    model.reset(None)
    run_loop_once(app)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke sizes (run_all --quick)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    runs, orders, changes, switches = (5, 100, 3, 10) if args.quick else (31, OPEN_ORDERS, 10, 50)
    doc = huge_document()
    huge, figures = decoding(doc, runs)
    figures.update(board(app, huge, orders, changes, switches))
    figures["menu_change_vs_anchor_x"] = round(
        figures["menu_change_board_ms"] / figures["menu_change_board_ms_anchor"], 2
    )
    for key, value in figures.items():
        print(f"{key:32} {value:>10}")
    path = write_results("menu_scale", figures)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

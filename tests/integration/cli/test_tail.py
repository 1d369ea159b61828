"""`kds tail --json` end to end: a subprocess against the real kds-server."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.app.traffic import Kitchen, dev
from tests.integration.cli.tailproc import ROOT, TailProcess, kds_env
from tests.support.fixtures import ServerFactory
from tests.support.helpers import MANAGER, PHO_HANOI, open_orders, place_order, staff
from tests.support.menus import seed_menu
from tests.support.server import ServerProcess

STAFF, PASSWORD = staff("pho-hanoi")


@pytest.fixture
def tails(tmp_path: Path) -> Iterator[list[TailProcess]]:
    made: list[TailProcess] = []
    yield made
    for tail in made:
        tail.kill()


def test_tail_json_follows_the_board_and_dumps_it_on_sigterm(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    before = place_order(dev_server.url, PHO_HANOI)
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess(args, PASSWORD, tmp_path)
    tails.append(tail)
    tail.wait_for(lambda r: r == {**r, "type": "connection", "state": "connected"})
    tail.wait_for(lambda r: r["type"] == "alert" and r["orderId"] == before["orderId"])

    live = place_order(dev_server.url, PHO_HANOI)
    alert = tail.wait_for(lambda r: r["type"] == "alert" and r["orderId"] == live["orderId"])
    assert alert == {
        "type": "alert",
        "orderId": live["orderId"],
        "orderNumber": live["orderNumber"],
    }
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    kitchen.advance(live["orderId"], "Placed")
    upsert = tail.wait_for(
        lambda r: (
            r["type"] == "upsert"
            and r["order"]["orderId"] == live["orderId"]
            and r["order"]["status"] == "Accepted"
        )
    )
    assert set(upsert["order"]) == {
        "orderId",
        "orderNumber",
        "status",
        "lastUpdateTimestamp",
        "estimatedDeliveryTime",
        "lines",
    }
    assert upsert["order"]["estimatedDeliveryTime"].endswith("Z")
    kitchen.post(before["orderId"], "cancel")
    removed = tail.wait_for(lambda r: r["type"] == "remove")
    assert removed == {"type": "remove", "orderId": before["orderId"], "status": "Cancelled"}
    truth = [
        {k: o[k] for k in ("orderId", "status")} for o in open_orders(dev_server.url, PHO_HANOI)
    ]
    tail.wait_for(
        lambda r: (
            r["type"] == "upsert"
            and r["order"]["orderId"] == live["orderId"]
            and r["order"]["lastUpdateTimestamp"] is not None
            and r["order"]["status"] == "Accepted"
        )
    )

    assert tail.finish(signal.SIGTERM) == 0
    records = tail.records()
    assert records[-1]["type"] == "board"  # the last line
    board = records[-1]["orders"]
    assert [{k: o[k] for k in ("orderId", "status")} for o in board] == truth
    assert all(o["lastUpdateTimestamp"] for o in board)
    alerts = [r["orderId"] for r in records if r["type"] == "alert"]
    assert alerts == [before["orderId"], live["orderId"]]  # exactly once each


def _tail_one_new_order(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> tuple[dict[str, Any], TailProcess]:
    """An order placed at Pho Hanoi (named, not by id), then a readable tail of 3 s, ended."""
    order = place_order(dev_server.url, PHO_HANOI)
    user, password = MANAGER
    args = ["--server", dev_server.url, "--user", user, "--restaurant", "Pho Hanoi"]
    tail = TailProcess([*args, "--exit-after-s", "3"], password, tmp_path)
    tails.append(tail)
    assert tail.finish(sig=None) == 0
    return order, tail


def test_tail_readable_with_exit_after_and_a_restaurant_name(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    order, tail = _tail_one_new_order(dev_server, tails, tmp_path)
    text = "\n".join(tail.lines)
    assert f"ALERT   new order {order['orderNumber']}" in text
    assert "connection  connected" in text
    assert tail.lines[-2:] == ["board: 1 open orders", f"  Placed           {order['orderId']}"]


def test_tail_refuses_a_wrong_password_and_an_unknown_restaurant(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    args = ["--server", dev_server.url, "--user", STAFF, "--json"]
    wrong = TailProcess([*args, "--restaurant", "pho-hanoi"], "nope", tmp_path)
    tails.append(wrong)
    assert wrong.finish(sig=None) == 2
    assert wrong.records() == [
        {"type": "notice", "level": "error", "message": "Wrong user name or password."}
    ]
    other = TailProcess([*args, "--restaurant", "sushi-ko"], PASSWORD, tmp_path)
    tails.append(other)
    assert other.finish(sig=None) == 2
    [notice] = other.records()
    assert notice["level"] == "error"
    assert "No restaurant 'sushi-ko'" in notice["message"]


def test_tail_password_from_the_environment_never_from_argv(
    dev_server: ServerProcess, tmp_path: Path
) -> None:
    env = kds_env(tmp_path)
    env["KDS_PASSWORD"] = PASSWORD
    cmd = [sys.executable, "-m", "kds", "tail", "--server", dev_server.url, "--user", STAFF]
    cmd += ["--restaurant", PHO_HANOI, "--json", "--exit-after-s", "1.5"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"type":"board"' in done.stdout.splitlines()[-1]
    bad = subprocess.run(
        [*cmd, "--password", PASSWORD], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert bad.returncode == 2
    assert "use --password-stdin or $KDS_PASSWORD" in bad.stderr
    assert PASSWORD not in bad.stderr + bad.stdout


def test_tail_sigint_dumps_the_board_too(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", PHO_HANOI, "--json"]
    tail = TailProcess(args, PASSWORD, tmp_path)
    tails.append(tail)
    tail.wait_for(lambda r: r["type"] == "connection" and r["state"] == "connected")
    assert tail.finish(signal.SIGINT) == 0
    assert tail.records()[-1] == {"type": "board", "orders": []}


def test_tail_reports_an_unreachable_hub_and_recovers(
    server_factory: ServerFactory, tails: list[TailProcess], tmp_path: Path
) -> None:
    server = server_factory()
    args = ["--server", server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess(args, PASSWORD, tmp_path)
    tails.append(tail)
    tail.wait_for(lambda r: r["type"] == "connection" and r["state"] == "connected")
    server.restart(kill=True)
    tail.wait_for(lambda r: r["type"] == "connection" and r["state"] == "reconnecting")
    order = place_order(server.url, PHO_HANOI)
    tail.wait_for(lambda r: r["type"] == "alert" and r["orderId"] == order["orderId"], 30)

    def states() -> list[str]:
        return [r["state"] for r in tail.records() if r["type"] == "connection"]

    # The alert may come from the resync just before the subscription's "connected" line.
    tail.wait_for(lambda r: states() == ["connected", "reconnecting", "connected"], 30)
    assert tail.finish(signal.SIGTERM) == 0
    assert states() == ["connected", "reconnecting", "connected"]


MENU = seed_menu("pho-hanoi")
TAGGED = next(i for i in MENU.items if i.allergens)
MENU_ORDER = [{"name": TAGGED.name, "quantity": 2}, {"name": "Test dish", "quantity": 1}]


def with_lines(order_id: str) -> object:
    def match(r: dict[str, object]) -> bool:
        order = r.get("order")
        return (
            r["type"] == "upsert"
            and isinstance(order, dict)
            and order["orderId"] == order_id
            and order["lines"] is not None
        )

    return match


def test_tail_json_lines_carry_the_menus_category_and_tags(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    order = place_order(dev_server.url, PHO_HANOI, MENU_ORDER)
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess(args, PASSWORD, tmp_path)
    tails.append(tail)
    category = MENU.category(TAGGED.category_id)
    assert category is not None
    tagged = {
        "name": TAGGED.name,
        "quantity": 2,
        "category": category.name,
        "allergens": [t.name for t in TAGGED.allergens],
        "dietary": [t.name for t in TAGGED.dietary],
    }
    other = {
        "name": "Test dish",
        "quantity": 1,
        "category": "Other",
        "allergens": [],
        "dietary": [],
    }
    # An upsert printed before the menu loaded is printed again when it does.
    tail.wait_for(lambda r: with_lines(order["orderId"])(r) and r["order"]["lines"][0] == tagged)
    assert tail.finish(signal.SIGTERM) == 0
    last = [r for r in tail.records() if with_lines(order["orderId"])(r)][-1]
    assert last["order"]["lines"] == [tagged, other]
    assert not [r for r in tail.records() if r["type"] == "notice"]


def test_tail_without_its_menu_prints_other_lines_and_warns_once(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    dev(dev_server, "faults/rest", {"pathPattern": "/menu$", "status": 503, "count": 1_000_000})
    order = place_order(dev_server.url, PHO_HANOI, MENU_ORDER)
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess(args, PASSWORD, tmp_path)
    tails.append(tail)
    upsert = tail.wait_for(with_lines(order["orderId"]))
    assert [
        (line["category"], line["allergens"], line["dietary"]) for line in upsert["order"]["lines"]
    ] == [
        ("Other", [], []),
        ("Other", [], []),
    ]
    notice = tail.wait_for(lambda r: r["type"] == "notice")
    assert notice["level"] == "warning"
    assert notice["message"].startswith("Menu could not be loaded (server error 503)")
    tail.wait_for(lambda r: r["type"] == "connection" and r["state"] == "connected")
    assert tail.finish(signal.SIGTERM) == 0
    assert [r for r in tail.records() if r["type"] == "notice"] == [notice]
    warnings = [line for line in tail.stderr().splitlines() if "menu" in line.lower()]
    assert len(warnings) == 1, warnings


BAR_CONFIG = '[stations]\nbar = ["Đồ uống & Khác", "Cocktails"]\ngrill = ["Món chính"]\n'


def _drinks_and_mains() -> tuple[str, str]:
    drinks, mains = (MENU.category_named(n) for n in ("Đồ uống & Khác", "Món chính"))
    assert drinks is not None
    assert mains is not None
    drink = next(i.name for i in MENU.items if i.category_id == drinks.id)
    main = next(i.name for i in MENU.items if i.category_id == mains.id)
    return drink, main


def test_tail_station_prints_only_the_stations_orders_and_lines(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    (tmp_path / "config" / "kds").mkdir(parents=True)
    (tmp_path / "config" / "kds" / "config.toml").write_text(BAR_CONFIG, encoding="utf-8")
    drink, main = _drinks_and_mains()
    both = place_order(
        dev_server.url,
        PHO_HANOI,
        [
            {"name": main, "quantity": 1},
            {"name": drink, "quantity": 2},
            {"name": main, "quantity": 1},
        ],
    )
    mains_only = place_order(dev_server.url, PHO_HANOI, [{"name": main, "quantity": 3}])
    new = place_order(dev_server.url, PHO_HANOI, [{"name": drink, "quantity": 1}])  # stays New
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    kitchen.advance(both["orderId"], "Placed")
    kitchen.advance(mains_only["orderId"], "Placed")
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess([*args, "--station", "bar"], PASSWORD, tmp_path)
    tails.append(tail)
    drink_line = {
        "name": drink,
        "quantity": 2,
        "category": "Đồ uống & Khác",
        "allergens": [],
        "dietary": [],
    }
    upsert = tail.wait_for(
        lambda r: with_lines(both["orderId"])(r) and r["order"]["lines"][0]["category"] != "Other"
    )
    assert upsert["order"]["lines"] == [
        {
            **drink_line,
            "allergens": upsert["order"]["lines"][0]["allergens"],
            "dietary": upsert["order"]["lines"][0]["dietary"],
        }
    ]
    assert upsert["order"]["hiddenLines"] == 2
    assert upsert["order"]["station"] == "bar"
    tail.wait_for(lambda r: r["type"] == "connection" and r["state"] == "connected")
    assert tail.finish(signal.SIGTERM) == 0
    records = tail.records()
    shown = {r["order"]["orderId"] for r in records if r["type"] == "upsert"}
    assert new["orderId"] not in shown  # the bar does not show New orders
    # Before the menu loads every line is "Other", on every station: the mains-only order may
    # be printed then, and leaves the bar's stream once the menu places its lines.
    mains = [
        r
        for r in records
        if mains_only["orderId"] in (r.get("orderId"), r.get("order", {}).get("orderId"))
    ]
    if mains:
        assert all(
            line["category"] == "Other" for r in mains[:-1] for line in r["order"]["lines"] or ()
        )
        assert mains[-1] == {
            "type": "remove",
            "orderId": mains_only["orderId"],
            "status": None,
            "station": "bar",
            "reason": "station",
        }
    assert not [r for r in records if r["type"] == "alert"]  # bar does not show New orders
    assert [o["orderId"] for o in records[-1]["orders"]] == [both["orderId"]]
    assert new["orderId"] not in tail.lines[-1]
    warnings = [line for line in tail.stderr().splitlines() if "Cocktails" in line]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("kds tail: warning: station 'bar': 'Cocktails' is not a")


def test_tail_station_without_a_profile_fails_naming_the_profiles(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    (tmp_path / "config" / "kds").mkdir(parents=True)
    (tmp_path / "config" / "kds" / "config.toml").write_text(BAR_CONFIG, encoding="utf-8")
    args = ["--server", dev_server.url, "--user", STAFF, "--restaurant", "pho-hanoi", "--json"]
    tail = TailProcess([*args, "--station", "pastry"], PASSWORD, tmp_path)
    tails.append(tail)
    assert tail.finish(sig=None) == 2
    assert tail.lines == []
    assert "no station profile 'pastry' (known profiles: bar, grill;" in tail.stderr()
    everything = TailProcess([*args, "--station", "all", "--exit-after-s", "2"], PASSWORD, tmp_path)
    tails.append(everything)
    assert everything.finish(sig=None) == 0
    assert "station" not in everything.lines[-1]


def _speak_vietnamese(tmp: Path) -> None:
    """The tail's config.toml says language = "vi" (the screen's setting)."""
    (tmp / "config" / "kds").mkdir(parents=True, exist_ok=True)
    (tmp / "config" / "kds" / "config.toml").write_text('language = "vi"\n', encoding="utf-8")


def test_tail_readable_speaks_the_screens_language(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    _speak_vietnamese(tmp_path)
    order, tail = _tail_one_new_order(dev_server, tails, tmp_path)
    text = "\n".join(tail.lines)
    assert f"BÁO    đơn mới {order['orderNumber']}  ({order['orderId']})" in text
    assert "kết nối  đã kết nối" in text
    assert f"cập nhật  {order['orderNumber']}  Mới  ({order['orderId']})" in text
    assert tail.lines[-2:] == ["bảng: 1 đơn đang mở", f"  {'Mới':<16} {order['orderId']}"]


def test_tail_json_is_the_same_bytes_in_vietnamese(
    dev_server: ServerProcess, tails: list[TailProcess], tmp_path: Path
) -> None:
    args = ["--server", dev_server.url, "--user", STAFF, "--json"]
    runs: dict[str, list[list[str]]] = {}
    for language in ("en", "vi"):
        home = tmp_path / language
        if language == "vi":
            _speak_vietnamese(home)
        wrong = TailProcess([*args, "--restaurant", "pho-hanoi"], "nope", home)
        other = TailProcess([*args, "--restaurant", "sushi-ko"], PASSWORD, home)
        tails += [wrong, other]
        assert (wrong.finish(sig=None), other.finish(sig=None)) == (2, 2)
        runs[language] = [wrong.lines, other.lines]
    assert runs["vi"] == runs["en"]
    assert runs["en"][0] == [
        '{"type":"notice","level":"error","message":"Wrong user name or password."}'
    ]
    assert runs["en"][1][0].startswith('{"type":"notice","level":"error","message":"No restaurant')

"""The configured restaurant (config `restaurant`, by id or name) opens after sign-in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kds.app.settings import StateFile
from tests.integration.app.conftest import SessionFactory, make_session, sign_in
from tests.support.helpers import BELLA_NAPOLI, MANAGER, PHO_HANOI
from tests.support.server import ServerProcess

__all__ = ["make_session"]  # the fixture, imported for this directory


def test_configured_restaurant_wins_over_the_remembered_one(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    state_path = tmp_path / "state.json"
    StateFile(state_path).remember_restaurant(dev_server.url, MANAGER[0], PHO_HANOI)
    by_name, rec = make_session(dev_server, state_path=state_path, restaurant=" Bella Napoli")
    sign_in(qtbot, by_name, *MANAGER)
    qtbot.waitUntil(lambda: rec.selected == [BELLA_NAPOLI], timeout=10_000)
    assert by_name.restaurant_name == "Bella Napoli"


def test_remembered_one_opens_without_a_configured_one_and_an_id_works_too(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    state_path = tmp_path / "state.json"
    StateFile(state_path).remember_restaurant(dev_server.url, MANAGER[0], BELLA_NAPOLI)
    plain, rec = make_session(dev_server, state_path=state_path)
    sign_in(qtbot, plain, *MANAGER)
    qtbot.waitUntil(lambda: rec.selected == [BELLA_NAPOLI], timeout=10_000)
    by_id, rec2 = make_session(dev_server, state_path=state_path, restaurant=PHO_HANOI.upper())
    sign_in(qtbot, by_id, *MANAGER)
    qtbot.waitUntil(lambda: rec2.selected == [PHO_HANOI], timeout=10_000)

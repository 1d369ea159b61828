"""`StateFile` as session memory: last restaurant and user per server; garbage is survived."""

from __future__ import annotations

from pathlib import Path

from kds.app.settings import StateFile

URL = "https://kds.test"


def test_state_file_remembers_per_user_and_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.json"
    state = StateFile(path)
    assert state.last_restaurant(URL, "a") is None
    state.remember_restaurant(URL, "a", "rid-a")
    state.remember_restaurant(URL + "/", "b", "rid-b")
    state.remember_user(URL, "b")
    assert StateFile(path).last_restaurant(URL, "a") == "rid-a"
    assert StateFile(path).last_restaurant(URL, "b") == "rid-b"
    assert StateFile(path).last_user(URL + "/") == "b"
    assert "token" not in path.read_text().lower()
    StateFile(path, read_only=True).remember_restaurant(URL, "a", "other")
    assert StateFile(path).last_restaurant(URL, "a") == "rid-a"
    path.write_text("{not json")
    assert StateFile(path).last_restaurant(URL, "a") is None
    StateFile(path).remember_restaurant(URL, "a", "again")
    assert StateFile(path).last_restaurant(URL, "a") == "again"

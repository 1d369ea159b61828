"""`StateFile` and `Settings`: one user-state file, migration from the old two, choices saved."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kds.app.settings import STATE_VERSION, Settings, StateFile

URL = "https://kds.example"


def _json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _load(state: Path, *, files: list[Path] | None = None, **kwargs: object) -> Settings:
    return Settings.load(state_path=state, paths=files or [], env={}, **kwargs)


def test_choices_and_session_memory_share_one_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    settings = _load(path)
    settings.choose(theme="light", font_scale=1.3)
    StateFile(path).remember_restaurant(URL, "cook", "rid-1")  # what the session does
    settings.choose(user="cook")
    data = json.loads(path.read_text())
    assert data == {
        "version": STATE_VERSION,
        "onScreen": {"theme": "light", "font_scale": 1.3, "user": "cook"},
        "lastRestaurant": {f"{URL} cook": "rid-1"},
    }
    again = _load(path)
    assert (again.theme, again.font_scale, again.user) == ("light", 1.3, "cook")
    assert again.config.sources["theme"] == f"on-screen ({path})"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temp file left behind


def test_a_choice_equal_to_the_config_files_is_forgotten_not_saved(tmp_path: Path) -> None:
    """So a later change to config.toml reaches a terminal whose cook never chose otherwise."""
    toml = tmp_path / "config.toml"
    toml.write_text(f'server_url = "{URL}"\ntheme = "light"\n')
    path = tmp_path / "state.json"
    settings = _load(path, files=[toml])
    settings.choose(server_url=URL + "/", user="cook")
    settings.choose(theme="dark")
    assert json.loads(path.read_text())["onScreen"] == {"user": "cook", "theme": "dark"}
    settings.choose(theme="light")
    assert json.loads(path.read_text())["onScreen"] == {"user": "cook"}
    assert settings.config.sources["theme"] == str(toml)
    settings.choose(user="")
    assert json.loads(path.read_text())["onScreen"] == {}
    assert settings.user == ""


def test_an_invalid_choice_is_logged_and_not_saved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.json"
    settings = _load(path)
    with caplog.at_level(logging.WARNING):
        settings.choose(server_url="orders.example.com", user="cook")
    assert "not remembering server_url" in caplog.text
    assert json.loads(path.read_text())["onScreen"] == {"user": "cook"}
    with pytest.raises(ValueError, match="cannot be chosen on screen"):
        settings.choose(volume=50)


def test_a_flag_or_variable_still_wins_after_a_choice_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    settings = Settings.load(
        state_path=path, paths=[], env={"KDS_FONT_SCALE": "1.5"}, cli={"theme": "light"}
    )
    assert settings.pinned_by("theme") == "--theme"
    assert settings.pinned_by("font_scale") == "env KDS_FONT_SCALE"
    assert settings.pinned_by("user") is None
    settings.choose(theme="dark")
    assert (settings.theme, settings.config.sources["theme"]) == ("light", "--theme")
    assert _load(path).theme == "dark"  # saved: it applies once the flag is gone


def test_old_files_are_migrated_once_and_keep_the_cooks_choices(tmp_path: Path) -> None:
    state = _json(tmp_path / "state" / "state.json", {"lastUser": {URL: "cook"}})
    ui = _json(
        tmp_path / "config" / "ui.json",
        {"server_url": URL, "user": "cook", "theme": "light", "font_scale": 1.4},
    )
    settings = _load(state, legacy_prefs=ui)
    assert (settings.server_url, settings.user, settings.theme, settings.font_scale) == (
        URL,
        "cook",
        "light",
        1.4,
    )
    data = json.loads(state.read_text())
    assert data["version"] == STATE_VERSION
    assert data["onScreen"] == {
        "server_url": URL,
        "user": "cook",
        "theme": "light",
        "font_scale": 1.4,
    }
    assert data["lastUser"] == {URL: "cook"}  # the session's memory stays where it was
    assert StateFile(state).last_user(URL) == "cook"
    ui.write_text(json.dumps({"theme": "dark", "font_scale": 2.0}))  # an old kds still running
    assert _load(state, legacy_prefs=ui).theme == "light"  # read once: the new file rules now


def test_migration_drops_what_ui_json_wrote_by_default_and_what_the_files_say(
    tmp_path: Path,
) -> None:
    """ui.json always held every field; its defaults and the values a config file already
    gives were not choices, so the installer's files keep applying as they did before."""
    toml = tmp_path / "config.toml"
    toml.write_text(f'server_url = "{URL}"\ntheme = "light"\n')
    ui = _json(
        tmp_path / "ui.json",
        {"server_url": URL + "/", "user": "", "theme": "dark", "font_scale": 9},
    )
    state = tmp_path / "state.json"
    settings = _load(state, files=[toml], legacy_prefs=ui)
    assert (settings.server_url, settings.theme, settings.font_scale) == (URL, "light", 1.0)
    assert settings.config.sources["server_url"] == str(toml)
    assert json.loads(state.read_text())["onScreen"] == {}


def test_migration_is_in_memory_only_when_read_only(tmp_path: Path) -> None:
    ui = _json(tmp_path / "ui.json", {"theme": "light"})
    state = tmp_path / "state.json"
    settings = _load(state, legacy_prefs=ui, read_only=True)
    assert (settings.theme, settings.config.sources["theme"]) == ("light", f"on-screen ({ui})")
    settings.choose(font_scale=1.5)
    assert settings.font_scale == 1.5
    assert not state.exists()


def test_an_old_ui_json_given_as_the_state_file_is_read_and_converted(tmp_path: Path) -> None:
    """``kds --prefs ui.json`` (the old option) now names the state file; its content migrates."""
    path = _json(tmp_path / "ui.json", {"server_url": URL, "user": "cook", "theme": "light"})
    settings = _load(path)
    assert (settings.server_url, settings.user, settings.theme) == (URL, "cook", "light")
    data = json.loads(path.read_text())
    assert data == {
        "version": STATE_VERSION,
        "onScreen": {"server_url": URL, "user": "cook", "theme": "light"},
    }


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", "\udcff"])
def test_corrupt_files_are_logged_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, garbage: str
) -> None:
    state = tmp_path / "state.json"
    state.write_bytes(garbage.encode("utf-8", "surrogateescape"))
    ui = tmp_path / "ui.json"
    ui.write_bytes(garbage.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING):
        settings = _load(state, legacy_prefs=ui)
    assert (settings.theme, settings.font_scale, settings.server_url) == ("dark", 1.0, "")
    assert "state file" in caplog.text
    settings.choose(theme="light")  # the next choice replaces the broken file
    assert _load(state).theme == "light"


def test_a_fresh_terminal_writes_nothing_until_a_choice(tmp_path: Path) -> None:
    state = tmp_path / "state" / "state.json"
    _load(state, legacy_prefs=tmp_path / "absent-ui.json")
    assert not state.exists()


def test_an_unwritable_file_is_logged_and_the_choice_holds_for_the_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _load(tmp_path / "state.json")

    def full_disk(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.mkstemp", full_disk)
    with caplog.at_level(logging.WARNING):
        settings.choose(theme="light")
    assert "could not write state file" in caplog.text
    assert settings.theme == "light"
    settings.choose(font_scale=1.2)
    assert (settings.theme, settings.font_scale) == ("light", 1.2)
    assert list(tmp_path.iterdir()) == []


def test_writes_are_fsynced_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (order.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append("rename"), real_replace(a, b))[1])
    StateFile(tmp_path / "state.json").save_choices({"theme": "light"})
    assert order == ["fsync", "rename"]


def test_a_newer_format_still_gives_its_choices(tmp_path: Path) -> None:
    path = _json(tmp_path / "state.json", {"version": 3, "onScreen": {"theme": "light"}, "x": 1})
    settings = _load(path)
    assert settings.theme == "light"
    settings.choose(font_scale=1.2)
    assert json.loads(path.read_text())["x"] == 1  # what a newer kds wrote is kept

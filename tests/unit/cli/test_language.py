"""The headless tools' language: the flag, else the screen's `language` setting (config.toml,
the screen's own choice, KDS_LANGUAGE), else the system's; a broken config does not stop them."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kds.app import i18n
from kds.app.config_keys import BY_NAME
from kds.cli.language import (
    CHOICES,
    add_language_argument,
    configured_language,
    speak,
    translate,
)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user config and state; no KDS_LANGUAGE."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("KDS_LANGUAGE", raising=False)
    (tmp_path / "config" / "kds").mkdir(parents=True)
    return tmp_path / "config" / "kds" / "config.toml"


def test_the_flag_then_the_variable_then_config_toml(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_home.write_text('language = "vi"\n', encoding="utf-8")
    assert configured_language(None) == "vi"
    assert configured_language("en") == "en"
    monkeypatch.setenv("KDS_LANGUAGE", "en")
    assert configured_language(None) == "en"
    assert configured_language("vi") == "vi"


def test_auto_is_the_systems_language(config_home: Path) -> None:
    assert configured_language(None) == i18n.system_language()
    assert configured_language("auto") == i18n.system_language()


def test_a_broken_config_leaves_the_flag_or_the_system(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_home.write_text("language = [\n", encoding="utf-8")  # not TOML
    assert configured_language("vi") == "vi"
    assert configured_language(None) == i18n.system_language()
    config_home.unlink()
    monkeypatch.setenv("KDS_LANGUAGE", "klingon")
    assert configured_language("vi") == "vi"


def test_speak_installs_the_catalogue(config_home: Path) -> None:
    config_home.write_text('language = "vi"\n', encoding="utf-8")
    speak(None)
    assert i18n.current_language() == "vi"
    assert translate("Password", "Password: ") == "Mật khẩu: "
    speak("en")
    assert translate("Password", "Password: ") == "Password: "


def test_the_option_offers_the_screens_languages() -> None:
    parser = argparse.ArgumentParser()
    add_language_argument(parser)
    assert parser.parse_args([]).language is None
    assert parser.parse_args(["--language", "vi"]).language == "vi"
    with pytest.raises(SystemExit):
        parser.parse_args(["--language", "fr"])


def test_the_tools_offer_the_language_keys_own_choices() -> None:
    assert BY_NAME["language"].choices == CHOICES

"""The `kds` entry point: --version without touching Qt or the network; --print-config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kds import __version__


def test_version_flag_prints_the_package_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kds", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"kds {__version__}"


def test_print_config_shows_each_key_with_its_layer(tmp_path: Path) -> None:
    """`kds --print-config` through the real entry point: config file, on-screen choice from
    an old ui.json (not migrated: printing writes nothing), variable and flag."""
    (tmp_path / "config" / "kds").mkdir(parents=True)
    user_toml = tmp_path / "config" / "kds" / "config.toml"
    user_toml.write_text('restaurant = "Pho Hanoi"\ntheme = "dark"\n')
    ui_json = tmp_path / "config" / "kds" / "ui.json"
    ui_json.write_text(json.dumps({"theme": "light", "user": "cook"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDS_")}
    env |= {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "st")}
    env |= {"KDS_VOLUME": "70", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "kds", "--print-config", "--font-scale", "1.5", "--language", "vi"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    lines = out.stdout.splitlines()
    assert f'restaurant = "Pho Hanoi"  # {user_toml}' in lines
    assert f'theme = "light"  # on-screen ({ui_json})' in lines
    assert f'user = "cook"  # on-screen ({ui_json})' in lines
    assert "volume = 70  # env KDS_VOLUME" in lines
    assert "font_scale = 1.5  # --font-scale" in lines
    assert 'language = "vi"  # --language' in lines
    assert f"# on-screen choices: {tmp_path / 'st' / 'kds' / 'state.json'}" in lines
    assert not (tmp_path / "st").exists()

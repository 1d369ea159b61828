"""`kds board`: the kitchen screen's subcommand, listed first in `kds --help`, with every option
of the screen; bare `kds [options]` runs the same screen; the headless tools load no QtWidgets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kds.app.config_keys import KEYS
from kds.cli.board import HELP
from kds.cli.main import main


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps lines: compare words


def test_kds_help_lists_board_first_with_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "--help")
    assert f"board {' '.join(HELP.split())}" in text
    commands = [text.index(f" {name} ") for name in ("board", "tail", "doctor", "demo")]
    assert commands == sorted(commands)
    assert "`kds [options]` runs the kitchen screen" in text
    assert "kds board --help" in text
    assert "python -m kds.ui.main" not in text


def test_kds_board_help_lists_every_option_of_the_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys, "board", "--help")
    assert text.startswith("usage: kds board ")
    for flag in ("--server", "--restaurant", "--kiosk", "--language", "--print-config", "--state"):
        assert flag in text
    for key in KEYS:
        for flag in key.cli_flags:
            assert flag in text
        if key.cli_flags:
            assert " ".join(key.help.split()) in text  # the key table's line


def test_kds_board_rejects_an_unknown_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["board", "--no-such-option"])
    assert done.value.code == 2
    assert "error: unrecognized arguments: --no-such-option" in capsys.readouterr().err


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDS_")}
    env |= {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "st")}
    return env | {"QT_QPA_PLATFORM": "offscreen"}


def _kds(tmp_path: Path, *argv: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "kds", *argv],
        capture_output=True,
        text=True,
        check=True,
        env=_env(tmp_path),
    ).stdout


def test_board_print_config_is_the_bare_commands(tmp_path: Path) -> None:
    board = _kds(tmp_path, "board", "--print-config", "--language", "vi")
    assert 'language = "vi"  # --language' in board.splitlines()
    assert _kds(tmp_path, "--print-config", "--language", "vi") == board


def test_python_m_kds_ui_main_points_to_kds_board(tmp_path: Path) -> None:
    text = subprocess.run(
        [sys.executable, "-m", "kds.ui.main", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env=_env(tmp_path),
    ).stdout
    assert text.startswith("usage: kds board ")
    assert "kds board --help" in text
    assert "--print-config" in text


HEADLESS = """\
import sys
from kds.cli.main import build_parser, main
build_parser().format_help()
print(sorted(m for m in sys.modules if m.startswith("PySide6")))
main(["doctor", "--server", "http://127.0.0.1:9", "--language", "vi"])
print("PySide6.QtCore" in sys.modules, "PySide6.QtWidgets" in sys.modules)
"""


def test_the_headless_tools_never_load_qtwidgets(tmp_path: Path) -> None:
    """`kds --help` loads no Qt at all; `kds doctor` speaking Vietnamese loads QtCore only."""
    env = _env(tmp_path)
    env.pop("QT_QPA_PLATFORM")
    out = subprocess.run(
        [sys.executable, "-c", HEADLESS], capture_output=True, text=True, env=env, timeout=60
    ).stdout.splitlines()
    assert out[0] == "[]"
    assert out[-1] == "True False"

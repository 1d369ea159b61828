"""`run_gui(argv, make_session)`: parse the GUI options, build the window, run the event loop.

`kds` with no subcommand calls ``run_gui(argv, Session)``: the entry point passes the session
class in because `kds.ui` may not import it (see `kds.ui.session_api`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kds.app.config import ConfigError, format_config, load_config
from kds.app.settings import SessionSettings
from kds.ui.alert_player import AlertPlayer, SilentAlertPlayer, SimpleAudioPlayer
from kds.ui.keymap import KeyMap, KeyMapError
from kds.ui.main_window import MainWindow
from kds.ui.prefs import UiPrefs
from kds.ui.session_api import SessionApi

__all__ = ["build_gui_parser", "run_gui", "scale_for_size", "screen_scale"]


def build_gui_parser(prog: str = "kds") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Kitchen display (GUI).")
    add_gui_arguments(parser)
    return parser


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    """The GUI options, for `kds` (no subcommand) to share."""
    parser.add_argument("--server", help="backend address, e.g. https://orders.example.com")
    parser.add_argument("--user", help="user name to pre-fill")
    parser.add_argument("--ca-file", help="extra CA bundle for a private certificate authority")
    parser.add_argument("--restaurant", help="restaurant id or name to open after sign-in")
    parser.add_argument("--kiosk", action="store_true", help="full screen, no window frame")
    parser.add_argument("--theme", choices=("dark", "light"), help="colour theme")
    parser.add_argument("--font-scale", type=float, help="text size factor (0.6–2.5)")
    parser.add_argument("--no-sound", action="store_true", help="visual alerts only")
    parser.add_argument("--volume", type=int, help="alert volume in percent (10–100)")
    parser.add_argument("--prefs", type=Path, help="UI preferences file (default: user config)")
    parser.add_argument(
        "--print-config", action="store_true", help="show the effective settings and their sources"
    )


def screen_scale(app: QApplication) -> float:
    """Text grows with the screen: 1.0 up to 1280×800, about 1.35 on 1920×1080, at most 1.5.

    The sizes in `kds.ui.theme` are chosen for a 1280×800 panel; a kitchen screen is read from
    two metres whatever its resolution, so a larger panel gets proportionally larger text. The
    user's own text-size setting multiplies this.
    """
    screen = app.primaryScreen()
    if screen is None:
        return 1.0
    size = screen.availableGeometry().size()
    return scale_for_size(size.width(), size.height())


def scale_for_size(width: int, height: int) -> float:
    """See `screen_scale`."""
    return min(max(min(width / 1280, height / 800), 1.0), 1.5)


def run_gui(
    argv: Sequence[str] | None,
    make_session: Callable[[SessionSettings], SessionApi],
    *,
    on_window: Callable[[MainWindow], None] | None = None,
) -> int:
    """Start the kitchen display; returns the process exit code.

    Args:
        argv: the GUI options (see `add_gui_arguments`); None reads `sys.argv`.
        make_session: builds a session from its settings (`kds.app.session.Session`).
        on_window: called once the window is shown (`kds demo` signs in through it).
    """
    args = build_gui_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    flags = {"server_url": args.server, "ca_file": args.ca_file, "theme": args.theme}
    flags |= {"font_scale": args.font_scale, "sound": False if args.no_sound else None}
    flags |= {"restaurant": args.restaurant, "volume": args.volume}
    try:
        config = load_config(cli=flags)
        keymap = KeyMap(config.keys)
    except (ConfigError, KeyMapError) as exc:
        print(f"kds: configuration: {exc}", file=sys.stderr)
        return 2
    for warning in config.warnings:
        print(f"kds: warning: {warning}", file=sys.stderr)
    if args.print_config:
        print(format_config(config))
        return 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kds")
    prefs = UiPrefs.load(args.prefs)
    # Configured values (file, environment, flag) win over what the screen remembered.
    if config.server_url:
        prefs.server_url = config.server_url
    if args.user:
        prefs.user = args.user
    if config.theme:
        prefs.theme = config.theme
    if config.font_scale:
        prefs.font_scale = config.font_scale
    player: AlertPlayer = (
        SimpleAudioPlayer(volume=config.volume / 100) if config.sound else SilentAlertPlayer()
    )
    ca_file = config.ca_file

    def session_for(server_url: str) -> SessionApi:
        return make_session(
            SessionSettings(server_url, ca_file=ca_file, restaurant=config.restaurant)
        )

    window = MainWindow(
        session_for,
        player,
        prefs,
        thresholds=config.thresholds,
        keymap=keymap,
        screen_scale=screen_scale(app),
    )
    if args.kiosk:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    # Ctrl+C closes cleanly. Python runs signal handlers only between bytecodes, and Qt's event
    # loop is C++: without a timer waking the interpreter, SIGINT would wait forever.
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, window.close))
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(100)
    if on_window is not None:
        on_window(window)
    try:
        code = app.exec()
    finally:
        heartbeat.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        window.shutdown()
    return int(code)


if __name__ == "__main__":
    # `python -m kds.ui.main --help` documents the GUI options; `kds` itself starts the screen
    # (this module may not import the session class, see `kds.ui.session_api`).
    build_gui_parser().parse_args()
    print("Start the kitchen screen with `kds` (same options).")

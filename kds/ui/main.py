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

from kds.app import i18n
from kds.app.config import ConfigError, format_config
from kds.app.config_keys import KEYS
from kds.app.settings import SessionSettings, Settings
from kds.ui.alert_player import AlertPlayer, SilentAlertPlayer, SimpleAudioPlayer
from kds.ui.keymap import KeyMap, KeyMapError
from kds.ui.kiosk import Kiosk
from kds.ui.main_window import MainWindow
from kds.ui.session_api import SessionApi

__all__ = ["build_gui_parser", "run_gui", "scale_for_size", "screen_scale"]

_REBUILD = 0x4B44
"""The event loop's exit code when the window asks to be built again (another language)."""


def build_gui_parser(prog: str = "kds") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Kitchen display (GUI).")
    add_gui_arguments(parser)
    return parser


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    """The GUI options, for `kds` (no subcommand) to share: one per key of
    `kds.app.config_keys.KEYS` that has a flag, then the options that are not settings."""
    for key in KEYS:
        if not key.cli_flags:
            continue
        if key.kind is bool:  # one form, the one that changes the default (--no-sound)
            parser.add_argument(
                *key.cli_flags,
                dest=key.name,
                action="store_const",
                const=not key.default,
                help=key.help,
            )
        else:
            kind = key.kind if key.kind in (int, float) else str
            parser.add_argument(
                *key.cli_flags, dest=key.name, type=kind, choices=key.choices, help=key.help
            )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="fill the screen (window manager or not): no frame, no cursor, no screen blanking",
    )
    parser.add_argument(
        "--state",
        "--prefs",
        type=Path,
        metavar="FILE",
        help="the user-state file: on-screen choices and last sign-in (default: user state dir)",
    )
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
        on_window: called once the window is shown (`kds demo` signs in through it), and
            again with each window built anew in another language.

    A language chosen in the settings applies at once: the window asks to be rebuilt, and the
    event loop is left, the window replaced (see `kds.ui.main_window`) and run again.
    """
    args = build_gui_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    flags = {key.name: getattr(args, key.name) for key in KEYS if key.cli_flags}
    try:
        settings = Settings.load(state_path=args.state, cli=flags, read_only=args.print_config)
        config = settings.config
        keymap = KeyMap(config.keys)
    except (ConfigError, KeyMapError) as exc:
        print(f"kds: configuration: {exc}", file=sys.stderr)
        return 2
    for warning in config.warnings:
        print(f"kds: warning: {warning}", file=sys.stderr)
    if args.print_config:
        print(format_config(config, state_path=settings.state.path))
        return 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kds")
    i18n.install(i18n.resolve(config.language))  # before any widget: they translate as built
    player: AlertPlayer = (
        SimpleAudioPlayer(volume=config.volume / 100) if config.sound else SilentAlertPlayer()
    )

    def session_for(server_url: str) -> SessionApi:
        # Read when the session starts: ca_file and restaurant are installer settings, fixed
        # for the run; the state file is the one the screen's choices go to; auto-accept as
        # it is now (the settings dialog switches a running session's at once).
        return make_session(
            SessionSettings(
                server_url,
                ca_file=settings.config.ca_file,
                restaurant=settings.config.restaurant,
                state_path=settings.state.path,
                auto_accept=settings.config.auto_accept,
                auto_accept_eta_min=settings.config.accept_eta_minutes,
            )
        )

    def build_window() -> MainWindow:
        window = MainWindow(
            session_for,
            player,
            settings,
            thresholds=config.thresholds,
            keymap=keymap,
            screen_scale=screen_scale(app),
        )
        window.rebuild_requested.connect(on_rebuild)
        return window

    def show_window(window: MainWindow) -> Kiosk | None:
        if not args.kiosk:
            window.resize(1280, 800)
            window.show()
            return None
        kiosk = Kiosk(window)
        kiosk.start()
        return kiosk

    def on_rebuild() -> None:
        # Leave the event loop (not `quit`, which would close the windows first), saying why:
        # the loop below builds the new window and runs it again.
        app.exit(_REBUILD)

    window = build_window()
    kiosk = show_window(window)
    # Ctrl+C, and SIGTERM (systemd stopping a kiosk), close cleanly: the session stops and the
    # kiosk puts the screen's blanking back. Python runs signal handlers only between bytecodes,
    # and Qt's event loop is C++: without a timer waking the interpreter, a signal would wait.
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda *_: QTimer.singleShot(0, lambda: window.close()))
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(100)
    try:
        while True:
            if on_window is not None:
                on_window(window)
            code = app.exec()
            if code != _REBUILD:
                break
            # Another language: the old window and its session stop first (one session per
            # state file and keyring), then a new window is built in the new words — its
            # silent sign-in resumes the session, kept steps are on disk — and shown before the
            # old one goes (never no window: Qt would end the program with the last one).
            old, old_kiosk = window, kiosk
            old.shutdown()
            if old_kiosk is not None:
                old_kiosk.stop()
            i18n.install(i18n.resolve(settings.config.language))
            window = build_window()
            kiosk = show_window(window)
            old.close()
            old.deleteLater()
    finally:
        heartbeat.stop()
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)  # None: set in C
        if kiosk is not None:
            kiosk.stop()
        window.shutdown()
    return int(code)


if __name__ == "__main__":
    # `kds board` (or `kds`) starts the screen, with this module's options: this module may not
    # import the session class (see `kds.ui.session_api`), so here it only documents them.
    gui_parser = build_gui_parser("kds board")
    gui_parser.epilog = "Start the kitchen screen with `kds board` (see `kds board --help`)."
    gui_parser.parse_args()
    print("Start the kitchen screen with `kds board` (same options; `kds board --help`).")

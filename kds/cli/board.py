"""``kds board``: the kitchen screen; ``kds [options]`` without a command runs it too.

The screen's options are `kds.ui.main.add_gui_arguments` (one per key of the key table
`kds.app.config_keys.KEYS`, with its help line, then ``--kiosk``, ``--state`` and
``--print-config``). They are added to the subcommand's parser only when ``kds board`` itself
is parsed: `kds.ui.main` loads QtWidgets, which the headless tools (``kds tail``,
``kds doctor``) never import, and ``kds --help`` lists the subcommand by its help line alone.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

__all__ = ["HELP", "add_parser", "run"]

HELP = "the kitchen screen (the default: `kds [options]` is `kds board [options]`)"


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], *, with_options: bool
) -> None:
    """``kds board``; its options only `with_options` (loads the GUI's module)."""
    p = sub.add_parser(
        "board",
        help=HELP,
        description="The kitchen screen. `kds` without a command runs it too, with the same "
        "options. The settings among them can also be set in config.toml or by KDS_* "
        "variables; --print-config shows each one's value and where it comes from.",
    )
    if with_options:
        from kds.ui.main import add_gui_arguments

        add_gui_arguments(p)


def run(argv: Sequence[str]) -> int:
    """Start the kitchen screen with the screen's options `argv`; the process's exit code."""
    # The GUI: imported here so the headless tools never load QtWidgets.
    from kds.app.logging_setup import setup_logging
    from kds.app.session import Session
    from kds.ui.main import run_gui

    args = list(argv)
    if "--print-config" not in args:
        setup_logging()  # before run_gui, whose basicConfig then leaves these handlers alone
    return run_gui(args, Session)

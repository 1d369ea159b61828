"""The `kds` command: the GUI by default, or a headless tool (`kds tail`, `kds doctor`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kds import __version__
from kds.cli import demo, doctor, tail

_TOOLS = ("tail", "doctor", "demo")
_OWN_FLAGS = ("--version", "-h", "--help")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kds",
        description="Kitchen display system. Without a command: the kitchen screen "
        "(see `python -m kds.ui.main --help` for its options).",
    )
    parser.add_argument("--version", action="version", version=f"kds {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    tail.add_parser(sub)
    doctor.add_parser(sub)
    demo.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and (args_list[0] in _TOOLS or args_list[0] in _OWN_FLAGS):
        args = build_parser().parse_args(args_list)
        code: int = args.run(args)
        return code
    # The GUI: imported here so the headless tools never load QtWidgets.
    from kds.app.logging_setup import setup_logging
    from kds.app.session import Session
    from kds.ui.main import run_gui

    if "--print-config" not in args_list:
        setup_logging()  # before run_gui, whose basicConfig then leaves these handlers alone
    return run_gui(args_list, Session)


if __name__ == "__main__":
    sys.exit(main())

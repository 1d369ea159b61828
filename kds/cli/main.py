"""The `kds` command: the kitchen screen (`kds board`, the default) or a headless tool
(`kds tail`, `kds doctor`), or `kds demo`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kds import __version__
from kds.cli import board, demo, doctor, tail

_TOOLS = ("board", "tail", "doctor", "demo")
_OWN_FLAGS = ("--version", "-h", "--help")


def build_parser(*, gui_options: bool = False) -> argparse.ArgumentParser:
    """The `kds` parser; `gui_options`: with `kds board`'s options (loads QtWidgets)."""
    parser = argparse.ArgumentParser(
        prog="kds",
        description="Kitchen display system. Without a command, `kds [options]` runs the "
        "kitchen screen, as `kds board [options]` does (see `kds board --help` for its "
        "options).",
    )
    parser.add_argument("--version", action="version", version=f"kds {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    board.add_parser(sub, with_options=gui_options)
    tail.add_parser(sub)
    doctor.add_parser(sub)
    demo.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and (args_list[0] in _TOOLS or args_list[0] in _OWN_FLAGS):
        on_board = args_list[0] == "board"
        args = build_parser(gui_options=on_board).parse_args(args_list)
        if on_board:  # parsed above for `--help` and errors; the screen parses its own options
            return board.run(args_list[1:])
        code: int = args.run(args)
        return code
    return board.run(args_list)


if __name__ == "__main__":
    sys.exit(main())

"""The `kds` command: dispatches to the GUI and the headless tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kds import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kds", description="Kitchen display system.")
    parser.add_argument("--version", action="version", version=f"kds {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

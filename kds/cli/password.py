"""Where a headless tool gets the password: stdin, the environment, or a prompt — never argv."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from typing import Any

from kds.cli.language import translate

__all__ = ["ENV_PASSWORD", "add_password_arguments", "read_password"]

ENV_PASSWORD = "KDS_PASSWORD"


def read_password(from_stdin: bool) -> str:
    """``--password-stdin`` (first line, newline stripped), else ``$KDS_PASSWORD``, else a prompt.

    Command-line arguments are visible to every user of the machine (``ps``), so a password
    is never accepted there.
    """
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    env = os.environ.get(ENV_PASSWORD)
    if env is not None:
        return env
    return getpass.getpass(translate("Password", "Password: "))


class _RefuseArgvPassword(argparse.Action):
    """``--password X``: refused with a hint, without echoing the value back."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        parser.error(
            "a password on the command line is visible to every user (ps): "
            f"use --password-stdin or ${ENV_PASSWORD}"
        )


def add_password_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read the password from stdin (else ${ENV_PASSWORD}, else a prompt)",
    )
    parser.add_argument("--password", action=_RefuseArgvPassword, help=argparse.SUPPRESS)

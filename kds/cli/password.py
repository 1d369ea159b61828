"""Where a headless tool gets the password: stdin, the environment, or a prompt — never argv."""

from __future__ import annotations

import getpass
import os
import sys

__all__ = ["ENV_PASSWORD", "read_password"]

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
    return getpass.getpass("Password: ")

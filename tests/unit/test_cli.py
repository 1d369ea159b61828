"""The `kds` entry point answers --version without touching Qt or the network."""

from __future__ import annotations

import subprocess
import sys

from kds import __version__


def test_version_flag_prints_the_package_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kds", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"kds {__version__}"

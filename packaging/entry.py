"""The one executable of the bundle: `kds`, or `kds-server` when started under that name.

Why one program with two names: both share every library (Python, httpx, ...), so one
PyInstaller analysis and one executable cost half the build time; `kds-server` is a symlink.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    if Path(sys.argv[0]).name == "kds-server":
        from kds.server.__main__ import main as server_main

        return server_main(sys.argv[1:])
    from kds.cli.main import main as kds_main

    return kds_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

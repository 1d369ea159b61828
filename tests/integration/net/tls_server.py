"""Run the real kds-server behind TLS (test only): ``python -m ... CERT KEY <kds-server args>``.

kds-server has no TLS options (production TLS is a reverse proxy's job), so this launcher
hands uvicorn the certificate before calling the server's own ``main``.
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn

from kds.server import __main__ as server_main


def main() -> int:
    certfile, keyfile, *argv = sys.argv[1:]
    plain = uvicorn.Config

    class TlsConfig(plain):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, ssl_certfile=certfile, ssl_keyfile=keyfile, **kwargs)

    uvicorn.Config = TlsConfig  # type: ignore[misc]
    return server_main.main(argv)


if __name__ == "__main__":
    sys.exit(main())

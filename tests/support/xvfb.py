"""A real X server with no window manager (Xvfb), for the kiosk tests: what an `xinit`-only
kiosk runs on, where full screen, keyboard focus and blanking are the application's own job."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator

import pytest

__all__ = ["XvfbFactory", "xvfb"]

XvfbFactory = Callable[..., str]


@pytest.fixture
def xvfb() -> Iterator[XvfbFactory]:
    """``start(width=1280, height=800) -> ":N"``: a real X server with no window manager.

    Xvfb picks a free display itself (``-displayfd``) and writes its number when it accepts
    clients, so reading that pipe is the wait. ``-noreset``: an X server resets its settings
    when its last client leaves, and these tests open and close their own connections (on a
    kiosk, Qt's connection stays open all along). Skips when Xvfb is absent; `scripts/setup`
    installs it.
    """
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (scripts/setup installs it): no real X server")
    servers: list[subprocess.Popen[bytes]] = []

    def start(width: int = 1280, height: int = 800) -> str:
        read_end, write_end = os.pipe()
        command = [binary, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24"]
        command += ["-nolisten", "tcp", "-noreset"]
        server = subprocess.Popen(
            command, pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        servers.append(server)
        os.close(write_end)
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()  # EOF (empty) if Xvfb died first
        if not number:
            server.wait(timeout=10)
            assert server.stderr is not None
            pytest.fail(f"Xvfb did not start: {server.stderr.read().decode(errors='replace')}")
        return f":{number}"

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()

"""CI builds the .deb and smoke-tests what it installs, unpacked into a throw-away root."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.integration.cli.tailproc import ROOT, kds_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(420)]

_READY = re.compile(r"^kds-server listening on (http://\S+)$", re.MULTILINE)
PHO_HANOI = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Builds the package (zstd, as CI does) and unpacks it with `dpkg-deb -x`; returns the root."""
    out = tmp_path_factory.mktemp("deb")
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(out)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=400,
    )
    figures = json.loads((out / "build.json").read_text())
    root = out / "root"
    subprocess.run(["dpkg-deb", "-x", figures["deb"], str(root)], check=True)
    control = subprocess.run(
        ["dpkg-deb", "-f", figures["deb"], "Depends"], check=True, capture_output=True, text=True
    ).stdout
    assert "libgl1" in control, control  # measured by ldd: Qt links libGL, the bundle omits it
    return root


@pytest.fixture
def bundled_server(installed: Path, tmp_path: Path) -> Iterator[str]:
    stdout = tmp_path / "server.out"
    cmd = [str(installed / "opt/kds/kds-server"), "--dev", "--seed", "demo", "--port", "0"]
    cmd += ["--db", str(tmp_path / "kds.db")]
    with stdout.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=kds_env(tmp_path))
    try:
        deadline = time.monotonic() + 60
        while not (match := _READY.search(stdout.read_text(errors="replace"))):
            assert proc.poll() is None, "bundled kds-server exited before its ready line"
            assert time.monotonic() < deadline, "no ready line within 60 s"
            time.sleep(0.05)  # polling the ready line with a deadline
        yield match.group(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert proc.stderr is not None
        proc.stderr.close()


def test_package_layout(installed: Path) -> None:
    assert os.readlink(installed / "usr/bin/kds") == "/opt/kds/kds"
    assert os.readlink(installed / "usr/bin/kds-server") == "/opt/kds/kds-server"
    assert os.access(installed / "opt/kds/bin/kds-enable-kiosk", os.X_OK)
    desktop = (installed / "usr/share/applications/kds.desktop").read_text()
    assert "Exec=/usr/bin/kds\n" in desktop
    icon = installed / "usr/share/icons/hicolor/256x256/apps/kds.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    qm = list((installed / "opt/kds").rglob("kds/i18n/kds_vi.qm"))
    assert len(qm) == 1, "the Vietnamese catalogue is bundled where kds.app.i18n looks"
    assert (
        "Exec=/usr/bin/kds --kiosk" in (installed / "opt/kds/share/kds-kiosk.desktop").read_text()
    )


def test_bundled_kds_version(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed / "opt/kds/kds"), "--version"],
        capture_output=True, text=True, env=kds_env(tmp_path), timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"kds \d+\.\d+\.\d+\n", done.stdout)


def test_bundled_server_and_tail(installed: Path, bundled_server: str, tmp_path: Path) -> None:
    assert httpx.get(f"{bundled_server}/ping", timeout=10).json() == "pong"
    placed = httpx.post(
        f"{bundled_server}/api/v1/dev/orders",
        json={"restaurantId": PHO_HANOI, "items": [{"name": "Pho bo", "quantity": 2}]},
        timeout=10,
    )
    assert placed.status_code == 200, placed.text
    cmd = [str(installed / "opt/kds/kds"), "tail", "--server", bundled_server, "--json"]
    cmd += ["--user", "staff.pho-hanoi@kds.example", "--restaurant", "pho-hanoi"]
    cmd += ["--exit-after-s", "5", "--password-stdin"]
    done = subprocess.run(
        cmd, input="Password123!\n", capture_output=True, text=True,
        env=kds_env(tmp_path), timeout=90, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    upserts = [r for r in records if r["type"] == "upsert"]
    assert any(r["order"]["orderId"] == placed.json()["orderId"] for r in upserts), records

"""Builds `dist/kds_<version>_<arch>.deb`: a PyInstaller one-folder bundle under /opt/kds.

Usage: `.venv/bin/python packaging/build.py [--out DIR]`. Steps: draw the icon, freeze
`packaging/entry.py` (one executable; `kds-server` is a symlink to it), measure the Debian
packages the bundle's shared objects need (`ldd` on every ELF file, each library found outside
the bundle mapped to its package with `dpkg -S`), lay out the package root, `dpkg-deb --build`.
Figures (sizes, build time, Depends) go to `<out>/build.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_icon import draw_icon  # noqa: E402

# Nothing at run time imports these; PyInstaller would follow them through optional imports.
EXCLUDES = [
    "tkinter", "pytest", "_pytest", "hypothesis", "schemathesis", "mypy", "PyInstaller",
    "IPython", "numpy", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtMultimedia", "PySide6.QtOpenGL", "PySide6.QtSvg", "PySide6.QtPdf",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus", "PySide6.QtConcurrent",
    "PySide6.QtXml", "PySide6.QtPrintSupport", "PySide6.QtDesigner", "PySide6.QtHelp",
]  # fmt: skip
HIDDEN = ["kds.server.__main__", "kds.cli.main", "uvicorn.logging", "uvicorn.loops.auto",
          "uvicorn.protocols.http.auto", "uvicorn.protocols.websockets.auto",
          "uvicorn.lifespan.on"]  # fmt: skip
# Not shared objects, so `ldd` cannot see them: Qt draws every glyph as a box without a font
# (shared/deps-notes.md §6, measured in a bare Debian 12 chroot).
# libxext6 is a library, but one the kiosk's DPMS switch (kds/ui/screen_keepawake.py) opens
# through ctypes at run time, so `ldd` cannot see it either.
NON_LIBRARY_DEPENDS = ["fonts-dejavu-core", "fontconfig-config", "libxext6"]

DESKTOP = """[Desktop Entry]
Type=Application
Name=Kitchen Display (kds)
Comment=Live kitchen order board for YummyZoom restaurants
Exec=/usr/bin/kds
Icon=kds
Terminal=false
Categories=Office;
"""

KIOSK_DESKTOP = """[Desktop Entry]
Type=Application
Name=kds kiosk
Comment=Starts the kitchen display full screen at login
Exec=/usr/bin/kds --kiosk
Icon=kds
Terminal=false
X-GNOME-Autostart-enabled=true
"""

ENABLE_KIOSK = """#!/bin/sh
# kds-enable-kiosk [--system] [--disable]: start `kds --kiosk` at every graphical login.
# Default: this user only (~/.config/autostart). --system: every user (/etc/xdg/autostart, root).
set -eu
dir="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
action=enable
for arg in "$@"; do
    case "$arg" in
        --system) dir=/etc/xdg/autostart ;;
        --disable) action=disable ;;
        *) echo "usage: kds-enable-kiosk [--system] [--disable]" >&2; exit 2 ;;
    esac
done
if [ "$action" = disable ]; then
    rm -f "$dir/kds-kiosk.desktop"
    echo "kds kiosk autostart removed from $dir"
else
    mkdir -p "$dir"
    cp /opt/kds/share/kds-kiosk.desktop "$dir/kds-kiosk.desktop"
    echo "kds will start full screen at the next login ($dir/kds-kiosk.desktop)"
fi
"""

POSTRM = """#!/bin/sh
# Package files go with `remove`; settings and data only with `purge`. Files in users' home
# directories are never touched.
set -e
if [ "$1" = purge ]; then
    rm -rf /etc/kds /var/lib/kds
    rm -f /etc/xdg/autostart/kds-kiosk.desktop
fi
exit 0
"""


def run(cmd: list[str], **kw: object) -> str:
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    return str(done.stdout)


def freeze(work: Path) -> Path:
    """PyInstaller onedir of `entry.py` as `kds`; returns the bundle directory."""
    # The translations' .qm files are built, not kept in git: build them before collecting data.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "build"], check=True)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    cmd += ["--onedir", "--name", "kds", "--distpath", str(work / "dist")]
    cmd += ["--workpath", str(work / "build"), "--specpath", str(work)]
    cmd += ["--collect-data", "kds", "--paths", str(ROOT)]
    for name in EXCLUDES:
        cmd += ["--exclude-module", name]
    for name in HIDDEN:
        cmd += ["--hidden-import", name]
    subprocess.run([*cmd, str(HERE / "entry.py")], check=True, cwd=work)
    bundle = work / "dist" / "kds"
    (bundle / "kds-server").symlink_to("kds")
    return bundle


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def measure_depends(bundle: Path) -> tuple[list[str], list[str]]:
    """(Debian packages, libraries not found) for every library the bundle loads from the system.

    `ldd` runs with LD_LIBRARY_PATH at the bundle's `_internal` (as PyInstaller's bootloader
    does), so a library the bundle carries is not counted. By hand:
    `LD_LIBRARY_PATH=/opt/kds/_internal find /opt/kds -type f -name '*.so*' -exec ldd {} + |
    grep '=> /' | grep -v /opt/kds`, then `dpkg -S <path>` for each path.
    """
    elves = [
        str(p) for p in sorted(bundle.rglob("*"))
        if not p.is_symlink() and p.is_file() and _is_elf(p)
    ]  # fmt: skip
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    system_libs: set[str] = set()
    missing: set[str] = set()
    line = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)")
    for start in range(0, len(elves), 200):
        out = subprocess.run(
            ["ldd", *elves[start : start + 200]], capture_output=True, text=True, env=env
        )
        for text in out.stdout.splitlines():
            m = line.match(text)
            if not m:
                continue
            name, where = m.groups()
            if where == "not":
                missing.add(name)
            elif not Path(where).resolve().is_relative_to(bundle.resolve()):
                system_libs.add(where)
    candidates: set[str] = set()
    for lib in system_libs:
        for path in {lib, os.path.realpath(lib)}:
            candidates |= {
                path,
                path.replace("/lib/", "/usr/lib/", 1) if path.startswith("/lib/") else path,
            }
    # One dpkg call: it answers the paths it knows (and exits 1 for the others).
    out = subprocess.run(["dpkg", "-S", *sorted(candidates)], capture_output=True, text=True)
    packages = {row.split(":")[0].strip() for row in out.stdout.splitlines() if ": /" in row}
    return sorted(packages), sorted(missing)


def du_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def layout(root: Path, bundle: Path, depends: list[str], version: str, arch: str) -> None:
    opt = root / "opt" / "kds"
    shutil.copytree(bundle, opt, symlinks=True)
    (opt / "bin").mkdir()
    enable = opt / "bin" / "kds-enable-kiosk"
    enable.write_text(ENABLE_KIOSK)
    enable.chmod(0o755)
    (opt / "share").mkdir()
    (opt / "share" / "kds-kiosk.desktop").write_text(KIOSK_DESKTOP)
    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in ("kds", "kds-server"):
        (usr_bin / name).symlink_to(f"/opt/kds/{name}")
    (usr_bin / "kds-enable-kiosk").symlink_to("/opt/kds/bin/kds-enable-kiosk")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "kds.desktop").write_text(DESKTOP)
    draw_icon(root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "kds.png")
    debian = root / "DEBIAN"
    debian.mkdir()
    control = (
        f"Package: kds\nVersion: {version}\nArchitecture: {arch}\n"
        "Maintainer: kds maintainers <kds@kds.example>\n"
        f"Installed-Size: {du_bytes(root) // 1024}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\nPriority: optional\n"
        "Description: kitchen display system for the YummyZoom ordering backend\n"
        " A kitchen screen (kds), a headless order tail and checks (kds tail, kds doctor), and\n"
        " kds-server, a reference backend with a demo mode (kds demo).\n"
    )
    (debian / "control").write_text(control)
    postrm = debian / "postrm"
    postrm.write_text(POSTRM)
    postrm.chmod(0o755)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the kds .deb")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output directory")
    parser.add_argument("--xz", action="store_true", help="smaller .deb, ~100 s slower")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    from kds import __version__

    arch = run(["dpkg", "--print-architecture"]).strip()
    started = time.monotonic()
    bundle = freeze(work)
    frozen_s = time.monotonic() - started
    libs, missing = measure_depends(bundle)
    depends = sorted({*libs, *NON_LIBRARY_DEPENDS})
    root = work / "root"
    layout(root, bundle, depends, __version__, arch)
    deb = out / f"kds_{__version__}_{arch}.deb"
    # zstd: 4 s for ~76 MB; xz -6 makes ~62 MB but takes ~100 s (dpkg >= 1.21.18 reads both).
    compress = ["-Zxz", "-z6"] if args.xz else ["-Zzstd", "-z9"]
    run(["dpkg-deb", "--root-owner-group", *compress, "--build", str(root), str(deb)])
    figures = {
        "bundle_mb": round(du_bytes(bundle) / 1e6, 1),
        "deb_mb": round(deb.stat().st_size / 1e6, 1),
        "freeze_s": round(frozen_s, 1),
        "build_s": round(time.monotonic() - started, 1),
        "depends": depends,
        "libraries_not_found": missing,
        "deb": str(deb),
    }
    (out / "build.json").write_text(json.dumps(figures, indent=1) + "\n")
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The catalogue in git is complete: Qt's lupdate finds nothing untranslated or out of date.

Runs `scripts/translations.py check`: lupdate over the client's code into a copy of each
``kds/i18n/kds_<lang>.ts``; an unfinished, obsolete or vanished entry, or a translation that
loses a ``{placeholder}`` or ``%n``, fails it with the entry named.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_lupdate_finds_no_untranslated_obsolete_or_broken_entry() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_built_catalogues_are_newer_than_their_sources() -> None:
    """A stale .qm shows old words: the set-up builds them, so a test run never uses one."""
    for ts in sorted((ROOT / "kds" / "i18n").glob("kds_*.ts")):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} missing: run scripts/setup"
        assert qm.stat().st_mtime >= ts.stat().st_mtime, f"{qm.name} older than {ts.name}"

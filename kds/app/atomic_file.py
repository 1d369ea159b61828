"""Replace a small JSON file so that a power cut leaves the old file or the new one, never half.

Temporary file in the same directory (mode 0600: these files hold which customers' orders were
in the kitchen and who signed in), fsync, then rename over the old one. The state file and the
"done here" marks both write this way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

__all__ = ["write_json_atomic"]

log = logging.getLogger(__name__)


def write_json_atomic(path: Path, data: object, *, what: str) -> bool:
    """Write `data` as `path`; False (logged, naming `what`) when it cannot be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)  # 0600
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())  # the rename must not land before the data (power cut)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("could not write %s %s (%s)", what, path, type(exc).__name__)
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return True

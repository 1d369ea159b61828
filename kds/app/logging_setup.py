"""Logging for the kitchen screen: stderr plus a rotating file in the platform log dir, redacted.

Why here and not in `kds.ui`: the redaction lives in `kds.net`, which the UI may not import; the
app layer may, and hands the UI one call.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import platformdirs

from kds.net.redact import RedactingFilter, install_redaction

__all__ = ["default_log_path", "setup_logging"]

_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_MARK = "_kds_handler"


def default_log_path() -> Path:
    return Path(platformdirs.user_log_dir("kds", appauthor=False)) / "kds.log"


def setup_logging(level: int = logging.WARNING, log_path: Path | None = None) -> Path | None:
    """Root logger → stderr and `log_path` (1 MB × 4 files); returns the file, or None when the
    directory is not writable (then stderr only, and a warning says why). Idempotent."""
    root = logging.getLogger()
    root.setLevel(level)
    # What the screen did by itself is the kitchen's record, not debugging detail: one line per
    # automatic accept, whatever the level (the handlers below take every level they are given).
    logging.getLogger("kds.app.auto_accept").setLevel(min(level, logging.INFO))
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    install_redaction()
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    path = log_path or default_log_path()
    problem = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        )
    except OSError as exc:
        problem = f"cannot write the log file {path} ({type(exc).__name__}); stderr only"
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(RedactingFilter())  # records from any logger, not only ours
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    if problem:
        logging.getLogger("kds").warning(problem)
        return None
    return path

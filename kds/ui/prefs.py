"""`UiPrefs`: what the screen remembers between runs (server, user, theme, scale); no secrets."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

__all__ = ["UiPrefs", "default_prefs_path"]

_log = logging.getLogger(__name__)


def default_prefs_path() -> Path:
    return Path(platformdirs.user_config_dir("kds", appauthor=False)) / "ui.json"


@dataclass
class UiPrefs:
    """Loaded with `load`, written with `save`; a broken file is logged and replaced by defaults.

    Attributes:
        path: where the JSON lives (not saved inside it).
    """

    server_url: str = ""
    user: str = ""
    theme: str = "dark"
    font_scale: float = 1.0
    path: Path = field(default_factory=default_prefs_path, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> UiPrefs:
        prefs = cls(path=path or default_prefs_path())
        try:
            data = json.loads(prefs.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return prefs
        except (OSError, ValueError) as exc:
            _log.warning("ignoring unreadable UI prefs %s (%s)", prefs.path, type(exc).__name__)
            return prefs
        if not isinstance(data, dict):
            return prefs
        for name, kind in (("server_url", str), ("user", str), ("theme", str)):
            if isinstance(data.get(name), kind):
                setattr(prefs, name, data[name])
        scale = data.get("font_scale")
        if isinstance(scale, int | float) and 0.5 <= scale <= 3:
            prefs.font_scale = float(scale)
        return prefs

    def save(self) -> None:
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".ui-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except OSError as exc:
            _log.warning("could not save UI prefs %s (%s)", self.path, type(exc).__name__)

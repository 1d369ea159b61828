"""The sound seam: an `AlertPlayer` plays a named alert, or says it could not.

Kitchen terminals often have no working sound device; playing must then fail softly (the
caller falls back to visual alerts and tells the user once), never crash the screen. Tests use
a fake that records what was played.
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "DEFAULT_ASSET_DIR",
    "AlertPlayer",
    "AlertSound",
    "SilentAlertPlayer",
    "SimpleAudioPlayer",
]

_log = logging.getLogger(__name__)

DEFAULT_ASSET_DIR = Path(__file__).resolve().parents[2] / "assets"
"""Where `scripts/make_assets.py` writes the WAVs (the repo's `assets/`)."""


class AlertSound(Enum):
    """The alerts the screen can sound; the value is the WAV's file stem in the asset dir."""

    NEW_ORDER = "new_order"
    CANCELLED = "cancelled"


class AlertPlayer(Protocol):
    """Plays alert sounds. `play` returns False when the sound could not be played."""

    def play(self, sound: AlertSound) -> bool: ...

    def stop(self) -> None: ...


class SilentAlertPlayer:
    """Plays nothing and says so: for screenshots, benchmarks and `--no-sound`."""

    def play(self, sound: AlertSound) -> bool:
        return False

    def stop(self) -> None:
        return None


class SimpleAudioPlayer:
    """`simpleaudio` playback of the generated WAVs.

    Loading happens on first use. Any failure (library missing, file missing, no PCM device)
    is logged once and makes every later `play` return False at once, so a broken device costs
    nothing per alert.

    Attributes:
        error: why sound is unavailable, or None while it works (or has not been tried).
    """

    def __init__(self, asset_dir: Path = DEFAULT_ASSET_DIR) -> None:
        self._asset_dir = asset_dir
        self._waves: dict[AlertSound, Any] | None = None
        self._playing: list[Any] = []
        self.error: str | None = None

    def _load(self) -> dict[AlertSound, Any]:
        import simpleaudio  # imported lazily: a build without ALSA must still start

        return {
            s: simpleaudio.WaveObject.from_wave_file(str(self._asset_dir / f"{s.value}.wav"))
            for s in AlertSound
        }

    def play(self, sound: AlertSound) -> bool:
        if self.error is not None:
            return False
        try:
            if self._waves is None:
                self._waves = self._load()
            self._playing = [p for p in self._playing if p.is_playing()]
            self._playing.append(self._waves[sound].play())
        except Exception as exc:  # SimpleaudioError, OSError, ImportError, wave.Error: all fatal
            self.error = f"{type(exc).__name__}: {exc}"
            _log.warning("sound unavailable, alerts are visual only: %s", self.error)
            return False
        return True

    def stop(self) -> None:
        for play in self._playing:
            play.stop()
        self._playing.clear()

"""The sound seam: an `AlertPlayer` plays a named alert, or says it could not.

Kitchen terminals often have no working sound device; playing must then fail softly (the
caller falls back to visual alerts and tells the user once), never crash the screen. Tests use
a fake that records what was played.
"""

from __future__ import annotations

import logging
import sys
import wave
from array import array
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "DEFAULT_ASSET_DIR",
    "AlertPlayer",
    "AlertSound",
    "SilentAlertPlayer",
    "SimpleAudioPlayer",
    "read_wav",
    "scale_pcm16",
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


def read_wav(path: Path) -> tuple[bytes, int, int, int]:
    """(frames, channels, bytes per sample, rate) of a PCM WAV file."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        return frames, wav.getnchannels(), wav.getsampwidth(), wav.getframerate()


def scale_pcm16(frames: bytes, volume: float) -> bytes:
    """Little-endian signed 16-bit samples times `volume` (0–1]; at ≤ 1 nothing can overflow.

    simpleaudio has no volume control, so the configured volume is applied once when the
    WAVs are loaded (~35k samples each: a few milliseconds, never per alert).
    """
    if volume >= 1.0:
        return frames
    samples = array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    scaled = array("h", (round(v * volume) for v in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    return scaled.tobytes()


class SimpleAudioPlayer:
    """`simpleaudio` playback of the generated WAVs.

    Loading happens on first use, at `volume` (0–1] of the WAVs' level. Any failure (library
    missing, file missing, no PCM device) is logged once and makes every later `play` return
    False at once, so a broken device costs nothing per alert.

    Attributes:
        error: why sound is unavailable, or None while it works (or has not been tried).
    """

    def __init__(self, asset_dir: Path = DEFAULT_ASSET_DIR, volume: float = 1.0) -> None:
        self._asset_dir = asset_dir
        self._volume = volume
        self._waves: dict[AlertSound, Any] | None = None
        self._playing: list[Any] = []
        self.error: str | None = None

    def _load(self) -> dict[AlertSound, Any]:
        import simpleaudio  # imported lazily: a build without ALSA must still start

        waves = {}
        for sound in AlertSound:
            frames, channels, width, rate = read_wav(self._asset_dir / f"{sound.value}.wav")
            frames = scale_pcm16(frames, self._volume) if width == 2 else frames
            waves[sound] = simpleaudio.WaveObject(frames, channels, width, rate)
        return waves

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

#!/usr/bin/env python3
"""Synthesise the kitchen screen's alert sounds into `assets/` with the stdlib `wave` module.

The sounds are our own work (no downloaded samples) and the output is byte-for-byte
reproducible, so the WAVs in the repo can always be regenerated and checked:

- `new_order.wav`: a bright rising three-note chime (E6, A6, C#7) played twice; it has to cut
  through extractor fans and sizzling, so it sits in the 1.3–2.2 kHz band where the ear is most
  sensitive and kitchen noise is thinner.
- `cancelled.wav`: a low falling two-note buzz (A4 then E4, square-ish timbre), deliberately
  unlike the chime so a cook knows without looking that something left the board.
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from collections.abc import Iterable
from pathlib import Path

RATE_HZ = 22_050
PEAK = 0.8 * 32767

Note = tuple[float, float, str]  # (frequency Hz, duration s, timbre)


def _envelope(i: int, n: int, attack: int, release: int) -> float:
    if i < attack:
        return i / attack
    if i > n - release:
        return max(n - i, 0) / release
    return 1.0


def _sample(freq_hz: float, t_s: float, timbre: str) -> float:
    phase = 2 * math.pi * freq_hz * t_s
    if timbre == "chime":  # fundamental plus a soft octave: bell-like, not piercing
        return 0.75 * math.sin(phase) + 0.25 * math.sin(2 * phase)
    # "buzz": odd harmonics only (a rounded square wave), unmistakably different from the chime
    return sum(math.sin(k * phase) / k for k in (1, 3, 5, 7)) * 0.8


def render(notes: Iterable[Note], gap_s: float = 0.04) -> bytes:
    """16-bit mono PCM for the notes in sequence, each with a click-free attack and release."""
    frames = bytearray()
    for freq_hz, duration_s, timbre in notes:
        n = int(duration_s * RATE_HZ)
        attack, release = int(0.01 * RATE_HZ), int(0.06 * RATE_HZ)
        for i in range(n):
            decay = math.exp(-2.5 * i / n) if timbre == "chime" else 1.0
            value = _sample(freq_hz, i / RATE_HZ, timbre) * decay
            value *= _envelope(i, n, attack, release) * PEAK
            frames += struct.pack("<h", int(max(-32767, min(32767, value))))
        frames += b"\x00\x00" * int(gap_s * RATE_HZ)
    return bytes(frames)


SOUNDS: dict[str, list[Note]] = {
    "new_order": [(1318.5, 0.16, "chime"), (1760.0, 0.16, "chime"), (2217.5, 0.34, "chime")] * 2,
    "cancelled": [(440.0, 0.30, "buzz"), (329.6, 0.55, "buzz")],
}


def write(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE_HZ)
        out.writeframes(pcm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_dir = Path(__file__).resolve().parent.parent / "assets"
    parser.add_argument("--out", type=Path, default=default_dir, help="output directory")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        path = args.out / f"{name}.wav"
        write(path, render(notes))
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

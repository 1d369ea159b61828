"""The alert sounds in `assets/` are exactly what `scripts/make_assets.py` synthesises, and load."""

from __future__ import annotations

import subprocess
import sys
import wave
from array import array
from pathlib import Path

import simpleaudio

from kds.ui.alert_player import (
    DEFAULT_ASSET_DIR,
    AlertSound,
    SimpleAudioPlayer,
    read_wav,
    scale_pcm16,
)

ROOT = Path(__file__).resolve().parents[3]


def test_committed_wavs_are_reproduced_by_the_script(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_assets.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    for sound in AlertSound:
        name = f"{sound.value}.wav"
        assert (tmp_path / name).read_bytes() == (DEFAULT_ASSET_DIR / name).read_bytes()


def test_wavs_are_short_mono_pcm_that_simpleaudio_loads() -> None:
    for sound in AlertSound:
        path = DEFAULT_ASSET_DIR / f"{sound.value}.wav"
        with wave.open(str(path)) as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            assert 0.3 < w.getnframes() / w.getframerate() < 2.5
        wave_object = simpleaudio.WaveObject.from_wave_file(str(path))
        assert wave_object.num_channels == 1


def test_a_missing_asset_dir_fails_softly_once(tmp_path: Path) -> None:
    player = SimpleAudioPlayer(tmp_path / "missing")
    assert player.play(AlertSound.NEW_ORDER) is False
    assert player.error is not None
    first_error = player.error
    assert player.play(AlertSound.CANCELLED) is False
    assert player.error == first_error
    player.stop()


def test_volume_scales_every_sample_once_at_load() -> None:
    frames, channels, width, rate = read_wav(DEFAULT_ASSET_DIR / "new_order.wav")
    full = array("h", frames)
    half = array("h", scale_pcm16(frames, 0.5))
    assert len(half) == len(full)
    assert max(abs(v) for v in full) > 10_000  # a real alert, not silence
    assert all(abs(h - v / 2) <= 0.5 for h, v in zip(half, full, strict=True))
    assert scale_pcm16(frames, 1.0) is frames

    player = SimpleAudioPlayer(volume=0.25)
    waves = player._load()
    loaded = array("h", waves[AlertSound.NEW_ORDER].audio_data)
    assert max(abs(v) for v in loaded) == round(max(abs(v) for v in full) * 0.25)
    assert (waves[AlertSound.NEW_ORDER].num_channels, rate) == (channels, 22050)
    assert width == 2

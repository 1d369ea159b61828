"""The alert sounds in `assets/` are exactly what `scripts/make_assets.py` synthesises, and load."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import simpleaudio

from kds.ui.alert_player import DEFAULT_ASSET_DIR, AlertSound, SimpleAudioPlayer

ROOT = Path(__file__).resolve().parents[2]


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

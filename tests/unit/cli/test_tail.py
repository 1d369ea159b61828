"""`kds tail` picks the restaurant by id, slug or name, and its station by profile name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kds.app.config import station_choice
from kds.cli.main import main
from kds.cli.tail import _station_config, match_restaurant
from kds.core.stations import Station


def test_restaurant_matches_id_slug_or_name() -> None:
    rows = [("6f1c2a9e-0000-4000-8000-000000000001", "Pho Hanoi", "RestaurantStaff")]
    rid = rows[0][0]
    for wanted in (rid, rid.upper(), "pho-hanoi", "Pho Hanoi", "PHO HANOI", " pho hanoi "):
        assert match_restaurant(wanted, rows) == rid
    assert match_restaurant("sushi-ko", rows) is None


SUSHI = "6f1c2a9e-0000-4000-8000-000000000002"
CONFIG = f"""\
station = "grill"  # the screen's; tail ignores it
[stations]
bar = ["Đồ uống & Khác"]
[restaurants."{SUSHI}".stations]
sushi-bar = ["Sushi"]
"""


def _config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    (tmp_path / "kds").mkdir()
    (tmp_path / "kds" / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("KDS_STATION", "nope")  # the screen's variable: not tail's


def test_station_flag_reads_the_profiles_of_the_users_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config_home(tmp_path, monkeypatch, CONFIG)
    config = _station_config(" bar ")
    assert station_choice(config, "6f1c2a9e-0000-4000-8000-000000000001").station == Station(
        "bar", ("Đồ uống & Khác",)
    )
    choice = station_choice(config, SUSHI)  # has its own profiles, no "bar"
    assert choice.station is None
    assert choice.warning
    assert station_choice(_station_config("all"), SUSHI).station is None
    assert station_choice(_station_config("sushi-bar"), SUSHI).station is not None


def _tail(*extra: str) -> int:
    args = ["tail", "--server", "http://127.0.0.1:9", "--user", "cook", "--restaurant", "x"]
    return main([*args, "--password-stdin", *extra])


def test_an_unknown_station_is_an_error_naming_the_profiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _config_home(tmp_path, monkeypatch, CONFIG)
    assert _tail("--station", "grill") == 2  # before asking for the password
    err = capsys.readouterr().err
    assert err.startswith("kds tail: error: no station profile 'grill' (known profiles: ")
    assert "bar, sushi-bar" in err
    assert "'all' = every order" in err
    (tmp_path / "kds" / "config.toml").write_text("[stations]\nbar = 1\n", encoding="utf-8")
    assert _tail("--station", "bar") == 2
    assert "invalid value" in capsys.readouterr().err


def test_the_help_says_an_unknown_station_fails(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["tail", "--help"])
    tail_help = " ".join(capsys.readouterr().out.split())
    assert "--station NAME" in tail_help
    assert "is an error (exit 2), never a silent fallback to every order" in tail_help

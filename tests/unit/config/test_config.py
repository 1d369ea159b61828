"""`load_config`: files, env, then flags; unknown keys warn, bad values name key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kds.app.config import ConfigError, format_config, load_config


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_layers_later_wins_and_every_value_says_where_it_came_from(tmp_path: Path) -> None:
    system = _write(tmp_path / "system.toml", 'server_url = "https://a.example"\ntheme = "light"\n')
    user = _write(
        tmp_path / "user.toml",
        'theme = "dark"\nsound = false\n[thresholds]\nnew_warning_s = 90\n[keys]\nbump = "B"\n',
    )
    config = load_config(
        paths=[system, user],
        env={"KDS_FONT_SCALE": "1.5", "KDS_SERVER_URL": "https://env.example/"},
        cli={"server_url": "https://flag.example", "ca_file": None},
    )
    assert config.server_url == "https://flag.example"
    assert config.sources["server_url"] == "--server-url"
    assert (config.theme, config.sources["theme"]) == ("dark", str(user))
    assert (config.font_scale, config.sources["font_scale"]) == (1.5, "env KDS_FONT_SCALE")
    assert config.sound is False
    assert config.thresholds.new_warning_s == 90
    assert config.thresholds.new_critical_s == 480  # untouched default
    assert config.keys == {"bump": "B"}
    assert config.ca_file is None
    assert config.sources["ca_file"] == "default"
    assert config.warnings == ()
    text = format_config(config)
    assert 'server_url = "https://flag.example"  # --server-url' in text
    assert f"new_warning_s = 90  # {user}" in text


def test_missing_files_are_fine_and_give_defaults(tmp_path: Path) -> None:
    config = load_config(paths=[tmp_path / "absent.toml"], env={}, cli={})
    assert config.server_url is None
    assert config.sound is True
    assert set(config.sources.values()) == {"default"}


def test_unknown_keys_warn_by_name_and_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", 'colour = "red"\n[thresholds]\nsoon_s = 3\n')
    config = load_config(paths=[path], env={}, cli={})
    assert config.warnings == (
        f"{path}: unknown key 'colour' (ignored)",
        f"{path}: unknown key 'thresholds.soon_s' (ignored)",
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('font_scale = "big"\n', "font_scale"),
        ("font_scale = 9\n", "font_scale"),
        ('theme = "pink"\n', "theme"),
        ('server_url = "orders.example.com"\n', "server_url"),
        ('sound = "loud"\n', "sound"),
        ("[thresholds]\nnew_warning_s = -1\n", "thresholds.new_warning_s"),
        ("[keys]\nbump = 3\n", "keys.bump"),
    ],
)
def test_invalid_values_name_the_key_and_the_file(tmp_path: Path, text: str, key: str) -> None:
    path = _write(tmp_path / "c.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(paths=[path], env={}, cli={})
    assert str(err.value).startswith(f"{path}: invalid value for '{key}'")


def test_broken_toml_and_bad_environment_are_clear_errors(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", "theme = \n")
    with pytest.raises(ConfigError, match=r"c\.toml: cannot read it"):
        load_config(paths=[path], env={}, cli={})
    with pytest.raises(ConfigError, match="environment KDS_SOUND: invalid value for 'sound'"):
        load_config(paths=[], env={"KDS_SOUND": "maybe"}, cli={})


def test_volume_from_file_env_and_flag_never_below_ten_percent(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", "volume = 60\n")
    assert load_config(paths=[path], env={}, cli={}).volume == 60
    config = load_config(paths=[path], env={"KDS_VOLUME": "80"}, cli={})
    assert (config.volume, config.sources["volume"]) == (80, "env KDS_VOLUME")
    config = load_config(paths=[path], env={"KDS_VOLUME": "80"}, cli={"volume": 40})
    assert (config.volume, config.sources["volume"]) == (40, "--volume")
    assert "volume = 40  # --volume" in format_config(config)
    assert load_config(paths=[], env={}, cli={}).volume == 100
    for bad in ("5", "101", "55.5", "loud"):
        with pytest.raises(ConfigError, match="'volume'"):
            load_config(paths=[], env={"KDS_VOLUME": bad}, cli={})
    with pytest.raises(ConfigError, match=f"{tmp_path}.*'volume'"):
        load_config(paths=[_write(tmp_path / "b.toml", "volume = 0\n")], env={}, cli={})

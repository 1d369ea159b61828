"""`load_config`: files, on-screen choices, env, then flags; bad values name key and source."""

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


def test_language_from_file_env_and_flag_and_only_a_language_the_screen_speaks(
    tmp_path: Path,
) -> None:
    assert load_config(paths=[], env={}, cli={}).language == "auto"
    path = _write(tmp_path / "c.toml", 'language = "vi"\n')
    config = load_config(paths=[path], env={}, cli={})
    assert (config.language, config.sources["language"]) == ("vi", str(path))
    config = load_config(paths=[path], env={"KDS_LANGUAGE": "en"}, cli={})
    assert (config.language, config.sources["language"]) == ("en", "env KDS_LANGUAGE")
    config = load_config(paths=[path], env={"KDS_LANGUAGE": "en"}, cli={"language": "vi"})
    assert (config.language, config.sources["language"]) == ("vi", "--language")
    assert 'language = "vi"  # --language' in format_config(config)
    for bad in ("fr", "VI", "vietnamese"):
        with pytest.raises(ConfigError, match="'language'"):
            load_config(paths=[], env={"KDS_LANGUAGE": bad}, cli={})


def test_auto_accept_is_off_unless_set_and_its_eta_stays_within_what_the_backend_takes(
    tmp_path: Path,
) -> None:
    default = load_config(paths=[], env={}, cli={})
    assert (default.auto_accept, default.accept_eta_minutes) == (False, 20)
    path = _write(tmp_path / "c.toml", "auto_accept = true\naccept_eta_minutes = 40\n")
    config = load_config(paths=[path], env={}, cli={})
    assert (config.auto_accept, config.accept_eta_minutes) == (True, 40)
    assert config.sources["auto_accept"] == str(path)
    screen = _screen(tmp_path / "state.json", auto_accept=True)
    chosen = load_config(paths=[], screen=screen, env={}, cli={})
    assert (chosen.auto_accept, chosen.pinned_by("auto_accept")) == (True, None)
    pinned = load_config(paths=[], screen=screen, env={"KDS_AUTO_ACCEPT": "off"}, cli={})
    assert (pinned.auto_accept, pinned.pinned_by("auto_accept")) == (False, "env KDS_AUTO_ACCEPT")
    flagged = load_config(paths=[], env={}, cli={"auto_accept": True})
    assert (flagged.auto_accept, flagged.sources["auto_accept"]) == (True, "--auto-accept")
    # The backend refuses an ETA not later than now + 5 min or not earlier than now + 12 h.
    for good in ("6", "719"):
        eta = load_config(paths=[], env={"KDS_ACCEPT_ETA_MINUTES": good}, cli={})
        assert eta.accept_eta_minutes == int(good)
    for bad in ("5", "720", "12.5", "soon"):
        with pytest.raises(ConfigError, match="'accept_eta_minutes'"):
            load_config(paths=[], env={"KDS_ACCEPT_ETA_MINUTES": bad}, cli={})
    eta_on_screen = _screen(tmp_path / "state.json", accept_eta_minutes=30)
    assert load_config(paths=[], screen=eta_on_screen, env={}).warnings == (
        f"{tmp_path / 'state.json'}: 'accept_eta_minutes' cannot be chosen on screen (ignored)",
    )


# ---------------------------------------------------------------- the one precedence


def _screen(path: Path, **values: object) -> dict[str, tuple[object, str]]:
    return {name: (value, str(path)) for name, value in values.items()}


def test_each_layer_beats_the_one_below_it(tmp_path: Path) -> None:
    """flag > env > on-screen > user config.toml > system config.toml > default, per key."""
    system = _write(tmp_path / "system.toml", 'theme = "light"\nfont_scale = 1.1\nvolume = 20\n')
    user = _write(tmp_path / "user.toml", "font_scale = 1.2\nvolume = 30\n")
    state = tmp_path / "state.json"
    config = load_config(
        paths=[system, user],
        screen=_screen(state, theme="dark", font_scale=1.3, user="cook"),
        env={"KDS_FONT_SCALE": "1.4", "KDS_USER": "env-cook"},
        cli={"user": "flag-cook", "theme": None, "font_scale": None},
    )
    assert (config.user, config.sources["user"]) == ("flag-cook", "--user")
    assert (config.font_scale, config.sources["font_scale"]) == (1.4, "env KDS_FONT_SCALE")
    assert (config.theme, config.sources["theme"]) == ("dark", f"on-screen ({state})")
    assert (config.volume, config.sources["volume"]) == (30, str(user))
    assert (config.sound, config.sources["sound"]) == (True, "default")
    assert config.base["theme"] == "light"  # what the screen's choice is compared with
    assert config.base["font_scale"] == 1.2
    assert config.pinned_by("font_scale") == "env KDS_FONT_SCALE"
    assert config.pinned_by("user") == "--user"
    assert config.pinned_by("theme") is None
    assert config.pinned_by("volume") is None


def test_on_screen_choice_wins_over_the_files_but_not_over_env(tmp_path: Path) -> None:
    system = _write(tmp_path / "system.toml", 'theme = "dark"\n')
    screen = _screen(tmp_path / "state.json", theme="light")
    assert load_config(paths=[system], screen=screen, env={}).theme == "light"
    pinned = load_config(paths=[system], screen=screen, env={"KDS_THEME": "dark"})
    assert (pinned.theme, pinned.sources["theme"]) == ("dark", "env KDS_THEME")
    flagged = load_config(paths=[system], screen=screen, env={}, cli={"theme": "dark"})
    assert (flagged.theme, flagged.sources["theme"]) == ("dark", "--theme")


def test_a_bad_on_screen_value_is_a_warning_never_an_error(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    config = load_config(
        paths=[],
        env={},
        screen=_screen(state, theme="pink", font_scale=9, volume=50, colour="red"),
    )
    assert (config.theme, config.font_scale, config.volume) == ("dark", 1.0, 100)
    assert set(config.sources.values()) == {"default"}
    assert config.warnings == (
        f"{state}: invalid on-screen value for 'theme': expected 'dark' or 'light' (ignored)",
        f"{state}: invalid on-screen value for 'font_scale': expected a number from 0.6 to 2.5"
        " (ignored)",
        f"{state}: 'volume' cannot be chosen on screen (ignored)",
        f"{state}: 'colour' cannot be chosen on screen (ignored)",
    )


def test_print_config_names_every_source_in_copyable_lines(tmp_path: Path) -> None:
    system = _write(tmp_path / "system.toml", 'restaurant = "Pho Hanoi"\n')
    state = tmp_path / "state.json"
    config = load_config(
        paths=[system, tmp_path / "absent.toml"],
        screen=_screen(state, theme="light"),
        env={"KDS_THEME": "", "KDS_FONT_SCALE": "1.25"},
        cli={"sound": False, "server_url": "https://flag.example"},
    )
    lines = format_config(config, state_path=state).splitlines()
    assert lines[0] == (
        "# precedence: flag > env > on-screen > user config.toml > system config.toml > default"
    )
    assert lines[1] == f"# files read (later wins): {system}, {tmp_path / 'absent.toml'}"
    assert lines[2] == f"# on-screen choices: {state}"
    assert lines[3:18] == [
        'server_url = "https://flag.example"  # --server-url',
        "user = (unset)  # default",
        "ca_file = (unset)  # default",
        "allow_http = true  # default",
        f'restaurant = "Pho Hanoi"  # {system}',
        'language = "auto"  # default',
        f'theme = "light"  # on-screen ({state})',  # an empty KDS_THEME counts as unset
        "font_scale = 1.25  # env KDS_FONT_SCALE",
        'density = "auto"  # default',
        "accept_eta_minutes = 20  # default",
        "sound = false  # --no-sound",
        "volume = 100  # default",
        "auto_accept = false  # default",
        "offline_alarm_s = 60.0  # default",
        "station = (unset)  # default",
    ]
    assert lines[18] == "[thresholds]  # seconds"
    for line in lines:
        assert line.startswith(("#", "[")) or " = " in line

"""Station profiles in `config.toml` and the ``station`` setting: both table shapes, per
restaurant, bad tables named, and a station without a profile shown as the expo view."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kds.app.config import ConfigError, format_config, load_config, station_choice
from kds.app.settings import Settings
from kds.core.stations import Station

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"

PROFILES = f"""
[stations]
bar = ["Đồ uống & Khác"]
[stations.bep]
categories = ["Món chính", "Ăn thêm"]
show_new = true
[restaurants."{RID.upper()}".stations]
bar = ["Bia"]
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_both_shapes_and_a_restaurants_own_profiles(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", 'station = "bep"\n' + PROFILES)
    config = load_config(paths=[path], env={}, cli={})
    assert config.warnings == ()
    assert config.station == "bep"
    assert dict(config.stations.default) == {
        "bar": Station("bar", ("Đồ uống & Khác",)),
        "bep": Station("bep", ("Món chính", "Ăn thêm"), show_new=True),
    }
    assert dict(config.stations.by_restaurant) == {RID: {"bar": Station("bar", ("Bia",))}}
    here = station_choice(config, OTHER_RID)
    assert here.station == Station("bep", ("Món chính", "Ăn thêm"), show_new=True)
    assert (list(here.profiles), here.warning) == (["bar", "bep"], None)
    assert config.sources["stations.bep"] == str(path)


def test_a_station_without_a_profile_warns_and_shows_every_order(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", PROFILES)
    config = load_config(paths=[path], env={"KDS_STATION": "grill"}, cli={})
    assert config.warnings == (
        "env KDS_STATION: station 'grill' has no profile in [stations] (shown as the expo "
        "view: every order)",
    )
    choice = station_choice(config, OTHER_RID)
    assert choice.station is None
    assert choice.warning is not None
    assert "'grill'" in choice.warning
    assert "expo" in choice.warning
    # bep is a default profile, but this restaurant has its own: only "bar".
    at_rid = station_choice(load_config(paths=[path], env={}, cli={"station": "bep"}), RID)
    assert at_rid.station is None
    assert list(at_rid.profiles) == ["bar"]
    assert at_rid.warning is not None
    assert at_rid.warning.startswith("--station: station 'bep' has no profile for restaurant")


def test_unset_or_all_is_the_expo_view_and_all_can_be_chosen_on_screen(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", 'station = "bar"\n' + PROFILES)
    state = str(tmp_path / "state.json")
    config = load_config(paths=[path], env={}, cli={}, screen={"station": ("all", state)})
    assert config.station == "all"
    assert config.sources["station"] == f"on-screen ({state})"
    assert station_choice(config, None).station is None
    assert station_choice(config, None).warning is None
    assert station_choice(load_config(paths=[], env={}, cli={}), RID).station is None
    assert station_choice(load_config(paths=[path], env={}, cli={}), None).station == Station(
        "bar", ("Đồ uống & Khác",)
    )


def test_profiles_merge_by_name_across_files_and_names_are_matched_exactly(
    tmp_path: Path,
) -> None:
    system = _write(tmp_path / "s.toml", PROFILES)
    decomposed = unicodedata.normalize("NFD", "Đồ uống")
    user = _write(tmp_path / "u.toml", f'[stations]\nbar = ["{decomposed}"]\n')
    config = load_config(paths=[system, user], env={}, cli={"station": "Bar"})
    assert config.stations.default["bar"].categories == (decomposed,)  # kept as written
    assert set(config.stations.default) == {"bar", "bep"}
    assert config.sources["stations.bar"] == str(user)
    assert config.sources["stations.bep"] == str(system)
    assert any("'Bar' has no profile" in w for w in config.warnings)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("stations = 3\n", "stations"),
        ('[stations]\nbar = "Đồ uống"\n', "stations.bar"),
        ("[stations]\nbar = [1]\n", "stations.bar"),
        ('[stations]\nbar = [""]\n', "stations.bar"),
        ("[stations.bar]\nshow_new = true\n", "stations.bar"),
        ('[stations.bar]\ncategories = ["x"]\nshow_new = "yes"\n', "stations.bar.show_new"),
        ('[stations]\nall = ["x"]\n', "stations.all"),
        ("restaurants = 1\n", "restaurants"),
        (f'[restaurants]\n"{RID}" = 1\n', f'restaurants."{RID}"'),
        (f'[restaurants."{RID}"]\nstations = ["x"]\n', f'restaurants."{RID}".stations'),
        ('station = ""\n', "station"),
    ],
)
def test_an_invalid_table_names_the_key_and_the_file(tmp_path: Path, text: str, key: str) -> None:
    path = _write(tmp_path / "c.toml", text)
    with pytest.raises(ConfigError) as raised:
        load_config(paths=[path], env={}, cli={})
    assert str(raised.value).startswith(f"{path}: invalid value for {key!r}: ")


def test_unknown_sub_keys_and_odd_tables_warn(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "c.toml",
        '[stations.bar]\ncategories = ["Bia"]\ncolour = "red"\n[stations]\nempty = []\n'
        '[restaurants."Pho Hanoi"]\nlogo = "x"\nstations = {bar = ["Bia"]}\n',
    )
    config = load_config(paths=[path], env={}, cli={})
    assert config.warnings == (
        f"{path}: unknown key 'stations.bar.colour' (ignored)",
        f"{path}: station 'stations.empty' names no category (it shows only lines the menu "
        "cannot place)",
        f"{path}: 'restaurants.\"Pho Hanoi\"' is no restaurant id (a GUID); its stations apply "
        "only to a restaurant with exactly that id",
        f"{path}: unknown key 'restaurants.\"Pho Hanoi\".logo' (ignored)",
    )
    assert list(station_choice(config, "Pho Hanoi").profiles) == ["bar"]


def test_print_config_lists_the_profiles_in_copyable_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", PROFILES)
    lines = format_config(load_config(paths=[path], env={}, cli={})).splitlines()
    start = lines.index(
        "[stations]  # profiles; `station` picks this screen's (unset: every order)"
    )
    assert lines[start + 1 :] == [
        f'bar = ["Đồ uống & Khác"]  # {path}',
        f'bep = {{categories = ["Món chính", "Ăn thêm"], show_new = true}}  # {path}',
        f'[restaurants."{RID}".stations]',
        f'bar = ["Bia"]  # {path}',
    ]


def test_settings_pick_the_station_per_restaurant_and_remember_an_on_screen_choice(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "c.toml", PROFILES)
    state = tmp_path / "state.json"
    settings = Settings.load(state_path=state, paths=[path], env={}, cli={})
    assert settings.station_at(OTHER_RID).station is None
    settings.choose(station="bep")
    assert Settings.load(state_path=state, paths=[path], env={}).station == "bep"
    assert settings.station_at(OTHER_RID).station == settings.config.stations.default["bep"]
    assert settings.station_at(RID).warning is not None  # RID has its own: only "bar"
    settings.choose(station="all")
    assert settings.station_at(OTHER_RID).station is None
    marks = settings.done_here(RID, "bar")
    marks.mark("o1")
    assert marks.path == tmp_path / "state.done-here.json"
    assert settings.done_here(RID, "bar").is_done("o1")

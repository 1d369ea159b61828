"""The resolver that layers every setting of the kitchen screen, and the files it reads.

Precedence (highest first): command-line flag > ``KDS_*`` environment variable > the choice a
cook made on screen > the user's ``config.toml`` > the system's ``/etc/kds/config.toml`` >
the built-in default. Why this order: a flag or a variable is what someone typed (or wrote in a
service unit) for this very run, so it wins; a choice made on the screen is the cook's, made
after the installer wrote the files, so it beats the files; the files beat the defaults.
`kds --print-config` shows, for every key, its value and the layer it came from.

Adding a setting is one `Key(...)` line in `KEYS` (the key table, `kds.app.config_keys`): its
flag, its ``KDS_*`` variable, its `config.toml` key, its `--print-config` line and (with
``on_screen=True``) its place in the user-state file all follow from it. Bad input never
crashes the screen: unknown keys are warnings naming the key and file; invalid values in files,
variables or flags raise `ConfigError` naming both; an invalid on-screen value is a warning and
is ignored.

The station profiles (``[stations]``, ``[restaurants."<id>".stations]``) and `station_choice`
live in `kds.app.config_stations`; their public names are importable from here too.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kds.app.config_keys import BY_NAME, KEYS
from kds.app.config_stations import (
    StationChoice,
    read_restaurants,
    read_stations,
    restaurant_path,
    station_choice,
    station_lines,
)
from kds.app.config_values import ConfigError, parse_number, parse_text, toml_value
from kds.core.stations import EXPO, Station, StationProfiles
from kds.core.timers import TimerThresholds

__all__ = [
    "SYSTEM_CONFIG",
    "ConfigError",
    "FileLayer",
    "KdsConfig",
    "StationChoice",
    "config_paths",
    "format_config",
    "load_config",
    "read_files",
    "resolve",
    "station_choice",
]

SYSTEM_CONFIG = Path("/etc/kds/config.toml")
THRESHOLD_KEYS = tuple(f.name for f in dataclasses.fields(TimerThresholds))
PRECEDENCE = "flag > env > on-screen > user config.toml > system config.toml > default"


@dataclass(frozen=True)
class KdsConfig:
    """The effective settings: ``config.<key>`` for every key in `KEYS`, and where each came from.

    Attributes:
        values: key → effective value (what ``config.theme`` and friends read).
        sources: key (``thresholds.x``, ``keys.x`` too) → ``default``, a file path,
            ``on-screen (path)``, ``env KDS_X`` or the flag.
        base: key → the value below the on-screen layer (files, else default): a choice made
            on screen that equals it need not be remembered.
        thresholds, keys: the `config.toml`-only tables ``[thresholds]`` and ``[keys]``.
        stations: the `config.toml`-only station profiles, ``[stations]`` and each
            ``[restaurants."<id>".stations]`` (`kds.core.stations`); `station_choice` picks
            this terminal's for a restaurant.
    """

    values: Mapping[str, Any] = field(default_factory=lambda: {k.name: k.default for k in KEYS})
    thresholds: TimerThresholds = field(default_factory=TimerThresholds)
    keys: dict[str, str] = field(default_factory=dict)
    stations: StationProfiles = field(default_factory=StationProfiles)
    sources: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    base: Mapping[str, Any] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("values", {})
        if name in BY_NAME and name in values:
            return values[name]
        raise AttributeError(name)

    def pinned_by(self, name: str) -> str | None:
        """The flag or variable that fixes `name` for this run (a screen choice cannot win)."""
        source = self.sources.get(name, "default")
        return source if source.startswith(("--", "env ")) else None


def config_paths() -> list[Path]:
    """Read in this order (later wins): the system file, then the user's."""
    user = Path(platformdirs.user_config_dir("kds", appauthor=False)) / "config.toml"
    return [SYSTEM_CONFIG, user]


def _check(key: str, where: str, parse: Callable[[object], Any], value: object) -> Any:
    try:
        return parse(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: invalid value for {key!r}: {exc}") from None


@dataclass(frozen=True)
class FileLayer:
    """What the `config.toml` files say (read once; a screen choice re-resolves without I/O)."""

    values: dict[str, Any]
    sources: dict[str, str]
    thresholds: TimerThresholds
    keys: dict[str, str]
    warnings: tuple[str, ...]
    paths: tuple[Path, ...]
    stations: StationProfiles = field(default_factory=StationProfiles)


def read_files(paths: Sequence[Path] | None = None) -> FileLayer:
    """Read the `config.toml` files in order (later wins); a missing file is skipped."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    thresholds: dict[str, float] = {}
    keys: dict[str, str] = {}
    stations: dict[str, Station] = {}
    by_restaurant: dict[str, dict[str, Station]] = {}
    warnings: list[str] = []
    chosen = tuple(config_paths() if paths is None else paths)
    for path in chosen:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read it: {exc}") from None
        where = str(path)
        for name, value in data.items():
            if name in BY_NAME:
                values[name] = _check(name, where, BY_NAME[name].parse, value)
                sources[name] = where
            elif name == "thresholds" and isinstance(value, dict):
                for limit, seconds in value.items():
                    if limit not in THRESHOLD_KEYS:
                        warnings.append(f"{where}: unknown key 'thresholds.{limit}' (ignored)")
                        continue
                    number = _check(f"thresholds.{limit}", where, parse_number, seconds)
                    if number < 0:
                        raise ConfigError(f"{where}: invalid value for 'thresholds.{limit}': < 0")
                    thresholds[limit] = number
                    sources[f"thresholds.{limit}"] = where
            elif name == "keys" and isinstance(value, dict):
                for command, combo in value.items():
                    keys[command] = _check(f"keys.{command}", where, parse_text, combo)
                    sources[f"keys.{command}"] = where
            elif name == "stations":
                found = read_stations(value, "stations", where, warnings)
                stations.update(found)
                sources.update({f"stations.{n}": where for n in found})
            elif name == "restaurants":
                for rid, found in read_restaurants(value, where, warnings).items():
                    by_restaurant.setdefault(rid, {}).update(found)
                    sources.update({f"{restaurant_path(rid)}.{n}": where for n in found})
            else:
                warnings.append(f"{where}: unknown key {name!r} (ignored)")
    try:
        limits = TimerThresholds(**thresholds)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"thresholds: {exc}") from None
    profiles = StationProfiles(stations, by_restaurant)
    return FileLayer(values, sources, limits, keys, tuple(warnings), chosen, profiles)


def resolve(
    files: FileLayer,
    *,
    screen: Mapping[str, tuple[object, str]] | None = None,
    env: Mapping[str, str] | None = None,
    cli: Mapping[str, object] | None = None,
) -> KdsConfig:
    """Layer defaults, `files`, on-screen choices, `env` and `cli` (see the module docstring).

    Args:
        screen: key → (value, the file it was read from); an invalid value or a key that
            cannot be chosen on screen is a warning, never an error (the cook cannot fix it).
        env: the environment (None: `os.environ`); an empty variable counts as unset.
        cli: key → a flag's value (None: the flag was not given).
    """
    values = {key.name: key.default for key in KEYS}
    sources = {key.name: "default" for key in KEYS}
    values.update(files.values)
    sources.update(files.sources)
    base = dict(values)
    warnings = list(files.warnings)
    for name, (value, where) in (screen or {}).items():
        key = BY_NAME.get(name)
        if key is None or not key.on_screen:
            warnings.append(f"{where}: {name!r} cannot be chosen on screen (ignored)")
            continue
        try:
            values[name] = key.parse(value)
        except (TypeError, ValueError) as exc:
            warnings.append(f"{where}: invalid on-screen value for {name!r}: {exc} (ignored)")
            continue
        sources[name] = f"on-screen ({where})"
    environ = os.environ if env is None else env
    for key in KEYS:
        if environ.get(key.env):
            values[key.name] = _check(
                key.name, f"environment {key.env}", key.parse, environ[key.env]
            )
            sources[key.name] = f"env {key.env}"
    for name, value in (cli or {}).items():
        if value is not None:
            key = BY_NAME[name]
            values[name] = _check(name, key.cli_flags[0], key.parse, value)
            sources[name] = key.cli_flags[0]
    station = values.get("station")
    if station is not None and station != EXPO and station not in files.stations.names():
        warnings.append(
            f"{sources['station']}: station {station!r} has no profile in [stations] (shown as "
            f"the expo view: every order)"
        )
    return KdsConfig(
        values=values,
        thresholds=files.thresholds,
        keys=dict(files.keys),
        stations=files.stations,
        sources=sources,
        warnings=tuple(warnings),
        base=base,
        files=files.paths,
    )


def load_config(
    *,
    paths: Sequence[Path] | None = None,
    env: Mapping[str, str] | None = None,
    cli: Mapping[str, object] | None = None,
    screen: Mapping[str, tuple[object, str]] | None = None,
) -> KdsConfig:
    """`read_files` then `resolve`: the effective settings in one call."""
    return resolve(read_files(paths), screen=screen, env=env, cli=cli)


def format_config(config: KdsConfig, *, state_path: Path | None = None) -> str:
    """`kds --print-config`: one ``key = value  # source`` line each (TOML-like, copyable)."""
    files = config.files or tuple(config_paths())
    lines = [f"# precedence: {PRECEDENCE}"]
    lines.append(f"# files read (later wins): {', '.join(str(p) for p in files)}")
    if state_path is not None:
        lines.append(f"# on-screen choices: {state_path}")
    for key in KEYS:
        source = config.sources.get(key.name, "default")
        lines.append(f"{key.name} = {toml_value(config.values[key.name])}  # {source}")
    lines.append("[thresholds]  # seconds")
    for name in THRESHOLD_KEYS:
        source = config.sources.get(f"thresholds.{name}", "default")
        lines.append(f"{name} = {getattr(config.thresholds, name):g}  # {source}")
    lines.append("[keys]  # only the overrides; the rest keep their defaults")
    for command, combo in sorted(config.keys.items()):
        lines.append(f'{command} = "{combo}"  # {config.sources[f"keys.{command}"]}')
    lines.append("[stations]  # profiles; `station` picks this screen's (unset: every order)")
    lines.extend(station_lines(config.stations.default, "stations", config.sources))
    for rid, stations in sorted(config.stations.by_restaurant.items()):
        lines.append(f"[{restaurant_path(rid)}]")
        lines.extend(station_lines(stations, restaurant_path(rid), config.sources))
    lines.extend(f"# warning: {w}" for w in config.warnings)
    return "\n".join(lines)

"""Every setting of the kitchen screen, declared once, and the resolver that layers them.

Precedence (highest first): command-line flag > ``KDS_*`` environment variable > the choice a
cook made on screen > the user's ``config.toml`` > the system's ``/etc/kds/config.toml`` >
the built-in default. Why this order: a flag or a variable is what someone typed (or wrote in a
service unit) for this very run, so it wins; a choice made on the screen is the cook's, made
after the installer wrote the files, so it beats the files; the files beat the defaults.
`kds --print-config` shows, for every key, its value and the layer it came from.

Adding a setting is one `Key(...)` line in `KEYS`: its flag, its ``KDS_*`` variable, its
`config.toml` key, its `--print-config` line and (with ``on_screen=True``) its place in the
user-state file all follow from it. Bad input never crashes the screen: unknown keys are
warnings naming the key and file; invalid values in files, variables or flags raise
`ConfigError` naming both; an invalid on-screen value is a warning and is ignored.

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

from kds.app.config_stations import (
    StationChoice,
    parse_station,
    read_restaurants,
    read_stations,
    restaurant_path,
    station_choice,
    station_lines,
)
from kds.app.config_values import ConfigError, parse_text, toml_value
from kds.core.actions import ETA_DEFAULT_MIN, ETA_MAX_MIN, ETA_MIN_MIN
from kds.core.stations import EXPO, Station, StationProfiles
from kds.core.timers import TimerThresholds

__all__ = [
    "KEYS",
    "SYSTEM_CONFIG",
    "ConfigError",
    "FileLayer",
    "KdsConfig",
    "Key",
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


def _url(value: object) -> str:
    text = parse_text(value).strip()
    if not text.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// address")
    return text.rstrip("/")


def _one_of(*choices: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if value not in choices:
            raise ValueError("expected " + " or ".join(repr(c) for c in choices))
        return str(value)

    return parse


def _scale(value: object) -> float:
    number = _number(value)
    if not 0.6 <= number <= 2.5:
        raise ValueError("expected a number from 0.6 to 2.5")
    return number


def _volume(value: object) -> int:
    """Alert volume in percent. Never below 10: a kitchen must hear a new order; turning the
    sound off (`sound = false`) is a separate, explicit choice that keeps the visual alerts."""
    number = _number(value)
    if not 10 <= number <= 100 or number != int(number):
        raise ValueError("expected a whole number from 10 to 100 (percent)")
    return int(number)


def _eta_minutes(value: object) -> int:
    """An Accept's ETA in whole minutes (one tap or auto-accept), within what the backend
    takes: it refuses an ETA not strictly later than now + 5 min or not strictly earlier than
    now + 12 h (contract §4.2), so a value outside would make every such accept fail."""
    number = _number(value)
    if not ETA_MIN_MIN <= number <= ETA_MAX_MIN or number != int(number):
        raise ValueError(f"expected a whole number of minutes from {ETA_MIN_MIN} to {ETA_MAX_MIN}")
    return int(number)


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError("expected a number")
    if isinstance(value, str):
        value = float(value)
    if not isinstance(value, int | float) or value != value:  # NaN
        raise TypeError("expected a number")
    return float(value)


def _offline_alarm_s(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= 3600:
        raise ValueError("expected seconds from 0 to 3600 (0: never alarm)")
    return number


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


@dataclass(frozen=True)
class Key:
    """One setting.

    Attributes:
        name: the `config.toml` key and the attribute on `KdsConfig`.
        kind: the Python type of the value (``str``, ``float``, ``int``, ``bool``); argparse
            converts a flag's text to it.
        default: the built-in value (None: unset).
        help: one line for ``--help`` and the docs.
        parse: validates and normalises a value from any layer, raising TypeError/ValueError
            (default: one of `choices`, else any string).
        choices: the allowed values, when there is a short list (argparse lists them too).
        flags: the command-line options, the first named in ``--print-config``; ``()`` for
            none; None for ``--name-with-dashes``. A bool key's flag sets the opposite of its
            default (``--no-sound`` false, ``--auto-accept`` true).
        on_screen: a cook can choose it on the screen (saved in the user-state file).
    """

    name: str
    kind: type
    default: Any
    help: str
    parse: Callable[[object], Any] = parse_text
    choices: tuple[str, ...] | None = None
    flags: tuple[str, ...] | None = None
    on_screen: bool = False

    def __post_init__(self) -> None:
        if self.choices is not None and self.parse is parse_text:
            object.__setattr__(self, "parse", _one_of(*self.choices))

    @property
    def env(self) -> str:
        return f"KDS_{self.name.upper()}"

    @property
    def cli_flags(self) -> tuple[str, ...]:
        return ("--" + self.name.replace("_", "-"),) if self.flags is None else self.flags


# The key table: one line per setting (see the module docstring). Order = --print-config order.
KEYS: tuple[Key, ...] = (
    Key("server_url", str, None, "backend address, e.g. https://orders.example.com", _url,
        flags=("--server-url", "--server"), on_screen=True),
    Key("user", str, None, "user name to pre-fill", on_screen=True),
    Key("ca_file", str, None, "extra CA bundle for a private certificate authority"),
    Key("restaurant", str, None, "restaurant id or name to open after sign-in"),
    Key("theme", str, "dark", "colour theme", choices=("dark", "light"), on_screen=True),
    Key("font_scale", float, 1.0, "text size factor (0.6–2.5)", _scale, on_screen=True),
    Key("density", str, "auto", "ticket density; auto picks by screen size",
        choices=("auto", "comfortable", "compact", "dense"), on_screen=True),
    Key("accept_eta_minutes", int, ETA_DEFAULT_MIN,
        f"ETA an Accept promises, by one tap or auto-accept ({ETA_MIN_MIN}–{ETA_MAX_MIN} min)",
        _eta_minutes),
    Key("sound", bool, True, "visual alerts only", _bool, flags=("--no-sound",)),
    Key("volume", int, 100, "alert volume in percent (10–100)", _volume),
    Key("auto_accept", bool, False,
        "accept every new order at once, with accept_eta_minutes", _bool, on_screen=True),
    Key("offline_alarm_s", float, 60.0,
        "seconds offline before the board sounds and flashes (0: the banner only)",
        _offline_alarm_s),
    Key("station", str, None,
        f"the [stations] profile this screen shows (unset or {EXPO!r}: every order, the expo)",
        parse_station, on_screen=True),
)  # fmt: skip
BY_NAME = {key.name: key for key in KEYS}
ENV_NAMES = {key.name: key.env for key in KEYS}


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
                    number = _check(f"thresholds.{limit}", where, _number, seconds)
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

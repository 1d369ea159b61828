"""The installer's configuration: TOML files, then `KDS_*` variables, then flags, each value traced.

Why layered: a package puts site defaults in `/etc/kds/config.toml`, a person overrides them in
their own `config.toml` (platformdirs' user config dir), a service unit or a test in the
environment, and one run on the command line. `kds --print-config` shows which layer won.
Bad input never crashes the screen: unknown keys are warnings naming the key and file; invalid
values raise `ConfigError` naming both.
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

from kds.core.timers import TimerThresholds

__all__ = [
    "SYSTEM_CONFIG",
    "ConfigError",
    "KdsConfig",
    "config_paths",
    "format_config",
    "load_config",
]

SYSTEM_CONFIG = Path("/etc/kds/config.toml")
THRESHOLD_KEYS = tuple(f.name for f in dataclasses.fields(TimerThresholds))


class ConfigError(ValueError):
    """An invalid value; the message names the key and where it came from."""


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _url(value: object) -> str:
    text = _text(value).strip()
    if not text.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// address")
    return text.rstrip("/")


def _theme(value: object) -> str:
    if value not in ("dark", "light"):
        raise ValueError("expected 'dark' or 'light'")
    return str(value)


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


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError("expected a number")
    if isinstance(value, str):
        value = float(value)
    if not isinstance(value, int | float) or value != value:  # NaN
        raise TypeError("expected a number")
    return float(value)


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


_SCALARS: dict[str, Callable[[object], Any]] = {
    "server_url": _url,
    "ca_file": _text,
    "restaurant": _text,
    "theme": _theme,
    "font_scale": _scale,
    "sound": _bool,
    "volume": _volume,
}
ENV_NAMES = {key: f"KDS_{key.upper()}" for key in _SCALARS}


@dataclass(frozen=True)
class KdsConfig:
    """The effective values; `sources` maps each key (``thresholds.x``, ``keys.x`` too) to
    where it came from: ``default``, a file path, ``env KDS_X`` or ``--flag``."""

    server_url: str | None = None
    ca_file: str | None = None
    restaurant: str | None = None
    theme: str | None = None
    font_scale: float | None = None
    sound: bool = True
    volume: int = 100
    thresholds: TimerThresholds = field(default_factory=TimerThresholds)
    keys: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def config_paths() -> list[Path]:
    """Read in this order (later wins): the system file, then the user's."""
    user = Path(platformdirs.user_config_dir("kds", appauthor=False)) / "config.toml"
    return [SYSTEM_CONFIG, user]


def _check(key: str, where: str, parse: Callable[[object], Any], value: object) -> Any:
    try:
        return parse(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: invalid value for {key!r}: {exc}") from None


def load_config(
    *,
    paths: Sequence[Path] | None = None,
    env: Mapping[str, str] | None = None,
    cli: Mapping[str, object] | None = None,
) -> KdsConfig:
    """Merge the layers. `cli` maps a key to a flag's value (None: flag not given)."""
    values: dict[str, Any] = {"sound": True, "volume": 100}
    sources: dict[str, str] = {key: "default" for key in _SCALARS}
    thresholds: dict[str, float] = {}
    keys: dict[str, str] = {}
    warnings: list[str] = []
    for path in config_paths() if paths is None else paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read it: {exc}") from None
        where = str(path)
        for key, value in data.items():
            if key in _SCALARS:
                values[key] = _check(key, where, _SCALARS[key], value)
                sources[key] = where
            elif key == "thresholds" and isinstance(value, dict):
                for name, seconds in value.items():
                    if name not in THRESHOLD_KEYS:
                        warnings.append(f"{where}: unknown key 'thresholds.{name}' (ignored)")
                        continue
                    number = _check(f"thresholds.{name}", where, _number, seconds)
                    if number < 0:
                        raise ConfigError(f"{where}: invalid value for 'thresholds.{name}': < 0")
                    thresholds[name] = number
                    sources[f"thresholds.{name}"] = where
            elif key == "keys" and isinstance(value, dict):
                for command, combo in value.items():
                    keys[command] = _check(f"keys.{command}", where, _text, combo)
                    sources[f"keys.{command}"] = where
            else:
                warnings.append(f"{where}: unknown key {key!r} (ignored)")
    environ = os.environ if env is None else env
    for key, name in ENV_NAMES.items():
        if environ.get(name):
            values[key] = _check(key, f"environment {name}", _SCALARS[key], environ[name])
            sources[key] = f"env {name}"
    for key, value in (cli or {}).items():
        if value is not None:
            flag = "--no-sound" if key == "sound" else "--" + key.replace("_", "-")
            values[key] = _check(key, flag, _SCALARS[key], value)
            sources[key] = flag
    try:
        limits = TimerThresholds(**thresholds)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"thresholds: {exc}") from None
    return KdsConfig(
        **values, thresholds=limits, keys=keys, sources=sources, warnings=tuple(warnings)
    )


def format_config(config: KdsConfig) -> str:
    """`kds --print-config`: one ``key = value  # source`` line each (TOML-like, copyable)."""
    lines = [f"# files read (later wins): {', '.join(str(p) for p in config_paths())}"]
    for key in _SCALARS:
        value = getattr(config, key)
        shown = "(unset)" if value is None else repr(value).replace("'", '"')
        if isinstance(value, bool):
            shown = str(value).lower()
        lines.append(f"{key} = {shown}  # {config.sources.get(key, 'default')}")
    lines.append("[thresholds]  # seconds")
    for name in THRESHOLD_KEYS:
        source = config.sources.get(f"thresholds.{name}", "default")
        lines.append(f"{name} = {getattr(config.thresholds, name):g}  # {source}")
    lines.append("[keys]  # only the overrides; the rest keep their defaults")
    for command, combo in sorted(config.keys.items()):
        lines.append(f'{command} = "{combo}"  # {config.sources[f"keys.{command}"]}')
    lines.extend(f"# warning: {w}" for w in config.warnings)
    return "\n".join(lines)

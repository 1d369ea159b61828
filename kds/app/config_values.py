"""What every part of the kitchen screen's configuration shares: the error a bad value raises
and the helpers that read a string or a number and write a value back as TOML
(`kds.app.config`, `kds.app.config_keys`, `kds.app.config_stations`)."""

from __future__ import annotations

__all__ = ["ConfigError", "parse_number", "parse_text", "toml_value"]


class ConfigError(ValueError):
    """An invalid value; the message names the key and where it came from."""


def parse_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def parse_number(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError("expected a number")
    if isinstance(value, str):
        value = float(value)
    if not isinstance(value, int | float) or value != value:  # NaN
        raise TypeError("expected a number")
    return float(value)


def toml_value(value: object) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value).replace("'", '"')

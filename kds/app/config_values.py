"""What every part of the kitchen screen's configuration shares: the error a bad value raises
and the helpers that read a string and write a value back as TOML (`kds.app.config`,
`kds.app.config_stations`)."""

from __future__ import annotations

__all__ = ["ConfigError", "parse_text", "toml_value"]


class ConfigError(ValueError):
    """An invalid value; the message names the key and where it came from."""


def parse_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def toml_value(value: object) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value).replace("'", '"')

"""The key table: every setting of the kitchen screen, declared once, and how each value is read.

A `Key` says everything about one setting: its type, its default, its ``--help`` line, how a value
from any layer is checked, its flags and its ``KDS_*`` variable, and whether a cook may choose it
on the screen. `kds.app.config` layers the values (files, on-screen choices, environment, flags)
and `kds.ui.main` builds the command line from the same table, so adding a setting is one
`Key(...)` line in `KEYS`. Kept apart from the resolver: the table is what a new setting touches;
the layering is what it never does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kds.app.config_stations import parse_station
from kds.app.config_values import parse_number, parse_text
from kds.core.actions import ETA_DEFAULT_MIN, ETA_MAX_MIN, ETA_MIN_MIN
from kds.core.stations import EXPO

__all__ = ["BY_NAME", "ENV_NAMES", "KEYS", "Key"]


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
    number = parse_number(value)
    if not 0.6 <= number <= 2.5:
        raise ValueError("expected a number from 0.6 to 2.5")
    return number


def _volume(value: object) -> int:
    """Alert volume in percent. Never below 10: a kitchen must hear a new order; turning the
    sound off (`sound = false`) is a separate, explicit choice that keeps the visual alerts."""
    number = parse_number(value)
    if not 10 <= number <= 100 or number != int(number):
        raise ValueError("expected a whole number from 10 to 100 (percent)")
    return int(number)


def _eta_minutes(value: object) -> int:
    """An Accept's ETA in whole minutes (one tap or auto-accept), within what the backend
    takes: it refuses an ETA not strictly later than now + 5 min or not strictly earlier than
    now + 12 h (contract §4.2), so a value outside would make every such accept fail."""
    number = parse_number(value)
    if not ETA_MIN_MIN <= number <= ETA_MAX_MIN or number != int(number):
        raise ValueError(f"expected a whole number of minutes from {ETA_MIN_MIN} to {ETA_MAX_MIN}")
    return int(number)


def _offline_alarm_s(value: object) -> float:
    number = parse_number(value)
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
    Key("allow_http", bool, True,
        "plain http:// to another machine is allowed (with a warning); false: https only",
        _bool, flags=("--https-only",)),
    Key("restaurant", str, None, "restaurant id or name to open after sign-in"),
    Key("language", str, "auto", "screen language; auto: the system's (vi when Vietnamese)",
        choices=("auto", "en", "vi"), on_screen=True),
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

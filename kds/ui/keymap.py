"""Keyboard and bump-bar bindings: command name → key, from a config section with defaults.

Bump bars are USB keyboards with relabelled keys, so a key map is all they need. The config
file arrives in a later issue; `KeyMap` takes its section as a plain mapping today.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

__all__ = ["COMMANDS", "DEFAULT_KEYS", "KeyMap", "KeyMapError"]

DEFAULT_KEYS: dict[str, str] = {
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "bump": "Return",
    "bump_alt": "Enter",
    "acknowledge": "Space",
    "cancel_order": "Delete",
    "recall": "R",
    "all_day": "A",
    "mute": "M",
    "undo": "Backspace",
    "next_page": "PgDown",
    "previous_page": "PgUp",
    **{f"select_{n}": str(n) for n in range(10)},
}
"""Arrows move, digits pick the ticket with that number on the page (two digits within a
second for 10 and up), Enter runs its next step (again: at once), Backspace takes back the
latest waiting step, Page Up / Page Down turn the page."""

COMMANDS = frozenset(DEFAULT_KEYS)


class KeyMapError(ValueError):
    """A key-map entry names an unknown command or a key Qt cannot parse."""


class KeyMap:
    """Looks up the command bound to a key press.

    Args:
        overrides: ``{command: key}`` from the config section (e.g. ``{"bump": "B"}``); an
            empty string unbinds a command. Unknown commands or keys raise `KeyMapError`.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        keys = dict(DEFAULT_KEYS)
        for command, key in (overrides or {}).items():
            if command not in COMMANDS:
                raise KeyMapError(f"unknown key-map command {command!r}")
            keys[command] = key
        self.keys = keys
        self._by_key: dict[int, str] = {}
        for command, key in keys.items():
            if not key:
                continue
            sequence = QKeySequence(key)
            if sequence.count() != 1:
                raise KeyMapError(f"cannot parse key {key!r} for {command!r}")
            combo: QKeyCombination = sequence[0]  # type: ignore[index]  # missing in the stubs
            if combo.key() == Qt.Key.Key_unknown:
                raise KeyMapError(f"cannot parse key {key!r} for {command!r}")
            self._by_key[combo.toCombined()] = command

    def command_for(self, event: QKeyEvent) -> str | None:
        """The command bound to this key press (keypad modifier ignored), or None."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        combined = QKeyCombination(modifiers, Qt.Key(event.key())).toCombined()
        return self._by_key.get(combined)

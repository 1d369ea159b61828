"""Key map: defaults, overrides from a config section, bad entries refused with a clear error."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from kds.ui.keymap import KeyMap, KeyMapError

NO_MOD = Qt.KeyboardModifier.NoModifier


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


def test_defaults(qtbot: QtBot) -> None:
    keys = KeyMap()
    assert keys.command_for(press(Qt.Key.Key_Return)) == "bump"
    keypad_enter = press(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert keys.command_for(keypad_enter) == "bump_alt"
    assert keys.command_for(press(Qt.Key.Key_3)) == "select_3"
    assert keys.command_for(press(Qt.Key.Key_R)) == "recall"
    assert keys.command_for(press(Qt.Key.Key_A)) == "all_day"
    assert keys.command_for(press(Qt.Key.Key_M)) == "mute"
    assert keys.command_for(press(Qt.Key.Key_Z)) is None


def test_overrides_and_unbinding(qtbot: QtBot) -> None:
    keys = KeyMap({"bump": "B", "recall": "F5", "mute": ""})
    assert keys.command_for(press(Qt.Key.Key_B)) == "bump"
    assert keys.command_for(press(Qt.Key.Key_F5)) == "recall"
    assert keys.command_for(press(Qt.Key.Key_Return)) is None
    assert keys.command_for(press(Qt.Key.Key_M)) is None


def test_bad_entries_are_refused(qtbot: QtBot) -> None:
    with pytest.raises(KeyMapError, match="unknown key-map command"):
        KeyMap({"launch_rockets": "L"})
    with pytest.raises(KeyMapError, match="cannot parse key"):
        KeyMap({"bump": "Ctrl+Banana"})

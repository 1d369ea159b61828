"""Colours, fonts and the Qt style sheet: dark by default, light on request, scalable text.

Sizes are chosen for reading from two metres on a 10–24 inch screen: the order number is the
largest thing on a ticket, item lines stay above ~18 px even on a 1024×600 panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from kds.core.orders import OrderStatus
from kds.core.timers import TimerLevel

__all__ = ["DARK", "LIGHT", "THEMES", "Theme"]


@dataclass(frozen=True, slots=True)
class Theme:
    """One palette plus the font scale; `px(n)` scales a base pixel size."""

    name: str
    window: str
    panel: str
    ticket: str
    ticket_selected: str
    text: str
    muted_text: str
    accent: str
    ok: str
    warning: str
    critical: str
    flash: str
    note_bg: str
    allergy: str
    badge_bg: str
    button: str
    button_text: str
    primary: str
    primary_text: str
    danger: str
    status_new: str
    status_progress: str
    status_ready: str
    font_scale: float = 1.0

    def px(self, base: float) -> int:
        return max(1, round(base * self.font_scale))

    def touch(self, height: int) -> int:
        """A touch target's height: `height` px whatever the text scale (a finger does not
        grow with the text), but never less than its own text needs."""
        return max(height, self.px(20) + 20)

    def level_colour(self, level: TimerLevel) -> str:
        return {
            TimerLevel.OK: self.ok,
            TimerLevel.WARNING: self.warning,
            TimerLevel.CRITICAL: self.critical,
        }[level]

    def status_colour(self, status: OrderStatus) -> str:
        """The ticket header chip's colour (always shown with an icon and a word too)."""
        if status is OrderStatus.PLACED:
            return self.status_new
        if status is OrderStatus.READY_FOR_DELIVERY:
            return self.status_ready
        return self.status_progress

    def scaled(self, font_scale: float) -> Theme:
        """The same palette at another font scale (clamped to a readable 0.6–2.5)."""
        from dataclasses import replace

        return replace(self, font_scale=min(max(font_scale, 0.6), 2.5))

    def style_sheet(self) -> str:
        """Widget-wide rules; ticket-specific colours are set per ticket by level."""
        return f"""
QWidget {{ color: {self.text}; font-size: {self.px(18)}px; }}
QMainWindow, QDialog, QWidget#page {{ background: {self.window}; }}
QLabel {{ background: transparent; }}
QLabel#ticketNumber {{ font-size: {self.px(44)}px; font-weight: bold; }}
QLabel#ticketTimer {{ font-size: {self.px(20)}px; font-weight: bold; }}
QLabel#dialogTitle {{ font-size: {self.px(26)}px; font-weight: bold; }}
#ticketItems {{ font-size: {self.px(22)}px; }}
#ticketNote {{ font-size: {self.px(19)}px; }}
#ticketElsewhere {{ font-size: {self.px(17)}px; }}
QLabel#statusChip, QLabel#ticketCont {{ font-size: {self.px(14)}px;
    font-weight: bold; color: #000; }}
QLabel#ticketMeta {{ font-size: {self.px(13)}px; font-weight: bold; color: #000; }}
QLabel#ticketPosition {{ font-size: {self.px(15)}px; font-weight: bold; color: {self.text};
    background: {self.window}; border-radius: 4px; }}
QLabel#ticketEta {{ font-size: {self.px(13)}px; font-weight: bold; }}
QLabel#ticketNumber[density="compact"] {{ font-size: {self.px(30)}px; }}
QLabel#ticketNumber[density="dense"] {{ font-size: {self.px(28)}px; }}
QPushButton#step[density="comfortable"], QPushButton#more[density="comfortable"],
QPushButton#undo[density="comfortable"], QPushButton#cancelHeld[density="comfortable"] {{
    min-height: {self.touch(64) - 16}px; max-height: {self.touch(64) - 16}px; }}
QPushButton#step[density="compact"], QPushButton#more[density="compact"],
QPushButton#undo[density="compact"], QPushButton#cancelHeld[density="compact"] {{
    min-height: {self.touch(52) - 16}px; max-height: {self.touch(52) - 16}px; }}
QPushButton#step[density="dense"], QPushButton#more[density="dense"],
QPushButton#undo[density="dense"], QPushButton#cancelHeld[density="dense"] {{
    min-height: {self.touch(48) - 16}px; max-height: {self.touch(48) - 16}px; }}
QPushButton#pagePrevious, QPushButton#pageNext {{ min-height: {self.touch(44) - 16}px; }}
QPushButton[compact="true"] {{ min-height: {self.touch(48) - 16}px; }}
QLabel#pagerText {{ font-size: {self.px(20)}px; font-weight: bold; }}
QFrame#pager {{ background: {self.panel}; }}
QPushButton#more {{ font-size: {self.px(24)}px; padding: 2px; }}
QLabel#ticketError {{ font-size: {self.px(18)}px; color: {self.critical}; font-weight: bold; }}
QLabel#heldStepsText, QLabel#loginWarning {{
    font-size: {self.px(18)}px; color: {self.warning}; font-weight: bold; }}
QLabel#badge {{ background: {self.badge_bg}; border-radius: 4px; padding: 2px 6px;
    font-size: {self.px(16)}px; font-weight: bold; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {self.panel}; border: none; }}
QFrame#lane {{ background: {self.panel}; border-radius: 6px; }}
QLabel#laneTitle {{ font-size: {self.px(22)}px; font-weight: bold; padding: 6px; }}
QFrame#header {{ background: {self.panel}; }}
QPushButton {{
    background: {self.button}; color: {self.button_text}; border: 2px solid {self.muted_text};
    border-radius: 8px; padding: 6px 10px; font-size: {self.px(20)}px; font-weight: bold;
    min-height: 64px;
}}
QPushButton:disabled {{ color: {self.muted_text}; border-color: {self.panel}; }}
QPushButton[role="primary"] {{ background: {self.primary}; color: {self.primary_text};
    border-color: {self.primary}; }}
QPushButton[role="danger"] {{ background: {self.button}; color: {self.danger};
    border-color: {self.danger}; }}
QPushButton:checked {{ background: {self.accent}; color: {self.window}; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox {{
    background: {self.ticket}; color: {self.text}; border: 2px solid {self.muted_text};
    border-radius: 6px; padding: 8px; font-size: {self.px(20)}px; min-height: 40px;
}}
QListWidget {{ background: {self.ticket}; font-size: {self.px(20)}px; }}
QListWidget::item {{ min-height: 64px; padding: 4px; }}
QListWidget::item:selected {{ background: {self.accent}; color: {self.window}; }}
QDialog {{ background: {self.panel}; }}
"""


DARK = Theme(
    name="dark",
    window="#101214",
    panel="#1b1f24",
    ticket="#262b32",
    ticket_selected="#33404f",
    text="#f2f4f5",
    muted_text="#9aa5b1",
    accent="#4fc3f7",
    ok="#5fd38d",
    warning="#ffd23f",
    critical="#ff5c5c",
    flash="#4f3f00",
    note_bg="#3d3420",
    allergy="#ff8a65",
    badge_bg="#3a4250",
    button="#2f3640",
    button_text="#f2f4f5",
    primary="#2e7d32",
    primary_text="#ffffff",
    danger="#ff6b6b",
    status_new="#4fc3f7",
    status_progress="#ffb74d",
    status_ready="#9be38f",
)

LIGHT = Theme(
    name="light",
    window="#eef1f4",
    panel="#dde2e7",
    ticket="#ffffff",
    ticket_selected="#d6ecff",
    text="#111417",
    muted_text="#4a5560",
    accent="#0b6fb8",
    ok="#1b7f3b",
    warning="#9a6a00",
    critical="#c62828",
    flash="#ffe082",
    note_bg="#fff4d6",
    allergy="#b3261e",
    badge_bg="#cfd8e3",
    button="#f7f9fa",
    button_text="#111417",
    primary="#1b7f3b",
    primary_text="#ffffff",
    danger="#c62828",
    status_new="#8fd3ff",
    status_progress="#ffcc80",
    status_ready="#a5e3a0",
)

THEMES = {DARK.name: DARK, LIGHT.name: LIGHT}

"""`SettingsDialog`: theme, text size and sign-out, with touch-sized controls."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["SettingsDialog"]


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(72)
    return button


class SettingsDialog(QDialog):
    """Signals: theme_chosen(name), font_scale_chosen(scale), sign_out_requested()."""

    theme_chosen = Signal(str)
    font_scale_chosen = Signal(float)
    sign_out_requested = Signal()

    STEP = 0.1

    def __init__(self, theme: str, font_scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.font_scale = font_scale
        self.dark_button = _button("Dark theme")
        self.light_button = _button("Light theme")
        for button, name in ((self.dark_button, "dark"), (self.light_button, "light")):
            button.setCheckable(True)
            button.setChecked(name == theme)
            button.clicked.connect(lambda _=False, n=name: self.theme_chosen.emit(n))
        self.smaller_button = _button("A−  smaller text")
        self.larger_button = _button("A+  larger text")
        self.scale_label = QLabel()
        self.smaller_button.clicked.connect(lambda: self._step(-self.STEP))
        self.larger_button.clicked.connect(lambda: self._step(self.STEP))
        self.sign_out_button = _button("Sign out")
        self.sign_out_button.setProperty("role", "danger")
        self.sign_out_button.clicked.connect(self._on_sign_out_clicked)
        close = _button("Close")
        close.clicked.connect(self.accept)
        themes = QHBoxLayout()
        themes.addWidget(self.dark_button)
        themes.addWidget(self.light_button)
        sizes = QHBoxLayout()
        sizes.addWidget(self.smaller_button)
        sizes.addWidget(self.scale_label)
        sizes.addWidget(self.larger_button)
        layout = QVBoxLayout(self)
        layout.addLayout(themes)
        layout.addLayout(sizes)
        layout.addWidget(self.sign_out_button)
        layout.addWidget(close)
        self._show_scale()

    def _step(self, delta: float) -> None:
        self.font_scale = round(min(max(self.font_scale + delta, 0.6), 2.5), 2)
        self._show_scale()
        self.font_scale_chosen.emit(self.font_scale)

    def _show_scale(self) -> None:
        self.scale_label.setText(f"Text size {round(self.font_scale * 100)} %")

    def _on_sign_out_clicked(self) -> None:
        self.sign_out_requested.emit()
        self.accept()

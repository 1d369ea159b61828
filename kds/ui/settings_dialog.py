"""`SettingsDialog`: language, theme, text size, ticket density, auto-accept, station and
sign-out, with touch-sized controls.

A setting fixed for this run by a flag or a ``KDS_*`` variable (`Settings.pinned_by`) shows
its value with its buttons disabled and a line naming the flag or variable. Why not let the
cook change it anyway: the flag or variable would win again at the next start, so the screen
would silently undo the cook's choice; saying who decides is honest and the installer can act.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kds.app.i18n import translate
from kds.core.actions import ETA_DEFAULT_MIN
from kds.core.stations import EXPO
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.widgets import big_button

__all__ = ["DENSITY_TEXT", "EXPO_TEXT", "LANGUAGE_TEXT", "SettingsDialog"]

DENSITY_TEXT = {
    "auto": QT_TRANSLATE_NOOP("SettingsDialog", "Auto (by screen)"),
    "comfortable": QT_TRANSLATE_NOOP("SettingsDialog", "Roomy"),
    "compact": QT_TRANSLATE_NOOP("SettingsDialog", "Compact"),
    "dense": QT_TRANSLATE_NOOP("SettingsDialog", "Dense"),
}
"""The ``density`` setting's values, as the buttons say them (translated where shown)."""

EXPO_TEXT = QT_TRANSLATE_NOOP("SettingsDialog", "All orders (expo)")
"""The station picker's button for no station: every order, every line, the order's steps."""

LANGUAGE_TEXT = {"vi": "Tiếng Việt", "en": "English"}
"""The ``language`` setting's languages, each named in its own language: never translated, so
a cook who cannot read the screen's language still finds their own."""

_SETTING_TEXT = {
    "language": QT_TRANSLATE_NOOP("SettingsDialog", "Language"),
    "theme": QT_TRANSLATE_NOOP("SettingsDialog", "Theme"),
    "font_scale": QT_TRANSLATE_NOOP("SettingsDialog", "Text size"),
    "density": QT_TRANSLATE_NOOP("SettingsDialog", "Ticket density"),
    "auto_accept": QT_TRANSLATE_NOOP("SettingsDialog", "Auto-accept"),
    "station": QT_TRANSLATE_NOOP("SettingsDialog", "Station"),
}
"""The settings a flag or variable may pin, as the pinned line names them."""


class SettingsDialog(QDialog):
    """Signals: language_chosen(``auto``/``en``/``vi``), theme_chosen(name),
    font_scale_chosen(scale), density_chosen(name), auto_accept_chosen(on), station_chosen(name:
    a station's, or ``"all"`` for the expo view), sign_out_requested().

    Args:
        language: the ``language`` setting (``auto``, ``en`` or ``vi``).
        density: the ``density`` setting (``auto`` or a density's name).
        auto_accept: whether this terminal accepts new orders by itself, and with what ETA
            (``auto_accept_eta_min``, shown on the switch so the cook knows what is promised).
        pinned: ``language`` / ``theme`` / ``font_scale`` / ``density`` / ``auto_accept`` /
            ``station`` → the flag or variable that fixes it this run.
        stations: the restaurant's station profiles by name; `station` the one shown (None:
            the expo view).
    """

    language_chosen = Signal(str)
    theme_chosen = Signal(str)
    density_chosen = Signal(str)
    font_scale_chosen = Signal(float)
    auto_accept_chosen = Signal(bool)
    station_chosen = Signal(str)
    sign_out_requested = Signal()

    STEP = 0.1

    def __init__(
        self,
        theme: str,
        font_scale: float,
        parent: QWidget | None = None,
        *,
        pinned: Mapping[str, str] | None = None,
        density: str = "auto",
        auto_accept: bool = False,
        auto_accept_eta_min: int = ETA_DEFAULT_MIN,
        stations: Sequence[str] = (),
        station: str | None = None,
        language: str = "auto",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.font_scale = font_scale
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QHBoxLayout()
        languages.addWidget(QLabel(translate("SettingsDialog", "Language:")))
        for name in ("vi", "en", "auto"):
            text = LANGUAGE_TEXT.get(name) or translate("SettingsDialog", "Auto (system)")
            button = big_button(text)
            button.setCheckable(True)
            button.setChecked(name == language)
            button.clicked.connect(lambda _=False, n=name: self._choose_language(n))
            self.language_buttons[name] = button
            languages.addWidget(button, 1)
        self.dark_button = big_button(translate("SettingsDialog", "Dark theme"))
        self.light_button = big_button(translate("SettingsDialog", "Light theme"))
        for button, name in ((self.dark_button, "dark"), (self.light_button, "light")):
            button.setCheckable(True)
            button.setChecked(name == theme)
            button.clicked.connect(lambda _=False, n=name: self.theme_chosen.emit(n))
        self.smaller_button = big_button(translate("SettingsDialog", "A−  smaller text"))
        self.larger_button = big_button(translate("SettingsDialog", "A+  larger text"))
        self.scale_label = QLabel()
        self.smaller_button.clicked.connect(lambda: self._step(-self.STEP))
        self.larger_button.clicked.connect(lambda: self._step(self.STEP))
        self.density_buttons: dict[str, QPushButton] = {}
        densities = QHBoxLayout()
        densities.addWidget(QLabel(translate("SettingsDialog", "Tickets on screen:")))
        for name, text in DENSITY_TEXT.items():
            button = big_button(translate("SettingsDialog", text))
            button.setCheckable(True)
            button.setChecked(name == density)
            button.clicked.connect(lambda _=False, n=name: self._choose_density(n))
            self.density_buttons[name] = button
            densities.addWidget(button)
        self._eta_min = auto_accept_eta_min
        self.auto_accept_button = big_button("")
        self.auto_accept_button.setCheckable(True)
        self.auto_accept_button.setChecked(auto_accept)
        self.auto_accept_button.toggled.connect(self._on_auto_accept_toggled)
        self._show_auto_accept()
        self.station_buttons: dict[str, QPushButton] = {}
        station_row = QHBoxLayout()
        station_row.addWidget(QLabel(translate("SettingsDialog", "This terminal's station:")))
        for name in (EXPO, *stations):
            button = big_button(  # a station's name is the installer's: never translated
                translate("SettingsDialog", EXPO_TEXT) if name == EXPO else name
            )
            button.setCheckable(True)
            button.setChecked(name == (station or EXPO))
            button.clicked.connect(lambda _=False, n=name: self._choose_station(n))
            self.station_buttons[name] = button
            station_row.addWidget(button)
        no_stations = translate(
            "SettingsDialog",
            "No stations are set up ([stations] in config.toml): this terminal shows every order.",
        )
        self.station_hint = QLabel("" if stations else no_stations)
        self.station_hint.setWordWrap(True)
        self.station_hint.setVisible(not stations)
        self.sign_out_button = big_button(translate("SettingsDialog", "Sign out"))
        self.sign_out_button.setProperty("role", "danger")
        self.sign_out_button.clicked.connect(self._on_sign_out_clicked)
        close = big_button(translate("SettingsDialog", "Close"))
        close.clicked.connect(self.accept)
        # Rows of buttons, each led by what it sets: the dialog keeps to a 1024×600 screen.
        looks = QHBoxLayout()
        looks.addWidget(self.dark_button)
        looks.addWidget(self.light_button)
        looks.addSpacing(16)
        looks.addWidget(self.smaller_button)
        looks.addWidget(self.scale_label)
        looks.addWidget(self.larger_button)
        pinned = pinned or {}
        pinned_line = translate("SettingsDialog", "{setting} is set by {source} for this terminal.")
        self.pinned_label = QLabel(
            "\n".join(
                pinned_line.format(setting=translate("SettingsDialog", what), source=pinned[name])
                for name, what in _SETTING_TEXT.items()
                if name in pinned
            )
        )
        self.pinned_label.setWordWrap(True)
        self.pinned_label.setVisible(bool(pinned))
        for button in self.language_buttons.values():
            button.setEnabled("language" not in pinned)
        for button in (self.dark_button, self.light_button):
            button.setEnabled("theme" not in pinned)
        for button in (self.smaller_button, self.larger_button):
            button.setEnabled("font_scale" not in pinned)
        for button in self.density_buttons.values():
            button.setEnabled("density" not in pinned)
        self.auto_accept_button.setEnabled("auto_accept" not in pinned)
        for button in self.station_buttons.values():
            button.setEnabled("station" not in pinned and bool(stations))
        layout = QVBoxLayout(self)
        layout.addLayout(languages)
        layout.addLayout(looks)
        layout.addLayout(densities)
        layout.addWidget(self.auto_accept_button)
        layout.addLayout(station_row)
        layout.addWidget(self.station_hint)
        layout.addWidget(self.pinned_label)
        last = QHBoxLayout()
        last.addWidget(self.sign_out_button)
        last.addWidget(close)
        layout.addLayout(last)
        self._show_scale()

    def _choose_language(self, name: str) -> None:
        for other, button in self.language_buttons.items():
            button.setChecked(other == name)
        self.language_chosen.emit(name)

    def _choose_density(self, name: str) -> None:
        for other, button in self.density_buttons.items():
            button.setChecked(other == name)
        self.density_chosen.emit(name)

    def _choose_station(self, name: str) -> None:
        for other, button in self.station_buttons.items():
            button.setChecked(other == name)
        self.station_chosen.emit(name)

    def _step(self, delta: float) -> None:
        self.font_scale = round(min(max(self.font_scale + delta, 0.6), 2.5), 2)
        self._show_scale()
        self.font_scale_chosen.emit(self.font_scale)

    def _show_scale(self) -> None:
        percent = round(self.font_scale * 100)
        self.scale_label.setText(
            translate("SettingsDialog", "Text size {percent} %").format(percent=percent)
        )

    def _on_auto_accept_toggled(self, on: bool) -> None:
        self._show_auto_accept()
        self.auto_accept_chosen.emit(on)

    def _show_auto_accept(self) -> None:
        on = self.auto_accept_button.isChecked()
        text = (
            translate("SettingsDialog", "Auto-accept new orders ({minutes} min): ON")
            if on
            else translate("SettingsDialog", "Auto-accept new orders ({minutes} min): off")
        )
        self.auto_accept_button.setText(text.format(minutes=self._eta_min))

    def _on_sign_out_clicked(self) -> None:
        self.sign_out_requested.emit()
        self.accept()

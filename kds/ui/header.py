"""`HeaderBar`: restaurant, clock, connection health in colour and words, and the screen's switches.

The connection figures (state, seconds since the last hub event, last successful sync) are
always visible: a kitchen must see at a glance whether the board can be trusted (rule 8).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kds.app import local_formats
from kds.app.i18n import translate
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.fit_button import FitButton
from kds.ui.session_api import SessionApi
from kds.ui.theme import DARK, Theme
from kds.ui.widgets import touch_button, touch_sized

__all__ = ["CONNECTION_TEXT", "HeaderBar", "held_count_text"]

CONNECTION_TEXT = {
    "connected": ("●", QT_TRANSLATE_NOOP("HeaderBar", "Live")),
    "connecting": ("◐", QT_TRANSLATE_NOOP("HeaderBar", "Connecting…")),
    "reconnecting": ("▲", QT_TRANSLATE_NOOP("HeaderBar", "Reconnecting…")),
    "disconnected": ("■", QT_TRANSLATE_NOOP("HeaderBar", "Offline")),
}
"""Each connection state's icon and word (in English: translated where shown)."""


def held_count_text(count: int) -> str:
    """The header's count of steps kept for the server ("◷ 3 steps to send")."""
    return translate("HeaderBar", "◷ %n steps to send", None, count)


class HeaderBar(QFrame):
    """The strip above the lanes.

    Signals:
        switch_requested(): the restaurant name was tapped (pick another).
        recall_requested() / all_day_requested() / settings_requested(): panel buttons.
        mute_toggled(bool): the mute switch moved.
        accepting_toggled(bool): an owner moved the pause-incoming-orders switch.
    """

    switch_requested = Signal()
    recall_requested = Signal()
    all_day_requested = Signal()
    settings_requested = Signal()
    mute_toggled = Signal(bool)
    accepting_toggled = Signal(bool)

    def __init__(
        self,
        session: SessionApi,
        clock: Callable[[], datetime],
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self._session = session
        self._clock = clock
        self._theme = theme
        self.state = "disconnected"
        self.state_detail = ""
        self.last_event: datetime | None = None
        self.last_sync: datetime | None = None
        self._accepting_pending: bool | None = None

        self.restaurant_label = QLabel("—")
        self.restaurant_label.setTextFormat(Qt.TextFormat.PlainText)  # the server's name for it
        self.restaurant_label.setObjectName("restaurantName")
        self.restaurant_label.setStyleSheet(f"font-size: {theme.px(26)}px; font-weight: bold;")
        # With more than one restaurant the name itself is the button that switches (one
        # widget, not a name and a "Switch" beside it: the header's width is the buttons').
        self.restaurant_button = touch_button("— ▾", name="restaurantButton")
        self.restaurant_button.clicked.connect(self.switch_requested)
        self.restaurant_button.hide()
        # The two switches give way to a short wording on a narrow header (1024 px, Vietnamese):
        # never a cut word, never a button pushed off the screen.
        self.accepting_button = _fit_switch("acceptingButton")
        self._show_accepting(True)
        self.accepting_button.setChecked(True)
        self.accepting_button.clicked.connect(self._on_accepting_clicked)
        self.accepting_button.hide()
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.clock_label.setStyleSheet(f"font-size: {theme.px(22)}px; font-weight: bold;")
        self.connection_label = QLabel()
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.connection_label.setObjectName("connection")
        # Steps not yet at the server (issue 18): under the connection, which explains them,
        # before the health figures (which give way: never a header button pushed off).
        self.held_label = QLabel()
        self.held_label.setTextFormat(Qt.TextFormat.PlainText)
        self.held_label.setObjectName("heldCount")
        self.held_label.setStyleSheet(
            f"color: {theme.warning}; font-weight: bold; font-size: {theme.px(17)}px;"
        )
        self.held_label.hide()
        self.health_label = QLabel()
        self.health_label.setObjectName("health")
        self.health_label.setStyleSheet(f"font-size: {theme.px(15)}px; color: {theme.muted_text};")
        self.health_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._health: tuple[str, ...] = ("",)
        self.health_label.installEventFilter(self)
        self.mute_button = _fit_switch("muteButton")
        self.mute_button.set_texts(*_sound_texts(muted=False))
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.recall_button = touch_button(translate("HeaderBar", "Recall"), name="recallButton")
        self.recall_button.clicked.connect(self.recall_requested)
        self.all_day_button = touch_button(translate("HeaderBar", "All day"), name="allDayButton")
        self.all_day_button.clicked.connect(self.all_day_requested)
        self.settings_button = touch_button("⚙", name="settingsButton")
        self.settings_button.clicked.connect(self.settings_requested)
        if compact:  # a denser board's header gives the tickets its height too (style sheet)
            for button in (
                self.restaurant_button,
                self.accepting_button,
                self.mute_button,
                self.recall_button,
                self.all_day_button,
                self.settings_button,
            ):
                button.setProperty("compact", True)

        status = QVBoxLayout()  # connection state in words and colour, with its figures below
        status.setSpacing(0)
        top = QHBoxLayout()
        top.addWidget(self.clock_label)
        top.addSpacing(12)
        top.addWidget(self.connection_label)
        top.addStretch(1)
        status.addLayout(top)
        figures = QHBoxLayout()
        figures.setSpacing(12)
        figures.addWidget(self.held_label)
        figures.addWidget(self.health_label, 1)
        status.addLayout(figures)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addWidget(self.restaurant_label)
        layout.addWidget(self.restaurant_button)
        layout.addWidget(self.accepting_button)
        layout.addSpacing(8)
        layout.addLayout(status, 1)
        layout.addWidget(self.recall_button)
        layout.addWidget(self.all_day_button)
        layout.addWidget(self.mute_button)
        layout.addWidget(self.settings_button)

        session.connection_changed.connect(self._on_connection_changed)
        session.event_received.connect(self._on_event_received)
        session.synced.connect(self._on_synced)
        session.restaurant_selected.connect(self._on_restaurant_selected)
        session.restaurants_changed.connect(self._on_restaurants_changed)
        session.accepting_orders_changed.connect(self._on_accepting_orders_changed)
        session.notice.connect(self._on_notice)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._on_restaurants_changed()
        self._show_connection()
        self.refresh()

    # ------------------------------------------------------------------ session → header

    def _on_connection_changed(self, state: str, detail: str) -> None:
        self.state, self.state_detail = state, detail
        self._show_connection()

    def _on_event_received(self, at: object) -> None:
        if isinstance(at, datetime):
            self.last_event = at

    def _on_synced(self, at: object) -> None:
        if isinstance(at, datetime):
            self.last_sync = at
        self.refresh()

    def _on_restaurant_selected(self, restaurant_id: str, name: str) -> None:
        self.restaurant_label.setText(name)
        self.restaurant_button.setText(f"{name} ▾")  # the restaurant's name: data
        self._on_restaurants_changed()

    def _on_restaurants_changed(self) -> None:
        rid = self._session.restaurant_id
        restaurants = self._session.restaurants()
        owner = any(r.restaurant_id == rid and r.role == "RestaurantOwner" for r in restaurants)
        name = next((r.name for r in restaurants if r.restaurant_id == rid), None)
        if name and self.restaurant_label.text() == "—":  # a header built after the choice
            self.restaurant_label.setText(name)
            self.restaurant_button.setText(f"{name} ▾")
        self.accepting_button.setVisible(owner)
        self.restaurant_button.setVisible(self._can_switch())
        self.restaurant_label.setVisible(not self._can_switch())

    def _can_switch(self) -> bool:
        return len(self._session.restaurants()) > 1

    def _on_accepting_orders_changed(self, accepting: bool) -> None:
        self._accepting_pending = None
        self.accepting_button.setEnabled(True)
        self._show_accepting(accepting)

    def _on_notice(self, level: str, message: str) -> None:
        # The session reports a failed switch as an error notice: show the old state again.
        if self._accepting_pending is not None and level == "error":
            self.accepting_button.setEnabled(True)
            self._show_accepting(not self._accepting_pending)
            self._accepting_pending = None

    def _show_accepting(self, accepting: bool) -> None:
        self.accepting_button.setChecked(accepting)
        if accepting:
            self.accepting_button.set_texts(
                translate("HeaderBar", "✔ Taking orders"), translate("HeaderBar", "✔ Open")
            )
        else:  # paused is the state a cook must not miss: always in full
            self.accepting_button.set_texts(translate("HeaderBar", "⏸ PAUSED"))

    def _on_accepting_clicked(self, checked: bool) -> None:
        # Show the old state until the server confirms; the button is blocked meanwhile.
        self._show_accepting(not checked)
        self.accepting_button.setEnabled(False)
        self.accepting_button.set_texts(
            translate("HeaderBar", "Resuming…") if checked else translate("HeaderBar", "Pausing…")
        )
        self._accepting_pending = checked
        self.accepting_toggled.emit(checked)

    def _on_mute_toggled(self, muted: bool) -> None:
        self.mute_button.set_texts(*_sound_texts(muted=muted))
        self.mute_toggled.emit(muted)

    def set_held_count(self, count: int) -> None:
        """Show how many steps wait for the server (hidden at 0)."""
        self.held_label.setText(held_count_text(count) if count > 0 else "")
        self.held_label.setVisible(count > 0)

    # ------------------------------------------------------------------ rendering

    def _show_connection(self) -> None:
        icon, words = CONNECTION_TEXT.get(self.state, ("?", self.state))
        if self.state in CONNECTION_TEXT:  # an unknown state is shown as the session named it
            words = translate("HeaderBar", words)
        theme = self._theme
        colour = {"connected": theme.ok, "disconnected": theme.critical}.get(
            self.state, theme.warning
        )
        self.connection_label.setText(f"{icon} {words}")
        self.connection_label.setStyleSheet(
            f"color: {colour}; font-weight: bold; font-size: {theme.px(22)}px;"
        )
        self.connection_label.setToolTip(self.state_detail)

    def refresh(self) -> None:
        """Once a second: the clock and the ages of the last event and sync."""
        now = self._clock()
        # A wall clock in hours and minutes (as kitchens hang them): the ages below count seconds.
        self.clock_label.setText(local_formats.clock_time(now))
        if self.last_event is not None:
            age_s = max(int((now - self.last_event).total_seconds()), 0)
            event = (
                translate("HeaderBar", "last event {seconds} s ago").format(seconds=age_s),
                translate("HeaderBar", "event {seconds} s ago").format(seconds=age_s),
            )
        else:
            event = (translate("HeaderBar", "no events yet"), translate("HeaderBar", "no events"))
        if self.last_sync is not None:
            synced = translate("HeaderBar", "synced {time}")
            synced = synced.format(time=local_formats.clock_time(self.last_sync))
            sync = (synced, synced)
        else:
            sync = (translate("HeaderBar", "not synced yet"), translate("HeaderBar", "not synced"))
        # The long words where they fit, shorter ones on a narrow screen, the sync alone, else
        # nothing: these figures give way to the switches, but never show a word cut off.
        self._health = (f"{event[0]} · {sync[0]}", f"{event[1]} · {sync[1]}", sync[1], "")
        self._fit_health()

    def _fit_health(self) -> None:
        room, metrics = self.health_label.width(), self.health_label.fontMetrics()
        shown = next(
            (t for t in self._health if room <= 1 or metrics.horizontalAdvance(t) <= room), ""
        )
        if shown != self.health_label.text():
            self.health_label.setText(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.health_label and event.type() == QEvent.Type.Resize:
            self._fit_health()  # at once, not at the next tick: never a word cut off meanwhile
        return super().eventFilter(watched, event)

    def stop(self) -> None:
        self._timer.stop()


def _fit_switch(name: str) -> FitButton:
    """A checkable header button that shows the longest of its wordings that fits."""
    return touch_sized(FitButton(asks_for_longest=True), name=name, checkable=True)


def _sound_texts(*, muted: bool) -> tuple[str, ...]:
    """The sound switch's wordings, the shorter where the header is short of room: on as the
    note alone; muted keeps a word (it must be noticed, and the switch is lit as well)."""
    if muted:
        return (translate("HeaderBar", "✕ MUTED"), translate("HeaderBar", "✕ OFF"))
    return (translate("HeaderBar", "♪ Sound on"), "♪")

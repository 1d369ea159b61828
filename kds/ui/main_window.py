"""`MainWindow`: login → restaurant picker → board, one `Session` per server address.

The window owns the session's lifetime (a new server address means a new session) and swaps
pages in response to the session's signals; it never talks to the network itself.

A new language is not applied to the widgets in place: the window asks to be rebuilt
(`rebuild_requested`) and `kds.ui.main.run_gui` builds a new one in the new language, so
every text is translated the one way it is anyway, as its widget is built.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kds.app import i18n
from kds.app.i18n import translate
from kds.app.server_address import HTTP_REFUSED, plain_http
from kds.app.settings import Settings
from kds.app.step_window import UNDO_WINDOW_S
from kds.core.timers import DEFAULT_THRESHOLDS, TimerThresholds
from kds.ui.alert_player import AlertPlayer
from kds.ui.board_page import BoardPage
from kds.ui.board_view import utc_now
from kds.ui.density import Density, resolve_density
from kds.ui.kept_step_dialogs import SignOutStepsDialog
from kds.ui.keymap import KeyMap
from kds.ui.login_view import LoginView
from kds.ui.picker import RestaurantPicker
from kds.ui.session_api import SessionApi
from kds.ui.settings_dialog import SettingsDialog
from kds.ui.theme import THEMES, Theme

__all__ = ["MainWindow", "SessionFactory"]

SessionFactory = Callable[[str], SessionApi]
"""``(server_url) -> Session`` (tests inject test settings, a fast hub and a temp state file)."""


class MainWindow(QMainWindow):
    """The kitchen display's only window.

    Signals:
        rebuild_requested(): the cook chose another language; the window is to be replaced by
            one built in it (`kds.ui.main.run_gui` does; a window alone ignores it).

    Attributes:
        session: the current session, or None before the first sign-in attempt.
        login, picker: the first two pages; `board_page` exists while a session does.
    """

    rebuild_requested = Signal()

    def __init__(
        self,
        session_factory: SessionFactory,
        player: AlertPlayer,
        settings: Settings,
        *,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        keymap: KeyMap | None = None,
        clock: Callable[[], datetime] = utc_now,
        repeat_s: float = 15.0,
        escalate_s: float = 60.0,
        resume: bool = True,
        screen_scale: float = 1.0,
        undo_s: float = UNDO_WINDOW_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MainWindow", "Kitchen display"))
        self._factory = session_factory
        self._player = player
        self.settings = settings
        self._thresholds = thresholds
        self._keymap = keymap or KeyMap()
        self._clock = clock
        self._repeat_s = repeat_s
        self._escalate_s = escalate_s
        self._screen_scale = screen_scale
        self._undo_s = undo_s
        self.session: SessionApi | None = None
        self.board_page: BoardPage | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.sign_out_dialog: SignOutStepsDialog | None = None
        self.stack = QStackedWidget()
        allow_http = bool(settings.config.allow_http)
        self.login = LoginView(settings.server_url, settings.user, allow_http=allow_http)
        self.login.login_requested.connect(self._on_login_requested)
        self.picker = RestaurantPicker()
        self.picker.restaurant_chosen.connect(self._on_restaurant_chosen)
        self.picker.back_requested.connect(self._show_board)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.picker)
        self.setCentralWidget(self.stack)
        self.apply_theme()
        if resume and settings.server_url and settings.user:
            if plain_http(settings.server_url) and not allow_http:
                # no silent sign-in over plain http either
                self.login.show_error(translate("ServerAddress", HTTP_REFUSED))
            else:
                self._ensure_session(settings.server_url).resume()

    @property
    def theme(self) -> Theme:
        """The effective theme, at the effective font scale times the screen's scale."""
        scale = self.settings.config.font_scale * self._screen_scale
        return THEMES.get(self.settings.config.theme, THEMES["dark"]).scaled(scale)

    @property
    def density(self) -> Density:
        """The effective ticket density: the setting, or by this window's screen size."""
        screen = self.screen()
        size = screen.size() if screen is not None else self.size()
        scale = self.settings.config.font_scale * self._screen_scale
        return resolve_density(self.settings.config.density, size.width(), size.height(), scale)

    def apply_theme(self) -> None:
        """Restyle the whole application; the board page is rebuilt to pick up the colours."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(self.theme.style_sheet())
        if self.session is not None:
            showing_board = self.board_page is not None and self.stack.currentWidget() is (
                self.board_page
            )
            self._build_board_page(self.session)
            if showing_board:
                self._show_board()

    # ------------------------------------------------------------------ session lifetime

    def _ensure_session(self, server_url: str) -> SessionApi:
        if self.session is not None and self.session.settings.base_url == server_url.rstrip("/"):
            return self.session
        self._drop_session()
        session = self._factory(server_url)
        self.session = session
        session.login_succeeded.connect(self._on_login_succeeded)
        session.login_failed.connect(self._on_login_failed)
        session.restaurants_changed.connect(self._on_restaurants_changed)
        session.restaurant_selected.connect(self._on_restaurant_selected)
        session.signed_out.connect(self._on_signed_out)
        self._build_board_page(session)
        return session

    def _build_board_page(self, session: SessionApi) -> None:
        if self.board_page is not None:
            self.board_page.stop()
            self.stack.removeWidget(self.board_page)
            self.board_page.deleteLater()
        page = BoardPage(
            session,
            self._player,
            theme=self.theme,
            thresholds=self._thresholds,
            keymap=self._keymap,
            clock=self._clock,
            repeat_s=self._repeat_s,
            escalate_s=self._escalate_s,
            density=self.density,
            accept_eta_min=self.settings.config.accept_eta_minutes,
            undo_s=self._undo_s,
            open_marks=self.settings.done_here,
            offline_alarm_s=self.settings.config.offline_alarm_s,
        )
        if session.restaurant_id:
            page.set_station(self.settings.station_at(session.restaurant_id), session.restaurant_id)
        page.switch_requested.connect(self._show_picker)
        page.settings_requested.connect(self.open_settings)
        self.stack.addWidget(page)
        self.board_page = page

    def _drop_session(self) -> None:
        if self.board_page is not None:
            self.board_page.stop()
            self.stack.removeWidget(self.board_page)
            self.board_page.deleteLater()
            self.board_page = None
        if self.session is not None:
            self.session.shutdown()
            self.session.deleteLater()
            self.session = None

    # ------------------------------------------------------------------ page flow

    def _on_login_requested(self, server_url: str, user: str, password: str) -> None:
        self.settings.choose(server_url=server_url, user=user)
        self._ensure_session(server_url).login(user, password)

    def _on_login_failed(self, kind: str, message: str) -> None:
        self.login.show_error(message)
        self.stack.setCurrentWidget(self.login)

    def _on_login_succeeded(self) -> None:
        self.login.set_busy(False)
        if self.board_page is not None and self.stack.currentWidget() is self.board_page:
            return  # the saved board was shown while offline: it goes live where it is
        self._show_picker()

    def _on_restaurants_changed(self) -> None:
        if self.session is not None:
            self.picker.set_restaurants(self.session.restaurants(), self.session.restaurant_id)

    def _on_restaurant_chosen(self, restaurant_id: str) -> None:
        if self.session is None:
            return
        if restaurant_id == self.session.restaurant_id:
            self._show_board()
        else:
            self.session.select_restaurant(restaurant_id)

    def _on_restaurant_selected(self, restaurant_id: str, name: str) -> None:
        if self.board_page is not None:
            self.board_page.set_station(self.settings.station_at(restaurant_id), restaurant_id)
        self._on_restaurants_changed()
        self._show_board()

    def _on_signed_out(self) -> None:
        self.login.set_busy(False)
        self.stack.setCurrentWidget(self.login)

    def _show_picker(self) -> None:
        self._on_restaurants_changed()
        self.stack.setCurrentWidget(self.picker)

    def _show_board(self) -> None:
        if self.board_page is not None and self.session and self.session.restaurant_id:
            self.stack.setCurrentWidget(self.board_page)
            self.board_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_settings(self) -> None:
        config = self.settings.config
        pinned = {
            name: config.pinned_by(name)
            for name in ("language", "theme", "font_scale", "density", "auto_accept", "station")
        }
        rid = self.session.restaurant_id if self.session is not None else None
        choice = self.settings.station_at(rid)
        dialog = SettingsDialog(
            config.theme,
            config.font_scale,
            self,
            pinned={name: source for name, source in pinned.items() if source},
            density=config.density,
            auto_accept=config.auto_accept,
            auto_accept_eta_min=config.accept_eta_minutes,
            stations=sorted(choice.profiles),
            station=choice.station.name if choice.station is not None else None,
            language=config.language,
        )
        dialog.language_chosen.connect(self._on_language_chosen)
        dialog.theme_chosen.connect(self._on_theme_chosen)
        dialog.density_chosen.connect(self._on_density_chosen)
        dialog.font_scale_chosen.connect(self._on_font_scale_chosen)
        dialog.auto_accept_chosen.connect(self._on_auto_accept_chosen)
        dialog.station_chosen.connect(self._on_station_chosen)
        dialog.sign_out_requested.connect(self._on_sign_out_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = dialog
        dialog.open()

    def _on_language_chosen(self, language: str) -> None:
        """Remembered for this terminal; a language other than the one on screen asks for the
        window to be rebuilt in it (``auto`` may already be the one shown)."""
        self.settings.choose(language=language)
        if i18n.resolve(self.settings.config.language) != i18n.current_language():
            self.rebuild_requested.emit()

    def _on_theme_chosen(self, name: str) -> None:
        self.settings.choose(theme=name)
        self.apply_theme()

    def _on_density_chosen(self, density: str) -> None:
        self.settings.choose(density=density)
        self.apply_theme()  # rebuilds the board at the new density

    def _on_font_scale_chosen(self, scale: float) -> None:
        self.settings.choose(font_scale=scale)
        self.apply_theme()

    def _on_auto_accept_chosen(self, on: bool) -> None:
        """Remembered for this terminal and applied to the running session at once (a new
        session reads it from the settings when it starts, see `kds.ui.main.run_gui`)."""
        self.settings.choose(auto_accept=on)
        if self.session is not None:
            self.session.set_auto_accept(bool(self.settings.config.auto_accept))

    def _on_station_chosen(self, name: str) -> None:
        """Remembered for this terminal and shown at once (``"all"``: the expo view)."""
        self.settings.choose(station=name)
        rid = self.session.restaurant_id if self.session is not None else None
        if self.board_page is not None and rid:
            self.board_page.set_station(self.settings.station_at(rid), rid)

    def _on_sign_out_requested(self) -> None:
        """Sign out; with steps not yet at the server, ask first what becomes of them (they
        are the cook's taps: never dropped without a word)."""
        session = self.session
        if session is None:
            return
        count = session.steps.count()
        if count == 0:
            session.logout()
            return
        dialog = SignOutStepsDialog(count, self)
        dialog.keep_chosen.connect(session.logout)
        dialog.discard_chosen.connect(lambda: self._discard_and_sign_out(session))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget_sign_out_dialog(dialog))
        self.sign_out_dialog = dialog
        dialog.open()

    def _discard_and_sign_out(self, session: SessionApi) -> None:
        session.steps.discard([held.step for held in session.steps.all_held()])
        session.logout()

    def _forget_sign_out_dialog(self, dialog: SignOutStepsDialog) -> None:
        if self.sign_out_dialog is dialog:
            self.sign_out_dialog = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._drop_session()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the session and every clock (tests and the app's exit path)."""
        self._drop_session()

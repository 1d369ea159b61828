"""`LoginView`: server address, user name and password, and the failure in plain words.

The password lives only in the line edit (echo mode Password) and is cleared as soon as the
request is handed over; it is never stored, logged or shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from kds.app.i18n import translate
from kds.app.server_address import HTTP_REFUSED, HTTP_WARNING, plain_http
from kds.ui.widgets import big_button, centred_column, page_title

__all__ = ["LoginView"]


class LoginView(QWidget):
    """The sign-in page.

    A plain ``http://`` address to another machine is warned about under the address as it is
    typed, and refused at Sign in when the installer set ``allow_http = false``
    (`kds.app.server_address`).

    Signals:
        login_requested(server_url, user, password): the Sign in button (or Enter).
    """

    login_requested = Signal(str, str, str)

    def __init__(
        self,
        server_url: str = "",
        user: str = "",
        parent: QWidget | None = None,
        *,
        allow_http: bool = True,
    ) -> None:
        super().__init__(parent)
        self._allow_http = allow_http
        self.setObjectName("page")
        title = page_title(translate("LoginView", "Kitchen display — sign in"))
        self.server_edit = QLineEdit(server_url)
        self.server_edit.setPlaceholderText("https://orders.example.com")
        self.user_edit = QLineEdit(user)
        self.user_edit.setPlaceholderText(translate("LoginView", "user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(translate("LoginView", "password"))
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            edit.setMinimumHeight(56)
            edit.returnPressed.connect(self._on_submit)
        self.sign_in_button = big_button(translate("LoginView", "Sign in"), role="primary")
        self.sign_in_button.clicked.connect(self._on_submit)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # the server's words
        self.error_label.setObjectName("ticketError")
        self.error_label.setWordWrap(True)
        # marked in kds.app.server_address (QT_TRANSLATE_NOOP), translated where shown
        http_text = translate("ServerAddress", HTTP_WARNING if allow_http else HTTP_REFUSED)
        self.http_label = QLabel("⚠ " + http_text)
        self.http_label.setTextFormat(Qt.TextFormat.PlainText)
        self.http_label.setObjectName("loginWarning")
        self.http_label.setWordWrap(True)
        self.server_edit.textChanged.connect(self._on_server_changed)
        self._on_server_changed(server_url)
        form = QFormLayout()
        form.addRow(translate("LoginView", "Server"), self.server_edit)
        form.addRow(translate("LoginView", "User"), self.user_edit)
        form.addRow(translate("LoginView", "Password"), self.password_edit)
        parts = (title, form, self.http_label, self.sign_in_button, self.error_label)
        centred_column(self, parts, min_width=600)  # a whole address and user name stay visible

    def _on_submit(self) -> None:
        server, user = self.server_edit.text().strip(), self.user_edit.text().strip()
        password = self.password_edit.text()
        if not server or not user or not password:
            self.show_error(
                translate(
                    "LoginView", "Enter the server address, your user name and your password."
                )
            )
            return
        if plain_http(server) and not self._allow_http:
            self.show_error(translate("ServerAddress", HTTP_REFUSED))
            return
        self.password_edit.clear()
        self.set_busy(True)
        self.login_requested.emit(server, user, password)

    def _on_server_changed(self, text: str) -> None:
        self.http_label.setVisible(plain_http(text))

    def set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.sign_in_button.setText(
            translate("LoginView", "Signing in…") if busy else translate("LoginView", "Sign in")
        )
        if busy:
            self.error_label.clear()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(f"⚠ {message}")

"""The sign-in page warns about plain http:// to another machine, and refuses it when told."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kds.app.server_address import HTTP_REFUSED, HTTP_WARNING
from kds.ui.login_view import LoginView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def fill(view: LoginView, server: str) -> list[tuple[str, str, str]]:
    asked: list[tuple[str, str, str]] = []
    view.login_requested.connect(lambda *args: asked.append(args))
    view.server_edit.setText(server)
    view.user_edit.setText("cook")
    view.password_edit.setText("secret")
    return asked


def test_plain_http_to_another_machine_is_warned_as_it_is_typed(qtbot: QtBot) -> None:
    view = LoginView("https://orders.example.com")
    qtbot.addWidget(view)
    view.show()
    assert view.http_label.isHidden()
    asked = fill(view, "http://192.168.1.20:8080")
    assert view.http_label.isVisible()
    assert view.http_label.text() == f"⚠ {HTTP_WARNING}"
    view.sign_in_button.click()  # allowed (the default): warned, not refused
    assert asked == [("http://192.168.1.20:8080", "cook", "secret")]
    view.server_edit.setText("http://127.0.0.1:8080")  # this machine: nothing to warn about
    assert view.http_label.isHidden()


def test_plain_http_is_refused_when_the_installer_said_https_only(qtbot: QtBot) -> None:
    view = LoginView("http://kitchen-server:8080", allow_http=False)
    qtbot.addWidget(view)
    view.show()
    assert view.http_label.isVisible()
    assert view.http_label.text() == f"⚠ {HTTP_REFUSED}"
    asked = fill(view, "http://kitchen-server:8080")
    view.sign_in_button.click()
    assert asked == []
    assert view.error_label.text() == f"⚠ {HTTP_REFUSED}"
    assert view.password_edit.text() == "secret"  # not sent, so not cleared: fix the address
    view.server_edit.setText("https://kitchen-server")
    view.sign_in_button.click()
    assert asked == [("https://kitchen-server", "cook", "secret")]

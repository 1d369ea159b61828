"""The board page's own words in Vietnamese: the connection banner and its notices."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.ui.board_page import BoardPage
from tests.support.fake_session import FakeSession
from tests.support.ui_fakes import FakeClock, FakePlayer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_banner_and_a_failed_step_speak_vietnamese(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, vietnamese: None
) -> None:
    session = FakeSession(model)
    page = BoardPage(session, FakePlayer(), clock=clock)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    session.connection_changed.emit("disconnected", "")
    assert page.banner.text() == "■ MẤT KẾT NỐI — màn hình này không nhận được đơn."
    session.connection_changed.emit("reconnecting", "connection reset")
    assert page.banner.text().startswith("⚠ ĐANG KẾT NỐI LẠI")
    assert page.banner.text().endswith("(connection reset)")  # the app's detail, as given
    session.action_failed.emit("gone", "accept", "Không tìm thấy đơn")
    assert page.notice_label.text() == "■ Nhận đơn không thành công: Không tìm thấy đơn"
    page.stop()

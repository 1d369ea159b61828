"""Every window and dialog of the board in Vietnamese: no English a cook would have to read.

The walk opens the board over the rush scene at 1024×600 (the smallest screen), then every
dialog and panel a cook can reach from it (accept, reject and cancel reasons, the ticket's
"more" dialog, recall, all day, settings, sign-out and foreign-steps questions, the login page
and the restaurant picker), and reads every visible label, button, placeholder, item list and
window title. A text fails when

- it is an English source text of the catalogue whose Vietnamese differs (with its
  ``{placeholders}`` and ``%n`` standing for any value), or
- it holds an English word of the catalogue (four letters or more, one no Vietnamese
  translation uses) outside the data on screen (item, choice and category names, notes, the
  restaurant's name, user and server, the system's own error text) — a string nobody marked
  would show that way;
- it is cut off (`tests.support.text_fit`), anywhere on the walk at 1024×600.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.i18n import CATALOGUE_DIR
from kds.app.settings import Settings
from kds.core.actions import Action
from kds.ui.board_page import BoardPage
from kds.ui.density import default_density
from kds.ui.kept_step_dialogs import ForeignStepsDialog, SignOutStepsDialog
from kds.ui.main_window import MainWindow
from kds.ui.picker import RestaurantPicker
from kds.ui.session_api import SessionApi
from tests.support.fake_session import FakeRestaurant, FakeSession
from tests.support.fake_steps import queued_step
from tests.support.rush_scene import RUSH_MENU, build_rush_scene, rush_menu
from tests.support.text_fit import clipped_texts
from tests.support.ui_fakes import RESTAURANT, FakePlayer, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RESTAURANT_NAME = "Phở Hà Nội"
USER = "bep.pho-hanoi@kds.example"
SERVER = "https://orders.example.com"
OS_ERROR = "[Errno 111] Connection refused"
"""The system's own words for why the link dropped: shown in brackets for a technician, as is."""
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z]{4,}")


def catalogue() -> list[tuple[str, list[str]]]:
    """(English source, Vietnamese forms) of every entry of the Vietnamese catalogue."""
    root = ET.parse(Path(CATALOGUE_DIR) / "kds_vi.ts").getroot()
    entries = []
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        entries.append((message.findtext("source", ""), forms))
    return entries


def source_pattern(source: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-z_]*\}|%n)", source)
    return re.compile(
        "".join(
            r"[\d.,]+" if p == "%n" else ".+" if p.startswith("{") else re.escape(p)
            for p in parts
            if p
        )
    )


def english_only_words(entries: list[tuple[str, list[str]]]) -> set[str]:
    vietnamese = " ".join(form for _, forms in entries for form in forms).lower()
    used = set(WORD.findall(vietnamese))
    words = {w.lower() for source, _ in entries for w in WORD.findall(source)}
    return words - used


def shown_texts(root: QWidget) -> Iterable[tuple[str, str]]:
    """(where, text) for everything a person can read on `root` and its visible children."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow() and widget.windowTitle():
            yield where, widget.windowTitle()
        if widget.toolTip():
            yield where, html.unescape(TAG.sub(" ", widget.toolTip()))
        if isinstance(widget, QLabel):
            yield where, html.unescape(TAG.sub(" ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield where, widget.itemText(i)
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()


def data_words(model: BoardModel) -> set[str]:
    """The data on screen, as words: item, choice and category names, notes and names."""
    text = [RESTAURANT_NAME, USER, SERVER, "Pho Hanoi", OS_ERROR]
    for name, _price, groups in RUSH_MENU:
        text.append(name)
        for group, options in groups:
            text += [group, *options]
    for ticket in model.tickets():
        detail = ticket.detail
        if detail is None:
            continue
        text.append(detail.note or "")
        for line in detail.items:
            text.append(line.name)
            text += [f"{c.group_name} {c.choice_name}" for c in line.customizations]
    return {w.lower() for t in text for w in WORD.findall(t)}


class Walk:
    """Collects what each screen shows and what is wrong with it."""

    def __init__(self, allowed: set[str]) -> None:
        entries = catalogue()
        self.sources = [
            (source_pattern(s), s) for s, forms in entries if any(f != s for f in forms)
        ]
        self.english = english_only_words(entries) - allowed
        self.seen = 0
        self.problems: list[str] = []

    def read(self, screen: str, root: QWidget) -> None:
        self.problems += [f"{screen}: cut off: {c}" for c in clipped_texts(root)]
        for where, text in shown_texts(root):
            text = text.strip()
            if not text:
                continue
            self.seen += 1
            for pattern, source in self.sources:
                if pattern.fullmatch(text):
                    self.problems.append(f"{screen} {where}: {text!r} is the English {source!r}")
                    break
            else:
                english = sorted({w for w in WORD.findall(text.lower()) if w in self.english})
                if english:
                    self.problems.append(f"{screen} {where}: {text!r} has English {english}")


def no_session(server_url: str) -> SessionApi:
    raise AssertionError("the walk signs nobody in")


def test_every_screen_of_the_board_speaks_vietnamese(
    qtbot: QtBot, vietnamese: None, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    model = BoardModel()
    model.reset(RESTAURANT, clock=lambda: now)
    order_ids = build_rush_scene(board_of(model), now)
    session = FakeSession(model, SERVER)
    session.restaurant_list = [
        FakeRestaurant(name=RESTAURANT_NAME),
        FakeRestaurant(restaurant_id="r2", name="Bún Chả 34"),
    ]
    density = default_density(1024, 600, 1.0)
    page = BoardPage(session, FakePlayer(), clock=lambda: now, density=density)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    qtbot.waitExposed(page)
    session.restaurant_selected.emit(RESTAURANT, RESTAURANT_NAME)
    session.restaurants_changed.emit()
    model.set_menu(rush_menu())  # as the menu loader sets it: categories, allergens
    session.connection_changed.emit("connected", "")
    page.header.refresh()
    page.board_view.tick()
    walk = Walk(data_words(model))
    walk.read("board", page)

    session.connection_changed.emit("disconnected", OS_ERROR)
    qtbot.wait(10)
    walk.read("board offline", page)
    session.connection_changed.emit("connected", "")

    def each_dialog(screen: str) -> None:
        qtbot.wait(10)
        dialogs = [d for d in page.findChildren(QDialog) if d.isVisible()]
        assert dialogs, f"{screen}: no dialog opened"
        for dialog in dialogs:
            walk.read(screen, dialog)
            dialog.reject()
            dialog.close()

    new, started = order_ids[-1], order_ids[0]
    page.dialogs.ask_eta(new)
    each_dialog("accept")
    page.dialogs.ask_reason(new, Action.REJECT)
    each_dialog("reject")
    page.dialogs.ask_reason(started, Action.CANCEL)
    each_dialog("cancel")
    page.dialogs.open_more(started)
    each_dialog("more")
    page.dialogs.open_recall()
    each_dialog("recall")
    page.dialogs.open_all_day()
    each_dialog("all day")

    sign_out = SignOutStepsDialog(3, page)
    sign_out.show()
    walk.read("sign out", sign_out)
    sign_out.close()
    foreign = ForeignStepsDialog([queued_step(new, Action.ACCEPT, label="#1234")], page)
    foreign.show()
    walk.read("foreign steps", foreign)
    foreign.close()

    picker = RestaurantPicker()
    qtbot.addWidget(picker)
    picker.set_restaurants(session.restaurant_list, RESTAURANT)  # type: ignore[arg-type]
    picker.resize(1024, 600)
    picker.show()
    walk.read("picker", picker)

    settings = Settings.load(state_path=tmp_path / "state.json", paths=[], env={})
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    window.login.show_error("Sai tên đăng nhập hoặc mật khẩu.")
    walk.read("login", window)
    window.open_settings()
    assert window.settings_dialog is not None
    walk.read("settings", window.settings_dialog)
    window.settings_dialog.close()
    window.shutdown()

    page.header.stop()
    model.reset(None)
    assert walk.seen > 100, "the walk read almost nothing: it is not looking at the screens"
    assert walk.problems == [], "\n".join(walk.problems)

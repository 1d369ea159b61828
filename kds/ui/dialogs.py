"""Touch dialogs for the actions that need more than one tap: accept (ETA), reject and cancel.

Opened with `open()` (window-modal, non-blocking) so the board keeps ticking and alerting
behind them, and so tests drive them without a nested event loop.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kds.app.i18n import translate
from kds.core.actions import ETA_DEFAULT_MIN, ETA_MAX_MIN, ETA_MIN_MIN, REASON_MAX_CHARS, Action
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.actions import ETA_PRESETS_MIN, LABELS
from kds.ui.widgets import BIG_TOUCH_HEIGHT, big_button

__all__ = [
    "ITEM_PREFIX",
    "OTHER_ETA",
    "AcceptDialog",
    "ConfirmDialog",
    "MoreDialog",
    "ReasonDialog",
]


_REASON_TEXT = {
    Action.REJECT: (
        QT_TRANSLATE_NOOP("ReasonDialog", "Reject {order}"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Reject order {order}? Choose or type a reason:"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Reject order {order}"),
    ),
    Action.CANCEL: (
        QT_TRANSLATE_NOOP("ReasonDialog", "Cancel {order}"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Cancel order {order}? Choose or type a reason:"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Cancel order {order}"),
    ),
}
"""A reason dialog's title, question and confirming button, whole sentences per action (so a
translation need not build them from a verb)."""

_MORE_TEXT = {
    Action.REJECT: QT_TRANSLATE_NOOP("MoreDialog", "Reject order…"),
    Action.CANCEL: QT_TRANSLATE_NOOP("MoreDialog", "Cancel order…"),
}


def _question(text: str) -> QLabel:
    """The dialog's question, large and wrapped, at the top."""
    title = QLabel(text)
    title.setTextFormat(Qt.TextFormat.PlainText)  # it may name an item: data, never markup
    title.setWordWrap(True)
    title.setObjectName("dialogTitle")
    return title


def _preset_grid(buttons: Sequence[QPushButton], columns: int) -> QGridLayout:
    """The one-tap presets, `columns` to a row."""
    grid = QGridLayout()
    grid.setSpacing(10)
    for i, button in enumerate(buttons):
        grid.addWidget(button, i // columns, i % columns)
    return grid


def _action_named(label: str) -> Action | None:
    """The action whose button says `label` (callers that pass the English label)."""
    return next((action for action, text in LABELS.items() if text == label), None)


class AcceptDialog(QDialog):
    """Pick the promised delivery time: one tap on a preset, or a custom number of minutes.

    Signals:
        eta_chosen(int minutes): the cook chose; the dialog closes itself.
    """

    eta_chosen = Signal(int)

    def __init__(self, order_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AcceptDialog", "Accept {order}").format(order=order_label))
        self.setObjectName("acceptDialog")
        title = _question(
            translate("AcceptDialog", "Accept order {order} — ready for delivery in:").format(
                order=order_label
            )
        )
        self.preset_buttons: dict[int, QPushButton] = {}
        for minutes in ETA_PRESETS_MIN:
            text = translate("AcceptDialog", "{minutes} min").format(minutes=minutes)
            button = big_button(text, role="primary")
            button.clicked.connect(lambda _=False, m=minutes: self._choose(m))
            self.preset_buttons[minutes] = button
        grid = _preset_grid(list(self.preset_buttons.values()), columns=3)
        self.custom = QSpinBox()
        self.custom.setRange(ETA_MIN_MIN, ETA_MAX_MIN)
        self.custom.setValue(ETA_DEFAULT_MIN)
        self.custom.setSuffix(translate("AcceptDialog", " min"))
        self.custom.setMinimumHeight(BIG_TOUCH_HEIGHT)
        self.custom_button = big_button(translate("AcceptDialog", "Accept custom"))
        self.custom_button.clicked.connect(lambda: self._choose(self.custom.value()))
        custom_row = QHBoxLayout()
        custom_row.addWidget(QLabel(translate("AcceptDialog", "Custom (6 min – 12 h):")))
        custom_row.addWidget(self.custom, 1)
        custom_row.addWidget(self.custom_button, 1)
        self.back_button = big_button(translate("AcceptDialog", "Back"))
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addLayout(custom_row)
        layout.addWidget(self.back_button)

    def _choose(self, minutes: int) -> None:
        if ETA_MIN_MIN <= minutes <= ETA_MAX_MIN:
            self.eta_chosen.emit(minutes)
            self.accept()


class ReasonDialog(QDialog):
    """Reject or cancel: a preset reason or free text (≤ 500 characters), then confirm.

    Args:
        verb: the action (`Action.REJECT` or `Action.CANCEL`), or its button's English label.

    Signals:
        reason_confirmed(str reason): the confirm button was tapped ("" when none given).
    """

    reason_confirmed = Signal(str)

    def __init__(
        self,
        verb: Action | str,
        order_label: str,
        presets: tuple[str, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        action = verb if isinstance(verb, Action) else _action_named(verb)
        if action in _REASON_TEXT:
            texts = [translate("ReasonDialog", t) for t in _REASON_TEXT[action]]
        else:  # an action without sentences of its own: its label, in English
            label = LABELS.get(action, str(verb)) if action is not None else str(verb)
            texts = [
                f"{label} {{order}}",
                f"{label} order {{order}}? Choose or type a reason:",
                f"{label} order {{order}}",
            ]
        title_text, question, confirm = (t.format(order=order_label) for t in texts)
        self.setWindowTitle(title_text)
        self.setObjectName("reasonDialog")
        title = _question(question)
        self.preset_buttons: list[QPushButton] = []
        for text in presets:
            button = big_button(text)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, t=text: self._on_preset_clicked(t))
            self.preset_buttons.append(button)
        grid = _preset_grid(self.preset_buttons, columns=2)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            translate("ReasonDialog", "Reason (optional, up to {count} characters)").format(
                count=REASON_MAX_CHARS
            )
        )
        self.text.setMaximumHeight(120)
        self.text.textChanged.connect(self._on_text_changed)
        self.counter = QLabel(f"0 / {REASON_MAX_CHARS}")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.confirm_button = big_button(confirm, role="danger")
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.back_button = big_button(translate("ReasonDialog", "Back"))
        self.back_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.confirm_button, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(self.text)
        layout.addWidget(self.counter)
        layout.addLayout(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()[:REASON_MAX_CHARS]

    def _on_preset_clicked(self, text: str) -> None:
        for button in self.preset_buttons:
            button.setChecked(button.text() == text)
        self.text.setPlainText(text)

    def _on_text_changed(self) -> None:
        current = self.text.toPlainText()
        if len(current) > REASON_MAX_CHARS:  # hard limit: the backend refuses longer reasons
            cursor = self.text.textCursor()
            self.text.setPlainText(current[:REASON_MAX_CHARS])
            cursor.setPosition(REASON_MAX_CHARS)
            self.text.setTextCursor(cursor)
            return
        self.counter.setText(f"{len(current)} / {REASON_MAX_CHARS}")

    def _on_confirm_clicked(self) -> None:
        self.reason_confirmed.emit(self.reason())
        self.accept()


OTHER_ETA = "other_eta"
"""`MoreDialog.chosen`'s value for "accept with another ETA" (not an `Action` of its own)."""
ITEM_PREFIX = "item:"
"""`MoreDialog.chosen`'s value for an item to mark sold out or back: ``item:<menuItemId>``."""


class MoreDialog(QDialog):
    """What a ticket offers besides its step: another ETA, Reject, Cancel, and marking one of
    its items sold out ("86") or back — each leading to the dialog that confirms it, so nothing
    here acts in one tap.

    Args:
        items: the ticket's menu items as (menu item id, name, sold out now).

    Signals:
        chosen(str): `OTHER_ETA`, an `Action` value or ``ITEM_PREFIX + id``; the dialog
            closes itself.
    """

    chosen = Signal(str)

    def __init__(
        self,
        order_label: str,
        actions: Sequence[Action],
        parent: QWidget | None = None,
        items: Sequence[tuple[str, str, bool]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MoreDialog", "More for {order}").format(order=order_label))
        self.setObjectName("moreDialog")
        self.buttons: dict[str, QPushButton] = {}
        if Action.ACCEPT in actions:
            other_eta = translate("MoreDialog", "Accept with another ETA…")
            self.buttons[OTHER_ETA] = big_button(other_eta, role="primary")
        for action in actions:
            if action is not Action.ACCEPT:
                words = _MORE_TEXT.get(action)
                text = translate("MoreDialog", words) if words else f"{LABELS[action]} order…"
                self.buttons[action.value] = big_button(text, role="danger")
        for item_id, name, sold_out in items:  # the name is the menu's: never translated
            text = (
                translate("MoreDialog", "✓ {item} is back…")
                if sold_out
                else translate("MoreDialog", "⊘ {item} sold out (86)…")
            )
            self.buttons[ITEM_PREFIX + item_id] = big_button(text.format(item=name))
        self.back_button = big_button(translate("MoreDialog", "Back"))
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(
            _question(translate("MoreDialog", "Order {order}").format(order=order_label))
        )
        for value, button in self.buttons.items():
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            layout.addWidget(button)
        layout.addWidget(self.back_button)

    def _choose(self, value: str) -> None:
        self.accept()  # closed first: the dialog it leads to takes its place
        self.chosen.emit(value)


class ConfirmDialog(QDialog):
    """One question, a confirming button and Back: for a step that cannot be taken back with
    one tap (marking an item sold out changes what every customer can order).

    Signals:
        confirmed(): the cook confirmed; the dialog closes itself.
    """

    confirmed = Signal()

    def __init__(
        self,
        title: str,
        question: str,
        confirm_text: str,
        parent: QWidget | None = None,
        *,
        role: str = "primary",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("confirmDialog")
        self.confirm_button = big_button(confirm_text, role=role)
        self.confirm_button.clicked.connect(self._confirm)
        self.back_button = big_button(translate("ConfirmDialog", "Back"))
        self.back_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(_question(question))
        layout.addLayout(buttons)

    def _confirm(self) -> None:
        self.accept()
        self.confirmed.emit()

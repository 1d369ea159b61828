"""Small widget factories the screens share: touch buttons, display labels, centred pages.

Why a module of its own: the touch-target heights, the flags a ticket label needs to stay
cheap and click-through, and the centred sign-in/picker column were each written out again
in every screen; one home keeps the screens consistent when a size or a flag changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "BIG_TOUCH_HEIGHT",
    "TOUCH_HEIGHT",
    "big_button",
    "centred_column",
    "display_label",
    "invalidate_tree",
    "page_title",
    "touch_button",
    "touch_sized",
]

B = TypeVar("B", bound=QAbstractButton)

TOUCH_HEIGHT = 64  # a button a cook hits with a wet or gloved finger
BIG_TOUCH_HEIGHT = 72  # dialog and page buttons, where there is room to spare


def touch_button(
    text: str,
    *,
    name: str = "",
    role: str = "",
    checkable: bool = False,
    height: int = TOUCH_HEIGHT,
) -> QPushButton:
    """A push button at least `height` px tall; `role` picks the style sheet's colouring."""
    return touch_sized(QPushButton(text), name=name, role=role, checkable=checkable, height=height)


def touch_sized(
    button: B,
    *,
    name: str = "",
    role: str = "",
    checkable: bool = False,
    height: int = TOUCH_HEIGHT,
) -> B:
    """`button` made a touch button as `touch_button` makes one (for a button of another
    class, e.g. a `kds.ui.fit_button.FitButton`); returns it."""
    if name:
        button.setObjectName(name)
    if checkable:
        button.setCheckable(True)
    if role:
        button.setProperty("role", role)
    button.setMinimumHeight(height)
    return button


def big_button(text: str, *, role: str = "") -> QPushButton:
    """A dialog's or page's button: taller than the board's, where there is room for it."""
    return touch_button(text, role=role, height=BIG_TOUCH_HEIGHT)


def display_label(name: str, *, wrap: bool = False, rich: bool = False) -> QLabel:
    """A label that only shows text: taps go through it to the card underneath."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    if wrap:  # wrapped labels must be allowed to grow taller, never elide (issue 8, item 8)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def page_title(text: str) -> QLabel:
    """The big bold heading of a page or panel (styled as a lane title)."""
    title = QLabel(text)
    title.setObjectName("laneTitle")
    title.setTextFormat(Qt.TextFormat.PlainText)  # a title may name an order or a restaurant
    return title


def centred_column(
    page: QWidget, parts: Sequence[QWidget | QLayout], *, min_width: int = 0
) -> None:
    """Lay `parts` out on `page` in one column at most 760 px wide, centred, above the middle.

    The sign-in and restaurant pages look alike on purpose: a short form in the middle of a
    large screen, with more space below it than above.
    """
    box = QWidget()
    if min_width:
        box.setMinimumWidth(min_width)
    box.setMaximumWidth(760)
    inner = QVBoxLayout(box)
    for part in parts:
        if isinstance(part, QLayout):
            inner.addLayout(part)
        else:
            inner.addWidget(part)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)


def invalidate_tree(layout: QLayout) -> None:
    """Forget the cached sizes of `layout` and every layout nested in it (Qt does not tell a
    hidden widget's layouts that a child changed size)."""
    layout.invalidate()
    for i in range(layout.count()):
        item = layout.itemAt(i)
        child = item.layout() if item is not None else None
        if child is not None:
            invalidate_tree(child)

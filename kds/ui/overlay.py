"""`ScreenFlash`: a thick flashing frame over the whole window for an alert nobody has answered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kds.ui.theme import DARK, Theme

__all__ = ["ScreenFlash"]


class ScreenFlash(QWidget):
    """Covers its parent, lets every tap through, and paints a border when `active` and `on`.

    Attributes:
        active: an alert has waited longer than the escalation delay.
    """

    BORDER_PX = 28

    def __init__(self, parent: QWidget, theme: Theme = DARK) -> None:
        super().__init__(parent)
        self._theme = theme
        self.active = False
        self._on = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def set_active(self, active: bool) -> None:
        self.active = active
        self._on = active
        self.setVisible(active)
        if active:
            self.raise_()
        self.update()

    def set_phase(self, on: bool) -> None:
        if self.active and on != self._on:
            self._on = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not (self.active and self._on):
            return
        painter = QPainter(self)
        half = self.BORDER_PX / 2
        painter.setPen(QPen(QColor(self._theme.critical), self.BORDER_PX))
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()

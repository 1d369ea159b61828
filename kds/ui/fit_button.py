"""`FitButton`: a push button that shows the longest of its wordings that fits — never a cut one.

A ticket's step row is narrow (about 290 px on a dense 1280×800 board) and Vietnamese runs
longer than English: "Nhận đơn · 5 s" beside "↶ Hoàn tác" does not fit where "Ready · 5 s"
did. A `QPushButton` neither elides nor wraps: text wider than the button is cut at both ends.
So a button that may be squeezed is given its wordings, longest first; it shows the first that
fits its width as laid out (again on every resize), and asks the layout for at least the
width of the last one (`minimumSizeHint`), which therefore always fits.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

__all__ = ["FitButton"]


class FitButton(QPushButton):
    """A push button with one or more wordings, longest first.

    Attributes:
        texts: the wordings it chooses from (`set_texts`).
    """

    def __init__(self, parent: QWidget | None = None, *, asks_for_longest: bool = False) -> None:
        """`asks_for_longest`: the button asks the layout for its longest wording's width
        (its size hint) and gives way only when the row is short of room — a header's button
        among others; otherwise it expands to what its row leaves (a ticket's step row)."""
        super().__init__(parent)
        self.texts: tuple[str, ...] = ("",)
        self._asks_for_longest = asks_for_longest
        policy = QSizePolicy.Policy.Preferred if asks_for_longest else QSizePolicy.Policy.Expanding
        self.setSizePolicy(policy, QSizePolicy.Policy.Fixed)

    def set_texts(self, *texts: str) -> None:
        """Show the first of `texts` that fits (the last one when none does)."""
        texts = texts or ("",)
        if texts == self.texts and self.text() in texts:
            return
        self.texts = texts
        self.updateGeometry()  # the minimum width follows the last wording
        self._fit()

    def width_for(self, text: str) -> int:
        """The button's width that shows `text` whole: its advance plus the style's padding
        and border (the style sheet's, under a styled application)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        metrics = self.fontMetrics()
        content = QSize(metrics.horizontalAdvance(text), metrics.height())
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, content, self
        )
        return size.width()

    def text_room(self) -> int:
        """The width the button's text is drawn in, as laid out now."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        rect = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        return rect.width()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self._asks_for_longest:
            return hint
        return QSize(self.width_for(self.texts[0]), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.width_for(self.texts[-1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room, metrics = self.text_room(), self.fontMetrics()
        shown = next(
            (t for t in self.texts if metrics.horizontalAdvance(t) <= room), self.texts[-1]
        )
        if shown != self.text():
            self.setText(shown)

"""`StyledText`: plain-text spans shown with per-role styles — no HTML is ever parsed.

A ticket's lines are data from the server and from customers; `kds.ui.line_text` cuts them
into spans with a role, and this widget builds a `QTextDocument` from them through a
`QTextCursor`: each span is *inserted as text* with a character format, so no string from an
order can become markup. The document also gives what a rich-text label gave (wrapping,
mixed sizes, indents, a background behind an allergen tag) and the height for a width, which
is cached per width: the board asks every card on each change and must not lay text out again.

The widget draws its own note box (background and the allergy bar) instead of a style sheet's
box model, which a plain `QWidget` does not apply to its own painting.
"""

from __future__ import annotations

import math
import unicodedata

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kds.ui.line_text import NOTE, Para, Role, Unit
from kds.ui.theme import Theme

__all__ = ["INDENT", "StyledText", "on_colour"]

INDENT = 24
"""One indent step (a choice under its item), unscaled px."""

NOTE_PAD = 6
NOTE_BAR = 6

TALL_CAPITALS = "ẲỔỄẪẮẾỐ"
"""Vietnamese capitals whose stacked marks rise furthest above the font's ascent (DejaVu Sans:
up to 4 px at 22 px), measured for a line's headroom (`StyledText._headroom`)."""


def _marked_capital(text: str) -> bool:
    """`text` has a capital carrying a mark above it (Ả, Ố, Ễ…): it may rise above the line."""
    return any(
        ch.isupper() and any(unicodedata.combining(m) for m in unicodedata.normalize("NFD", ch))
        for ch in text
    )


_FORMATS: dict[tuple[Role, Theme, int], QTextCharFormat] = {}
"""Formats by (role, theme, text colour): a handful in all, shared by every widget. Keyed by
the theme's value, not its id: a rescaled theme is a new object whose id may reuse a freed
one's, and its sizes differ."""


def on_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    colour = QColor(background)

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )
    return "#000000" if lum > 0.179 else "#ffffff"


class StyledText(QWidget):
    """Shows one `Unit` (or any paragraphs of spans) and wraps it to its width.

    Attributes:
        unit: what it shows; `text()` is its plain text (tests, accessibility).
    """

    def __init__(self, unit: Unit, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setObjectName(unit.name)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.unit = unit
        self._doc: QTextDocument | None = None
        self._heights: dict[int, int] = {}
        self._room: int | None = None
        self._boxed = unit.name == NOTE
        self.setAccessibleName(unit.text)

    # ------------------------------------------------------------------ content
    def text(self) -> str:
        return self.unit.text

    def wordWrap(self) -> bool:
        """Always: a line wraps to the card's width and grows taller, never elides."""
        return True

    def set_unit(self, unit: Unit) -> None:
        if unit == self.unit:
            return
        self.unit = unit
        self.setAccessibleName(unit.text)
        self._forget()

    def _forget(self) -> None:
        self._doc = None
        self._heights.clear()
        self._room = None
        self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.PaletteChange,
        ):
            self._forget()
        super().changeEvent(event)

    # ------------------------------------------------------------------ geometry
    def _pad(self) -> tuple[int, int]:
        """(left, top) space around the text: the note's box, or none."""
        return (NOTE_BAR + NOTE_PAD, NOTE_PAD) if self._boxed else (0, 0)

    def _headroom(self) -> int:
        """Space above the first line for a capital with stacked marks (Ễ, Ặ, Ộ): its marks
        rise above the font's ascent, where the widget's edge would cut them. Only a unit
        whose text has a marked capital gets it (the note's box has its padding already)."""
        if self._room is None:
            self._room = 0
            if not self._boxed and _marked_capital(self.unit.text):
                font = QFont(self.font())
                font.setBold(True)  # the taller of the line's faces
                metrics = QFontMetricsF(font)
                rise = -metrics.tightBoundingRect(TALL_CAPITALS).top() - metrics.ascent()
                self._room = max(0, math.ceil(rise + 1))  # and a pixel of air for smoothing
        return self._room

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            left, top = self._pad()
            doc = self._document()
            doc.setTextWidth(max(1, width - left - (NOTE_PAD if self._boxed else 0)))
            height = math.ceil(doc.size().height()) + 2 * top + self._headroom()
            self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 1 else 240
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.fontMetrics().height())

    # ------------------------------------------------------------------ document
    def _document(self) -> QTextDocument:
        if self._doc is None:
            self._doc = self._build(self.unit.paras)
        return self._doc

    def _build(self, paras: tuple[Para, ...]) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        cursor = QTextCursor(doc)
        for i, para in enumerate(paras):
            block = QTextBlockFormat()
            # a hanging indent: what wraps (a long name, the tags after it) sits under the
            # text, not under the quantity, so the line's start stays easy to find
            step = self._theme.px(INDENT)
            block.setLeftMargin(step * para.indent + step // 2)
            block.setTextIndent(-(step // 2))
            if i == 0:
                cursor.setBlockFormat(block)
            else:
                cursor.insertBlock(block)
            for span in para.spans:
                cursor.insertText(span.text, self._format(span.role))
        return doc

    def _format(self, role: Role) -> QTextCharFormat:
        """The character format of `role`, made once per theme and text colour (a board of
        300 tickets builds thousands of spans when its menu arrives)."""
        text = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        key = (role, self._theme, text.rgba())
        fmt = _FORMATS.get(key)
        if fmt is None:
            fmt = _FORMATS[key] = self._new_format(role, text)
        return fmt

    def _new_format(self, role: Role, text: QColor) -> QTextCharFormat:
        theme, fmt = self._theme, QTextCharFormat()
        fmt.setForeground(QBrush(text))
        if role in (Role.QUANTITY, Role.NOTE_HEAD, Role.ALLERGY_HEAD, Role.ALLERGY_WORD):
            fmt.setFontWeight(QFont.Weight.Bold)
        if role in (Role.ALLERGY_WORD, Role.ALLERGY_HEAD):
            fmt.setForeground(QBrush(QColor(theme.allergy)))
        if role is Role.ALLERGY_WORD:
            fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
        elif role is Role.CHOICE:
            fmt.setForeground(QBrush(QColor(theme.muted_text)))
            _pixels(fmt, theme.px(19))
        elif role is Role.ALLERGEN:  # the reserved allergy style: icon + word on its colour
            fmt.setBackground(QBrush(QColor(theme.allergy)))
            fmt.setForeground(QBrush(QColor(on_colour(theme.allergy))))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
            _pixels(fmt, theme.px(17))
        elif role is Role.DIETARY:
            fmt.setForeground(QBrush(QColor(theme.muted_text)))
            _pixels(fmt, theme.px(16))
        elif role is Role.SOLD_OUT:
            fmt.setForeground(QBrush(QColor(theme.critical)))
            fmt.setFontWeight(QFont.Weight.Bold)
            _pixels(fmt, theme.px(17))
        elif role is Role.CATEGORY:
            fmt.setForeground(QBrush(QColor(theme.muted_text)))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
            _pixels(fmt, theme.px(14))
        elif role is Role.CUT:  # a hostile order was cut: say so plainly, never quietly
            fmt.setForeground(QBrush(QColor(theme.critical)))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontItalic(True)
        elif role in (Role.LOADING, Role.ELSEWHERE):
            fmt.setForeground(QBrush(QColor(theme.muted_text)))
            fmt.setFontItalic(True)
        return fmt

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        left, top = self._pad()
        if self._boxed:
            painter.fillRect(self.rect(), QColor(self._theme.note_bg))
            painter.fillRect(QRectF(0, 0, NOTE_BAR, self.height()), QColor(self._theme.allergy))
        doc = self._document()
        doc.setTextWidth(max(1, self.width() - left - (NOTE_PAD if self._boxed else 0)))
        painter.translate(QPointF(left, top + self._headroom()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, 0, self.width(), self.height())
        doc.documentLayout().draw(painter, context)
        painter.end()


def _pixels(fmt: QTextCharFormat, px: int) -> None:
    """Size a span in pixels, as the style sheet sizes the widget's own font."""
    fmt.setProperty(QTextFormat.Property.FontPixelSize, px)

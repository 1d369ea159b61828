"""`clipped_texts(root)`: the visible labels and buttons under `root` whose text does not fit.

Vietnamese runs longer than English; a button whose words are cut off, or a label elided at a
1024×600 screen, is a button a cook cannot read. A text fits when its advance in the widget's
own font (style sheet applied) is at most the width the widget draws text in:

- a push button: the style's contents rectangle (its padding and border taken off — the room a
  `FitButton` chooses its wording for); another button: its contents rect;
- a label: its contents rect, line by line (a rich-text label is measured as the plain text it
  shows); a word-wrapped label fits when it is as tall as its lines need at its width.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

__all__ = ["clipped_texts", "shown_text", "text_room"]


def text_room(button: QAbstractButton) -> int:
    """The width `button` draws its text in, as laid out now."""
    if not isinstance(button, QPushButton):
        return button.contentsRect().width()
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    return rect.width()


def shown_text(label: QLabel) -> str:
    """What a label shows, as plain text (a rich-text label's markup taken off)."""
    if label.textFormat().name != "RichText":
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def _cut(widget: QLabel | QAbstractButton) -> str | None:
    """Why `widget`'s text does not fit, or None when it does."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QAbstractButton):
        need, room = metrics.horizontalAdvance(widget.text()), text_room(widget)
        return f"{need} > {room}" if need > room else None
    if widget.wordWrap():  # wraps to its width: cut only if shorter than its lines
        short = widget.height() < widget.heightForWidth(widget.width())
        return "too short for its lines" if short else None
    need = max(metrics.horizontalAdvance(line) for line in shown_text(widget).splitlines())
    room = widget.contentsRect().width()
    return f"{need} > {room}" if need > room else None


def clipped_texts(root: QWidget) -> list[str]:
    """``"objectName: 'text' (why)"`` of every visible `QLabel` / `QAbstractButton` under
    `root` (and `root` itself) whose text does not fit it."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else shown_text(widget)
        if not text.strip():
            continue
        why = _cut(widget)
        if why is not None:
            found.append(f"{widget.objectName() or type(widget).__name__}: {text!r} ({why})")
    return found

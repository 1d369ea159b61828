"""`clipped_texts(root)`: the visible labels and buttons under `root` whose text does not fit.

Vietnamese runs longer than English; a button whose words are cut off, or a label elided at a
1024×600 screen, is a button a cook cannot read. A widget's text fits when its advance in the
widget's own font (style sheet applied) is at most the width it draws text in: a label's
contents rect, a button's contents rect less its style's padding — Qt's own size hint says
how wide a button must be for its text, so a button narrower than that is cut too. A wrapped
label fits when each of its words does (it wraps between them).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

__all__ = ["clipped_texts"]


def _fits(widget: QLabel | QAbstractButton) -> bool:
    text = widget.text()
    metrics = widget.fontMetrics()
    room = widget.contentsRect().width()
    if isinstance(widget, QAbstractButton):
        return metrics.horizontalAdvance(text) <= room and (
            widget.width() >= widget.minimumSizeHint().width()
        )
    if widget.wordWrap():
        return all(metrics.horizontalAdvance(word) <= room for word in text.split())
    return metrics.horizontalAdvance(text) <= room


def clipped_texts(root: QWidget) -> list[str]:
    """``"objectName: text"`` of every visible `QLabel` / `QAbstractButton` under `root` (and
    `root` itself) with plain text that does not fit its widget."""
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible():
            continue
        if not widget.text() or (
            isinstance(widget, QLabel) and widget.textFormat().name == "RichText"
        ):
            continue
        if not _fits(widget):
            found.append(f"{widget.objectName() or type(widget).__name__}: {widget.text()!r}")
    return found

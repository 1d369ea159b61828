"""Marking words for translation below the Qt layers.

`kds.core` and `kds.net` may not import Qt, yet some of their words reach a cook's screen (the
name of a step in a notice, a status). They are written in English and marked with
`QT_TRANSLATE_NOOP`, which returns them unchanged: Qt's ``lupdate`` finds the mark and puts the
word in the catalogue under its context, and the layer that shows it translates it there with
``kds.app.i18n.translate(context, word)`` — the standard Qt pattern for words defined away from
where they are shown.
"""

from __future__ import annotations

__all__ = ["QT_TRANSLATE_NOOP"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """`text`, unchanged; ``lupdate`` records it under `context` for the catalogue."""
    return text

"""What the step queue's file could not restore, in the screen's language.

`kds.app.step_store.StepStore` lists these in `problems`, and `kds.app.step_disk.StepDisk` turns
each into an error notice: a person must know a kept step was lost. The why of a damaged file
is logged in English (`Damaged`'s ``str``) and shown translated (`Damaged.words`). Context
``"StepStore"``; a step's stored action and label are data.
"""

from __future__ import annotations

from kds.app.i18n import translate
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "DAMAGED",
    "NEWER",
    "NO_TABLE",
    "NO_WAL",
    "UNREADABLE",
    "Damaged",
    "set_aside",
    "unreadable_row",
    "unusable",
]

UNREADABLE = QT_TRANSLATE_NOOP("StepStore", "the file could not be read ({error})")
NO_WAL = QT_TRANSLATE_NOOP("StepStore", "the file would not take write-ahead logging ({mode})")
DAMAGED = QT_TRANSLATE_NOOP("StepStore", "the file is damaged")
NEWER = QT_TRANSLATE_NOOP("StepStore", "the file was written by a newer kds (version {version})")
NO_TABLE = QT_TRANSLATE_NOOP("StepStore", "the file does not hold the step queue's table")


class Damaged(Exception):
    """The file cannot be used as it is.

    Args:
        why: one of the marked reasons above (English, with ``{placeholders}``).
        values: the placeholders' values.
    """

    def __init__(self, why: str, **values: object) -> None:
        super().__init__(why.format(**values))
        self.why, self.values = why, values

    def words(self) -> str:
        """The reason in the screen's language."""
        return translate("StepStore", self.why).format(**self.values)


def set_aside(why: Damaged, file: str) -> str:
    """The damaged file was moved aside as ``file``: its steps are lost."""
    text = translate(
        "StepStore",
        "The steps waiting to be sent could not be restored: {why}. The file was kept as {file}.",
    )
    return text.format(why=why.words(), file=file)


def unusable(exc: BaseException) -> str:
    """No file could be opened: steps are kept in memory only."""
    text = translate(
        "StepStore",
        "Steps cannot be kept on this terminal ({error}): "
        "a step taken while offline would be lost.",
    )
    return text.format(error=type(exc).__name__)


def unreadable_row(action: object, label: object) -> str:
    """A row that cannot be read, naming its step as stored."""
    if not label:
        return translate("StepStore", "A kept step could not be read and was skipped.")
    text = translate(
        "StepStore", "A kept step ({action} on {label}) could not be read and was skipped."
    )
    return text.format(action=action, label=label)

"""A step's name and the step queue's sentences in the screen's language.

`kds.core.step_queue` may not import Qt: it keeps its words in English, marked for the
catalogue (``"Step"`` for the names, ``"StepQueue"`` for the sentences of a dropped step), and
takes these two functions where it words a notice. The buttons show the same ``"Step"`` entries
(`kds.ui.actions.LABELS`), so a notice and a button say the same word.
"""

from __future__ import annotations

from kds.app.i18n import translate
from kds.core.actions import Action
from kds.core.step_queue import STEP_NAMES

__all__ = ["replay_words", "step_name"]


def step_name(action: Action) -> str:
    """The step's name as the cook reads it ("Ready", "Xong")."""
    return translate("Step", STEP_NAMES[action])


def replay_words(text: str) -> str:
    """One of `kds.core.step_queue`'s marked sentences, translated (``"StepQueue"``)."""
    return translate("StepQueue", text)

"""`HeldStepsStrip`: the steps a ticket keeps for the server, under its step button.

Issue 18 ("Never lose a tap"): a step that left its undo window is kept by the session until
the server applies it; offline, that can be minutes. The cook must see that the tap was taken
(or they tap again, or shout across the pass), that it has not reached the server yet, and be
able to take back the last one while it is still only theirs — so the strip names the held
steps in tap order with where they are ("◷ Start → Ready · sends when back online"), and offers
"✕ Cancel Ready" for the latest one while it is QUEUED. A SENDING step is out of the cook's
hands (its answer, or the next resync, decides): no button then, never one that cannot work.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kds.app.i18n import translate
from kds.app.step_words import step_name
from kds.core.actions import Action
from kds.core.step_queue import HeldStep, StepState
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.widgets import display_label, touch_button

__all__ = [
    "HELD_ICON",
    "OFFLINE_WORDS",
    "SENDING_WORDS",
    "WAITING_WORDS",
    "HeldStepsStrip",
    "cancel_text",
    "held_text",
]

HELD_ICON = "◷"
OFFLINE_WORDS = QT_TRANSLATE_NOOP("HeldStepsStrip", "sends when back online")
SENDING_WORDS = QT_TRANSLATE_NOOP("HeldStepsStrip", "sending…")
WAITING_WORDS = QT_TRANSLATE_NOOP("HeldStepsStrip", "waiting to send")
"""Online, nothing out yet: the step waits behind the resync or an earlier order's step."""


def held_text(held: Sequence[HeldStep], offline: bool) -> str:
    """The strip's words: the held steps in tap order, then where the first of them is (the
    later ones follow it, so its state is the order's), in the screen's language."""
    if not held:
        return ""
    names = " → ".join(step_name(h.step.action) for h in held)
    if held[0].state is StepState.SENDING:
        where = SENDING_WORDS
    elif offline:
        where = OFFLINE_WORDS
    else:
        where = WAITING_WORDS
    return f"{HELD_ICON} {names} · " + translate("HeldStepsStrip", where)


def cancel_text(action: Action) -> str:
    """The cancel button's words: it names the step it takes back."""
    return translate("HeldStepsStrip", "✕ Cancel {step}").format(step=step_name(action))


class HeldStepsStrip(QWidget):
    """The held steps of one ticket and the cancel for the latest (hidden when none).

    Signals:
        cancel_requested(): "✕ Cancel …" was tapped (the ticket adds its order id).

    Attributes:
        label: the words (plain text: step names only, but the rule is never markup).
        cancel_button: the touch-sized cancel, shown only for a QUEUED latest step.
    """

    cancel_requested = Signal()

    def __init__(self, button_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldSteps")
        self.label = display_label("heldStepsText", wrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button: QPushButton = touch_button("", name="cancelHeld", height=button_height)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the board
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.cancel_button)
        self.held: tuple[HeldStep, ...] = ()
        self.offline = False
        self.hide()

    def show_held(self, held: Sequence[HeldStep], offline: bool) -> bool:
        """Show `held` (empty: hide the strip); True if anything shown changed (the card must
        be measured again: the strip and its button take height)."""
        held = tuple(held)
        if held == self.held and offline == self.offline:
            return False
        self.held, self.offline = held, offline
        self.label.setText(held_text(held, offline))
        latest = held[-1] if held else None
        cancellable = latest is not None and latest.state is StepState.QUEUED
        if latest is not None and cancellable:
            self.cancel_button.setText(cancel_text(latest.step.action))
        self.cancel_button.setVisible(cancellable)
        self.setVisible(bool(held))
        # A card off the page is hidden, and Qt does not tell a hidden widget's layout that a
        # child came or went: forget its sizes now, or the card is measured with stale ones.
        self._layout.invalidate()
        self.updateGeometry()
        return True

    @property
    def cancellable(self) -> bool:
        """The cancel button is offered (tests, the keyboard)."""
        return not self.cancel_button.isHidden()

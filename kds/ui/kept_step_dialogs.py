"""The two questions about steps kept for the server that belong to no one ticket (issue 18).

- `SignOutStepsDialog`: signing out with steps not yet at the server. They are the cook's:
  keep them for whoever signs in next, discard them, or stay signed in (and let them go out).
- `ForeignStepsDialog`: steps another user left on this terminal for the restaurant just
  opened. Nothing is sent under a user who did not tap it, so the one signed in now decides:
  send them as theirs, discard them, or decide later (they are asked again at the next
  sign-in).

Both open with `open()` like the action dialogs (`kds.ui.dialogs`), with the same big buttons;
each choice is a signal, and the third answer is the dialog's plain rejection (nothing done).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from kds.app.i18n import translate
from kds.app.step_words import step_name
from kds.core.step_queue import QueuedStep
from kds.ui.widgets import big_button

__all__ = [
    "FOREIGN_SHOWN_MAX",
    "ForeignStepsDialog",
    "SignOutStepsDialog",
    "foreign_question",
    "foreign_step_line",
    "sign_out_question",
]

FOREIGN_SHOWN_MAX = 8
"""Steps listed by name; more are counted ("… and 3 more") so the buttons stay on screen."""


def sign_out_question(count: int) -> str:
    """How many steps would be left behind, in the screen's language.

    One step has a source of its own rather than being the plural's first form: English then
    reads right without its catalogue of plural forms (the test suite runs without it)."""
    if count == 1:
        return translate("SignOutStepsDialog", "1 step has not reached the server yet.")
    return translate("SignOutStepsDialog", "%n steps have not reached the server yet.", None, count)


def foreign_step_line(step: QueuedStep) -> str:
    """One left step in words: "#1234 Ready — tapped 14:02 by anna@example.com" (the tap
    time on this terminal's clock, where the cook read it; 24-hour, as Vietnam reads it)."""
    tapped = step.tapped_at.astimezone().strftime("%H:%M")
    words = translate("ForeignStepsDialog", "{order} {step} — tapped {time} by {user}")
    return words.format(order=step.label, step=step_name(step.action), time=tapped, user=step.user)


def foreign_question(count: int) -> str:
    """The question over the steps another user left (one step: its own source, as in
    `sign_out_question`)."""
    if count == 1:
        return translate(
            "ForeignStepsDialog",
            "1 step tapped on this screen by another user did not reach the server:",
        )
    return translate(
        "ForeignStepsDialog",
        "%n steps tapped on this screen by another user did not reach the server:",
        None,
        count,
    )


def _plain(text: str, name: str) -> QLabel:
    """A wrapped plain-text label: user names and order labels are data, never markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName(name)
    return label


class SignOutStepsDialog(QDialog):
    """Sign out with `count` steps not yet at the server?

    Signals:
        keep_chosen(): keep them for the next sign-in (then sign out).
        discard_chosen(): forget them (then sign out).
        (Stay signed in: the dialog is rejected; nothing happens.)
    """

    keep_chosen = Signal()
    discard_chosen = Signal()

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SignOutStepsDialog", "Sign out"))
        self.setObjectName("signOutStepsDialog")
        self.question = _plain(sign_out_question(count), "dialogTitle")
        self.keep_button = big_button(
            translate("SignOutStepsDialog", "Keep them for the next sign-in"), role="primary"
        )
        self.keep_button.clicked.connect(lambda: self._choose(self.keep_chosen))
        self.discard_button = big_button(
            translate("SignOutStepsDialog", "Discard them"), role="danger"
        )
        self.discard_button.clicked.connect(lambda: self._choose(self.discard_chosen))
        self.stay_button = big_button(translate("SignOutStepsDialog", "Stay signed in"))
        self.stay_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.question)
        for button in (self.keep_button, self.discard_button, self.stay_button):
            layout.addWidget(button)

    def _choose(self, chosen: SignalInstance) -> None:
        self.accept()  # closed first: signing out replaces the page behind it
        chosen.emit()


class ForeignStepsDialog(QDialog):
    """Steps another user left here: send them as the signed-in user's, discard, or later.

    Signals:
        adopt_chosen(): send them as the signed-in user's.
        discard_chosen(): forget them; never sent.
        (Decide later: the dialog is rejected; they are asked about at the next sign-in.)

    Attributes:
        steps: the steps asked about (the choice applies to exactly these).
    """

    adopt_chosen = Signal()
    discard_chosen = Signal()

    def __init__(self, steps: Sequence[QueuedStep], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ForeignStepsDialog", "Steps left by another user"))
        self.setObjectName("foreignStepsDialog")
        self.steps = tuple(steps)
        count = len(self.steps)
        title = _plain(foreign_question(count), "dialogTitle")
        lines = [foreign_step_line(step) for step in self.steps[:FOREIGN_SHOWN_MAX]]
        if count > FOREIGN_SHOWN_MAX:
            more = count - FOREIGN_SHOWN_MAX
            lines.append(translate("ForeignStepsDialog", "… and %n more", None, more))
        self.list_label = _plain("\n".join(lines), "foreignSteps")
        self.adopt_button = big_button(
            translate("ForeignStepsDialog", "Send them as me"), role="primary"
        )
        self.adopt_button.clicked.connect(lambda: self._choose(self.adopt_chosen))
        self.discard_button = big_button(
            translate("ForeignStepsDialog", "Discard them"), role="danger"
        )
        self.discard_button.clicked.connect(lambda: self._choose(self.discard_chosen))
        self.later_button = big_button(translate("ForeignStepsDialog", "Decide later"))
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(self.list_label)
        for button in (self.adopt_button, self.discard_button, self.later_button):
            layout.addWidget(button)

    def _choose(self, chosen: SignalInstance) -> None:
        self.accept()
        chosen.emit()

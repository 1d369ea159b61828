"""How the screen shows the lifecycle actions: button texts, the ETA presets, reason presets.

The actions themselves (``kds.core.actions.Action``), which ones a status offers and the
backend's limits live in the core, beside the transition graph; this module only says them.

The tables hold English sources (marked for the catalogue); the functions say them in the
screen's language at the moment they are shown (`busy_text`, `reason_presets`; a step's name
by `kds.app.step_words.step_name`, the notices' word too).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kds.app.i18n import translate
from kds.core.actions import Action
from kds.core.step_queue import STEP_NAMES
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "BUSY_LABELS",
    "CANCEL_REASONS",
    "ETA_PRESETS_MIN",
    "LABELS",
    "REJECT_REASONS",
    "busy_text",
    "reason_presets",
]

LABELS: Mapping[Action, str] = STEP_NAMES
"""What each action's button says: the step's name, the word the notices use for it too
(English sources, marked in the core under the context ``Step``; shown by
`kds.app.step_words.step_name`, which the notices use too)."""

BUSY_LABELS: Mapping[Action, str] = MappingProxyType(
    {
        Action.ACCEPT: QT_TRANSLATE_NOOP("TicketButtons", "Accepting…"),
        Action.REJECT: QT_TRANSLATE_NOOP("TicketButtons", "Rejecting…"),
        Action.START: QT_TRANSLATE_NOOP("TicketButtons", "Starting…"),
        Action.READY: QT_TRANSLATE_NOOP("TicketButtons", "Marking…"),
        Action.HAND_OVER: QT_TRANSLATE_NOOP("TicketButtons", "Handing…"),
        Action.CANCEL: QT_TRANSLATE_NOOP("TicketButtons", "Cancelling…"),
    }
)
"""What the button says while the call runs (English sources; shown by `busy_text`)."""


ETA_PRESETS_MIN = (10, 15, 20, 30, 45, 60)

REJECT_REASONS = (
    QT_TRANSLATE_NOOP("Reason", "Kitchen too busy"),
    QT_TRANSLATE_NOOP("Reason", "Item unavailable"),
    QT_TRANSLATE_NOOP("Reason", "Closing soon"),
    QT_TRANSLATE_NOOP("Reason", "Cannot meet allergy request"),
    QT_TRANSLATE_NOOP("Reason", "Delivery area not served"),
)
CANCEL_REASONS = (
    QT_TRANSLATE_NOOP("Reason", "Customer asked to cancel"),
    QT_TRANSLATE_NOOP("Reason", "Item ran out"),
    QT_TRANSLATE_NOOP("Reason", "Kitchen problem"),
    QT_TRANSLATE_NOOP("Reason", "Duplicate order"),
    QT_TRANSLATE_NOOP("Reason", "Courier unavailable"),
)
"""The preset reasons, English sources (shown by `reason_presets`)."""


def busy_text(action: Action) -> str:
    """What the step's button says while its call runs, in the screen's language."""
    return translate("TicketButtons", BUSY_LABELS[action])


def reason_presets(action: Action) -> tuple[str, ...]:
    """The one-tap reasons for rejecting (`Action.REJECT`) or cancelling an order, in the
    screen's language.

    The reason sent to the server is the text the cook chose, exactly as shown — translated,
    not the English source. On purpose: the reason is not a code but words for the customer,
    who reads them in the ordering app of a Vietnamese platform, and the cook can type their
    own in the same dialog anyway; so a Vietnamese screen sends Vietnamese words, the same
    ones it showed the cook when they confirmed.
    """
    presets = REJECT_REASONS if action is Action.REJECT else CANCEL_REASONS
    return tuple(translate("Reason", text) for text in presets)

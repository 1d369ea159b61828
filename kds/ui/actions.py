"""How the screen shows the lifecycle actions: button texts, the ETA presets, reason presets.

The actions themselves (``kds.core.actions.Action``), which ones a status offers and the
backend's limits live in the core, beside the transition graph; this module only says them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kds.core.actions import Action
from kds.core.step_queue import STEP_NAMES

__all__ = [
    "BUSY_LABELS",
    "CANCEL_REASONS",
    "ETA_PRESETS_MIN",
    "LABELS",
    "REJECT_REASONS",
]

LABELS: Mapping[Action, str] = STEP_NAMES
"""What each action's button says: the step's name, the word the notices use for it too."""

BUSY_LABELS: Mapping[Action, str] = MappingProxyType(
    {
        Action.ACCEPT: "Accepting…",
        Action.REJECT: "Rejecting…",
        Action.START: "Starting…",
        Action.READY: "Marking…",
        Action.HAND_OVER: "Handing…",
        Action.CANCEL: "Cancelling…",
    }
)
"""What the button says while the call runs."""


ETA_PRESETS_MIN = (10, 15, 20, 30, 45, 60)

REJECT_REASONS = (
    "Kitchen too busy",
    "Item unavailable",
    "Closing soon",
    "Cannot meet allergy request",
    "Delivery area not served",
)
CANCEL_REASONS = (
    "Customer asked to cancel",
    "Item ran out",
    "Kitchen problem",
    "Duplicate order",
    "Courier unavailable",
)

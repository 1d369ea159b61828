"""How much a ticket card spends on itself: comfortable, compact or dense.

Density never comes from smaller item text: every density keeps the theme's item size (the
line a cook must read from two metres). What changes is everything around it: the column's
width, the card's margins, the size of the order number, whether the long ``ORD-…`` number
has a line of its own, and the step button's height (never below a wet-finger target).

The default follows the screen, measured in the theme's scaled pixels (a 1920×1080 panel at
text scale 1.35 has the room of a 1422×800 one). The panels kitchens mount — 1024×600 to
1920×1080 at the text scale kds gives them — have room for 800 px or less of scaled height:
dense, which is what shows a rush of 30 orders 12 / 8 / 4 at a time there (bench/
board_density.py). More room (a larger panel, or smaller text) → compact, then comfortable.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["DENSITY_CHOICES", "Density", "DensityMetrics", "default_density", "resolve_density"]


class Density(Enum):
    COMFORTABLE = "comfortable"
    COMPACT = "compact"
    DENSE = "dense"

    @property
    def metrics(self) -> DensityMetrics:
        return _METRICS[self]


DENSITY_CHOICES = ("auto", *(d.value for d in Density))
"""The values of the ``density`` setting: ``auto`` picks by screen size (`default_density`)."""


@dataclass(frozen=True, slots=True)
class DensityMetrics:
    """Sizes in unscaled pixels (multiply by the theme's scale: ``theme.px``); the number's
    and the step's sizes are in the style sheet (``density`` property selectors).

    Attributes:
        column_width: the narrowest column; the board fits as many as the width allows.
        margin: the card's inner margin; also the space between columns.
        gap: the space between two cards in a column.
        step_height: the primary step button's height (≥ 48 px, 9 mm on a 10-inch panel).
        long_number: the full ``ORD-…`` number is shown (small, after the payment).
    """

    column_width: int
    margin: int
    gap: int
    step_height: int
    long_number: bool


_METRICS = {
    Density.COMFORTABLE: DensityMetrics(330, 12, 10, 64, True),
    Density.COMPACT: DensityMetrics(265, 8, 7, 52, False),
    Density.DENSE: DensityMetrics(250, 6, 6, 48, False),
}


def default_density(width: int, height: int, scale: float) -> Density:
    """The density for a `width` × `height` px screen whose text is scaled by `scale`."""
    scale = max(scale, 0.1)
    room_w, room_h = width / scale, height / scale
    if room_h < 880 or room_w < 1100:
        return Density.DENSE
    if room_h < 1200 or room_w < 2000:
        return Density.COMPACT
    return Density.COMFORTABLE


def resolve_density(setting: str, width: int, height: int, scale: float) -> Density:
    """The ``density`` setting's value (``auto`` or a name) for this screen."""
    if setting == "auto":
        return default_density(width, height, scale)
    return Density(setting)

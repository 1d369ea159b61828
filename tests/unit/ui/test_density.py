"""Ticket density by screen: dense on the common kitchen panels, roomier with more room."""

from __future__ import annotations

import pytest

from kds.ui.density import Density, default_density, resolve_density


@pytest.mark.parametrize(
    ("size", "scale", "expected"),
    [
        ((1024, 600), 1.0, Density.DENSE),
        ((1280, 800), 1.0, Density.DENSE),
        ((1920, 1080), 1.35, Density.DENSE),  # the text scale kds gives it: 1422×800 of room
        ((1920, 1080), 1.0, Density.COMPACT),  # smaller text chosen: more room
        ((1920, 1200), 1.0, Density.COMPACT),
        ((2560, 1440), 1.0, Density.COMFORTABLE),
        ((1280, 800), 0.7, Density.COMPACT),
    ],
)
def test_the_default_follows_the_room_the_screen_has(
    size: tuple[int, int], scale: float, expected: Density
) -> None:
    assert default_density(*size, scale) is expected


def test_a_chosen_density_wins_over_the_screen() -> None:
    assert resolve_density("dense", 2560, 1440, 1.0) is Density.DENSE
    assert resolve_density("auto", 1024, 600, 1.0) is Density.DENSE
    with pytest.raises(ValueError, match="roomy"):
        resolve_density("roomy", 1024, 600, 1.0)


def test_denser_means_less_room_around_the_text_never_a_smaller_finger_target() -> None:
    roomy, compact, dense = (d.metrics for d in Density)
    assert roomy.column_width > dense.column_width
    assert roomy.margin > compact.margin > dense.margin
    assert min(m.step_height for m in (roomy, compact, dense)) >= 48

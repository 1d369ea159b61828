"""Issue 17: the huge-menu bench measures the menu it says it does (no figure is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from kds.core.menu import decode_menu
from tests.support.rush_scene import rush_menu

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import menu_scale
finally:
    sys.path.remove(str(ROOT / "bench"))


def test_the_huge_menu_has_2000_tagged_items_in_40_categories_and_the_rush_items() -> None:
    menu = decode_menu(menu_scale.huge_document())
    assert len(menu.items) == 2000
    assert len(menu.categories) == 40
    assert sum(1 for i in menu.items if i.allergens) > 500
    assert any(i.dietary for i in menu.items)
    assert any(i.other_tags for i in menu.items)
    rush = rush_menu()
    assert menu.restaurant_id == rush.restaurant_id
    for item in rush.items:  # the scene's lines resolve as they do by the rush menu
        assert menu.resolve(item.id) == rush.resolve(item.id)

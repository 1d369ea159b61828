"""`kds tail` picks the restaurant by id, slug or name."""

from __future__ import annotations

from kds.cli.tail import match_restaurant


def test_restaurant_matches_id_slug_or_name() -> None:
    rows = [("6f1c2a9e-0000-4000-8000-000000000001", "Pho Hanoi", "RestaurantStaff")]
    rid = rows[0][0]
    for wanted in (rid, rid.upper(), "pho-hanoi", "Pho Hanoi", "PHO HANOI", " pho hanoi "):
        assert match_restaurant(wanted, rows) == rid
    assert match_restaurant("sushi-ko", rows) is None

"""The menu decoder reads what kds-server serves, places every line, and never crashes on junk."""

from __future__ import annotations

import contextlib
import copy
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.core.errors import ProtocolError
from kds.core.menu import (
    OTHER_CATEGORY,
    OTHER_ORDER,
    Menu,
    TagKind,
    decode_menu,
    normalise_name,
)
from kds.server.seed import RESTAURANT_IDS
from tests.support.menus import menu_document


@pytest.fixture
def pho() -> dict[str, Any]:
    return menu_document()


def test_decodes_the_menu_document(pho: dict[str, Any]) -> None:
    menu = decode_menu(pho)
    assert menu.restaurant_id == RESTAURANT_IDS["pho-hanoi"]
    assert menu.last_rebuilt_at == datetime(2025, 9, 14, 10, 22, 10, 123456, tzinfo=UTC)
    assert [c.id for c in menu.categories] == pho["categories"]["order"]
    assert [c.order for c in menu.categories] == list(range(len(menu.categories)))
    assert {"Món chính", "Đồ uống & Khác", "Ăn thêm"} <= {c.name for c in menu.categories}
    placed = [
        i for c in pho["categories"]["order"] for i in pho["categories"]["byId"][c]["itemOrder"]
    ]
    assert [i.id for i in menu.items] == placed
    legend = pho["tagLegend"]["byId"]
    for item in menu.items:
        raw = pho["items"]["byId"][item.id]
        assert item.name == raw["name"]
        assert item.is_available is raw["isAvailable"]
        assert all(legend[t.id]["category"] == "Allergen" for t in item.allergens)
        assert all(legend[t.id]["category"] == "Dietary" for t in item.dietary)
        assert {t.id for t in (*item.allergens, *item.dietary, *item.other_tags)} == set(
            raw["dietaryTagIds"]
        )


@pytest.mark.parametrize("slug", sorted(RESTAURANT_IDS))
def test_every_seed_menu_has_allergens_and_dietary_marks(slug: str) -> None:
    menu = decode_menu(menu_document(slug))
    assert any(i.allergens for i in menu.items)
    assert any(i.dietary for i in menu.items)


def test_resolve_a_known_item(pho: dict[str, Any]) -> None:
    menu = decode_menu(pho)
    item = next(i for i in menu.items if i.allergens)
    info = menu.resolve(item.id.upper())  # ids compare as GUIDs, whatever the casing
    category = menu.category(item.category_id)
    assert category is not None
    assert (info.category_id, info.category_name, info.order) == (
        category.id,
        category.name,
        category.order,
    )
    assert info.allergens == item.allergens
    assert info.known
    assert not info.is_other


@pytest.mark.parametrize("menu_item_id", [str(uuid.uuid4()), "not-a-guid", "", None, 7])
def test_an_unknown_id_is_other_sorted_last(pho: dict[str, Any], menu_item_id: Any) -> None:
    menu = decode_menu(pho)
    info = menu.resolve(menu_item_id)
    assert (info.category_name, info.category_id, info.known) == (OTHER_CATEGORY, None, False)
    assert info.is_other
    assert (info.allergens, info.dietary, info.other_tags) == ((), (), ())
    assert all(info.order > c.order for c in menu.categories)
    assert info.order == OTHER_ORDER


def test_dangling_references_never_crash(pho: dict[str, Any]) -> None:
    doc = copy.deepcopy(pho)
    item_id, item = next(iter(doc["items"]["byId"].items()))
    item["categoryId"] = str(uuid.uuid4())
    item["dietaryTagIds"] = [str(uuid.uuid4()), *item["dietaryTagIds"]]
    doc["categories"]["order"].insert(0, str(uuid.uuid4()))
    menu = decode_menu(doc)
    info = menu.resolve(item_id)
    assert (info.category_name, info.order, info.known) == (OTHER_CATEGORY, OTHER_ORDER, True)
    assert len(info.allergens) + len(info.dietary) + len(info.other_tags) == len(
        pho["items"]["byId"][item_id]["dietaryTagIds"]
    )
    assert len(menu.categories) == len(pho["categories"]["order"])
    assert menu.items[-1].id == item_id  # an item of no category comes after the placed ones


def test_tag_categories_split_by_kind(pho: dict[str, Any]) -> None:
    doc = copy.deepcopy(pho)
    legend = doc["tagLegend"]["byId"]
    ids = list(legend)
    legend[ids[0]]["category"] = "Glitter"  # a category this client does not know
    legend[ids[1]]["category"] = "allergen"  # case is not significant
    kinds = {
        t.id: t for i in decode_menu(doc).items for t in (*i.allergens, *i.dietary, *i.other_tags)
    }
    assert kinds[ids[0]].kind is TagKind.OTHER
    assert kinds[ids[0]].category == "Glitter"
    assert kinds[ids[1]].kind is TagKind.ALLERGEN


def test_unlisted_categories_follow_by_display_order(pho: dict[str, Any]) -> None:
    doc = copy.deepcopy(pho)
    dropped = doc["categories"]["order"].pop(0)
    menu = decode_menu(doc)
    assert menu.categories[-1].id == dropped
    assert [c.order for c in menu.categories] == list(range(len(menu.categories)))


def test_extra_fields_are_ignored(pho: dict[str, Any]) -> None:
    doc = copy.deepcopy(pho)
    doc["future"] = {"x": 1}
    next(iter(doc["items"]["byId"].values()))["spiciness"] = 3
    assert decode_menu(doc) == decode_menu(pho)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("restaurantId",), "nope", "restaurantId"),
        (("lastRebuiltAt",), "2025-09-14T10:22:10", "lastRebuiltAt"),
        (("categories",), [], "categories"),
        (("categories", "order"), None, "categories.order"),
        (("tagLegend",), None, "tagLegend"),
    ],
)
def test_malformed_fields_are_named(
    pho: dict[str, Any], path: tuple[str, ...], value: Any, field: str
) -> None:
    doc = copy.deepcopy(pho)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ProtocolError) as err:
        decode_menu(doc)
    assert err.value.field == field


def test_a_malformed_item_names_its_field(pho: dict[str, Any]) -> None:
    doc = copy.deepcopy(pho)
    key, item = next(iter(doc["items"]["byId"].items()))
    del item["isAvailable"]
    with pytest.raises(ProtocolError) as err:
        decode_menu(doc)
    assert err.value.field == f"items.byId.{key}.isAvailable"


def test_names_compare_after_nfc_and_case_folding(pho: dict[str, Any]) -> None:
    decomposed = unicodedata.normalize("NFD", "MÓN CHÍNH")
    assert decomposed != "MÓN CHÍNH"
    assert normalise_name(decomposed) == normalise_name("Món chính")
    assert normalise_name("Straße") == normalise_name("STRASSE")
    category = decode_menu(pho).category_named(decomposed)
    assert category is not None
    assert category.name == "Món chính"
    assert decode_menu(pho).category_named("Desserts") is None


# -- property: junk decodes or raises ProtocolError, and resolve never raises -------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
_IDS = st.sampled_from([str(uuid.UUID(int=n)) for n in range(4)]) | st.uuids().map(str)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*prefix, index))
    return found


_BASE = menu_document()
_PATHS = _paths(_BASE)[1:]


@st.composite
def mangled(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(_BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_PATHS))
        target: Any = doc
        try:
            for key in path[:-1]:
                target = target[key]
            last = path[-1]
            if (
                not isinstance(target, dict | list)
                or (isinstance(target, list) and last >= len(target))
                or (isinstance(target, dict) and last not in target)
            ):
                continue
            action = draw(st.sampled_from(["delete", "replace", "id", "category", "extra"]))
            if action == "delete":
                del target[last]
            elif action == "replace":
                target[last] = draw(_JSON)
            elif action == "id":
                target[last] = draw(_IDS)
            elif action == "category":
                target[last] = draw(st.sampled_from(["Allergen", "Dietary", "Cuisine", "Ǆ", ""]))
            elif isinstance(target, dict):
                target[draw(st.text(max_size=5))] = draw(_JSON)
        except (KeyError, IndexError, TypeError):
            continue
    return doc


@given(doc=mangled(), probes=st.lists(_IDS | st.text(max_size=8) | _JSON, max_size=4))
def test_mangled_documents_decode_or_raise_protocol_error(doc: Any, probes: list[Any]) -> None:
    try:
        menu = decode_menu(doc)
    except ProtocolError:
        return
    assert isinstance(menu, Menu)
    for probe in [*probes, *(i.id for i in menu.items)]:
        info = menu.resolve(probe)
        assert (info.category_id is None) == (info.order == OTHER_ORDER)
    for category in menu.categories:
        assert menu.category_named(category.name) is not None


@given(doc=_JSON)
def test_arbitrary_json_decodes_or_raises_protocol_error(doc: Any) -> None:
    with contextlib.suppress(ProtocolError):
        decode_menu(doc)

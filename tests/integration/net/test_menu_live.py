"""RestClient.menu against the real kds-server: the document, its ETag, 304, and a 404."""

from __future__ import annotations

import uuid

import pytest

from kds.core.menu import OTHER_CATEGORY
from kds.net.errors import NotFound
from tests.integration.net.conftest import SessionFactory
from tests.support.helpers import PHO_HANOI, staff
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


def test_menu_then_not_modified(module_dev_server: ServerProcess, session: SessionFactory) -> None:
    rest = session(module_dev_server, STAFF)
    first = rest.menu(PHO_HANOI)
    assert not first.not_modified
    assert first.etag
    menu = first.menu
    assert menu is not None
    assert menu.restaurant_id == PHO_HANOI
    assert {"Món chính", "Đồ uống & Khác", "Ăn thêm"} <= {c.name for c in menu.categories}
    assert any(i.allergens for i in menu.items)
    assert any(i.dietary for i in menu.items)
    known = menu.resolve(menu.items[0].id)
    assert known.known
    assert known.category_name != OTHER_CATEGORY
    assert menu.resolve(str(uuid.uuid4())).category_name == OTHER_CATEGORY

    again = rest.menu(PHO_HANOI, first.etag)
    assert again.not_modified
    assert again.menu is None
    assert again.etag == first.etag

    stale = rest.menu(PHO_HANOI, 'W/"r:stale:t:1"')
    assert not stale.not_modified
    assert stale.etag == first.etag


def test_unknown_restaurant_is_not_found(
    module_dev_server: ServerProcess, session: SessionFactory
) -> None:
    rest = session(module_dev_server, STAFF)
    with pytest.raises(NotFound) as err:
        rest.menu(str(uuid.uuid4()))
    assert err.value.status == 404
    assert err.value.title == "Public.GetFullMenu.NotFound"

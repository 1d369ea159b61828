"""Which restaurants a signed-in account may show, and which one to open by itself.

Kept apart from the session: reading the account's restaurants is a worker-thread job over
the REST client, and choosing one at sign-in (the configured one, else the last one shown,
else the only one) is a pure rule; neither needs the session's state.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

from kds.core.errors import ProtocolError
from kds.net.errors import AuthExpired, NetError
from kds.net.rest import RestClient

__all__ = ["Restaurant", "load_restaurants", "restaurant_to_open"]

log = logging.getLogger(__name__)


class Restaurant(NamedTuple):
    """A restaurant this user may run the board for (from ``permission`` claims)."""

    restaurant_id: str
    name: str
    role: str  # "RestaurantOwner" or "RestaurantStaff"


def load_restaurants(rest: RestClient) -> list[Restaurant]:
    """Worker thread: the restaurants of the ``permission`` claims, named by their info (a
    restaurant whose info cannot be read keeps its id as its name)."""
    found = []
    for role in rest.me().restaurant_roles():
        try:
            name = rest.restaurant_info(role.restaurant_id).name
        except (NetError, ProtocolError) as exc:
            if isinstance(exc, AuthExpired):
                raise
            log.info("restaurant info %s failed: %s", role.restaurant_id, type(exc).__name__)
            name = role.restaurant_id
        found.append(Restaurant(role.restaurant_id, name, role.role))
    return found


def restaurant_to_open(
    restaurants: Sequence[Restaurant], configured: str | None, remembered: str | None
) -> str | None:
    """The restaurant to open at sign-in: the configured one (id or name), else the one shown
    last, else the only one; None when the cook must choose."""
    wanted = (configured or "").strip().casefold()
    ids = [r.restaurant_id for r in restaurants]
    named = [r.restaurant_id for r in restaurants if wanted in (r.restaurant_id, r.name.casefold())]
    if named:
        return named[0]
    if remembered in ids:
        return remembered
    return ids[0] if len(ids) == 1 else None

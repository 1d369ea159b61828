"""A queued Handed over sends its tap time as ``deliveredAtUtc`` (issue 18)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx

from kds.core.actions import Action, ActionRequest
from tests.unit.net.test_rest import LIFECYCLE, OID, RID, make


def test_hand_over_sends_the_tap_time_when_given() -> None:
    client, server = make(lambda _: httpx.Response(200, json=LIFECYCLE))
    tapped = datetime(2030, 1, 1, 11, 50, 3, tzinfo=UTC)
    now = tapped + timedelta(minutes=7)
    client.perform(RID, ActionRequest(OID, Action.HAND_OVER, delivered_at=tapped), now)
    body = json.loads(server.requests[0].content)
    assert server.requests[0].url.path == f"/api/v1/orders/{OID}/delivered"
    assert body == {"restaurantId": RID, "deliveredAtUtc": "2030-01-01T11:50:03.000000Z"}


def test_hand_over_without_a_tap_time_still_sends_null() -> None:
    client, server = make(lambda _: httpx.Response(200, json=LIFECYCLE))
    client.perform(RID, ActionRequest(OID, Action.HAND_OVER), datetime(2030, 1, 1, tzinfo=UTC))
    assert json.loads(server.requests[0].content)["deliveredAtUtc"] is None

"""The answer to a conditional GET of the public menu (contract §4.1a): a menu, or "not modified".

The ETag is opaque (one backend version writes ``W"…"`` without the slash): it is kept exactly
as received and sent back as ``If-None-Match``, never parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from kds.core.menu import Menu, decode_menu
from kds.net.rest_wire import json_body

__all__ = ["MenuFetch", "menu_fetch"]


@dataclass(frozen=True)
class MenuFetch:
    """``menu`` is the decoded document, or ``None`` when the server answered 304 (the caller's
    menu is current). ``etag`` is the one to send next time (``None`` if the server sent none)."""

    menu: Menu | None
    etag: str | None

    @property
    def not_modified(self) -> bool:
        return self.menu is None


def menu_fetch(resp: httpx.Response, sent_etag: str | None) -> MenuFetch:
    """Read a 200 or 304 menu response (other statuses were raised as ``NetError`` before)."""
    etag = resp.headers.get("etag")
    if resp.status_code == 304:
        return MenuFetch(None, etag or sent_etag)
    return MenuFetch(decode_menu(json_body(resp)), etag)

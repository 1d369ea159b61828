"""The selected restaurant's public menu (contract §4.1a) for the board, kept current.

The board places each order line by the menu (its category: stations; its allergen and
dietary tags). Why the menu is loaded the way it is:

- **A read model.** The backend rebuilds the public document after menu events and serves it
  with ``Cache-Control: public, max-age=300``: a sold-out mark reaches it late. So it is asked
  again now and then, and at once after this terminal's own change (``refresh()``).
- **The ETag.** Every fetch sends the last ETag of that restaurant as ``If-None-Match``; an
  unchanged menu is a 304 without a body, so asking often costs almost nothing. The last
  ``(etag, Menu)`` of each restaurant stays in memory: a restaurant opened again shows its
  cached menu at once, before the fetch answers.
- **Every 60 s** (``SessionSettings.menu_refresh_s``, 0: never): another terminal learns that
  an item is sold out only when its menu does, and a 304 a minute is cheap.
- **Off the Qt thread.** The fetch and the decode (a 2,000-item menu) run on the ``calls``
  worker; the answer is applied on the Qt thread (``BoardModel.set_menu``). Every fetch carries
  the restaurant ``Epoch``'s stamp: a late answer for a previous restaurant is dropped.
- **A failure never blocks the board.** A network error, an unreadable document or another
  restaurant's document keeps the previous menu (or none: lines show as "Other"), is logged,
  and raises one notice per failure streak; retries come sooner than the refresh (5, 10, 20 s
  …, capped at the refresh interval), and a load after a notice says so.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

from PySide6.QtCore import QTimer

from kds.app.board_fetcher import BoardFetcher
from kds.app.i18n import translate
from kds.core.errors import ProtocolError
from kds.core.menu import Menu
from kds.core.words import QT_TRANSLATE_NOOP
from kds.net.errors import NetError, NotFound, ServerUnavailable
from kds.net.menu_fetch import MenuFetch
from kds.net.rest import RestClient

__all__ = ["FIRST_RETRY_S", "MenuLoader"]

log = logging.getLogger(__name__)

FIRST_RETRY_S = 5.0  # after a failure; doubles per failure, capped at the refresh interval
NO_REFRESH_CAP_S = 300.0  # the retry cap when the refresh is off (menu_refresh_s = 0)


class _WrongRestaurant(Exception):
    """The server answered with the menu of another restaurant."""


class MenuLoader(BoardFetcher):
    """Loads, caches and refreshes the menu of the restaurant shown into its ``BoardModel``.

    Signals:
        notice(str level, str message): the menu could not be loaded (``warning``, once per
            failure streak), or loaded again after that (``info``).

    Attributes (read-only, Qt thread):
        menu: the menu the board uses now, or ``None``.
        last_loaded_at: this terminal's clock at the last 200 or 304, or ``None``.
        error: why the last fetch failed (a short text), ``None`` when it did not.
        loaded, not_modified: 200s and 304s applied so far (tests, status).
    """

    def _setup(self) -> None:
        self._cache: dict[str, tuple[str | None, Menu]] = {}  # restaurant id → (etag, menu)
        self._in_flight = self._again = self._noticed = False
        self._failures = 0
        self.menu: Menu | None = None
        self.last_loaded_at: datetime | None = None
        self.error: str | None = None
        self.loaded = self.not_modified = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)

    @property
    def failing(self) -> bool:
        """The last fetch failed (the board uses the previous menu, or none)."""
        return self.error is not None

    def start(self, rest: RestClient, restaurant_id: str) -> None:
        """Load ``restaurant_id``'s menu: its cached one at once, then a fetch."""
        self.stop()
        self._rest, self._rid = rest, restaurant_id
        cached = self._cache.get(restaurant_id.casefold())
        if cached is not None:
            self._show(cached[1])
        self.refresh()

    def stop(self) -> None:
        """Forget the restaurant (its cache entry stays); an answer in flight is dropped."""
        self._rest = self._rid = None
        self._in_flight = self._again = self._noticed = False
        self._failures = 0
        self.menu = self.last_loaded_at = self.error = None
        self._timer.stop()

    def refresh(self) -> None:
        """Fetch now (with the ETag), or once right after the fetch in flight."""
        rest, rid, gen = self._rest, self._rid, self._epoch.stamp()
        if rest is None or rid is None:
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self._timer.stop()
        cached = self._cache.get(rid.casefold())
        etag = None if cached is None else cached[0]
        self._worker.run(
            lambda: rest.menu(rid, etag),
            partial(self._on_answer, gen, rid),
            partial(self._on_failed, gen),
        )

    # ------------------------------------------------------------------ internals
    def _show(self, menu: Menu) -> None:
        self.menu = menu
        self._model.set_menu(menu)

    def _on_answer(self, gen: int, rid: str, fetch: MenuFetch) -> None:
        if not self._epoch.current(gen):
            return
        cached = self._cache.get(rid.casefold())
        if fetch.menu is None and cached is None:  # a 304 for an ETag we never sent
            self._on_failed(gen, ProtocolError("", "304 Not Modified without a cached menu"))
            return
        if fetch.menu is not None and fetch.menu.restaurant_id.casefold() != rid.casefold():
            self._on_failed(gen, _WrongRestaurant(fetch.menu.restaurant_id))
            return
        self._in_flight = False
        if fetch.menu is None:
            assert cached is not None
            menu, etag = cached[1], fetch.etag or cached[0]
            self.not_modified += 1
        else:
            menu, etag = fetch.menu, fetch.etag
            self.loaded += 1
        self._cache[rid.casefold()] = (etag, menu)
        self.last_loaded_at = self._clock()
        self.error, self._failures = None, 0
        if self._noticed:
            self._noticed = False
            self.notice.emit("info", translate("MenuLoader", "Menu loaded."))
        self._show(menu)
        self._next(self._settings.menu_refresh_s)

    def _on_failed(self, gen: int, exc: BaseException) -> None:
        if not self._epoch.current(gen):
            return
        self._in_flight = False
        self._failures += 1
        why, values = _reason(exc)
        self.error = why.format(**values)
        level = logging.INFO if self._noticed else logging.WARNING  # once per failure streak
        log.log(level, "menu of %s not loaded (%s): %r", self._rid, self.error, exc)
        if not self._noticed:
            self._noticed = True
            if self.menu is None:
                text = translate(
                    "MenuLoader",
                    "Menu could not be loaded ({reason}): lines show without stations or "
                    "allergen tags until it loads.",
                )
            else:
                text = translate(
                    "MenuLoader",
                    "Menu could not be loaded ({reason}): lines are placed by the menu loaded "
                    "before; it may be out of date.",
                )
            reason = translate("MenuLoader", why).format(**values)
            self.notice.emit("warning", text.format(reason=reason))
        refresh = self._settings.menu_refresh_s
        cap = refresh if refresh > 0 else NO_REFRESH_CAP_S
        self._next(min(cap, FIRST_RETRY_S * 2 ** (self._failures - 1)))

    def _next(self, delay_s: float) -> None:
        """The refresh asked while the fetch ran, or the timer for the next one."""
        if self._again:
            self._again = False
            self.refresh()
        elif delay_s > 0:
            self._timer.start(int(delay_s * 1000))


def _reason(exc: BaseException) -> tuple[str, dict[str, object]]:
    """Why a fetch failed, for a cook or a manager: an English sentence marked ``"MenuLoader"``
    (``error`` and the log keep it English, the notice translates it) and its values."""
    if isinstance(exc, _WrongRestaurant):
        return QT_TRANSLATE_NOOP("MenuLoader", "the server sent another restaurant's menu"), {}
    if isinstance(exc, ProtocolError):
        return QT_TRANSLATE_NOOP("MenuLoader", "the server's menu could not be read"), {}
    if isinstance(exc, NotFound):
        return QT_TRANSLATE_NOOP("MenuLoader", "the server has no menu for this restaurant"), {}
    if isinstance(exc, ServerUnavailable):
        if exc.status is None:
            return QT_TRANSLATE_NOOP("MenuLoader", "server unreachable"), {}
        return QT_TRANSLATE_NOOP("MenuLoader", "server error {status}"), {"status": exc.status}
    if isinstance(exc, NetError):
        if exc.status is None:
            return QT_TRANSLATE_NOOP("MenuLoader", "refused by the server"), {}
        return QT_TRANSLATE_NOOP("MenuLoader", "server answer {status}"), {"status": exc.status}
    return QT_TRANSLATE_NOOP("MenuLoader", "unexpected error"), {}

"""`SignIn`: one attempt at a time to sign a user in, off the Qt thread.

Signing in is three network steps on the calls worker — a REST client for the user (with the
user's keyring tokens), the password or the stored refresh token, the restaurants the user may
run — and the answer may arrive after the person has already typed another name, signed out,
or closed the terminal. So each attempt is stamped (`kds.core.epoch.Epoch`) and only the
current one is reported; an older one's client is closed. A client on its way is tracked until
its answer is taken, so a shutdown in the middle still closes its sockets (a dropped answer
once leaked them).

What a sign-in *means* — which board to open, the offline board, the login screen's words —
is the session's; this object only signs in and says how it went.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kds.app.qt_thread import Worker
from kds.app.restaurants import Restaurant, load_restaurants
from kds.core.epoch import Epoch
from kds.core.errors import ProtocolError
from kds.net.errors import NetError
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore

__all__ = ["RestFactory", "SignIn", "TokenStoreFactory"]

RestFactory = Callable[[TokenStore], RestClient]
TokenStoreFactory = Callable[[str], TokenStore]

log = logging.getLogger(__name__)


class SignIn(QObject):
    """Signs users in on ``calls``; reports only the latest attempt.

    Args:
        calls: the session's worker for REST calls.
        rest_factory: ``(token_store) -> RestClient`` for the signed-in user.
        token_store_factory: ``(user) -> TokenStore`` (the OS keyring for that user).

    Signals:
        signed_in(str user, object rest, object restaurants): the attempt worked; ``rest`` (a
            `RestClient`, also `rest` from now on, until `sign_out`) is the user's client,
            ``restaurants`` a list of `Restaurant`.

    Attributes:
        rest: the signed-in user's client (None when nobody is signed in); this object closes
            it when it is replaced, at `sign_out` and at `close`.
        failed(str user, object exc, bool resuming): the attempt failed with ``exc``;
            ``resuming`` when it was the silent sign-in with the stored refresh token.
    """

    signed_in = Signal(str, object, object)
    failed = Signal(str, object, bool)

    def __init__(
        self,
        calls: Worker,
        rest_factory: RestFactory,
        token_store_factory: TokenStoreFactory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._rest_factory = rest_factory
        self._token_store_factory = token_store_factory
        self._epoch = Epoch()
        self._opening: set[RestClient] = set()  # clients of attempts not yet answered
        self._lock = threading.Lock()
        self._closed = False
        self.rest: RestClient | None = None

    def login(self, user: str, password: str) -> None:
        """Sign in with a password (the contract's ``email`` field is the user name)."""
        self._start(user, lambda rest: rest.login(user, password), resuming=False)

    def resume(self, user: str) -> None:
        """Sign in silently with ``user``'s stored refresh token (``AuthExpired`` when none is
        stored or the server refused it)."""
        self._start(user, lambda rest: rest.refresh(), resuming=True)

    def cancel(self) -> None:
        """Drop the answer of every attempt under way."""
        self._epoch.advance()

    def sign_out(self) -> None:
        """Drop the attempts under way; forget the signed-in user's tokens and close the client
        (on the worker: clearing the keyring may block)."""
        self._epoch.advance()
        rest, self.rest = self.rest, None
        if rest is not None:

            def work() -> None:
                if rest.tokens is not None:
                    rest.tokens.clear()
                rest.close()

            self._calls.run(work, cleanup=True)

    def close(self) -> None:
        """At shutdown, after the calls worker stopped: no answer is reported any more, and the
        signed-in client and those of attempts still on their way are closed."""
        self._closed = True
        self._epoch.advance()
        with self._lock:
            opened, self._opening = list(self._opening), set()
        if self.rest is not None:
            opened.append(self.rest)
            self.rest = None
        for rest in opened:
            rest.close()

    # ------------------------------------------------------------------ the attempt

    def _start(self, user: str, sign: Callable[[RestClient], object], *, resuming: bool) -> None:
        gen = self._epoch.advance()

        def work() -> tuple[RestClient, list[Restaurant]]:
            rest = self._rest_factory(self._token_store_factory(user))
            with self._lock:
                self._opening.add(rest)
            try:
                sign(rest)
                return rest, load_restaurants(rest)
            except BaseException:
                with self._lock:
                    self._opening.discard(rest)
                rest.close()
                raise

        def done(answer: tuple[RestClient, list[Restaurant]]) -> None:
            rest, restaurants = answer
            with self._lock:
                self._opening.discard(rest)
            if not self._epoch.current(gen) or self._closed:
                self._calls.run(rest.close, cleanup=True)
                return
            old, self.rest = self.rest, rest
            if old is not None and old is not rest:
                self._calls.run(old.close, cleanup=True)
            self.signed_in.emit(user, rest, restaurants)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, NetError | ProtocolError):
                # Not the server's answer but a fault of ours: the screen says "Login failed:
                # <type>", the log keeps the traceback (a chaos-world login once failed unseen).
                log.error("signing in failed unexpectedly", exc_info=exc)
            if self._epoch.current(gen):
                self.failed.emit(user, exc, resuming)

        self._calls.run(work, done, failed)

"""The REST session under every call: auth, token refresh and safe retries, on one HTTP client.

``kds.net.rest.RestClient`` is the backend's endpoints as typed methods; each goes through
`RestSession._call` here, so the policy below is written once and no endpoint can bypass it.
Synchronous on purpose: the app layer runs each call on a worker thread, never on the Qt thread.

Failure policy:
- 401 → one refresh, one retry, then ``AuthExpired``. A refresh refused (401) clears the store.
- Every attempt has a total deadline of ``timeout_s`` (connect, send and every read together,
  ``kds.net.http_deadline``): a server trickling its answer cannot hold a call past it. A
  deadline hit is a timeout like any other: ``ServerUnavailable`` (``unsent=False`` once
  connected: the request may have arrived).
- Transport errors, timeouts and 5xx on GETs are retried with exponential backoff and jitter;
  lifecycle POSTs and the PUT are never retried (the caller sees ``ServerUnavailable`` and
  decides; the lifecycle commands are idempotent by target status, so a manual retry is safe).
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from kds.net.decode import TokenResponse, decode_token_response
from kds.net.errors import AccessRefusedAfterRefresh, AuthExpired, ServerUnavailable
from kds.net.http_deadline import call_deadline, deadline_transport
from kds.net.redact import install_redaction
from kds.net.rest_wire import checked, json_body, problem_fields, transport_errors
from kds.net.retry import ReadBackoff
from kds.net.tokens import TokenStore

__all__ = ["RestSession"]

log = logging.getLogger("kds.net.rest")  # the REST client's one log, whichever module writes


class RestSession:
    """Authenticated requests to the provider REST API, and the session's tokens.

    Args:
        base_url: the backend root, e.g. ``https://api.example.com`` (``/api/v1`` is added).
        tokens: the session's token store (``login`` replaces it for another user).
        http: an ``httpx.Client`` seam (tests pass ``httpx.MockTransport`` in unit tests).
        timeout_s: the total deadline of one attempt (connect, send and every read together),
            and the most any one of them may take; each retry of a GET has a deadline of its
            own. Enforced by the HTTP client built here; an injected ``http`` client keeps
            whatever timeouts it has.
        ca_file: extra CA bundle for TLS verification (verification is always on).
        backoff: retry schedule for idempotent reads.
        sleep: the backoff's sleeper (tests pass a recorder).
    """

    def __init__(
        self,
        base_url: str,
        tokens: TokenStore | None = None,
        *,
        http: httpx.Client | None = None,
        timeout_s: float = 10.0,
        ca_file: str | None = None,
        backoff: ReadBackoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        install_redaction()  # before the first request can log anything
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.timeout = httpx.Timeout(timeout_s)
        self.deadline_s = timeout_s
        self._owns_http = http is None
        # Verification is always on; a private CA is added as an SSLContext (httpx deprecates
        # passing a path as ``verify``).
        verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
        self._http = http or httpx.Client(
            transport=deadline_transport(verify), verify=verify, timeout=self.timeout
        )
        self._backoff = backoff or ReadBackoff()
        self._sleep = sleep
        self._refresh_lock = threading.Lock()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- auth --------------------------------------------------------------------------------
    def login(self, user: str, password: str) -> TokenResponse:
        """Password login; the tokens go into the store (a new one if the user changed)."""
        resp = self._post("/users/login", {"email": user, "password": password})
        if resp.status_code == 401:
            raise AuthExpired("login refused", status=401, **problem_fields(resp))
        tokens = decode_token_response(json_body(checked(resp)))
        if self.tokens is None:
            self.tokens = TokenStore(self.base_url, user)
        elif self.tokens.user != user:
            self.tokens = self.tokens.for_user(user)
        self.tokens.save(tokens.access_token, tokens.refresh_token, tokens.expires_in_s)
        return tokens

    def refresh(self) -> TokenResponse:
        """Exchange the refresh token; ``AuthExpired`` (and the store cleared) if refused."""
        store = self._store()
        refresh_token = store.refresh_token()
        if not refresh_token:
            raise AuthExpired("no refresh token: log in again")
        resp = self._post("/users/refresh", {"refreshToken": refresh_token})
        if resp.status_code == 401:
            store.clear()
            raise AuthExpired("session expired: log in again", status=401)
        tokens = decode_token_response(json_body(checked(resp)))
        store.save(tokens.access_token, tokens.refresh_token, tokens.expires_in_s)
        return tokens

    def access_token(self, rejected: bool = False) -> str:
        """A usable access token, refreshed first when due or when ``rejected`` by a server.

        This is the hub's token provider (``HubClient(token_provider=rest.access_token)``).
        """
        store = self._store()
        used = store.access_token()
        if rejected or store.needs_refresh():
            self._refresh_once(used, force=rejected)
        token = store.access_token()
        if not token:
            raise AuthExpired("not logged in")
        return token

    # -- requests ----------------------------------------------------------------------------
    def _store(self) -> TokenStore:
        if self.tokens is None:
            raise AuthExpired("not logged in")
        return self.tokens

    def _refresh_once(self, token_used: str | None, *, force: bool) -> bool:
        """Refresh unless another worker already replaced `token_used`; True if this call did.

        Several workers can hit a 401 at once: only the first refreshes; the others find the
        token changed since they sent their request and just retry with the new one.
        """
        with self._refresh_lock:
            store = self._store()
            if store.access_token() != token_used:
                return False
            if not force and not store.needs_refresh():
                return False
            try:
                self.refresh()
            except ServerUnavailable:
                if force or store.expired():
                    raise
                log.info("early token refresh failed; keeping the current token for now")
                return False
            return True

    def _get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return json_body(self._call("GET", path, None, params=params))

    def _call(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """An authenticated request: proactive refresh, 401 → refresh + one retry, GET retries.

        With ``headers`` (a conditional GET) a 304 is returned as it came, not as an error.
        """
        store = self._store()
        if store.needs_refresh() and store.refresh_token():
            self._refresh_once(store.access_token(), force=False)
        url = f"{self.base_url}/api/v1{path}"
        idempotent = method == "GET"
        retries_left = self._backoff.attempts if idempotent else 0
        # One refresh of our own, then one retry; a refresh another worker made for the same
        # stale token does not count (chaos seed 992: tokens expired twice within one slow
        # round trip, and a worker that had only borrowed the first refresh signed the whole
        # terminal out although its refresh token was good). Borrowed refreshes are bounded too.
        refreshed = False
        borrowed_left = 3
        retry = 0
        while True:
            token = store.access_token()
            if not token:
                raise AuthExpired("not logged in")
            sent = {**(headers or {}), "Authorization": f"Bearer {token}"}
            try:
                with transport_errors(method, path), call_deadline(self.deadline_s):
                    resp = self._http.request(
                        method, url, json=body, params=params, headers=sent, timeout=self.timeout
                    )
            except ServerUnavailable:
                if retries_left <= 0:
                    raise
                retries_left -= 1
                self._sleep(self._backoff.delay_s(retry))
                retry += 1
                continue
            if resp.status_code == 401:
                if refreshed or borrowed_left == 0:
                    raise AccessRefusedAfterRefresh(
                        "access refused after a token refresh", status=401
                    )
                if self._refresh_once(token, force=True):
                    refreshed = True
                else:
                    borrowed_left -= 1
                continue
            if resp.status_code >= 500 and retries_left > 0:
                retries_left -= 1
                self._sleep(self._backoff.delay_s(retry))
                retry += 1
                continue
            if resp.status_code == 304 and headers:
                return resp
            return checked(resp)

    def _post(self, path: str, body: Any) -> httpx.Response:
        """An unauthenticated POST (login, refresh): one attempt, the answer unchecked."""
        with transport_errors("POST", path), call_deadline(self.deadline_s):
            return self._http.post(f"{self.base_url}/api/v1{path}", json=body, timeout=self.timeout)

"""Keeps the unauthenticated dev surface (contract B3) on this machine (issue 19).

`--dev` routes place orders, drop hubs and revoke tokens with no authentication, so they must
answer only the developer's own machine:

- `--dev` refuses a non-loopback `--host` unless `--dev-allow-remote` says so (`__main__`);
- `DevGuard` answers 403 to a dev request whose `Host` is not a loopback name, which defeats
  DNS rebinding (a page whose host name resolves to 127.0.0.1 still sends its own name), and to
  one whose `Origin` is a web page elsewhere (a cross-site form post needs no CORS);
- `ApiCors` gives the dev routes no CORS headers at all; the backend's own routes keep the
  any-origin CORS of contract §1, which is harmless there since they need a bearer token.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

DEV_PREFIX = "/api/v1/dev/"

log = logging.getLogger("kds.server")


def is_dev_path(path: str) -> bool:
    return path.startswith(DEV_PREFIX)


def is_loopback_host(host: str) -> bool:
    """`localhost` or a loopback address (127.0.0.0/8, ::1), brackets allowed; nothing else."""
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_without_port(value: str) -> str | None:
    """The host of a `Host` header (`name`, `name:port`, `[v6]`, `[v6]:port`); None if malformed."""
    if value.startswith("["):
        end = value.find("]")
        rest = value[end + 1 :] if end > 0 else None
        if rest is None or not (rest == "" or (rest[:1] == ":" and rest[1:].isdigit())):
            return None
        return value[: end + 1]
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return None
    return name


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def refusal(scope: Scope) -> str | None:
    """Why a dev request does not come from this machine, or None when it does."""
    host = _header(scope, b"host")
    bare = None if host is None else _host_without_port(host)
    if bare is None or not is_loopback_host(bare):
        return f"Host {host!r} is not a loopback name"
    origin = _header(scope, b"origin")
    if origin is not None:
        try:
            origin_host = urlsplit(origin).hostname
        except ValueError:
            origin_host = None
        if origin_host is None or not is_loopback_host(origin_host):
            return f"Origin {origin!r} is not a loopback page"
    return None


class DevGuard:
    """403 (empty body) for a dev request from elsewhere; `allow_remote` turns the check off."""

    def __init__(self, app: ASGIApp, allow_remote: bool = False) -> None:
        self.app = app
        self.allow_remote = allow_remote

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.allow_remote and is_dev_path(scope["path"]):
            why = refusal(scope)
            if why is not None:
                log.warning(
                    "refused %s %r: %s (start with --dev-allow-remote to allow it)",
                    scope["method"],
                    scope["path"],
                    why,
                )
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [(b"content-length", b"0")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)


class ApiCors(CORSMiddleware):
    """Starlette's CORS middleware for every route but the dev ones, which get no CORS headers
    (so no browser page on another origin may read or preflight them)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_dev_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

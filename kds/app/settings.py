"""What a session needs to know before it starts, and the small per-user state it remembers."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["SessionSettings", "StateFile", "default_state_path"]

log = logging.getLogger(__name__)

HUB_PATH = "/hubs/restaurant-orders"


@dataclass(frozen=True)
class SessionSettings:
    """Connection settings of one session (no secrets: passwords and tokens never live here).

    Attributes:
        server_url: backend root, e.g. ``https://api.example.com`` (no ``/api/v1``).
        ca_file: extra CA bundle for a private certificate authority (verification stays on).
        user: the login name to resume with (``resume()``); ``login()`` replaces it.
        detail_concurrency: detail fetches in flight at once (rule 1: bounded).
        safety_resync_s: a full resync this often while live, 0 to disable. Why at all: the
            backend's outbox retries a failed broadcast with a backoff of up to 5 minutes and
            SignalR keeps no backlog, so an event can arrive very late or (after a send that
            failed on the server's side of a half-dead socket) not at all. A resync is 1–4
            cheap GETs, and it bounds how long the board can be wrong.
        snapshot_retry_s: first delay before retrying a failed snapshot (doubles up to 30 s).
        auto_select: after login, select the remembered restaurant (or the only one).
        restaurant: id or name to select after login, before the remembered one (the
            installer's config: a terminal belongs to one kitchen).
        state_path: the JSON state file (default: platformdirs' user state dir).
    """

    server_url: str
    ca_file: str | None = None
    user: str | None = None
    detail_concurrency: int = 8
    safety_resync_s: float = 300.0
    snapshot_retry_s: float = 1.0
    auto_select: bool = True
    restaurant: str | None = None
    state_path: Path | None = None

    @property
    def base_url(self) -> str:
        return self.server_url.rstrip("/")

    @property
    def hub_url(self) -> str:
        return self.base_url + HUB_PATH


def default_state_path() -> Path:
    return Path(platformdirs.user_state_dir("kds", appauthor=False)) / "state.json"


class StateFile:
    """Per-user memory (last used restaurant, last user) in a small JSON file. No secrets.

    Unreadable or unwritable files are logged and ignored: losing this state costs the user one
    click, never a crash. Writes are atomic (temp file + rename).
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path or default_state_path()
        self.read_only = read_only  # headless tools read the user's choices, never change them

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable state file %s (%s)", self.path, type(exc).__name__)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, object]) -> None:
        if self.read_only:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".state-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not write state file %s (%s)", self.path, type(exc).__name__)
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)

    @staticmethod
    def _key(server_url: str, user: str) -> str:
        return f"{server_url.rstrip('/')} {user}"

    def last_restaurant(self, server_url: str, user: str) -> str | None:
        value = self._read().get("lastRestaurant", {})
        if not isinstance(value, dict):
            return None
        rid = value.get(self._key(server_url, user))
        return rid if isinstance(rid, str) else None

    def remember_restaurant(self, server_url: str, user: str, restaurant_id: str) -> None:
        data = self._read()
        last = data.get("lastRestaurant")
        if not isinstance(last, dict):
            last = {}
        last[self._key(server_url, user)] = restaurant_id
        data["lastRestaurant"] = last
        self._write(data)

    def last_user(self, server_url: str) -> str | None:
        value = self._read().get("lastUser", {})
        if not isinstance(value, dict):
            return None
        user = value.get(server_url.rstrip("/"))
        return user if isinstance(user, str) else None

    def remember_user(self, server_url: str, user: str) -> None:
        data = self._read()
        last = data.get("lastUser")
        if not isinstance(last, dict):
            last = {}
        last[server_url.rstrip("/")] = user
        data["lastUser"] = last
        self._write(data)

"""What a session needs to know, the one user-state file, and the effective settings of a run.

`StateFile` is the only file the screen writes: the choices a cook made on screen (theme, text
size, the server and user of the last sign-in) and the session's memory (the last restaurant
per server and user, the last user per server). `Settings` resolves the effective settings
(`kds.app.config`) with that file as its on-screen layer and saves a new choice through it.
No secrets: passwords and tokens live only in the keyring.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kds.app.atomic_file import write_json_atomic
from kds.app.config import (
    FileLayer,
    KdsConfig,
    StationChoice,
    read_files,
    resolve,
    station_choice,
)
from kds.app.config_keys import BY_NAME
from kds.app.done_here import DoneHere, done_here_path
from kds.core.actions import ETA_DEFAULT_MIN

__all__ = ["SessionSettings", "Settings", "StateFile", "default_state_path", "legacy_prefs_path"]

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
        auto_accept: accept every new order by itself (``kds.app.auto_accept``); off unless
            the terminal's ``auto_accept`` setting is on.
        auto_accept_eta_min: the ETA of those accepts, in minutes.
        menu_refresh_s: the public menu is asked again this often (with its ETag), 0 to
            disable. Why 60 s: another terminal learns that an item is sold out only when its
            menu does, and an unchanged menu costs one 304 (``kds.app.menu_loader``).
        offline_retry_s: the longest wait between sign-in attempts while a board restored
            from disk is shown (``kds.app.offline_start``: 1, 2, 5, then this): one refresh
            POST each, and the longest a terminal stays offline after the server is back.
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
    auto_accept: bool = False
    auto_accept_eta_min: int = ETA_DEFAULT_MIN
    menu_refresh_s: float = 60.0
    offline_retry_s: float = 10.0

    @property
    def base_url(self) -> str:
        return self.server_url.rstrip("/")

    @property
    def hub_url(self) -> str:
        return self.base_url + HUB_PATH


STATE_VERSION = 2
"""Files without ``version`` are the old formats: state.json (only ``lastRestaurant`` and
``lastUser``) and ui.json (``server_url``, ``user``, ``theme``, ``font_scale`` at the top)."""

_LEGACY_UI = {"server_url": "", "user": "", "theme": "dark", "font_scale": 1.0}
"""ui.json's fields and the defaults it wrote whether or not the cook chose them: a default is
not carried over, so an installer's `config.toml` value keeps applying where it did before."""


def default_state_path() -> Path:
    return Path(platformdirs.user_state_dir("kds", appauthor=False)) / "state.json"


def legacy_prefs_path() -> Path:
    """Where kds ≤ 0.1 kept the on-screen choices (read once, never written)."""
    return Path(platformdirs.user_config_dir("kds", appauthor=False)) / "ui.json"


class StateFile:
    """The per-user state file: on-screen choices and the session's memory, as one JSON object.

    Format: ``{"version": 2, "onScreen": {key: value}, "lastRestaurant": {"<url> <user>":
    id}, "lastUser": {url: user}}``. The two ``last*`` maps keep their old places, so an older
    kds still finds them. Unreadable files are logged and ignored: losing this state costs the
    cook a tap or two, never a crash. Every write re-reads the file first (the session and the
    settings dialog share it) and is atomic: temp file, fsync, rename.

    Args:
        path: the file (default: platformdirs' user state dir).
        read_only: headless tools and ``--print-config`` read the choices, never change them.
        legacy_prefs: an old ui.json to migrate from (default: the old place, when `path` is
            the default too).
    """

    def __init__(
        self, path: Path | None = None, *, read_only: bool = False, legacy_prefs: Path | None = None
    ) -> None:
        self.path = path or default_state_path()
        self.read_only = read_only
        self.legacy_prefs = legacy_prefs or (legacy_prefs_path() if path is None else None)
        self._memory: dict[str, tuple[object, str]] | None = None  # read-only: this run's

    def _read(self, path: Path | None = None) -> dict[str, object] | None:
        """The file's object; {} when absent; None when unreadable (logged)."""
        path = path or self.path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable state file %s (%s)", path, type(exc).__name__)
            return None
        if not isinstance(data, dict):
            log.warning("ignoring state file %s (not a JSON object)", path)
            return None
        return data

    def _write(self, data: dict[str, object]) -> bool:
        """Atomically replace the file; False (logged) when it cannot be written."""
        if self.read_only:
            return False
        return write_json_atomic(self.path, data, what="state file")

    # ------------------------------------------------------------------ on-screen choices

    def is_current(self) -> bool:
        """True when the file is in today's format, or unreadable (then nothing to migrate)."""
        data = self._read()
        return data is None or isinstance(data.get("version"), int)

    def choices(self) -> dict[str, tuple[object, str]]:
        """key → (value, the file it was read from); raw, the resolver validates each value.

        An old-format file (or none) is read together with the old ui.json, so a cook keeps
        the choices made with an older kds until the next write moves them here.
        """
        if self._memory is not None:
            return dict(self._memory)
        data = self._read()
        if data is None:
            return {}
        if isinstance(data.get("version"), int):
            screen = data.get("onScreen")
            return (
                {k: (v, str(self.path)) for k, v in screen.items()}
                if isinstance(screen, dict)
                else {}
            )
        found: dict[str, tuple[object, str]] = {}
        legacy = self._read(self.legacy_prefs) if self.legacy_prefs else {}
        for source, old in ((self.legacy_prefs, legacy), (self.path, data)):
            for name, default in _LEGACY_UI.items():
                value = (old or {}).get(name)
                if value is not None and value != default:
                    found[name] = (value, str(source))
        return found

    def save_choices(self, changes: Mapping[str, object]) -> None:
        """Set (or, with None, forget) on-screen choices; migrates an old-format file.

        Read-only (or when the file cannot be written), the choices hold for this object's
        life only: ``--print-config`` shows what the screen would use without writing, and a
        tap on a full disk still changes the screen.
        """
        current = self.choices()
        for name, value in changes.items():
            if value is None:
                current.pop(name, None)
            elif current.get(name, (None, ""))[0] != value:
                current[name] = (value, str(self.path))
        if self.read_only:
            self._memory = current
            return
        data = self._read() or {}
        screen = {k: v for k, (v, _) in current.items()}
        for name in _LEGACY_UI:  # an old ui.json used as the state file (`--prefs`)
            data.pop(name, None)
        data["version"] = STATE_VERSION
        data["onScreen"] = screen
        if not self._write(data):
            self._memory = current  # a full disk must not undo the cook's tap for this run

    # ------------------------------------------------------------------ session memory

    @staticmethod
    def _key(server_url: str, user: str) -> str:
        return f"{server_url.rstrip('/')} {user}"

    def _map(self, name: str) -> dict[str, object]:
        value = (self._read() or {}).get(name)
        return value if isinstance(value, dict) else {}

    def last_restaurant(self, server_url: str, user: str) -> str | None:
        rid = self._map("lastRestaurant").get(self._key(server_url, user))
        return rid if isinstance(rid, str) else None

    def remember_restaurant(
        self, server_url: str, user: str, restaurant_id: str, name: str | None = None
    ) -> None:
        """The restaurant ``user`` last opened (and its name, for a board shown offline)."""
        entries = [("lastRestaurant", self._key(server_url, user), restaurant_id)]
        if name:
            entries.append(("restaurantNames", restaurant_id, name))
        self._remember(*entries)

    def restaurant_name(self, restaurant_id: str) -> str | None:
        """The name a restaurant had when last opened here (the board is shown before the
        server can be asked)."""
        name = self._map("restaurantNames").get(restaurant_id)
        return name if isinstance(name, str) else None

    def last_user(self, server_url: str) -> str | None:
        user = self._map("lastUser").get(server_url.rstrip("/"))
        return user if isinstance(user, str) else None

    def remember_user(self, server_url: str, user: str) -> None:
        self._remember(("lastUser", server_url.rstrip("/"), user))

    def _remember(self, *entries: tuple[str, str, str]) -> None:
        """Set ``map[key] = value`` for each ``(map, key, value)``, in one write."""
        data = self._read() or {}
        for name, key, value in entries:
            last = data.get(name)
            if not isinstance(last, dict):
                last = {}
            last[key] = value
            data[name] = last
        self._write(data)


class Settings:
    """The effective settings of this run, and the one way a screen choice is saved.

    Views read ``settings.<key>`` (or `config` for the sources) and call `choose`; nothing
    merges layers by hand. A choice equal to what the config files (or the default) already
    say is forgotten rather than saved, so a later change to `config.toml` reaches a terminal
    whose cook never really chose otherwise.
    """

    def __init__(
        self,
        files: FileLayer,
        state: StateFile,
        *,
        env: Mapping[str, str] | None = None,
        cli: Mapping[str, object] | None = None,
    ) -> None:
        self.state = state
        self._files = files
        self._env = dict(os.environ if env is None else env)
        self._cli = dict(cli or {})
        self.config: KdsConfig = self._resolve()

    @classmethod
    def load(
        cls,
        *,
        state_path: Path | None = None,
        paths: Sequence[Path] | None = None,
        env: Mapping[str, str] | None = None,
        cli: Mapping[str, object] | None = None,
        read_only: bool = False,
        legacy_prefs: Path | None = None,
    ) -> Settings:
        """Read the config files and the state file; raises `ConfigError` for a bad file,
        variable or flag. An old-format state file is migrated: written once, or with
        `read_only` only in memory."""
        state = StateFile(state_path, read_only=read_only, legacy_prefs=legacy_prefs)
        settings = cls(read_files(paths), state, env=env, cli=cli)
        if not state.is_current() and (
            state.path.exists() or (state.legacy_prefs and state.legacy_prefs.exists())
        ):
            settings._migrate()
        return settings

    def _migrate(self) -> None:
        """Move old on-screen choices into today's file, without the invalid ones and those
        the config files already say (see the class docstring)."""
        moved: dict[str, object] = {}
        for name, (value, where) in self.state.choices().items():
            try:
                moved[name] = BY_NAME[name].parse(value)
            except (KeyError, TypeError, ValueError):
                log.warning("%s: not carrying over %s=%r", where, name, value)
                moved[name] = None
        base = self.config.base
        self.state.save_choices({k: None if v == base.get(k) else v for k, v in moved.items()})
        self.config = self._resolve()

    def _resolve(self) -> KdsConfig:
        return resolve(self._files, screen=self.state.choices(), env=self._env, cli=self._cli)

    def __getattr__(self, name: str) -> Any:
        if name in BY_NAME and "config" in self.__dict__:
            return getattr(self.config, name)
        raise AttributeError(name)

    @property
    def server_url(self) -> str:
        """For the login form: the effective server address, "" when none is set."""
        return str(self.config.server_url or "")

    @property
    def user(self) -> str:
        """For the login form: the effective user name, "" when none is set."""
        return str(self.config.user or "")

    def pinned_by(self, name: str) -> str | None:
        """The flag or variable that fixes `name` for this run, or None."""
        return self.config.pinned_by(name)

    def station_at(self, restaurant_id: str | None) -> StationChoice:
        """This terminal's station at `restaurant_id` (None: the expo view), the restaurant's
        profiles for the picker, and a warning when the ``station`` setting names none of
        them. Ask again after `choose(station=...)`; ``"all"`` chooses the expo view."""
        return station_choice(self.config, restaurant_id)

    def done_here(self, restaurant_id: str, station: str) -> DoneHere:
        """The "done here" marks of `station` at `restaurant_id`, beside the state file."""
        return DoneHere(done_here_path(self.state.path), restaurant_id, station)

    def choose(self, **changes: object) -> None:
        """Save choices made on screen and re-resolve. An invalid value is logged and not
        saved; a flag or variable still wins for this run (the dialog says so)."""
        updates: dict[str, object] = {}
        for name, value in changes.items():
            key = BY_NAME[name]
            if not key.on_screen:
                raise ValueError(f"{name!r} cannot be chosen on screen")
            if value is None or value == "":
                updates[name] = None
                continue
            try:
                parsed = key.parse(value)
            except (TypeError, ValueError) as exc:
                log.warning("not remembering %s=%r (%s)", name, value, exc)
                continue
            updates[name] = None if parsed == self.config.base.get(name) else parsed
        if updates:
            self.state.save_choices(updates)
            self.config = self._resolve()

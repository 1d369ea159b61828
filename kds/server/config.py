"""Every kds-server option of contract Part B1, in one dataclass, plus the default db path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs


def default_db_path() -> str:
    """A SQLite file in the platform's user data dir (created on demand)."""
    data_dir = Path(platformdirs.user_data_dir("kds-server", appauthor=False))
    return str(data_dir / "kds-server.db")


@dataclass(frozen=True)
class ServerConfig:
    """Start-up options; field names follow the command-line flags of contract B1."""

    host: str = "127.0.0.1"
    port: int = 5080
    db: str = ":memory:"
    dev: bool = False
    # `--dev-allow-remote`: the dev surface may listen beyond loopback and answer any Host.
    dev_allow_remote: bool = False
    seed: str = "none"  # "demo" | "none"; the CLI defaults to demo with --dev
    simulate_per_min: float = 0.0
    outbox_interval_ms: int = 250
    keepalive_s: float = 15.0
    client_timeout_s: float = 30.0
    access_token_ttl_s: int = 3600
    refresh_token_ttl_s: int = 604_800
    teamcart: bool = False
    log_level: str = "info"
    # How long the public menu document is served from cache (contract 4.1a: the real backend
    # caches it for 5 minutes); tests shorten it to see a changed availability show up.
    menu_cache_s: float = 300.0
    # Slow clients (Kestrel's limits, see slow_clients.py); 0 turns a limit off.
    header_timeout_s: float = 30.0
    body_min_rate: float = 240.0
    body_grace_s: float = 5.0

"""`kds-server` / `python -m kds.server`: the B1 command line, listening, graceful shutdown."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable, Generator, Sequence

import uvicorn

from kds.server.app import build_app
from kds.server.config import ServerConfig, default_db_path
from kds.server.dev_guard import is_loopback_host
from kds.server.logs import configure_logging
from kds.server.slow_clients import ReadTimeouts, protocol_class

SHUTDOWN_GRACE_S = 2.0
CLOSE_ALL_TIMEOUT_S = 1.5


def parse_args(argv: Sequence[str] | None) -> ServerConfig:
    parser = argparse.ArgumentParser(
        prog="kds-server", description="Reference YummyZoom backend for kds (REST + SignalR)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5080, help="0 picks a free port")
    parser.add_argument("--db", default=None, help="SQLite file (default: platform data dir)")
    parser.add_argument("--dev", action="store_true", help="enable /api/v1/dev/... and seeding")
    parser.add_argument(
        "--dev-allow-remote",
        action="store_true",
        help="let --dev listen on a non-loopback --host and answer any Host header (unsafe: "
        "the dev routes have no authentication)",
    )
    parser.add_argument("--seed", choices=("demo", "none"), default=None)
    parser.add_argument("--simulate", type=float, default=0.0, metavar="ORDERS_PER_MIN")
    parser.add_argument("--outbox-interval-ms", type=int, default=250)
    parser.add_argument("--keepalive-s", type=float, default=15.0)
    parser.add_argument("--client-timeout-s", type=float, default=30.0)
    parser.add_argument("--access-token-ttl-s", type=int, default=3600)
    parser.add_argument("--refresh-token-ttl-s", type=int, default=604_800)
    parser.add_argument("--teamcart", action="store_true", help="map /hubs/teamcart")
    parser.add_argument(
        "--menu-cache-s",
        type=float,
        default=300.0,
        help="how long a public menu document is cached before it is rebuilt",
    )
    parser.add_argument(
        "--header-timeout-s",
        type=float,
        default=30.0,
        help="close a request whose headers are not complete in this time (0: never)",
    )
    parser.add_argument(
        "--body-min-rate",
        type=float,
        default=240.0,
        metavar="BYTES_PER_S",
        help="close a request whose body arrives slower than this on average (0: never)",
    )
    parser.add_argument(
        "--body-grace-s",
        type=float,
        default=5.0,
        help="how long a request body may arrive below --body-min-rate",
    )
    parser.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug")
    )
    ns = parser.parse_args(argv)
    if ns.simulate and not ns.dev:
        parser.error("--simulate needs --dev")
    if ns.dev_allow_remote and not ns.dev:
        parser.error("--dev-allow-remote needs --dev")
    if ns.dev and not ns.dev_allow_remote and not is_loopback_host(ns.host):
        parser.error(
            f"--dev on --host {ns.host} would let anyone on the network place orders, drop hubs "
            "and revoke tokens without signing in; use a loopback host (127.0.0.1, ::1, "
            "localhost) or add --dev-allow-remote"
        )
    if ns.outbox_interval_ms < 1:
        parser.error("--outbox-interval-ms must be at least 1")
    if ns.menu_cache_s < 0:
        parser.error("--menu-cache-s must not be negative")
    for flag in ("header_timeout_s", "body_min_rate", "body_grace_s"):
        if getattr(ns, flag) < 0:
            parser.error(f"--{flag.replace('_', '-')} must not be negative")
    return ServerConfig(
        host=ns.host,
        port=ns.port,
        db=ns.db if ns.db is not None else default_db_path(),
        dev=ns.dev,
        dev_allow_remote=ns.dev_allow_remote,
        seed=ns.seed if ns.seed is not None else ("demo" if ns.dev else "none"),
        simulate_per_min=ns.simulate,
        outbox_interval_ms=ns.outbox_interval_ms,
        keepalive_s=ns.keepalive_s,
        client_timeout_s=ns.client_timeout_s,
        access_token_ttl_s=ns.access_token_ttl_s,
        refresh_token_ttl_s=ns.refresh_token_ttl_s,
        teamcart=ns.teamcart,
        log_level=ns.log_level,
        menu_cache_s=ns.menu_cache_s,
        header_timeout_s=ns.header_timeout_s,
        body_min_rate=ns.body_min_rate,
        body_grace_s=ns.body_grace_s,
    )


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: `main` handles SIGTERM/SIGINT so it can close
    every hub connection first, and exit 0 instead of re-raising the signal."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted sockets inherit TCP_NODELAY on Linux. Without it, a keep-alive response written
    # as headers + body meets Nagle and the client's delayed ACK: +40 ms on every request
    # (measured by bench/server_rest.py; uvloop does not set it for a socket passed in).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


async def _serve(config: ServerConfig) -> int:
    app = build_app(config)
    sock = _bind(config.host, config.port)
    host, port = sock.getsockname()[:2]
    server = _Server(
        uvicorn.Config(
            app,
            # uvicorn's httptools protocol plus header and body read timeouts (slow clients)
            http=protocol_class(
                ReadTimeouts(config.header_timeout_s, config.body_min_rate, config.body_grace_s)
            ),
            log_config=None,
            access_log=False,  # uvicorn's access log would print `access_token` query values
            ws_ping_interval=None,  # signalrcore does not answer WebSocket pings
            ws_ping_timeout=None,
            # ASP.NET Core SignalR does not negotiate permessage-deflate; compressing every
            # broadcast once per connection was a quarter of the fan-out CPU.
            ws_per_message_deflate=False,
            timeout_graceful_shutdown=int(SHUTDOWN_GRACE_S),
            lifespan="on",
        )
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    # uvicorn exposes readiness only as a flag, so poll it briefly.
    while not server.started and not serving.done():  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    if serving.done():
        await serving
        return 1
    shown = f"[{host}]" if ":" in host else host
    print(f"kds-server listening on http://{shown}:{port}", flush=True)
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if stop.is_set():
        try:  # a Close message to every hub connection before the transport goes away
            await asyncio.wait_for(app.state.kds.broadcaster.close_all(), CLOSE_ALL_TIMEOUT_S)
        except Exception:
            logging.getLogger("kds.server").exception("close_all failed during shutdown")
        server.should_exit = True
        # A second signal forces the exit (uvicorn then skips waiting for connections).
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: setattr(server, "force_exit", True))
    stopper.cancel()
    await serving
    return 0


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when installed (uvicorn[standard] brings it): hub fan-out is socket-write bound,
    and uvloop roughly halves the per-write cost; plain asyncio otherwise."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main(argv: Sequence[str] | None = None) -> int:
    config = parse_args(argv)
    configure_logging(config.log_level)
    if config.dev_allow_remote:
        logging.getLogger("kds.server").warning(
            "--dev-allow-remote: the unauthenticated dev routes answer any host on --host %s",
            config.host,
        )
    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            return runner.run(_serve(config))
    except OSError as exc:  # e.g. the port is taken
        print(f"kds-server: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

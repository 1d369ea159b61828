"""The individual ``kds doctor`` checks: each returns a `Result` and never raises.

Raw checks on purpose: DNS, TCP and TLS are probed below the HTTP client so the report says
which layer failed; the SignalR transports are exercised with plain HTTP requests (negotiate,
handshake, one poll or event) so a proxy that breaks one transport is named as such.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from kds.app.server_address import HTTP_WARNING, plain_http

__all__ = [
    "Result",
    "check_clock",
    "check_dns",
    "check_long_polling",
    "check_ping",
    "check_sound",
    "check_sse",
    "check_tcp",
    "check_tls",
    "negotiate_raw",
]

RS = "\x1e"
HANDSHAKE = '{"protocol":"json","version":1}' + RS
MAX_SKEW_S = 30.0


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    hint: str = ""
    warn: bool = False  # passed, but a person should act (WARN: does not fail the run)


def _host_port(url: str) -> tuple[str, int, bool]:
    parts = urllib.parse.urlsplit(url)
    secure = parts.scheme == "https"
    return parts.hostname or "", parts.port or (443 if secure else 80), secure


def check_dns(url: str) -> Result:
    host, port, _ = _host_port(url)
    if not host:
        return Result(
            "dns", False, f"no host name in {url!r}", "use e.g. https://orders.example.com"
        )
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return Result("dns", False, f"{host}: {exc.strerror}", "check the server name and DNS")
    addresses = sorted({str(info[4][0]) for info in infos})
    return Result("dns", True, f"{host} → {', '.join(addresses)}")


def check_tcp(url: str, timeout_s: float) -> Result:
    host, port, _ = _host_port(url)
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Result(
            "tcp", False, f"{host}:{port}: {reason}", "is the server running? firewall or port?"
        )
    return Result("tcp", True, f"{host}:{port} in {(time.monotonic() - started) * 1000:.0f} ms")


def check_tls(url: str, ca_file: str | None, timeout_s: float) -> Result:
    host, port, secure = _host_port(url)
    if not secure:
        if plain_http(url):
            return Result("tls", True, HTTP_WARNING, "set up https:// on the server", warn=True)
        return Result("tls", True, "not used (plain http on this machine)")
    try:
        context = ssl.create_default_context(cafile=ca_file)
        with (
            socket.create_connection((host, port), timeout=timeout_s) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            cert = tls.getpeercert() or {}
            version = tls.version()
    except ssl.SSLCertVerificationError as exc:
        return Result(
            "tls",
            False,
            f"certificate not trusted: {exc.verify_message}",
            "install the server's CA with --ca-file, or fix the server certificate",
        )
    except (ssl.SSLError, OSError) as exc:
        return Result("tls", False, f"handshake failed: {exc}", "is this port serving https?")
    names = [
        str(pair[1])
        for pair in cert.get("subjectAltName", ())
        if isinstance(pair, tuple) and pair[0] in ("DNS", "IP Address")
    ]
    for rdn in cert.get("subject", ()):
        for pair in rdn:
            if isinstance(pair, tuple) and pair[0] == "commonName":
                names.insert(0, str(pair[1]))
    expires = cert.get("notAfter")
    days = ""
    if isinstance(expires, str):
        left = (ssl.cert_time_to_seconds(expires) - time.time()) / 86400
        days = f", expires in {left:.0f} days"
        if left < 14:
            return Result(
                "tls", False, f"certificate expires in {left:.0f} days", "renew the certificate"
            )
    return Result("tls", True, f"{version}, verified, for {', '.join(names[:3]) or '?'}{days}")


def check_ping(base_url: str, http: httpx.Client) -> tuple[Result, httpx.Response | None, float]:
    """``GET /ping``; also returns the response and the local time at its middle (for skew)."""
    sent = time.time()
    try:
        resp = http.get(f"{base_url}/ping")
    except httpx.HTTPError as exc:
        return (
            Result("ping", False, f"{type(exc).__name__}: {exc}", "is it a kds backend?"),
            None,
            0,
        )
    mid = (sent + time.time()) / 2
    took_ms = (time.time() - sent) * 1000
    if resp.status_code != 200 or resp.text.strip() != '"pong"':
        return (
            Result(
                "ping",
                False,
                f"GET /ping answered {resp.status_code} {resp.text[:40]!r}",
                "the URL must be the backend root (without /api/v1)",
            ),
            resp,
            mid,
        )
    return Result("ping", True, f'"pong" in {took_ms:.0f} ms'), resp, mid


def check_clock(resp: httpx.Response | None, local_mid: float) -> Result:
    date = None if resp is None else resp.headers.get("date")
    if not date:
        return Result("clock", False, "the server sent no Date header", "cannot compare clocks")
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return Result("clock", False, f"unreadable Date header {date!r}", "")
    skew_s = server.timestamp() - local_mid
    local = datetime.fromtimestamp(local_mid, UTC).strftime("%H:%M:%S")
    detail = f"server {server.strftime('%H:%M:%S')} UTC, this terminal {local} UTC"
    if abs(skew_s) > MAX_SKEW_S:
        return Result(
            "clock",
            False,
            f"{skew_s:+.0f} s off ({detail})",
            "sync this terminal's clock (NTP): ETAs and ticket ages are computed from it",
        )
    return Result("clock", True, f"{skew_s:+.1f} s ({detail}; the Date header has 1 s steps)")


def negotiate_raw(hub_url: str, token: str | None, http: httpx.Client) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return http.post(f"{hub_url}/negotiate?negotiateVersion=1", headers=headers)


def _connection_id(hub_url: str, token: str, http: httpx.Client) -> str:
    body = negotiate_raw(hub_url, token, http).raise_for_status().json()
    conn_id = body.get("connectionToken") or body.get("connectionId")
    if not isinstance(conn_id, str):
        raise ValueError("negotiate answered no connection id")
    return conn_id


def check_long_polling(hub_url: str, token: str, http: httpx.Client) -> Result:
    """Negotiate, first poll, handshake POST, a poll that returns the handshake answer, DELETE."""
    name = "transport long polling"
    try:
        conn = _connection_id(hub_url, token, http)
        url = f"{hub_url}?id={urllib.parse.quote(conn)}"
        auth = {"Authorization": f"Bearer {token}"}
        http.get(url, headers=auth).raise_for_status()  # the first poll returns at once
        http.post(url, headers=auth, content=HANDSHAKE).raise_for_status()
        answer = http.get(url, headers=auth).raise_for_status().text
        with contextlib.suppress(httpx.HTTPError):
            http.delete(url, headers=auth)
    except (httpx.HTTPError, ValueError) as exc:
        return Result(name, False, f"{type(exc).__name__}: {exc}", "a proxy may block long polls")
    if not answer.startswith("{}" + RS):
        return Result(name, False, f"handshake answered {answer[:60]!r}", "")
    return Result(name, True, "handshake completed")


def check_sse(hub_url: str, token: str, http: httpx.Client, timeout_s: float) -> Result:
    """Negotiate, open the event stream, POST the handshake, read its answer from the stream."""
    name = "transport server-sent events"
    auth = {"Authorization": f"Bearer {token}"}
    try:
        conn = _connection_id(hub_url, token, http)
        url = f"{hub_url}?id={urllib.parse.quote(conn)}"
        headers = {**auth, "Accept": "text/event-stream"}
        with http.stream("GET", url, headers=headers, timeout=timeout_s) as stream:
            stream.raise_for_status()
            http.post(url, headers=auth, content=HANDSHAKE).raise_for_status()
            deadline = time.monotonic() + timeout_s
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    data = line[len("data: ") :]
                    # str.splitlines() also splits on the record separator 0x1E.
                    if data in ("{}", "{}" + RS):
                        return Result(name, True, "handshake completed")
                    return Result(name, False, f"handshake answered {data[:60]!r}", "")
                if time.monotonic() > deadline:
                    break
    except (httpx.HTTPError, ValueError) as exc:
        return Result(name, False, f"{type(exc).__name__}: {exc}", "a proxy may buffer streams")
    return Result(name, False, "no handshake answer on the stream", "a proxy may buffer streams")


def check_sound(timeout_s: float = 3.0) -> Result:
    """Open the default sound device with simpleaudio and play 10 ms of silence."""
    hint = "alerts will be visual only: connect speakers or check ALSA (`aplay -l`)"
    outcome: list[Result] = []

    def probe() -> None:
        try:
            import simpleaudio

            simpleaudio.play_buffer(b"\0\0" * 441, 1, 2, 44100).wait_done()
            outcome.append(Result("sound", True, "default ALSA device opened, silence played"))
        except Exception as exc:  # no device, no ALSA, a broken build: all the same to a cook
            outcome.append(Result("sound", False, f"no sound device ({exc})".strip(), hint))

    worker = threading.Thread(target=probe, name="kds-doctor-sound", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if not outcome:
        return Result("sound", False, f"the sound device did not answer in {timeout_s:g} s", hint)
    return outcome[0]

"""The individual ``kds doctor`` checks: each returns a `Result` and never raises.

Raw checks on purpose: DNS, TCP and TLS are probed below the HTTP client so the report says
which layer failed; the SignalR transports are exercised with plain HTTP requests (negotiate,
handshake, one poll or event) so a proxy that breaks one transport is named as such.

A result's detail and hint are built in the reader's language (`kds.cli.language`: none is
loaded for ``--json``, whose words stay English); the values in them (addresses, the system's
and the libraries' error texts, the server's answers) are shown as they come.
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
from kds.cli.language import translate

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
    name: str  # the check's stable name (``--json``); `kds.cli.doctor` shows it translated
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
            "dns",
            False,
            translate("DoctorChecks", "no host name in {url}").format(url=repr(url)),
            translate("DoctorChecks", "use e.g. https://orders.example.com"),
        )
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        hint = translate("DoctorChecks", "check the server name and DNS")
        return Result("dns", False, f"{host}: {exc.strerror}", hint)
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
        hint = translate("DoctorChecks", "is the server running? firewall or port?")
        return Result("tcp", False, f"{host}:{port}: {reason}", hint)
    took = f"{(time.monotonic() - started) * 1000:.0f}"
    detail = translate("DoctorChecks", "{address} in {ms} ms").format(
        address=f"{host}:{port}", ms=took
    )
    return Result("tcp", True, detail)


def check_tls(url: str, ca_file: str | None, timeout_s: float) -> Result:
    host, port, secure = _host_port(url)
    if not secure:
        if plain_http(url):
            hint = translate("DoctorChecks", "set up https:// on the server")
            return Result("tls", True, HTTP_WARNING, hint, warn=True)
        return Result(
            "tls", True, translate("DoctorChecks", "not used (plain http on this machine)")
        )
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
            translate("DoctorChecks", "certificate not trusted: {reason}").format(
                reason=exc.verify_message
            ),
            translate(
                "DoctorChecks",
                "install the server's CA with --ca-file, or fix the server certificate",
            ),
        )
    except (ssl.SSLError, OSError) as exc:
        return Result(
            "tls",
            False,
            translate("DoctorChecks", "handshake failed: {error}").format(error=exc),
            translate("DoctorChecks", "is this port serving https?"),
        )
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
        days = translate("DoctorChecks", ", expires in {days} days").format(days=f"{left:.0f}")
        if left < 14:
            return Result(
                "tls",
                False,
                translate("DoctorChecks", "certificate expires in {days} days").format(
                    days=f"{left:.0f}"
                ),
                translate("DoctorChecks", "renew the certificate"),
            )
    detail = translate("DoctorChecks", "{version}, verified, for {names}{expiry}").format(
        version=version, names=", ".join(names[:3]) or "?", expiry=days
    )
    return Result("tls", True, detail)


def check_ping(base_url: str, http: httpx.Client) -> tuple[Result, httpx.Response | None, float]:
    """``GET /ping``; also returns the response and the local time at its middle (for skew)."""
    sent = time.time()
    try:
        resp = http.get(f"{base_url}/ping")
    except httpx.HTTPError as exc:
        return (
            Result(
                "ping",
                False,
                f"{type(exc).__name__}: {exc}",
                translate("DoctorChecks", "is it a kds backend?"),
            ),
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
                translate("DoctorChecks", "GET /ping answered {status} {body}").format(
                    status=resp.status_code, body=repr(resp.text[:40])
                ),
                translate("DoctorChecks", "the URL must be the backend root (without /api/v1)"),
            ),
            resp,
            mid,
        )
    pong = translate("DoctorChecks", '"pong" in {ms} ms').format(ms=f"{took_ms:.0f}")
    return Result("ping", True, pong), resp, mid


def check_clock(resp: httpx.Response | None, local_mid: float) -> Result:
    date = None if resp is None else resp.headers.get("date")
    if not date:
        return Result(
            "clock",
            False,
            translate("DoctorChecks", "the server sent no Date header"),
            translate("DoctorChecks", "cannot compare clocks"),
        )
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        unreadable = translate("DoctorChecks", "unreadable Date header {date}")
        return Result("clock", False, unreadable.format(date=repr(date)), "")
    skew_s = server.timestamp() - local_mid
    local = datetime.fromtimestamp(local_mid, UTC).strftime("%H:%M:%S")
    detail = translate("DoctorChecks", "server {server} UTC, this terminal {local} UTC").format(
        server=server.strftime("%H:%M:%S"), local=local
    )
    if abs(skew_s) > MAX_SKEW_S:
        return Result(
            "clock",
            False,
            translate("DoctorChecks", "{skew} s off ({detail})").format(
                skew=f"{skew_s:+.0f}", detail=detail
            ),
            translate(
                "DoctorChecks",
                "sync this terminal's clock (NTP): ETAs and ticket ages are computed from it",
            ),
        )
    close = translate("DoctorChecks", "{skew} s ({detail}; the Date header has 1 s steps)")
    return Result("clock", True, close.format(skew=f"{skew_s:+.1f}", detail=detail))


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
        hint = translate("DoctorChecks", "a proxy may block long polls")
        return Result(name, False, f"{type(exc).__name__}: {exc}", hint)
    if not answer.startswith("{}" + RS):
        return Result(name, False, _answered(answer), "")
    return Result(name, True, translate("DoctorChecks", "handshake completed"))


def _answered(answer: str) -> str:
    """A handshake's unexpected answer, shown."""
    return translate("DoctorChecks", "handshake answered {answer}").format(answer=repr(answer[:60]))


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
                        return Result(name, True, translate("DoctorChecks", "handshake completed"))
                    return Result(name, False, _answered(data), "")
                if time.monotonic() > deadline:
                    break
    except (httpx.HTTPError, ValueError) as exc:
        hint = translate("DoctorChecks", "a proxy may buffer streams")
        return Result(name, False, f"{type(exc).__name__}: {exc}", hint)
    return Result(
        name,
        False,
        translate("DoctorChecks", "no handshake answer on the stream"),
        translate("DoctorChecks", "a proxy may buffer streams"),
    )


def check_sound(timeout_s: float = 3.0) -> Result:
    """Open the default sound device with simpleaudio and play 10 ms of silence."""
    hint = translate(
        "DoctorChecks", "alerts will be visual only: connect speakers or check ALSA (`aplay -l`)"
    )
    outcome: list[Result] = []

    def probe() -> None:
        try:
            import simpleaudio

            simpleaudio.play_buffer(b"\0\0" * 441, 1, 2, 44100).wait_done()
            opened = translate("DoctorChecks", "default ALSA device opened, silence played")
            outcome.append(Result("sound", True, opened))
        except Exception as exc:  # no device, no ALSA, a broken build: all the same to a cook
            none = translate("DoctorChecks", "no sound device ({error})").format(error=exc)
            outcome.append(Result("sound", False, none.strip(), hint))

    worker = threading.Thread(target=probe, name="kds-doctor-sound", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if not outcome:
        silent = translate("DoctorChecks", "the sound device did not answer in {seconds} s")
        return Result("sound", False, silent.format(seconds=f"{timeout_s:g}"), hint)
    return outcome[0]

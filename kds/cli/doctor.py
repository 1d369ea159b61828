"""``kds doctor``: check DNS, TCP, TLS, the API, the clock, login, the hub and sound, in order.

The readable report speaks the screen's language (`kds.cli.language`): the checks' names, the
status words, details and hints. ``--json`` is for scripts: its check names and statuses
(``PASS``/``WARN``/``FAIL``) are fixed English keys and no catalogue is loaded for it, so its
details and hints are English too, byte for byte whatever the language.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
from collections.abc import Callable

import httpx

from kds.cli.checks import (
    Result,
    check_clock,
    check_dns,
    check_long_polling,
    check_ping,
    check_sound,
    check_sse,
    check_tcp,
    check_tls,
    negotiate_raw,
)
from kds.cli.language import add_language_argument, speak, translate
from kds.cli.password import add_password_arguments, read_password
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["add_parser", "run"]

HUB_PATH = "/hubs/restaurant-orders"
TIMEOUT_S = 10.0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "doctor", allow_abbrev=False, help="check the connection, login, hub and sound device"
    )
    p.add_argument("--server", required=True, help="backend URL, e.g. https://api.example.com")
    p.add_argument("--user", help="also check login, restaurants, hub transports and subscribe")
    add_password_arguments(p)
    p.add_argument("--ca-file", default=None, help="extra CA bundle for a private CA")
    p.add_argument("--json", action="store_true", help="one JSON object per check")
    add_language_argument(p)
    p.set_defaults(run=run)


# What a reader sees for a check's name and status; ``--json`` keeps the keys.
_NAMES = {
    "dns": QT_TRANSLATE_NOOP("Doctor", "dns"),
    "tcp": QT_TRANSLATE_NOOP("Doctor", "tcp"),
    "tls": QT_TRANSLATE_NOOP("Doctor", "tls"),
    "ping": QT_TRANSLATE_NOOP("Doctor", "ping"),
    "clock": QT_TRANSLATE_NOOP("Doctor", "clock"),
    "login": QT_TRANSLATE_NOOP("Doctor", "login"),
    "users/me": QT_TRANSLATE_NOOP("Doctor", "users/me"),
    "negotiate": QT_TRANSLATE_NOOP("Doctor", "negotiate"),
    "transport websockets": QT_TRANSLATE_NOOP("Doctor", "transport websockets"),
    "subscribe": QT_TRANSLATE_NOOP("Doctor", "subscribe"),
    "transport server-sent events": QT_TRANSLATE_NOOP("Doctor", "transport server-sent events"),
    "transport long polling": QT_TRANSLATE_NOOP("Doctor", "transport long polling"),
    "sound": QT_TRANSLATE_NOOP("Doctor", "sound"),
}
_STATUSES = {
    "PASS": QT_TRANSLATE_NOOP("Doctor", "PASS"),
    "WARN": QT_TRANSLATE_NOOP("Doctor", "WARN"),
    "FAIL": QT_TRANSLATE_NOOP("Doctor", "FAIL"),
}
# The kinds of `kds.app.messages.LoginFailure`, as the login check's hint.
_LOGIN_KINDS = {
    "wrong_password": QT_TRANSLATE_NOOP("Doctor", "wrong password"),
    "locked_out": QT_TRANSLATE_NOOP("Doctor", "locked out"),
    "unreachable": QT_TRANSLATE_NOOP("Doctor", "unreachable"),
    "tls": QT_TRANSLATE_NOOP("Doctor", "tls"),
    "other": QT_TRANSLATE_NOOP("Doctor", "other"),
}


class Report:
    """Prints each result as it comes (a slow check should not hide the earlier ones)."""

    def __init__(self, json_lines: bool) -> None:
        self.json_lines = json_lines
        self.failed = 0

    def add(self, result: Result) -> Result:
        if not result.ok:
            self.failed += 1
        if self.json_lines:
            record = {
                "check": result.name,
                "status": _status(result),
                "detail": result.detail,
                "hint": result.hint,
            }
            line = json.dumps(record, ensure_ascii=False)
        else:
            status = _status(result)
            word = translate("Doctor", _STATUSES[status])
            name = (
                translate("Doctor", _NAMES[result.name]) if result.name in _NAMES else result.name
            )
            hint = f" ({result.hint})" if result.hint and status != "PASS" else ""
            line = f"{word} {name} — {result.detail}{hint}"
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return result


def _status(result: Result) -> str:
    if not result.ok:
        return "FAIL"
    return "WARN" if result.warn else "PASS"


def run(args: argparse.Namespace) -> int:
    from kds.net.redact import install_redaction

    install_redaction()
    if not args.json:
        speak(args.language)
    base = args.server.rstrip("/")
    report = Report(args.json)
    password = read_password(args.password_stdin) if args.user else None
    network_ok = _network_checks(base, args, report, password)
    del password
    if not network_ok:
        skipped = translate("Doctor", "later network checks skipped: fix the first failure above")
        sys.stderr.write(skipped + "\n")
    report.add(check_sound())
    return 1 if report.failed else 0


def _network_checks(
    base: str, args: argparse.Namespace, report: Report, password: str | None
) -> bool:
    """False as soon as a check fails that the following ones depend on."""
    if not report.add(check_dns(base)).ok:
        return False
    if not report.add(check_tcp(base, TIMEOUT_S)).ok:
        return False
    if not report.add(check_tls(base, args.ca_file, TIMEOUT_S)).ok:
        return False
    verify: ssl.SSLContext | bool = (
        ssl.create_default_context(cafile=args.ca_file) if args.ca_file else True
    )
    with httpx.Client(verify=verify, timeout=TIMEOUT_S) as http:
        ping, resp, mid = check_ping(base, http)
        if not report.add(ping).ok:
            return False
        report.add(check_clock(resp, mid))
        hub_url = base + HUB_PATH
        if args.user is None or password is None:
            report.add(_check_negotiate_unauthenticated(hub_url, http))
            return True
        return _account_checks(base, hub_url, args, report, http, password)


def _check_negotiate_unauthenticated(hub_url: str, http: httpx.Client) -> Result:
    try:
        resp = negotiate_raw(hub_url, None, http)
    except httpx.HTTPError as exc:
        return Result("negotiate", False, f"{type(exc).__name__}: {exc}", "")
    if resp.status_code == 401:
        answers = translate("Doctor", "hub answers (401 without a token, as it should)")
        return Result("negotiate", True, answers)
    return Result(
        "negotiate",
        False,
        translate("Doctor", "hub answered {status} without a token").format(
            status=resp.status_code
        ),
        translate("Doctor", "wrong path?"),
    )


def _account_checks(
    base: str,
    hub_url: str,
    args: argparse.Namespace,
    report: Report,
    http: httpx.Client,
    password: str,
) -> bool:
    from kds.app.memory_keyring import MemoryKeyring
    from kds.app.messages import login_failure
    from kds.net.rest import RestClient
    from kds.net.tokens import TokenStore

    tokens = TokenStore(base, args.user, backend=MemoryKeyring())
    rest = RestClient(base, tokens, ca_file=args.ca_file, timeout_s=TIMEOUT_S)
    try:
        try:
            rest.login(args.user, password)
        except Exception as exc:
            kind, message = login_failure(exc, base)
            shown = translate("Doctor", _LOGIN_KINDS[kind]) if kind in _LOGIN_KINDS else kind
            report.add(Result("login", False, message, shown))
            return False
        signed_in = translate("Doctor", "signed in as {user}").format(user=args.user)
        report.add(Result("login", True, signed_in))
        try:
            roles = rest.me().restaurant_roles()
            names = [(r.restaurant_id, rest.restaurant_info(r.restaurant_id).name) for r in roles]
        except Exception as exc:
            report.add(Result("users/me", False, f"{type(exc).__name__}: {exc}", ""))
            return False
        if not names:
            report.add(
                Result(
                    "users/me",
                    False,
                    translate(
                        "Doctor",
                        "no restaurant: the account has no RestaurantStaff/Owner permission",
                    ),
                    translate("Doctor", "ask the owner to add this account as staff"),
                )
            )
            return False
        listed = ", ".join(f"{name} ({rid})" for rid, name in names)
        found = len(names)  # a name, not a call: lupdate skips translate(…, len(x))
        count = translate("Doctor", "%n restaurant(s): {names}", None, found)
        report.add(Result("users/me", True, count.format(names=listed)))
        token = tokens.access_token() or ""
        if not report.add(_check_negotiate(hub_url, token, http)).ok:
            return False
        report.add(
            _check_websockets_and_subscribe(hub_url, args.ca_file, rest.access_token, names, report)
        )
        report.add(check_sse(hub_url, token, http, TIMEOUT_S))
        report.add(check_long_polling(hub_url, token, http))
        return True
    finally:
        rest.close()


def _check_negotiate(hub_url: str, token: str, http: httpx.Client) -> Result:
    try:
        resp = negotiate_raw(hub_url, token, http)
        body = resp.raise_for_status().json()
    except (httpx.HTTPError, ValueError) as exc:
        hint = translate("Doctor", "check the hub path")
        return Result("negotiate", False, f"{type(exc).__name__}: {exc}", hint)
    offered = [t.get("transport") for t in body.get("availableTransports") or []]
    offers = translate("Doctor", "v{version}, offers {transports}")
    detail = offers.format(version=body.get("negotiateVersion", 0), transports=offered)
    return Result("negotiate", True, detail)


def _check_websockets_and_subscribe(
    hub_url: str,
    ca_file: str | None,
    token_provider: Callable[[bool], str],
    restaurants: list[tuple[str, str]],
    report: Report,
) -> Result:
    """Connect the real client (WebSockets) and subscribe to each restaurant."""
    from kds.net.hub import HubClient, HubState

    def give_up(attempt: int, elapsed_s: float, error: BaseException | None) -> float | None:
        return 0.0 if attempt == 0 else None

    class _Once:
        next_delay_s = staticmethod(give_up)

    errors: list[BaseException] = []

    def on_state(state: HubState, error: BaseException | None) -> None:
        if error is not None:
            errors.append(error)

    hub = HubClient(
        hub_url,
        token_provider,
        ca_file=ca_file,
        retry_policy=_Once(),
        on_state=on_state,
        connect_timeout_s=TIMEOUT_S,
    )
    hub.start()
    try:
        if not hub.wait_for_state(HubState.CONNECTED, TIMEOUT_S + 2):
            timed_out = translate("Doctor", "timed out")
            why = f"{type(errors[-1]).__name__}: {errors[-1]}" if errors else timed_out
            return Result(
                "transport websockets",
                False,
                translate("Doctor", "no connection ({reason})").format(reason=why),
                translate("Doctor", "a proxy may block WebSocket upgrades"),
            )
        connected = translate("Doctor", "connected, handshake completed")
        report.add(Result("transport websockets", True, connected))
        for rid, name in restaurants:
            try:
                hub.invoke("SubscribeToRestaurant", [rid], timeout_s=TIMEOUT_S)
            except Exception as exc:
                return Result("subscribe", False, f"{name}: {exc}", "")
        subscribed = len(restaurants)
        live = translate("Doctor", "live orders of %n restaurant(s)", None, subscribed)
        return Result("subscribe", True, live)
    finally:
        hub.stop()

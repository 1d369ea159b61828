"""``kds tail``: the client session headless on a QCoreApplication, printing the live board.

Order lines carry their category and tags from the restaurant's menu, which the session's
menu loader fetches at start and refreshes with its ETag every minute
(``kds.app.menu_loader``). A menu that fails to load never stops tail: the lines say "Other"
with no tags, the loader logs one warning (stderr) and the session one notice per failure
streak.

``--station NAME`` prints what that station's screen shows, as the GUI's ``--station`` does
(``kds.core.stations.station_slice``): NAME is a profile of the user's config.toml for the
restaurant (``"all"``: every order, the expo view). Unlike the screen, which falls back to the
expo view, tail refuses a NAME without a profile (stderr, exit 2): a script reading a filtered
stream must not get everything by mistake. A station category the menu lacks is warned about
on stderr once per menu.

The readable lines and the messages on stderr speak the screen's language
(`kds.cli.language`); with ``--json`` no catalogue is loaded, so every line, the session's
notices included, is English whatever the language (scripts parse it).
"""

from __future__ import annotations

import argparse
import logging
import re
import signal
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING

from kds.cli.language import add_language_argument, speak, translate
from kds.cli.output import TailWriter, missing_categories_warning
from kds.cli.password import add_password_arguments, read_password
from kds.core.changes import (
    AlertRaised,
    Change,
    MenuChanged,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
)
from kds.core.menu import Menu
from kds.core.stations import EXPO

if TYPE_CHECKING:
    from kds.app.config import KdsConfig

__all__ = ["add_parser", "match_restaurant", "run"]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_LOGIN = 2  # login refused or the restaurant is not available to this user
EXIT_USAGE = 2  # a bad --station (no such profile) or an unreadable config.toml
EXIT_SIGNED_OUT = 3  # the tokens were revoked while tailing

# Connection states as the issue names them; "connecting" (the first attempt) is not printed
# until it fails, then it is a "reconnecting" to the reader.
_STATES = {"connected": "connected", "reconnecting": "reconnecting", "disconnected": "disconnected"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tail", allow_abbrev=False, help="print a restaurant's live board (headless)"
    )
    p.add_argument("--server", required=True, help="backend URL, e.g. https://api.example.com")
    p.add_argument("--user", required=True, help="login name")
    add_password_arguments(p)
    p.add_argument("--restaurant", required=True, help="restaurant id, slug or name")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--station",
        default=None,
        metavar="NAME",
        help=(
            "print only what this station's screen shows (a [stations] profile of your "
            "config.toml; 'all' = every order). Unlike the screen, a NAME with no profile for "
            "the restaurant is an error (exit 2), never a silent fallback to every order"
        ),
    )
    p.add_argument("--exit-after-s", type=float, default=None, metavar="N")
    p.add_argument("--ca-file", default=None, help="extra CA bundle for a private CA")
    add_language_argument(p)
    p.set_defaults(run=run)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def match_restaurant(wanted: str, restaurants: Sequence[tuple[str, str, str]]) -> str | None:
    """The id of the restaurant named by ``wanted``: its id, its slug or its name (any case).

    ``restaurants/{id}/info`` carries no slug in the contract, so a slug is matched against the
    name's slug form (``Pho Hanoi`` → ``pho-hanoi``).
    """
    key = wanted.strip().casefold()
    for rid, name, _role in restaurants:
        if key in (rid.casefold(), name.casefold(), _slug(name)) or _slug(wanted) == _slug(name):
            return rid
    return None


def _station_config(name: str) -> KdsConfig:
    """The user's config with ``station`` = `name` (``ValueError`` if unreadable, or if no
    restaurant has a profile called `name`). Only the flag picks tail's station: the
    ``station`` of config.toml or ``$KDS_STATION`` is the screen's."""
    from kds.app.config import load_config

    config = load_config(env={}, cli={"station": name})
    name = config.values["station"]
    known = config.stations.names()
    if name != EXPO and name not in known:
        raise ValueError(_no_profile(name, None, known))
    return config


def _no_profile(name: str, restaurant_id: str | None, known: Iterable[str]) -> str:
    where = (
        ""
        if restaurant_id is None
        else translate("Tail", " for restaurant {restaurant}").format(restaurant=restaurant_id)
    )
    names = ", ".join(sorted(known)) or translate("Tail", "none configured")
    return translate(
        "Tail",
        "no station profile {name}{where} (known profiles: {names}; {expo} = every order). "
        "Profiles are the [stations] tables of config.toml.",
    ).format(name=repr(name), where=where, names=names, expo=repr(EXPO))


def _say(kind: str, message: str) -> None:
    """``kds tail: error: …`` on stderr (`kind`: the already translated word)."""
    print(f"kds tail: {kind}: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    # Qt is imported here, not at module level: `kds --version` stays fast.
    from PySide6.QtCore import QCoreApplication, QTimer

    from kds.app.config import station_choice
    from kds.app.memory_keyring import MemoryKeyring
    from kds.app.session import Session
    from kds.app.settings import SessionSettings, StateFile
    from kds.net.tokens import TokenStore

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if not args.json:
        speak(args.language, "kds-tail")
    config = None
    if args.station is not None:
        try:
            config = _station_config(args.station)
        except ValueError as exc:  # ConfigError, or no profile of that name anywhere
            _say(translate("Tail", "error"), str(exc))
            return EXIT_USAGE
    password = read_password(args.password_stdin)
    out = TailWriter(args.json)
    warned: list[str | None] = [None]

    def warn_missing(menu: Menu | None) -> None:
        """Name the station's categories `menu` lacks, once per menu that lacks them."""
        if out.station is None or menu is None:
            return
        message = missing_categories_warning(out.station, menu)
        if message is not None and message != warned[0]:
            warned[0] = message
            _say(translate("Tail", "warning"), message)

    app = QCoreApplication.instance() or QCoreApplication(["kds-tail"])
    settings = SessionSettings(args.server, ca_file=args.ca_file, user=args.user, auto_select=False)
    keyring_backend = MemoryKeyring()
    session = Session(
        settings,
        token_store_factory=lambda user: TokenStore(
            settings.base_url, user, backend=keyring_backend
        ),
        state=StateFile(read_only=True),
    )
    exit_code = [EXIT_OK]
    finished = [False]
    shown_state = [""]

    def finish(code: int, dump: bool) -> None:
        if finished[0]:
            return
        finished[0] = True
        exit_code[0] = code
        if dump:
            out.board(session.board.tickets(), session.board.menu)
        out.closed = True  # the board line is the last one
        app.quit()

    def on_connection(state: str, detail: str) -> None:
        shown = _STATES.get(state)
        if shown is None and state == "connecting" and detail:  # a failed first attempt
            shown = "reconnecting"
        if shown is not None and shown != shown_state[0]:
            shown_state[0] = shown
            out.connection(shown, datetime.now(UTC))

    def on_logged_in() -> None:
        rid = match_restaurant(args.restaurant, session.restaurants())
        if rid is None:
            names = ", ".join(f"{r.name} ({r.restaurant_id})" for r in session.restaurants())
            missing = translate("Tail", "No restaurant {wanted} for this user: {names}")
            out.notice("error", missing.format(wanted=repr(args.restaurant), names=names))
            finish(EXIT_LOGIN, dump=False)
            return
        if config is not None:
            choice = station_choice(config, rid)
            if choice.warning is not None:
                _say(translate("Tail", "error"), _no_profile(args.station, rid, choice.profiles))
                finish(EXIT_USAGE, dump=False)
                return
            out.station = choice.station
        session.select_restaurant(rid)

    def on_login_failed(kind: str, message: str) -> None:
        out.notice("error", message)
        finish(EXIT_LOGIN, dump=False)

    def on_signed_out() -> None:
        out.notice("error", translate("Tail", "Signed out by the server: log in again."))
        finish(EXIT_SIGNED_OUT, dump=False)

    def on_change(change: Change) -> None:
        if isinstance(change, OrderAdded | OrderUpdated):
            out.upsert(change.order, session.board.menu)
        elif isinstance(change, MenuChanged) and change.menu is not None:
            warn_missing(change.menu)
            # The lines are placed anew: an order printed before the menu loaded (or by an
            # older one) is printed again, as an upsert is the order's current state.
            for ticket in session.board.tickets():
                if not ticket.detail_pending:
                    out.upsert(ticket, change.menu)
        elif isinstance(change, OrderRemoved):
            final = change.final_status
            out.remove(change.order_id, None if final is None else final.value)
        elif isinstance(change, AlertRaised):
            alerted = session.board.get(change.order_id)
            out.alert(change.order_id, change.order_number, alerted, session.board.menu)

    session.login_succeeded.connect(on_logged_in)
    session.login_failed.connect(on_login_failed)
    session.signed_out.connect(on_signed_out)
    session.connection_changed.connect(on_connection)
    session.notice.connect(out.notice)
    session.board.changed.connect(on_change)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        finish(EXIT_OK, dump=True)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    # Python runs signal handlers only between bytecodes; this timer hands it the thread
    # regularly while Qt's loop runs in C++.
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(100)
    if args.exit_after_s is not None:
        QTimer.singleShot(int(args.exit_after_s * 1000), lambda: finish(EXIT_OK, dump=True))
    session.login(args.user, password)
    del password
    try:
        app.exec()
    finally:
        heartbeat.stop()
        session.shutdown()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return exit_code[0]

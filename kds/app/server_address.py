"""Whether a server address would carry the kitchen's orders and passwords in the clear.

`http://` is fine for a server on the terminal itself (the demo, `kds-server` on loopback, a
test lab's tunnel) and a risk anywhere else: the password at sign-in, every token and every
customer's note would cross the restaurant's Wi-Fi unencrypted. So a plain address to another
machine is warned about where a person types or checks it (the login page, `kds doctor`), and
refused outright when the installer set ``allow_http = false``.
"""

from __future__ import annotations

import ipaddress
import urllib.parse

from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["HTTP_REFUSED", "HTTP_WARNING", "is_loopback", "plain_http"]

# English (`kds doctor` says them so); the screen shows ``translate("ServerAddress", …)``.
HTTP_WARNING = QT_TRANSLATE_NOOP(
    "ServerAddress",
    "Plain http:// sends passwords and orders unencrypted over the network. Use https://.",
)
HTTP_REFUSED = QT_TRANSLATE_NOOP(
    "ServerAddress", "This terminal signs in over https:// only (allow_http = false)."
)

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """``host`` (a name or an address, IPv6 with or without brackets) is this machine."""
    host = host.strip("[]").rstrip(".").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http(url: str) -> bool:
    """``url`` is ``http://`` to a host that is not this machine (unencrypted on the wire)."""
    parts = urllib.parse.urlsplit(url.strip())
    return parts.scheme.lower() == "http" and not is_loopback(parts.hostname or "")

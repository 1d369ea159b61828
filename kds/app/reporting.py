"""``Reporter``: what every part of the live board tells the session, declared once.

The hub link, the resync, the detail fetcher and their controller (``LiveBoard``) each find
things a person must know and each can learn that the server refused the session for good;
the session listens to the controller, which forwards its parts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

__all__ = ["Reporter"]


class Reporter(QObject):
    """A QObject with the two reports of a live-board part.

    Signals:
        notice(str level, str message): something the user should know (``info``,
            ``warning``, ``error``).
        auth_expired(): the server refused the session's tokens for good: back to login.
    """

    notice = Signal(str, str)
    auth_expired = Signal()

    def forward(self, part: Reporter) -> None:
        """Report what ``part`` reports, as this object's own."""
        part.notice.connect(self.notice)
        part.auth_expired.connect(self.auth_expired)

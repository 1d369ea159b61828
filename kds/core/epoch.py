"""``Epoch``: the one way this client drops a callback that arrives too late.

Background work (a socket reader, a REST call on a worker, a hub being built) reports back
later, on another thread or a later turn of the event loop. By then what it was started for may
be gone: the connection was torn down, the hub replaced, the restaurant switched, the user
signed out. Each owner of such work keeps an ``Epoch``: it takes a ``stamp()`` when it starts
the work, ``advance()``s when what the work was for ends, and the arriving callback is applied
only while ``current(stamp)``. Three owners use it — ``HubLink`` (per hub client),
``LiveBoard`` (per restaurant shown), ``Session`` (per sign-in) — each for its own scope.
(``HubClient``'s connection handlers need no counter: the connection object is its own stamp,
current while it is the client's ``_link``.)

Not locked: the owner advances it on one thread; a read from another thread sees either the
old or the new value (a Python int), and a callback that races an ``advance`` is the same as
one that arrived just before it.
"""

from __future__ import annotations

__all__ = ["Epoch"]


class Epoch:
    """A counter whose stamps go stale when it advances."""

    __slots__ = ("_value",)

    def __init__(self) -> None:
        self._value = 0

    def stamp(self) -> int:
        """The current epoch, to carry with work started now."""
        return self._value

    def advance(self) -> int:
        """End the current epoch: every stamp taken so far is stale. Returns the new one."""
        self._value += 1
        return self._value

    def current(self, stamp: int) -> bool:
        """True while nothing has ended since ``stamp`` was taken."""
        return stamp == self._value

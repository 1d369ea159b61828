"""Hub definitions and transport-independent dispatch with ASP.NET Core's exact error texts."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kds.server.signalr import protocol as p

if TYPE_CHECKING:
    from kds.server.signalr.connection import HubConnection

log = logging.getLogger("kds.server.signalr")


class HubException(Exception):
    """Raised by a hub method: its message reaches the caller after ``HubException: ``."""


class BindingError(Exception):
    """The arguments do not fit the method (count or type): the binding-failure text."""


@dataclass(frozen=True, slots=True)
class CallContext:
    """What a hub method may see and do: the caller's identity and its group memberships."""

    connection: HubConnection

    @property
    def principal(self) -> Any:
        return self.connection.principal

    @property
    def connection_id(self) -> str:
        return self.connection.connection_id

    def add_to_group(self, group: str) -> None:
        self.connection.manager.add_to_group(self.connection, group)

    def remove_from_group(self, group: str) -> None:
        self.connection.manager.remove_from_group(self.connection, group)


Binder = Callable[[Any], Any]
Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class HubMethod:
    """A method callable by clients: one binder per parameter, then the handler(ctx, *args).

    Binding happens before the call, as in ASP.NET, so a wrong argument count or type gives the
    binding-failure text and never runs the handler.
    """

    name: str
    binders: Sequence[Binder]
    handler: Handler

    def bind(self, arguments: list[Any]) -> list[Any]:
        if len(arguments) != len(self.binders):
            raise BindingError(
                f"Invocation provides {len(arguments)} argument(s) but target expects "
                f"{len(self.binders)}."
            )
        return [bind(arg) for bind, arg in zip(self.binders, arguments, strict=True)]


_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def guid_arg(value: Any) -> str:
    """Bind a System.Guid parameter: a canonical ("D") GUID string, returned lower-case."""
    if not isinstance(value, str) or not _GUID.match(value):
        raise BindingError("Error binding arguments: expected a GUID string.")
    return value.lower()


def any_arg(value: Any) -> Any:
    return value


class Hub:
    """A named set of methods mapped at ``path``; method lookup ignores case, as ASP.NET's."""

    def __init__(self, path: str, methods: Sequence[HubMethod]) -> None:
        self.path = path
        self._methods: Mapping[str, HubMethod] = {m.name.lower(): m for m in methods}

    def find(self, name: str) -> HubMethod | None:
        return self._methods.get(name.lower())


# ---------------------------------------------------------------- error texts (ErrorMessageHelper)


def _with_cause(text: str, exc: BaseException, detailed: bool, kind: str) -> str:
    """ASP.NET's rule: a HubException's message always reaches the client; any other
    exception's (named `kind`) only with detailed errors on."""
    if isinstance(exc, HubException):
        return f"{text} HubException: {exc}"
    if detailed:
        return f"{text} {kind}: {exc}"
    return text


def unexpected_error(target: str, exc: BaseException, detailed: bool) -> str:
    text = f"An unexpected error occurred invoking '{target}' on the server."
    return _with_cause(text, exc, detailed, type(exc).__name__)


def binding_error(target: str, exc: BaseException, detailed: bool) -> str:
    text = f"Failed to invoke '{target}' due to an error on the server."
    return _with_cause(text, exc, detailed, "InvalidDataException")


def streaming_mismatch(target: str) -> str:
    return (
        f"The client attempted to invoke the non-streaming '{target}' method with a streaming "
        "invocation."
    )


METHOD_DOES_NOT_EXIST = "Method does not exist."


async def invoke(
    hub: Hub, connection: HubConnection, message: p.Invocation | p.StreamInvocation, detailed: bool
) -> str | None:
    """Run one invocation; return the Completion record to send, or None for a non-blocking call.

    Exactly one Completion per blocking call (result or error), none for a non-blocking one, even
    when it fails: that is the contract the clients' pending-call maps rely on.
    """
    target = message.target
    inv_id = message.invocation_id
    method = hub.find(target)
    try:
        if method is None:
            raise HubException(METHOD_DOES_NOT_EXIST)
        bound = method.bind(message.arguments)
    except (HubException, BindingError) as exc:
        log.info("binding failed for %r on %s: %s", target, hub.path, exc)
        return _error(inv_id, binding_error(target, exc, detailed))
    if isinstance(message, p.StreamInvocation):
        return _error(inv_id, streaming_mismatch(target))
    if message.stream_ids:
        count = len(message.stream_ids)
        mismatch = HubException(f"Client sent {count} stream(s), Hub method expects 0.")
        return _error(inv_id, unexpected_error(target, mismatch, detailed))
    try:
        result = await method.handler(CallContext(connection), *bound)
    except HubException as exc:
        return _error(inv_id, unexpected_error(target, exc, detailed))
    except Exception as exc:  # a bug in a hub method must not kill the connection
        log.exception("hub method %s on %s failed", target, hub.path)
        return _error(inv_id, unexpected_error(target, exc, detailed))
    return None if inv_id is None else p.encode_completion(inv_id, result=result)


def _error(invocation_id: str | None, text: str) -> str | None:
    # Non-blocking calls fail silently: the callee must never reply to them.
    return None if invocation_id is None else p.encode_completion(invocation_id, error=text)

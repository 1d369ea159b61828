"""SignalR server side (ASP.NET Core wire compatible): protocol, transports, connections, groups."""

from __future__ import annotations

from kds.server.signalr.hub import BindingError, CallContext, Hub, HubException, HubMethod, guid_arg
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.options import HubOptions
from kds.server.signalr.protocol import ProtocolError
from kds.server.signalr.routes import hub_routes

__all__ = [
    "BindingError",
    "CallContext",
    "ConnectionManager",
    "Hub",
    "HubException",
    "HubMethod",
    "HubOptions",
    "ProtocolError",
    "guid_arg",
    "hub_routes",
]

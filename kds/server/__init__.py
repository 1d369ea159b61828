"""kds-server: a reference backend speaking YummyZoom's REST API and the SignalR protocol."""

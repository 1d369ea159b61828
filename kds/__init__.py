"""kds: a kitchen display system for the YummyZoom ordering backend."""

__version__ = "0.1.0"

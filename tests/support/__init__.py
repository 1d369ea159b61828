"""Shared test helpers: the real kds-server as a subprocess, fixtures, small REST helpers."""

"""Suite-wide settings: headless Qt and the hypothesis profiles."""

from __future__ import annotations

import os

# Qt aborts the process without a display unless told to render offscreen; set it before
# anything imports PySide6 (pytest-qt has no ini option for this).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, settings

pytest_plugins = ["tests.support.plugin", "tests.security.secrets_plugin"]

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

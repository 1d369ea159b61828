"""The language of a headless tool's human-readable text: the screen's `language` setting.

`kds doctor`, `kds tail` and `kds demo` speak the language the kitchen screen speaks: the
`language` key of config.toml, the screen's own choice (the state file, read only),
``KDS_LANGUAGE``, or the tool's ``--language``; ``auto`` follows the system's locale. The same
loader as the screen's reads them (`kds.app.settings.Settings`), so there is one answer.

Machine-readable output (``--json``) never loads a catalogue: every word in it stays English,
byte for byte, whatever the language (scripts parse it). ``--help`` stays English too: its
lines come from the key table and are for installers.

Qt's translators need a `QCoreApplication`; a headless tool loads QtCore only, never
QtWidgets (`kds tail` on a server without a display).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

__all__ = ["CHOICES", "add_language_argument", "configured_language", "speak", "translate"]

CHOICES = ("auto", "en", "vi")
"""The `language` key's choices (`kds.app.config_keys`), for the tools' ``--language``: written
here because importing the key table loads Qt, which ``kds --help`` must not (a test holds the
two equal)."""

_APP: list[QCoreApplication] = []  # the tool's application, alive until the process ends


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`kds.app.i18n.translate`, with Qt imported at the first call, not with the module:
    ``kds --version`` and ``kds --help`` stay fast and never load Qt. ``lupdate`` reads these
    calls as it reads `kds.app.i18n.translate`'s (same name, literal arguments)."""
    from kds.app import i18n

    return i18n.translate(context, text, disambiguation, n)


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    """``--language auto|en|vi`` for a tool's readable text."""
    parser.add_argument(
        "--language",
        choices=CHOICES,
        default=None,
        help="language of the readable text (default: the `language` setting, else the "
        "system's); --json output is always English",
    )


def configured_language(flag: str | None, state_path: Path | None = None) -> str:
    """``en`` or ``vi``: `flag`, else the screen's `language` setting, else the system's.

    A configuration that does not load (a broken config.toml, a bad ``KDS_LANGUAGE``) does not
    stop a diagnostic tool: the flag or the system's language is used, and the tool that needs
    the configuration says what is wrong with it. `state_path`: the screen's state file, if
    not the user's (`kds demo`'s own).
    """
    from kds.app import i18n
    from kds.app.config import ConfigError
    from kds.app.settings import Settings

    try:
        settings = Settings.load(state_path=state_path, cli={"language": flag}, read_only=True)
        language = settings.config.language
    except ConfigError:
        language = flag
    return i18n.resolve(language)


def speak(
    flag: str | None, app_name: str = "kds", *, state_path: Path | None = None
) -> QCoreApplication:
    """Install the catalogue of `configured_language` (a `QCoreApplication` made if none
    exists, which is returned); call before the first readable word is built."""
    from PySide6.QtCore import QCoreApplication

    from kds.app import i18n

    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication([sys.argv[0] if sys.argv else app_name])
        app.setApplicationName(app_name)
        _APP.append(app)
    i18n.install(configured_language(flag, state_path))
    return app

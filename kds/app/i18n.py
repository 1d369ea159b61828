"""The screen's language: which one, loading its catalogue, and `translate` for every layer above
`kds.net`.

Translations are Qt's own: the words are marked in the code with
``translate("Context", "English text")`` (or `kds.core.words.QT_TRANSLATE_NOOP` below the Qt
layers), ``pyside6-lupdate`` collects them into ``kds/i18n/kds_<lang>.ts``, a translator fills
those in (Qt Linguist or any editor), and ``pyside6-lrelease`` compiles them to the ``.qm``
files loaded here (``scripts/translations.py``; the set-up and the packaging run its ``build``).
No catalogue code of our own.

Rules for a marked string (``docs/translating.md``):
- the context and the text are literals, never f-strings (``lupdate`` reads the source text);
- values go in as named ``{placeholders}`` filled by ``str.format`` after translating, so a
  translation may move them;
- a count uses Qt's plural form: ``translate("Ctx", "%n orders", None, count)``.

The language also sets Qt's default `QLocale`, which the money and time formats read, so
there is one switch for words, numbers and money.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

__all__ = [
    "CATALOGUE_DIR",
    "LANGUAGES",
    "Catalogue",
    "current_language",
    "install",
    "locale_name",
    "resolve",
    "system_language",
    "translate",
]

log = logging.getLogger(__name__)

LANGUAGES = ("en", "vi")
"""The languages the screen speaks; English is the source language of every string."""

CATALOGUE_DIR = Path(__file__).resolve().parents[1] / "i18n"
"""Where ``kds_<lang>.ts`` (the sources, in git) and ``kds_<lang>.qm`` (built) live."""

_LOCALES = {"en": "en_US", "vi": "vi_VN"}


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the screen's language (itself when it has no translation).

    Args:
        context: the catalogue's group for the string, by convention the class or module that
            shows it.
        text: the English source text, a literal.
        disambiguation: tells two identical English texts with different meanings apart.
        n: the count for a plural form; ``%n`` in the text is replaced by it.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def system_language() -> str:
    """``vi`` when the system's locale is Vietnamese, else ``en``."""
    return "vi" if QLocale.system().language() == QLocale.Language.Vietnamese else "en"


def resolve(configured: str | None) -> str:
    """The language to speak for the `language` setting (``auto``/unset: the system's)."""
    if configured in LANGUAGES:
        return str(configured)
    return system_language()


def locale_name(language: str) -> str:
    """The CLDR/Qt locale of a screen language: ``vi`` → ``vi_VN``."""
    return _LOCALES.get(language, "en_US")


class Catalogue:
    """The translators this process has installed, so a second `install` replaces them."""

    def __init__(self) -> None:
        self.language = "en"
        self._translators: list[QTranslator] = []

    def install(self, language: str) -> bool:
        """Speak `language` from now on; False when its catalogue is missing (English shows)."""
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                QCoreApplication.removeTranslator(translator)
        self._translators.clear()
        self.language = language if language in LANGUAGES else "en"
        QLocale.setDefault(QLocale(locale_name(self.language)))
        name = f"kds_{self.language}"
        translator = QTranslator()
        if not translator.load(name, str(CATALOGUE_DIR)):
            if self.language != "en":  # English needs its catalogue for plurals only
                log.warning(
                    "no %s.qm in %s: the screen stays in English (run scripts/setup, which "
                    "builds the translations)",
                    name,
                    CATALOGUE_DIR,
                )
            return False
        if app is None or not QCoreApplication.installTranslator(translator):
            log.warning("could not install %s (no application yet)", name)
            return False
        self._translators.append(translator)
        return True


_CATALOGUE = Catalogue()


def install(language: str) -> bool:
    """Load `language`'s catalogue into the running application and make its locale the default.

    Call after the `QCoreApplication` exists; calling again switches language (the words already
    on screen stay until their widgets set their text again).
    """
    return _CATALOGUE.install(language)


def current_language() -> str:
    """The language last installed (``en`` before any)."""
    return _CATALOGUE.language

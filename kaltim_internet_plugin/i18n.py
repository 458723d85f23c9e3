"""One translation helper for the whole plugin.

Every user-visible string goes through :func:`tr` with a single literal argument; ``scripts/i18n.py`` extracts
those literals (with ``ast``) into ``i18n/kaltim_internet_plugin_id.ts`` under one context, ``KaltimInternet``.
"""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "KaltimInternet"
_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None
_lang = "en"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ui_lang() -> str:
    """The language tr() answers in: ``"id"`` while the Indonesian translator is installed, else ``"en"``.
    Numbers, money and dates are written for this language (core.formatting), so they match the words."""
    return _lang


def user_locale() -> str:
    """Two-letter locale QGIS uses: its override setting if set, else the system locale."""
    settings = QSettings()
    override = settings.value("locale/overrideFlag", False, type=bool)
    name = settings.value("locale/userLocale", "", type=str) if override else ""
    if not name:
        name = settings.value("locale/globalLocale", "", type=str) or QLocale.system().name()
    return (name or "en")[:2].lower()


def install_translator(locale: str | None = None) -> str | None:
    """Load ``i18n/kaltim_internet_plugin_<locale>.qm`` if it exists. Returns the path loaded, or None."""
    global _translator, _qt_translator, _lang
    from .paths import i18n_dir

    locale = (locale or user_locale())[:2]
    qm = i18n_dir() / f"kaltim_internet_plugin_{locale}.qm"
    remove_translator()
    if not qm.exists():
        return None
    translator = QTranslator()
    if translator.load(str(qm)):
        QCoreApplication.installTranslator(translator)
        _translator = translator
        _lang = "id" if locale.lower() in ("id", "in") else locale.lower()
        _qt_translator = _install_qt_translator(i18n_dir(), locale)
        return str(qm)
    return None


def _install_qt_translator(folder, locale: str):
    """Qt's standard texts (OK/Cancel/Close/Yes/No) for ``locale`` when Qt itself has none (Indonesian)."""
    from qgis.PyQt.QtCore import QLibraryInfo

    qt_dir = QLibraryInfo.location(QLibraryInfo.LibraryLocation.TranslationsPath)
    probe = QTranslator()
    if probe.load(f"qtbase_{locale}", qt_dir):  # Qt (or QGIS) translates itself: nothing to add
        return None
    qm = folder / f"qt_{locale}.qm"
    translator = QTranslator()
    if qm.exists() and translator.load(str(qm)):
        QCoreApplication.installTranslator(translator)
        return translator
    return None


def remove_translator() -> None:
    global _translator, _qt_translator, _lang
    for t in (_translator, _qt_translator):
        if t is not None:
            QCoreApplication.removeTranslator(t)
    _translator = _qt_translator = None
    _lang = "en"

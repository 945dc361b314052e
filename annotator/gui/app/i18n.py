"""UI languages: English (the source strings) and Arabic (``resources/i18n/annotator_ar.qm``).
English has a translation file too, with only the messages that count something
(``annotator_en.qm``: "1 span", "2 spans"); Arabic has six plural forms.

Arabic turns the whole window right-to-left.  The corpus text keeps its own direction
whatever the UI language is (the document view decides that from the text).  The ``.ts``
sources are kept up to date with ``python scripts/translations.py`` (``lupdate`` and
``lrelease`` from PySide6).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.resources import resource_path

#: Language code -> its own name, as the settings dialog lists it.
LANGUAGES = {"en": "English", "ar": "العربية"}
RTL_LANGUAGES = {"ar"}

_installed: list[QTranslator] = []


def qm_path(lang: str) -> str:
    """Return the path of annotator's compiled translation for ``lang``."""
    return str(resource_path("i18n", f"annotator_{lang}.qm"))


def apply_language(app: QApplication, lang: str) -> str:
    """Install ``lang``'s translations (annotator's and Qt's own) and its layout direction;
    return the language actually used ("en" if ``lang`` is unknown)."""
    lang = lang if lang in LANGUAGES else "en"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    plurals = QTranslator(app)  # English: the singular and plural forms of counted messages
    if lang == "en" and plurals.load(qm_path("en")):
        app.installTranslator(plurals)
        _installed.append(plurals)
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(qm_path(lang)):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(lang))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES else Qt.LayoutDirection.LeftToRight)
    return lang

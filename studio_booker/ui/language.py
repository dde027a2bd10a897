"""The window's language: chosen from the system locale or the preferences, installed as Qt
translators (the program's own catalogue and Qt's qtbase, so standard dialogs match), and
switched by rebuilding the main window on the same database.

Rebuilding, not retranslating widget by widget: every text is made once, where its widget is
made, so no text can be forgotten by a retranslate method; a new window on the same engine
opens in a fraction of a second and keeps the zoom, date and layout (they are preferences and
window state, saved on close). See docs/decisions.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..i18n import ENGLISH, LANGUAGES, language_of, set_language
from ..i18n.catalogues import qt_translator, translator
from .prefs import Preferences

if TYPE_CHECKING:
    from .main_window import MainWindow

NATIVE_NAMES = {"zh_CN": "中文（简体）", "en": "English", "ru": "Русский"}  # each in its own language
_installed: list[QTranslator] = []


def system_language() -> str:
    """The system locale's language when the program speaks it, else English."""
    return language_of(QLocale.system().name()) or ENGLISH


def chosen_language(prefs: Preferences) -> str:
    """The preference, else the system's language."""
    chosen = prefs.get(Preferences.LANGUAGE)
    return chosen if chosen in LANGUAGES else system_language()


def apply_language(lang: str) -> None:
    """Make `lang` the language of the messages, the translators and the default QLocale
    (dates, times and numbers)."""
    set_language(lang)
    QLocale.setDefault(QLocale(lang))
    app = QCoreApplication.instance()
    if app is None:
        return
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed[:] = [translator(lang), qt_translator(lang)]
    for t in _installed:
        QCoreApplication.installTranslator(t)


def switch_language(window: MainWindow, lang: str) -> MainWindow:
    """Remember `lang` (or "" for the system's), and show the window again in it: a new main
    window on the same database replaces `window`."""
    window.prefs.set(Preferences.LANGUAGE, lang)
    apply_language(lang or system_language())
    return window.reopen()

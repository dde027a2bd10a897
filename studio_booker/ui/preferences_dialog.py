"""Edit ▸ Preferences: the window's language (more choices join it later)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from ..i18n import arg, translate
from .language import NATIVE_NAMES, system_language
from .prefs import Preferences


class PreferencesDialog(QDialog):
    """Window-modal; `chosen()` is the language picked: "" for the system's, else a code."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PreferencesDialog", "Preferences"))
        self.setObjectName("preferences_dialog")
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        system = NATIVE_NAMES[system_language()]
        self.language.addItem(arg(translate("PreferencesDialog", "System language (%1)"), system), "")
        for code, name in NATIVE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(prefs.get(Preferences.LANGUAGE)), 0))
        form = QFormLayout(self)
        form.addRow(translate("PreferencesDialog", "&Language:"), self.language)
        note = QLabel(translate("PreferencesDialog",
                                "The window is shown again in the new language at once; "
                                "nothing is lost."), self)
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> str:
        return str(self.language.currentData())

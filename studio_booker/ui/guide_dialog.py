"""Help ▸ User guide: the guide in docs/guide, in the window's language (Chinese, else English),
shown as Markdown in a browser pane, pictures included. Links to other files open there too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import current_language, translate
from ..paths import guide_dir


def guide_file(lang: str | None = None) -> Path:
    """The guide's first page in `lang` (default: the current language), English when the
    guide has no such language."""
    lang = lang or current_language()
    for folder in (lang, "en"):
        page = guide_dir() / folder / "index.md"
        if page.is_file():
            return page
    raise FileNotFoundError(guide_dir() / "en" / "index.md")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_dialog")
        self.setWindowTitle(translate("GuideDialog", "User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        page = guide_file()
        self.browser.setSearchPaths([str(page.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(page)), QTextDocument.ResourceType.MarkdownResource)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 700)

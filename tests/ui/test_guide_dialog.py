"""Help ▸ User guide shows the guide in the window's language, with its pictures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from studio_booker.ui.guide_dialog import GuideDialog
from studio_booker.ui.language import apply_language


@pytest.fixture(autouse=True)
def english_after():
    yield
    apply_language("en")


@pytest.mark.parametrize(("lang", "heading"), [("en", "Book a stage"), ("zh_CN", "预订摄影棚"),
                                               ("ru", "Book a stage")])  # no Russian guide yet: English
def test_the_guide_opens_in_the_window_language_with_its_pictures(qtbot, lang, heading) -> None:
    apply_language(lang)
    d = GuideDialog()
    qtbot.addWidget(d)
    assert heading in d.browser.toPlainText()
    image = QTextDocument.ResourceType.ImageResource
    picture = d.browser.document().resource(image, QUrl("images/window.png"))
    assert picture is not None and not picture.isNull()

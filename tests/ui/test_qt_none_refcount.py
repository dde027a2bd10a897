"""Guard against the PySide6 6.12.0 regression (STYLE.md): each call of a Qt method that returns
nothing took one reference from None, and a painting timeline soon aborted with none_dealloc."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

CALLS = 100_000


def test_void_qt_methods_do_not_steal_references_from_none(qapp):
    colour = QColor(10, 20, 30)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen(Qt.GlobalColor.red)
    try:
        for i in range(1000):  # warm-up: caches and lazily created wrappers
            colour.setRed(i % 256)
            painter.setPen(pen)
        before = sys.getrefcount(None)
        for i in range(CALLS):
            colour.setRed(i % 256)
            painter.setPen(pen)
        after = sys.getrefcount(None)
    finally:
        painter.end()
    # a leak of one reference per call would show as 200,000; allow a little noise
    assert after >= before - 100, f"None lost {before - after} references over {2 * CALLS} calls"
